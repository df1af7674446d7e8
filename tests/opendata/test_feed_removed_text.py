"""Text removed from the content leaves the public feed with the save that removes it."""

import pytest

from departments.models import Competence, ViberCommunity
from tests.conftest import make_department, make_directorate, make_viber_community
from tests.opendata.test_changes_feed import entries_of, texts

SECRET_EL = "Ιδιωτική Διεύθυνση Οδός Κρυφή 13"
SECRET_EN = "Private Address Secret Street 13"


def feed_bodies(client):
    return [entries_of(client, language)[0].content.decode() for language in ("el", "en")]


@pytest.fixture
def department(db):
    return make_department(make_directorate(), "alpha", competences=2)


def assert_secret_gone(client):
    for body in feed_bodies(client):
        assert "Κρυφή" not in body and "Secret Street" not in body


def test_a_renamed_department_is_listed_under_its_new_name_only(client, department):
    department.name_el, department.name_en = SECRET_EL, SECRET_EN
    department.save()
    department.name_el, department.name_en = "Τμήμα Άλφα", "Department Alpha"
    department.save()

    assert_secret_gone(client)
    _, entries = entries_of(client, "en")
    titles = [texts(entry)[0] for entry in entries]
    assert titles[:2] == ["Changed – Department: Department Alpha"] * 2
    assert texts(entries[0])[1] == "Changed: name."


def test_an_edited_competence_shows_its_current_text_only(client, department):
    competence = department.competences.first()
    competence.text_el, competence.text_en = SECRET_EL, SECRET_EN
    competence.save()
    competence.text_el, competence.text_en = "Νέο κείμενο", "New text"
    competence.save()

    assert_secret_gone(client)
    _, entries = entries_of(client, "el")
    assert texts(entries[0]) == (
        "Τροποποίηση – Αρμοδιότητα: Νέο κείμενο",
        "Τροποποιήθηκαν: κείμενο.",
    )


def test_a_deleted_competence_is_listed_without_its_text(client, department):
    competence = department.competences.first()
    competence.text_el, competence.text_en = SECRET_EL, SECRET_EN
    competence.save()
    Competence.objects.filter(pk=competence.pk).delete()

    assert_secret_gone(client)
    _, entries = entries_of(client, "en")
    assert texts(entries[0]) == ("Removed – Competence", "The entry was removed.")
    assert entries[0].find("{http://www.w3.org/2005/Atom}link").get("href") == (
        "https://integration.example.gov.gr/en/test-directorate/alpha/"
    )


def test_a_deleted_department_and_viber_block_are_listed_without_their_names(client, db):
    department = make_department(make_directorate(), "alpha", competences=1)
    department.head_name_el, department.name_en = SECRET_EL, SECRET_EN
    department.save()
    department.delete()
    community = make_viber_community()
    community.title_el, community.title_en = SECRET_EL, SECRET_EN
    community.save()
    ViberCommunity.objects.all().delete()

    assert_secret_gone(client)
    _, entries = entries_of(client, "en")
    titles = {texts(entry)[0] for entry in entries}
    assert {"Removed – Department", "Removed – Viber community"} <= titles
