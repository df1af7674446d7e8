"""An old version is restored only by staff who may change the object; others only look at it."""

from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from departments.models import Competence, Directorate
from tests.conftest import make_viber_community
from tests.staff.admin_forms import form_data, open_form
from tests.staff.conftest import PASSWORD


class _Controls(HTMLParser):
    """The editable controls of the admin form (#..._form): inputs, text areas, selects."""

    def __init__(self):
        super().__init__()
        self.in_form = False
        self.controls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("id") or "").endswith("_form"):
            self.in_form = True
        if not self.in_form or tag not in ("input", "textarea", "select", "button"):
            return
        if attrs.get("type") in ("hidden",) or "disabled" in attrs:
            return
        self.controls.append((tag, attrs.get("name"), attrs.get("type"), attrs.get("value")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False


def editable_controls(html):
    parser = _Controls()
    parser.feed(html)
    return parser.controls


@pytest.fixture
def viewer_client(db):
    """A staff member who may look at content and its history, and change nothing."""
    user = get_user_model().objects.create_user(
        "viewer", "viewer@example.gov.gr", PASSWORD, is_staff=True
    )
    codenames = [
        f"{action}{model}"
        for model in ("directorate", "department", "competence", "vibercommunity")
        for action in ("view_", "view_historical")
    ]
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="departments", codename__in=codenames)
    )
    viewer = Client()  # not the ``client`` fixture, which editor_client logs in
    viewer.force_login(user)
    return viewer


def _renamed_with_old_version(department):
    """Rename the department; return the URL of its previous (original) version."""
    record = department.history.order_by("-history_date").first()
    department.name_el = "Νέο όνομα"
    department.name_en = "New name"
    department.save()
    return f"/{{language}}/admin/departments/department/{department.pk}/history/{record.pk}/"


@pytest.mark.parametrize("language", ["el", "en"])
def test_a_view_only_user_sees_an_old_version_without_a_form_to_save(
    viewer_client, department, language
):
    url = _renamed_with_old_version(department).format(language=language)

    response = viewer_client.get(url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Τμήμα reception" in html  # the old version's values are shown
    assert editable_controls(html) == []
    assert 'name="_save"' not in html


@pytest.mark.parametrize(
    ("language", "refusal"), [("el", "Δεν επιτρέπεται η πρόσβαση"), ("en", "Access denied")]
)
def test_a_view_only_user_cannot_save_an_old_version(
    viewer_client, editor_client, department, language, refusal
):
    url = _renamed_with_old_version(department).format(language=language)
    # What a browser would send from the revert form (opened by someone allowed to see one).
    form = form_data(editor_client.get(url))
    form["name_el"] = "Αλλοιωμένο όνομα"

    response = viewer_client.post(url, form)

    assert response.status_code == 403
    assert refusal in response.content.decode()
    department.refresh_from_db()
    assert (department.name_el, department.name_en) == ("Νέο όνομα", "New name")
    assert department.history.count() == 2


def test_an_editor_still_reverts(editor_client, department):
    url = _renamed_with_old_version(department).format(language="el")
    html = editor_client.get(url).content.decode()
    assert 'name="_save"' in html
    assert editable_controls(html)

    response = editor_client.post(url, open_form(editor_client, url))

    assert response.status_code == 302
    department.refresh_from_db()
    assert (department.name_el, department.name_en) == ("Τμήμα reception", "Department reception")


@pytest.mark.parametrize("model_name", ["directorate", "competence", "vibercommunity"])
def test_every_content_model_shows_old_versions_read_only(viewer_client, department, model_name):
    obj = {
        "directorate": lambda: Directorate.objects.get(),
        "competence": lambda: Competence.objects.first(),
        "vibercommunity": make_viber_community,
    }[model_name]()
    record = obj.history.order_by("-history_date").first()
    url = f"/en/admin/departments/{model_name}/{obj.pk}/history/{record.pk}/"

    response = viewer_client.get(url)

    assert response.status_code == 200
    assert editable_controls(response.content.decode()) == []
    assert viewer_client.post(url, {}).status_code == 403
