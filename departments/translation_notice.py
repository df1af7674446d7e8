"""What the translation notice says on a page in a language other than Greek.

The notice (templates/includes/translation_notice.html) tells a reader that the page is a
translation for information, that the Greek text prevails (with a link to the Greek page), and,
when it applies:

- that some passages are shown in another language, not yet translated: read from the page as
  rendered, the passages marked with a ``lang`` of their own (``{% lang_attr %}`` and the tags
  that write the lists), whatever cache or stored fragment they came from;
- that the translation has not yet been reviewed by the Directorate: some content object shown
  has the page's language in ``unreviewed_languages``. The objects are those the page already
  loaded (the context's, and the relations fetched with them: never a query) and those of the
  stored fragments and the Viber block the page shows (``note_unreviewed``: what each of them
  showed is stored with it).
"""

import re

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import get_template
from django.utils.translation import get_language_info

from departments.models import TranslatedContent, page_language
from serving import fragments

# Where the notice goes: base.html writes the slot, the page's render replaces it. Content is
# autoescaped, so only a template can write "<translation-notice>".
SLOT = "<translation-notice></translation-notice>"

# An opening tag carrying a lang attribute: a passage in another language than the page's,
# unless it is a link to another language's page (the switcher, the notice: hreflang) or a
# language's name written in that language (translate="no", as on the open-data page).
_MARKED_TAG = re.compile(r'<[a-zA-Z][^>]*?\slang="([a-zA-Z-]+)"[^>]*>')

_UNREVIEWED = "unreviewed-languages"


def note_unreviewed(request, languages):
    """Record that the page shows content whose translation into ``languages`` is unreviewed."""
    if request is not None:
        fragments.remembered(request, _UNREVIEWED, set).update(languages)


def unreviewed_languages(values):
    """``[page language]`` if some content among ``values`` has its translation into the active
    language not yet reviewed, else ``[]``.

    Only the active language: a page, a stored fragment and the Viber block are each kept per
    language, and the notice only speaks of the page's own. A page in Greek, the source
    language, carries no notice: its content is not walked at all.
    """
    language = page_language()
    if language == settings.LANGUAGE_CODE:
        return []
    for content in _loaded_content(values):
        if language in (content.unreviewed_languages or ()):
            return [language]
    return []


def _loaded_content(values):
    """The content objects among ``values`` and the relations already fetched with them."""
    seen = set()
    stack = list(values)
    while stack:
        value = stack.pop()
        # type(), not isinstance(): isinstance() evaluates a lazy object (the context's CSRF
        # token: evaluated, it sets a cookie and the page can no longer be shared).
        kind = type(value)
        if issubclass(kind, QuerySet):  # only a queryset already evaluated: no query here
            stack.extend(value._result_cache or ())
        elif issubclass(kind, list | tuple):
            stack.extend(value)
        elif issubclass(kind, TranslatedContent) and id(value) not in seen:
            seen.add(id(value))
            yield value
            stack.extend(getattr(value, "_prefetched_objects_cache", {}).values())
            stack.extend(value._state.fields_cache.values())


def notice(context, html, greek_url):
    """The notice's HTML for a page rendered as ``html`` in the active language; "" in Greek."""
    language = page_language()
    if language == settings.LANGUAGE_CODE:
        return ""
    request = fragments.context_request(context)
    return get_template("includes/translation_notice.html").render(
        {
            "greek_url": greek_url,
            "fallback_languages": _fallback_names(html, language),
            "unreviewed": language in _unreviewed_on_page(context, request),
        }
    )


def _fallback_names(html, language):
    """The names, in the page's language, of the other languages passages are shown in."""
    shown = set()
    for match in _MARKED_TAG.finditer(html):
        tag = match.group(0)
        if "hreflang=" not in tag and 'translate="no"' not in tag:
            shown.add(match.group(1).split("-")[0])
    return ", ".join(
        str(get_language_info(code)["name_translated"])
        for code, _name in settings.LANGUAGES
        if code in shown and code != language
    )


def _unreviewed_on_page(context, request):
    languages = set(unreviewed_languages(context.flatten().values()))
    if request is not None:
        languages.update(fragments.remembered(request, _UNREVIEWED, set))
    return languages
