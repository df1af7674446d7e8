"""E-mail to the people a workflow step concerns, sent after the step's transaction commits.

Every workflow step records exactly one DraftEvent (departments/publishing.py); a receiver of
those rows schedules the message with ``transaction.on_commit``, so a step that rolls back
sends nothing. A draft submitted goes to every Publisher; sent back, approved, scheduled,
published or failed goes to its authors. Never to whoever took the step, and each recipient
reads it in their own language (StaffPreference, Greek by default).

Mail is a courtesy, not part of the step: a mail server that is down or slow (EMAIL_TIMEOUT)
costs one log line and never undoes or blocks what was committed.
"""

import contextlib
import logging
import re
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from departments.drafts import DraftEvent
from serving.origin import absolute
from staff.models import StaffPreference

logger = logging.getLogger(__name__)

Action = DraftEvent.Action

# The message each step sends (its templates' ``kind``); other steps send nothing.
KINDS = {
    Action.SUBMITTED: "submitted",
    Action.SENT_BACK: "sent_back",
    Action.APPROVED: "approved",
    Action.SCHEDULED: "scheduled",
    Action.PUBLISHED: "published",
    Action.CONFLICT: "failed",
    Action.FAILED: "failed",
}
# An approval recorded together with the step it allowed is told by that step's message alone.
TELLS_THE_APPROVAL = (Action.PUBLISHED, Action.SCHEDULED)


def on_draft_event(sender, instance, created, raw=False, using=None, **kwargs):
    """post_save of DraftEvent: a new step's message leaves once its transaction commits."""
    if created and not raw and instance.action in KINDS:
        transaction.on_commit(partial(notify, instance.pk), using=using, robust=True)


def notify(event_id):
    """Send the message of one recorded step to everyone it concerns; failures are logged."""
    event = DraftEvent.objects.select_related("draft", "user").filter(pk=event_id).first()
    if event is None or _told_by_a_later_step(event):
        return
    recipients = list(_recipients(event))
    if not recipients:
        return
    languages = StaffPreference.language_of([user.pk for user in recipients])
    messages = [_message(event, user, languages[user.pk]) for user in recipients]
    unsent, error = _send(messages)
    if unsent:
        logger.error(
            "Workflow e-mail not sent: draft #%s (%s), %d of %d recipient(s): %r",
            event.draft_id,
            event.action,
            unsent,
            len(messages),
            error,
        )


def _send(messages):
    """Send each message over one connection; (how many were not sent, the last error)."""
    connection = get_connection()
    try:
        connection.open()
    except Exception as failure:  # the server cannot be reached: nothing leaves, the step stands
        return len(messages), failure
    unsent, error = 0, None
    for message in messages:
        # One refused address must not keep the message from the others.
        try:
            connection.send_messages([message])
        except Exception as refused:
            unsent, error = unsent + 1, refused
    with contextlib.suppress(Exception):  # what was sent is sent
        connection.close()
    return unsent, error


def _told_by_a_later_step(event):
    """Whether an approval was published or scheduled in its own transaction.

    This runs right after that transaction commits, so a later publication or scheduling of
    the draft that is already recorded is one that committed with the approval.
    """
    return (
        event.action == Action.APPROVED
        and DraftEvent.objects.filter(
            draft_id=event.draft_id, pk__gt=event.pk, action__in=TELLS_THE_APPROVAL
        ).exists()
    )


def _recipients(event):
    """The active users with an address whom the step concerns, never its actor."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if event.action == Action.SUBMITTED:
        users = users.filter(_holds_publish_draft()).distinct()
    else:
        users = users.filter(pk__in=event.draft.author_ids())
    if event.user_id is not None:
        users = users.exclude(pk=event.user_id)
    return users.order_by("pk")


def _holds_publish_draft():
    """Publishers: departments.publish_draft by group or by user, and superusers."""
    permission = Permission.objects.filter(
        content_type__app_label="departments", codename="publish_draft"
    ).first()
    holders = Q(is_superuser=True)
    if permission is not None:
        holders |= Q(user_permissions=permission) | Q(groups__permissions=permission)
    return holders


def _message(event, recipient, language):
    with translation.override(language):
        context = {
            "kind": KINDS[event.action],
            "event": event,
            "draft": event.draft,
            "actor": _name(event.user) or gettext("Someone"),
            "recipient": _name(recipient),
            "review_url": absolute(
                reverse("admin:departments_draft_review", args=[event.draft_id])
            ),
            "preferences_url": absolute(reverse("admin:staff_staffpreference_changelist")),
        }
        subject = render_to_string("staff/notifications/subject.txt", context)
        body = render_to_string("staff/notifications/body.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        # The templates' conditional lines leave runs of blank lines; one is enough.
        body=re.sub(r"\n{3,}", "\n\n", body.strip()) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
    )


def _name(user):
    if user is None:
        return None
    return user.get_full_name() or user.get_username()
