"""A draft's status and people as the editor reads them, times in Greece's time zone."""

from zoneinfo import ZoneInfo

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from departments.drafts import DraftStatus

# Scheduled times are shown and entered in the ministry's time zone, whatever the server's.
ATHENS = ZoneInfo("Europe/Athens")


def local_time(moment):
    """``moment`` in Athens, formatted in the active language (date and time)."""
    return formats.date_format(timezone.localtime(moment, ATHENS), "DATETIME_FORMAT")


def status_text(draft):
    if draft.status == DraftStatus.SCHEDULED and draft.publish_at:
        return _("scheduled for %(time)s") % {"time": local_time(draft.publish_at)}
    return str(draft.get_status_display())


def user_name(user):
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()
