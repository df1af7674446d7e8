"""The admin's department pages cost the same number of queries however much content there is.

A query per row (an N+1) would make the changelist slower with every department and the change
form slower with every competence (issue 15: render speed). Counted with Django's
CaptureQueriesContext on the real seed, then again after adding departments, competences and a
directorate; the pages must still show the content (200, the new rows listed).
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from departments.models import Competence, Department
from tests.conftest import make_department, make_directorate


@pytest.fixture
def staff_client(client, seeded):
    user = get_user_model().objects.create_superuser("editor", "editor@example.gov.gr", "x" * 16)
    client.force_login(user)
    return client


def _count(client, url, expected_text):
    client.get(url)  # Anything loaded once per process (content types, sessions) is loaded.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert expected_text in response.content.decode()
    return len(queries)


def _grow(department):
    """More of everything the two pages list: departments (one in a new directorate) and
    competences, including on the department whose change form is counted."""
    directorate = department.directorate
    for number in range(1, 6):
        make_department(directorate, f"extra-{number}", order=10 + number, competences=4)
    make_department(make_directorate(slug="second-directorate"), "elsewhere", competences=3)
    for number in range(1, 8):
        Competence.objects.create(
            department=department,
            order=100 + number,
            text_el=f"Πρόσθετη αρμοδιότητα {number}",
            text_en=f"Additional competence {number}",
        )


def test_the_department_changelist_costs_the_same_queries_as_content_grows(staff_client):
    department = Department.objects.get(slug="interculturalism")
    with translation.override("el"):  # Greek admin, whatever language an earlier test left
        url = reverse("admin:departments_department_changelist")
    before = _count(staff_client, url, department.name_el)
    _grow(department)
    after = _count(staff_client, url, "Τμήμα extra-5")
    assert after == before


def test_the_department_change_form_costs_the_same_queries_as_content_grows(staff_client):
    department = Department.objects.get(slug="interculturalism")
    with translation.override("el"):
        url = reverse("admin:departments_department_change", args=[department.pk])
    before = _count(staff_client, url, department.name_el)
    _grow(department)
    after = _count(staff_client, url, "Πρόσθετη αρμοδιότητα 7")
    assert after == before
