"""The site-wide Viber community block, rendered once per content generation and language."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from departments.models import ViberCommunity
from departments.previewing import preview_object
from serving import validators
from serving.generation import content_generation

NAMESPACE = "viber-community-block"


def community_block(generation=None):
    """The block's HTML and its title (with the language it is shown in), from the cache.

    Every page shows the block and the directorate page's contents link to it, so both read
    this: no page pays a query (or the QR code's drawing) for it after the first. A caller that
    has read the content ``generation`` already passes it.
    """
    language = get_language()

    def build():
        # A draft's preview shows the draft's block (never stored: previewing() bypasses the cache).
        community = preview_object(ViberCommunity) or ViberCommunity.objects.current()
        block = {
            "html": render_to_string("includes/viber_community.html", {"community": community}),
            "title": str(community.title) if community else "",
            "title_lang": community.fallback_language("title") if community else "",
        }
        return block

    key = validators.cache_key(NAMESPACE, generation or content_generation(), language)
    return validators.cached(key, build)
