"""schema.org JSON-LD on the directorate and department pages, parsed and checked."""

import json
import re

import pytest
from django.conf import settings

from tests.conftest import make_department, make_directorate

ORIGIN = "https://integration.example.gov.gr"


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


@pytest.mark.parametrize("lang", ["el", "en"])
def test_directorate_is_a_government_organization_with_parent_and_departments(client, seeded, lang):
    data = json_ld(client.get(f"/{lang}/social-integration/").content.decode())
    assert data["@context"] == ["https://schema.org", {"@language": lang}]
    assert data["@type"] == "GovernmentOrganization"
    assert (
        data["name"]
        == {"el": "Διεύθυνση Κοινωνικής Ένταξης", "en": "Directorate of Social Integration"}[lang]
    )
    assert data["url"] == f"{ORIGIN}/{lang}/social-integration/"
    parent = data["parentOrganization"]
    assert parent["@type"] == "GovernmentOrganization"
    assert (
        parent["name"]
        == {
            "el": "Γενική Διεύθυνση Μεταναστευτικής Πολιτικής",
            "en": "General Directorate of Migration Policy",
        }[lang]
    )
    assert (
        parent["parentOrganization"]["name"]
        == {
            "el": "Υπουργείο Μετανάστευσης και Ασύλου",
            "en": "Ministry of Migration and Asylum",
        }[lang]
    )

    departments = list(seeded.departments.order_by("order"))
    subs = data["subOrganization"]
    assert [sub["url"] for sub in subs] == [
        f"{ORIGIN}{d.get_absolute_url().replace('/el/', f'/{lang}/', 1)}" for d in departments
    ]
    for sub, department in zip(subs, departments, strict=True):
        assert sub["@type"] == "GovernmentOrganization"
        assert sub["email"] == department.email
        assert sub["name"] == getattr(department, f"name_{lang}")
        assert sub["employee"]["@type"] == "Person"
        assert sub["employee"]["name"] == getattr(department, f"head_name_{lang}")


def test_english_structured_data_has_no_greek(client, seeded):
    data = json.dumps(
        json_ld(client.get("/en/social-integration/").content.decode()), ensure_ascii=False
    )
    assert not re.search(r"[\u0370-\u03ff]", data)


@pytest.mark.parametrize("lang", ["el", "en"])
def test_department_page_describes_its_department_within_the_directorate(client, seeded, lang):
    html = client.get(f"/{lang}/social-integration/interculturalism/").content.decode()
    data = json_ld(html)
    department = seeded.departments.get(slug="interculturalism")
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == getattr(department, f"name_{lang}")
    assert data["email"] == department.email
    assert data["employee"]["name"] == getattr(department, f"head_name_{lang}")
    assert data["parentOrganization"]["url"] == f"{ORIGIN}/{lang}/social-integration/"


def test_structured_data_cannot_break_out_of_its_script_element(client, seeded):
    department = seeded.departments.get(slug="interculturalism")
    department.name_en = "</script><script>alert(1)</script>"
    department.save()
    html = client.get("/en/social-integration/interculturalism/").content.decode()
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_other_pages_carry_no_structured_data(client, seeded):
    html = client.get("/en/accessibility/").content.decode()
    assert "application/ld+json" not in html


@pytest.mark.parametrize(
    ("lang", "director", "head"),
    [("el", "Προϊστάμενος", "Προϊσταμένη"), ("en", "Director", "Head")],
)
def test_job_titles_are_director_for_the_directorate_and_head_for_departments(
    client, seeded, lang, director, head
):
    data = json_ld(client.get(f"/{lang}/social-integration/").content.decode())
    assert data["employee"]["jobTitle"] == director
    assert {unit["employee"]["jobTitle"] for unit in data["subOrganization"]} == {head}


LANGS = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def partly_translated(db):
    """French names, Greek and English otherwise, and a mission only in Greek."""
    directorate = make_directorate(name_fr="Direction des essais", mission_en="")
    make_department(directorate, "alpha", name_fr="Département alpha", competences=1)
    return directorate


@pytest.mark.parametrize("lang", LANGS)
def test_structured_data_is_in_the_pages_language(client, partly_translated, lang):
    data = json_ld(client.get(f"/{lang}/test-directorate/").content.decode())
    assert data["@context"] == ["https://schema.org", {"@language": lang}]
    assert data["url"] == f"{ORIGIN}/{lang}/test-directorate/"
    assert [sub["url"] for sub in data["subOrganization"]] == [
        f"{ORIGIN}/{lang}/test-directorate/alpha/"
    ]


def test_translated_texts_are_plain_strings_in_the_pages_language(client, partly_translated):
    data = json_ld(client.get("/fr/test-directorate/").content.decode())
    assert data["name"] == "Direction des essais"
    assert data["subOrganization"][0]["name"] == "Département alpha"


@pytest.mark.parametrize("lang", ["ar", "fa", "uk", "sq"])
def test_an_untranslated_text_names_the_language_it_is_shown_in(client, partly_translated, lang):
    html = client.get(f"/{lang}/test-directorate/").content.decode()
    data = json_ld(html)
    assert data["name"] == {"@value": "Directorate of Testing", "@language": "en"}
    assert data["description"] == {
        "@value": "Αποστολή της Διεύθυνσης Δοκιμών.",
        "@language": "el",
    }
    assert data["employee"]["name"] == {"@value": "Maria Papadopoulou", "@language": "en"}
    department = json_ld(client.get(f"/{lang}/test-directorate/alpha/").content.decode())
    assert department["name"] == {"@value": "Department alpha", "@language": "en"}
    assert department["parentOrganization"]["name"] == {
        "@value": "Directorate of Testing",
        "@language": "en",
    }


def test_english_marks_a_greek_fallback(client, partly_translated):
    data = json_ld(client.get("/en/test-directorate/").content.decode())
    assert data["name"] == "Directorate of Testing"
    assert data["description"] == {
        "@value": "Αποστολή της Διεύθυνσης Δοκιμών.",
        "@language": "el",
    }


def test_a_greek_page_has_no_value_objects(client, partly_translated):
    html = client.get("/el/test-directorate/").content.decode()
    assert "@value" not in html
