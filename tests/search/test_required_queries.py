"""The searches the issue names must find the right item on SQLite and on PostgreSQL alike."""

import pytest
from django.db import connection

INTERCULTURALISM = "/{lang}/social-integration/interculturalism/"
SOCIO_ECONOMIC = "/{lang}/social-integration/socio-economic-integration/"
POLICY = "/{lang}/social-integration/integration-policy-and-programme-design/"
DIRECTORATE = "/{lang}/social-integration/"


def urls(found):
    return [result.url for result in found]


@pytest.mark.parametrize("query", ["διαπολιτισμικοτητα", "ΔΙΑΠΟΛΙΤΙΣΜΙΚΟΤΗΤΑ"])
def test_department_name_without_accents_or_in_capitals_finds_interculturalism(
    seeded, search, query
):
    response, _html, found = search(query)
    assert response.status_code == 200
    assert found[0].url == INTERCULTURALISM.format(lang="el")
    assert found[0].kind == "Τμήμα · Διεύθυνση Κοινωνικής Ένταξης"
    assert found[0].title == "Τμήμα Διαπολιτισμικότητας"


def test_health_without_accents_finds_the_socio_economic_competence_about_health(seeded, search):
    _response, _html, found = search("υγεια")
    health = [r for r in found if r.url.startswith(SOCIO_ECONOMIC.format(lang="el"))]
    assert health, urls(found)
    assert "#competence-" in health[0].url
    assert health[0].kind == "Αρμοδιότητα"
    assert "υγεία" in health[0].snippet


def test_citizenship_without_accents_finds_the_competence_about_greek_citizenship(seeded, search):
    _response, _html, found = search("ιθαγενεια")
    assert len(found) == 1
    assert found[0].url.startswith(SOCIO_ECONOMIC.format(lang="el") + "#competence-")
    assert "<mark>ιθαγένειας</mark>" in found[0].snippet_html


def test_greek_on_english_pages_finds_the_competence_about_greek_lessons(seeded, search):
    _response, _html, found = search("Greek", language="en")
    lessons = [r for r in found if "Greek language lessons" in r.snippet]
    assert lessons, [r.snippet for r in found]
    assert lessons[0].url.startswith(INTERCULTURALISM.format(lang="en") + "#competence-")
    assert all(r.url.startswith("/en/") for r in found)


def test_english_word_for_interfaith_dialogue_finds_interculturalism(seeded, search):
    # The seed translates "διαθρησκευτικού διαλόγου" as "interfaith dialogue".
    _response, _html, found = search("interfaith", language="en")
    assert len(found) == 1
    assert found[0].url.startswith(INTERCULTURALISM.format(lang="en") + "#competence-")
    assert found[0].kind == "Competence"
    assert found[0].title == "Department of Interculturalism"


@pytest.mark.parametrize("query", ["ΚΟΙΝΩΝΙΚΗΣ ΕΝΤΑΞΗΣ", "κοινωνικησ ενταξησ", "κοινωνικησ"])
def test_social_integration_in_capitals_or_with_sigma_finds_directorate_then_departments(
    seeded, search, query
):
    _response, _html, found = search(query)
    assert found[0].url == DIRECTORATE.format(lang="el")
    assert found[0].kind.startswith("Διεύθυνση")
    assert any(url.startswith(POLICY.format(lang="el")) for url in urls(found))


@pytest.mark.parametrize(
    ("query", "language", "name"),
    [("Κεραμιδά", "el", "Φανή Κεραμιδά"), ("keramida", "en", "Fani Keramida")],
)
def test_head_surname_finds_the_head_of_interculturalism(seeded, search, query, language, name):
    _response, _html, found = search(query, language=language)
    assert len(found) == 1
    # The head's contact line under the department's heading, not the top of a page.
    assert found[0].url == DIRECTORATE.format(lang=language) + "#dept-interculturalism-contact"
    assert found[0].title == name
    assert found[0].kind in {
        "Προϊσταμένη · Τμήμα Διαπολιτισμικότητας",
        "Head · Department of Interculturalism",
    }


def test_greek_query_on_english_pages_searches_only_english_text(seeded, search):
    _response, _html, found = search("ιθαγενεια", language="en")
    assert found == []


def test_results_are_ranked_directorate_then_department_names_then_competences(seeded, search):
    _response, _html, found = search("ενταξης")
    kinds = [result.kind.split(" · ")[0] for result in found]
    assert kinds[0] == "Διεύθυνση"
    assert kinds[1:3] == ["Τμήμα", "Τμήμα"]
    assert set(kinds[3:]) == {"Αρμοδιότητα"}
    assert {found[1].url, found[2].url} == {
        POLICY.format(lang="el"),
        SOCIO_ECONOMIC.format(lang="el"),
    }


@pytest.mark.skipif(
    connection.vendor == "postgresql", reason="PostgreSQL matches whole words by their stem"
)
def test_part_of_a_word_matches_on_sqlite(seeded, search):
    _response, _html, found = search("διαπολιτισμ")
    assert found[0].url == INTERCULTURALISM.format(lang="el")
    assert "<mark>διαπολιτισμικών</mark>" in " ".join(r.snippet_html for r in found)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL's full-text search"
)
@pytest.mark.parametrize(
    ("query", "expected"),
    [("ένταξη", "ένταξης"), ("μετανάστες", "μεταναστών"), ("ΜΕΤΑΝΑΣΤΕΣ", "Μεταναστών")],
)
def test_inflected_forms_match_on_postgresql(seeded, search, query, expected):
    _response, _html, found = search(query)
    assert f"<mark>{expected}</mark>" in " ".join(r.snippet_html for r in found)


@pytest.mark.parametrize(
    ("query", "language", "kind"),
    [("Βιτσεντζάτος", "el", "Προϊστάμενος"), ("vitsentzatos", "en", "Director")],
)
def test_the_directors_result_links_to_the_sentence_naming_him(
    seeded, search, query, language, kind
):
    _response, _html, found = search(query, language=language)
    assert len(found) == 1
    assert found[0].url == DIRECTORATE.format(lang=language) + "#director"
    assert found[0].kind.startswith(kind)
