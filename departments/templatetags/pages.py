"""The public pages' template tags: ``{% load pages %}``.

- ``{% lang_attr obj "field" %}``, ``{% in_shown_language obj "field" %}``: translated content
  shown in the page's language, or marked as Greek where it falls back;
- ``{% competence_items competences %}``, ``{% contact_items departments %}``,
  ``{% contents_items departments %}``, ``{% department_sections departments … %}``: the
  directorate page's parts repeated per department or competence, written in Python;
- ``{% page_url "name" key=value %}``: ``{% url %}`` for the links every page repeats;
- ``{% language_items %}``: the current page in each other language (the switcher);
- ``{% translated_page %}…{% translation_notice %}…{% endtranslated_page %}``: the notice a page
  in a language other than Greek carries (translation_notice.py works out what it says);
- ``{{ value|long_date }}``: a date in words, in the active language's own form;
- ``{% viber_community %}``, ``{% community_title as title %}``: the site-wide Viber block;
- ``{% stored_fragment "name" content %}…{% endstored_fragment %}``: a part of a page kept per
  content generation (serving/fragments.py), the only way a template keeps a rendered piece
  (with the languages it shows unreviewed, for the translation notice).
"""

from html import escape
from urllib.parse import unquote, urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import (
    get_language,
    get_language_bidi,
    get_language_info,
    gettext,
    override,
    pgettext,
)

from departments import translation_notice
from departments.community import community_block
from departments.models import cached_reverse, page_language, reverse_in
from serving import fragments
from serving.local_paths import is_local_path

register = template.Library()


# Translated content.


@register.simple_tag
def lang_attr(obj, field_name):
    """Return ` lang="en"` (or "el") when the field is shown in another language than the page's."""
    fallback = obj.fallback_language(field_name)
    return format_html(' lang="{}"', fallback) if fallback else ""


@register.simple_tag
def in_shown_language(obj, field_name):
    """The field's value, wrapped in <span lang="en"> when it falls back to another language.

    For values placed inside a translated sentence, where the sentence's own element cannot
    carry the value's language (WCAG 3.1.2, language of parts).
    """
    value = getattr(obj, field_name)
    attribute = lang_attr(obj, field_name)
    if not attribute:
        return value
    return format_html("<span{}>{}</span>", attribute, value)


@register.simple_tag
def competence_items(competences):
    """Each competence as ``<li id="anchor" lang>text</li>``, one per line of the list.

    A department shows dozens of competences: each item is written here, once, instead of a
    template loop resolving three variables and a tag per item (the first cost of a cold page).
    """
    items = []
    language = page_language()
    for competence in competences:
        text, fallback = competence.shown_text("text", language)
        items.append(f'\n  <li id="{competence.anchor}"{_lang(fallback)}>{escape(text)}</li>\n  ')
    return mark_safe("".join(items))  # noqa: S308 (the text is escaped, the rest is ours)


@register.simple_tag
def contact_items(departments):
    """Each department's contact (name, head, email) as one ``<li>`` of the contact details.

    Written here, once per department, with each translated text read once (``shown_text``):
    in a template loop the same texts cost a dozen variables, tags and conditions each.
    """
    items = []
    for department in departments:
        item = _section_link(department)
        head, head_lang = department.shown_text("head_name")
        if head:
            head = f"<span{_lang(head_lang)}>{escape(head)}</span>" if head_lang else escape(head)
            item += f": {escape(str(department.head_title))} {head}"
        if department.email:
            email = escape(department.email)
            item += f', <a href="mailto:{email}" dir="ltr">{email}</a>'
        items.append(f"\n    <li>{item}</li>\n    ")
    return mark_safe("".join(items))  # noqa: S308 (the texts are escaped, the rest is ours)


@register.simple_tag
def contents_items(departments):
    """Each department's entry in the page's contents: a link to its section, one per line."""
    items = [f"\n    <li>{_section_link(department)}</li>\n    " for department in departments]
    return mark_safe("".join(items))  # noqa: S308 (the names are escaped, the rest is ours)


def _section_link(department):
    name, name_lang = department.shown_text("name")
    return f'<a href="#{escape(department.section_anchor)}"{_lang(name_lang)}>{escape(name)}</a>'


@register.simple_tag
def department_sections(departments, email_label, vcard_label):
    """Each department's section of the directorate page: heading, contact line, competences.

    Written here, once per department, as the two lists are: as a template loop each section
    cost some 1,300 function calls (a dozen variables, tags and conditions, two translations),
    the largest part of a cold directorate page after its queries. The two labels come
    translated from the template (``{% translate … as %}``), where the catalogues find them.
    """
    labels = {"email": conditional_escape(email_label), "vcard": conditional_escape(vcard_label)}
    return mark_safe("".join(_department_section(d, labels) for d in departments))  # noqa: S308


