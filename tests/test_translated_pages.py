"""The public pages in the five languages beyond Greek and English (issue 21): every page, the
translation notice, passages not yet translated, right-to-left, the switcher, and what must keep
holding (query counts, the page cache per language)."""

import re
from html import escape

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from departments.models import Competence, Department, Directorate
from serving.generation import content_generation
from tests.conftest import make_department, make_directorate, make_viber_community

NEW_LANGUAGES = ["ar", "fa", "fr", "uk", "sq"]
RIGHT_TO_LEFT = {"ar", "fa"}
DEPARTMENTS = [
    "integration-policy-and-programme-design",
    "interculturalism",
    "socio-economic-integration",
    "support-for-beneficiaries-of-international-protection",
]
PAGES = [
    "",
    "social-integration/",
    *(f"social-integration/{slug}/" for slug in DEPARTMENTS),
    "search/",
    "search/?q=integration",
    "accessibility/",
    "open-data/",
]
NOTICE = re.compile(r'<div class="translation-notice">(.*?)</div>', re.S)


def html_element(html):
    return re.search(r"<html[^>]*>", html).group(0)


def notice_of(html):
    found = NOTICE.search(html)
    return found.group(1) if found else None


@pytest.mark.parametrize("language", NEW_LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_every_public_page_is_served_in_the_language_and_its_direction(
    client, seeded, language, path
):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    direction = "rtl" if language in RIGHT_TO_LEFT else "ltr"
    html = response.content.decode()
    assert html_element(html) == f'<html lang="{language}" dir="{direction}">'
    assert notice_of(html) is not None


@pytest.mark.parametrize("language", NEW_LANGUAGES)
def test_unknown_pages_get_a_404_page_in_the_language_with_the_notice(client, seeded, language):
    response = client.get(f"/{language}/social-integration/no-such-department/")
    assert response.status_code == 404
    html = response.content.decode()
    assert html_element(html).startswith(f'<html lang="{language}"')
    greek = '<a href="/el/social-integration/no-such-department/" hreflang="el" lang="el">'
    assert greek in notice_of(html)


@pytest.mark.parametrize("language", NEW_LANGUAGES)
def test_a_query_too_long_gets_a_400_page_in_the_language(client, seeded, language):
    response = client.get(f"/{language}/search/", {"q": "x" * 10000})
    assert response.status_code == 400
    assert html_element(response.content.decode()).startswith(f'<html lang="{language}"')


@pytest.mark.parametrize("language", ["ar", "fa", "fr"])
def test_the_503_page_is_in_the_language_and_its_direction(client, seeded, language):
    from serving.views import service_unavailable

    request = client.get(f"/{language}/").wsgi_request
    request.path_info = f"/{language}/social-integration/"
    html = service_unavailable(request).content.decode()
    direction = ' dir="rtl"' if language in RIGHT_TO_LEFT else ""
    assert f'<html lang="{language}"{direction}>' in html


@pytest.mark.parametrize("language", NEW_LANGUAGES)
def test_an_api_error_is_written_in_the_language_asked_for(client, db, language):
    response = client.get("/api/v1/no-such-thing", {"lang": language})
    assert response.status_code == 404
    assert response["Content-Language"] == language


# --- The notice -------------------------------------------------------------------------------


def test_a_greek_page_has_no_notice(client, seeded):
    html = client.get("/el/social-integration/").content.decode()
    assert notice_of(html) is None
    assert "translation-notice" not in html


@pytest.mark.parametrize("language", ["en", *NEW_LANGUAGES])
def test_the_notice_says_the_greek_prevails_and_links_the_same_page_in_greek(
    client, seeded, language
):
    html = client.get(f"/{language}/social-integration/interculturalism/").content.decode()
    notice = notice_of(html)
    link = '<a href="/el/social-integration/interculturalism/" hreflang="el" lang="el">'
    assert f"{link}Η σελίδα στα ελληνικά</a>" in notice
    # Inside the main content, where "Skip to main content" leads, before anything else.
    assert html.index('<main id="main"') < html.index(notice) < html.index("<h1")


def test_the_notice_is_written_in_the_pages_language(client, seeded):
    french = notice_of(client.get("/fr/social-integration/").content.decode())
    arabic = notice_of(client.get("/ar/social-integration/").content.decode())
    assert "Seul le texte grec fait foi." in french
    assert "والنص اليوناني هو الذي يُعتدّ به" in arabic


def test_passages_shown_in_english_are_marked_and_the_notice_names_english(client, db):
    directorate = make_directorate()
    make_department(directorate, "reception")
    html = client.get("/ar/test-directorate/reception/").content.decode()
    assert '<h1 lang="en">Department reception</h1>' in html
    assert re.search(r'<li id="competence-\d+" lang="en">Competence 1 of reception</li>', html)
    notice = notice_of(html)
    assert "لم تُترجم بعض أجزاء هذه الصفحة بعد" in notice
    assert "(الإنجليزية)" in notice  # the name of the language, in Arabic


def test_a_page_shown_wholly_in_its_language_does_not_say_parts_are_untranslated(client, db):
    directorate = make_directorate(
        name_fr="Direction des essais", mission_fr="Mission.", head_name_fr="Maria Papadopoulou"
    )
    department = make_department(
        directorate, "reception", name_fr="Service d’accueil", head_name_fr="Giorgos Nikolaou"
    )
    Competence.objects.filter(department=department).update(text_fr="Compétence.")
    html = client.get("/fr/test-directorate/reception/").content.decode()
    assert "<h1>Service d’accueil</h1>" in html
    notice = notice_of(html)
    assert "pas encore traduites" not in notice
    assert "pas encore été vérifiée" not in notice


def test_an_english_page_showing_greek_says_so_in_english(client, db):
    directorate = make_directorate()
    make_department(directorate, "reception", name_en="")
    notice = notice_of(client.get("/en/test-directorate/reception/").content.decode())
    assert "shown in another language (Greek)" in notice


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_language_names_on_the_open_data_page_are_not_untranslated_passages(client, db, language):
    # The page names each language in itself (lang="…" translate="no"): that is not content
    # shown in another language, and the notice must not say any part is untranslated.
    html = client.get(f"/{language}/open-data/").content.decode()
    assert 'lang="uk" translate="no"' in html
    # Only the notice's first sentence: no "some parts … not yet translated" paragraph.
    assert notice_of(html).count("<p>") == 1


def _unreviewed_french_site():
    directorate = make_directorate(name_fr="Direction des essais")
    department = make_department(directorate, "reception", name_fr="Service d’accueil")
    competence = department.competences.first()
    competence.text_fr = "Compétence traduite par nous."
    competence.unreviewed_languages = ["fr", "ar"]
    competence.save()
    return directorate, department


@pytest.mark.parametrize("page", ["department", "directorate"])
def test_an_unreviewed_translation_shown_on_the_page_is_named_in_the_notice(client, db, page):
    _unreviewed_french_site()
    path = {"department": "test-directorate/reception/", "directorate": "test-directorate/"}[page]
    french = f"/fr/{path}"
    assert "pas encore été vérifiée par la Direction" in notice_of(
        client.get(french).content.decode()
    )
    # Rendered again (no page cache in tests): the directorate's main part now comes from its
    # stored fragment, without its departments loaded; the notice still says it.
    assert "pas encore été vérifiée" in notice_of(client.get(french).content.decode())
    # Ukrainian is not marked unreviewed: no such sentence there.
    ukrainian = notice_of(client.get(f"/uk/{path}").content.decode())
    assert "Цей переклад ще не перевірено" not in ukrainian


def test_reviewing_the_translation_removes_the_sentence(client, db):
    _directorate, department = _unreviewed_french_site()
    competence = department.competences.first()
    competence.unreviewed_languages = ["ar"]
    competence.save()
    html = client.get("/fr/test-directorate/reception/").content.decode()
    assert "pas encore été vérifiée" not in notice_of(html)


def test_an_unreviewed_viber_block_is_named_in_the_notice(client, db):
    community = make_viber_community()
    community.title_fr = "Communauté Viber"
    community.unreviewed_languages = ["fr"]
    community.save()
    make_department(make_directorate(), "reception")
    html = client.get("/fr/test-directorate/reception/").content.decode()
    assert "pas encore été vérifiée par la Direction" in notice_of(html)


# --- Right to left, the switcher ------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "fa"])
def test_email_addresses_stay_left_to_right_on_a_right_to_left_page(client, seeded, language):
    html = client.get(f"/{language}/social-integration/").content.decode()
    addresses = re.findall(r'<a href="mailto:([^"]+)"( dir="ltr")?>', html)
    assert len(addresses) == 8  # four departments: contact line and contact details
    assert all(direction for _address, direction in addresses)


def test_the_switcher_names_each_language_in_itself(client, seeded):
    html = client.get("/el/social-integration/").content.decode()
    for code, name, direction in [
        ("en", "English", ""),
        ("ar", "العربية", ' dir="rtl"'),
        ("fa", "فارسی", ' dir="rtl"'),
        ("fr", "Français", ""),
        ("uk", "Українська", ""),
        ("sq", "Shqip", ""),
    ]:
        link = (
            f'<a href="/{code}/social-integration/" hreflang="{code}" lang="{code}"{direction}'
            f" data-language-link>{name}</a>"
        )
        assert link in html


def test_on_a_right_to_left_page_the_switcher_marks_left_to_right_names(client, seeded):
    html = client.get("/ar/social-integration/").content.decode()
    assert 'hreflang="el" lang="el" dir="ltr" data-language-link>Ελληνικά</a>' in html
    assert 'hreflang="fa" lang="fa" data-language-link>فارسی</a>' in html


# --- What keeps holding -----------------------------------------------------------------------


def _cold_queries(client, url):
    cache.clear()
    content_generation()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/el/", "/el/social-integration/", "/el/social-integration/interculturalism/"]
)
def test_query_count_is_the_same_with_two_languages_or_seven(client, seeded, url):
    make_viber_community()
    seven = _cold_queries(client, url)
    with override_settings(
        LANGUAGES=[("el", "Greek"), ("en", "English")], MODELTRANSLATION_FALLBACK_LANGUAGES=("el",)
    ):
        two = _cold_queries(client, url)
    assert seven == two
    assert _cold_queries(client, url.replace("/el/", "/ar/")) == seven


