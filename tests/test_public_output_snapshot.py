"""Every public page, in Greek, English and Arabic, renders the same bytes as its stored snapshot.

Refactors that must not change public output (issue 15: render speed) rely on this test: each
page below is rendered through the Django test client with the real seed content and compared,
byte for byte, with ``tests/snapshots/public/<name>.<lang>.txt``. A snapshot file holds one
header line (``<status> <Content-Type>``), an empty line, then the full response body.

Regenerating the snapshots (after a change that is *meant* to alter public output; review the
``git diff`` of tests/snapshots/ before committing it)::

    UPDATE_SNAPSHOTS=1 pytest tests/test_public_output_snapshot.py
    UPDATE_SNAPSHOTS=1 DATABASE_URL=postgres://... pytest tests/test_public_output_snapshot.py

Without ``UPDATE_SNAPSHOTS``, a missing or different snapshot fails with a unified diff (its
first 60 lines).

What is made deterministic, and how:

* Data, not normalisation, wherever possible. Primary keys (the API's department ids, the
  ``#competence-<pk>`` anchors, the Atom entries' ids from history ids) start at 1: the tables
  are empty before seeding, SQLite's AUTOINCREMENT counters roll back with the test's
  transaction, and PostgreSQL's sequences (which do not roll back) are reset before seeding.
  Every timestamp shown (``created_at``/``updated_at`` of the content, ``history_date`` of its
  history records) is set to ``FROZEN`` with a queryset ``update()`` (which bypasses
  ``auto_now``), so dates on the pages do not depend on today.
* The only values normalised are those that legitimately differ per request: the CSRF token
  (feedback form) and CSP nonces, replaced by ``VOLATILE`` below.
* The cache is cleared before rendering, so no page or fragment comes from an earlier test.
* Search results may legitimately differ between backends (PostgreSQL full-text search with
  stemming and headlines vs the portable fallback): ``PER_BACKEND`` pages keep one snapshot per
  database vendor (``<name>.<lang>.<vendor>.txt``).
"""

import datetime
import difflib
import os
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection

from departments.models import Competence, Department, Directorate, ViberCommunity
from departments.seeding import load_seed

SNAPSHOT_DIR = Path(__file__).parent / "snapshots" / "public"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS", "") not in ("", "0", "false")
FROZEN = datetime.datetime(2025, 1, 15, 10, 30, tzinfo=datetime.UTC)
DIFF_LINES = 60
# Greek, English and, for the right-to-left languages, Arabic.
LANGUAGES = ("el", "en", "ar")
DIRECTORATE = "social-integration"
SEARCH_TERMS = {"el": "ένταξη", "en": "integration", "ar": "الاندماج"}

