"""Benchmarks: page weight and slow networks (bench/pages.py), then build speed. Prints
figures; asserts nothing.

0. bench/pages.py: the first-visit weight of every page and the times on slow
   and fast 3G, over nginx, against a stock Material build (see its docstring).

1. The shipped guide built by the hooks in every edition, against plain-Markdown
   Material builds of the same text (same theme and features, no hooks; one
   build per edition, as Material builds one language at a time): the ratio.
2. Per-page build time for synthetic YAML guides of 1x, 10x and 50x the
   shipped guide's page count, in every edition, to show growth is linear.
The shipped guide is built with its real translations. The generated guides of
the scale runs have none, so each edition gets a stand-in: the English words
marked "ES-", written with the translators' own tool, so the build does the
work a real translation asks of it.
Each build runs in its own process; time covers the build only, and peak
memory is that process's maximum resident size. Both the wall-clock time and
the CPU time (user + system) are measured: on a shared, busy machine the CPU
time is the steadier figure.

Usage: python bench/build.py [--repeat N] [--scales 1,10,50] [--editions en,es] [--only pages|build]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from steady_ground.editions import read_layers  # noqa: E402
from steady_ground.project import Project, load_project, load_project_site  # noqa: E402
from steady_ground.translations import skeleton  # noqa: E402

WORDS = ("you can take small steady steps and ask for help when a talk feels hard or unsafe "
         "write down what happened notice patterns over weeks keep trusted people close").split()


def measure_one(config: Path) -> None:
    """Child process: build once, print seconds and peak memory as JSON."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as out:
        cfg = load_config(str(config), site_dir=out)
        before = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        build(cfg)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_mib = after.ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": peak_mib}))


def run_build(config: Path, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, __file__, "--one", str(config)], capture_output=True, text=True,
                             check=True).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return {"seconds": statistics.median(r["seconds"] for r in runs), "first": runs[0]["seconds"],
            "cpu": statistics.median(r["cpu"] for r in runs), "peak_mib": max(r["peak_mib"] for r in runs)}


def _config(project: Path, hooks: bool, edition=None) -> Path:
    text = (ROOT / "mkdocs.yml").read_text()
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = text.replace("  - hooks/site_hooks.py", f"  - {ROOT / 'hooks' / 'site_hooks.py'}")
    start = text.index("watch:\n")  # nothing to watch in a one-off build
    end = text.index("\n\n", start)
    text = text[:start] + text[end + 2:]
    if not hooks:
        start = text.index("hooks:\n")
        end = text.index("\n\n", start)
        text = text[:start] + text[end + 2:]
        text = text.replace("docs_dir: content", "docs_dir: docs")
        text = text.replace("  language: en\n", f"  language: {edition.language}\n")
        # Material's templates read the organization settings the hooks would set.
        settings = edition.settings
        text += "\n" + yaml.safe_dump({"extra": {"generator": False, "organization": settings.organization,
                                                 "strings": settings.strings}})
    path = project / "mkdocs.yml"
    path.write_text(text)
    return path


def _plain_markdown(project: Path, guide) -> None:
    """One edition of the guide as plain Markdown pages, for the baseline."""
    docs = project / "docs"
    for page in guide.pages:
        lines = [f"# {page.title}", "", page.summary, ""]
        for block in page.blocks:
            for key, value in block.data.items():
                if key in ("id", "see", "type") or value in (None, [], ""):
                    continue
                lines += _markdown_of(value, heading=key in ("heading", "question", "situation", "name"))
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines))


def _markdown_of(value, heading: bool = False) -> list[str]:
    if isinstance(value, str):
        return [f"## {value}" if heading else value, ""]
    if isinstance(value, list):
        out = []
        for item in value:
            out += _markdown_of(item) if not isinstance(item, str) else [f"- {item}"]
        return out + [""]
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            if key not in ("kind", "id") and item not in (None, [], ""):
                out += _markdown_of(item, heading=key == "heading")
        return out
    return []


