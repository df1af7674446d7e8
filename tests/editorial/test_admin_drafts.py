"""Drafts in the content admin: "Save draft" keeps changes aside, the form reopens on the draft,
"Save and publish" publishes it, and with approval required editors submit instead."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from departments import publishing, snapshots
from departments.drafts import Draft, DraftEvent, DraftStatus
from departments.models import Competence, Department
from serving.generation import stored_generation
from tests.conftest import make_department, make_viber_community
from tests.editorial.conftest import logged_in_client
from tests.staff.admin_forms import change_url, form_data, open_form

PUBLIC_EN = "/en/test-directorate/reception/"


def _rows(form):
    """The competence rows of submitted form data: {index: (id, order, text_el, text_en)}."""
    count = int(form["competences-TOTAL_FORMS"])
    return {
        index: tuple(
            form.get(f"competences-{index}-{name}")
            for name in ("id", "order", "text_el", "text_en")
        )
        for index in range(count)
    }


def _draft_form(client, department):
    """The change form with a draft's worth of changes: fields in both languages, the first
    competence removed, the second edited, the third moved first, and a new one added."""
    form = open_form(client, change_url(department))
    form |= {"name_el": "Τμήμα Υποδοχής (προσχέδιο)", "name_en": "Reception (draft)"}
    form["competences-0-DELETE"] = "on"
    form["competences-1-text_en"] = "Competence 2, edited in the draft"
    form["competences-2-order"] = "0"
    new = int(form["competences-TOTAL_FORMS"]) - 1  # the empty extra row
    form |= {
        f"competences-{new}-order": "9",
        f"competences-{new}-text_el": "Νέα αρμοδιότητα",
        f"competences-{new}-text_en": "New competence",
    }
    return form


def _save_draft(client, department, form, button="_save_draft"):
    return client.post(change_url(department), {**form, button: "1"})


def test_a_draft_save_leaves_the_public_site_untouched_and_keeps_both_languages(
    editor_client, department
):
    before = snapshots.snapshot(department)
    history = department.history.count()
    generation = stored_generation()
    page = editor_client.get(PUBLIC_EN).content.decode()

    response = _save_draft(editor_client, department, _draft_form(editor_client, department))

    assert response.status_code == 302
    assert response["Location"] == change_url(department)
    department.refresh_from_db()
    assert snapshots.snapshot(department) == before
    assert department.history.count() == history
    assert stored_generation() == generation
    assert not LogEntry.objects.exists()
    assert editor_client.get(PUBLIC_EN).content.decode() == page
    draft = Draft.objects.get()
    assert draft.status == DraftStatus.DRAFT
    assert draft.data["fields"]["name_el"] == "Τμήμα Υποδοχής (προσχέδιο)"
    assert draft.data["fields"]["name_en"] == "Reception (draft)"
    assert [c["text_en"] for c in draft.data["competences"]] == [
        "Competence 3 of reception",
        "Competence 2, edited in the draft",
        "New competence",
    ]
    assert draft.data["competences"][2]["id"] is None


def test_the_success_message_links_to_the_previews_and_the_review(editor_client, department):
    response = editor_client.post(
        change_url(department, "en"),
        {**open_form(editor_client, change_url(department, "en")), "_save_draft": "1"},
        follow=True,
    )

    draft = Draft.objects.get()
    html = response.content.decode()
    assert "is saved; the public site is unchanged" in html
    assert f'href="/en/admin/departments/draft/{draft.pk}/preview/el/">Preview in Greek</a>' in html
    assert f'href="/en/admin/departments/draft/{draft.pk}/preview/en/">Preview in English</a>' in (
        html
    )
    assert f'href="/en/admin/departments/draft/{draft.pk}/review/">Review and publish</a>' in html


def test_the_form_speaks_greek(editor_client, department):
    html = editor_client.get(change_url(department, "el")).content.decode()
    assert 'value="Αποθήκευση προσχεδίου" name="_save_draft"' in html
    assert 'value="Αποθήκευση και δημοσίευση"' in html

    _save_draft(editor_client, department, open_form(editor_client, change_url(department)))
    html = editor_client.get(change_url(department, "el")).content.decode()
    assert "Προεπισκόπηση στα ελληνικά" in html
    assert "Προεπισκόπηση στα αγγλικά" in html


def test_reopening_shows_the_draft_with_its_competences_added_removed_and_reordered(
    editor_client, department
):
    _save_draft(editor_client, department, _draft_form(editor_client, department))

    response = editor_client.get(change_url(department, "en"))
    html = response.content.decode()
    form = form_data(response)

    assert "This form shows the draft (draft), not what is published." in html
    assert "Started by editor" in html
    assert form["name_en"] == "Reception (draft)"
    texts = [row[3] for row in _rows(form).values() if row[3]]
    assert texts == [
        "Competence 3 of reception",
        "Competence 2, edited in the draft",
        "New competence",
    ]
    assert "Competence 1 of reception" not in html
    draft = Draft.objects.get()
    assert form["seen_draft_version"] == draft.version

    # Saved again unchanged, the draft holds the same content (the added row is kept).
    _save_draft(editor_client, department, form)
    draft.refresh_from_db()
    assert draft.version == 2
    assert [c["text_en"] for c in draft.data["competences"]] == texts


def test_two_editors_saving_the_same_draft_the_second_is_refused_and_nothing_is_lost(
    editor_client, department, db
):
    other = User.objects.create_user("other", is_staff=True)
    other.groups.add(Group.objects.get(name="Editors"))
    other_client = logged_in_client(other)
    _save_draft(editor_client, department, open_form(editor_client, change_url(department)))
    mine = open_form(editor_client, change_url(department, "en"))
    theirs = open_form(other_client, change_url(department, "en"))

    mine["name_en"] = "Mine"
    assert _save_draft(editor_client, department, mine).status_code == 302
    theirs["name_en"] = "Theirs"
    response = other_client.post(change_url(department, "en"), {**theirs, "_save_draft": "1"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else saved this draft after you opened it" in html
    assert 'value="Theirs"' in html  # what they typed is still in the form
    assert Draft.objects.get().data["fields"]["name_en"] == "Mine"


def test_a_draft_started_after_the_form_was_opened_is_not_overwritten(
    editor_client, department, db
):
    other = User.objects.create_user("other", is_staff=True)
    other.groups.add(Group.objects.get(name="Editors"))
    other_client = logged_in_client(other)
    mine = open_form(editor_client, change_url(department, "en"))
    theirs = open_form(other_client, change_url(department, "en"))
    mine["name_en"] = "Mine"
    _save_draft(editor_client, department, mine)

    theirs["name_en"] = "Theirs"
    response = other_client.post(change_url(department, "en"), {**theirs, "_save_draft": "1"})

    assert "Someone else started a draft of this item" in response.content.decode()
    assert Draft.objects.get().data["fields"]["name_en"] == "Mine"


def test_save_and_publish_from_the_draft_publishes_it_and_marks_it_published(
    editor_client, department
):
    removed = department.competences.order_by("order").first()
    _save_draft(editor_client, department, _draft_form(editor_client, department))
    form = open_form(editor_client, change_url(department, "en"))

    response = editor_client.post(change_url(department, "en"), {**form, "_save": "1"})

    assert response.status_code == 302
    department.refresh_from_db()
    assert department.name_en == "Reception (draft)"
    assert not Competence.objects.filter(pk=removed.pk).exists()
    assert list(
        department.competences.order_by("order", "id").values_list("text_en", flat=True)
    ) == ["Competence 3 of reception", "Competence 2, edited in the draft", "New competence"]
    draft = Draft.objects.get()
    assert draft.status == DraftStatus.PUBLISHED
    assert draft.published_by.username == "editor"
    assert draft.events.filter(action=DraftEvent.Action.PUBLISHED).exists()
    assert "Reception (draft)" in editor_client.get(PUBLIC_EN).content.decode()
    html = editor_client.get(change_url(department, "en")).content.decode()
    assert "This form shows the draft" not in html


def test_publishing_a_form_opened_on_an_older_draft_is_refused(editor_client, department):
    _save_draft(editor_client, department, open_form(editor_client, change_url(department)))
    stale = open_form(editor_client, change_url(department, "en"))
    fresh = open_form(editor_client, change_url(department, "en"))
    fresh["name_en"] = "Saved in the draft meanwhile"
    _save_draft(editor_client, department, fresh)

    response = editor_client.post(change_url(department, "en"), {**stale, "_save": "1"})

    assert response.status_code == 200
    assert "Someone else saved this draft after you opened it" in response.content.decode()
    draft = Draft.objects.get()
    assert draft.is_open and draft.data["fields"]["name_en"] == "Saved in the draft meanwhile"


def test_save_and_publish_without_a_draft_publishes_at_once(editor_client, department):
    form = open_form(editor_client, change_url(department, "en"))
    form["name_en"] = "Published at once"
    assert editor_client.post(change_url(department, "en"), form).status_code == 302
    department.refresh_from_db()
    assert department.name_en == "Published at once"
    # Through a draft, like every publication: closed at once, and named in the history.
    draft = Draft.objects.get()
    assert draft.status == DraftStatus.PUBLISHED and draft.published_by.username == "editor"
    assert department.history.first().history_change_reason == (
        f"Δημοσίευση από το προσχέδιο #{draft.pk} από editor"
    )


# --- Approval required ----------------------------------------------------------------------


@pytest.fixture
def approval(settings):
    settings.EDITORIAL_APPROVAL_REQUIRED = True


def test_with_approval_an_editor_cannot_publish_directly(approval, editor_client, department):
    html = editor_client.get(change_url(department, "en")).content.decode()
    assert "Save and publish" not in html
    assert 'value="Submit for approval" name="_submit_review"' in html
    form = open_form(editor_client, change_url(department, "en"))
    form["name_en"] = "Not allowed"
    before = snapshots.snapshot(department)

    for button in ("_save", "_continue", "_addanother"):
        response = editor_client.post(change_url(department, "en"), {**form, button: "1"})
        assert response.status_code == 403
    department.refresh_from_db()
    assert snapshots.snapshot(department) == before


def test_with_approval_the_editors_buttons_speak_greek(approval, editor_client, department):
    html = editor_client.get(change_url(department, "el")).content.decode()
    assert 'value="Υποβολή για έγκριση" name="_submit_review"' in html
    assert 'value="Αποθήκευση προσχεδίου" class="default" name="_save_draft"' in html
    assert "Αποθήκευση και δημοσίευση" not in html


def test_with_approval_an_editor_submits_the_draft(approval, editor_client, department):
    form = open_form(editor_client, change_url(department, "en"))
    form["name_en"] = "For approval"

    response = editor_client.post(
        change_url(department, "en"), {**form, "_submit_review": "1"}, follow=True
    )

    assert "is submitted for approval" in response.content.decode()
    draft = Draft.objects.get()
    assert draft.status == DraftStatus.SUBMITTED
    assert draft.submitted_by.username == "editor"
    assert draft.data["fields"]["name_en"] == "For approval"
    assert "This form shows the draft (awaiting approval)" in response.content.decode()
    department.refresh_from_db()
    assert department.name_en == "Department reception"


def test_with_approval_editors_neither_add_nor_delete_and_competences_are_read_only(
    approval, editor_client, department
):
    competence = department.competences.first()
    assert editor_client.get("/en/admin/departments/department/add/").status_code == 403
    delete = f"/en/admin/departments/department/{department.pk}/delete/"
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Department.objects.filter(pk=department.pk).exists()
    html = editor_client.get(change_url(competence, "en")).content.decode()
    assert 'name="_save"' not in html and 'name="text_en"' not in html


def test_with_approval_only_publishers_confirm_the_english(
    approval, editor_client, publisher_client, department
):
    Department.objects.filter(pk=department.pk).update(outdated_translations={"en": ["name"]})
    listing = "/en/admin/departments/department/"
    assert "confirm_translation_en" not in editor_client.get(listing).content.decode()
    confirm = {"action": "confirm_translation_en", "_selected_action": [department.pk]}
    editor_client.post(listing, confirm)
    department.refresh_from_db()
    assert department.outdated_translations == {"en": ["name"]}

    assert "confirm_translation_en" in publisher_client.get(listing).content.decode()
    publisher_client.post(listing, confirm)
    department.refresh_from_db()
    assert department.outdated_translations == {}


def test_with_approval_a_publisher_cannot_publish_his_own_change_from_the_form(
    approval, publisher_client, department
):
    """Fault 5 of issue 20: the change form's Save and publish skipped the two-person rule."""
    html = publisher_client.get(change_url(department, "en")).content.decode()
    assert "Save and publish" not in html
    assert 'name="_submit_review"' in html
    form = open_form(publisher_client, change_url(department, "en"))
    form["name_en"] = "Published by a publisher"
    for button in ("_save", "_continue"):
        response = publisher_client.post(change_url(department, "en"), {**form, button: "1"})
        assert response.status_code == 403
    department.refresh_from_db()
    assert department.name_en == "Department reception"
    assert not Draft.objects.exists()


