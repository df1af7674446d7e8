"""The editorial workflow core: the states, the steps, who may take each, and the one publish.

Every path that changes published content comes here: the review page, the change form (Save
draft, Submit, Save and publish), history revert and restore, the admin's bulk actions, the
scheduler and any importer. The admin only renders forms and dispatches; the rule lives in
``RULES`` alone (docs/editing.md prints it as a table, tests/editorial/test_rules.py tests it).

A draft moves between the open states ``draft``, ``submitted`` and ``scheduled`` and ends
``published`` or ``discarded``. Each step runs in one transaction, records one DraftEvent (who,
when, the draft's version, what it held) and is refused with a WorkflowError whose message is
for the editor. The rules that keep the two-person promise when approval is on:

- every step names the draft version its form was rendered from; a step on an older version is
  refused (``Stale``) with what changed since;
- any change to a draft's content (a save, a rebase, a restore into it) sends it back to
  ``draft``: an approval binds the version that was approved (``approved_version``);
- the approver is never one of the draft's authors (everyone who saved it).

Locks are always taken in one order: the published row first, then the draft's row.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from departments import snapshots
from departments.drafts import OPEN_STATUSES, Draft, DraftEvent, DraftStatus
from departments.models import Competence, Department
from serving.generation import single_bump

# --- The rules ---------------------------------------------------------------------------------

NEW = "new"  # the object has no open draft: a save starts one
DRAFT, SUBMITTED, SCHEDULED = DraftStatus.DRAFT, DraftStatus.SUBMITTED, DraftStatus.SCHEDULED
PUBLISHED, DISCARDED = DraftStatus.PUBLISHED, DraftStatus.DISCARDED
OPEN = frozenset(OPEN_STATUSES)

VIEWER, EDITOR, PUBLISHER = "viewer", "editor", "publisher"
EDITORS = frozenset({EDITOR, PUBLISHER})
PUBLISHERS = frozenset({PUBLISHER})

# The steps on a draft, with the names the admin posts.
SAVE, SUBMIT, APPROVE, PUBLISH, SCHEDULE = "save", "submit", "approve", "publish", "schedule"
UNSCHEDULE, SEND_BACK, DISCARD, REBASE = "unschedule", "send_back", "discard", "rebase"
STEPS = (SAVE, SUBMIT, APPROVE, PUBLISH, SCHEDULE, UNSCHEDULE, SEND_BACK, DISCARD, REBASE)
# The steps on published objects themselves (no draft): the English confirmed from the lists,
# an item added, deleted, or brought back after deletion.
CONFIRM_ENGLISH, CREATE, DELETE = "confirm_english", "create", "delete"

STEP_LABELS = {
    SAVE: gettext_lazy("Save draft"),
    SUBMIT: gettext_lazy("Submit for approval"),
    APPROVE: gettext_lazy("Approve and publish"),
    PUBLISH: gettext_lazy("Publish"),
    SCHEDULE: gettext_lazy("Schedule"),
    UNSCHEDULE: gettext_lazy("Unschedule"),
    SEND_BACK: gettext_lazy("Send back"),
    DISCARD: gettext_lazy("Discard the draft"),
    REBASE: gettext_lazy("Base the draft on the current version"),
}


@dataclass(frozen=True)
class Rule:
    """Who may take a step, from which states, and the state it leaves the draft in."""

    states: frozenset  # the draft's states it may be taken from (NEW: no open draft)
    roles: frozenset
    result: str | None  # the draft's state afterwards (None: unchanged)
    not_author: bool = False  # refused to anyone who saved the draft


# RULES[approval required][step]. A step missing from a table is never allowed there.
RULES = {
    False: {
        SAVE: Rule(OPEN | {NEW}, EDITORS, DRAFT),
        PUBLISH: Rule(OPEN, EDITORS, PUBLISHED),
        SCHEDULE: Rule(OPEN, EDITORS, SCHEDULED),
        UNSCHEDULE: Rule(frozenset({SCHEDULED}), EDITORS, DRAFT),
        DISCARD: Rule(OPEN, EDITORS, DISCARDED),
        REBASE: Rule(OPEN, EDITORS, DRAFT),
    },
    True: {
        SAVE: Rule(OPEN | {NEW}, EDITORS, DRAFT),
        SUBMIT: Rule(frozenset({DRAFT}), EDITORS, SUBMITTED),
        APPROVE: Rule(frozenset({SUBMITTED}), PUBLISHERS, PUBLISHED, not_author=True),
        SCHEDULE: Rule(frozenset({SUBMITTED, SCHEDULED}), PUBLISHERS, SCHEDULED, not_author=True),
        SEND_BACK: Rule(frozenset({SUBMITTED, SCHEDULED}), PUBLISHERS, DRAFT, not_author=True),
        UNSCHEDULE: Rule(frozenset({SCHEDULED}), EDITORS, DRAFT),
        DISCARD: Rule(OPEN, EDITORS, DISCARDED),
        REBASE: Rule(OPEN, EDITORS, DRAFT),
    },
}
# Steps on published objects: who may take them, with approval off and on. With approval on,
# what reaches the public pages at once is a publisher's act (confirming the English changes no
# public text; adding, deleting and restoring items are recorded in their history).
OBJECT_RULES = {
    False: {CONFIRM_ENGLISH: EDITORS, CREATE: EDITORS, DELETE: EDITORS},
    True: {CONFIRM_ENGLISH: PUBLISHERS, CREATE: PUBLISHERS, DELETE: PUBLISHERS},
}
# A content change sends the draft back to ``draft`` and drops its approval.
CONTENT_STEPS = frozenset({SAVE, REBASE})


class WorkflowError(Exception):
    """A step that cannot be taken; its message is for the editor (in their language)."""


class Refused(WorkflowError):
    """The rules do not allow this user this step in this state."""


class Conflict(WorkflowError):
    """Someone published the object after the draft was started; ``changes`` says what."""

    def __init__(self, message, changes):
        super().__init__(message)
        self.changes = changes


class Stale(WorkflowError):
    """The step was asked on an older version of the draft; ``changes`` says what changed."""

    def __init__(self, message, changes):
        super().__init__(message)
        self.changes = changes


def approval_required():
    return bool(getattr(settings, "EDITORIAL_APPROVAL_REQUIRED", False))


def can_edit(user, model):
    meta = model._meta
    return bool(user.is_active and user.has_perm(f"{meta.app_label}.change_{meta.model_name}"))


def is_publisher(user):
    return bool(user.is_active and user.has_perm("departments.publish_draft"))


def role(user, model):
    """The user's role for content of ``model``: viewer, editor or publisher."""
    if not can_edit(user, model):
        return VIEWER
    return PUBLISHER if is_publisher(user) else EDITOR


