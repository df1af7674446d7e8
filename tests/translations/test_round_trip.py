"""Export, translate one unit, import: a draft through the workflow, then the page shows it."""

from dataclasses import replace

import pytest
from django.core.management import call_command

from departments import publishing, xliff
from departments.drafts import Draft, DraftStatus
from departments.models import Competence, Department, Directorate
from departments.translation_import import import_translations
from departments.translation_units import selected_units, unit_id
from tests.conftest import make_department
from tests.translations.conftest import exported, with_targets

pytestmark = pytest.mark.django_db


def test_export_lists_every_translated_field_with_greek_source_and_english_note(content):
    document = exported("ar").decode()
    assert 'version="1.2"' in document
    assert 'xmlns="urn:oasis:names:tc:xliff:document:1.2"' in document
    assert 'source-language="el"' in document and 'target-language="ar"' in document
    competence = content.competences.order_by("order").first()
    assert f'id="{unit_id(competence, "text")}"' in document
    assert f"<source>{competence.text_el}</source>" in document
    assert competence.text_en in document
    assert "Department “Department reception”, competence 1: text" in document
    assert f'id="{unit_id(content, "name")}"' in document


def test_missing_only_lists_the_fields_with_no_translation(content):
    content.name_ar = "قسم الاستقبال"
    content.save()
    full, missing = exported("ar").decode(), exported("ar", missing=True).decode()
    assert f'id="{unit_id(content, "name")}"' in full
    assert f'id="{unit_id(content, "name")}"' not in missing
    assert f'id="{unit_id(content, "head_name")}"' in missing


@pytest.mark.skipif(
    not hasattr(Department, "outdated_translations"),
    reason="needs the translation status (departments/translation_status.py, branch i21-status)",
)
def test_outdated_only_lists_the_translations_whose_greek_changed_since(content):
    content.name_ar, content.head_name_ar = "قسم", "جورجيوس"
    content.save()
    content.name_el = "Τμήμα Υποδοχής (νέο όνομα)"
    content.save()
    outdated = exported("ar", outdated=True).decode()
    assert f'id="{unit_id(content, "name")}"' in outdated
    assert f'id="{unit_id(content, "head_name")}"' not in outdated


def test_one_changed_target_becomes_a_draft_then_the_page_shows_it_once_published(
    content, editor, client
):
    competence = content.competences.order_by("order").first()
    document = with_targets(exported("ar"), {unit_id(competence, "text"): "اختصاص أول"})
    report = import_translations(document, editor)
    assert len(report.imported) == 1 and len(report.drafts) == 1
    draft = Draft.objects.get()
    assert draft.status == DraftStatus.DRAFT and draft.object_id == content.pk
    competence.refresh_from_db()
    assert not competence.text_ar  # nothing public yet
    page_url = f"/ar/{content.directorate.slug}/{content.slug}/"
    assert "اختصاص أول" not in client.get(page_url).text
    publishing.publish(draft, editor, version=draft.version)
    page = client.get(page_url)
    assert page.status_code == 200
    assert "اختصاص أول" in page.text


def test_with_approval_the_imported_draft_needs_a_second_person(
    content, publisher, second_publisher, settings
):
    settings.EDITORIAL_APPROVAL_REQUIRED = True
    document = with_targets(exported("fr"), {unit_id(content, "name"): "Service d’accueil"})
    import_translations(document, publisher)
    draft = Draft.objects.get()
    publishing.submit(draft, publisher, version=draft.version)
    with pytest.raises(publishing.Refused):
        publishing.publish(draft, publisher, version=draft.version)
    assert Department.objects.get(pk=content.pk).name_fr in ("", None)
    publishing.publish(draft, second_publisher, version=draft.version)
    assert Department.objects.get(pk=content.pk).name_fr == "Service d’accueil"


def test_publish_option_publishes_at_once_for_whoever_may(content, editor):
    document = with_targets(exported("uk"), {unit_id(content, "name"): "Відділ прийому"})
    report = import_translations(document, editor, publish=True)
    assert len(report.published) == 1
    assert Department.objects.get(pk=content.pk).name_uk == "Відділ прийому"


def test_publish_option_is_refused_with_approval_on_and_nothing_is_written(
    content, publisher, settings
):
    settings.EDITORIAL_APPROVAL_REQUIRED = True
    document = with_targets(exported("uk"), {unit_id(content, "name"): "Відділ прийому"})
    with pytest.raises(Exception, match="approval is required"):
        import_translations(document, publisher, publish=True)
    assert not Draft.objects.exists()


