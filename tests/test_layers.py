"""The layer rule (docs/layers.md): imports run one way, and the check would notice if they did not.

The rule is the import-linter contract in pyproject.toml; these tests run it the way CI does.
"""

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _config():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def _lint(cwd):
    # Run from the tree being checked: lint-imports reads the packages found from its own
    # directory first. --no-cache leaves no cache directory behind.
    return subprocess.run(  # noqa: S603 (a fixed command of our own)
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _layered_packages(contract):
    return {name.strip() for layer in contract["layers"] for name in layer.split("|")}


def test_imports_run_one_way_down_the_layers():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_every_package_of_the_site_sits_in_a_layer():
    """A new app cannot escape the rule by being left out of the contract."""
    packages = {
        path.parent.name for path in ROOT.glob("*/__init__.py") if path.parent.name != "tests"
    }
    config = _config()
    (contract,) = config["contracts"]
    assert contract["type"] == "layers"
    assert set(config["root_packages"]) == packages
    assert _layered_packages(contract) == packages
    assert not contract.get("ignore_imports")


def _copy_of_the_site(tmp_path):
    for package in _config()["root_packages"]:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.html", "*.po", "*.mo", "static"),
        )
    return tmp_path


def _add_import(path, line):
    path.write_text(path.read_text() + f"\n{line}\n")


def test_an_import_running_upward_breaks_the_check(tmp_path):
    site = _copy_of_the_site(tmp_path)
    _add_import(site / "serving" / "views.py", "from departments import models  # noqa")

    result = _lint(site)

    assert result.returncode == 1
    assert "serving is not allowed to import departments" in result.stdout
    assert "serving.views -> departments.models" in result.stdout


def test_an_import_between_two_feature_apps_breaks_the_check(tmp_path):
    site = _copy_of_the_site(tmp_path)
    _add_import(site / "feedback" / "views.py", "from search import views  # noqa")

    result = _lint(site)

    assert result.returncode == 1
    assert "feedback is not allowed to import search" in result.stdout
