"""The editorial workflow: save a draft, submit it, approve it, schedule it, publish it.

Every step runs in one transaction with the draft's row locked, so two editors (or two nodes
running ``publish_scheduled``) can never act on the same draft at once: the second one finds it
already handled. Each step is recorded as a DraftEvent (who, when, what).

Publishing writes the draft's snapshot to the content tables through the models' own ``save()``
(so history, the stale-English flag and the search index follow), refuses when someone
published the object meanwhile (a conflict, shown instead of overwritten), and raises the
content generation once, after commit.

Who may publish: with ``EDITORIAL_APPROVAL_REQUIRED`` off (the default) anyone who may change
the content; with it on only holders of ``departments.publish_draft`` (the Publishers group),
and never for a draft they wrote or last edited themselves.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from departments import snapshots
from departments.drafts import OPEN_STATUSES, Draft, DraftEvent, DraftStatus
from departments.models import Competence, Department
from serving.generation import single_bump


class WorkflowError(Exception):
    """A step that cannot be taken; its message is for the editor (in their language)."""


class Conflict(WorkflowError):
    """Someone published the object after the draft was started; ``changes`` says what."""

    def __init__(self, message, changes):
        super().__init__(message)
        self.changes = changes


def approval_required():
    return getattr(settings, "EDITORIAL_APPROVAL_REQUIRED", False)


def _change_permission(model):
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


def can_edit(user, model):
    return user.has_perm(_change_permission(model))


def is_publisher(user):
    return user.has_perm("departments.publish_draft")


def can_publish_directly(user, model):
    """Whether the user's saves may go live without a second person (the change form's Save)."""
    return can_edit(user, model) and (not approval_required() or is_publisher(user))


def own_draft(user, draft):
    return user.pk is not None and user.pk in (draft.created_by_id, draft.updated_by_id)


def can_publish(user, draft):
    """Whether the user may publish (or schedule) this draft now."""
    if not can_edit(user, draft.model):
        return False
    if not approval_required():
        return True
    return is_publisher(user) and not own_draft(user, draft)


def can_approve(user, draft):
    return approval_required() and can_publish(user, draft)


def is_outdated(draft):
    """Whether what is published changed after the draft was started."""
    return snapshots.versions(snapshots.published_snapshot(draft)) != snapshots.versions(draft.base)


def open_draft(obj):
    """The object's open draft, or None."""
    return Draft.objects.open().for_object(obj).first()


def _event(draft, action, user, comment="", data=None):
    return DraftEvent.objects.create(
        draft=draft, action=action, user=user, comment=comment, data=data
    )


