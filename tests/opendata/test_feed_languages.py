"""The Atom feed of changes in every site language, naming objects as that language's page does."""

import pytest
from django.conf import settings
from django.core.cache import cache

from serving.generation import content_generation
from tests.conftest import make_department, make_directorate
from tests.opendata.test_changes_feed import ATOM, entries_of, texts

CODES = [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def renamed(db):
    """A department renamed in Greek, with a French name and no other translation but English."""
    department = make_department(
        make_directorate(), "alpha", competences=0, name_fr="Département alpha"
    )
    department.name_el = "Τμήμα άλφα"
    department.save()
    return department


@pytest.mark.parametrize("code", CODES)
def test_each_language_has_its_feed_linking_to_its_pages(client, renamed, code):
    response, entries = entries_of(client, code)
    assert response["Content-Language"] == code
    assert f'xml:lang="{code}"'.encode() in response.content
    assert entries
    for entry in entries:
        assert (
            entry.find(f"{ATOM}link")
            .get("href")
            .startswith(f"https://integration.example.gov.gr/{code}/")
        )


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("el", "Τμήμα άλφα"),
        ("en", "Department alpha"),
        ("fr", "Département alpha"),
        ("ar", "Department alpha"),
        ("sq", "Department alpha"),
    ],
)
def test_an_entry_names_the_object_as_the_page_in_that_language_does(client, renamed, code, name):
    _, entries = entries_of(client, code)
    title, _summary = texts(entries[0])
    assert title.endswith(f": {name}")


def test_a_name_with_no_english_is_named_in_greek_in_every_other_language(client, renamed):
    renamed.name_en = ""
    renamed.save()
    for code in ("en", "ar", "uk"):
        cache.clear()
        _, entries = entries_of(client, code)
        assert texts(entries[0])[0].endswith(": Τμήμα άλφα")


@pytest.mark.parametrize("code", ["ar", "fa", "fr", "uk", "sq"])
def test_an_edit_of_one_languages_text_is_a_change(client, renamed, code):
    setattr(renamed, f"name_{code}", "Nouveau nom")
    renamed.save()
    _, entries = entries_of(client, "en")
    assert texts(entries[0]) == ("Changed – Department: Department alpha", "Changed: name.")


@pytest.mark.parametrize("code", CODES)
def test_the_feed_costs_the_same_queries_in_every_language(
    client, renamed, django_assert_num_queries, code
):
    cache.clear()
    content_generation()  # as after any save: the content generation is in the cache
    # As in test_changes_feed, less the second query of the two models without history here
    # (competences, Viber blocks) and the competences' live names.
    with django_assert_num_queries(9):
        client.get(f"/{code}/open-data/changes.atom")
