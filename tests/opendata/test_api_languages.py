"""The API in every site language: `lang` follows settings.LANGUAGES, fallbacks say so."""

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext

from opendata.openapi import openapi_document
from serving.generation import content_generation
from tests.conftest import make_department, make_directorate

API = "/api/v1"
ORIGIN = "https://integration.example.gov.gr"
CODES = [code for code, _name in settings.LANGUAGES]


def document_of(response):
    assert response.status_code == 200
    return json.loads(response.content)


@pytest.fixture
def partly_translated(db):
    """A department translated into French only; one competence has no English either."""
    directorate = make_directorate(name_fr="Direction des essais")
    department = make_department(
        directorate, "alpha", competences=2, name_fr="Département alpha", head_name_fr=""
    )
    first, second = department.competences.order_by("order")
    first.text_fr = "Compétence 1 de alpha"
    first.save()
    second.text_en = ""
    second.save()
    return department


@pytest.mark.parametrize("code", CODES)
def test_every_site_language_is_accepted_and_links_to_its_pages(client, seeded, code):
    response = client.get(f"{API}/directorates?lang={code}")
    document = document_of(response)
    assert document["lang"] == code
    assert response["Content-Language"] == code
    [directorate] = document["data"]
    assert directorate["url"] == f"{ORIGIN}/{code}/social-integration/"
    assert all(d["url"].startswith(f"{ORIGIN}/{code}/") for d in directorate["departments"])


def test_all_gives_one_document_per_site_language_in_settings_order(client, seeded):
    response = client.get(f"{API}/departments?lang=all")
    document = document_of(response)
    assert list(document["data"]) == CODES
    assert response["Content-Language"] == ", ".join(CODES)
    ids = [d["id"] for d in document["data"]["el"]]
    assert all([d["id"] for d in data] == ids for data in document["data"].values())


def test_a_translated_text_is_in_its_language(client, partly_translated):
    data = document_of(client.get(f"{API}/departments/{partly_translated.pk}?lang=fr"))["data"]
    assert data["name"] == "Département alpha"
    assert data["text_languages"] == {"name": "fr"}
    assert data["directorate"]["name"] == "Direction des essais"
    assert data["directorate"]["text_languages"] == {"name": "fr"}
    assert data["competences"][0]["text"] == "Compétence 1 de alpha"
    assert data["competences"][0]["text_languages"] == {"text": "fr"}


def test_an_untranslated_text_is_the_english_then_the_greek_and_says_so(client, partly_translated):
    data = document_of(client.get(f"{API}/departments/{partly_translated.pk}?lang=fr"))["data"]
    assert data["head"]["name"] == "Giorgos Nikolaou"
    assert data["head"]["text_languages"] == {"name": "en"}
    # Neither French nor English: the Greek.
    assert data["competences"][1]["text"] == "Αρμοδιότητα 2 του alpha"
    assert data["competences"][1]["text_languages"] == {"text": "el"}


@pytest.mark.parametrize("code", ["ar", "fa", "uk", "sq"])
def test_a_language_without_translations_gives_what_its_page_gives(client, partly_translated, code):
    data = document_of(client.get(f"{API}/departments/{partly_translated.pk}?lang={code}"))["data"]
    page = client.get(f"/{code}/test-directorate/alpha/").content.decode()
    assert data["name"] == "Department alpha"
    assert data["text_languages"] == {"name": "en"}
    assert f'lang="en">{data["name"]}<' in page
    assert [c["text_languages"]["text"] for c in data["competences"]] == ["en", "el"]
    for competence in data["competences"]:
        assert competence["text"] in page


def test_english_falls_back_to_the_greek(client, partly_translated):
    partly_translated.name_en = ""
    partly_translated.save()
    data = document_of(client.get(f"{API}/departments/{partly_translated.pk}?lang=en"))["data"]
    assert data["name"] == "Τμήμα alpha"
    assert data["text_languages"] == {"name": "el"}


def test_an_empty_optional_text_is_null_and_has_no_language(client, db):
    directorate = make_directorate(section_el="", legal_basis_el="Ν. 1/2020")
    data = document_of(client.get(f"{API}/directorates/{directorate.slug}?lang=ar"))["data"]
    assert data["section"] is None
    assert data["legal_basis"] == "Ν. 1/2020"
    assert data["text_languages"] == {"name": "en", "mission": "en", "legal_basis": "el"}


@pytest.mark.parametrize(
    ("url", "queries"), [(f"{API}/directorates", 3), (f"{API}/departments", 2)]
)
@pytest.mark.parametrize("lang", ["el", "ar", "all"])
def test_every_language_at_once_costs_the_queries_of_one(
    client, db, django_assert_num_queries, url, queries, lang
):
    directorate = make_directorate()
    for number in range(3):
        make_department(directorate, f"unit-{number}", order=number, competences=3)
    cache.clear()
    content_generation()  # as after any save: the content generation is in the cache
    with django_assert_num_queries(queries):
        assert client.get(f"{url}?lang={lang}").status_code == 200


def test_the_openapi_document_lists_every_site_language():
    document = openapi_document()
    [lang] = [
        parameter
        for parameter in document["paths"]["/departments"]["get"]["parameters"]
        if parameter["name"] == "lang"
    ]
    assert lang["schema"]["enum"] == [*CODES, "all"]
    envelope = document["paths"]["/departments"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    assert envelope["properties"]["lang"]["enum"] == [*CODES, "all"]
    assert list(envelope["properties"]["data"]["oneOf"][1]["properties"]) == CODES
    competence = document["components"]["schemas"]["Competence"]
    assert competence["properties"]["text_languages"]["properties"]["text"]["enum"] == CODES


@pytest.mark.parametrize("code", CODES)
def test_an_error_is_in_the_language_lang_asked_for(client, db, code):
    response = client.get(f"{API}/departments?lang={code}&page=2")
    assert response.status_code == 400
    assert response["Content-Language"] == code
    with translation.override(code):
        expected = gettext("Unknown query parameter: %(name)s.") % {"name": "page"}
    assert json.loads(response.content)["error"]["message"] == expected


@pytest.mark.parametrize("lang", ["all", "de"])
def test_an_error_without_a_site_language_is_in_greek(client, db, lang):
    response = client.get(f"{API}/departments?lang={lang}&page=2")
    assert response["Content-Language"] == "el"
    assert (
        json.loads(response.content)["error"]["message"] == "Άγνωστη παράμετρος ερωτήματος: page."
    )


@pytest.mark.parametrize(
    ("url", "queries"), [(f"{API}/directorates", 3), (f"{API}/departments", 2)]
)
def test_all_costs_the_same_queries_with_two_languages_or_seven(
    client, db, settings, django_assert_num_queries, url, queries
):
    directorate = make_directorate()
    make_department(directorate, "alpha", competences=3)
    counts = {}
    for languages in (settings.LANGUAGES[:2], settings.LANGUAGES):
        settings.LANGUAGES = languages
        cache.clear()
        content_generation()  # as after any save: the content generation is in the cache
        with django_assert_num_queries(queries):
            response = client.get(f"{url}?lang=all")
        counts[len(languages)] = len(json.loads(response.content)["data"])
    assert counts == {2: 2, len(CODES): len(CODES)}
