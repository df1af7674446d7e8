"""The admin's translation files page: download and upload, same functions as the commands."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from departments.drafts import Draft
from departments.models import Department
from departments.translation_units import unit_id
from tests.translations.conftest import client_of, exported, with_targets

pytestmark = pytest.mark.django_db
URL = "/en/admin/staff/translationfile/"


def test_the_admin_home_page_links_to_it(content, editor):
    assert URL in client_of(editor).get("/en/admin/").text


def test_download_gives_the_xliff_of_the_chosen_language(content, editor):
    response = client_of(editor).post(URL, {"language": "fa", "missing": "on", "export": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-xliff+xml"
    assert 'filename="translations-fa.xlf"' in response["Content-Disposition"]
    assert b'target-language="fa"' in response.content
    assert content.name_el.encode() in response.content


def test_download_of_a_language_the_site_lacks_is_a_form_error(content, editor):
    response = client_of(editor).post(URL, {"language": "de", "export": "1"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.text


def test_upload_saves_a_draft_and_shows_the_report(content, editor):
    document = with_targets(exported("ar"), {unit_id(content, "name"): "قسم الاستقبال"})
    upload = SimpleUploadedFile("ar.xlf", document, content_type="application/x-xliff+xml")
    response = client_of(editor).post(URL, {"file": upload, "import": "1"})
    assert response.status_code == 200
    assert "1 units imported" in response.text
    draft = Draft.objects.get()
    assert f"/admin/departments/draft/{draft.pk}/review/" in response.text
    assert draft.data["fields"]["name_ar"] == "قسم الاستقبال"


def test_upload_and_publish_shows_the_text_at_once(content, editor):
    document = with_targets(exported("ar"), {unit_id(content, "name"): "قسم الاستقبال"})
    upload = SimpleUploadedFile("ar.xlf", document)
    client_of(editor).post(URL, {"file": upload, "publish": "on", "import": "1"})
    assert Department.objects.get(pk=content.pk).name_ar == "قسم الاستقبال"
    page = Client().get(f"/ar/{content.directorate.slug}/{content.slug}/")
    assert "قسم الاستقبال" in page.text


def test_a_bad_file_is_a_form_error_and_changes_nothing(content, editor):
    upload = SimpleUploadedFile("ar.xlf", b"<xliff><file>")
    response = client_of(editor).post(URL, {"file": upload, "import": "1"})
    assert response.status_code == 400
    assert "not well-formed XML" in response.text and "Nothing was imported." in response.text
    assert not Draft.objects.exists()


def test_an_unknown_id_is_a_form_error(content, editor):
    document = exported("ar").replace(
        f'id="{unit_id(content, "name")}"'.encode(), b'id="departments.department.999.name"'
    )
    response = client_of(editor).post(
        URL, {"file": SimpleUploadedFile("ar.xlf", document), "import": "1"}
    )
    assert response.status_code == 400 and "department.999" in response.text


def test_view_only_staff_cannot_open_it(content, viewer):
    assert client_of(viewer).get(URL).status_code == 403
    assert URL not in client_of(viewer).get("/en/admin/").text


def test_an_upload_without_the_csrf_token_is_refused(content, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    upload = SimpleUploadedFile("ar.xlf", exported("ar"))
    assert client.post(URL, {"file": upload, "import": "1"}).status_code == 403
    assert not Draft.objects.exists()