def test_a_unit_whose_greek_changed_meanwhile_is_refused_and_the_others_imported(content, editor):
    first, second = content.competences.order_by("order")
    document = with_targets(
        exported("sq"),
        {unit_id(first, "text"): "Kompetenca e parë", unit_id(second, "text"): "E dyta"},
    )
    first.text_el = "Αρμοδιότητα που άλλαξε μετά την εξαγωγή"
    first.save()
    report = import_translations(document, editor, publish=True)
    assert [entry[0] for entry in report.refused] == [unit_id(first, "text")]
    assert "Greek changed" in report.refused[0][2]
    first.refresh_from_db(), second.refresh_from_db()
    assert not first.text_sq and second.text_sq == "E dyta"


def test_empty_and_unchanged_targets_are_skipped_and_save_no_draft(content, editor):
    content.name_fa = "بخش پذیرش"
    content.save()
    report = import_translations(exported("fa"), editor)
    assert report.imported == [] and not Draft.objects.exists()
    reasons = {entry[0]: entry[2] for entry in report.skipped}
    assert reasons[unit_id(content, "name")] == "unchanged"
    assert reasons[unit_id(content, "head_name")] == "no translation"


def test_units_of_one_department_and_its_competences_make_one_draft(content, editor):
    first, second = content.competences.order_by("order")
    document = with_targets(
        exported("ar"),
        {
            unit_id(content, "name"): "قسم",
            unit_id(first, "text"): "أولى",
            unit_id(second, "text"): "ثانية",
            unit_id(content.directorate, "mission"): "مهمة",
        },
    )
    report = import_translations(document, editor)
    assert len(report.imported) == 4
    assert Draft.objects.count() == 2  # the department (with competences) and the directorate


def test_an_open_draft_is_continued_not_doubled(content, editor, publisher):
    call_command("import_translations", _file(content, "ar", "قسم"), user="editor")
    draft = Draft.objects.get()
    document = with_targets(exported("ar"), {unit_id(content, "head_name"): "جورجيوس"})
    import_translations(document, publisher)
    draft.refresh_from_db()
    assert Draft.objects.count() == 1 and draft.version == 2
    assert draft.data["fields"]["name_ar"] == "قسم"
    assert draft.data["fields"]["head_name_ar"] == "جورجيوس"


def test_a_view_only_staff_member_imports_nothing(content, viewer):
    document = with_targets(exported("ar"), {unit_id(content, "name"): "قسم"})
    with pytest.raises(Exception, match="may not save drafts"):
        import_translations(document, viewer)
    assert not Draft.objects.exists()


def test_the_command_prints_the_report(content, editor, capsys, tmp_path):
    call_command("import_translations", _file(content, "ar", "قسم", tmp_path), user="editor")
    out = capsys.readouterr().out
    assert "1 units imported" in out and "Draft #" in out


def test_the_export_command_writes_the_file(content, tmp_path):
    target = tmp_path / "fr.xlf"
    call_command("export_translations", language="fr", output=str(target), missing=True)
    assert 'target-language="fr"' in target.read_text(encoding="utf-8")
    assert Directorate.objects.get().mission_el in target.read_text(encoding="utf-8")


def test_competences_keep_their_other_languages_when_a_draft_publishes_one(content, editor):
    competence = content.competences.order_by("order").first()
    competence.text_fr = "Compétence"
    competence.save()
    document = with_targets(exported("ar"), {unit_id(competence, "text"): "اختصاص"})
    import_translations(document, editor, publish=True)
    competence = Competence.objects.get(pk=competence.pk)
    assert (competence.text_ar, competence.text_fr) == ("اختصاص", "Compétence")


def _file(content, language, name, directory=None):
    import tempfile
    from pathlib import Path

    directory = Path(directory or tempfile.mkdtemp())
    path = directory / f"{language}.xlf"
    path.write_bytes(with_targets(exported(language), {unit_id(content, "name"): name}))
    return str(path)


def test_the_export_costs_the_same_queries_whatever_the_content(content, django_assert_num_queries):
    with django_assert_num_queries(4):
        small = exported("ar")
    for number in range(3):
        make_department(content.directorate, f"more-{number}", order=10 + number, competences=4)
    with django_assert_num_queries(4):
        large = exported("ar")
    assert large.count(b"<trans-unit") > small.count(b"<trans-unit")


def test_units_in_any_order_reach_their_own_fields(content, editor):
    competence = content.competences.order_by("order").first()
    targets = {unit_id(content, "name"): "قسم", unit_id(competence, "text"): "اختصاص"}
    units = [
        replace(unit, target=targets.get(unit.id, ""))
        for unit in reversed(selected_units("ar"))  # the competences before their department
    ]
    import_translations(xliff.write(units, "ar"), editor)
    data = Draft.objects.get(object_id=content.pk).data
    assert data["fields"]["name_ar"] == "قسم"
    item = next(item for item in data["competences"] if item["id"] == competence.pk)
    assert item["text_ar"] == "اختصاص"
