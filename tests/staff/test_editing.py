"""Validation in the editor's language, English that is missing or behind, ordering, links,
and edits that are public the moment they are saved. (Every other language's status:
test_translation_status.py.)"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType

from departments.models import Department
from serving.generation import content_generation
from tests.conftest import make_department, make_viber_community
from tests.staff.admin_forms import change_url, open_form


def _post(client, obj, language="el", **changes):
    form = open_form(client, change_url(obj, language))
    form.update(changes)
    return client.post(change_url(obj, language), form)


def test_greek_fields_are_required_with_the_message_in_greek(editor_client, department):
    response = _post(editor_client, department, name_el="")
    assert response.status_code == 200
    assert "Αυτό το πεδίο είναι απαραίτητο." in response.content.decode()


def test_an_invalid_email_is_refused_in_the_editors_language(editor_client, department):
    greek = _post(editor_client, department, "el", email="not-an-email")
    english = _post(editor_client, department, "en", email="not-an-email")
    assert "Εισάγετε μια έγκυρη διεύθυνση ηλ. ταχυδρομείου." in greek.content.decode()
    assert "Enter a valid email address." in english.content.decode()


def test_the_admin_lists_and_filters_what_lacks_english(editor_client, department):
    untranslated = make_department(
        department.directorate, "integration", order=2, name_en="", head_name_en=""
    )

    listing = editor_client.get("/en/admin/departments/department/").content.decode()
    filtered = editor_client.get(
        "/en/admin/departments/department/?translation_en=missing"
    ).content.decode()

    assert "missing: English," in listing
    assert f"/department/{untranslated.pk}/change/" in filtered
    assert f"/department/{department.pk}/change/" not in filtered


def test_changing_only_the_greek_marks_the_english_outdated(editor_client, department):
    response = _post(editor_client, department, head_name_el="Άννα Γεωργίου")
    assert response.status_code == 302

    department.refresh_from_db()
    assert department.outdated_translations == {"en": ["head_name"]}
    listing = editor_client.get(
        "/en/admin/departments/department/?translation_en=outdated"
    ).content.decode()
    assert "outdated: English" in listing
    assert f"/department/{department.pk}/change/" in listing


def test_updating_the_english_clears_the_outdated_mark(editor_client, department):
    _post(editor_client, department, head_name_el="Άννα Γεωργίου")
    _post(editor_client, department, head_name_en="Anna Georgiou")
    department.refresh_from_db()
    assert department.outdated_translations == {}


def test_an_editor_confirms_the_english_from_the_list(editor_client, department):
    _post(editor_client, department, head_name_el="Γιώργος Νικολάου-Παππάς")

    response = editor_client.post(
        "/en/admin/departments/department/",
        {"action": "confirm_translation_en", "_selected_action": [department.pk]},
        follow=True,
    )

    page = response.content.decode()
    assert "The English translation of 1 item is confirmed as up to date." in page
    department.refresh_from_db()
    assert department.outdated_translations == {}


def test_competences_are_reordered_in_the_department_inline(editor_client, department):
    response = _post(
        editor_client,
        department,
        **{"competences-0-order": 3, "competences-2-order": 1},
    )
    assert response.status_code == 302

    page = editor_client.get("/en/test-directorate/reception/").content.decode()
    shown = re.findall(r'<li id="competence-\d+">([^<]*)</li>', page)
    assert shown == [
        "Competence 3 of reception",
        "Competence 2 of reception",
        "Competence 1 of reception",
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("el", "/el/test-directorate/reception/"), ("en", "/en/test-directorate/reception/")],
)
def test_view_on_site_opens_the_public_page_in_the_admins_language(
    editor_client, department, language, expected
):
    competence = department.competences.first()
    for obj, target in (
        (department, expected),
        (competence, f"{expected}#competence-{competence.pk}"),
        (department.directorate, expected.rsplit("reception/", 1)[0]),
    ):
        content_type = ContentType.objects.get_for_model(obj)
        response = editor_client.get(f"/{language}/admin/r/{content_type.pk}/{obj.pk}/")
        assert response.status_code == 302
        assert response["Location"].endswith(target)


def test_view_on_site_of_the_viber_block_opens_the_home_page(editor_client, db):
    viber = make_viber_community()
    html = editor_client.get(change_url(viber, "en")).content.decode()
    assert 'href="/en/" class="viewsitelink"' in html


def test_an_admin_save_is_on_the_public_pages_at_once(
    editor_client, department, django_capture_on_commit_callbacks
):
    editor_client.get("/en/test-directorate/reception/")
    before = content_generation()

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(editor_client, department, "en", head_name_en="Anna Georgiou")

    assert response.status_code == 302
    assert content_generation() != before
    assert "Anna Georgiou" in editor_client.get("/en/test-directorate/reception/").content.decode()


def test_an_unchanged_save_records_no_new_version(editor_client, department):
    count = department.history.count()
    assert _post(editor_client, department).status_code == 302
    assert department.history.count() == count
    assert Department.objects.get(pk=department.pk).version == department.version


@pytest.mark.parametrize(
    ("language", "title"),
    [("el", "Επεξεργασία περιεχομένου"), ("en", "Content editing")],
)
def test_the_admin_speaks_greek_and_english(editor_client, language, title):
    html = editor_client.get(f"/{language}/admin/").content.decode()
    assert f'<html lang="{language}"' in html
    assert title in html
