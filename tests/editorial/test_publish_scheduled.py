"""publish_scheduled: due drafts go live once, future ones wait, changed items are kept.

The clock is driven by passing ``now`` to publishing.publish_due, or, for the command (which
reads the real clock), by moving a scheduled draft's time into the past, as time passing would.
"""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone, translation

from departments import publishing, snapshots
from departments.drafts import Draft, DraftEvent, DraftStatus
from departments.models import Department
from serving.generation import content_generation, stored_generation
from tests.conftest import make_department, make_directorate


@pytest.fixture(autouse=True)
def _in_english():
    """The messages these tests read are the English ones, whatever an earlier test left active."""
    with translation.override("en"):
        yield


def _scheduled(department, user, when, **fields):
    data = snapshots.snapshot(department)
    data["fields"].update(fields)
    draft = publishing.save_draft(department, data, user)
    return publishing.schedule(draft, user, when)


def _run_command(*args):
    out, err = StringIO(), StringIO()
    call_command("publish_scheduled", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _make_due(draft):
    """Time passes: the draft's publication time is now behind us."""
    Draft.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - timedelta(minutes=1))


def test_the_command_publishes_a_due_draft_and_says_so(department, editor):
    draft = _scheduled(department, editor, timezone.now() + timedelta(hours=1), name_en="Due now")
    _make_due(draft)

    out, err = _run_command()

    assert out == f"published: {draft.object_label} (draft #{draft.pk})\n"
    assert err == ""
    department.refresh_from_db()
    assert department.name_en == "Due now"
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PUBLISHED
    assert draft.published_by == editor
    # Run again (the next minute, or another node): nothing left to do.
    assert _run_command() == ("nothing due\n", "")


def test_the_command_leaves_a_future_draft_alone(department, editor):
    published_name = department.name_en
    when = timezone.now() + timedelta(hours=1)
    draft = _scheduled(department, editor, when, name_en="Later")

    assert _run_command() == ("nothing due\n", "")

    department.refresh_from_db()
    assert department.name_en == published_name
    draft.refresh_from_db()
    assert draft.status == DraftStatus.SCHEDULED
    assert draft.publish_at == when
    assert not draft.events.filter(action=DraftEvent.Action.PUBLISHED).exists()


def test_the_quiet_command_prints_only_publications(department, editor):
    assert _run_command("-v", "0") == ("", "")
    draft = _scheduled(department, editor, timezone.now() + timedelta(hours=1), name_en="Due")
    _make_due(draft)
    assert _run_command("-v", "0")[0] == f"published: {draft.object_label} (draft #{draft.pk})\n"


def test_publish_due_takes_only_what_is_due_at_the_time_given(editor):
    directorate = make_directorate()
    now = timezone.now()
    soon = _scheduled(
        make_department(directorate, "soon"), editor, now + timedelta(hours=1), name_en="S"
    )
    later = _scheduled(
        make_department(directorate, "later", order=2),
        editor,
        now + timedelta(hours=3),
        name_en="L",
    )

    published, refused = publishing.publish_due(now + timedelta(hours=2))

    assert [draft.pk for draft in published] == [soon.pk] and refused == []
    assert Department.objects.get(slug="soon").name_en == "S"
    assert Department.objects.get(slug="later").name_en == "Department later"
    later.refresh_from_db()
    assert later.status == DraftStatus.SCHEDULED


def test_a_draft_whose_item_was_published_meanwhile_goes_back_to_draft(department, editor):
    draft = _scheduled(department, editor, timezone.now() + timedelta(hours=1), name_en="Mine")
    department.name_en = "Theirs"  # someone publishes the item after the draft was scheduled
    department.save()
    _make_due(draft)

    out, err = _run_command()

    assert out == ""
    assert err == (
        f"not published: {draft.object_label} (draft #{draft.pk}): "
        "Δεν δημοσιεύθηκε στην ώρα του: το στοιχείο άλλαξε στο μεταξύ.\n"
    )
    department.refresh_from_db()
    assert department.name_en == "Theirs"
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT
    assert draft.publish_at is None
    assert draft.data["fields"]["name_en"] == "Mine"  # the editor's work is kept
    last = draft.events.order_by("at", "id").last()
    assert last.action == DraftEvent.Action.CONFLICT
    assert last.comment == "Δεν δημοσιεύθηκε στην ώρα του: το στοιχείο άλλαξε στο μεταξύ."
    assert not draft.events.filter(action=DraftEvent.Action.PUBLISHED).exists()
    # It is not tried again every minute: it waits for an editor.
    assert _run_command() == ("nothing due\n", "")


