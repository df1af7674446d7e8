"""The drafts' admin pages: the pending list, a draft's review and actions, its preview, and a
history entry compared with what is published (staff/draft_admin.py)."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from departments import publishing, snapshots
from departments.drafts import Draft, DraftStatus
from departments.models import Competence, Department, Directorate
from tests.conftest import make_department, make_viber_community
from tests.editorial.conftest import logged_in_client

ATHENS = ZoneInfo("Europe/Athens")


def _url(name, *args, language="en"):
    with translation.override(language):
        return reverse(f"admin:departments_draft_{name}", args=args)


def _draft(obj, user, **fields):
    data = snapshots.snapshot(obj)
    data["fields"].update(fields)
    return publishing.save_draft(obj, data, user)


def _form(draft, action, **data):
    """A review-page form as the page renders it: the action and the draft version it shows."""
    version = Draft.objects.filter(pk=draft.pk).values_list("version", flat=True).first()
    return {"action": action, "version": version, **data}


def _text(response):
    return response.content.decode()


# --- The pending page ---------------------------------------------------------------------


def test_the_pending_page_lists_every_open_draft_with_status_languages_and_links(
    department, editor, editor_client
):
    draft = _draft(department, editor, name_en="Reception (renamed)")
    directorate = department.directorate
    other = _draft(directorate, editor, mission_el="Νέα αποστολή.", mission_en="New mission.")
    publishing.schedule(other, editor, timezone.now() + timedelta(days=2))
    published_and_closed = _draft(make_department(directorate, "closed"), editor, name_en="X")
    publishing.discard(published_and_closed, editor)

    response = editor_client.get(_url("changelist"))

    html = _text(response)
    assert response.status_code == 200
    assert "Drafts awaiting publication" in html
    assert "Department: <a" in html and "Τμήμα reception" in html
    assert "Directorate: <a" in html and "Διεύθυνση Δοκιμών" in html
    assert "English" in html and "Greek, English" in html
    assert "scheduled for" in html
    assert "Τμήμα closed" not in html
    for name, args in (
        ("preview", (draft.pk, "el")),
        ("preview", (draft.pk, "en")),
        ("review", (draft.pk,)),
    ):
        assert _url(name, *args) in html
    with translation.override("en"):
        edit = reverse("admin:departments_department_change", args=[department.pk])
    assert edit in html


def test_the_pending_page_is_in_greek_under_the_greek_admin(department, editor, editor_client):
    draft = _draft(department, editor, name_el="Υποδοχή (νέο όνομα)")
    publishing.schedule(
        draft, editor, timezone.make_aware(timezone.datetime(2031, 3, 5, 9, 30), ATHENS)
    )

    html = _text(editor_client.get(_url("changelist", language="el")))

    assert "Προσχέδια που περιμένουν δημοσίευση" in html
    assert "προγραμματισμένο για 05/03/2031 9:30" in html
    assert "Ελληνικά" in html


def test_the_pending_page_flags_a_draft_whose_item_was_published_meanwhile(
    department, editor, editor_client
):
    _draft(department, editor, name_en="Draft name")
    department.name_el = "Αλλαγή από άλλον"
    department.save()

    html = _text(editor_client.get(_url("changelist")))

    assert "outdated" in html


def _departments(count):
    directorate = Directorate.objects.get(slug="test-directorate")
    return [make_department(directorate, f"unit-{n}", order=n) for n in range(count)]


@pytest.mark.parametrize("count", [1, 20])
def test_the_pending_page_costs_the_same_queries_for_one_draft_or_twenty(
    department, editor, editor_client, django_assert_num_queries, count
):
    for unit in _departments(count):
        _draft(unit, editor, name_en=f"{unit.name_en} (draft)", name_el=f"{unit.name_el} (draft)")
    _draft(department.directorate, editor, mission_en="Draft mission.")
    editor_client.get(_url("changelist"))  # sessions, permissions and content types warmed

    # session, user, the user's and the groups' permissions, drafts, the published
    # directorates and departments, the departments' competences
    with django_assert_num_queries(8):
        response = editor_client.get(_url("changelist"))
    assert _text(response).count('<th scope="row">Department: ') == count


def test_the_pending_page_is_for_staff_who_edit_or_may_view_drafts(department, editor, db):
    _draft(department, editor, name_en="Renamed")
    anonymous = Client().get(_url("changelist"))
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]

    outsider = User.objects.create_user("outsider", password="pw-outsider-1", is_staff=True)
    assert logged_in_client(outsider).get(_url("changelist")).status_code == 403

    outsider.user_permissions.add(Permission.objects.get(codename="view_draft"))
    outsider = User.objects.get(pk=outsider.pk)
    assert logged_in_client(outsider).get(_url("changelist")).status_code == 200


# --- The review page ----------------------------------------------------------------------


def test_the_review_page_shows_the_diff_in_both_languages_and_the_drafts_history(
    department, editor, editor_client
):
    data = snapshots.snapshot(department)
    data["fields"]["name_en"] = "Department reception and registration"
    data["competences"][0]["text_el"] = "Αλλαγμένη αρμοδιότητα"
    draft = publishing.save_draft(department, data, editor)

    response = editor_client.get(_url("review", draft.pk))

    html = _text(response)
    assert response.status_code == 200
    assert draft.object_label in html
    assert "<ins> and registration</ins>" in html
    assert "<ins>Αλλαγμένη αρμοδιότητα</ins>" in html
    assert "Competence 1" in html
    assert "History of the draft" in html and "draft saved" in html
    assert "Publish now" in html and "Discard draft" in html
    assert "Approve and publish" not in html and "Submit for approval" not in html
    assert 'name="publish_at"' in html and 'type="datetime-local"' in html


def test_publishing_from_the_review_page_goes_live_and_returns_to_the_pending_page(
    department, editor, editor_client, django_capture_on_commit_callbacks
):
    draft = _draft(department, editor, name_en="Published from the review page")

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            _url("review", draft.pk), _form(draft, "publish"), follow=True
        )

    assert response.redirect_chain[-1][0] == _url("changelist")
    assert "is published" in _text(response)
    department.refresh_from_db()
    assert department.name_en == "Published from the review page"
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.PUBLISHED


def test_a_conflict_on_publish_shows_what_changed_and_overwrites_nothing(
    department, editor, editor_client
):
    draft = _draft(department, editor, name_en="Draft name")
    department.name_el = "Αλλαγή από άλλον συντάκτη"
    department.save()

    response = editor_client.post(_url("review", draft.pk), _form(draft, "publish"))

    html = _text(response)
    assert response.status_code == 409
    assert "Published by someone else meanwhile" in html
    assert "Αλλαγή από άλλον συντάκτη" in html
    assert "Base the draft on the current version" in html
    department.refresh_from_db()
    assert department.name_en == "Department reception"
    assert department.name_el == "Αλλαγή από άλλον συντάκτη"

    rebased = editor_client.post(_url("review", draft.pk), _form(draft, "rebase"), follow=True)
    assert "Published by someone else meanwhile" not in _text(rebased)
    assert not publishing.is_outdated(Draft.objects.get(pk=draft.pk))


def test_scheduling_reads_the_time_in_athens_and_shows_it_in_the_editors_language(
    department, editor, editor_client
):
    draft = _draft(department, editor, name_en="Later")

    response = editor_client.post(
        _url("review", draft.pk, language="el"),
        _form(draft, "schedule", publish_at="2031-07-01T10:15"),
        follow=True,
    )

    draft.refresh_from_db()
    assert draft.status == DraftStatus.SCHEDULED
    assert draft.publish_at == timezone.make_aware(timezone.datetime(2031, 7, 1, 10, 15), ATHENS)
    assert "προγραμματισμένο για 01/07/2031 10:15" in _text(response)
    review = _text(editor_client.get(_url("review", draft.pk, language="el")))
    assert "Κατάργηση προγραμματισμού" in review
    editor_client.post(_url("review", draft.pk), _form(draft, "unschedule"))
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT and draft.publish_at is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"action": "schedule", "publish_at": "tomorrow"}, "Enter a valid date and time"),
        ({"action": "schedule", "publish_at": "2001-01-01T10:00"}, "Choose a time in the future"),
        ({"action": "send_back", "comment": "  "}, "Say what needs correcting"),
        ({"action": "launch"}, "Unknown action"),
        ({}, "Unknown action"),
    ],
)
def test_bad_input_is_refused_with_a_message_not_an_error_page(
    department, editor, publisher, publisher_client, settings, data, message
):
    settings.EDITORIAL_APPROVAL_REQUIRED = True
    draft = _draft(department, editor, name_en="Renamed")
    publishing.submit(draft, editor)

    response = publisher_client.post(_url("review", draft.pk), {**data, "version": draft.version})

    assert response.status_code == 400
    assert message in _text(response)
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.SUBMITTED


def test_bad_input_is_explained_in_greek_under_the_greek_admin(department, editor, editor_client):
    draft = _draft(department, editor, name_en="Renamed")

    response = editor_client.post(
        _url("review", draft.pk, language="el"), _form(draft, "schedule", publish_at="x")
    )

    assert response.status_code == 400
    assert "Δώστε έγκυρη ημερομηνία και ώρα" in _text(response)


def test_an_unknown_draft_is_not_found(editor_client, db):
    assert editor_client.get(_url("review", 999999)).status_code == 404
    assert (
        editor_client.post(_url("review", 999999), {"action": "publish", "version": 1}).status_code
        == 404
    )
    assert editor_client.get(_url("preview", 999999, "el")).status_code == 404


def test_with_approval_on_an_editor_submits_and_a_publisher_approves_or_sends_back(
    department, editor, publisher, editor_client, publisher_client, settings
):
    settings.EDITORIAL_APPROVAL_REQUIRED = True
    draft = _draft(department, editor, name_en="Needs approval")

    html = _text(editor_client.get(_url("review", draft.pk)))
    assert "Submit for approval" in html
    assert "Publish now" not in html and "Approve and publish" not in html
    # The editor's post of an approval is refused, whatever the page showed.
    assert editor_client.post(_url("review", draft.pk), _form(draft, "approve")).status_code == 403
    assert editor_client.post(_url("review", draft.pk), _form(draft, "publish")).status_code == 403

    editor_client.post(_url("review", draft.pk), _form(draft, "submit"))
    html = _text(publisher_client.get(_url("review", draft.pk)))
    assert "Approve and publish" in html and "Send back" in html
    assert 'name="comment"' in html

    response = publisher_client.post(
        _url("review", draft.pk), _form(draft, "send_back", comment="Check the English.")
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT
    html = _text(editor_client.get(_url("review", draft.pk)))
    assert "Check the English." in html and "sent back" in html


def test_a_publisher_cannot_approve_their_own_draft(
    department, publisher, publisher_client, settings
):
    settings.EDITORIAL_APPROVAL_REQUIRED = True
    draft = _draft(department, publisher, name_en="Mine")
    publishing.submit(draft, publisher)

    assert "Approve and publish" not in _text(publisher_client.get(_url("review", draft.pk)))
    response = publisher_client.post(_url("review", draft.pk), _form(draft, "approve"))

    assert response.status_code == 409
    assert "Only a publisher who did not edit this draft can approve it." in _text(response)
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.SUBMITTED


def test_discarding_closes_the_draft_and_leaves_the_published_item(
    department, editor, editor_client
):
    draft = _draft(department, editor, name_en="Thrown away")

    response = editor_client.post(_url("review", draft.pk), _form(draft, "discard"))

    assert response.status_code == 302 and response["Location"] == _url("changelist")
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.DISCARDED
    department.refresh_from_db()
    assert department.name_en == "Department reception"
    again = editor_client.post(_url("review", draft.pk), _form(draft, "publish"))
    assert again.status_code == 409 and "already discarded" in _text(again)


# --- The preview --------------------------------------------------------------------------


def test_the_preview_is_the_public_page_with_the_draft_a_banner_and_the_changes_marked(
    department, editor, editor_client
):
    data = snapshots.snapshot(department)
    data["fields"]["name_en"] = "Reception of applicants"
    data["competences"][1]["text_en"] = "A competence rewritten in the draft"
    with translation.override("el"):  # the label is the item's name in the editor's language
        draft = publishing.save_draft(department, data, editor)

    response = editor_client.get(_url("preview", draft.pk, "en"))

    html = _text(response)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    head, body = html.split("<body", 1)
    assert '<meta name="robots" content="noindex">' in head
    assert "css/drafts.css" in head
    assert '<html lang="en"' in html
    # The banner comes first in the body, with the language switch and the way back.
    banner = body[: body.index("</aside>")]
    assert "Preview of a draft — not published" in banner
    # The item's label is its Greek name: marked as Greek on the English page.
    assert '<span lang="el">Τμήμα reception</span>' in banner
    assert _url("preview", draft.pk, "el") in banner
    assert _url("review", draft.pk) in banner
    assert '<mark class="draft-change">Reception of applicants</mark>' in body
    assert '<mark class="draft-change">A competence rewritten in the draft</mark>' in body
    # Never inside an attribute or the head (the title keeps the plain text).
    assert "<title>" in head and "<mark" not in head
    assert not re.search(r'="[^"]*<mark', body)
    # Unchanged passages are not marked.
    assert '<mark class="draft-change">Competence 1 of reception</mark>' not in body
    assert "Competence 1 of reception" in body
    # What is published is untouched.
    department.refresh_from_db()
    assert department.name_en == "Department reception"


def test_the_greek_preview_marks_the_greek_changes_only(department, editor, editor_client):
    draft = _draft(department, editor, name_el="Υποδοχή αιτούντων", name_en="Reception (draft)")

    html = _text(editor_client.get(_url("preview", draft.pk, "el")))

    assert '<html lang="el"' in html
    assert "Προεπισκόπηση προσχεδίου — δεν έχει δημοσιευθεί" in html
    assert '<mark class="draft-change">Υποδοχή αιτούντων</mark>' in html
    assert "Reception (draft)" not in html


def test_the_english_preview_labels_missing_english_and_english_to_review(
    department, editor, editor_client
):
    data = snapshots.snapshot(department)
    # Greek changed, English left as it was: publishing would flag the English for review.
    data["fields"]["name_el"] = "Νέο ελληνικό όνομα"
    # A new competence with no English yet: the English page would show the Greek.
    data["competences"].append(
        {"id": None, "version": None, "order": 9, "text_el": "Μόνο ελληνικά", "text_en": ""}
    )
    draft = publishing.save_draft(department, data, editor)

    html = _text(editor_client.get(_url("preview", draft.pk, "en")))

    assert re.search(r"Μόνο ελληνικά\s*<strong[^>]*>\[English missing\]</strong>", html)
    assert re.search(r"Department reception\s*<strong[^>]*>\[English to review\]</strong>", html)
    greek = _text(editor_client.get(_url("preview", draft.pk, "el")))
    assert "[English" not in greek


def test_the_preview_of_a_directorate_shows_its_draft_on_the_directorate_page(
    department, editor, editor_client
):
    draft = _draft(department.directorate, editor, mission_en="A mission written in a draft.")

    html = _text(editor_client.get(_url("preview", draft.pk, "en")))

    assert '<mark class="draft-change">A mission written in a draft.</mark>' in html
    assert "Department reception" in html


def test_the_preview_is_for_staff_only_and_knows_two_languages(department, editor, db):
    draft = _draft(department, editor, name_en="Secret draft name")
    address = _url("preview", draft.pk, "en")

    anonymous = Client().get(address)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert "Secret draft name" not in _text(anonymous)

    outsider = User.objects.create_user("outsider", password="pw-outsider-1", is_staff=True)
    refused = logged_in_client(outsider).get(address)
    assert refused.status_code == 403 and "Secret draft name" not in _text(refused)

    assert logged_in_client(editor).get(_url("preview", draft.pk, "fr")).status_code == 404


def test_a_preview_never_reaches_the_public_pages_or_their_cache(
    department, editor, editor_client, settings
):
    settings.SERVING_PAGE_CACHE = True
    directorate = department.directorate
    pages = [
        directorate.get_absolute_url(),
        department.get_absolute_url(),
    ]
    with translation.override("en"):
        pages += [directorate.get_absolute_url(), department.get_absolute_url()]
    public = Client()
    before = {page: _text(public.get(page)) for page in pages}  # stored in the page cache
    draft = _draft(
        department,
        editor,
        name_el="Πρόχειρο όνομα τμήματος",
        name_en="Draft department name",
    )
    directorate_draft = _draft(directorate, editor, mission_en="Draft mission text.")

    for preview in (draft, directorate_draft):
        for language in ("el", "en"):
            assert editor_client.get(_url("preview", preview.pk, language)).status_code == 200

    for page in pages:
        html = _text(public.get(page))
        assert html == before[page]
        for text in ("Πρόχειρο όνομα τμήματος", "Draft department name", "Draft mission text."):
            assert text not in html
    # A fresh render (nothing stored) shows what is published, not what was previewed.
    from django.core.cache import cache

    cache.clear()
    for page in pages:
        html = _text(public.get(page))
        assert "Draft department name" not in html and "Draft mission text." not in html
        assert "Πρόχειρο όνομα τμήματος" not in html


# --- A history entry compared with what is published --------------------------------------


def test_a_history_entry_is_compared_with_what_is_published(department, editor, editor_client):
    department.save()  # a version with its competences already there
    first = department.history.order_by("history_date", "history_id").last()
    department.name_en = "Reception, renamed since"
    department.save()
    competence = department.competences.order_by("order").first()
    competence.text_el = "Νεότερο κείμενο αρμοδιότητας"
    competence.save()
    content_type = ContentType.objects.get_for_model(Department)
    with translation.override("en"):
        history = reverse("admin:departments_department_history", args=[department.pk])
        address = reverse(
            "admin:departments_draft_history_diff", args=[content_type.pk, first.history_id]
        )

    assert address in _text(editor_client.get(history))
    assert "Compare with published" in _text(editor_client.get(history))
    response = editor_client.get(address)

    html = _text(response)
    assert response.status_code == 200
    assert "<del>Department reception</del>" in html
    assert "<ins>Reception, renamed since</ins>" in html
    assert "<ins>Νεότερο κείμενο αρμοδιότητας</ins>" in html
    # Competences unchanged since are not reported as removed or added.
    assert "<td>removed</td>" not in html and "<td>added</td>" not in html


def test_the_history_comparison_refuses_other_models_and_unknown_entries(editor_client, db):
    draft_type = ContentType.objects.get_for_model(Draft)
    department_type = ContentType.objects.get_for_model(Department)
    with translation.override("en"):
        other = reverse("admin:departments_draft_history_diff", args=[draft_type.pk, 1])
        missing = reverse("admin:departments_draft_history_diff", args=[department_type.pk, 999])
        no_type = reverse("admin:departments_draft_history_diff", args=[99999, 1])
    assert editor_client.get(other).status_code == 404
    assert editor_client.get(missing).status_code == 404
    assert editor_client.get(no_type).status_code == 404


def test_competence_history_is_compared_too(department, editor_client):
    competence = Competence.objects.filter(department=department).first()
    first = competence.history.first()
    competence.text_en = "Rewritten competence"
    competence.save()
    content_type = ContentType.objects.get_for_model(Competence)
    with translation.override("en"):
        address = reverse(
            "admin:departments_draft_history_diff", args=[content_type.pk, first.history_id]
        )

    html = _text(editor_client.get(address))

    assert "<ins>Rewritten competence</ins>" in html


def test_the_preview_of_the_viber_block_shows_it_on_the_home_page(editor, editor_client, db):
    community = make_viber_community()
    draft = _draft(community, editor, text_en="Join us on Viber: a draft text.")

    html = _text(editor_client.get(_url("preview", draft.pk, "en")))

    assert '<mark class="draft-change">Join us on Viber: a draft text.</mark>' in html
    public = _text(Client().get("/en/"))
    assert "a draft text" not in public


def test_staff_who_may_only_view_drafts_see_them_but_take_no_step(department, editor, db):
    draft = _draft(department, editor, name_en="Viewed only")
    viewer = User.objects.create_user("viewer", password="pw-viewer-1", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_draft"))
    client = logged_in_client(User.objects.get(pk=viewer.pk))

    review = client.get(_url("review", draft.pk))

    assert review.status_code == 200
    assert "Publish now" not in _text(review) and "Discard draft" not in _text(review)
    assert client.get(_url("preview", draft.pk, "en")).status_code == 200
    for action in ("publish", "discard", "submit", "rebase"):
        assert client.post(_url("review", draft.pk), _form(draft, action)).status_code == 403
    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.DRAFT
