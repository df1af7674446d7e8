"""Links from the content admins' pages to the drafts' pages."""

import re

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def history_diff_url(opts, record):
    """The page comparing a history entry of an ``opts.model`` object with what is published."""
    content_type = ContentType.objects.get_for_model(opts.model)
    return reverse("admin:departments_draft_history_diff", args=[content_type.pk, record.pk])


_GREEK = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]")


@register.filter
def lang_of_label(label):
    """``lang="el"`` for a Greek item label on a page in another language (WCAG 3.1.2).

    A draft's label is the item's name in the language it was saved in, whatever the page's.
    """
    if _GREEK.search(str(label)) and (get_language() or "el").split("-")[0] != "el":
        return format_html(' lang="{}"', "el")
    return ""
