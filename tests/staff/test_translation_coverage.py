"""The translation coverage page: counts and shares per language, links to the filtered lists,
who may see it, and a constant number of queries as content grows."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from departments.models import Competence, Department, Directorate
from tests.conftest import make_department

COVERAGE = "/en/admin/translations/"


def _section(page, code):
    """The coverage table of one language."""
    return page.split(f'data-language="{code}"')[1].split("</table>")[0]


def _cell(section, label, state):
    row = section.split(f'<th scope="row">{label}</th>')[1].split("</tr>")[0]
    cell = row.split(f'data-status="{state}">')[1].split("</td>")[0]
    return re.sub(r"<[^>]+>", "", cell).strip()


def test_the_coverage_page_counts_fields_per_language_and_status(editor_client, department):
    # The department: name and head's name in Greek and English. Translate the name into
    # French, then change the Greek name: the French name is outdated, the English too.
    Department.objects.filter(pk=department.pk).update(name_fr="Service d'accueil")
    department = Department.objects.get(pk=department.pk)
    department.name_el = "Τμήμα Υποδοχής"
    department.save()
    Department.objects.filter(pk=department.pk).update(unreviewed_languages=["fr"])

    page = editor_client.get(COVERAGE).content.decode()
    french, english = _section(page, "fr"), _section(page, "en")

    assert _cell(french, "Departments", "translated") == "0 (0%)"
    assert _cell(french, "Departments", "missing") == "1 (50%)"  # the head's name
    assert _cell(french, "Departments", "outdated") == "1 (50%)"  # the name
    assert _cell(french, "Departments", "unreviewed") == "1"
    assert _cell(english, "Departments", "translated") == "1 (50%)"
    assert _cell(english, "Departments", "outdated") == "1 (50%)"
    # The department's competences (3): in English, none in French.
    assert _cell(english, "Competences", "translated") == "3 (100%)"
    assert _cell(french, "Competences", "missing") == "3 (100%)"


def test_the_coverage_page_links_to_the_filtered_lists(editor_client, department):
    page = editor_client.get(COVERAGE).content.decode()
    link = "/en/admin/departments/competence/?translation_ar=missing"
    assert f'href="{link}"' in page
    listing = editor_client.get(link).content.decode()
    for competence in Competence.objects.filter(department=department):
        assert f"/competence/{competence.pk}/change/" in listing


def test_the_summary_adds_up_every_kind_of_item(editor_client, department):
    page = editor_client.get(COVERAGE).content.decode()
    summary = page.split('id="coverage-summary"')[1].split("</table>")[0]
    arabic = summary.split('href="#coverage-ar">Arabic</a></th>')[1].split("</tr>")[0]
    cells = [re.sub(r"\s+", " ", cell) for cell in re.findall(r"<td>(.*?)</td>", arabic)]
    # Everything has Greek, nothing has Arabic: the directorate's 3 filled fields (name,
    # mission, head's name), the department's 2, its 3 competences.
    fields = 3 + 2 + 3
    assert cells == ["0 (0%)", f"{fields} (100%)", "0 (0%)", "0"]


def test_the_admin_home_page_links_the_coverage_page(editor_client):
    assert f'href="{COVERAGE}"' in editor_client.get("/en/admin/").content.decode()


def test_view_only_staff_see_the_coverage_page(client, department):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    viewer = get_user_model().objects.create_user("vera", "v@example.gov.gr", "x", is_staff=True)
    viewer.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="departments", codename__startswith="view_"
        )
    )
    client.force_login(viewer)
    assert client.get(COVERAGE).status_code == 200


def test_staff_who_may_not_view_the_content_are_refused(client, db):
    from django.contrib.auth import get_user_model

    nobody = get_user_model().objects.create_user("nobody", "n@example.gov.gr", "x", is_staff=True)
    client.force_login(nobody)
    assert client.get(COVERAGE).status_code == 403
    assert f'href="{COVERAGE}"' not in client.get("/en/admin/").content.decode()


def _queries(client):
    client.get(COVERAGE)  # what is loaded once per process is loaded
    with CaptureQueriesContext(connection) as queries:
        response = client.get(COVERAGE)
    assert response.status_code == 200
    return len(queries)


def test_the_coverage_page_costs_the_same_queries_as_content_grows(editor_client, department):
    before = _queries(editor_client)
    for number in range(1, 6):
        make_department(department.directorate, f"extra-{number}", order=10 + number, competences=4)
    Directorate.objects.create(slug="second", name_el="Δεύτερη", mission_el="Αποστολή.")
    after = _queries(editor_client)
    assert after == before
