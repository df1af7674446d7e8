"""The translation status per field and language: what a Greek edit, a translation, a
confirmation and a review marking do, and how the admin shows and filters it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from departments import publishing
from departments import translation_status as status
from departments.models import Department
from serving.generation import stored_generation
from tests.conftest import make_department
from tests.staff.admin_forms import change_url, open_form

LIST = "/en/admin/departments/department/"
OTHERS = ("en", "ar", "fa", "fr", "uk", "sq")


def _post(client, obj, language="el", **changes):
    form = open_form(client, change_url(obj, language))
    form.update(changes)
    return client.post(change_url(obj, language), form)


def _reload(obj):
    return type(obj)._base_manager.get(pk=obj.pk)


@pytest.fixture
def translated(department):
    """The department with its name and head's name in Arabic and French too."""
    Department.objects.filter(pk=department.pk).update(
        name_ar="قسم الاستقبال",
        name_fr="Service d'accueil",
        head_name_ar="يورغوس نيكولاو",
        head_name_fr="Giorgos Nikolaou",
    )
    return _reload(department)


@pytest.fixture
def viewer(db):
    user = get_user_model().objects.create_user("vera", "vera@example.gov.gr", "x", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="departments", codename__startswith="view_"
        )
    )
    return user


# --- The status itself -------------------------------------------------------------------------


def test_each_field_is_translated_missing_or_outdated_per_language(translated):
    translated.name_el = "Τμήμα Υποδοχής"
    translated.save()
    translated = _reload(translated)

    assert status.field_status(translated, "name", "ar") == status.OUTDATED
    assert status.field_status(translated, "name", "fa") == status.MISSING
    assert status.field_status(translated, "head_name", "ar") == status.TRANSLATED
    assert status.statuses(translated, "uk") == {"name": "missing", "head_name": "missing"}


def test_a_field_with_no_greek_and_no_translation_has_nothing_to_translate(department):
    Department.objects.filter(pk=department.pk).update(head_name_el="", head_name_en="")
    department = _reload(department)
    assert status.field_status(department, "head_name", "ar") is None
    assert "head_name" not in status.statuses(department, "ar")


def test_a_greek_edit_flags_every_non_empty_translation_of_that_field_only(translated):
    translated.head_name_el = "Άννα Γεωργίου"
    translated.save()
    assert _reload(translated).outdated_translations == {
        "ar": ["head_name"],
        "en": ["head_name"],
        "fr": ["head_name"],
    }


def test_writing_a_translation_clears_its_flag_in_that_language_only(translated):
    translated.name_el = "Τμήμα Υποδοχής"
    translated.save()
    translated = _reload(translated)
    translated.name_ar = "قسم الاستقبال الجديد"
    translated.save()
    flags = _reload(translated).outdated_translations
    assert flags == {"en": ["name"], "fr": ["name"]}


def test_writing_the_greek_and_a_translation_together_flags_only_the_others(translated):
    translated.name_el = "Τμήμα Υποδοχής"
    translated.name_fr = "Service de la réception"
    translated.save()
    assert _reload(translated).outdated_translations == {"ar": ["name"], "en": ["name"]}


def test_the_querysets_select_by_field_status(translated, department):
    other = make_department(department.directorate, "integration", order=2)
    translated.name_el = "Τμήμα Υποδοχής"
    translated.save()

    def pks(q):
        return set(Department.objects.filter(q).values_list("pk", flat=True))

    assert pks(status.outdated_q(Department, "ar")) == {translated.pk}
    assert pks(status.missing_q(Department, "ar")) == {other.pk}
    assert pks(status.missing_q(Department, "fa")) == {translated.pk, other.pk}
    assert pks(status.field_q(Department, "head_name", "ar", status.TRANSLATED)) == {translated.pk}
    assert pks(status.complete_q(Department, "en")) == {other.pk}


# --- Confirming and reviewing, through the core ------------------------------------------------


def test_confirming_a_language_clears_its_flags_keeps_the_version_and_records_history(
    translated, editor
):
    translated.name_el = "Τμήμα Υποδοχής"
    translated.save()
    before = _reload(translated)
    generation = stored_generation()

    count = publishing.confirm_translation(
        Department.objects.filter(pk=translated.pk), editor, "ar"
    )

    department = _reload(translated)
    assert count == 1
    assert department.outdated_translations == {"en": ["name"], "fr": ["name"]}
    # No text changed: no draft or form is outdated, the page was not "updated".
    assert (department.version, department.updated_at) == (before.version, before.updated_at)
    record = department.history.order_by("-history_id").first()
    assert record.history_user == editor
    assert record.history_change_reason == "Η μετάφραση στα Αραβικά επιβεβαιώθηκε ως ενημερωμένη"
    assert record.outdated_translations == {"en": ["name"], "fr": ["name"]}
    assert stored_generation() > generation


