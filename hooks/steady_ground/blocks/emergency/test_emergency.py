import yaml

from steady_ground.testing import PROJECT_ROOT, check_blocks, render_blocks

EMERGENCY = {"type": "emergency", "heading": "In danger right now?", "intro": "Only this number sends help.",
             "body": ["Then talk to an advocate."]}


def test_call_link_uses_the_organization_number_before_the_text():
    organization = yaml.safe_load((PROJECT_ROOT / "site-data" / "organization.yml").read_text())
    strings = yaml.safe_load((PROJECT_ROOT / "site-data" / "strings" / "en.yml").read_text())
    number = organization["emergency"]["number"]
    html = render_blocks(EMERGENCY)
    link = f'<a class="sg-emergency__number" href="tel:{number.replace(" ", "")}">{strings["emergency_call"] % number}</a>'
    assert link in html
    assert html.index('id="in-danger-right-now"') < html.index(link) < html.index("Only this number sends help.")
    assert html.index("Only this number sends help.") < html.index("Then talk to an advocate.")


def test_heading_is_required():
    report = check_blocks({"type": "emergency", "intro": "Call now."})
    assert "blocks[0].heading: is missing; expected text" in report