@pytest.mark.parametrize(
    ("language", "shown"),
    [("el", {"el"}), ("en", {"en", "el"}), ("ar", {"ar", "en", "el"}), ("sq", {"sq", "en", "el"})],
)
@pytest.mark.parametrize(
    "path", ["", "social-integration/", "social-integration/interculturalism/"]
)
def test_a_public_page_reads_only_the_languages_it_shows(client, seeded, language, shown, path):
    """The competences and the Viber block are read in the page's language and its fallbacks only
    (departments.models.shown_languages_only): the other five columns of each text stay in the
    database. The page still shows the texts in as few queries (a column left out but read
    would cost a query per row)."""
    make_viber_community()
    cache.clear()
    content_generation()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/{language}/{path}")
    sql = " ".join(query["sql"] for query in queries)
    for code, _name in settings.LANGUAGES:
        read = code in shown
        assert (f'"departments_competence"."text_{code}"' in sql) is read, code
        assert (f'"departments_vibercommunity"."title_{code}"' in sql) is read, code
    assert '"departments_competence"."outdated_translations"' not in sql
    assert len(queries) <= 4  # as tests/serving/test_query_counts.py asserts for every page
    department = Department.objects.get(slug="interculturalism")
    assert escape(department.shown_text("name", language)[0]) in response.content.decode()


