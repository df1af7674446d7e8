"""Nothing of a draft reaches the public: pages, search, sitemap, API, CSV, vCards, feed, JSON-LD.

Each test saves a draft (departments.publishing.save_draft) that puts a marker word into one
field (a department's name, a competence, the head's email, the slug, the directorate's name,
the Viber block), checks the channel shows the published text and never the marker, then
publishes the draft and checks the marker shows at once: the same check would catch a leak.
"""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache

from departments import publishing, snapshots
from departments.models import Department, Directorate, ViberCommunity
from tests.conftest import make_department, make_directorate, make_viber_community

MARKER = "draftmarkerxq"
# Every language the site serves: the five beyond Greek and English show the English (or a
# translation of their own), so a leak through either would show there too.
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class Change:
    """What a draft changes: on which object, how, and a text the channel shows until published."""

    model: type
    edit: object  # edit(snapshot data) -> None
    published: str


def _fields(**values):
    return lambda data: data["fields"].update(values)


def _first_competence(data):
    data["competences"][0].update(text_el=f"Αρμοδιότητα {MARKER}", text_en=f"Competence {MARKER}")


CHANGES = {
    "department name": Change(
        Department,
        _fields(name_el=f"Τμήμα {MARKER}", name_en=f"Department {MARKER}", name_ar=f"قسم {MARKER}"),
        "Department reception",
    ),
    "competence": Change(Department, _first_competence, "Competence 1 of reception"),
    "head's email": Change(Department, _fields(email=f"{MARKER}@example.gov.gr"), "reception@"),
    "slug": Change(Department, _fields(slug=MARKER), "/reception/"),
    "directorate": Change(
        Directorate,
        _fields(name_el=f"Διεύθυνση {MARKER}", name_en=f"Directorate of {MARKER}"),
        "Directorate of Testing",
    ),
    "viber block": Change(
        ViberCommunity,
        _fields(title_el=f"Viber {MARKER}", title_en=f"Viber {MARKER}"),
        "Viber community",
    ),
}


def changes(*names):
    return pytest.mark.parametrize("change", [CHANGES[name] for name in names], ids=names)


@pytest.fixture
def site(db):
    community = make_viber_community()
    directorate = make_directorate()
    department = make_department(directorate, "reception", competences=3)
    return SimpleNamespace(community=community, directorate=directorate, department=department)


@pytest.fixture
def drafted(site, editor):
    """save(change) saves the change as a draft; publish() publishes it, committed at once."""
    state = {}

    def save(change):
        obj = {
            Department: site.department,
            Directorate: site.directorate,
            ViberCommunity: site.community,
        }[change.model]
        data = snapshots.snapshot(obj)
        change.edit(data)
        state["draft"] = publishing.save_draft(obj, data, editor)
        return state["draft"]

    def publish(capture):
        with capture(execute=True):
            publishing.publish(state["draft"], editor)

    return SimpleNamespace(save=save, publish=publish)


def _body(response):
    assert response.status_code == 200, response
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def _department():
    return Department.objects.select_related("directorate").get()


def _pages():
    department = _department()
    directorate = department.directorate.slug
    return [
        f"/{language}/{path}"
        for language in LANGUAGES
        for path in ("", f"{directorate}/", f"{directorate}/{department.slug}/")
    ]


def _read_pages(client):
    return {url: _body(client.get(url)) for url in _pages()}


def _assert_hidden(text, change):
    assert MARKER not in text
    assert change.published in text


# --- Pages, through the page cache ------------------------------------------------------------


@changes("department name", "competence", "head's email", "directorate", "viber block")
def test_pages_in_every_language_through_the_page_cache(
    client, settings, drafted, change, django_capture_on_commit_callbacks
):
    settings.SERVING_PAGE_CACHE = True
    before = _read_pages(client)
    drafted.save(change)

    assert _read_pages(client) == before  # from the page cache: same bytes
    cache.clear()  # and rendered afresh: still only the published content
    fresh = _read_pages(client)
    for url, html in fresh.items():
        assert MARKER not in html, url
    _assert_hidden("".join(html for url, html in fresh.items() if url.startswith("/en/")), change)

    drafted.publish(django_capture_on_commit_callbacks)
    published = _read_pages(client)
    for language in LANGUAGES:
        assert MARKER in published[f"/{language}/test-directorate/reception/"]


def test_a_drafted_slug_gives_no_page(
    client, settings, drafted, django_capture_on_commit_callbacks
):
    settings.SERVING_PAGE_CACHE = True
    drafted.save(CHANGES["slug"])
    for language in LANGUAGES:
        assert client.get(f"/{language}/test-directorate/{MARKER}/").status_code == 404
        assert MARKER not in _body(client.get(f"/{language}/test-directorate/"))
        assert client.get(f"/{language}/test-directorate/reception/").status_code == 200

    drafted.publish(django_capture_on_commit_callbacks)
    for language in LANGUAGES:
        assert client.get(f"/{language}/test-directorate/{MARKER}/").status_code == 200
        assert client.get(f"/{language}/test-directorate/reception/").status_code == 404