def state(draft):
    return NEW if draft is None or not draft.is_open else draft.status


def may(user, step, model, draft=None):
    """Whether ``user`` may take ``step`` on ``draft`` (None: the object has no open draft)."""
    return _refusal(user, step, model, draft) is None


def may_on_objects(user, step, model):
    """Whether ``user`` may take an object step (confirm English, create, delete) on ``model``."""
    return role(user, model) in OBJECT_RULES[approval_required()].get(step, ())


def role_may(user, step, model):
    """Whether the user's role may ever take ``step`` (whatever the draft's state)."""
    rule = RULES[approval_required()].get(step)
    return rule is not None and role(user, model) in rule.roles


def may_save_and_publish(user, model):
    """Whether the user's saves may go live at once (the change form's Save and publish)."""
    rules = RULES[approval_required()]
    return PUBLISH in rules and role(user, model) in rules[SAVE].roles & rules[PUBLISH].roles


def _refusal(user, step, model, draft):
    """Why the rules refuse the step (a message), or None when they allow it."""
    if not role_may(user, step, model):
        return _("You may not take this step on this draft.")
    rule = RULES[approval_required()][step]
    if draft is not None and not draft.is_open:
        return _("This draft was already %(status)s.") % {"status": draft.get_status_display()}
    if state(draft) not in rule.states:
        return _("This step cannot be taken on a draft that is %(status)s.") % {
            "status": DraftStatus(draft.status).label if draft else _("not started")
        }
    if rule.not_author and draft is not None and user.pk in draft.author_ids():
        return _("Only a publisher who did not edit this draft can approve it.")
    return None


def available(user, draft, model=None):
    """The steps (of ``STEPS``) the user may take on the draft now, as a set."""
    model = model or draft.model
    return {step for step in STEPS if step != SAVE and may(user, step, model, draft)}


# --- Reading drafts ----------------------------------------------------------------------------


def is_outdated(draft):
    """Whether what is published changed after the draft was started."""
    return snapshots.versions(snapshots.published_snapshot(draft)) != snapshots.versions(draft.base)


def open_draft(obj):
    """The object's open draft, or None."""
    return Draft.objects.open().for_object(obj).first()


def data_at(draft, version):
    """What the draft held at ``version`` (None if no event recorded it)."""
    event = draft.events.filter(version=version, data__isnull=False).order_by("-at", "-id").first()
    return event.data if event else None


# --- Taking steps ------------------------------------------------------------------------------


