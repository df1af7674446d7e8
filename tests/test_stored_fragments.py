"""The directorate page's breadcrumb, main content and "Last updated" line are stored fragments.

They are stored per content generation, language and URL prefix: a second render gives the same
bytes from one query (the directorate itself), a saved edit shows at once, and a render that
has to build them fetches the departments and competences it needs.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from departments.models import Department, Directorate

NONCE = re.compile(rb'nonce="[^"]*"|nonce-[A-Za-z0-9+/=_-]+')


def _page(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return NONCE.sub(b"nonce", response.content), len(queries)


def test_a_render_from_stored_fragments_is_the_same_page_with_one_query(client, seeded):
    for language in ("el", "en"):
        url = f"/{language}/{seeded.slug}/"
        fresh, _built = _page(client, url)
        stored, queries = _page(client, url)
        assert stored == fresh
        assert b'class="department"' in stored and b'class="last-updated"' in stored
        assert queries == 1  # the directorate: departments and competences are not fetched


def test_the_main_content_is_reused_until_content_changes(
    client, seeded, django_capture_on_commit_callbacks
):
    url = f"/el/{seeded.slug}/"
    department = Department.objects.filter(directorate=seeded).first()
    old_name = department.name_el
    assert old_name in client.get(url).content.decode()

    # Changed behind the site's back (no save, no new content generation): the stored contents
    # list and contact section still show the old name, so the render did not build them.
    Department.objects.filter(pk=department.pk).update(name_el="Αλλαγή χωρίς αποθήκευση")
    page = client.get(url).content.decode()
    assert "Αλλαγή χωρίς αποθήκευση" not in page

    with django_capture_on_commit_callbacks(execute=True):
        department.refresh_from_db()
        department.name_el = "Τμήμα με νέο όνομα"
        department.save()
    page = client.get(url).content.decode()
    assert page.count("Τμήμα με νέο όνομα") >= 3  # contents, section, contact details
    assert old_name not in page


def test_the_mission_edit_shows_in_the_content_and_the_description_at_once(
    client, seeded, django_capture_on_commit_callbacks
):
    url = f"/en/{seeded.slug}/"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        directorate = Directorate.objects.get(pk=seeded.pk)
        directorate.mission_en = "A mission written again after the first render."
        directorate.save()
    page = client.get(url).content.decode()
    assert '<p class="lead">A mission written again after the first render.</p>' in page
    assert 'content="A mission written again after the first render."' in page
