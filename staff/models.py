"""What the staff app stores itself: the record of each purge of text from the history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HistoryPurge(models.Model):
    """A purge happened: when, by whom and how many records it changed; never the text."""

    purged_at = models.DateTimeField(_("purged on"), auto_now_add=True)
    purged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("purged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    records = models.PositiveIntegerField(_("history records changed"), default=0)
    # Drafts and draft events (staff/purge_drafts.py).
    draft_records = models.PositiveIntegerField(_("draft records changed"), default=0)

    class Meta:
        verbose_name = _("purge of text from the history")
        verbose_name_plural = _("purges of text from the history")
        ordering = ["-purged_at"]

    def __str__(self):
        return _("Purge of %(date)s") % {"date": self.purged_at.strftime("%Y-%m-%d %H:%M")}