def test_marking_a_language_reviewed_removes_it_from_the_unreviewed_list(department, editor):
    Department.objects.filter(pk=department.pk).update(unreviewed_languages=["ar", "fr"])

    count = publishing.mark_reviewed(Department.objects.all(), editor, "ar")

    department = _reload(department)
    assert count == 1
    assert department.unreviewed_languages == ["fr"]
    assert department.translation_reviewed("ar")
    record = department.history.order_by("-history_id").first()
    assert (record.history_user, record.history_change_reason) == (
        editor,
        "Η μετάφραση στα Αραβικά σημειώθηκε ως ελεγμένη",
    )


def test_items_with_nothing_to_confirm_get_no_history_record(department, editor):
    records = department.history.count()
    assert publishing.mark_reviewed(Department.objects.all(), editor, "fa") == 0
    assert department.history.count() == records


def test_greek_is_not_a_language_to_confirm(department, editor):
    with pytest.raises(publishing.WorkflowError):
        publishing.confirm_translation(Department.objects.all(), editor, "el")


def test_view_only_staff_may_neither_confirm_nor_mark_reviewed(department, viewer):
    Department.objects.filter(pk=department.pk).update(unreviewed_languages=["ar"])
    with pytest.raises(publishing.Refused):
        publishing.mark_reviewed(Department.objects.all(), viewer, "ar")
    with pytest.raises(publishing.Refused):
        publishing.confirm_translation(Department.objects.all(), viewer, "ar")
    assert _reload(department).unreviewed_languages == ["ar"]
    assert not department.history.filter(history_user=viewer).exists()


def test_with_approval_only_publishers_mark_reviewed(settings, department, editor, publisher):
    settings.EDITORIAL_APPROVAL_REQUIRED = True
    Department.objects.filter(pk=department.pk).update(unreviewed_languages=["ar"])
    with pytest.raises(publishing.Refused):
        publishing.mark_reviewed(Department.objects.all(), editor, "ar")
    assert publishing.mark_reviewed(Department.objects.all(), publisher, "ar") == 1


# --- The admin ---------------------------------------------------------------------------------


def test_the_change_form_has_a_tab_per_language_greek_then_english_first(editor_client, department):
    page = editor_client.get(change_url(department, "en")).content.decode()
    positions = [page.index(f'id="id_name_{code}"') for code in ("el", *OTHERS)]
    assert positions == sorted(positions)
    assert "modeltranslation/js/tabbed_translation_fields.js" in page


def test_the_change_form_marks_each_translation_with_its_language(editor_client, department):
    page = editor_client.get(change_url(department, "en")).content.decode()
    assert 'lang="ar" dir="rtl"' in page.split('id="id_name_ar"')[0].rsplit("<input", 1)[1]
    assert 'lang="fr" dir="ltr"' in page.split('id="id_name_fr"')[0].rsplit("<input", 1)[1]


def test_the_change_form_shows_the_status_per_field_and_language(editor_client, translated):
    translated.name_el = "Τμήμα Υποδοχής"
    translated.save()

    page = editor_client.get(change_url(translated, "en")).content.decode()

    def note(column):
        return page.split(f'id="{column}_helptext"')[1].split("</div>")[0]

    assert "Translation status: outdated" in note("id_name_ar")
    assert "Translation status: missing" in note("id_name_fa")
    assert "Translation status: translated" in note("id_head_name_ar")
    assert "Arabic: outdated: name" in page


def test_a_greek_edit_in_the_form_flags_the_translations(editor_client, translated):
    response = _post(editor_client, translated, head_name_el="Άννα Γεωργίου")
    assert response.status_code == 302
    assert _reload(translated).outdated_translations == {
        "ar": ["head_name"],
        "en": ["head_name"],
        "fr": ["head_name"],
    }


