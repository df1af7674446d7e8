"""What search engines and link previews read in each page's <head>."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from departments.models import Competence, Department
from seo.templatetags import page_meta

ORIGIN = "https://integration.example.gov.gr"
LANGS = [code for code, _name in settings.LANGUAGES]
# Facebook's locale for each language (it spells Arabic "ar_AR"), as the pages must show it.
OG_LOCALES = {
    "el": "el_GR",
    "en": "en_GB",
    "ar": "ar_AR",
    "fa": "fa_IR",
    "fr": "fr_FR",
    "uk": "uk_UA",
    "sq": "sq_AL",
}
PAGES = [
    "/{lang}/",
    "/{lang}/accessibility/",
    "/{lang}/open-data/",
    "/{lang}/social-integration/",
    "/{lang}/social-integration/interculturalism/",
    "/{lang}/social-integration/socio-economic-integration/",
]


class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.metas, self.title, self._in_title = [], {}, "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta":
            key = attrs.get("name") or attrs.get("property")
            self.metas.setdefault(key, []).append(attrs.get("content"))
        self._in_title = tag == "title" and not self.title

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_page_has_absolute_canonical_and_reciprocal_hreflang(client, seeded, page, lang):
    parsed = head(client, page.format(lang=lang))
    canonical = [link["href"] for link in parsed.links if link.get("rel") == "canonical"]
    assert canonical == [ORIGIN + page.format(lang=lang)]
    # Language alternates only: the Atom feed is an alternate too, with a type and no hreflang.
    alternates = {
        link["hreflang"]: link["href"]
        for link in parsed.links
        if link.get("rel") == "alternate" and "hreflang" in link
    }
    assert alternates == {
        **{code: ORIGIN + page.format(lang=code) for code, _name in settings.LANGUAGES},
        "x-default": ORIGIN + page.format(lang="").replace("//", "/", 1),
    }


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGS)
def test_open_graph_repeats_the_pages_title_and_description(client, seeded, page, lang):
    parsed = head(client, page.format(lang=lang))
    assert parsed.metas["og:title"] == [" ".join(parsed.title.split())]
    assert parsed.metas["og:description"] == parsed.metas["description"]
    assert parsed.metas["og:url"] == [ORIGIN + page.format(lang=lang)]
    assert parsed.metas["og:locale"] == [OG_LOCALES[lang]]
    assert parsed.metas["og:locale:alternate"] == [
        OG_LOCALES[code] for code in LANGS if code != lang
    ]


def test_every_site_language_has_an_open_graph_locale_with_a_territory():
    """A language added to settings.LANGUAGES needs its entry in page_meta.OG_LOCALES."""
    for code in LANGS:
        language, _sep, territory = page_meta._og_locale(code).partition("_")
        assert language == code
        assert len(territory) == 2 and territory.isupper()


def test_titles_and_descriptions_are_unique_per_page_and_language(client, seeded):
    seen_titles, seen_descriptions = set(), set()
    for page in PAGES:
        for lang in ("el", "en"):
            parsed = head(client, page.format(lang=lang))
            seen_titles.add(parsed.title)
            seen_descriptions.add(parsed.metas["description"][0])
    assert len(seen_titles) == len(seen_descriptions) == 2 * len(PAGES)


def test_absolute_urls_ignore_the_host_header(client, seeded, settings):
    settings.ALLOWED_HOSTS = ["evil.example.com"]
    html = client.get("/en/", HTTP_HOST="evil.example.com").content.decode()
    assert "evil.example.com" not in html
    assert f'<link rel="canonical" href="{ORIGIN}/en/">' in html


def test_not_found_page_is_not_indexed_and_has_no_canonical(client, db):
    html = client.get("/en/no-such-page/").content.decode()
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("el", "Τελευταία ενημέρωση: 5 Μαρτίου 2025"),
        ("en", "Last updated: 5 March 2025"),
        # French and Albanian write the month in lower case; Ukrainian in the genitive.
        ("fr", "Dernière mise à jour\xa0: 5 mars 2025"),
        ("sq", "Përditësimi i fundit: 5 mars 2025"),
        ("uk", "Останнє оновлення: 5 березня 2025"),
    ],
)
def test_department_page_shows_its_newest_content_date_in_its_language(
    client, seeded, lang, expected
):
    department = seeded.departments.get(slug="interculturalism")
    old = datetime.datetime(2024, 1, 1, 12, tzinfo=datetime.UTC)
    Department.objects.filter(pk=department.pk).update(updated_at=old)
    Competence.objects.filter(department=department).update(updated_at=old)
    newest = datetime.datetime(2025, 3, 5, 12, tzinfo=datetime.UTC)
    Competence.objects.filter(pk=department.competences.last().pk).update(updated_at=newest)

    html = client.get(f"/{lang}/social-integration/interculturalism/").content.decode()
    match = re.search(r'<p class="last-updated">(.*?)</p>', html)
    assert re.sub(r"<[^>]+>", "", match.group(1)) == expected
    assert '<time datetime="2025-03-05">' in match.group(1)
