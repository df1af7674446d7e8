"""Regression tests for the eight faults of issue 20, each reproducing the steps it gave.

Each fault was a rule decided twice, differently; the workflow core (departments/publishing.py)
now decides each once. Fault 3 (purge misses drafts) is covered in tests/staff/.
"""

import threading
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from departments import publishing, snapshots
from departments.drafts import Draft, DraftEvent, DraftStatus
from departments.models import Department
from tests.conftest import make_department
from tests.editorial.conftest import logged_in_client
from tests.staff.admin_forms import change_url, open_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def approval(settings):
    settings.EDITORIAL_APPROVAL_REQUIRED = True


@pytest.fixture
def second_publisher(db):
    user = User.objects.create_user("second", password="pw-second-1", is_staff=True)
    user.groups.add(*User.objects.get(username="publisher").groups.all())
    user.user_permissions.add(Permission.objects.get(codename="publish_draft"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def viewer(db):
    user = User.objects.create_user("viewer", password="pw-viewer-1", is_staff=True)
    for codename in ("view_department", "view_competence", "view_directorate", "view_draft"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return User.objects.get(pk=user.pk)


def _review_url(draft):
    with translation.override("en"):
        return reverse("admin:departments_draft_review", args=[draft.pk])


def _data(obj, **fields):
    data = snapshots.snapshot(obj)
    data["fields"].update(fields)
    return data


def _text(response):
    return response.content.decode()


# 1. Approval is not bound to what was reviewed -------------------------------------------------


def test_1_an_approval_on_the_page_loaded_before_the_editors_second_save_is_refused(
    approval, department, editor, editor_client, publisher, publisher_client
):
    draft = publishing.save_draft(department, _data(department, name_en="Reviewed text"), editor)
    draft = publishing.submit(draft, editor)
    page = publisher_client.get(_review_url(draft))  # the publisher reads version 1
    assert "Reviewed text" in _text(page)
    loaded_version = draft.version

    # The editor saves the draft again through the change form.
    form = open_form(editor_client, change_url(department, "en"))
    form["name_en"] = "Text nobody reviewed"
    assert (
        editor_client.post(change_url(department, "en"), {**form, "_save_draft": "1"}).status_code
        == 302
    )

    response = publisher_client.post(
        _review_url(draft), {"action": "approve", "version": loaded_version}
    )

    assert response.status_code == 409
    html = _text(response)
    assert "The draft changed after you opened it" in html
    assert "Text nobody reviewed" in html  # what changed is shown
    department.refresh_from_db()
    assert department.name_en == "Department reception"
    draft.refresh_from_db()
    # The editor's save sent it back to draft: it must be submitted again.
    assert draft.status == DraftStatus.DRAFT and draft.approved_by is None


# 2. Rebase keeps an approval -------------------------------------------------------------------


def test_2_rebasing_a_scheduled_draft_drops_its_approval_and_the_scheduler_leaves_it(
    approval, department, editor, publisher, second_publisher
):
    draft = publishing.submit(
        publishing.save_draft(department, _data(department, name_en="Approved text"), editor),
        editor,
    )
    when = timezone.now() + timedelta(hours=1)
    draft = publishing.schedule(draft, publisher, when)
    assert (draft.approved_by, draft.approved_version) == (publisher, draft.version)
    # Another publisher corrects the live page through a reviewed draft of their own? No: the
    # scenario is a correction published meanwhile (any path), then the editor rebases.
    Department.objects.filter(pk=department.pk).update(version=department.version + 1)

    draft = publishing.rebase(draft, editor)

    assert draft.status == DraftStatus.DRAFT
    assert (draft.publish_at, draft.approved_by, draft.approved_version) == (None, None, None)
    assert publishing.publish_due(when + timedelta(minutes=1)) == ([], [])
    department.refresh_from_db()
    assert department.name_en == "Department reception"


# 4. View-only staff can write -------------------------------------------------------------------


def test_4_view_only_staff_cannot_run_the_confirm_translation_bulk_action(department, viewer):
    Department.objects.filter(pk=department.pk).update(outdated_translations={"en": ["name"]})
    client = logged_in_client(viewer)
    listing = "/en/admin/departments/department/"
    assert "confirm_translation_en" not in _text(client.get(listing))
    version = Department.objects.get(pk=department.pk).version
    history = department.history.count()

    client.post(listing, {"action": "confirm_translation_en", "_selected_action": [department.pk]})

    department.refresh_from_db()
    assert department.outdated_translations == {"en": ["name"]}
    assert department.version == version
    assert department.history.count() == history
    assert not LogEntry.objects.filter(user=viewer).exists()
    with pytest.raises(publishing.Refused):
        publishing.confirm_translation(Department.objects.filter(pk=department.pk), viewer, "en")


# 5. A Publisher publishes his own draft through the change form -----------------------------------
# (tests/editorial/test_admin_drafts.py::
#  test_with_approval_a_publisher_cannot_publish_his_own_change_from_the_form)


def test_5_a_publisher_who_saved_a_draft_cannot_approve_it_anywhere(
    approval, department, editor, publisher, publisher_client
):
    form = open_form(publisher_client, change_url(department, "en"))
    form["name_en"] = "My own words"
    publisher_client.post(change_url(department, "en"), {**form, "_submit_review": "1"})
    draft = Draft.objects.open().get()
    # An editor edits it too; the publisher is still one of its authors.
    draft = publishing.save_draft(
        department,
        {**draft.data, "fields": {**draft.data["fields"], "name_el": "Άλλο"}},
        editor,
        draft.version,
    )
    draft = publishing.submit(draft, editor)

    response = publisher_client.post(
        _review_url(draft), {"action": "approve", "version": draft.version}
    )

    assert response.status_code == 409
    assert "Only a publisher who did not edit this draft can approve it." in _text(response)
    assert publisher.pk in draft.author_ids()
    department.refresh_from_db()
    assert department.name_en == "Department reception"


# 6. One bad scheduled draft stops the scheduler ------------------------------------------------


def test_6_a_due_draft_whose_item_was_deleted_does_not_stop_the_others(department, editor):
    now = timezone.now()
    other = make_department(department.directorate, "other", order=2)
    doomed = publishing.schedule(
        publishing.save_draft(department, _data(department, name_en="Gone"), editor),
        editor,
        now + timedelta(minutes=1),
    )
    fine = publishing.schedule(
        publishing.save_draft(other, _data(other, name_en="Went live"), editor),
        editor,
        now + timedelta(minutes=2),
    )
    Department.objects.filter(pk=department.pk).delete()

    published, refused = publishing.publish_due(now + timedelta(minutes=3))

    assert [d.pk for d in published] == [fine.pk]
    assert [d.pk for d in refused] == [doomed.pk]
    assert Department.objects.get(pk=other.pk).name_en == "Went live"
    doomed.refresh_from_db()
    assert doomed.status == DraftStatus.DRAFT
    last = doomed.events.order_by("at", "id").last()
    assert last.action == DraftEvent.Action.FAILED and "deleted" in last.comment
    # The next run does not try it again.
    assert publishing.publish_due(now + timedelta(minutes=4)) == ([], [])


def test_6_an_unexpected_error_in_one_draft_is_recorded_and_the_others_are_published(
    department, editor, monkeypatch
):
    now = timezone.now()
    other = make_department(department.directorate, "other", order=2)
    first = publishing.schedule(
        publishing.save_draft(department, _data(department, name_en="Breaks"), editor),
        editor,
        now + timedelta(minutes=1),
    )
    second = publishing.schedule(
        publishing.save_draft(other, _data(other, name_en="Fine"), editor),
        editor,
        now + timedelta(minutes=2),
    )
    write = publishing._write

    def failing_write(obj, data, user, reason):
        if obj.pk == department.pk:
            raise RuntimeError("disk full")
        return write(obj, data, user, reason)

    monkeypatch.setattr(publishing, "_write", failing_write)

    published, refused = publishing.publish_due(now + timedelta(minutes=3))

    assert [d.pk for d in published] == [second.pk] and [d.pk for d in refused] == [first.pk]
    first.refresh_from_db()
    assert first.events.order_by("at", "id").last().action == DraftEvent.Action.FAILED
    assert "disk full" in first.events.order_by("at", "id").last().comment


# 7. Locks taken in opposite orders ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_7_a_save_and_the_scheduler_at_once_do_not_deadlock(department, editor):
    """Both take the published row first, then the draft's: one waits for the other."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite locks the whole database)")
    now = timezone.now()
    draft = publishing.schedule(
        publishing.save_draft(department, _data(department, name_en="Scheduled"), editor),
        editor,
        now + timedelta(minutes=1),
    )
    errors, barrier = [], threading.Barrier(2)

    def run(step):
        try:
            barrier.wait()
            step()
        except publishing.WorkflowError:
            pass  # refused because the other went first: an answer, not a deadlock
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    def save():
        publishing.save_draft(
            department, _data(department, name_en="Edited"), editor, draft.version
        )

    def schedule_run():
        publishing.publish_due(now + timedelta(minutes=2))

    for _ in range(5):
        threads = [threading.Thread(target=run, args=(step,)) for step in (save, schedule_run)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    assert errors == []
    draft.refresh_from_db()
    assert draft.status in (DraftStatus.PUBLISHED, DraftStatus.DRAFT)


# 8. The history page answers 500 to staff without the change permission -------------------------


def test_8_view_only_staff_open_the_history_and_an_old_version(department, viewer):
    client = logged_in_client(viewer)
    record = department.history.order_by("history_date").first()
    base = f"/en/admin/departments/department/{department.pk}/history/"

    listing = client.get(base)
    old = client.get(f"{base}{record.pk}/")

    assert listing.status_code == 200
    assert old.status_code == 200
    assert 'name="_save_draft"' not in _text(old) and "Revert" not in _text(old)
    assert client.post(f"{base}{record.pk}/", {"_save_draft": "1"}).status_code == 403


def test_8_editors_open_a_competences_history_when_approval_is_on(
    approval, department, editor_client
):
    competence = department.competences.first()
    record = competence.history.order_by("history_date").first()
    base = f"/en/admin/departments/competence/{competence.pk}/history/"

    assert editor_client.get(base).status_code == 200
    page = editor_client.get(f"{base}{record.pk}/")
    assert page.status_code == 200
    assert 'name="_save"' not in _text(page)


# Every publication leaves the same history -----------------------------------------------------


def test_a_publication_names_its_draft_publisher_and_approver_in_history_and_log(
    approval, department, editor, publisher
):
    draft = publishing.submit(
        publishing.save_draft(department, _data(department, name_en="Approved"), editor), editor
    )
    publishing.publish(draft, publisher, version=draft.version)

    record = department.history.order_by("-history_date", "-history_id").first()
    reason = f"Δημοσίευση από το προσχέδιο #{draft.pk} από publisher, με έγκριση από publisher"
    assert record.history_change_reason == reason
    assert record.history_user == publisher
    entry = LogEntry.objects.get(object_id=str(department.pk))
    assert entry.user == publisher and entry.change_message == reason


def test_the_objects_admin_history_shows_who_published_and_approved_from_which_draft(
    approval, department, editor, publisher, publisher_client
):
    draft = publishing.submit(
        publishing.save_draft(department, _data(department, name_en="Approved"), editor), editor
    )
    publishing.publish(draft, publisher, version=draft.version)

    html = _text(publisher_client.get(f"/el/admin/departments/department/{department.pk}/history/"))

    assert (
        f"Δημοσίευση από το προσχέδιο #{draft.pk} από publisher, με έγκριση από publisher" in html
    )


def test_a_publication_of_competences_only_is_in_the_departments_own_history(department, editor):
    data = snapshots.snapshot(department)
    data["competences"][0]["text_en"] = "Only a competence changed"
    draft = publishing.save_draft(department, data, editor)
    version = Department.objects.get(pk=department.pk).version

    publishing.publish(draft, editor, version=draft.version)

    record = department.history.order_by("-history_date", "-history_id").first()
    assert record.history_change_reason == f"Δημοσίευση από το προσχέδιο #{draft.pk} από editor"
    assert record.history_user == editor
    # No new version: an editor of the department's own fields sees no conflict.
    assert Department.objects.get(pk=department.pk).version == version


def test_the_english_confirmed_from_the_english_lists_is_recorded_in_greek(
    department, editor_client
):
    Department.objects.filter(pk=department.pk).update(outdated_translations={"en": ["name"]})
    listing = "/en/admin/departments/department/"

    editor_client.post(
        listing, {"action": "confirm_translation_en", "_selected_action": [department.pk]}
    )

    record = department.history.order_by("-history_date", "-history_id").first()
    assert record.history_change_reason == "Η μετάφραση στα Αγγλικά επιβεβαιώθηκε ως ενημερωμένη"
