"""The seed matches the ministry's Greek source, loads idempotently and never overwrites staff."""

import json
import re
import unicodedata
from pathlib import Path

import pytest
from django.core.management import call_command

from departments.models import Competence, Department, Directorate, SeedRecord, ViberCommunity
from departments.seeding import load_seed
from tests.helpers import greek_letters

SEED_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "seed"
SOURCE = (SEED_DIR / "source" / "ministry_page_el.txt").read_text(encoding="utf-8")

# The scraping artefacts fixed in the seed (fixtures/seed/SOURCE_FIXES.md); nothing else differs.
ARTEFACT_FIXES = [
    ("(KEM)", "(ΚΕΜ)"),
    ("υπο- στήριξη", "υποστήριξη"),
    ("To Υπουργείο", "Το Υπουργείο"),
]


def clean(text):
    for before, after in ARTEFACT_FIXES:
        text = text.replace(before, after)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def source_competences():
    """The source's bullet lists, one list per department, in page order."""
    groups, current = [], None
    for line in SOURCE.splitlines():
        if line.strip().endswith("αρμοδιότητες:"):
            current = []
            groups.append(current)
        elif line.lstrip().startswith("•") and current is not None:
            current.append(clean(line.lstrip()[1:]))
        elif line.strip() and current:
            current = None
    return groups


def seed_data():
    return json.loads((SEED_DIR / "social_integration.json").read_text(encoding="utf-8"))


def test_seed_has_the_sources_29_competences_in_order():
    departments = seed_data()["directorates"][0]["departments"]
    seeded = [[item["el"] for item in department["competences"]] for department in departments]
    assert [len(group) for group in seeded] == [8, 8, 6, 7]
    assert seeded == source_competences()


def test_seed_greek_names_heads_and_emails_are_the_sources():
    directorate = seed_data()["directorates"][0]
    source = clean(SOURCE)
    assert clean(directorate["mission"]["el"]) in source
    assert f"είναι ο {directorate['head_name']['el']}." in source
    for department in directorate["departments"]:
        assert department["name"]["el"] in source
        assert f"Προϊσταμένη: {department['head_name']['el']}" in source
        assert department["email"] in source


def test_seed_english_has_no_greek_letters_and_nothing_untranslated():
    def walk(value):
        if isinstance(value, dict):
            if set(value) == {"el", "en"}:
                assert value["en"].strip(), f"untranslated: {value['el']}"
                assert not greek_letters(value["en"]), value["en"]
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)

    walk(seed_data())


@pytest.mark.django_db
def test_seed_creates_the_directorate_departments_and_competences():
    load_seed()
    directorate = Directorate.objects.get()
    assert directorate.name_en == "Directorate of Social Integration"
    assert directorate.head_name_en == "Athanasios Vitsentzatos"
    assert list(directorate.departments.values_list("email", flat=True)) == [
        "dpt.sippp@migration.gov.gr",
        "dpt.ic@migration.gov.gr",
        "dpt.sei@migration.gov.gr",
        "dpt.ipbs@migration.gov.gr",
    ]
    assert Competence.objects.count() == 29
    assert ViberCommunity.objects.get().link == "https://bit.ly/MigrationViber"


@pytest.mark.django_db
def test_seeding_twice_creates_no_duplicates():
    call_command("seed_content")
    call_command("seed_content")
    assert Directorate.objects.count() == 1
    assert Department.objects.count() == 4
    assert Competence.objects.count() == 29
    assert ViberCommunity.objects.count() == 1
    assert SeedRecord.objects.count() == 1 + 1 + 4 + 29


@pytest.mark.django_db
def test_reseeding_keeps_staff_edits():
    load_seed()
    department = Department.objects.get(slug="interculturalism")
    department.head_name_el = "Νέα Προϊσταμένη"
    department.head_name_en = "New Head"
    department.save()
    competence = department.competences.get(order=1)
    competence.text_en = "Edited by staff."
    competence.save()

    report = load_seed()

    department.refresh_from_db()
    competence.refresh_from_db()
    assert department.head_name_el == "Νέα Προϊσταμένη"
    assert department.head_name_en == "New Head"
    assert competence.text_en == "Edited by staff."
    assert report.created == [] and report.updated == []


@pytest.mark.django_db
def test_reseeding_does_not_recreate_what_staff_deleted():
    load_seed()
    Competence.objects.filter(department__slug="interculturalism", order=8).delete()
    load_seed()
    assert Competence.objects.filter(department__slug="interculturalism").count() == 7


@pytest.mark.django_db
def test_changed_seed_updates_content_nobody_edited(tmp_path):
    load_seed()
    data = seed_data()
    data["directorates"][0]["departments"][1]["email"] = "new.ic@migration.gov.gr"
    data["directorates"][0]["departments"][2]["email"] = "new.sei@migration.gov.gr"
    edited = Department.objects.get(slug="socio-economic-integration")
    edited.name_en = "Edited name"
    edited.save()
    seed_file = tmp_path / "seed.json"
    seed_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    load_seed(seed_file)

    assert Department.objects.get(slug="interculturalism").email == "new.ic@migration.gov.gr"
    edited.refresh_from_db()
    assert edited.email == "dpt.sei@migration.gov.gr"
    assert edited.name_en == "Edited name"


@pytest.mark.django_db
def test_seed_adopts_existing_content_without_overwriting_it():
    Directorate.objects.create(
        slug="social-integration", name_el="Όνομα από το προσωπικό", mission_el="Αποστολή."
    )
    load_seed()
    directorate = Directorate.objects.get()
    assert directorate.name_el == "Όνομα από το προσωπικό"
    assert directorate.departments.count() == 4


def test_greek_page_renders_the_sources_own_head_sentence_and_departments_heading(client, db):
    load_seed()
    html = client.get("/el/social-integration/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))
    source = clean(SOURCE)
    for sentence in [
        "Προϊστάμενος της Διεύθυνσης Κοινωνικής Ένταξης είναι ο Αθανάσιος Βιτσεντζάτος.",
        "Τα Τμήματα της Διεύθυνσης Κοινωνικής Ένταξης",
    ]:
        assert sentence in source
        assert sentence in text