def test_with_approval_an_editor_restores_an_old_version_only_as_a_draft(
    approval, editor_client, department
):
    old = department.history.order_by("-history_date").first()
    department.name_en = "Renamed directly"
    department.save()
    revert_url = f"/en/admin/departments/department/{department.pk}/history/{old.pk}/"
    page = editor_client.get(revert_url).content.decode()
    assert 'name="_save"' not in page and 'name="_save_draft"' in page
    form = open_form(editor_client, revert_url)

    assert editor_client.post(revert_url, {**form, "_save": "1"}).status_code == 403
    assert editor_client.post(revert_url, {**form, "_save_draft": "1"}).status_code == 302

    department.refresh_from_db()
    assert department.name_en == "Renamed directly"
    assert Draft.objects.get().data["fields"]["name_en"] == "Department reception"


def test_without_approval_editors_keep_their_rights(editor_client, department):
    assert editor_client.get("/en/admin/departments/department/add/").status_code == 200
    html = editor_client.get(change_url(department, "en")).content.decode()
    assert "Save and publish" in html and "Submit for approval" not in html


# --- Groups -----------------------------------------------------------------------------------


def test_publishers_have_the_editors_rights_plus_publishing(db):
    def codenames(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert codenames("Publishers") == codenames("Editors") | {"publish_draft"}
    assert {"view_draft", "view_draftevent"} <= codenames("Editors")
    assert "publish_draft" not in codenames("Editors")


@pytest.fixture
def group_publisher_client(db):
    user = User.objects.create_user("maria", is_staff=True)
    user.groups.add(Group.objects.get(name="Publishers"))
    return logged_in_client(user)


def test_both_groups_see_the_pending_drafts(group_publisher_client, editor_client):
    assert group_publisher_client.get("/en/admin/departments/draft/").status_code == 200
    assert editor_client.get("/en/admin/departments/draft/").status_code == 200


# --- Restoring an old version ---------------------------------------------------------------


def test_an_old_version_is_restored_as_a_draft(editor_client, department):
    old = department.history.order_by("-history_date").first()
    form = open_form(editor_client, change_url(department, "en"))
    form["name_en"] = "Renamed and published"
    editor_client.post(change_url(department, "en"), form)
    department.refresh_from_db()
    before = snapshots.snapshot(department)
    revert_url = f"/en/admin/departments/department/{department.pk}/history/{old.pk}/"

    page = editor_client.get(revert_url).content.decode()
    assert 'value="Save as draft" name="_save_draft"' in page
    response = editor_client.post(
        revert_url, {**open_form(editor_client, revert_url), "_save_draft": "1"}
    )

    assert response.status_code == 302
    department.refresh_from_db()
    assert snapshots.snapshot(department) == before
    draft = Draft.objects.open().get()
    assert draft.data["fields"]["name_en"] == "Department reception"
    assert draft.data["competences"] == before["competences"]
    html = editor_client.get(change_url(department, "en")).content.decode()
    assert re.search(r'name="name_en"[^>]*value="Department reception"', html)


def test_a_directorate_revert_as_draft_and_the_viber_block_draft(editor_client, department):
    directorate = department.directorate
    old = directorate.history.order_by("-history_date").first()
    directorate.name_en = "Renamed directly"
    directorate.save()
    revert_url = f"/en/admin/departments/directorate/{directorate.pk}/history/{old.pk}/"
    form = open_form(editor_client, revert_url)
    assert editor_client.post(revert_url, {**form, "_save_draft": "1"}).status_code == 302
    viber = make_viber_community()
    form = open_form(editor_client, change_url(viber, "en"))
    form["title_en"] = "Viber, drafted"
    assert _save_draft(editor_client, viber, form).status_code == 302

    directorate.refresh_from_db()
    viber.refresh_from_db()
    assert directorate.name_en == "Renamed directly" and viber.title_en == "Viber community"
    drafts = {d.model: d.data["fields"] for d in Draft.objects.all()}
    assert drafts[type(directorate)]["name_en"] == "Directorate of Testing"
    assert drafts[type(viber)]["title_en"] == "Viber, drafted"


# --- The notice -----------------------------------------------------------------------------


def _open_draft(client, department, **changes):
    form = open_form(client, change_url(department, "en"))
    form.update(changes)
    _save_draft(client, department, form)
    return Draft.objects.open().get()


def test_the_notice_shows_a_scheduled_time_in_athens_in_the_editors_language(
    editor_client, department
):
    draft = _open_draft(editor_client, department)
    when = datetime(2031, 3, 5, 10, 30, tzinfo=UTC)  # 12:30 in Athens (winter time)
    Draft.objects.filter(pk=draft.pk).update(status=DraftStatus.SCHEDULED, publish_at=when)

    english = editor_client.get(change_url(department, "en")).content.decode()
    greek = editor_client.get(change_url(department, "el")).content.decode()

    assert "scheduled for March 5, 2031, 12:30" in english.replace("\xa0", " ")
    assert "προγραμματισμένο για" in greek and "12:30" in greek
    links = (
        f"/en/admin/departments/draft/{draft.pk}/preview/el/",
        f"/en/admin/departments/draft/{draft.pk}/preview/en/",
        f"/en/admin/departments/draft/{draft.pk}/review/",
        "/en/admin/departments/draft/",
    )
    assert all(f'href="{link}"' in english for link in links)


def test_the_notice_shows_the_reviewers_comment_and_an_outdated_draft(editor_client, department):
    draft = _open_draft(editor_client, department)
    Draft.objects.filter(pk=draft.pk).update(review_comment="Please check the e-mail address.")
    department.head_name_en = "Published meanwhile"
    department.save()

    html = editor_client.get(change_url(department, "en")).content.decode()

    assert "Sent back by the reviewer:" in html
    assert "Please check the e-mail address." in html
    assert "Published meanwhile: what is published changed after this draft was started." in html


# --- Queries ----------------------------------------------------------------------------------


def _queries(client, url, expected):
    client.get(url)  # what is loaded once per process or session is loaded
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()
    return len(queries)


def test_the_change_form_costs_the_same_queries_as_drafts_accumulate(
    editor_client, editor, department
):
    url = change_url(department, "en")
    draft = _open_draft(editor_client, department, name_en="Drafted once")
    before = _queries(editor_client, url, "Drafted once")

    for number in range(6):
        other = make_department(department.directorate, f"other-{number}", order=10 + number)
        data = snapshots.snapshot(other)
        other_draft = publishing.save_draft(other, data, editor)
        for _ in range(3):
            other_draft = publishing.save_draft(other, data, editor, other_draft.version)
    for _ in range(5):
        data = {**draft.data, "fields": {**draft.data["fields"], "name_en": "Drafted again"}}
        draft = publishing.save_draft(department, data, editor, draft.version)
    data["competences"].append(
        {"id": None, "version": None, "order": 9, "text_el": "Νέα", "text_en": "Added later"}
    )
    publishing.save_draft(department, data, editor, draft.version)

    assert _queries(editor_client, url, "Added later") == before


def test_a_competence_on_its_own_is_drafted_with_its_department_only(editor_client, department):
    competence = department.competences.first()
    html = editor_client.get(change_url(competence, "en")).content.decode()
    assert 'name="_save_draft"' not in html and 'value="Save"' in html
    form = open_form(editor_client, change_url(competence, "en"))
    response = editor_client.post(change_url(competence, "en"), {**form, "_save_draft": "1"})
    assert response.status_code == 403
    assert not Draft.objects.exists()


def test_a_new_item_cannot_be_saved_as_a_draft(editor_client, department):
    response = editor_client.post(
        "/en/admin/departments/directorate/add/", {"name_el": "Νέα", "_save_draft": "1"}
    )
    assert response.status_code == 403