def _event(draft, action, user, comment="", data=None):
    return DraftEvent.objects.create(
        draft=draft, action=action, user=user, comment=comment, data=data, version=draft.version
    )


def _lock_object(model, object_id):
    """The published row, locked (always before the draft's row); None if it was deleted."""
    return model._base_manager.select_for_update().filter(pk=object_id).first()


def _lock_draft(draft):
    return Draft.objects.select_for_update().get(pk=draft.pk)


def _check(user, step, draft, version):
    """Refuse the step unless the rules allow it on this version of the (locked) draft.

    A step asked on an older version is refused first, whatever else changed with it: the
    editor is shown what changed since the page they acted on.
    """
    if not role_may(user, step, draft.model):
        raise Refused(_refusal(user, step, draft.model, draft))
    if version is not None and int(version) != draft.version and draft.is_open:
        raise Stale(
            _(
                "The draft changed after you opened it (%(user)s saved it again); nothing was "
                "done. Review the changes below, then decide again."
            )
            % {"user": draft.updated_by or _("someone")},
            snapshots.diff(draft.model, data_at(draft, int(version)), draft.data),
        )
    refusal = _refusal(user, step, draft.model, draft)
    if refusal:
        raise Refused(refusal)


def _clear_approval(draft):
    draft.status = DRAFT
    draft.publish_at = None
    draft.approved_by = None
    draft.approved_version = None


def _begin(draft, user, step, version):
    """Lock the published row, then the draft's; check the step; return the locked draft."""
    _lock_object(draft.model, draft.object_id)
    locked = _lock_draft(draft)
    _check(user, step, locked, version)
    return locked


def _finish(draft, user, step, action, comment="", **changes):
    """Move the locked draft to the step's state, change its fields, record the event."""
    rule = RULES[approval_required()][step]
    if rule.result is not None:
        draft.status = rule.result
    for name, value in changes.items():
        setattr(draft, name, value)
    draft.save()
    _event(draft, action, user, comment=comment)
    return draft


def _take(draft, user, step, version, action, comment="", **changes):
    """One step on an open draft: lock, check, change its fields, record the event."""
    locked = _begin(draft, user, step, version)
    return _finish(locked, user, step, action, comment, **changes)


@transaction.atomic
def save_draft(obj, data, user, seen_version=None):
    """Store ``data`` (a snapshot) as the open draft of ``obj``; return the draft.

    ``seen_version`` is the draft version the editor opened (None: they opened the published
    object). Saving over a draft someone saved meanwhile, or beside a draft someone started
    meanwhile, is refused. The save sends a submitted or scheduled draft back to ``draft``.
    """
    model = type(obj)
    published = _lock_object(model, obj.pk)
    if published is None:
        raise WorkflowError(_("This item was deleted; the draft cannot be saved."))
    existing = Draft.objects.select_for_update().open().for_object(published).first()
    refusal = _refusal(user, SAVE, model, existing)
    if refusal:
        raise Refused(refusal)
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
        if seen_version is None:
            raise WorkflowError(
                _(
                    "Someone else started a draft of this item after you opened it (%(user)s); "
                    "your changes were not saved. Open the item again to continue their draft."
                )
                % {"user": draft.updated_by or _("someone")}
            )
        if int(seen_version) != draft.version:
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
    _clear_approval(draft)
    draft.save()
    _event(draft, DraftEvent.Action.SAVED, user, data=data)
    return draft


@transaction.atomic
def submit(draft, user, version=None):
    return _take(
        draft,
        user,
        SUBMIT,
        version,
        DraftEvent.Action.SUBMITTED,
        submitted_by=user,
        review_comment="",
    )


@transaction.atomic
def send_back(draft, user, comment, version=None):
    if not (comment or "").strip():
        raise WorkflowError(_("Say what needs correcting before sending the draft back."))
    draft = _take(
        draft,
        user,
        SEND_BACK,
        version,
        DraftEvent.Action.SENT_BACK,
        comment=comment,
        review_comment=comment,
        publish_at=None,
        approved_by=None,
        approved_version=None,
    )
    return draft


@transaction.atomic
def schedule(draft, user, when, version=None):
    """Schedule the draft for ``when``; with approval on, this approves its current version."""
    if when <= timezone.now():
        raise WorkflowError(_("Choose a time in the future, or publish now."))
    locked = _begin(draft, user, SCHEDULE, version)
    approving = approval_required()
    if approving:
        _event(locked, DraftEvent.Action.APPROVED, user)
    return _finish(
        locked,
        user,
        SCHEDULE,
        DraftEvent.Action.SCHEDULED,
        comment=when.isoformat(),
        publish_at=when,
        approved_by=user if approving else None,
        approved_version=locked.version if approving else None,
    )


