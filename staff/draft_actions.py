"""The review page's workflow actions: reading the posted form and dispatching to the core.

Which actions the page shows and whether one may be taken are the core's rules
(departments/publishing.py), asked once more when the form comes back, since a form can be
posted by anyone. Input the page cannot use is an ``ActionError`` (answered 400 with its
message); a missing permission is refused (PermissionDenied); a step the workflow refuses is the
core's WorkflowError (Refused, Stale, Conflict), with its own message.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from departments import publishing
from staff.draft_status import ATHENS

ACTIONS = tuple(step for step in publishing.STEPS if step != publishing.SAVE)


class ActionError(Exception):
    """Input the action cannot use (a bad date, an empty comment); the message says why."""


def available(user, draft, outdated):
    """The actions ``user`` may take on ``draft`` now, as a set of names (rebase: if outdated)."""
    actions = publishing.available(user, draft)
    if not outdated:
        actions.discard(publishing.REBASE)
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


def _version(data):
    """The draft version the form was rendered from (every action names it)."""
    try:
        return int(data.get("version", ""))
    except (TypeError, ValueError):
        raise ActionError(_("The form is incomplete: open the draft again.")) from None


def perform(user, draft, action, data):
    """Carry out ``action`` (a POSTed name) with the form's ``data``; return a success message."""
    if action not in ACTIONS:
        raise ActionError(_("Unknown action."))
    if action == publishing.APPROVE and not publishing.approval_required():
        raise ActionError(_("Approval is not required: publish the draft instead."))
    # "Publish now" is the approval when approval is required (publishing.publish).
    approving = action == publishing.PUBLISH and publishing.approval_required()
    if not publishing.role_may(user, publishing.APPROVE if approving else action, draft.model):
        raise PermissionDenied
    version = _version(data)
    item = {"item": draft.object_label}
    if action in (publishing.PUBLISH, publishing.APPROVE):
        publishing.publish(draft, user, version=version)
        return _("“%(item)s” is published.") % item
    if action == publishing.SCHEDULE:
        when = parse_publish_at(data.get("publish_at"))
        publishing.schedule(draft, user, when, version=version)
        return _("“%(item)s” is scheduled.") % item
    if action == publishing.SEND_BACK:
        comment = (data.get("comment") or "").strip()
        if not comment:
            raise ActionError(_("Say what needs correcting before sending the draft back."))
        publishing.send_back(draft, user, comment, version=version)
        return _("“%(item)s” is sent back to its editor.") % item
    steps = {
        publishing.UNSCHEDULE: (
            publishing.unschedule,
            _("“%(item)s” is no longer scheduled."),
        ),
        publishing.SUBMIT: (publishing.submit, _("“%(item)s” is submitted for approval.")),
        publishing.DISCARD: (publishing.discard, _("The draft of “%(item)s” is discarded.")),
        publishing.REBASE: (
            publishing.rebase,
            _("The draft is now based on the current version of “%(item)s”."),
        ),
    }
    step, message = steps[action]
    step(draft, user, version=version)
    return message % item
