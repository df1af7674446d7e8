"""Whatever arrives in the query string, the search page answers in the visitor's language
and never with a 500; tsquery syntax and SQL are searched as plain words."""

import pytest

from search.normalise import MAX_QUERY_LENGTH


@pytest.mark.parametrize(
    ("language", "heading"),
    [("el", "Η αναζήτησή σας είναι πολύ μεγάλη"), ("en", "Your search is too long")],
)
def test_a_10000_character_query_is_refused_with_a_400_page_in_the_visitors_language(
    seeded, search, language, heading
):
    response, html, found = search("α" * 10_000, language=language)
    assert response.status_code == 400
    assert heading in html
    assert str(MAX_QUERY_LENGTH) in html
    assert found == []
    assert "α" * 300 not in html


def test_a_query_of_the_maximum_length_is_searched(seeded, search):
    response, _html, _found = search("ιθαγενεια " * (MAX_QUERY_LENGTH // 10))
    assert response.status_code == 200


def test_nul_bytes_are_ignored(seeded, search):
    response, _html, found = search("ιθαγ\x00ενεια\x00")
    assert response.status_code == 200
    response, _html, found = search("ιθαγενεια\x00")
    assert response.status_code == 200
    assert len(found) == 1


def test_invalid_utf8_is_searched_as_text(client, seeded):
    response = client.get("/el/search/?q=%FF%FE%C3")
    assert response.status_code == 200
    assert "Δεν βρέθηκαν αποτελέσματα" in response.content.decode()


def test_invalid_utf8_next_to_a_word_still_finds_it(client, seeded):
    response = client.get("/el/search/?q=%FF%CE%B9%CE%B8%CE%B1%CE%B3%CE%B5%CE%BD%CE%B5%CE%B9%CE%B1")
    assert response.status_code == 200
    assert "#competence-" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "&",
        "| ! : * ( ) '",
        "υγεια & !ιθαγενεια",
        "ιθαγενεια:*",
        "(ιθαγενεια | υγεια)",
        "'ιθαγενεια'",
        "!!!",
        "\\",
        "%",
        "_",
        "<->",
    ],
)
def test_tsquery_syntax_is_searched_as_plain_text(seeded, search, query):
    response, _html, _found = search(query)
    assert response.status_code == 200


def test_tsquery_operators_between_words_do_not_act_as_operators(seeded, search):
    # As an operator, "|" would find either word; as text, both words are required.
    _response, _html, found = search("ιθαγενεια | υγεια")
    assert found == []


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE search_searchentry; --",
        "1' OR '1'='1",
        '" OR 1=1 --',
        "ιθαγενεια') UNION SELECT * FROM auth_user --",
    ],
)
def test_sql_fragments_are_searched_as_plain_text(seeded, search, query):
    response, _html, _found = search(query)
    assert response.status_code == 200
    response, _html, found = search("ιθαγενεια")
    assert len(found) == 1


def test_percent_and_underscore_are_not_wildcards(seeded, search):
    _response, _html, found = search("%")
    assert found == []


def test_repeated_q_parameters_search_one_of_them(client, seeded):
    response = client.get("/el/search/?q=ιθαγενεια&q=%FF&q=" + "x" * 10)
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1e9", "%00"])
def test_odd_page_numbers_show_a_page_of_results(client, seeded, page):
    response = client.get(f"/el/search/?q=ενταξης&page={page}")
    assert response.status_code == 200
    assert "#competence-" in response.content.decode()


def test_unknown_parameters_are_ignored(client, seeded):
    response = client.get("/el/search/?q=ιθαγενεια&utm_source=x&q2=y&format=json&lang=en")
    assert response.status_code == 200
    assert "#competence-" in response.content.decode()


def test_html_in_the_query_is_escaped(seeded, search):
    _response, html, _found = search("<script>alert(1)</script>")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
