"""The seed's translations (fixtures/translations/<lang>.xlf): filled where empty, never over
staff's text, marked not yet reviewed, idempotent."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from departments import publishing, snapshots
from departments.models import Competence, Directorate
from departments.seed_translations import DEFAULT_TRANSLATIONS_DIR
from departments.seeding import load_seed
from departments.translation_status import target_languages
from departments.translation_units import units
from departments.xliff import read

pytestmark = pytest.mark.django_db

NAME_AR = "مديرية الاندماج الاجتماعي"


@pytest.fixture
def translations(tmp_path):
    """A translations folder built from the real seed and a small {Greek: Arabic} JSON."""
    load_seed(translations=tmp_path / "none")  # the seed alone, without the repository's files
    directorate = Directorate.objects.get(slug="social-integration")
    competence = Competence.objects.order_by("department__order", "order").first()
    content = tmp_path / "ar.json"
    content.write_text(
        json.dumps({directorate.name_el: NAME_AR, competence.text_el: "اختصاص"}),
        encoding="utf-8",
    )
    folder = tmp_path / "translations"
    call_command(
        "build_seed_translations", "ar", content=str(content), output=str(folder / "ar.xlf")
    )
    return folder


def test_the_seed_fills_empty_translations_and_marks_them_unreviewed(translations, client):
    report = load_seed(translations=translations)
    assert report.translated == 2
    directorate = Directorate.objects.get(slug="social-integration")
    assert directorate.name_ar == NAME_AR
    assert directorate.unreviewed_languages == ["ar"]
    assert not directorate.translation_reviewed("ar") and directorate.translation_reviewed("fr")
    assert NAME_AR in client.get("/ar/social-integration/").text


def test_loading_twice_changes_nothing(translations):
    load_seed(translations=translations)
    versions = list(Directorate.objects.values_list("pk", "version"))
    report = load_seed(translations=translations)
    assert report.translated == 0
    assert list(Directorate.objects.values_list("pk", "version")) == versions


def test_a_translation_staff_wrote_is_kept(translations):
    directorate = Directorate.objects.get(slug="social-integration")
    directorate.name_ar = "ترجمة الموظفين"
    directorate.save()
    load_seed(translations=translations)
    directorate.refresh_from_db()
    assert directorate.name_ar == "ترجمة الموظفين"
    assert "ar" not in directorate.unreviewed_languages


def test_a_greek_text_staff_changed_gets_no_old_translation(translations):
    directorate = Directorate.objects.get(slug="social-integration")
    directorate.name_el = "Διεύθυνση Κοινωνικής Ένταξης (νέο όνομα)"
    directorate.save()
    load_seed(translations=translations)
    directorate.refresh_from_db()
    assert not directorate.name_ar


def test_an_object_with_an_open_draft_is_left_alone(translations, django_user_model):
    editor = django_user_model.objects.create_superuser("boss", password="pw-boss-1")
    directorate = Directorate.objects.get(slug="social-integration")
    publishing.save_draft(directorate, snapshots.snapshot(directorate), editor)
    load_seed(translations=translations)
    directorate.refresh_from_db()
    assert not directorate.name_ar
    competence = Competence.objects.order_by("department__order", "order").first()
    assert competence.text_ar == "اختصاص"  # its department has no draft


def test_the_builder_keeps_only_translated_units(translations):
    text = (translations / "ar.xlf").read_text(encoding="utf-8")
    assert text.count("<trans-unit") == 2
    assert 'target-language="ar"' in text and NAME_AR in text


def test_the_seed_command_loads_the_translations_folder(translations, monkeypatch):
    monkeypatch.setattr("departments.seed_translations.DEFAULT_TRANSLATIONS_DIR", translations)
    out = StringIO()
    call_command("seed_content", stdout=out)
    assert "; 2 given seed translations" in out.getvalue()
    assert Directorate.objects.get(slug="social-integration").name_ar == NAME_AR


def _key(unit):
    model, _pk, field = unit.id.split(".")[1:]
    return model, field, unit.source


@pytest.mark.parametrize("path", sorted(DEFAULT_TRANSLATIONS_DIR.glob("*.xlf")), ids=str)
def test_every_unit_of_the_repository_files_matches_a_seed_text(path, seeded):
    """A unit whose Greek is not in the seed would never be loaded: rebuild the file."""
    parsed = read(path.read_bytes())
    assert parsed.target_language in target_languages()
    seed_texts = {_key(unit) for unit in units(parsed.target_language)}
    assert [unit.id for unit in parsed.units if _key(unit) not in seed_texts] == []


REPOSITORY_FILES = sorted(DEFAULT_TRANSLATIONS_DIR.glob("*.xlf"))


@pytest.mark.skipif(not REPOSITORY_FILES, reason="no fixtures/translations/*.xlf yet")
def test_a_new_database_gets_the_seed_translations_in_its_first_history_record():
    report = load_seed()
    languages = sorted(path.stem for path in REPOSITORY_FILES)
    directorate = Directorate.objects.get(slug="social-integration")
    assert sorted(directorate.unreviewed_languages) == languages
    assert all(getattr(directorate, f"name_{code}") for code in languages)
    assert directorate.history.count() == 1
    assert all(c.history.count() == 1 and c.unreviewed_languages for c in Competence.objects.all())
    assert report.translated == len(report.created)