@transaction.atomic
def unschedule(draft, user, version=None):
    return _take(
        draft,
        user,
        UNSCHEDULE,
        version,
        DraftEvent.Action.UNSCHEDULED,
        publish_at=None,
        approved_by=None,
        approved_version=None,
    )


@transaction.atomic
def discard(draft, user, version=None):
    return _take(draft, user, DISCARD, version, DraftEvent.Action.DISCARDED)


@transaction.atomic
def rebase(draft, user, version=None):
    """Base an open draft on what is published now (after the editor has seen the conflict).

    Its content changes meaning (what it overwrites), so it goes back to ``draft``.
    """
    locked = _begin(draft, user, REBASE, version)
    locked.base = snapshots.published_snapshot(locked)
    locked.version += 1
    locked.updated_by = user
    _clear_approval(locked)
    locked.save()
    _event(locked, DraftEvent.Action.REBASED, user, data=locked.data)
    return locked


def publish(draft, user, version=None):
    """Publish the draft now (with approval on, this is "Approve and publish"); return the object.

    Raises Conflict, without writing anything, when the object was published meanwhile.
    """
    step = APPROVE if approval_required() else PUBLISH
    try:
        with transaction.atomic():
            return _publish_step(draft, user, step, version)
    except Conflict:
        # Recorded outside the refused transaction, so that the refusal is kept.
        _event(Draft.objects.get(pk=draft.pk), DraftEvent.Action.CONFLICT, user)
        raise


def _publish_step(draft, user, step, version):
    obj = _lock_object(draft.model, draft.object_id)
    locked = _lock_draft(draft)
    _check(user, step, locked, version)
    approver = None
    if step == APPROVE:
        _event(locked, DraftEvent.Action.APPROVED, user)
        approver = user
    return _publish(locked, obj, user, approver)


@transaction.atomic
def save_and_publish(obj, data, user, seen_version=None):
    """The change form's "Save and publish": the form saved as a draft and published at once.

    Returns the draft, or None when the form changed nothing and opened no draft.
    """
    if seen_version is None and not _differs(obj, data):
        return None
    draft = save_draft(obj, data, user, seen_version=seen_version)
    publish(draft, user, version=draft.version)
    return draft


def _differs(obj, data):
    published = snapshots.published_snapshot(type(obj), obj.pk)
    return published is None or bool(snapshots.diff(type(obj), published, data))


def change_item(obj, user, change):
    """A change to one item made outside its change form (another item's form, an importer).

    ``change(snapshot)`` returns the edited snapshot of what is published. It goes through a
    draft like any other change: published at once with approval off, kept as a draft for
    approval with it on. Returns the draft (None if nothing changed). Refused while the item has
    an open draft: that draft is where it is being edited.
    """
    with transaction.atomic():
        _lock_object(type(obj), obj.pk)
        draft = open_draft(obj)
        if draft is not None:
            raise WorkflowError(
                _(
                    "“%(item)s” has a draft (#%(id)d, by %(user)s): make this change in that "
                    "draft, or discard it first."
                )
                % {"item": draft.object_label, "id": draft.pk, "user": _name(draft.updated_by)}
            )
        data = change(snapshots.snapshot(obj))
        if approval_required():
            return save_draft(obj, data, user) if _differs(obj, data) else None
        return save_and_publish(obj, data, user)


def confirm_english(queryset, user):
    """Clear the "English to review" flags of the items (a bulk action); return how many."""
    model = queryset.model
    if not may_on_objects(user, CONFIRM_ENGLISH, model):
        raise Refused(_("You may not change this item."))
    confirmed = 0
    with transaction.atomic(), single_bump():
        for obj in queryset.select_for_update().exclude(english_review=[]):
            obj.english_review = []
            obj._change_reason = _source(gettext_lazy("English confirmed as up to date"))
            obj._history_user = user
            obj.save()
            confirmed += 1
    return confirmed


def _source(text_function, **values):
    """A history text in the source language, whoever is reading the admin."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text_function) % values if values else str(text_function)


# --- The one publish ---------------------------------------------------------------------------


def publication_reason(draft_id, publisher, approver):
    """The history's words for a publication: from which draft, by whom, approved by whom."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {"id": draft_id, "publisher": _name(publisher)}
        if approver is None:
            return _("Published from draft #%(id)d by %(publisher)s") % values
        return _("Published from draft #%(id)d by %(publisher)s, approved by %(approver)s") % {
            **values,
            "approver": _name(approver),
        }


