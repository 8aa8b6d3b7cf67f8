import yaml

from steady_ground.testing import PROJECT_ROOT, render_blocks


def test_channels_come_from_the_organization_settings():
    organization = yaml.safe_load((PROJECT_ROOT / "site-data" / "organization.yml").read_text())
    html = render_blocks({"type": "help_channels", "heading": "Talk to someone"})
    number = organization["emergency"]["number"]
    assert f'href="tel:{number}"' in html
    for channel in organization["help_channels"]:
        assert channel["label"] in html
