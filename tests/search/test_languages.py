"""Search in each of the seven languages, on SQLite and PostgreSQL alike: accents, case and
letter forms do not matter, and a text shown untranslated is found as the page shows it.

The real translations arrive later: the test sets its own in Arabic, Persian, French, Ukrainian
and Albanian.
"""

import pytest
from django.db import connection

from departments.models import Competence
from tests.conftest import make_department, make_directorate

POSTGRESQL = connection.vendor == "postgresql"
needs_stemming = pytest.mark.skipif(not POSTGRESQL, reason="stemming needs PostgreSQL")

TEXTS = {
    "fr": "la conception des actions d’intégration sociale des ressortissants de pays tiers,",
    "ar": "تصميم وتنفيذ إجراءات الإدماج الاجتماعي والمشاركة في الحياة العامة،",
    "fa": "طراحی و اجرای برنامه‌های ادغام اجتماعی اتباع کشورهای ثالث،",
    "uk": "розроблення заходів соціальної інтеграції громадян третіх країн,",
    "sq": "hartimi i veprimeve për integrimin shoqëror të shtetasve të vendeve të treta,",
}
# A competence nobody has translated yet: the five languages' pages show the English.
UNTRANSLATED_EN = "the design of language courses for adults"


@pytest.fixture
def multilingual(db):
    department = make_department(
        make_directorate(),
        "integration",
        competences=0,
        name_fr="Département de l’intégration",
        name_ar="قسم الإدماج",
        name_fa="بخش ادغام",
        name_uk="Відділ інтеграції",
        name_sq="Departamenti i Integrimit",
    )
    translated = Competence.objects.create(
        department=department,
        order=1,
        text_el="ο σχεδιασμός δράσεων κοινωνικής ένταξης πολιτών τρίτων χωρών,",
        text_en="the design of social integration actions for third-country nationals,",
        **{f"text_{language}": text for language, text in TEXTS.items()},
    )
    untranslated = Competence.objects.create(
        department=department,
        order=2,
        text_el="ο σχεδιασμός μαθημάτων γλώσσας για ενήλικες",
        text_en=UNTRANSLATED_EN,
    )
    return translated, untranslated


def competence_results(found, competence):
    return [r for r in found if r.url.endswith(f"#competence-{competence.pk}")]


@pytest.mark.parametrize(
    ("language", "query", "shown"),
    [
        ("fr", "integration", "intégration"),  # without its accent
        ("fr", "INTÉGRATION", "intégration"),  # in capitals
        ("ar", "الادماج", "الإدماج"),  # alef without hamza
        ("ar", "الإِدْمَاج", "الإدماج"),  # with vowel marks (harakat)
        ("ar", "والمشارکة", "والمشاركة"),  # typed on a Persian keyboard: ک for ك
        ("fa", "طراحي", "طراحی"),  # typed on an Arabic keyboard: ي for ی
        ("fa", "اجتماعی", "اجتماعی"),
        ("uk", "ІНТЕГРАЦІЇ", "інтеграції"),
        ("sq", "shoqeror", "shoqëror"),  # without its diaeresis
        ("sq", "SHOQËROR", "shoqëror"),
    ],
)
def test_a_word_of_the_translation_finds_it_whatever_its_accents_case_or_letter_forms(
    multilingual, search, language, query, shown
):
    translated, _untranslated = multilingual
    response, _html, found = search(query, language=language)
    assert response.status_code == 200
    results = competence_results(found, translated)
    assert len(results) == 1, [r.url for r in found]
    assert results[0].url.startswith(f"/{language}/")
    assert f"<mark>{shown}</mark>" in results[0].snippet_html


def test_arabic_text_stretched_with_tatweel_is_found_without_it(db, search):
    department = make_department(make_directorate(), "housing", competences=0)
    competence = Competence.objects.create(
        department=department, order=1, text_el="στέγαση", text_ar="برامج الإسكـــان"
    )
    found = competence_results(search("الاسكان", language="ar")[2], competence)
    assert len(found) == 1
    assert "<mark>الإسكـــان</mark>" in found[0].snippet_html


def test_persian_or_arabic_digits_find_the_number_written_in_western_digits(db, search):
    department = make_department(make_directorate(), "decree", competences=0)
    competence = Competence.objects.create(
        department=department, order=1, text_el="άρθρο 23", text_fa="ماده ۲۳ فرمان ریاست جمهوری"
    )
    assert competence_results(search("23", language="fa")[2], competence)
    assert competence_results(search("٢٣", language="fa")[2], competence)  # Arabic-Indic


@pytest.mark.parametrize("language", ["ar", "fa", "fr", "uk", "sq"])
def test_a_department_name_in_the_pages_language_is_found(multilingual, search, language):
    name = {
        "fr": "Département de l’intégration",
        "ar": "قسم الإدماج",
        "fa": "بخش ادغام",
        "uk": "Відділ інтеграції",
        "sq": "Departamenti i Integrimit",
    }[language]
    found = search(name.split()[-1].replace("l’", ""), language=language)[2]
    assert found[0].url == f"/{language}/test-directorate/integration/"
    assert found[0].title == name


@pytest.mark.parametrize("language", ["ar", "fa", "fr", "uk", "sq"])
def test_an_untranslated_text_is_found_as_the_page_shows_it_marked_with_its_language(
    multilingual, search, language
):
    _translated, untranslated = multilingual
    _response, html, found = search("language courses", language=language)
    results = competence_results(found, untranslated)
    assert len(results) == 1
    assert UNTRANSLATED_EN in results[0].snippet.replace("…", "")
    assert '<li class="search-result" lang="en"' in html


def test_english_shown_on_an_arabic_page_reads_left_to_right(multilingual, search):
    _response, html, _found = search("language courses", language="ar")
    assert '<li class="search-result" lang="en" dir="ltr">' in html


@needs_stemming
@pytest.mark.parametrize(
    ("language", "query", "shown"),
    [
        ("fr", "intégrations", "intégration"),  # French stemming
        ("ar", "إدماج", "الإدماج"),  # Arabic stemming: the article ال
        ("ar", "course", "courses"),  # English stemming for the English shown untranslated
        ("fr", "designs", "design"),
    ],
)
def test_inflected_forms_match_on_postgresql(multilingual, search, language, query, shown):
    _response, _html, found = search(query, language=language)
    assert f"<mark>{shown}</mark>" in " ".join(r.snippet_html for r in found)


def _more_departments(language, numbers):
    directorate = make_directorate(f"more-{numbers.start}")
    for number in numbers:
        make_department(
            directorate,
            f"more-{number}",
            order=number,
            competences=3,
            **{f"name_{language}": f"integration design {number}"},
        )


@pytest.mark.parametrize("language", ["el", "en", "ar", "fa", "fr", "uk", "sq"])
def test_a_search_makes_two_queries_in_every_language_whatever_the_content(
    multilingual, search, language, django_assert_num_queries
):
    _more_departments(language, range(1))
    with django_assert_num_queries(2):
        found = search("integration design", language=language)[2]
    assert "integration design 0" in [r.title for r in found]
    _more_departments(language, range(1, 25))
    with django_assert_num_queries(2):
        found = search("integration design", language=language)[2]
    assert len(found) == 20