# Per-request values, and only those: the CSRF token in the feedback form (and its cookie-free
# masked variants) and CSP nonces. Each is replaced by a fixed placeholder.
VOLATILE = [
    (re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+(")'), rb"\1CSRF-TOKEN\2"),
    (re.compile(rb'(nonce=")[^"]+(")'), rb"\1CSP-NONCE\2"),
    (re.compile(rb"('nonce-)[^']+(')"), rb"\1CSP-NONCE\2"),
]

# Pages whose output depends on the database backend (search ranking, stemming, headlines).
PER_BACKEND = {"search"}


def _pages(language):
    """(snapshot name, path) for every public address in one language."""
    prefix = f"/{language}"
    pages = [
        ("home", f"{prefix}/"),
        ("directorate", f"{prefix}/{DIRECTORATE}/"),
    ]
    for slug in Department.objects.order_by("order", "id").values_list("slug", flat=True):
        pages.append((f"department-{slug}", f"{prefix}/{DIRECTORATE}/{slug}/"))
        pages.append((f"vcard-{slug}", f"{prefix}/open-data/contacts/{DIRECTORATE}/{slug}.vcf"))
    department_id = Department.objects.order_by("order", "id").values_list("id", flat=True)[0]
    pages += [
        ("open-data", f"{prefix}/open-data/"),
        ("directory-csv", f"{prefix}/open-data/directory.csv"),
        ("changes-atom", f"{prefix}/open-data/changes.atom"),
        ("search", f"{prefix}/search/?q={quote(SEARCH_TERMS[language])}"),
        ("search-no-match", f"{prefix}/search/?q=xyzzyqwerty"),
        ("search-empty", f"{prefix}/search/?q="),
        ("accessibility", f"{prefix}/accessibility/"),
        ("feedback", f"{prefix}/feedback/?useful=yes&page={prefix}/"),
        ("feedback-thanks", f"{prefix}/feedback/thanks/?page={prefix}/"),
        ("not-found", f"{prefix}/no-such-page/"),
        ("not-found-department", f"{prefix}/{DIRECTORATE}/no-such-department/"),
        ("api-directorates", f"/api/v1/directorates?lang={language}"),
        ("api-directorate", f"/api/v1/directorates/{DIRECTORATE}?lang={language}"),
        ("api-departments", f"/api/v1/departments?lang={language}"),
        ("api-department", f"/api/v1/departments/{department_id}?lang={language}"),
        ("api-not-found", f"/api/v1/no-such-document?lang={language}"),
    ]
    return pages


# Language-neutral addresses, stored once (``<name>.txt``).
NEUTRAL_PAGES = [
    ("sitemap", "/sitemap.xml"),
    ("robots", "/robots.txt"),
    ("api-openapi", "/api/v1/openapi.json"),
    ("api-directorates-all", "/api/v1/directorates?lang=all"),
    ("api-departments-all", "/api/v1/departments?lang=all"),
]


def _reset_sequences():
    """Make the next primary key of every table 1 (tables are empty) on PostgreSQL.

    PostgreSQL sequences are not rolled back with a test's transaction, so without this the
    ids would depend on which tests ran before. SQLite's counters do roll back (no SQL here).
    """
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _freeze_timestamps():
    for model in (Directorate, Department, Competence, ViberCommunity):
        model.objects.update(created_at=FROZEN, updated_at=FROZEN)
        model.history.model.objects.update(history_date=FROZEN)


@pytest.fixture
def snapshot_site(db, settings):
    settings.SITE_ORIGIN = "https://www.example.gov.gr"
    _reset_sequences()
    load_seed()
    _freeze_timestamps()
    cache.clear()
    yield
    cache.clear()


def _normalise(body):
    for pattern, replacement in VOLATILE:
        body = pattern.sub(replacement, body)
    return body


def _snapshot_path(name, language):
    parts = [name]
    if language:
        parts.append(language)
    if name in PER_BACKEND:
        parts.append(connection.vendor)
    return SNAPSHOT_DIR / (".".join(parts) + ".txt")


def _render(client, path, language):
    response = client.get(path, headers={"Accept-Language": language or "el"})
    header = f"{response.status_code} {response.get('Content-Type', '')}\n\n".encode()
    return header + _normalise(response.content)


def _diff(expected, actual, path):
    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(),
        actual.decode("utf-8", "replace").splitlines(),
        fromfile=f"{path} (stored)",
        tofile=f"{path} (rendered now)",
        lineterm="",
    )
    shown = []
    for number, line in enumerate(lines):
        if number == DIFF_LINES:
            shown.append("... (diff cut at 60 lines)")
            break
        shown.append(line)
    return "\n".join(shown) or "(the bytes differ in line endings or encoding only)"


@pytest.mark.parametrize("language", [*LANGUAGES, pytest.param("", id="neutral")])
def test_public_pages_render_the_stored_bytes(client, snapshot_site, language):
    failures = []
    pages = _pages(language) if language else NEUTRAL_PAGES
    for name, path in pages:
        rendered = _render(client, path, language)
        target = _snapshot_path(name, language)
        relative = target.relative_to(Path(__file__).parent.parent)
        if UPDATE:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.read_bytes() != rendered:
                target.write_bytes(rendered)
            continue
        if not target.exists():
            failures.append(f"{path}: no snapshot {relative} (run with UPDATE_SNAPSHOTS=1)")
        elif target.read_bytes() != rendered:
            failures.append(
                f"{path}: differs from {relative}\n"
                + _diff(target.read_bytes(), rendered, relative)
            )
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


def test_a_second_render_is_identical(client, snapshot_site):
    """The pages are deterministic within a run (nothing but the normalised values vary)."""
    for name, path in _pages("el") + NEUTRAL_PAGES:
        first = _render(client, path, "el")
        cache.clear()
        assert _render(client, path, "el") == first, name
