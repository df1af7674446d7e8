"""Answers to "Is this page useful?". Deliberately no address, cookie or other personal data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

PAGE_MAX_LENGTH = 300
COMMENT_MAX_LENGTH = 1000


class Feedback(models.Model):
    page = models.CharField(_("page"), max_length=PAGE_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=10)
    useful = models.BooleanField(_("useful"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")

    def __str__(self):
        return f"{self.page} ({self.created_at:%Y-%m-%d})"