def _sentence(seed: int, length: int = 12) -> str:
    words = [WORDS[(seed * 7 + i * 3) % len(WORDS)] for i in range(length)]
    return " ".join(words).capitalize() + "."


def _site_data(project: Path) -> None:
    """The shipped settings and their translations, with no overrides or editions of their own."""
    shutil.copytree(ROOT / "site-data", project / "site-data", ignore=shutil.ignore_patterns("overrides"))
    organization = project / "site-data" / "organization.yml"
    organization.write_text("".join(line for line in organization.read_text().splitlines(True)
                                    if not line.startswith("editions:")))


def _synthetic(project: Path, pages: int) -> None:
    """A guide of `pages` pages, each with one block of every common type, in folders of 25."""
    _site_data(project)
    content = project / "content"
    content.mkdir()
    for number in range(pages):
        folder = content if number == 0 else content / f"{10 + number // 25:03d}-part-{number // 25}"
        if folder != content and not (folder / "_section.yml").exists():
            folder.mkdir()
            (folder / "_section.yml").write_text(f"title: Part {number // 25}\n")
        page_id = "home" if number == 0 else f"page-{number}"
        s = lambda k: _sentence(number * 13 + k)  # noqa: E731
        blocks = [
            {"type": "section", "id": f"{page_id}-section", "heading": s(1)[:40], "intro": s(2),
             "body": [s(3), {"bullets": [s(4), s(5), s(6)]}, s(7)]},
            {"type": "faq", "id": f"{page_id}-faq", "question": s(8)[:50] + "?", "answer": [s(9), s(10)]},
            {"type": "script", "id": f"{page_id}-script", "situation": s(11)[:40], "say": s(12), "why": s(13)},
            {"type": "exercise", "id": f"{page_id}-exercise", "name": s(14)[:30], "duration": "5 minutes",
             "when": s(15), "steps": [s(16), s(17), s(18)]},
            {"type": "timeline", "id": f"{page_id}-timeline", "heading": s(19)[:40], "phases": [
                {"name": s(20)[:20], "from": "days", "to": "weeks", "expect": s(21)},
                {"name": s(22)[:20], "from": "6 months", "to": "1 year", "expect": s(23)}]},
            {"type": "checklist", "id": f"{page_id}-checklist", "heading": s(24)[:40],
             "items": [s(25), {"item": s(26), "helps": s(27)}], "see": ["home"]},
        ]
        page = {"title": f"Page {number}", "summary": s(0), "blocks": blocks}
        (folder / f"{number % 25:02d}-{page_id}.yml").write_text(yaml.safe_dump(page, sort_keys=False))


def _marked(words):
    """Stand-in words: the English marked 'ES-' (no word added; links, emphasis and fingerprints kept)."""
    if isinstance(words, str):
        return "ES-" + words
    if isinstance(words, list):
        return [_marked(item) for item in words]
    if isinstance(words, dict):
        return {key: value if key == "source" else _marked(value) for key, value in words.items()}
    return words


