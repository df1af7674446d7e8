"""Links from the content admins' pages to the drafts' pages."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

register = template.Library()


@register.simple_tag
def history_diff_url(opts, record):
    """The page comparing a history entry of an ``opts.model`` object with what is published."""
    content_type = ContentType.objects.get_for_model(opts.model)
    return reverse("admin:departments_draft_history_diff", args=[content_type.pk, record.pk])
