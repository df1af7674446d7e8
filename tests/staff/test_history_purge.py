"""A superuser removes a text (personal data published by mistake) from every history record."""

import io

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import CommandError, call_command

from departments.models import Competence, Department, Directorate, ViberCommunity
from serving.generation import content_generation
from staff.models import HistoryPurge
from tests.staff.admin_forms import change_url, open_form

SECRET = "Οδός Κρυφή 13, τηλ. 6900000000"
PURGE_URL = "/el/admin/staff/historypurge/add/"


def _edit(client, obj, **changes):
    form = open_form(client, change_url(obj))
    form.update(changes)
    response = client.post(change_url(obj), form)
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.fixture
def published_by_mistake(editor_client, department):
    """An editor published the text in a name, a head's name and a competence, then removed it."""
    competence = department.competences.first()
    _edit(editor_client, department, name_el=f"Τμήμα ({SECRET})", head_name_en=SECRET.upper())
    _edit(editor_client, competence, text_el=f"Επικοινωνία: {SECRET}", text_en=SECRET)
    _edit(editor_client, department, name_el="Τμήμα reception", head_name_en="Giorgos Nikolaou")
    _edit(editor_client, competence, text_el="Αρμοδιότητα", text_en="Competence")
    return department


def history_and_log_texts():
    """Every text column of every history record of the content, and the admin's log."""
    texts = []
    for model in (Directorate, Department, Competence, ViberCommunity):
        for row in model.history.model._base_manager.values():
            texts.extend(str(value) for value in row.values() if value)
    for row in LogEntry.objects.values("object_repr", "change_message"):
        texts.extend(row.values())
    return texts


def holds_secret(texts):
    return [text for text in texts if "κρυφή" in text.lower()]


def test_a_superuser_purges_the_text_from_every_history_record(
    admin_client, published_by_mistake, superuser, django_capture_on_commit_callbacks
):
    assert holds_secret(history_and_log_texts())  # in history records and the admin's log
    before = content_generation()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(PURGE_URL, {"text": "οδός κρυφή 13"})

    assert response.status_code == 302
    assert holds_secret(history_and_log_texts()) == []
    assert content_generation() != before  # cached pages, API answers and the feed are rebuilt
    purge = HistoryPurge.objects.get()
    # The department's publications while its name held the text (its fields, then the
    # competence's), the competence's, and the admin's log of the three.
    assert (purge.purged_by, purge.records) == (superuser, 3 + 3)
    history = admin_client.get(
        f"/el/admin/departments/department/{published_by_mistake.pk}/history/"
    ).content.decode()
    assert "Κρυφή" not in history and "[…], τηλ. 6900000000" in history
    listing = admin_client.get(response["Location"]).content.decode()
    assert "κρυφή" not in listing.lower() and "admin" in listing
    for language in ("el", "en"):
        feed = admin_client.get(f"/{language}/open-data/changes.atom").content.decode()
        assert "κρυφή" not in feed.lower()


def test_the_record_of_a_purge_never_holds_the_text(admin_client, published_by_mistake):
    admin_client.post(PURGE_URL, {"text": SECRET})
    purge = HistoryPurge.objects.values().get()
    assert not holds_secret([str(value) for value in purge.values()])


def test_text_still_published_is_not_purged(admin_client, department, published_by_mistake):
    Competence.objects.create(department=department, order=9, text_el=SECRET, text_en="x")
    before = history_and_log_texts()

    response = admin_client.post(PURGE_URL, {"text": SECRET})

    assert response.status_code == 200
    assert "remove it there first" not in response.content.decode()  # Greek admin
    assert "αφαιρέστε το πρώτα" in response.content.decode()
    assert history_and_log_texts() == before
    assert not HistoryPurge.objects.exists()


def test_a_short_text_is_refused(admin_client, published_by_mistake):
    response = admin_client.post(PURGE_URL.replace("/el/", "/en/"), {"text": "13 "})
    assert response.status_code == 200
    assert "Enter at least 4 characters" in response.content.decode()
    assert not HistoryPurge.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_editors_cannot_purge(editor_client, published_by_mistake, method):
    before = history_and_log_texts()
    response = getattr(editor_client, method)(PURGE_URL, {"text": SECRET})
    assert response.status_code == 403
    assert editor_client.get("/el/admin/staff/historypurge/").status_code == 403
    assert history_and_log_texts() == before
    assert "historypurge" not in editor_client.get("/el/admin/").content.decode()


def test_the_command_purges_in_the_name_of_a_superuser(published_by_mistake, superuser):
    out = io.StringIO()
    call_command("purge_history_text", "--user", "admin", "--dry-run", SECRET, stdout=out)
    assert "hold the text" in out.getvalue()
    assert holds_secret(history_and_log_texts())

    call_command(
        "purge_history_text", "--user", "admin", stdin=io.StringIO(SECRET + "\n"), stdout=out
    )

    assert holds_secret(history_and_log_texts()) == []
    assert HistoryPurge.objects.get().purged_by == superuser


def test_the_command_refuses_anyone_but_a_superuser(published_by_mistake, editor):
    with pytest.raises(CommandError, match="only superusers"):
        call_command("purge_history_text", "--user", editor.username, SECRET)
    assert holds_secret(history_and_log_texts())