def _with_editions(project: Path, editions: list[str]) -> None:
    """Switch the project's editions on, giving each that lacks them stand-in translations."""
    organization = project / "site-data" / "organization.yml"
    organization.write_text(organization.read_text() + f"editions: [{', '.join(editions)}]\n")
    layers, _, problems = read_layers(project / "content", project / "site-data", project)
    assert not problems, problems
    sources = [page.path for page in layers.content.pages] + [s.path for s in layers.content.sections.values()]
    sources.append(project / "site-data" / "organization.yml")
    for language in editions:
        for source in sources:
            target = layers.translation_of(source, language)
            if target is None or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            words = _marked(yaml.safe_load(skeleton(layers, source, language)))
            target.write_text(yaml.safe_dump(words, allow_unicode=True, sort_keys=False))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scales", default="1,10,50")
    parser.add_argument("--editions", default="en,es", help="the editions to build, the default first")
    parser.add_argument("--only", choices=("pages", "build"), help="one of the two benchmarks")
    parser.add_argument("--runs", type=int, default=3, help="slow-network visits per page (median)")
    args = parser.parse_args()
    if args.one:
        measure_one(args.one)
        return
    if args.only != "build":
        sys.path.insert(0, str(ROOT / "bench"))
        import pages

        pages.main(["--runs", str(args.runs)])
        print()
        if args.only == "pages":
            return

    guide, _ = load_project(Project.at(ROOT))
    base_pages = len(guide.pages)
    editions = args.editions.split(",")
    print(f"Shipped guide: {base_pages} pages, {sum(len(p.blocks) for p in guide.pages)} blocks, "
          f"{len(editions)} edition(s) ({', '.join(editions)}); median of {args.repeat} builds each\n")

    def project_with(name: str, content: Path | None) -> Path:
        project = Path(tmp) / name
        project.mkdir()
        if content is not None:
            # The shipped guide keeps its real translations; generated pages get stand-ins.
            shutil.copytree(content, project / "content")
            _site_data(project)
        return project

    with tempfile.TemporaryDirectory() as tmp:
        hooked_project = project_with("hooked", ROOT / "content")
        if len(editions) > 1 or editions != ["en"]:
            _with_editions(hooked_project, editions)
        site = load_project_site(Project.at(hooked_project))
        baseline = {"seconds": 0.0, "first": 0.0, "cpu": 0.0, "peak_mib": 0.0}
        for edition in site.editions.values():
            plain = project_with(f"plain-{edition.language}", None)
            _plain_markdown(plain, edition.guide)
            one = run_build(_config(plain, hooks=False, edition=edition), args.repeat)
            baseline = {"seconds": baseline["seconds"] + one["seconds"], "first": baseline["first"] + one["first"],
                        "cpu": baseline["cpu"] + one["cpu"], "peak_mib": max(baseline["peak_mib"], one["peak_mib"])}
        hooked = run_build(_config(hooked_project, hooks=True), args.repeat)
        ratio = hooked["seconds"] / baseline["seconds"]
        pages = base_pages * len(site.editions)
        print("Full build, every edition     seconds   ms/page   CPU s   CPU ms/page   peak MiB")
        for name, run in (("plain Markdown (baseline)", baseline), ("YAML through the hooks", hooked)):
            print(f"  {name:26s}  {run['seconds']:7.2f}   {run['seconds'] / pages * 1000:7.1f}   {run['cpu']:5.2f}"
                  f"   {run['cpu'] / pages * 1000:11.1f}   {run['peak_mib']:8.0f}")
        print(f"  ratio hooks / baseline      {ratio:7.2f}             {hooked['cpu'] / baseline['cpu']:5.2f}"
              "   (per page; target <= 1.25)")
        # The hooks keep compiled block templates in Jinja's bytecode cache; the first
        # build after a template changes compiles them again.
        print(f"  first build of each (cold)  {baseline['first']:7.2f} / {hooked['first']:.2f}"
              f" = {hooked['first'] / baseline['first']:.2f}\n")

        print("Scale   pages   seconds   ms/page   vs 1x   CPU ms/page   vs 1x   peak MiB   (pages: of every edition)")
        first = first_cpu = None
        for scale in [int(s) for s in args.scales.split(",")]:
            project = Path(tmp) / f"scale-{scale}"
            project.mkdir()
            pages = base_pages * scale
            _synthetic(project, pages)
            if len(editions) > 1 or editions != ["en"]:
                _with_editions(project, editions)
            pages *= len(editions)
            result = run_build(_config(project, hooks=True), args.repeat if scale < 50 else 1)
            per_page = result["seconds"] / pages * 1000
            cpu_per_page = result["cpu"] / pages * 1000
            first, first_cpu = first or per_page, first_cpu or cpu_per_page
            print(f"{scale:4d}x  {pages:6d}   {result['seconds']:7.2f}   {per_page:7.2f}   {per_page / first:5.2f}   "
                  f"{cpu_per_page:11.2f}   {cpu_per_page / first_cpu:5.2f}   {result['peak_mib']:8.0f}")
        print("\nTarget: ms/page at 50x within 1.2x of 1x (linear growth).")


if __name__ == "__main__":
    main()
