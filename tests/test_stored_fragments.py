"""Stored fragments (serving/fragments.py): the pieces of a page kept per content generation.

The directorate page keeps its breadcrumb, JSON-LD, main content (departments, competences,
contacts) and "Last updated" line; every page keeps the Viber block; the department page its
JSON-LD. A second render gives the same bytes from one query (the directorate itself), an edit
saved as the admin saves it shows at once, and a change made behind the site's back (no save,
so no new content generation) does not: that is how these tests see a fragment was not built
again. A preview (``validators.uncached()``) neither reads nor leaves any.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from departments.models import Competence, Department, ViberCommunity
from serving import validators

NONCE = re.compile(rb'nonce="[^"]*"|nonce-[A-Za-z0-9+/=_-]+')


def _page(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return NONCE.sub(b"nonce", response.content), len(queries)


@pytest.fixture
def save(django_capture_on_commit_callbacks):
    """Save an object as the admin does: its commit raises the content generation."""

    def saved(obj, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            obj.refresh_from_db()
            for name, value in fields.items():
                setattr(obj, name, value)
            obj.save()

    return saved


def test_a_render_from_stored_fragments_is_the_same_page_with_one_query(client, seeded):
    for language in ("el", "en"):
        url = f"/{language}/{seeded.slug}/"
        fresh, _built = _page(client, url)
        stored, queries = _page(client, url)
        assert stored == fresh
        assert b'class="department"' in stored and b'class="last-updated"' in stored
        assert queries == 1  # the directorate: departments and competences are not fetched


def test_the_main_content_is_reused_until_content_changes(client, seeded, save):
    url = f"/el/{seeded.slug}/"
    department = Department.objects.filter(directorate=seeded).first()
    old_name = department.name_el
    assert old_name in client.get(url).content.decode()

    Department.objects.filter(pk=department.pk).update(name_el="Αλλαγή χωρίς αποθήκευση")
    page = client.get(url).content.decode()
    assert "Αλλαγή χωρίς αποθήκευση" not in page

    save(department, name_el="Τμήμα με νέο όνομα")
    page = client.get(url).content.decode()
    assert page.count("Τμήμα με νέο όνομα") >= 4  # contents, section, contacts, JSON-LD
    assert old_name not in page


def test_a_saved_competence_shows_at_once(client, seeded, save):
    url = f"/el/{seeded.slug}/"
    competence = Competence.objects.filter(department__directorate=seeded).first()
    old_text = competence.text_el
    client.get(url)
    Competence.objects.filter(pk=competence.pk).update(text_el="Αλλαγή χωρίς αποθήκευση")
    assert old_text in client.get(url).content.decode()

    save(competence, text_el="Νέα αρμοδιότητα μετά την αποθήκευση")
    page = client.get(url).content.decode()
    assert "Νέα αρμοδιότητα μετά την αποθήκευση" in page
    assert old_text not in page


def test_the_mission_edit_shows_in_the_content_and_the_description_at_once(client, seeded, save):
    url = f"/en/{seeded.slug}/"
    client.get(url)
    save(seeded, mission_en="A mission written again after the first render.")
    page = client.get(url).content.decode()
    assert '<p class="lead">A mission written again after the first render.</p>' in page
    assert 'content="A mission written again after the first render."' in page


def test_each_language_has_its_own_fragments(client, seeded):
    greek = client.get(f"/el/{seeded.slug}/").content.decode()
    english = client.get(f"/en/{seeded.slug}/").content.decode()
    competence = Competence.objects.filter(department__directorate=seeded).first()
    assert competence.text_el in greek
    assert competence.text_en in english
    assert competence.text_el not in english


def test_the_viber_block_is_kept_until_it_is_saved(client, seeded, save):
    url = f"/en/{seeded.slug}/"
    community = ViberCommunity.objects.get()
    client.get(url)
    ViberCommunity.objects.filter(pk=community.pk).update(title_en="Not saved")
    assert "Not saved" not in client.get(url).content.decode()

    save(community, title_en="Join us on Viber", link="https://example.org/new-viber")
    page = client.get(url).content.decode()
    # The block, and the contents' link to it (inside the main content), both changed.
    assert page.count("Join us on Viber") == 2
    assert 'href="https://example.org/new-viber"' in page
    assert "QR code: https://example.org/new-viber" in page


def test_the_department_pages_json_ld_is_a_stored_fragment(client, seeded, save):
    department = Department.objects.filter(directorate=seeded).first()
    with translation.override("en"):
        url = department.get_absolute_url()
    client.get(url)
    Department.objects.filter(pk=department.pk).update(name_en="Renamed behind the site's back")
    page = client.get(url).content.decode()
    heading, structured = page.split('<script type="application/ld+json">')
    assert "Renamed behind the site&#x27;s back" in heading  # the page itself is rendered
    assert "Renamed" not in structured.split("</script>")[0]  # its JSON-LD is stored

    save(department, name_en="Department renamed and saved")
    structured = client.get(url).content.decode().split('<script type="application/ld+json">')[1]
    assert "Department renamed and saved" in structured.split("</script>")[0]


def test_a_render_inside_uncached_neither_reads_nor_leaves_fragments(client, seeded):
    url = f"/el/{seeded.slug}/"
    department = Department.objects.filter(directorate=seeded).first()
    old_name = department.name_el
    client.get(url)
    Department.objects.filter(pk=department.pk).update(name_el="Όπως σε προεπισκόπηση")
    with validators.uncached():
        assert "Όπως σε προεπισκόπηση" in client.get(url).content.decode()
    page = client.get(url).content.decode()  # what the public gets: still the stored content
    assert "Όπως σε προεπισκόπηση" not in page and old_name in page
