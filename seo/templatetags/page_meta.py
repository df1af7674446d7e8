"""Template tags for the <head> (canonical, hreflang, Open Graph), JSON-LD and "Last updated"."""

import html
import re
from html import escape

from django import template
from django.conf import settings
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.formats import date_format
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext, gettext_noop, to_locale

from departments.models import Department, Directorate
from departments.templatetags.pages import long_date, translate_path
from seo import jsonld
from seo.timestamps import last_updated as content_last_updated
from serving.origin import absolute, x_default

register = template.Library()

# Open Graph wants a territory (Facebook's list of locales: "ar_AR" is its Arabic); languages
# not listed fall back to the bare language code.
OG_LOCALES = {
    "el": "el_GR",
    "en": "en_GB",
    "ar": "ar_AR",
    "fa": "fa_IR",
    "fr": "fr_FR",
    "uk": "uk_UA",
    "sq": "sq_AL",
}


def _og_locale(code):
    return OG_LOCALES.get(code, to_locale(code))


# The site's name in Open Graph (the same message as the page titles').
SITE_NAME = gettext_noop("Ministry of Migration and Asylum")

_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def _block_text(context, name):
    """The plain text of a block of the page being rendered (its title, its description).

    Renders the most specific override of the block again, so that Open Graph tags repeat
    the page's own title and description instead of each template stating them twice.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    node = block_context.get_block(name) if block_context else None
    if node is None:
        return ""
    # Collapses the template's line breaks and indentation, but keeps no-break spaces: French
    # puts one before a colon, and the description meta tag keeps it too.
    return _ASCII_SPACES.sub(" ", html.unescape(strip_tags(node.render(context)))).strip(" ")


@register.simple_tag(takes_context=True)
def seo_head(context):
    """Canonical URL, hreflang alternates and Open Graph data of the current page.

    Written here rather than in a template: most of it is one line per language (seven
    ``hreflang`` links, six ``og:locale:alternate``), which a template loop writes at ten
    times the cost.
    """
    request = context.get("request")
    path = request.path if request else "/"
    current = get_language()
    canonical = escape(absolute(path))
    lines = [f'<link rel="canonical" href="{canonical}">']
    alternates = []
    for code, _name in settings.LANGUAGES:
        url = escape(absolute(translate_path(request, path, code)))
        lines.append(f'<link rel="alternate" hreflang="{code}" href="{url}">')
        if code != current:
            alternates.append(f'<meta property="og:locale:alternate" content="{_og_locale(code)}">')
    x_default_url = escape(x_default(translate_path(request, path, settings.LANGUAGE_CODE)))
    lines += [
        f'<link rel="alternate" hreflang="x-default" href="{x_default_url}">',
        '<meta property="og:type" content="website">',
        f'<meta property="og:site_name" content="{escape(gettext(SITE_NAME))}">',
        f'<meta property="og:title" content="{escape(_block_text(context, "title"))}">',
        '<meta property="og:description" '
        f'content="{escape(_block_text(context, "meta_description"))}">',
        f'<meta property="og:url" content="{canonical}">',
        f'<meta property="og:locale" content="{_og_locale(current)}">',
        *alternates,
    ]
    return mark_safe("\n".join(lines) + "\n\n")  # noqa: S308 (every value is escaped)


@register.simple_tag
def structured_data(content):
    """A JSON-LD <script> describing a directorate or department page.

    The pages keep it as a stored fragment (``{% stored_fragment "jsonld" content %}``): it only
    depends on the content, the language and the URLs.
    """
    if isinstance(content, Directorate):
        describe = jsonld.directorate_data
    elif isinstance(content, Department):
        describe = jsonld.department_data
    else:
        return ""
    return format_html(
        '<script type="application/ld+json">{}</script>', jsonld.to_script_json(describe(content))
    )


@register.simple_tag
def last_updated(content):
    """The "Last updated" line: the newest timestamp of the content the page shows.

    The date in the site's time zone, as a template's date filters show it: in the
    ``datetime`` attribute (ISO) and in words in the page's language (``long_date``).
    """
    timestamp = content_last_updated(content)
    if not timestamp:
        return "\n"
    local = template_localtime(timestamp)
    return format_html(
        '<p class="last-updated">{} <time datetime="{}">{}</time></p>\n',
        gettext("Last updated:"),
        date_format(local, "Y-m-d"),
        long_date(local),
    )
