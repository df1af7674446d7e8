"""Every change is recorded; any version is restored exactly, in both languages; deleted
content is recovered."""

import re

from departments.models import Competence, Department
from serving.generation import content_generation
from tests.conftest import make_department
from tests.staff.admin_forms import change_url, open_form

# Session, user, the user's and the group's permissions (menu), and the deleted records with
# their users (one query, whatever their number).
QUERIES_FOR_DELETED_LIST = 5

TRANSLATED = ("name_el", "name_en", "head_name_el", "head_name_en")


def _translations(obj):
    # modeltranslation's admin stores an empty translation as NULL: both mean "no text".
    return {name: getattr(obj, name) or "" for name in TRANSLATED}


def _edit(client, obj, language="el", **changes):
    form = open_form(client, change_url(obj, language))
    form.update(changes)
    response = client.post(change_url(obj, language), form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


def test_history_shows_who_changed_which_fields_from_what_to_what(editor_client, department):
    _edit(editor_client, department, head_name_el="Άννα Γεωργίου", head_name_en="Anna Georgiou")

    html = editor_client.get(
        f"/en/admin/departments/department/{department.pk}/history/"
    ).content.decode()

    assert "eleni" in html
    assert "Γιώργος Νικολάου" in html and "Άννα Γεωργίου" in html
    assert "Giorgos Nikolaou" in html and "Anna Georgiou" in html


def test_reverting_from_the_english_admin_restores_every_field_in_each_language(
    editor_client, department, django_capture_on_commit_callbacks
):
    department.head_name_en = ""
    department.save()
    original = _translations(department)
    record = department.history.order_by("-history_date").first()
    _edit(
        editor_client,
        department,
        "en",
        name_el="Άλλο όνομα",
        name_en="Another name",
        head_name_el="Άννα Γεωργίου",
        head_name_en="Anna Georgiou",
    )
    before = content_generation()

    # Two clicks: open the old version from the history page, then save it.
    revert_url = f"/en/admin/departments/department/{department.pk}/history/{record.pk}/"
    form = open_form(editor_client, revert_url)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(revert_url, form)

    assert response.status_code == 302
    department.refresh_from_db()
    assert _translations(department) == original
    assert content_generation() != before
    english = editor_client.get("/en/test-directorate/reception/").content.decode()
    assert "Another name" not in english and "Department reception" in english


def test_a_deleted_department_is_recovered_with_its_competences(editor_client, department):
    competences = {c.pk: (c.order, c.text_el, c.text_en) for c in department.competences.all()}
    pk = department.pk
    response = editor_client.post(f"/el/admin/departments/department/{pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Department.objects.filter(pk=pk).exists()

    changelist = editor_client.get("/en/admin/departments/department/").content.decode()
    assert 'href="/en/admin/departments/department/deleted/">Deleted items</a>' in changelist
    listing = editor_client.get("/en/admin/departments/department/deleted/").content.decode()
    assert "Department reception" in listing
    history_id = re.search(r'action="[^"]*/deleted/(\d+)/restore/"', listing).group(1)
    response = editor_client.post(f"/en/admin/departments/department/deleted/{history_id}/restore/")

    assert response.status_code == 302
    restored = Department.objects.get(pk=pk)
    assert (restored.name_el, restored.name_en) == ("Τμήμα reception", "Department reception")
    assert {c.pk: (c.order, c.text_el, c.text_en) for c in restored.competences.all()} == (
        competences
    )
    page = editor_client.get("/en/test-directorate/reception/").content.decode()
    assert "Competence 3 of reception" in page


def test_a_deleted_competence_is_recovered(editor_client, department):
    competence = department.competences.order_by("order").last()
    pk = competence.pk
    editor_client.post(f"/el/admin/departments/competence/{pk}/delete/", {"post": "yes"})
    assert not Competence.objects.filter(pk=pk).exists()
    record = Competence.history.get(id=pk, history_type="-")

    editor_client.post(f"/en/admin/departments/competence/deleted/{record.pk}/restore/")

    restored = Competence.objects.get(pk=pk)
    assert (restored.text_el, restored.text_en) == (
        "Αρμοδιότητα 3 του reception",
        "Competence 3 of reception",
    )
    assert restored.history.first().history_change_reason == "Restored after deletion"


def test_a_competence_waits_for_its_deleted_department(editor_client, department):
    competence = department.competences.first()
    pk = competence.pk
    competence.delete()
    record = Competence.history.get(id=pk, history_type="-")
    Department.objects.filter(pk=department.pk).delete()

    response = editor_client.post(
        f"/en/admin/departments/competence/deleted/{record.pk}/restore/", follow=True
    )

    assert "cannot be restored before the item it belongs to" in response.content.decode()
    assert not Competence.objects.filter(pk=pk).exists()


def test_seeding_again_keeps_the_history(seeded):
    from departments.seeding import load_seed

    department = Department.objects.get(slug="interculturalism")
    department.head_name_en = "Someone Else"
    department.save()
    count = department.history.count()

    load_seed()

    assert department.history.count() == count


def test_the_history_pages_speak_greek(editor_client, department):
    _edit(editor_client, department, head_name_el="Άννα Γεωργίου")
    record = department.history.order_by("-history_date").last()

    listing = editor_client.get(f"/el/admin/departments/department/{department.pk}/history/")
    revert = editor_client.get(
        f"/el/admin/departments/department/{department.pk}/history/{record.pk}/"
    )

    assert "Αλλαγή από" in listing.content.decode()
    assert "Πατήστε το κουμπί «Επαναφορά»" in revert.content.decode()


def test_the_deleted_items_list_costs_the_same_queries_for_many_items(
    editor_client, department, django_assert_num_queries
):
    for number in range(5):
        make_department(department.directorate, f"gone-{number}", order=10 + number).delete()
    editor_client.get("/en/admin/departments/department/deleted/")  # warm the session

    with django_assert_num_queries(QUERIES_FOR_DELETED_LIST):
        response = editor_client.get("/en/admin/departments/department/deleted/")

    assert response.content.decode().count("/restore/") == 5


def test_a_department_whose_address_was_reused_is_not_restored_over_it(editor_client, department):
    pk, directorate = department.pk, department.directorate
    editor_client.post(f"/el/admin/departments/department/{pk}/delete/", {"post": "yes"})
    make_department(directorate, "reception", competences=0, name_el="Νέο τμήμα υποδοχής")
    record = Department.history.filter(id=pk, history_type="-").get()

    response = editor_client.post(
        f"/en/admin/departments/department/deleted/{record.pk}/restore/", follow=True
    )

    assert response.status_code == 200
    assert "another item now uses its address" in response.content.decode()
    assert not Department.objects.filter(pk=pk).exists()
    assert Department.objects.get(directorate=directorate, slug="reception").name_el == (
        "Νέο τμήμα υποδοχής"
    )


def test_the_department_list_edits_nothing_in_place(editor_client, department):
    """A list form carries no version, so it would bypass the conflict check: none is offered."""
    html = editor_client.get("/en/admin/departments/department/").content.decode()
    assert 'name="form-0-order"' not in html
