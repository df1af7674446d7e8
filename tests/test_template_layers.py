"""The layer rule for templates (docs/layers.md, "Templates"): an app's own templates load only
its own tag libraries and those of the floors below; the project's templates/ folder is the top
floor, where the pages are put together, and may load any of them.
"""

import re
import shutil
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")


def _floors(root):
    """Each package of the site and its floor, 0 for the top one."""
    contract = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = contract["contracts"][0]["layers"]
    return {name.strip(): floor for floor, layer in enumerate(layers) for name in layer.split("|")}


def _tag_libraries(root, floors):
    """The site's own tag libraries, by name, and the package each belongs to."""
    return {
        path.stem: package
        for package in floors
        for path in (root / package / "templatetags").glob("*.py")
        if path.stem != "__init__"
    }


def _loads(template):
    names = []
    for match in LOAD.finditer(template.read_text()):
        words = match.group(1).split()
        # {% load name from library %} loads from the last word.
        names.extend(words[-1:] if "from" in words else words)
    return names


def _wrong_way_loads(root=ROOT):
    floors = _floors(root)
    libraries = _tag_libraries(root, floors)
    wrong = []
    for package, floor in floors.items():
        for template in sorted((root / package / "templates").rglob("*.html")):
            for name in _loads(template):
                owner = libraries.get(name)
                if owner is None or owner == package:
                    continue
                # Same floor (another feature app) or a floor above: not allowed.
                if floors[owner] <= floor:
                    wrong.append(f"{template.relative_to(root).as_posix()} loads {name} ({owner})")
    return wrong


def test_app_templates_load_only_their_own_and_lower_tag_libraries():
    assert _wrong_way_loads() == []


def test_the_check_sees_a_sideways_load(tmp_path):
    """In a copy of the tree, a feedback template loading the seo app's tags is reported."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for package in _floors(ROOT):
        for folder in ("templates", "templatetags"):
            if (ROOT / package / folder).is_dir():
                shutil.copytree(ROOT / package / folder, tmp_path / package / folder)
    assert _wrong_way_loads(tmp_path) == []
    prompt = tmp_path / "feedback" / "templates" / "feedback" / "prompt.html"
    prompt.write_text("{% load i18n page_meta %}" + prompt.read_text())
    assert _wrong_way_loads(tmp_path) == [
        "feedback/templates/feedback/prompt.html loads page_meta (seo)"
    ]
