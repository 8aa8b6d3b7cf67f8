"""A lean build: `make build`, `make serve` and `make check` install only what the build needs,
`make bundle` adds only the offline copy's npm package, and `make test` everything."""
from __future__ import annotations

import json
import re
import subprocess
from importlib.metadata import distribution
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
TEST_TOOLS = {"pytest", "playwright", "axe-playwright-python", "textstat"}


def locked(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            package, _, version = line.partition("==")
            pins[normal(package)] = version
    return pins


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def needs(names: list[str]) -> set[str]:
    """Every installed distribution these need, themselves included."""
    found, waiting = set(), [normal(name) for name in names]
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        found.add(name)
        for text in distribution(name).requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                waiting.append(normal(requirement.name))
    return found


def make_commands(target: str) -> str:
    """What `make` would run for the target on a fresh clone (-B: everything out of date)."""
    result = subprocess.run(["make", "-n", "-B", target, "VENV=/nonexistent-venv"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_build_lock_holds_what_the_build_needs_and_no_test_tool():
    build, test = locked("requirements.lock"), locked("requirements-test.lock")
    assert not set(build) & set(test)
    assert not set(build) & TEST_TOOLS and TEST_TOOLS <= set(test)
    project = [Requirement(text).name for text in distribution("steady-ground").requires
               if "extra ==" not in text]
    assert needs(project) <= set(build), "a package the build needs is missing from requirements.lock"
    assert needs(sorted(TEST_TOOLS)) - needs(project) <= set(test)


def test_npm_installs_only_the_offline_shim_for_the_bundle():
    package = json.loads((ROOT / "package.json").read_text())
    assert list(package["dependencies"]) == ["iframe-worker"]  # the offline bundle's search shim
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    assert lock[""]["dependencies"] == package["dependencies"]
    assert lock[""]["devDependencies"] == package["devDependencies"]
    assert not lock["node_modules/iframe-worker"].get("dev")
    assert all(lock[f"node_modules/{name}"]["dev"] for name in package["devDependencies"])


def test_make_build_serve_and_check_run_no_npm_and_install_no_test_tools():
    for target in ("build", "serve", "check"):
        commands = make_commands(target)
        assert "-r requirements.lock" in commands, target
        assert "npm" not in commands and "requirements-test" not in commands, target
    bundle = make_commands("bundle")
    assert "npm ci --no-audit --no-fund --silent --omit=dev" in bundle and "requirements-test" not in bundle
    test = make_commands("test")
    assert "-r requirements-test.lock" in test and "npm ci --no-audit --no-fund --silent\n" in test