def test_publication_raises_the_content_generation_once_after_commit(
    department, editor, django_capture_on_commit_callbacks
):
    when = timezone.now() + timedelta(hours=1)
    data = snapshots.snapshot(department)
    data["fields"]["name_en"] = "Renamed"
    for competence in data["competences"]:  # several rows written: still one new generation
        competence["text_en"] += " (revised)"
    draft = publishing.schedule(publishing.save_draft(department, data, editor), editor, when)
    stored, shared = stored_generation(), content_generation()

    with django_capture_on_commit_callbacks() as callbacks:
        [published], _ = publishing.publish_due(when)
        # Before commit no other process may render the new rows under a new number.
        assert content_generation() == shared

    assert published.pk == draft.pk
    assert stored_generation() == stored + 1
    for callback in callbacks:
        callback()
    assert content_generation() == str(stored + 1)


# --- Two nodes at the same minute -------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_nodes_at_once_publish_each_draft_exactly_once(editor):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite has no row locks (select_for_update is a no-op) and the "
            "test database is in memory, so threads cannot share it"
        )
    directorate = make_directorate()
    now = timezone.now()
    drafts = [
        _scheduled(
            make_department(directorate, f"unit-{number}", order=number, competences=1),
            editor,
            now + timedelta(minutes=1),
            name_en=f"Published unit {number}",
        )
        for number in range(10)
    ]
    generation = stored_generation()
    start = threading.Barrier(2)
    results, failures = [], []

    def node():
        try:
            start.wait()
            results.append(publishing.publish_due(now + timedelta(minutes=2)))
        except Exception as error:  # reported by the main thread
            failures.append(error)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=node) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    published = [draft.pk for node_published, _ in results for draft in node_published]
    assert sorted(published) == sorted(draft.pk for draft in drafts)  # no draft twice
    assert all(refused == [] for _, refused in results)
    for draft in drafts:
        draft.refresh_from_db()
        assert draft.status == DraftStatus.PUBLISHED
        assert draft.events.filter(action=DraftEvent.Action.PUBLISHED).count() == 1
        department = Department.objects.get(pk=draft.object_id)
        assert department.name_en.startswith("Published unit")
        # One history record names the draft (the reason is in Greek, the source language).
        reasons = department.history.filter(history_change_reason__contains=f" #{draft.pk} ")
        assert reasons.count() == 1
    assert stored_generation() == generation + len(drafts)


def test_a_draft_that_no_longer_fits_does_not_hold_up_the_others(editor):
    directorate = make_directorate()
    now = timezone.now()
    first = make_department(directorate, "first", order=1)
    second = make_department(directorate, "second", order=2)
    blocked = _scheduled(first, editor, now + timedelta(minutes=1), slug="taken")
    fine = _scheduled(second, editor, now + timedelta(minutes=1), name_en="Went live")
    make_department(directorate, "taken", order=3)  # the address is taken meanwhile

    published, refused = publishing.publish_due(now + timedelta(minutes=2))

    assert [draft.pk for draft in published] == [fine.pk]
    assert [draft.pk for draft in refused] == [blocked.pk]
    assert Department.objects.get(pk=second.pk).name_en == "Went live"
    assert Department.objects.get(pk=first.pk).slug == "first"
    blocked.refresh_from_db()
    assert blocked.status == DraftStatus.DRAFT
    last = blocked.events.order_by("at", "id").last()
    assert last.action == DraftEvent.Action.FAILED
    assert "it clashes with other published content" in last.comment


def test_publishing_now_a_draft_that_no_longer_fits_is_refused_with_a_message(editor):
    directorate = make_directorate()
    department = make_department(directorate, "first")
    data = snapshots.snapshot(department)
    data["fields"]["slug"] = "taken"
    draft = publishing.save_draft(department, data, editor)
    make_department(directorate, "taken", order=2)

    with pytest.raises(publishing.WorkflowError, match="address already in use"):
        publishing.publish(draft, editor)

    assert Department.objects.get(pk=department.pk).slug == "first"
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT
