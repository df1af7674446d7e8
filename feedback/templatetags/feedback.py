"""The "Is this page useful?" controls, shared by every page's foot and the form's own page."""

from django import template

from feedback.models import COMMENT_MAX_LENGTH

register = template.Library()


@register.inclusion_tag("feedback/fields.html", takes_context=True)
def feedback_fields(context, form=None, prefix="feedback-"):
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "form": form,
        "prefix": prefix,
        "comment_limit": COMMENT_MAX_LENGTH,
    }
