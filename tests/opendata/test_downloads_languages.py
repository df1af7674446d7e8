"""directory.csv and the vCards in every site language, with what each language's page shows."""

import pytest
import vobject
from django.conf import settings

from serving.generation import content_generation
from tests.conftest import make_department, make_directorate
from tests.opendata.test_downloads import read_csv

CODES = [code for code, _name in settings.LANGUAGES]
VCARD = "/{code}/open-data/contacts/test-directorate/alpha.vcf"


@pytest.fixture
def department(db):
    """A department translated into French; its directorate's name only into English."""
    return make_department(
        make_directorate(),
        "alpha",
        name_fr="Département alpha",
        head_name_fr="Giorgos Nikolaou",
    )


def card_of(client, code):
    response = client.get(VCARD.format(code=code))
    assert response.status_code == 200
    return response, vobject.readOne(response.content.decode("utf-8"))


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_its_csv_linking_to_its_pages(client, department, code):
    response = client.get(f"/{code}/open-data/directory.csv")
    assert response.status_code == 200
    assert response["Content-Language"] == code
    assert f'filename="directory-{code}.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert len(rows) == 2
    assert rows[1][5] == f"https://integration.example.gov.gr/{code}/test-directorate/alpha/"


@pytest.mark.parametrize(
    ("code", "directorate", "name"),
    [
        ("el", "Διεύθυνση Δοκιμών", "Τμήμα alpha"),
        ("en", "Directorate of Testing", "Department alpha"),
        ("fr", "Directorate of Testing", "Département alpha"),
        ("ar", "Directorate of Testing", "Department alpha"),
        ("uk", "Directorate of Testing", "Department alpha"),
    ],
)
def test_the_csv_names_units_as_the_page_in_that_language_does(
    client, department, code, directorate, name
):
    rows = read_csv(client.get(f"/{code}/open-data/directory.csv"))
    assert rows[1][:3] == [
        directorate,
        name,
        "Giorgos Nikolaou" if code != "el" else "Γιώργος Νικολάου",
    ]
    page = client.get(f"/{code}/test-directorate/alpha/").content.decode()
    assert name in page


@pytest.mark.parametrize("code", CODES)
def test_the_csv_is_one_query_in_every_language(
    client, department, django_assert_num_queries, code
):
    content_generation()  # as after any save: the content generation is in the cache
    with django_assert_num_queries(1):
        assert client.get(f"/{code}/open-data/directory.csv").status_code == 200


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_its_vcard_of_the_same_contact(client, department, code):
    response, card = card_of(client, code)
    assert response["Content-Language"] == code
    assert card.url.value == f"https://integration.example.gov.gr/{code}/test-directorate/alpha/"
    _, greek = card_of(client, "el")
    assert card.uid.value == greek.uid.value


def test_a_translated_vcard_says_its_language(client, department):
    _, card = card_of(client, "fr")
    assert card.fn.value == "Département alpha"
    assert card.fn.params["LANGUAGE"] == ["fr"]
    assert card.note.params["LANGUAGE"] == ["fr"]
    # The directorate's name is the English: the ORG property is in two languages.
    assert card.org.value[1:] == ["Directorate of Testing", "Département alpha"]
    assert "LANGUAGE" not in card.org.params


@pytest.mark.parametrize("code", ["ar", "fa", "sq"])
def test_an_untranslated_vcard_gives_the_english_marked_english(client, department, code):
    _, card = card_of(client, code)
    assert card.fn.value == "Department alpha"
    assert card.fn.params["LANGUAGE"] == ["en"]
    assert "Giorgos Nikolaou" in card.note.value


def test_an_all_greek_vcard_is_marked_greek(client, department):
    _, card = card_of(client, "el")
    for prop in (card.fn, card.org, card.note):
        assert prop.params["LANGUAGE"] == ["el"]


@pytest.mark.parametrize("code", CODES)
def test_an_unknown_vcard_gets_the_not_found_page_in_that_language(client, department, code):
    response = client.get(f"/{code}/open-data/contacts/test-directorate/nothing.vcf")
    assert response.status_code == 404
    assert f'<html lang="{code}"' in response.content.decode()