def test_the_page_cache_keeps_each_language_apart(
    client, seeded, settings, django_assert_num_queries
):
    settings.SERVING_PAGE_CACHE = True
    arabic = client.get("/ar/social-integration/").content.decode()
    with django_assert_num_queries(0):  # the Arabic page was stored (the notice keeps it shareable)
        assert client.get("/ar/social-integration/").content.decode() == arabic
    french = client.get("/fr/social-integration/").content.decode()
    assert 'lang="ar"' in html_element(arabic)
    assert html_element(french) == '<html lang="fr" dir="ltr">'
    assert "Seul le texte grec fait foi." in french and "Seul le texte grec" not in arabic


def test_the_stored_fragments_keep_each_language_apart(client, seeded):
    Department.objects.filter(slug="interculturalism").update(name_ar="قسم التعددية الثقافية")
    content_generation()
    cache.clear()
    arabic = client.get("/ar/social-integration/").content.decode()
    persian = client.get("/fa/social-integration/").content.decode()
    assert "قسم التعددية الثقافية" in arabic
    assert "قسم التعددية الثقافية" not in persian
    assert Directorate.objects.count() == 1


def test_the_nginx_micro_cache_keys_each_page_by_its_path_which_names_its_language(client, db):
    conf = (settings.BASE_DIR / "deploy" / "nginx.conf").read_text()
    assert "proxy_cache_key $scheme$host$cache_path?$cache_query;" in conf
    # Only 200s are stored: "/", which picks the language by Accept-Language, answers a 302.
    assert re.findall(r"proxy_cache_valid [^;]*;", conf) == ["proxy_cache_valid 200 1s;"]
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar").status_code == 302