def _department_section(department, labels):
    # The markup the template loop wrote, byte for byte (tests/test_public_output_snapshot.py).
    slug = escape(department.slug)
    anchor = escape(department.section_anchor)
    url = escape(department.get_absolute_url())
    name, name_lang = department.shown_text("name")
    html = (
        f'\n<section class="department" id="{slug}" aria-labelledby="{anchor}">\n'
        f'  <h3 id="{anchor}" tabindex="-1"><a href="{url}"{_lang(name_lang)}>{escape(name)}</a>'
        "</h3>\n  "
    )
    # The department's contact in one line, before its (long) list of competences.
    head, head_lang = department.shown_text("head_name")
    if head or department.email:
        html += (
            f'<p class="contact-line" id="{escape(department.contact_anchor)}" tabindex="-1">\n  '
        )
        if head:
            html += (
                '<span class="contact-line__item"><span class="contact-line__label">'
                f"{escape(str(department.head_title))}:</span> {_in_lang(head, head_lang)}</span>"
            )
        html += "\n  "
        if department.email:
            email = escape(department.email)
            vcard = cached_reverse(
                "opendata:vcard",
                directorate_slug=department.directorate.slug,
                slug=department.slug,
            )
            html += (
                '<span class="contact-line__item"><span class="contact-line__label">'
                f'{labels["email"]}:</span> <a href="mailto:{email}" dir="ltr">{email}</a></span>\n'
                f'  <span class="contact-line__item"><a href="{escape(vcard)}" type="text/vcard"'
                f" download>{labels['vcard']}</a></span>"
            )
        html += "\n</p>"
    intro = _translated_sentence(
        "The %(name)s has the following competences:", name=_in_lang(name, name_lang)
    )
    competences = competence_items(department.competences.all())
    return (
        f'{html}\n\n  <p>{intro}</p>\n\n  <ul class="competences">\n  {competences}\n</ul>'
        "\n\n</section>\n\n"
    )


def _translated_sentence(message, **values):
    """``{% blocktranslate %}message{% endblocktranslate %}`` with escaped ``values``.

    As the tag does, a translation whose placeholders do not match falls back to the message.
    """
    try:
        return gettext(message) % values
    except (KeyError, ValueError):
        return message % values


def _in_lang(text, code):
    """The escaped text, in a ``<span lang>`` when it is shown in another language."""
    return f"<span{_lang(code)}>{escape(text)}</span>" if code else escape(text)


def _lang(code):
    return f' lang="{code}"' if code else ""


# Links.


@register.simple_tag
def page_url(viewname, **kwargs):
    """The URL ``{% url viewname key=value… %}`` gives, reversed once per language and arguments.

    For the site's own views (one instance of each namespace), whose URLs only depend on these.
    """
    return cached_reverse(viewname, **kwargs)


# Each language's name in itself as the switcher shows it, where Django's differs: capitalised,
# as a name standing alone in a menu, and the Arabic without the optional shadda.
SWITCHER_NAMES = {"ar": "العربية", "fr": "Français", "sq": "Shqip"}


@register.simple_tag(takes_context=True)
def language_items(context):
    """The language switcher's items: the current page in each other language, one ``<li>`` each.

    Each language's name is written in that language (``lang``), with its direction where it
    differs from the page's (العربية on a Greek page). Written here, as the directorate page's
    lists are: as a template loop over the seven languages it cost some 1,400 function calls.
    """
    request = context.get("request")
    current = get_language()
    page_bidi = get_language_bidi()
    items = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        info = get_language_info(code)
        name = escape(SWITCHER_NAMES.get(code, info["name_local"]))
        direction = ""
        if info["bidi"] != page_bidi:
            direction = ' dir="rtl"' if info["bidi"] else ' dir="ltr"'
        items.append(
            f'\n    <li><a href="{escape(page_in(request, code))}" hreflang="{code}" lang="{code}"'
            f"{direction} data-language-link>{name}</a></li>\n    "
        )
    return mark_safe("".join(items))  # noqa: S308 (the URLs and names are escaped)


def page_in(request, code, query=True):
    """The current page in language ``code`` (with its query unless ``query`` is False); its home
    page when the path is no page of ours.

    The request path is whatever the visitor sent (``//evil.example/el/``): it is only ever
    translated when it resolves, and the result must still be a local path.
    """
    if request is not None and _resolved(request, request.path_info) is not None:
        for path in (request.get_full_path(), request.path) if query else (request.path,):
            url = translate_path(request, path, code)
            if is_local_path(url):
                return url
    return reverse_in(code, "departments:home")