def _name(user):
    if user is None:
        return _("the scheduler")
    return user.get_full_name() or user.get_username()


def _publish(draft, obj, publisher, approver):
    """Write the locked draft to the locked published ``obj``: the only write of published
    content. History, the admin's log and the draft's events all say the same thing."""
    if obj is None:
        raise WorkflowError(_("This item was deleted; the draft cannot be published."))
    current = snapshots.snapshot(obj)
    if snapshots.versions(current) != snapshots.versions(draft.base):
        raise Conflict(
            _(
                "“%(item)s” was published by someone else after this draft was started. "
                "Nothing was overwritten: compare the changes below, then base the draft on the "
                "new version and publish again."
            )
            % {"item": draft.object_label},
            snapshots.diff(draft.model, draft.base, current),
        )
    if approval_required():
        # The two-person rule, checked at the only place content is written.
        if draft.approved_version != draft.version and approver is None:
            raise Refused(_("This version of the draft was not approved."))
        approver = approver or draft.approved_by
        if approver is None or approver.pk in draft.author_ids():
            raise Refused(_("Only a publisher who did not edit this draft can approve it."))
    reason = publication_reason(draft.pk, publisher, approver)
    try:
        with single_bump():
            _write(obj, draft.data, publisher, reason)
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
    draft.status = PUBLISHED
    draft.published_at = timezone.now()
    draft.published_by = publisher
    if approver is not None:
        draft.approved_by = approver
        draft.approved_version = draft.version
    draft.save()
    _event(draft, DraftEvent.Action.PUBLISHED, publisher, comment=reason, data=draft.data)
    if publisher is not None:
        LogEntry.objects.log_actions(
            publisher.pk, [obj], CHANGE, change_message=reason, single_object=True
        )
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
    else:
        # The object's own history names every publication, even one that changed only its
        # competences: a record of it as it stands, without a new version (a version would
        # make an editor of its other fields see a conflict that is not there).
        type(obj).history.bulk_history_create(
            [obj], update=True, default_user=user, default_change_reason=reason
        )
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
        values = snapshots.competence_values(item, competence)
        if competence is None:
            competence = Competence(department=obj, **values)
            save(competence)
        elif any(getattr(competence, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(competence, name, value)
            save(competence)


# --- The scheduler -----------------------------------------------------------------------------


def publish_due(now=None):
    """Publish every scheduled draft whose time has come; return (published, refused) drafts.

    Due drafts are taken in publication-time order. Safe on several nodes at once: each is
    claimed under a row lock (skipped by the others on PostgreSQL, waited for on SQLite) and
    published only if still due. A draft that cannot be published, for whatever reason, goes
    back to ``draft`` with the reason recorded (its authors are told); the others are published.
    """
    now = now or timezone.now()  # tests drive the clock by passing it
    published, refused = [], []
    due = Draft.objects.due(now).order_by("publish_at", "pk")
    for draft_id, content_type_id, object_id in list(
        due.values_list("pk", "content_type_id", "object_id")
    ):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        try:
            with transaction.atomic():
                obj = _lock_object(model, object_id)
                # of=("self",): lock the draft's row only; PostgreSQL refuses to lock the
                # nullable side of the outer join to ``updated_by``.
                claimed = (
                    Draft.objects.select_for_update(skip_locked=True, of=("self",))
                    .due(now)
                    .filter(pk=draft_id)
                    .select_related("updated_by", "approved_by")
                    .first()
                )
                if claimed is None:
                    continue  # another node has it, or it was published, unscheduled or edited
                _publish(claimed, obj, _scheduled_by(claimed), None)
        except Exception as error:
            if _refuse_scheduled(draft_id, error):
                refused.append(Draft.objects.get(pk=draft_id))
            continue
        published.append(claimed)
    return published, refused


def _scheduled_by(draft):
    event = draft.events.filter(action=DraftEvent.Action.SCHEDULED).order_by("-at", "-id").first()
    return event.user if event else draft.updated_by


def _refuse_scheduled(draft_id, error):
    """A scheduled draft that could not go live goes back to ``draft``, the reason recorded."""
    if isinstance(error, Conflict):
        action = DraftEvent.Action.CONFLICT
        reason = _source(gettext_lazy("Not published at its time: the item was changed meanwhile."))
    else:
        action = DraftEvent.Action.FAILED
        reason = str(error) if isinstance(error, WorkflowError) else repr(error)
    with transaction.atomic():
        draft = Draft.objects.select_for_update().filter(pk=draft_id).first()
        if draft is None or draft.status != SCHEDULED:
            return False
        _clear_approval(draft)
        draft.save()
        _event(draft, action, None, comment=reason)
    return True
