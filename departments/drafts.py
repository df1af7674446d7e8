"""Drafts: a change to published content kept aside until it is published.

A draft holds the whole editable state of one object (a directorate, a department with its
competences, the Viber block) as a snapshot (departments/snapshots.py), and the snapshot of
what was published when the draft was started (``base``). The public site only ever reads the
content tables, which change when a draft is published (departments/publishing.py): nothing of
a draft can reach a page, the page cache, search, the sitemap, the API or the feed.

Each object has at most one open draft (a constraint), so an editor who opens the object
continues the draft already there instead of starting a rival one.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting approval")
    SCHEDULED = "scheduled", _("scheduled")
    PUBLISHED = "published", _("published")
    DISCARDED = "discarded", _("discarded")


# A draft still in the works: not yet published or discarded.
OPEN_STATUSES = (DraftStatus.DRAFT, DraftStatus.SUBMITTED, DraftStatus.SCHEDULED)


class DraftQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        )

    def due(self, now):
        """Scheduled drafts whose time has come."""
        return self.filter(status=DraftStatus.SCHEDULED, publish_at__lte=now)

    def for_pending_page(self):
        """Open drafts with what the pending page shows, in a constant number of queries."""
        return (
            self.open()
            .select_related("content_type", "created_by", "updated_by", "submitted_by")
            .order_by("publish_at", "-updated_at", "-id")
        )


class Draft(models.Model):
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of content")
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    object_label = models.CharField(_("item"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DraftStatus.choices, default=DraftStatus.DRAFT
    )
    # What the draft would publish, and what was published when it was started (to tell
    # whether someone published meanwhile, and what they changed).
    data = models.JSONField(_("draft content"))
    base = models.JSONField(_("published content when the draft was started"))
    # The draft's own lock: two editors saving the same draft never overwrite each other.
    version = models.PositiveIntegerField(_("version"), default=1)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # The approval binds what was reviewed: the publisher and the draft version they approved.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_version = models.PositiveIntegerField(_("approved version"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    objects = DraftQuerySet.as_manager()

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["-updated_at", "-id"]
        permissions = [
            ("publish_draft", _("Can approve and publish drafts")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="one_open_draft_per_object",
            ),
        ]
        indexes = [models.Index(fields=["status", "publish_at"])]

    def __str__(self):
        return _("Draft of “%(item)s”") % {"item": self.object_label}

    @property
    def model(self):
        return self.content_type.model_class()

    def published_object(self):
        """The published object the draft changes (None if it was deleted)."""
        return self.model._base_manager.filter(pk=self.object_id).first()

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def author_ids(self):
        """Everyone who saved the draft (its authors): never its approver."""
        ids = set(
            self.events.filter(action=DraftEvent.Action.SAVED, user__isnull=False).values_list(
                "user_id", flat=True
            )
        )
        if self.created_by_id is not None:
            ids.add(self.created_by_id)
        return ids


class DraftEvent(models.Model):
    """The history of drafts: who did what to which draft, and when (never edited or deleted)."""

    class Action(models.TextChoices):
        SAVED = "saved", _("draft saved")
        SUBMITTED = "submitted", _("submitted for approval")
        APPROVED = "approved", _("approved")
        SENT_BACK = "sent_back", _("sent back")
        SCHEDULED = "scheduled", _("scheduled")
        UNSCHEDULED = "unscheduled", _("unscheduled")
        PUBLISHED = "published", _("published")
        DISCARDED = "discarded", _("discarded")
        CONFLICT = "conflict", _("publication refused: changed meanwhile")
        FAILED = "failed", _("publication failed")
        REBASED = "rebased", _("based on the current version")

    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, related_name="events", verbose_name=_("draft")
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)
    # The draft's version when the step was taken (what a later action is compared with).
    version = models.PositiveIntegerField(_("draft version"), null=True, blank=True)
    # The draft's content at that moment, so that every draft state stays visible.
    data = models.JSONField(_("content"), null=True, blank=True)

    class Meta:
        verbose_name = _("draft event")
        verbose_name_plural = _("draft events")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.at:%Y-%m-%d %H:%M})"
