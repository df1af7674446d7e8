"""Issue 21's corrections of the English pivot: on a fresh install, and on a database seeded
before them (data migration departments/0008), where staff edits and drafts are left alone."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from departments import publishing, snapshots
from departments.models import Competence, Directorate, SeedRecord, ViberCommunity
from departments.seeding import load_seed
from search.models import SearchEntry

OLD_SEED = Path(__file__).resolve().parent / "fixtures" / "seed_before_issue_21.json"
DIRECTORATE = "/en/social-integration/"
POLICY_KEY = "department:social-integration/integration-policy-and-programme-design"
SUPPORT_KEY = "department:social-integration/support-for-beneficiaries-of-international-protection"

# What an English reader sees after issue 21 (HTML as the page escapes it).
NEW_ENGLISH = [
    "Under the organisational regulation of the Ministry of Migration and Asylum (Article 23 of"
    " Presidential Decree 106/2020), the Directorate of Social Integration is coordinated by",
    "actions to inform staff of public bodies and of local and regional government on migration"
    " and integration, raise their awareness and provide them with intercultural training,",
    "attending to the accommodation needs of vulnerable groups of beneficiaries of international"
    " protection, and the design of targeted integration interventions,",
    ">participation in the drawing up of training programmes",
    ">cooperation with ministries, local and regional government bodies, international"
    " organisations and civil society on the design and monitoring",
    "a national register of certified intercultural mediators,",
    "a corresponding national register,",
    "Viber community on migration and asylum matters",
    "for the implementation of the multiannual financial frameworks,<",
    "in cooperation with the other competent ministries and bodies,<",
    "following the identification of their needs.<",
    "the actions falling within its competence, and<",
]
OLD_ENGLISH = [
    "in accordance with the Organisation of the Ministry",
    "including intercultural training",
    "the provision of care for vulnerable groups",
    "the participation in the drawing up",
    "the cooperation with ministries",
    "national Register",
    "Viber Community on Migration and Asylum Matters",
    "multiannual financial frameworks<",
    "other competent ministries and bodies<",
    "identification of their needs<",
    "within its competence and<",
]


def english_page(client):
    return client.get(DIRECTORATE).content.decode()


def assert_corrected(html):
    for text in NEW_ENGLISH:
        assert text in html, text
    for text in OLD_ENGLISH:
        assert text not in html, text


def test_a_fresh_install_shows_the_corrected_english(client, seeded):
    assert_corrected(english_page(client))


def test_the_greek_is_not_changed(client, seeded):
    html = client.get("/el/social-integration/").content.decode()
    assert "Η Διεύθυνση Κοινωνικής Ένταξης με βάση τον Οργανισμό του Υπουργείου" in html
    assert "Κοινότητα Viber για θέματα μετανάστευσης και ασύλου" in html


@pytest.fixture
def seeded_before_issue_21(transactional_db):
    """A database as the seed before issue 21 left it (0008 applied to no content)."""
    load_seed(OLD_SEED)
    yield
    # Leave the schema as every other test expects it, whatever the test did.
    call_command("migrate", verbosity=0)


def _migrate_from_before_issue_21():
    call_command("migrate", "departments", "0007", verbosity=0)
    call_command("migrate", verbosity=0)


def _object(model, key):
    return model.objects.get(pk=SeedRecord.objects.get(key=key).object_id)


def test_migrating_a_database_seeded_before_issue_21_shows_the_corrected_english(
    client, seeded_before_issue_21
):
    assert "including intercultural training" in english_page(client)
    _migrate_from_before_issue_21()
    assert_corrected(english_page(client))
    # Searched as shown: the index was rebuilt with the new texts.
    bodies = " ".join(SearchEntry.objects.filter(language="en").values_list("body", flat=True))
    assert "a corresponding national register," in bodies
    assert "national Register" not in bodies


def test_after_the_migration_seeding_finds_nothing_to_change(seeded_before_issue_21):
    _migrate_from_before_issue_21()
    report = load_seed()
    assert report.created == []
    assert report.updated == []
    assert report.kept_staff_edits == []


def test_the_migration_leaves_staff_edits_alone(client, seeded_before_issue_21):
    competence = _object(Competence, f"{SUPPORT_KEY}/competence:3")
    competence.text_en = "Care for vulnerable groups, as staff wrote it,"
    competence.save()
    community = ViberCommunity.objects.current()
    community.title_en = "Our Viber Community"
    community.save()

    _migrate_from_before_issue_21()

    competence.refresh_from_db()
    community.refresh_from_db()
    assert competence.text_en == "Care for vulnerable groups, as staff wrote it,"
    assert community.title_en == "Our Viber Community"
    html = english_page(client)
    assert "Care for vulnerable groups, as staff wrote it," in html
    # What staff did not touch is corrected.
    assert "a national register of certified intercultural mediators," in html
    report = load_seed()
    assert sorted(report.kept_staff_edits) == sorted(
        [f"{SUPPORT_KEY}/competence:3", "viber-community"]
    )


def test_the_migration_leaves_a_department_with_an_open_draft_to_the_seed(
    seeded_before_issue_21,
):
    department = _object(Competence, f"{POLICY_KEY}/competence:6").department
    user = get_user_model().objects.create_superuser("editor", "editor@example.gov.gr", "pw")
    draft = publishing.save_draft(department, snapshots.snapshot(department), user)

    _migrate_from_before_issue_21()

    competence = _object(Competence, f"{POLICY_KEY}/competence:6")
    assert competence.text_en.startswith("the participation in the drawing up")
    # Once the draft is discarded, the seed brings the correction.
    publishing.discard(draft, user)
    report = load_seed()
    assert f"{POLICY_KEY}/competence:6" in report.updated
    competence.refresh_from_db()
    assert competence.text_en.startswith("participation in the drawing up")


def test_the_migrations_changes_are_in_the_history(seeded_before_issue_21):
    directorate = Directorate.objects.get(slug="social-integration")
    records_before = directorate.history.count()
    _migrate_from_before_issue_21()
    directorate.refresh_from_db()
    assert directorate.history.count() == records_before + 1
    latest = directorate.history.first()
    assert latest.history_change_reason == "Corrected seed text (issue 21)"
    assert latest.mission_en.startswith("Under the organisational regulation")
    assert latest.prev_record.mission_en.startswith("The Directorate of Social Integration,")
