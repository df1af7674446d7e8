"""The lock files pin every dependency with hashes and still satisfy pyproject.toml."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
RUNTIME = ROOT / "requirements.lock"
WITH_TESTS = ROOT / "requirements-test.lock"


def pins(path):
    """{name: version} of every requirement in a pip-compile file."""
    text = path.read_text()
    return {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", text, re.MULTILINE)
    }


def entries(path):
    """Each requirement with its hash lines, as pip reads them (continuations joined)."""
    text = re.sub(r"\\\n", " ", path.read_text())
    return [line for line in text.splitlines() if line and not line.lstrip().startswith("#")]


def declared(*extras):
    requirements = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
    for extra in extras:
        requirements += [
            Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"][extra]
        ]
    requirements += [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    return requirements


@pytest.mark.parametrize(("path", "extras"), [(RUNTIME, ()), (WITH_TESTS, ("test",))])
def test_every_declared_dependency_is_pinned_within_its_range(path, extras):
    pinned = pins(path)
    for requirement in declared(*extras):
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{requirement} is not in {path.name}: run make lock"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{path.name} pins {name}=={pinned[name]}, outside {requirement}: run make lock"
        )


@pytest.mark.parametrize("path", [RUNTIME, WITH_TESTS])
def test_every_pin_carries_hashes_and_no_machine_specific_source(path):
    lines = entries(path)
    assert lines
    for line in lines:
        assert re.match(r"^[A-Za-z0-9_.-]+==\S+(\s+--hash=sha256:[0-9a-f]{64})+$", line), line
    text = path.read_text()
    for option in ("--index-url", "--extra-index-url", "--find-links", "file://", "/opt/"):
        assert option not in text.replace("--no-emit-index-url", "").replace(
            "--no-emit-find-links", ""
        ), f"{path.name} names a package source: {option}"


def test_the_image_runs_on_the_versions_the_tests_run_on():
    runtime, with_tests = pins(RUNTIME), pins(WITH_TESTS)
    assert {name: with_tests.get(name) for name in runtime} == runtime


def test_the_build_backend_is_pinned_so_the_site_installs_without_fetching():
    assert "setuptools" in pins(RUNTIME) and "setuptools" in pins(WITH_TESTS)
