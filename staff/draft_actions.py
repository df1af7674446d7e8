"""The review page's workflow actions: who may take which, and carrying one out.

The page shows only the actions the editor may take (``available``); ``perform`` checks again,
since a form can be posted by anyone: a missing permission is refused (PermissionDenied), input
the page cannot use is an ``ActionError`` (answered 400 with its message) and a step the
workflow refuses is the core's WorkflowError (or Conflict), with its own message.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from departments import publishing
from departments.drafts import DraftStatus
from staff.draft_status import ATHENS

ACTIONS = (
    "publish",
    "approve",
    "schedule",
    "unschedule",
    "submit",
    "send_back",
    "discard",
    "rebase",
)


class ActionError(Exception):
    """Input the action cannot use (a bad date, an empty comment); the message says why."""


def available(user, draft, outdated):
    """The actions ``user`` may take on ``draft`` now, as a set of names."""
    if not draft.is_open or not publishing.can_edit(user, draft.model):
        return set()
    actions = {"discard"}
    approval = publishing.approval_required()
    if publishing.can_publish(user, draft):
        actions.update({"approve"} if approval else {"publish"})
        actions.add("schedule")
    if approval and draft.status == DraftStatus.DRAFT:
        actions.add("submit")
    if publishing.can_approve(user, draft) and draft.status == DraftStatus.SUBMITTED:
        actions.add("send_back")
    if draft.status == DraftStatus.SCHEDULED:
        actions.add("unschedule")
    if outdated:
        actions.add("rebase")
    return actions


def parse_publish_at(value):
    """A datetime-local value ("2026-05-01T09:30") read as Athens time; ActionError if bad."""
    try:
        moment = datetime.fromisoformat((value or "").strip())
    except ValueError:
        raise ActionError(_("Enter a valid date and time for the publication.")) from None
    if timezone.is_aware(moment):
        moment = timezone.make_naive(moment, ATHENS)
    moment = timezone.make_aware(moment, ATHENS)
    if moment <= timezone.now():
        raise ActionError(_("Choose a time in the future, or publish now."))
    return moment


def _check_permission(user, draft, action):
    """Refuse an action the user's permissions never allow (whatever the draft's state)."""
    if not publishing.can_edit(user, draft.model):
        raise PermissionDenied
    needs_publisher = action in ("approve", "send_back") or (
        action in ("publish", "schedule") and publishing.approval_required()
    )
    if needs_publisher and not publishing.is_publisher(user):
        raise PermissionDenied


def perform(user, draft, action, data):
    """Carry out ``action`` (a POSTed name) with the form's ``data``; return a success message."""
    if action not in ACTIONS:
        raise ActionError(_("Unknown action."))
    _check_permission(user, draft, action)
    if action == "approve" and not publishing.approval_required():
        raise ActionError(_("Approval is not required: publish the draft instead."))
    if action in ("publish", "approve"):
        publishing.publish(draft, user)
        return _("“%(item)s” is published.") % {"item": draft.object_label}
    if action == "schedule":
        when = parse_publish_at(data.get("publish_at"))
        publishing.schedule(draft, user, when)
        return _("“%(item)s” is scheduled.") % {"item": draft.object_label}
    if action == "unschedule":
        publishing.unschedule(draft, user)
        return _("“%(item)s” is no longer scheduled.") % {"item": draft.object_label}
    if action == "submit":
        publishing.submit(draft, user)
        return _("“%(item)s” is submitted for approval.") % {"item": draft.object_label}
    if action == "send_back":
        comment = (data.get("comment") or "").strip()
        if not comment:
            raise ActionError(_("Say what needs correcting before sending the draft back."))
        publishing.send_back(draft, user, comment)
        return _("“%(item)s” is sent back to its editor.") % {"item": draft.object_label}
    if action == "discard":
        publishing.discard(draft, user)
        return _("The draft of “%(item)s” is discarded.") % {"item": draft.object_label}
    publishing.rebase(draft)
    return _("The draft is now based on the current version of “%(item)s”.") % {
        "item": draft.object_label
    }
