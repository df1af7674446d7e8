"""Issue 14's corrected texts: on a fresh install, and on a database seeded before them.

The data migration (departments/0004) changes a field only where it still holds the text the
old seed wrote; staff edits are left alone, and later seeding finds nothing to change.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from departments.models import Competence, Department, Directorate, SeedRecord
from departments.seeding import load_seed
from search.models import SearchEntry

OLD_SEED = Path(__file__).resolve().parent / "fixtures" / "seed_before_issue_14.json"
DIRECTORATE = "/{lang}/social-integration/"
SUPPORT_SLUG = "support-for-beneficiaries-of-international-protection"
INTERCULTURALISM_KEY = "department:social-integration/interculturalism"

# What an English reader sees after issue 14, and what they no longer see.
NEW_ENGLISH = [
    "Administration &amp; Contact",
    "Its operational objective is to design and implement, and to monitor the implementation"
    " of, the integration policy",
    "civil society organisations that carry out actions",
    "The Director of the Directorate of Social Integration is Athanasios Vitsentzatos.",
    "Departments of the Directorate of Social Integration",
    "Department of Support for Beneficiaries of International Protection",
    "the submission of recommendations for legislative provisions",
    "proposals and technical sheets,",
    "the preparation of the country&#x27;s representation in European",
    # Issue 21 then dropped the Greek article ("participation in", "cooperation with").
    "participation in the drawing up of training programmes",
    "the submission of recommendations for the formulation of integration policies",
    "actions to inform staff of public bodies",
    "cooperation with ministries, local and regional government bodies",
    "such as the Migrant Integration Centres (MICs).",
    "the recording and listing of existing migrant communities",
    "the Migrant and Refugee Integration Councils (MRICs),",
    "in cooperation with the other competent ministries and bodies",
    "attending to the accommodation needs of vulnerable groups of beneficiaries of international"
    " protection",
    "the submission of a recommendation for the establishment",
    "the refugee population throughout Greece,",
    "Article 23 of Presidential Decree 106/2020 (Government Gazette A&#x27; 255/23.12.2020)",
]
OLD_ENGLISH = [
    "Administration &amp; Communication",
    "has as its operational objective",
    "civil society bodies",
    "Department for the Support of",
    "(KEM)",
    "(SEMP)",
    "technical data sheets",
    "jointly competent",
    "across the Greek territory",
    "the submission of proposals for legislative",
    "legislation.di.uoa.gr",
    "Departments of the Directorate</h2>",
]


def english_page(client):
    return client.get(DIRECTORATE.format(lang="en")).content.decode()


def test_a_fresh_install_shows_the_corrected_english(client, seeded):
    html = english_page(client)
    for text in NEW_ENGLISH:
        assert text in html, text
    for text in OLD_ENGLISH:
        assert text not in html, text


def test_the_greek_page_keeps_the_greek_acronyms(client, seeded):
    html = client.get(DIRECTORATE.format(lang="el")).content.decode()
    assert "Κέντρα Ένταξης Μεταναστών (ΚΕΜ)." in html
    assert "Προσφύγων (Σ.Ε.Μ.Π.)," in html
    assert "MICs" not in html


def test_the_legal_basis_is_a_citation_without_an_unverified_link(client, seeded):
    html = english_page(client)
    assert seeded.legal_basis_url == ""
    assert "<dd>Article 23 of Presidential Decree 106/2020" in html


@pytest.fixture
def seeded_before_issue_14(transactional_db):
    """A database as the old seed left it, then migrated back to before issue 14."""
    load_seed(OLD_SEED)
    yield
    # Leave the schema as every other test expects it, whatever the test did.
    call_command("migrate", verbosity=0)


def _migrate_from_before_issue_14():
    call_command("migrate", "departments", "0002", verbosity=0)
    call_command("migrate", verbosity=0)


def test_migrating_a_database_seeded_before_issue_14_shows_the_corrected_texts(
    client, seeded_before_issue_14
):
    assert "Administration &amp; Communication" in english_page(client)
    _migrate_from_before_issue_14()
    html = english_page(client)
    for text in NEW_ENGLISH:
        assert text in html, text
    for text in OLD_ENGLISH:
        assert text not in html, text


def test_after_the_migration_seeding_finds_nothing_to_change(seeded_before_issue_14):
    _migrate_from_before_issue_14()
    report = load_seed()
    assert report.created == []
    assert report.updated == []
    assert report.kept_staff_edits == []
    # Field for field what a fresh install holds.
    directorate = Directorate.objects.get(slug="social-integration")
    assert directorate.name_genitive_el == "Διεύθυνσης Κοινωνικής Ένταξης"
    assert directorate.name_genitive_en == "Directorate of Social Integration"


def test_the_migration_leaves_staff_edits_alone(client, seeded_before_issue_14):
    competence = Competence.objects.get(pk=_object_id(f"{INTERCULTURALISM_KEY}/competence:8"))
    competence.text_en = "Cooperation on Migrant Integration Centres (KEM), as staff wrote it."
    competence.save()
    support = Department.objects.get(slug=SUPPORT_SLUG)
    support.name_en = "Support Department (staff's own name)"
    support.save()
    directorate = Directorate.objects.get(slug="social-integration")
    directorate.mission_en = "A mission staff rewrote."
    directorate.save()

    _migrate_from_before_issue_14()

    competence.refresh_from_db()
    support.refresh_from_db()
    directorate.refresh_from_db()
    assert competence.text_en == (
        "Cooperation on Migrant Integration Centres (KEM), as staff wrote it."
    )
    assert support.name_en == "Support Department (staff's own name)"
    assert directorate.mission_en == "A mission staff rewrote."
    # The directorate's other seeded fields, which staff did not touch, are corrected.
    assert directorate.section_en == "Administration & Contact"
    assert directorate.legal_basis_url == ""
    # Reseeding still keeps the staff edits.
    report = load_seed()
    assert sorted(report.kept_staff_edits) == sorted(
        [
            f"{INTERCULTURALISM_KEY}/competence:8",
            f"department:social-integration/{SUPPORT_SLUG}",
            "directorate:social-integration",
        ]
    )
    competence.refresh_from_db()
    assert "as staff wrote it" in competence.text_en


def test_the_migration_rebuilds_the_search_index_with_the_new_texts_and_links(
    seeded_before_issue_14,
):
    _migrate_from_before_issue_14()
    head = SearchEntry.objects.get(language="en", kind="head", title="Fani Keramida")
    assert head.url == "/en/social-integration/#dept-interculturalism-contact"
    assert SearchEntry.objects.filter(language="en", body__contains="(MICs)").exists()
    assert not SearchEntry.objects.filter(language="en", body__contains="(KEM)").exists()


def _object_id(key):
    return SeedRecord.objects.get(key=key).object_id


def test_the_migrations_changes_are_in_the_history_and_the_changes_feed(
    client, seeded_before_issue_14
):
    directorate = Directorate.objects.get(slug="social-integration")
    records_before = directorate.history.count()
    _migrate_from_before_issue_14()
    directorate.refresh_from_db()
    # Issue 14's correction, then issue 21's (departments/0008).
    assert directorate.history.count() == records_before + 2
    issue_14 = directorate.history.all()[1]
    assert issue_14.history_type == "~"
    assert issue_14.history_change_reason == "Corrected seed text (issue 14)"
    assert issue_14.section_en == "Administration & Contact"
    assert issue_14.prev_record.section_en == "Administration & Communication"
    feed = client.get("/en/open-data/changes.atom").content.decode()
    assert "Changed – Directorate: Directorate of Social Integration" in feed
