"""The departments' sections on the directorate page are rendered once per content generation.

A render the page cache cannot answer (the page cache is off in the tests) reads the sections
from the shared cache; they must be the same bytes a fresh render gives, and a saved edit must
show at once.
"""

import re

from departments.models import Competence

NONCE = re.compile(rb'nonce="[^"]*"|nonce-[A-Za-z0-9+/=_-]+')


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return NONCE.sub(b"nonce", response.content)


def test_a_render_from_stored_sections_is_the_same_page(client, seeded):
    for language in ("el", "en"):
        url = f"/{language}/{seeded.slug}/"
        fresh = _page(client, url)
        from_cache = _page(client, url)
        assert from_cache == fresh
        assert b'class="department"' in from_cache


def test_the_sections_are_reused_until_content_changes(
    client, seeded, django_capture_on_commit_callbacks
):
    url = f"/el/{seeded.slug}/"
    competence = Competence.objects.filter(department__directorate=seeded).first()
    old_text = competence.text_el
    assert old_text in client.get(url).content.decode()

    # Changed behind the site's back (no save, so no new content generation): the stored
    # section is what the page shows, which proves the render did not build it again.
    Competence.objects.filter(pk=competence.pk).update(text_el="Αλλαγή χωρίς αποθήκευση")
    page = client.get(url).content.decode()
    assert old_text in page
    assert "Αλλαγή χωρίς αποθήκευση" not in page

    # A save, as the admin makes it, starts a new content generation: the edit shows at once.
    with django_capture_on_commit_callbacks(execute=True):
        competence.refresh_from_db()
        competence.text_el = "Νέα αρμοδιότητα μετά την αποθήκευση"
        competence.save()
    page = client.get(url).content.decode()
    assert "Νέα αρμοδιότητα μετά την αποθήκευση" in page
    assert old_text not in page


def test_each_language_has_its_own_sections(client, seeded):
    greek = client.get(f"/el/{seeded.slug}/").content.decode()
    english = client.get(f"/en/{seeded.slug}/").content.decode()
    competence = Competence.objects.filter(department__directorate=seeded).first()
    assert competence.text_el in greek
    assert competence.text_en in english
    assert competence.text_el not in english
