"""The drafts' copies of a text being purged from the history (staff/purge.py).

A draft keeps snapshots of the content: what it would publish (``data``) and what was published
when it was started (``base``), besides its label and the reviewer's comment; each of its
events keeps the draft's content at that moment and a comment. A purged text is replaced in all
of them but one: what an open draft would publish is an editor's work in progress, so while an
open draft holds the text the purge is refused, naming the draft and where to take it out.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from departments.drafts import Draft, DraftEvent
from staff.redaction import redacted_columns, redacted_json

DRAFT_TEXT_COLUMNS = ("object_label", "review_comment")
EVENT_TEXT_COLUMNS = ("comment",)


def _redacted_json_columns(obj, columns, pattern):
    changes = {}
    for column in columns:
        value = getattr(obj, column)
        redacted = redacted_json(value, pattern)
        if redacted != value:
            changes[column] = redacted
    return changes


def open_drafts_holding(pattern):
    """The open drafts that would publish the text."""
    drafts = Draft.objects.open().only("pk", "content_type", "object_id", "object_label", "data")
    return [
        draft for draft in drafts.order_by("pk") if _redacted_json_columns(draft, ["data"], pattern)
    ]


def _change_url(draft):
    """The item's change form (where its open draft is edited), or None if it was deleted."""
    model = ContentType.objects.get_for_id(draft.content_type_id).model_class()
    if not model._base_manager.filter(pk=draft.object_id).exists():
        return None
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[draft.object_id])


def refusal(draft):
    """Why the purge waits for ``draft`` and where to go, as HTML with links."""
    review_url = reverse("admin:departments_draft_review", args=[draft.pk])
    change_url = _change_url(draft)
    if change_url is None:
        return format_html(
            _(
                "Draft #{id} of “{item}” still holds the text in what it would publish: "
                '<a href="{review_url}">discard the draft</a>, then purge the history.'
            ),
            id=draft.pk,
            item=draft.object_label,
            review_url=review_url,
        )
    return format_html(
        _(
            "Draft #{id} of “{item}” still holds the text in what it would publish: edit it "
            'out of the draft in <a href="{change_url}">the item’s change form</a>, or '
            '<a href="{review_url}">discard the draft</a>, then purge the history.'
        ),
        id=draft.pk,
        item=draft.object_label,
        change_url=change_url,
        review_url=review_url,
    )


def matches(pattern):
    """``(model, pk, changes)`` for each draft and draft event holding the text.

    An open draft's ``data`` is never changed: the purge is refused while it holds the text.
    """
    drafts = Draft.objects.only("pk", "status", "data", "base", *DRAFT_TEXT_COLUMNS)
    for draft in drafts.iterator():
        json_columns = ["base"] if draft.is_open else ["data", "base"]
        changes = {
            **_redacted_json_columns(draft, json_columns, pattern),
            **redacted_columns(draft, DRAFT_TEXT_COLUMNS, pattern),
        }
        if changes:
            yield Draft, draft.pk, changes
    for event in DraftEvent.objects.only("pk", "data", *EVENT_TEXT_COLUMNS).iterator():
        changes = {
            **_redacted_json_columns(event, ["data"], pattern),
            **redacted_columns(event, EVENT_TEXT_COLUMNS, pattern),
        }
        if changes:
            yield DraftEvent, event.pk, changes
