from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, get_language_info

from search.normalise import MAX_QUERY_LENGTH

register = template.Library()

# One result of the list, as a template loop would write it: built here, once per result, because
# a template would resolve a dozen variables and tags per result.
RESULT = """
  <li class="search-result"{lang}>
    <p class="search-result__kind"><span lang="{language}">{kind}</span>{context}</p>
    <h2 class="search-result__title"><a href="{url}">{title}</a></h2>
    {snippet}
  </li>
  """
SNIPPET = '<p class="search-result__snippet">{}</p>'


@register.simple_tag
def search_max_length():
    """The longest query accepted, for the search boxes' ``maxlength``."""
    return MAX_QUERY_LENGTH


@register.simple_tag
def search_results(results):
    """The <li> of each result (a ``backends.Result``): its kind, title link and snippet.

    Every text is escaped; ``title_html`` and ``snippet_html`` are safe HTML already.
    """
    language = get_language()
    page_bidi = get_language_bidi()
    labels = {}
    items = []
    for result in results:
        key = (result.kind, result.head_gender, result.department_id is not None)
        label = labels.get(key)
        if label is None:
            label = labels[key] = escape(str(result.kind_label))
        context = escape(result.context)
        items.append(
            RESULT.format(
                lang=_lang(result.text_language, language, page_bidi),
                language=escape(language),
                kind=label,
                context=f" · {context}" if result.title and context else "",
                url=escape(result.url),
                title=result.title_html if result.title else context,
                snippet=SNIPPET.format(result.snippet_html) if result.snippet_html else "",
            )
        )
    return mark_safe("".join(items))  # noqa: S308 -- escaped above, or safe HTML already.


def _lang(text_language, page_language, page_bidi):
    """The attributes of a result shown in another language than the page's: its ``lang``, and
    its ``dir`` where that language reads the other way (English on an Arabic page)."""
    if text_language == page_language:
        return ""
    attributes = f' lang="{escape(text_language)}"'
    bidi = get_language_info(text_language)["bidi"]
    if bidi != page_bidi:
        attributes += ' dir="rtl"' if bidi else ' dir="ltr"'
    return attributes
