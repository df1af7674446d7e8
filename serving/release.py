"""The running code's revision, part of every cache key and ETag (serving/validators.py).

Pages and fragments are stored per content generation, which only a content save raises. A
deploy that changes a template, a template tag or a translation must not keep serving what the
old code rendered until someone happens to save: so the keys also name the code. Every node
running the same release computes the same revision, so they share what they store; during a
rolling deploy the old and new nodes simply keep apart.

``SERVING_CODE_REVISION`` (for example the image's git commit) names it; without it, a digest of
the files that shape the output (the apps' Python code, the templates, the compiled
translations), read once per process.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

# What shapes the output: everything under these folders of the project, with these suffixes.
SOURCES = (
    "accessibility",
    "departments",
    "feedback",
    "integration_site",
    "locale",
    "opendata",
    "search",
    "seo",
    "serving",
    "staff",
    "templates",
)
SUFFIXES = {".py", ".html", ".txt", ".xml", ".json", ".mo"}


@cache
def code_revision():
    """A short name of the running code: the setting, or a digest of its sources."""
    configured = getattr(settings, "SERVING_CODE_REVISION", "")
    if configured:
        return configured
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
