"""The workflow's core (departments/publishing.py): drafts stay aside until published."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from departments import publishing, snapshots
from departments.drafts import Draft, DraftEvent, DraftStatus
from departments.models import Competence, Department
from serving.generation import stored_generation


@pytest.fixture(autouse=True)
def _in_english():
    """The texts these tests read are the English ones, whatever an earlier test left active."""
    with translation.override("en"):
        yield


def _draft_data(department, **changes):
    data = snapshots.snapshot(department)
    data["fields"].update(changes)
    return data


def test_a_saved_draft_leaves_the_published_rows_alone(department, editor):
    before = snapshots.snapshot(department)
    data = _draft_data(department, name_el="Νέο όνομα", name_en="New name")
    data["competences"][0]["text_en"] = "Changed in the draft"
    generation = stored_generation()

    draft = publishing.save_draft(department, data, editor)

    department.refresh_from_db()
    assert snapshots.snapshot(department) == before
    assert stored_generation() == generation
    assert draft.status == DraftStatus.DRAFT
    assert draft.created_by == editor
    assert list(draft.events.values_list("action", flat=True)) == ["saved"]


def test_publishing_writes_fields_and_competences_and_bumps_once(
    department, editor, django_capture_on_commit_callbacks
):
    data = _draft_data(department, name_en="New name")
    first, second, third = data["competences"]
    second["text_el"] = "Αλλαγμένη"
    data["competences"] = [
        third,
        second,
        {"id": None, "version": None, "order": 9, "text_el": "Νέα", "text_en": "New"},
    ]
    draft = publishing.save_draft(department, data, editor)
    generation = stored_generation()

    with django_capture_on_commit_callbacks(execute=True):
        publishing.publish(draft, editor)

    department.refresh_from_db()
    assert department.name_en == "New name"
    texts = list(
        Competence.objects.filter(department=department)
        .order_by("order", "id")
        .values_list("text_el", flat=True)
    )
    assert "Αλλαγμένη" in texts and "Νέα" in texts
    assert not Competence.objects.filter(pk=first["id"]).exists()
    assert stored_generation() == generation + 1
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PUBLISHED
    assert draft.published_by == editor
    record = department.history.order_by("-history_date").first()
    # In the source language, whoever reads the admin; naming the draft and who published it.
    assert record.history_change_reason == (f"Δημοσίευση από το προσχέδιο #{draft.pk} από editor")


def test_publishing_over_a_newer_publication_is_a_conflict(department, editor, publisher):
    draft = publishing.save_draft(department, _draft_data(department, name_en="Mine"), editor)
    department.name_en = "Theirs"
    department.save()

    assert publishing.is_outdated(draft)
    with pytest.raises(publishing.Conflict) as refused:
        publishing.publish(draft, editor)

    department.refresh_from_db()
    assert department.name_en == "Theirs"
    assert [c.new for c in refused.value.changes] == ["Theirs"]
    assert draft.events.filter(action=DraftEvent.Action.CONFLICT).exists()
    publishing.rebase(draft, editor)
    publishing.publish(draft, editor)
    department.refresh_from_db()
    assert department.name_en == "Mine"


def test_a_draft_saved_meanwhile_is_not_overwritten(department, editor, publisher):
    draft = publishing.save_draft(department, _draft_data(department, name_en="One"), editor)
    publishing.save_draft(
        department, _draft_data(department, name_en="Two"), publisher, draft.version
    )

    with pytest.raises(publishing.WorkflowError):
        publishing.save_draft(
            department, _draft_data(department, name_en="Three"), editor, draft.version
        )
    assert Draft.objects.get().data["fields"]["name_en"] == "Two"


def test_with_approval_on_only_another_publisher_publishes(department, editor, publisher, settings):
    settings.EDITORIAL_APPROVAL_REQUIRED = True
    draft = publishing.save_draft(department, _draft_data(department, name_en="Reviewed"), editor)
    draft = publishing.submit(draft, editor)

    with pytest.raises(publishing.WorkflowError):
        publishing.publish(draft, editor)
    assert not publishing.may(editor, publishing.APPROVE, Department, draft)
    assert publishing.may(publisher, publishing.APPROVE, Department, draft)

    own = Department.objects.create(directorate=department.directorate, slug="own", name_el="Ίδιο")
    own_draft = publishing.submit(
        publishing.save_draft(own, _draft_data(own, name_en="Own"), publisher), publisher
    )
    assert not publishing.may(publisher, publishing.APPROVE, Department, own_draft)

    publishing.publish(draft, publisher)
    department.refresh_from_db()
    assert department.name_en == "Reviewed"
    actions = list(draft.events.values_list("action", flat=True))
    assert actions == ["saved", "submitted", "approved", "published"]


def test_a_scheduled_draft_goes_live_at_its_time_and_not_before(department, editor):
    draft = publishing.save_draft(department, _draft_data(department, name_en="Later"), editor)
    when = timezone.now() + timedelta(hours=2)
    publishing.schedule(draft, editor, when)

    assert publishing.publish_due(when - timedelta(seconds=1)) == ([], [])
    department.refresh_from_db()
    assert department.name_en != "Later"

    published, refused = publishing.publish_due(when + timedelta(seconds=1))
    assert [d.pk for d in published] == [draft.pk] and refused == []
    department.refresh_from_db()
    assert department.name_en == "Later"
    # Run again (the other node): nothing left to do.
    assert publishing.publish_due(when + timedelta(seconds=2)) == ([], [])


def test_editing_a_scheduled_draft_sends_it_back_to_draft_whoever_edits_it(
    department, editor, publisher, settings
):
    """What was scheduled (or approved) is one version: a change to it is not scheduled."""
    when = timezone.now() + timedelta(minutes=5)
    draft = publishing.save_draft(department, _draft_data(department, name_en="A"), editor)
    publishing.schedule(draft, editor, when)
    draft = publishing.save_draft(
        department, _draft_data(department, name_en="B"), editor, draft.version
    )
    assert (draft.status, draft.publish_at) == (DraftStatus.DRAFT, None)

    settings.EDITORIAL_APPROVAL_REQUIRED = True
    publishing.schedule(publishing.submit(draft, editor), publisher, when)
    c = _draft_data(department, name_en="C")
    draft = publishing.save_draft(department, c, editor, draft.version)
    assert (draft.status, draft.publish_at) == (DraftStatus.DRAFT, None)


def test_diff_reports_each_language_and_each_competence(department, editor):
    data = _draft_data(department, name_en="New")
    data["competences"][0]["text_el"] = "Άλλο"
    del data["competences"][2]
    changes = snapshots.diff(Department, snapshots.snapshot(department), data)
    described = [(c.field, c.language, c.kind) for c in changes]
    assert ("name_en", "en", "changed") in described
    assert ("competence:1", "el", "changed") in described
    assert sum(1 for c in changes if c.kind == "removed") == 2
    assert snapshots.languages_touched(changes) == ["el", "en"]