# --- JSON-LD in the pages ---------------------------------------------------------------------


def _json_ld(client):
    """The pages' structured data, as one JSON text (non-ASCII kept as is)."""
    blocks = []
    for url in _pages():
        blocks += re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', _body(client.get(url)), re.S
        )
    return json.dumps([json.loads(block) for block in blocks], ensure_ascii=False)


@changes("department name", "head's email", "slug", "directorate")
def test_json_ld(client, drafted, change, django_capture_on_commit_callbacks):
    drafted.save(change)
    _assert_hidden(_json_ld(client), change)

    drafted.publish(django_capture_on_commit_callbacks)
    assert MARKER in _json_ld(client)


# --- Search -----------------------------------------------------------------------------------

RESULT_LINK = re.compile(r'<h2 class="search-result__title"><a href="([^"]*)">')


def _search(client, query):
    """The result links of a search, in both languages."""
    found = []
    for language in LANGUAGES:
        html = _body(client.get(f"/{language}/search/", {"q": query}))
        found += RESULT_LINK.findall(html)
    return found


@changes("department name", "competence", "directorate")
def test_search(client, drafted, change, django_capture_on_commit_callbacks):
    drafted.save(change)
    assert _search(client, MARKER) == []
    assert _search(client, change.published)

    drafted.publish(django_capture_on_commit_callbacks)
    assert _search(client, MARKER)


# --- sitemap.xml ------------------------------------------------------------------------------


def _sitemap(client):
    root = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 (our own response)
    return " ".join(element.get("href") or element.text or "" for element in root.iter())


@changes("slug")
def test_sitemap(client, drafted, change, django_capture_on_commit_callbacks):
    drafted.save(change)
    _assert_hidden(_sitemap(client), change)

    drafted.publish(django_capture_on_commit_callbacks)
    assert f"/test-directorate/{MARKER}/" in _sitemap(client)


# --- The JSON API -----------------------------------------------------------------------------


def _api(client):
    """Every API document about the content, in both languages, as one JSON text."""
    department = _department()
    documents = [
        "/api/v1/directorates",
        f"/api/v1/directorates/{department.directorate.slug}",
        "/api/v1/departments",
        f"/api/v1/departments/{department.pk}",
    ]
    return json.dumps(
        [json.loads(_body(client.get(url, {"lang": "all"}))) for url in documents],
        ensure_ascii=False,
    )


@changes("department name", "competence", "head's email", "slug", "directorate")
def test_json_api(client, drafted, change, django_capture_on_commit_callbacks):
    drafted.save(change)
    _assert_hidden(_api(client), change)

    drafted.publish(django_capture_on_commit_callbacks)
    assert MARKER in _api(client)


# --- The CSV and the vCards -------------------------------------------------------------------


def _csv(client):
    rows = []
    for language in LANGUAGES:
        body = _body(client.get(f"/{language}/open-data/directory.csv"))
        rows += csv.reader(io.StringIO(body, newline=""))
    return json.dumps(rows, ensure_ascii=False)


@changes("department name", "head's email", "slug", "directorate")
def test_directory_csv(client, drafted, change, django_capture_on_commit_callbacks):
    drafted.save(change)
    _assert_hidden(_csv(client), change)

    drafted.publish(django_capture_on_commit_callbacks)
    assert MARKER in _csv(client)


def _vcards(client):
    department = _department()
    return "".join(
        _body(
            client.get(
                f"/{language}/open-data/contacts/"
                f"{department.directorate.slug}/{department.slug}.vcf"
            )
        )
        for language in LANGUAGES
    )


@changes("department name", "head's email", "directorate")
def test_vcards(client, drafted, change, django_capture_on_commit_callbacks):
    drafted.save(change)
    cards = _vcards(client)
    assert MARKER not in cards
    assert change.published.split()[-1] in cards  # a vCard folds long lines: one word

    drafted.publish(django_capture_on_commit_callbacks)
    assert MARKER in _vcards(client)


def test_a_drafted_slug_gives_no_vcard(client, drafted):
    drafted.save(CHANGES["slug"])
    assert client.get(f"/el/open-data/contacts/test-directorate/{MARKER}.vcf").status_code == 404
    assert client.get("/el/open-data/contacts/test-directorate/reception.vcf").status_code == 200


# --- The Atom feed of changes -----------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"


def _feed(client):
    """The feed's entries (title and summary), in both languages."""
    entries = []
    for language in LANGUAGES:
        feed = ET.fromstring(  # noqa: S314 (our own response)
            client.get(f"/{language}/open-data/changes.atom").content
        )
        entries += [
            (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary"))
            for entry in feed.iter(f"{ATOM}entry")
        ]
    return entries


@changes("department name", "competence", "directorate", "viber block")
def test_changes_feed(client, drafted, change, django_capture_on_commit_callbacks):
    before = _feed(client)
    drafted.save(change)
    assert _feed(client) == before
    assert MARKER not in json.dumps(before)

    drafted.publish(django_capture_on_commit_callbacks)
    after = _feed(client)
    assert len(after) > len(before)
    assert MARKER in json.dumps(after)
