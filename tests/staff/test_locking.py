"""Two editors open the same department; the second save is refused, never a silent overwrite."""

from departments.models import Competence, Department
from tests.staff.admin_forms import change_url, open_form


def test_second_save_of_the_same_department_is_refused_with_what_changed(
    editor_client, other_editor_client, department
):
    url = change_url(department, "en")
    first = open_form(editor_client, url)
    second = open_form(other_editor_client, url)

    first["head_name_en"] = "Anna Georgiou"
    assert editor_client.post(url, first).status_code == 302

    second["email"] = "reception@migration.gov.gr"
    response = other_editor_client.post(url, second)

    html = response.content.decode()
    assert response.status_code == 200
    assert "were not saved: someone else saved it after you opened it" in html
    assert "Changed meanwhile by eleni" in html
    assert "head&#x27;s name [en]: “Giorgos Nikolaou” → “Anna Georgiou”" in html
    assert "To reapply your changes" in html
    department.refresh_from_db()
    assert department.head_name_en == "Anna Georgiou"
    assert department.email == "reception@example.gov.gr"


def test_the_refused_editor_can_reapply_after_reopening(
    editor_client, other_editor_client, department
):
    url = change_url(department)
    first = open_form(editor_client, url)
    stale = open_form(other_editor_client, url)
    first["head_name_el"] = "Άννα Γεωργίου"
    editor_client.post(url, first)
    stale["email"] = "reception@migration.gov.gr"
    assert other_editor_client.post(url, stale).status_code == 200

    fresh = open_form(other_editor_client, url)
    fresh["email"] = "reception@migration.gov.gr"

    assert other_editor_client.post(url, fresh).status_code == 302
    department.refresh_from_db()
    assert (department.head_name_el, department.email) == (
        "Άννα Γεωργίου",
        "reception@migration.gov.gr",
    )


def test_a_competence_changed_meanwhile_is_not_overwritten_from_the_inline(
    editor_client, other_editor_client, department
):
    competence = department.competences.order_by("order").first()
    url = change_url(department, "en")
    stale = open_form(other_editor_client, url)

    form = open_form(editor_client, change_url(competence))
    form["text_en"] = "Reception of newly arrived people."
    assert editor_client.post(change_url(competence), form).status_code == 302

    stale["competences-0-text_en"] = "Something else entirely."
    response = other_editor_client.post(url, stale)

    assert response.status_code == 200
    assert "were not saved: someone else saved it" in response.content.decode()
    competence.refresh_from_db()
    assert competence.text_en == "Reception of newly arrived people."


def test_editing_other_competences_inline_is_not_a_conflict(
    editor_client, other_editor_client, department
):
    first, second = department.competences.order_by("order")[:2]
    url = change_url(department)
    form_a = open_form(editor_client, url)
    form_b = open_form(other_editor_client, url)

    form_a["competences-0-text_en"] = "First, reworded."
    form_b["competences-1-text_en"] = "Second, reworded."

    assert editor_client.post(url, form_a).status_code == 302
    assert other_editor_client.post(url, form_b).status_code == 302
    assert Competence.objects.get(pk=first.pk).text_en == "First, reworded."
    assert Competence.objects.get(pk=second.pk).text_en == "Second, reworded."


def test_saving_a_department_deleted_meanwhile_says_so(
    editor_client, other_editor_client, department
):
    url = change_url(department, "en")
    form = open_form(editor_client, url)
    pk = department.pk
    department.delete()
    form["email"] = "reception@migration.gov.gr"

    response = editor_client.post(url, form)

    # The admin itself answers for an object that no longer exists; nothing is recreated.
    assert response.status_code == 302
    assert not Department.objects.filter(pk=pk).exists()


def test_a_department_renamed_meanwhile_keeps_its_name_when_another_edits_a_competence(
    editor_client, other_editor_client, department
):
    url = change_url(department)
    form_a = open_form(editor_client, url)
    form_b = open_form(other_editor_client, url)
    form_a["name_el"] = "Τμήμα Υποδοχής"
    form_b["competences-2-text_el"] = "Νέα διατύπωση."

    assert editor_client.post(url, form_a).status_code == 302
    assert other_editor_client.post(url, form_b).status_code == 302

    department.refresh_from_db()
    assert department.name_el == "Τμήμα Υποδοχής"
    assert department.competences.order_by("order")[2].text_el == "Νέα διατύπωση."
