"""The Atom feed of content changes: valid structure, what changed, and no editors' identities."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from departments.models import Competence, Department
from serving.generation import content_generation
from tests.conftest import make_department, make_directorate, make_viber_community

ATOM = "{http://www.w3.org/2005/Atom}"


def entries_of(client, language="el"):
    response = client.get(f"/{language}/open-data/changes.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}").text
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text, required
        assert (
            entry.find(f"{ATOM}link").get("href").startswith("https://integration.example.gov.gr/")
        )
    assert len({entry.find(f"{ATOM}id").text for entry in entries}) == len(entries)
    return response, entries


def texts(entry):
    return entry.find(f"{ATOM}title").text, entry.find(f"{ATOM}summary").text


@pytest.fixture
def edited(db):
    """A department whose name and email an identifiable editor changed."""
    editor = get_user_model().objects.create_user(
        "editor.secret", email="editor.secret@example.gov.gr", first_name="Κρυφός"
    )
    department = make_department(make_directorate(), "alpha", competences=1)
    department.name_en = "Department of Renamed Things"
    department.email = "renamed@example.gov.gr"
    department._history_user = editor
    department._change_reason = "Εσωτερική σημείωση: ασφαλές μόνο για το προσωπικό"
    department.save()
    return department


def test_feed_says_what_changed_with_a_link(client, edited):
    _, entries = entries_of(client, "en")
    title, summary = texts(entries[0])
    assert title == "Changed – Department: Department of Renamed Things"
    assert summary == "Changed: name, contact email."
    assert entries[0].find(f"{ATOM}link").get("href") == (
        "https://integration.example.gov.gr/en/test-directorate/alpha/"
    )


def test_greek_feed_is_in_greek(client, edited):
    _, entries = entries_of(client, "el")
    title, summary = texts(entries[0])
    assert title == "Τροποποίηση – Τμήμα: Τμήμα alpha"
    assert summary == "Τροποποιήθηκαν: όνομα, email επικοινωνίας."


def test_feed_never_shows_who_edited_or_why(client, edited):
    for language in ("el", "en"):
        response, _ = entries_of(client, language)
        body = response.content.decode()
        assert "editor.secret" not in body
        assert "Κρυφός" not in body
        assert "Εσωτερική σημείωση" not in body


def test_additions_and_removals_are_listed(client, db):
    department = make_department(make_directorate(), "alpha", competences=2)
    Competence.objects.filter(department=department).first().delete()
    _, entries = entries_of(client, "en")
    titles = [texts(entry)[0] for entry in entries]
    # A deleted object is named by its kind only: its text may be why it was deleted.
    assert titles[:2] == ["Removed – Competence", "Added – Competence: Competence 2 of alpha"]
    assert "Added – Department: Department alpha" in titles
    assert "Added – Directorate: Directorate of Testing" in titles


def test_saves_without_public_changes_are_not_news(client, db):
    department = make_department(make_directorate(), "alpha", competences=0)
    Department.objects.get(pk=department.pk).save()
    _, entries = entries_of(client, "en")
    assert [texts(entry)[0] for entry in entries] == [
        "Added – Department: Department alpha",
        "Added – Directorate: Directorate of Testing",
    ]


def test_feed_of_an_empty_site_is_valid(client, db):
    _, entries = entries_of(client)
    assert entries == []


def test_feed_queries_do_not_grow_with_history(client, db, django_assert_num_queries):
    make_viber_community()
    directorate = make_directorate()
    make_department(directorate, "alpha", competences=1)
    # Two per model (latest records, and the ones they are compared with), and four for the
    # live names and links (directorates, departments, the competences listed, Viber blocks).
    content_generation()  # as after any save: the content generation is in the cache
    with django_assert_num_queries(12):
        client.get("/el/open-data/changes.atom")
    for number in range(5):
        department = make_department(directorate, f"more-{number}", order=number + 2)
        department.name_el = f"Μετονομασία {number}"
        department.save()
    cache.clear()
    content_generation()  # as after any save: the content generation is in the cache
    with django_assert_num_queries(12):
        client.get("/el/open-data/changes.atom")


@pytest.mark.parametrize("language", ["el", "en"])
def test_every_page_links_the_feed_in_its_head(client, seeded, language):
    for url in (f"/{language}/", f"/{language}/social-integration/", f"/{language}/open-data/"):
        html = client.get(url).content.decode()
        head = html.split("</head>")[0]
        feed = f"/{language}/open-data/changes.atom"
        assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in head


def test_a_change_entry_says_which_draft_published_it_and_that_it_was_approved(
    client, db, settings
):
    from django.contrib.auth.models import Permission, User

    from departments import publishing, snapshots

    settings.EDITORIAL_APPROVAL_REQUIRED = True
    department = make_department(make_directorate(), "alpha")
    editor = User.objects.create_user("editor-login", is_staff=True)
    publisher = User.objects.create_user("publisher-login", is_staff=True)
    for user in (editor, publisher):
        user.user_permissions.add(Permission.objects.get(codename="change_department"))
    publisher.user_permissions.add(Permission.objects.get(codename="publish_draft"))
    editor, publisher = User.objects.get(pk=editor.pk), User.objects.get(pk=publisher.pk)
    data = snapshots.snapshot(department)
    data["fields"]["name_en"] = "Department alpha, renamed"
    draft = publishing.submit(publishing.save_draft(department, data, editor), editor)
    publishing.publish(draft, publisher, version=draft.version)
    cache.clear()

    _, entries = entries_of(client, "en")

    body = "".join(ET.tostring(entry, encoding="unicode") for entry in entries)
    assert f"Published from draft #{draft.pk}, approved by a second member of staff." in body
    # Staff login names are never published.
    assert "editor-login" not in body and "publisher-login" not in body
