"""The table of contents of the directorate page."""

from django import template

from departments.templatetags.community import page_community_block

register = template.Library()


@register.simple_tag(takes_context=True)
def community_title(context):
    """The Viber block's title as ``{"text", "lang"}``, or None when staff keep no block."""
    block = page_community_block(context)
    if not block["title"]:
        return None
    return {"text": block["title"], "lang": block["title_lang"]}
