"""What the staff app stores itself: the record of each purge of text from the history, and
each staff member's preferences (the language of the e-mail they receive)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from departments.drafts import Draft


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


class StaffPreference(models.Model):
    """A staff member's own settings: the language of the workflow's e-mail to them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_preference",
    )
    language = models.CharField(
        _("language of e-mail notifications"),
        max_length=2,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mail the editorial workflow sends you."),
    )

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return _("Preferences of %(user)s") % {"user": self.user}

    @classmethod
    def language_of(cls, user_ids):
        """{user id: language} for the given users; Greek (the default) for those with none."""
        chosen = dict(cls.objects.filter(user_id__in=user_ids).values_list("user_id", "language"))
        return {user_id: chosen.get(user_id, settings.LANGUAGE_CODE) for user_id in user_ids}


class TranslationFile(Draft):
    """No data of its own: the admin's "Translation files (XLIFF)" page, listed on the admin's
    home page like a model (staff/translation_files.py). Imports make drafts, hence the proxy."""

    class Meta:
        proxy = True
        verbose_name = _("translation files (XLIFF)")
        verbose_name_plural = _("translation files (XLIFF)")
        default_permissions = ()