def _resolved(request, path):
    """``resolve(path)``, or None when it does not resolve; once per request and path."""

    def resolution():
        try:
            return resolve(path)
        except Resolver404:
            return None

    return fragments.remembered(request, ("resolve", path), resolution)


def translate_path(request, url, code):
    """``django.urls.translate_url(url, code)``, resolving ``url`` only once per request.

    The switcher and the <head> (hreflang, x-default) translate the same path into every
    language: the path is resolved once and reversed once per language.
    """
    return fragments.remembered(
        request, ("translate", url, code), lambda: _translate(request, url, code)
    )


def _translate(request, url, code):
    # The same steps as django.urls.translate_url, with the resolution shared.
    parsed = urlsplit(url)
    match = _resolved(request, unquote(parsed.path))
    if match is None:
        return url
    to_be_reversed = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    try:
        if match.args:
            with override(code):
                translated = reverse(to_be_reversed, args=match.args, kwargs=match.kwargs)
        else:  # every page of ours: remembered per language (departments.models.reverse_in)
            translated = reverse_in(code, to_be_reversed, **match.kwargs)
    except NoReverseMatch:
        return url
    return urlunsplit((parsed.scheme, parsed.netloc, translated, parsed.query, parsed.fragment))


# The translation notice.


class TranslatedPageNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        if translation_notice.SLOT not in html:
            return html
        greek_url = page_in(fragments.context_request(context), settings.LANGUAGE_CODE, query=False)
        notice = translation_notice.notice(context, html, greek_url)
        return html.replace(translation_notice.SLOT, notice, 1)


@register.tag
def translated_page(parser, token):
    """``{% translated_page %}…{% translation_notice %}…{% endtranslated_page %}``.

    The page is rendered first, then the notice written in its place: what it says depends on
    what the whole page shows (the Viber block, rendered after the main content, included).
    """
    nodelist = parser.parse(("endtranslated_page",))
    parser.delete_first_token()
    return TranslatedPageNode(nodelist)


@register.simple_tag
def translation_notice_slot():
    """Where ``{% translated_page %}`` puts the translation notice (nothing on a Greek page)."""
    return mark_safe(translation_notice.SLOT)  # noqa: S308 (a constant of ours)


# The Viber community block.


@register.simple_tag(takes_context=True)
def viber_community(context):
    """The site-wide Viber community block, if staff keep one (a stored fragment)."""
    html = community_block(fragments.context_request(context))["html"]
    return mark_safe(html)  # noqa: S308 (rendered by the template engine, autoescaped)


@register.simple_tag(takes_context=True)
def community_title(context):
    """The Viber block's title as ``{"text", "lang"}``, or None when staff keep no block."""
    block = community_block(fragments.context_request(context))
    if not block["title"]:
        return None
    return {"text": block["title"], "lang": block["title_lang"]}


# Stored fragments.


class StoredFragmentNode(template.Node):
    def __init__(self, nodelist, name, content):
        self.nodelist = nodelist
        self.name = name
        self.content = content

    def render(self, context):
        content = self.content.resolve(context)

        def build():
            load = getattr(content, "load_page_relations", None)
            if load is not None:
                load()
            # What the fragment showed unreviewed is kept with it: the page's notice says so
            # when the fragment comes from the store and its objects are not loaded.
            return {
                "html": str(self.nodelist.render(context)),
                "unreviewed": translation_notice.unreviewed_languages([content]),
            }

        request = fragments.context_request(context)
        piece = fragments.stored(
            request, self.name.resolve(context), build, content._meta.label_lower, content.pk
        )
        translation_notice.note_unreviewed(request, piece["unreviewed"])
        return mark_safe(piece["html"])  # noqa: S308 (the template engine's output)


@register.tag
def stored_fragment(parser, token):
    """``{% stored_fragment "name" content %}…{% endstored_fragment %}``.

    For a part of a page that depends only on ``content`` (a saved model instance and what it
    shows), the language and the URL prefix: nothing of the request (its path, query, user). It
    is stored per content generation and code revision, so a save or a deploy shows at once,
    and built, after ``content.load_page_relations()`` when the model has one, only when it is
    not stored.
    """
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name and a content object")
    nodelist = parser.parse(("endstored_fragment",))
    parser.delete_first_token()
    return StoredFragmentNode(
        nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2])
    )


@register.filter(expects_localtime=True)
def long_date(value):
    """``value`` as a date in words, in the active language ("5 Μαρτίου 2025", "5 mars 2025").

    The format is the catalogue's: Greek and Ukrainian name the month in the genitive (``E``),
    French in lower case (``F``: Django's ``E`` capitalises it); Albanian's lower-case months
    come from staff/third_party_locale/sq.
    """
    if not value:
        return ""
    return date_format(value, pgettext("date format: day, month in words, year", "j E Y"))
