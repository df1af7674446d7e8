"""What the database must show after any sequence of workflow steps (the model-based test's
invariants), read from the rows themselves: content, drafts, their events, history, the log."""

import json
from collections import Counter

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import translation

from departments import publishing, snapshots
from departments.drafts import Draft, DraftEvent
from departments.models import Competence, Department, Directorate, ViberCommunity
from tests.editorial.workflow_spec import content

CONTENT_MODELS = (Directorate, Department, Competence, ViberCommunity)


def public_content(department_pk):
    """What the public site shows of the department now."""
    return content(snapshots.snapshot(Department._base_manager.get(pk=department_pk)))


def published_versions(department_pk):
    return snapshots.versions(snapshots.snapshot(Department._base_manager.get(pk=department_pk)))


def assert_open_draft_is(department_pk, expected):
    """The department's open draft in the database is the one the model expects (or none)."""
    found = (
        Draft.objects.open()
        .filter(content_type=ContentType.objects.get_for_model(Department), object_id=department_pk)
        .first()
    )
    if expected is None or not expected.is_open:
        assert found is None, f"draft #{found and found.pk} is open; the model has none"
        return
    assert found is not None, f"the model's draft #{expected.pk} is not open"
    seen = (
        found.pk,
        found.status,
        found.version,
        found.publish_at,
        found.approved_by_id,
        found.approved_version,
    )
    wanted = (
        expected.pk,
        expected.status,
        expected.version,
        expected.publish_at,
        expected.approved_by,
        expected.approved_version,
    )
    assert seen == wanted, f"draft (pk, status, version, publish_at, approver): {seen} != {wanted}"
    assert content(found.data) == content(expected.data)
    assert found.author_ids() == expected.authors


def assert_approved_by_another_publisher(publication, publishers):
    """A publication made with approval on: a publisher who never saved the draft approved
    exactly the version published, after its last change."""
    draft = Draft.objects.get(pk=publication.draft)
    approver = draft.approved_by_id
    assert approver == publication.approver
    assert approver in publishers, f"draft #{draft.pk} approved by user {approver}, no publisher"
    assert approver not in draft.author_ids(), f"draft #{draft.pk} approved by its author"
    assert draft.approved_version == draft.version
    last_change = (
        draft.events.filter(action__in=[DraftEvent.Action.SAVED, DraftEvent.Action.REBASED])
        .order_by("id")
        .last()
    )
    approval = (
        draft.events.filter(
            action=DraftEvent.Action.APPROVED, user_id=approver, version=draft.version
        )
        .order_by("id")
        .last()
    )
    assert approval is not None and approval.pk > last_change.pk, (
        f"draft #{draft.pk}: no approval of version {draft.version} after its last change"
    )


def assert_publication_recorded(publication, users):
    """One PUBLISHED event, one record in the department's own history (whatever it changed),
    one per competence it changed and one log entry, all naming its publisher and approver."""
    reason = publishing.publication_reason(
        publication.draft, users.get(publication.publisher), users.get(publication.approver)
    )
    events = DraftEvent.objects.filter(
        draft_id=publication.draft, action=DraftEvent.Action.PUBLISHED
    )
    assert list(events.values_list("comment", flat=True)) == [reason]
    department_records = Department.history.filter(
        id=publication.department, history_change_reason=reason
    ).count()
    assert department_records == 1, (
        f"{department_records} department history records say “{reason}”"
    )
    competence_records = Counter(
        Competence.history.filter(history_change_reason=reason).values_list("id", flat=True)
    )
    assert set(competence_records) == publication.competences_changed
    assert set(competence_records.values()) <= {1}
    if publication.publisher is not None:
        log = LogEntry.objects.filter(
            object_id=str(publication.department),
            change_message=reason,
            user_id=publication.publisher,
        )
        assert log.count() == 1


def assert_no_other_publication(publications, users):
    """No draft event or history record claims a publication the model did not see."""
    published = DraftEvent.objects.filter(action=DraftEvent.Action.PUBLISHED)
    assert published.count() == len(publications)
    reasons = {
        publishing.publication_reason(p.draft, users.get(p.publisher), users.get(p.approver))
        for p in publications
    }
    with translation.override("el"):
        names = [translation.get_language_info(code)["name_translated"] for code in ("en", "ar")]
        steps = [
            translation.gettext(text) % {"language": name}
            for text in (
                "%(language)s translation confirmed as up to date",
                "%(language)s translation marked reviewed",
            )
            for name in names
        ]
    for model in (Department, Competence):
        claimed = set(
            model.history.exclude(history_change_reason__isnull=True).values_list(
                "history_change_reason", flat=True
            )
        )
        allowed = reasons | {*steps, ""}
        assert claimed <= allowed, f"unexpected history: {claimed - allowed}"


def assert_changed_nothing(user):
    """A view-only user left no trace: no draft, draft event, history record or log entry."""
    assert not DraftEvent.objects.filter(user=user).exists()
    assert not Draft.objects.filter(
        Q(created_by=user) | Q(updated_by=user) | Q(approved_by=user) | Q(published_by=user)
    ).exists()
    for model in CONTENT_MODELS:
        assert not model.history.filter(history_user=user).exists()
    assert not LogEntry.objects.filter(user=user).exists()


def rows_holding(texts):
    """The (text, table, pk) of each row the purge promises to clear that holds one of ``texts``."""
    tables = [model.history.model for model in CONTENT_MODELS] + [LogEntry, Draft, DraftEvent]
    needles = [text.lower() for text in texts]
    found = []
    for table in tables:
        columns = [
            field.attname
            for field in table._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField, models.JSONField))
        ]
        for pk, *values in table._base_manager.values_list("pk", *columns):
            stored = " ".join(
                value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                for value in values
                if value is not None
            ).lower()
            found += [(needle, table._meta.db_table, pk) for needle in needles if needle in stored]
    return found
