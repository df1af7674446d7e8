"""The table of contents of the directorate page."""

from django import template
from django.core.cache import cache
from django.utils.translation import get_language

from departments.models import ViberCommunity
from departments.versioning import content_version

register = template.Library()


@register.simple_tag
def community_title():
    """The Viber block's title and the language it is shown in, or None without a block.

    Cached per content version and language, like the block itself: no query per page.
    """
    key = f"viber-community-title:{content_version()}:{get_language()}"
    title = cache.get(key)
    if title is None:
        community = ViberCommunity.objects.current()
        title = {"text": "", "lang": ""}
        if community:
            shown = community.shown_language("title")
            title = {
                "text": str(community.title),
                "lang": shown if shown != get_language() else "",
            }
        cache.set(key, title)
    return title if title["text"] else None