def test_the_form_of_an_open_draft_shows_the_status_publishing_it_would_leave(
    editor_client, translated
):
    form = open_form(editor_client, change_url(translated, "en"))
    form.update(name_el="Τμήμα Υποδοχής (πρόχειρο)", _save_draft="1")
    editor_client.post(change_url(translated, "en"), form)
    assert _reload(translated).outdated_translations == {}  # nothing published yet

    page = editor_client.get(change_url(translated, "en")).content.decode()
    assert "Translation status: outdated" in page.split('id="id_name_fr_helptext"')[1][:200]


@pytest.mark.parametrize(
    ("choice", "listed"),
    [("missing", "other"), ("outdated", "translated"), ("unreviewed", "translated")],
)
def test_the_list_filters_by_status_per_language(editor_client, translated, choice, listed):
    other = make_department(translated.directorate, "integration", order=2)
    translated.name_el = "Τμήμα Υποδοχής"
    translated.unreviewed_languages = ["ar"]
    translated.save()
    shown = {"other": other, "translated": translated}[listed]
    hidden = translated if listed == "other" else other

    page = editor_client.get(f"{LIST}?translation_ar={choice}").content.decode()

    assert f"/department/{shown.pk}/change/" in page
    assert f"/department/{hidden.pk}/change/" not in page


def test_the_list_says_what_is_left_to_do_per_language(editor_client, translated):
    translated.name_el = "Τμήμα Υποδοχής"
    translated.unreviewed_languages = ["fr"]
    translated.save()
    page = editor_client.get(LIST).content.decode()
    assert (
        "missing: Persian, Ukrainian, Albanian; outdated: English, Arabic, French; "
        "not yet reviewed: French"
    ) in page
    assert "Arabic translation" in page  # the filter's title


def test_an_editor_marks_a_language_reviewed_from_the_list(editor_client, department):
    Department.objects.filter(pk=department.pk).update(unreviewed_languages=["ar"])
    response = editor_client.post(
        LIST,
        {"action": "mark_reviewed_ar", "_selected_action": [department.pk]},
        follow=True,
    )
    assert "The Arabic translation of 1 item is marked reviewed." in response.content.decode()
    assert _reload(department).unreviewed_languages == []


def test_an_editor_confirms_a_language_from_the_list(editor_client, translated):
    _post(editor_client, translated, name_el="Τμήμα Υποδοχής")
    response = editor_client.post(
        LIST,
        {"action": "confirm_translation_fr", "_selected_action": [translated.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "The French translation of 1 item is confirmed as up to date." in page
    assert _reload(translated).outdated_translations == {"ar": ["name"], "en": ["name"]}


def test_view_only_staff_get_no_translation_actions(client, viewer, department):
    Department.objects.filter(pk=department.pk).update(unreviewed_languages=["ar"])
    client.force_login(viewer)
    page = client.get(LIST).content.decode()
    assert "mark_reviewed_ar" not in page and "confirm_translation_ar" not in page
    client.post(LIST, {"action": "mark_reviewed_ar", "_selected_action": [department.pk]})
    assert _reload(department).unreviewed_languages == ["ar"]


# --- Drafts carry every language ---------------------------------------------------------------


def test_a_draft_carries_and_publishes_a_competences_translation(department, editor):
    data = publishing.snapshots.snapshot(department)
    data["competences"][0]["text_ar"] = "استقبال المهاجرين"
    draft = publishing.save_draft(department, data, editor)

    changes = publishing.snapshots.diff(Department, draft.base, draft.data)
    assert [(c.field, c.language) for c in changes] == [("competence:1", "ar")]
    publishing.publish(draft, editor, version=draft.version)

    competence = department.competences.order_by("order").first()
    assert competence.text_ar == "استقبال المهاجرين"


def test_a_draft_saved_before_a_language_existed_leaves_that_language_alone(department, editor):
    first = department.competences.order_by("order").first()
    type(first).objects.filter(pk=first.pk).update(text_fr="Accueil")
    data = publishing.snapshots.snapshot(_reload(department))
    for item in data["competences"]:
        for code in ("ar", "fa", "fr", "uk", "sq"):
            del item[f"text_{code}"]  # as a draft stored when there were two languages
    data["competences"][0]["text_en"] = "Reception of migrants"
    draft = publishing.save_draft(department, data, editor)
    publishing.publish(draft, editor, version=draft.version)

    first = type(first).objects.get(pk=first.pk)
    assert (first.text_en, first.text_fr) == ("Reception of migrants", "Accueil")
