"""The site-wide Viber community block: a stored fragment, read once per request and language."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from departments.models import ViberCommunity, shown_languages_only
from departments.previewing import preview_object
from departments.translation_notice import note_unreviewed, unreviewed_languages
from serving import fragments

NAME = "viber-community-block"


def community_block(request):
    """The block's HTML and its title (with the language it is shown in).

    Every page shows the block and the directorate page's contents link to it, so both read
    this: it is stored per content generation (no page pays a query or the QR code's drawing for
    it after the first) and read once per request.
    """

    def build():
        # A draft's preview shows the draft's block (never stored: previewing() bypasses the cache).
        community = preview_object(ViberCommunity) or (
            shown_languages_only(ViberCommunity.objects.all()).current()
        )
        return {
            "html": render_to_string("includes/viber_community.html", {"community": community}),
            "title": str(community.title) if community else "",
            "title_lang": community.fallback_language("title") if community else "",
            "unreviewed_languages": unreviewed_languages([community] if community else []),
        }

    block = fragments.remembered(
        request, (NAME, get_language()), lambda: fragments.stored(request, NAME, build)
    )
    note_unreviewed(request, block["unreviewed_languages"])  # for the page's translation notice
    return block
