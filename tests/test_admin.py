"""Staff edit content in the admin, in both languages, and see it on the public pages."""

import re

import pytest
from django.contrib.auth import get_user_model

from departments.models import Competence, Department


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.gov.gr", "x" * 16)
    client.force_login(user)
    return client


def test_admin_edit_of_a_department_appears_on_both_language_pages(staff_client, seeded):
    department = Department.objects.get(slug="interculturalism")
    competences = list(department.competences.order_by("order"))
    form = {
        "directorate": department.directorate_id,
        "order": department.order,
        "slug": department.slug,
        "name_el": department.name_el,
        "name_en": department.name_en,
        "head_name_el": "Μαρία Κωνσταντίνου",
        "head_name_en": "Maria Konstantinou",
        "head_gender": "female",
        "email": "interculturalism@migration.gov.gr",
        # The version the editor opened (optimistic locking, see staff/locking.py).
        "seen_version": department.version,
        "competences-TOTAL_FORMS": len(competences),
        "competences-INITIAL_FORMS": len(competences),
        "competences-MIN_NUM_FORMS": 0,
        "competences-MAX_NUM_FORMS": 1000,
    }
    for index, competence in enumerate(competences):
        form |= {
            f"competences-{index}-id": competence.pk,
            f"competences-{index}-department": department.pk,
            f"competences-{index}-order": competence.order,
            f"competences-{index}-text_el": competence.text_el,
            f"competences-{index}-text_en": competence.text_en,
            f"competences-{index}-seen_version": competence.version,
        }
    # Move the first competence to the end and change its text in both languages.
    form |= {
        "competences-0-order": 99,
        "competences-0-text_el": "Νέα αρμοδιότητα στο τέλος.",
        "competences-0-text_en": "New competence at the end.",
    }

    response = staff_client.post(f"/el/admin/departments/department/{department.pk}/change/", form)

    assert response.status_code == 302
    greek = staff_client.get("/el/social-integration/interculturalism/").content.decode()
    english = staff_client.get("/en/social-integration/interculturalism/").content.decode()
    assert "<dd>Μαρία Κωνσταντίνου</dd>" in greek
    assert "<dd>Maria Konstantinou</dd>" in english
    assert 'href="mailto:interculturalism@migration.gov.gr"' in english
    assert (
        re.findall(r'<li id="competence-\d+">([^<]*)</li>', greek)[-1]
        == "Νέα αρμοδιότητα στο τέλος."
    )
    assert (
        re.findall(r'<li id="competence-\d+">([^<]*)</li>', english)[-1]
        == "New competence at the end."
    )


def test_admin_rejects_an_invalid_email(staff_client, seeded):
    department = Department.objects.get(slug="interculturalism")
    response = staff_client.post(
        f"/en/admin/departments/department/{department.pk}/change/",
        {
            "directorate": department.directorate_id,
            "order": 1,
            "slug": "x",
            "name_el": "Τμήμα",
            "head_gender": "female",
            "email": "not-an-email",
            "seen_version": department.version,
            "competences-TOTAL_FORMS": 0,
            "competences-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    department.refresh_from_db()
    assert department.email == "dpt.ic@migration.gov.gr"


@pytest.mark.parametrize(
    "url",
    [
        "/en/admin/departments/directorate/{directorate}/change/",
        "/en/admin/departments/department/{department}/change/",
        "/en/admin/departments/competence/{competence}/change/",
        "/en/admin/departments/vibercommunity/add/",
    ],
)
def test_admin_editors_show_both_languages_and_load_nothing_from_outside(staff_client, seeded, url):
    department = Department.objects.first()
    url = url.format(
        directorate=department.directorate_id,
        department=department.pk,
        competence=Competence.objects.first().pk,
    )
    html = staff_client.get(url).content.decode()
    assert "_el" in html and "_en" in html
    assert "tabbed_translation_fields.js" in html
    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in html
    remote_assets = re.findall(
        r'<(?:script|img|iframe|link)\b[^>]*(?:src|href)="(?:https?:)?//', html
    )
    assert remote_assets == []
