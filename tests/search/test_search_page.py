"""The search page and the header's search box, as a visitor sees them."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from departments.models import Competence
from tests.conftest import make_department, make_directorate


@pytest.mark.parametrize("language", ["el", "en"])
def test_every_page_has_a_labelled_get_search_form_in_the_header(client, seeded, language):
    html = client.get(f"/{language}/social-integration/").content.decode()
    header = re.search(r"<header.*?</header>", html, re.S).group(0)
    form = re.search(r"<form[^>]*>.*?</form>", header, re.S).group(0)
    assert 'role="search"' in form
    assert 'method="get"' in form
    assert f'action="/{language}/search/"' in form
    assert '<label class="site-search__label" for="site-search-q">' in form
    assert 'id="site-search-q" name="q"' in form
    assert 'type="submit"' in form


@pytest.mark.parametrize(
    ("language", "label"), [("el", "Αναζήτηση στον ιστότοπο"), ("en", "Search the site")]
)
def test_search_box_label_is_in_the_page_language(client, seeded, language, label):
    html = client.get(f"/{language}/").content.decode()
    assert f">{label}</label>" in html


@pytest.mark.parametrize("query", ["", "ιθαγενεια", "zzzz"])
def test_search_pages_are_not_indexed_by_search_engines(seeded, search, query):
    _response, html, _found = search(query)
    assert '<meta name="robots" content="noindex">' in html


def test_empty_query_explains_what_to_type(seeded, search):
    response, html, found = search("   ")
    assert response.status_code == 200
    assert "Πληκτρολογήστε μία ή περισσότερες λέξεις" in html
    assert found == []


def test_search_without_q_parameter_explains_what_to_type(client, seeded):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert "Type one or more words" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [("el", "Δεν βρέθηκαν αποτελέσματα για «ξυλοκόπος»"), ("en", "No results for “ξυλοκόπος”")],
)
def test_no_results_page_says_so_in_the_visitors_language(seeded, search, language, message):
    response, html, found = search("ξυλοκόπος", language=language)
    assert response.status_code == 200
    assert message in html
    assert found == []


def test_results_are_counted(seeded, search):
    _response, html, found = search("ιθαγενεια")
    assert "1 αποτέλεσμα για «ιθαγενεια»" in html
    _response, html, found = search("intercultural", language="en")
    assert len(found) == 5
    assert "5 results for “intercultural”" in html


def test_the_query_is_kept_in_the_search_box_and_title(seeded, search):
    _response, html, _found = search("ιθαγενεια")
    assert 'id="search-page-q" name="q" value="ιθαγενεια"' in html
    assert "<title>Αποτελέσματα αναζήτησης για «ιθαγενεια»" in html


def test_result_links_lead_to_the_competence_on_the_department_page(client, seeded, search):
    _response, _html, found = search("ιθαγενεια")
    page, anchor = found[0].url.split("#")
    department_page = client.get(page).content.decode()
    assert f'<li id="{anchor}">' in department_page
    assert "ιθαγένειας" in department_page


@pytest.fixture
def many_competences(db):
    directorate = make_directorate()
    for number in range(3):
        make_department(directorate, f"dept-{number}", order=number, competences=0)
    department = make_department(
        directorate, "interculturalism", order=9, competences=0, name_el="Τμήμα Ελαιόλαδου"
    )
    for order in range(1, 46):
        Competence.objects.create(
            department=department,
            order=order,
            text_el=f"Αρμοδιότητα αριθμός {order} για το ελαιόλαδο",
            text_en=f"Competence number {order} on olive oil",
        )
    return department


def test_results_past_20_are_paginated(many_competences, search):
    _response, html, found = search("ελαιολαδο")
    assert len(found) == 20
    assert "46 αποτελέσματα" in html
    assert "Σελίδα 1 από 3" in html
    assert 'href="?q=%CE%B5%CE%BB%CE%B1%CE%B9%CE%BF%CE%BB%CE%B1%CE%B4%CE%BF&amp;page=2"' in html
    _response, html, third = search("ελαιολαδο", page="3")
    assert len(third) == 6
    assert "Σελίδα 3 από 3" in html
    assert 'rel="prev"' in html
    assert 'rel="next"' not in html


def test_pages_do_not_repeat_results(many_competences, search):
    seen = []
    for page in ("1", "2", "3"):
        seen += [r.url for r in search("olive", language="en", page=page)[2]]
    assert len(seen) == len(set(seen)) == 45


def test_content_html_is_escaped_in_titles_and_snippets(db, search):
    directorate = make_directorate()
    department = make_department(
        directorate, "markup", competences=0, name_el="Τμήμα <b>Δοκιμών</b> & Ελέγχου"
    )
    Competence.objects.create(
        department=department, order=1, text_el="Έλεγχος <script>alert(1)</script> & δοκιμή"
    )
    _response, html, found = search("ελεγχ")
    assert "<script>alert(1)" not in html
    assert "<b>Δοκιμών</b>" not in html
    assert "&lt;script&gt;" in html
    assert any("&amp;" in r.snippet_html for r in found)


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_a_search_makes_two_queries_whatever_the_amount_of_content(
    client, seeded, django_assert_num_queries
):
    with django_assert_num_queries(2):
        client.get("/el/search/?q=ενταξης")
    directorate = make_directorate()
    for number in range(30):
        make_department(
            directorate,
            f"extra-{number}",
            order=number,
            competences=5,
            name_el=f"Τμήμα Ένταξης {number}",
        )
    with django_assert_num_queries(2):
        client.get("/el/search/?q=ενταξης")
    with django_assert_num_queries(2):
        client.get("/el/search/?q=ενταξης&page=3")


def test_an_empty_search_makes_no_queries(client, seeded, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get("/el/search/?q=")