def _locked(draft):
    """The draft's row, locked for this transaction; refused unless it is still open."""
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    if locked.status not in OPEN_STATUSES:
        raise WorkflowError(
            _("This draft was already %(status)s.") % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def save_draft(obj, data, user, seen_version=None):
    """Store ``data`` (a snapshot) as the open draft of ``obj``; return the draft.

    ``seen_version`` is the draft version the editor opened (None: they started from the
    published object). Saving over a draft someone else saved meanwhile is refused.
    A scheduled draft keeps its time when someone who may publish it edits it and no approval
    is required; otherwise (an approved draft changed) it goes back to being a draft. A draft
    awaiting approval stays so: the publisher reviews what it holds when they decide.
    """
    model = type(obj)
    published = model._base_manager.select_for_update().filter(pk=obj.pk).first()
    if published is None:
        raise WorkflowError(_("This item was deleted; the draft cannot be saved."))
    existing = Draft.objects.select_for_update().open().for_object(published).first()
    if existing is None:
        if seen_version is not None:
            raise WorkflowError(
                _(
                    "The draft you opened was published or discarded meanwhile; your changes "
                    "were not saved. Open the item again to start a new draft."
                )
            )
        draft = Draft(
            content_type=ContentType.objects.get_for_model(model),
            object_id=published.pk,
            base=snapshots.snapshot(published),
            created_by=user,
        )
    else:
        draft = existing
        if seen_version is not None and seen_version != draft.version:
            raise WorkflowError(
                _(
                    "Someone else saved this draft after you opened it (%(user)s); your changes "
                    "were not saved. Open the draft again to see theirs."
                )
                % {"user": draft.updated_by or _("someone")}
            )
        draft.version += 1
    draft.data = data
    # In the source language, whoever saves: the label is stored once and shown to everyone.
    with translation.override(settings.LANGUAGE_CODE):
        draft.object_label = str(obj)[:200]
    draft.updated_by = user
    if draft.status == DraftStatus.SCHEDULED and not (
        not approval_required() and can_publish(user, draft)
    ):
        # What a publisher approved for its time is no longer what the draft holds.
        draft.status = DraftStatus.DRAFT
        draft.publish_at = None
    draft.save()
    _event(draft, DraftEvent.Action.SAVED, user, data=data)
    return draft


def _edit_refusal():
    return _("You may not change this item.")


def _step(draft, user, action, allowed, refusal, comment="", **changes):
    """Take one workflow step on the locked draft: check, change its fields, record the event."""
    draft = _locked(draft)
    if not allowed(user, draft):
        raise WorkflowError(refusal())
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save()
    _event(draft, action, user, comment=comment)
    return draft


def _may_edit(user, draft):
    return can_edit(user, draft.model)


@transaction.atomic
def submit(draft, user):
    return _step(
        draft,
        user,
        DraftEvent.Action.SUBMITTED,
        _may_edit,
        _edit_refusal,
        status=DraftStatus.SUBMITTED,
        submitted_by=user,
        review_comment="",
    )


@transaction.atomic
def send_back(draft, user, comment):
    return _step(
        draft,
        user,
        DraftEvent.Action.SENT_BACK,
        can_approve,
        lambda: _("Only a publisher other than its author can review this draft."),
        comment=comment,
        status=DraftStatus.DRAFT,
        review_comment=comment,
        publish_at=None,
    )


@transaction.atomic
def schedule(draft, user, when):
    if when <= timezone.now():
        raise WorkflowError(_("Choose a time in the future, or publish now."))
    if approval_required() and can_publish(user, draft):
        _event(_locked(draft), DraftEvent.Action.APPROVED, user)
    return _step(
        draft,
        user,
        DraftEvent.Action.SCHEDULED,
        can_publish,
        lambda: _("You may not publish this draft."),
        comment=when.isoformat(),
        status=DraftStatus.SCHEDULED,
        publish_at=when,
    )


@transaction.atomic
def unschedule(draft, user):
    if _locked(draft).status != DraftStatus.SCHEDULED:
        raise WorkflowError(_("This draft is not scheduled."))
    return _step(
        draft,
        user,
        DraftEvent.Action.UNSCHEDULED,
        _may_edit,
        _edit_refusal,
        status=DraftStatus.DRAFT,
        publish_at=None,
    )


@transaction.atomic
def discard(draft, user):
    return _step(
        draft,
        user,
        DraftEvent.Action.DISCARDED,
        _may_edit,
        _edit_refusal,
        status=DraftStatus.DISCARDED,
    )


def publish(draft, user, scheduled=False):
    """Write the draft to the published content; return the published object.

    ``scheduled``: run by ``publish_scheduled`` for a draft whose time has come (the
    permission was checked when it was scheduled; ``user`` is who scheduled it).
    Raises Conflict, without writing anything, when the object was published meanwhile.
    """
    try:
        with transaction.atomic():
            return _publish(draft, user, scheduled)
    except Conflict:
        # Recorded outside the refused transaction, so that the refusal is kept.
        _event(draft, DraftEvent.Action.CONFLICT, user)
        raise


def _publish(draft, user, scheduled, now=None):
    draft = _locked(draft)
    if scheduled:
        if draft.status != DraftStatus.SCHEDULED or draft.publish_at > (now or timezone.now()):
            raise WorkflowError(_("This draft is not due."))
    elif not can_publish(user, draft):
        raise WorkflowError(_("You may not publish this draft."))
    model = draft.model
    obj = model._base_manager.select_for_update().filter(pk=draft.object_id).first()
    if obj is None:
        raise WorkflowError(_("This item was deleted; the draft cannot be published."))
    current = snapshots.snapshot(obj)
    if snapshots.versions(current) != snapshots.versions(draft.base):
        raise Conflict(
            _(
                "“%(item)s” was published by someone else after this draft was started. "
                "Nothing was overwritten: compare the changes below, then edit the draft "
                "(it is based on the new version from then on) and publish again."
            )
            % {"item": draft.object_label},
            snapshots.diff(model, draft.base, current),
        )
    reason = _("Published from draft #%(id)d") % {"id": draft.pk}
    try:
        with single_bump():
            _write(obj, draft.data, user, reason)
    except IntegrityError as error:
        # Content published since clashes with the draft (its address now taken by another
        # item): refused as a whole, like a conflict, so that no scheduled run crashes on it.
        raise WorkflowError(
            _(
                "“%(item)s” was not published: it clashes with other published content (an "
                "address already in use?). Edit the draft and publish again."
            )
            % {"item": draft.object_label}
        ) from error
    if approval_required() and not scheduled:
        _event(draft, DraftEvent.Action.APPROVED, user)
    draft.status = DraftStatus.PUBLISHED
    draft.published_at = timezone.now()
    draft.published_by = user
    draft.save()
    _event(draft, DraftEvent.Action.PUBLISHED, user)
    return obj


def _write(obj, data, user, reason):
    """Save the snapshot's values through the models' own save() (history, flags, index)."""

    def save(instance):
        instance._change_reason = reason
        instance._history_user = user
        instance.save()

    before = snapshots.snapshot(obj)
    snapshots.apply_fields(obj, data)
    if before["fields"] != data["fields"]:
        save(obj)
    if not isinstance(obj, Department):
        return
    wanted = data.get("competences", [])
    published = {c.pk: c for c in Competence.objects.select_for_update().filter(department=obj)}
    kept = {item["id"] for item in wanted if item["id"] is not None}
    for competence_id, competence in published.items():
        if competence_id not in kept:
            competence._change_reason = reason
            competence._history_user = user
            competence.delete()
    for item in wanted:
        competence = published.get(item["id"])
        values = {name: item[name] for name in snapshots.COMPETENCE_FIELDS}
        if competence is None:
            competence = Competence(department=obj, **values)
            save(competence)
        elif any(getattr(competence, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(competence, name, value)
            save(competence)


def rebase(draft):
    """Base an open draft on what is published now (after the editor has seen the conflict)."""
    with transaction.atomic():
        draft = _locked(draft)
        draft.base = snapshots.published_snapshot(draft)
        draft.save(update_fields=["base", "updated_at"])
    return draft


def publish_due(now=None):
    """Publish every scheduled draft whose time has come; return (published, refused) drafts.

    Safe to run on several nodes at once: each draft is claimed under a row lock (skipped by
    the others on PostgreSQL, waited for on SQLite) and published only if still scheduled.
    """
    now = now or timezone.now()  # tests drive the clock by passing it
    published, refused = [], []
    for draft_id in list(Draft.objects.due(now).values_list("pk", flat=True)):
        with transaction.atomic():
            # of=("self",): lock the draft's row only; PostgreSQL refuses to lock the nullable
            # side of the outer join to ``updated_by``.
            claimed = (
                Draft.objects.select_for_update(skip_locked=True, of=("self",))
                .due(now)
                .filter(pk=draft_id)
                .select_related("updated_by")
                .first()
            )
            if claimed is None:
                continue  # another node has it, or it was published, unscheduled or edited
            scheduler = _scheduled_by(claimed)
            try:
                with transaction.atomic():
                    _publish(claimed, scheduler, scheduled=True, now=now)
            except WorkflowError as error:
                # Sent back while the claim is still held: another node cannot try it meanwhile.
                _refuse_scheduled(claimed, None if isinstance(error, Conflict) else str(error))
                refused.append(claimed)
                continue
        published.append(claimed)
    return published, refused


def _scheduled_by(draft):
    event = draft.events.filter(action=DraftEvent.Action.SCHEDULED).order_by("-at", "-id").first()
    return event.user if event else draft.updated_by


def _refuse_scheduled(draft, reason=None):
    """A scheduled draft that cannot go live (a conflict) goes back to being a draft."""
    with transaction.atomic():
        locked = Draft.objects.select_for_update().filter(pk=draft.pk).first()
        if locked is None or locked.status != DraftStatus.SCHEDULED:
            return
        locked.status = DraftStatus.DRAFT
        locked.publish_at = None
        locked.save()
        _event(
            locked,
            DraftEvent.Action.CONFLICT,
            None,
            comment=reason or _("Not published at its time: the item was changed meanwhile."),
        )
