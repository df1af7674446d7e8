"""A text purged from the history leaves the drafts too: what they held, their comments, their
events; while an open draft would still publish it, the purge is refused (staff/purge_drafts.py).
"""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import translation

from departments import publishing, snapshots
from departments.drafts import Draft, DraftEvent
from departments.models import Department
from staff.models import HistoryPurge
from staff.purge import purge_history_text
from tests.staff.db_scan import rows_holding, tables_holding

SECRET = "Κρυφή Οδός 13, τηλ. 6911111111"
# The secret's ASCII part: found by a raw scan even where a JSON column stores Greek escaped.
PHONE = "6911111111"
PURGE_URL = "/en/admin/staff/historypurge/add/"


@pytest.fixture
def approval(settings):
    settings.EDITORIAL_APPROVAL_REQUIRED = True


def _save(obj, user, competence_text=None, **fields):
    data = snapshots.snapshot(obj)
    data["fields"].update(fields)
    if competence_text is not None:
        data["competences"][0]["text_en"] = competence_text
    return publishing.save_draft(obj, data, user)


@pytest.fixture
def published_then_purged(approval, department, editor, publisher):
    """A draft published the text, a second one was sent back over it and discarded, a third
    took it out; what the test needs to find the pages again, before the purge."""
    first = _save(department, editor, competence_text=SECRET, name_el=f"Τμήμα ({SECRET})")
    publishing.submit(first, editor)
    publishing.publish(first, publisher)
    department.refresh_from_db()
    second = _save(department, editor, name_el="Τμήμα reception")
    publishing.submit(second, editor)
    publishing.send_back(second, publisher, f"Remove “{SECRET}” from the competence too.")
    publishing.discard(second, editor)
    third = _save(department, editor, competence_text="Competence", name_el="Τμήμα reception")
    publishing.submit(third, editor)
    publishing.publish(third, publisher)
    record = Department.history.filter(name_el__contains="Κρυφή").first()
    return {
        "drafts": [first, second, third],
        "history_diff": (
            f"/en/admin/departments/draft/history/"
            f"{ContentType.objects.get_for_model(Department).pk}/{record.history_id}/diff/"
        ),
    }


def _pages(client, scenario):
    """The review and preview pages of each draft, and the history entry's diff page."""
    urls = [scenario["history_diff"]]
    for draft in scenario["drafts"]:
        urls.append(f"/en/admin/departments/draft/{draft.pk}/review/")
        urls.extend(
            f"/{code}/admin/departments/draft/{draft.pk}/preview/{code}/" for code in ["el", "en"]
        )
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


def test_a_purged_text_is_gone_from_drafts_their_pages_and_every_row(
    admin_client, published_then_purged
):
    before = rows_holding("κρυφή", PHONE)
    # The fault: the drafts, their events and their pages kept the text after the history's purge.
    assert {"departments_draft", "departments_draftevent"} <= tables_holding("κρυφή", PHONE)
    assert all("Κρυφή" in html for html in _pages(admin_client, published_then_purged).values())

    response = admin_client.post(PURGE_URL, {"text": SECRET.lower()})

    assert response.status_code == 302
    assert rows_holding("κρυφή", PHONE) == []
    assert tables_holding("κρυφή", PHONE) == set()
    for url, html in _pages(admin_client, published_then_purged).items():
        assert "κρυφή" not in html.lower() and PHONE not in html, url
    review = admin_client.get(
        f"/en/admin/departments/draft/{published_then_purged['drafts'][1].pk}/review/"
    )
    assert "Remove “[…]” from the competence too." in review.content.decode()
    purge = HistoryPurge.objects.get()
    drafts = [row for row in before if row[0] in ("departments_draft", "departments_draftevent")]
    assert purge.draft_records == len(drafts)
    assert purge.records == len(
        {row for row in before if "historical" in row[0] or row[0] == "django_admin_log"}
    )


def test_a_closed_draft_keeps_its_shape_with_the_text_replaced(published_then_purged, superuser):
    first = published_then_purged["drafts"][0]
    before = Draft.objects.get(pk=first.pk).data

    purge_history_text(SECRET, superuser)

    after = Draft.objects.get(pk=first.pk).data
    assert after["fields"]["name_el"] == "Τμήμα ([…])"
    assert after["competences"][0]["text_en"] == "[…]"
    assert snapshots.versions(after) == snapshots.versions(before)
    assert after["fields"].keys() == before["fields"].keys()


def test_the_purge_page_counts_the_records_before_changing_anything(
    admin_client, published_then_purged
):
    before = rows_holding("κρυφή", PHONE)
    drafts = [row for row in before if row[0] in ("departments_draft", "departments_draftevent")]

    response = admin_client.post(PURGE_URL, {"text": SECRET, "_count": "Count"})

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f"Draft records (drafts and their events) holding the text: <strong>{len(drafts)}</strong>"
        in html
    )
    assert "Nothing has been changed yet" in html
    assert SECRET in html  # the form keeps the text for the purge itself
    assert rows_holding("κρυφή", PHONE) == before
    assert not HistoryPurge.objects.exists()


def test_editors_cannot_count_either(editor_client, published_then_purged):
    response = editor_client.post(PURGE_URL, {"text": SECRET, "_count": "Count"})

    assert response.status_code == 403
    assert "holding the text" not in response.content.decode()


def _draft_rows():
    return list(Draft.objects.values()), list(DraftEvent.objects.values())


def test_a_text_an_open_draft_would_publish_is_refused_naming_the_draft(
    admin_client, department, editor
):
    draft = _save(department, editor, head_name_en=f"Giorgos ({SECRET})")
    before = rows_holding("κρυφή", PHONE), _draft_rows()

    response = admin_client.post(PURGE_URL, {"text": SECRET})

    html = response.content.decode()
    assert response.status_code == 200
    assert f"Draft #{draft.pk} of “Τμήμα reception” still holds the text" in html
    assert f'<a href="/en/admin/departments/department/{department.pk}/change/">' in html
    assert f'<a href="/en/admin/departments/draft/{draft.pk}/review/">discard the draft</a>' in html
    assert (rows_holding("κρυφή", PHONE), _draft_rows()) == before
    assert not HistoryPurge.objects.exists()


def test_an_open_draft_of_a_deleted_item_is_named_with_its_review_page_only(
    admin_client, department, editor
):
    draft = _save(department, editor, head_name_en=SECRET)
    department.delete()  # its open draft stays, to be discarded

    response = admin_client.post(PURGE_URL, {"text": SECRET})

    html = response.content.decode()
    assert f"Draft #{draft.pk} of “Τμήμα reception” still holds the text" in html
    assert f'<a href="/en/admin/departments/draft/{draft.pk}/review/">discard the draft</a>' in html
    assert "change form" not in html
    assert not HistoryPurge.objects.exists()


def test_the_refusal_reads_in_greek(admin_client, department, editor):
    draft = _save(department, editor, head_name_en=SECRET)

    response = admin_client.post(PURGE_URL.replace("/en/", "/el/"), {"text": SECRET})

    html = response.content.decode()
    assert response.status_code == 200
    assert f"Το προσχέδιο #{draft.pk} του «Τμήμα reception»" in html
    assert "still holds" not in html


def test_the_command_refuses_in_plain_text_while_an_open_draft_holds_the_text(
    department, editor, superuser
):
    draft = _save(department, editor, head_name_en=SECRET)

    # In the site's language, Greek, like the admin's messages.
    with translation.override("el"), pytest.raises(CommandError) as error:
        call_command("purge_history_text", "--user", superuser.username, SECRET)

    message = str(error.value)
    assert message.startswith(f"Το προσχέδιο #{draft.pk} του «Τμήμα reception» περιέχει ακόμη")
    assert "<a" not in message and "ακυρώστε το προσχέδιο" in message
    assert Draft.objects.get(pk=draft.pk).data == draft.data


def test_an_open_draft_started_on_the_text_keeps_its_content_and_loses_the_text_in_its_base(
    department, editor, superuser
):
    department.head_name_en = SECRET
    department.save()
    draft = _save(department, editor, name_en="Reception desk", head_name_en="Giorgos Nikolaou")
    # Taken off the site by another way than this draft (a restore, say): the draft is outdated.
    department.head_name_en = "Giorgos Nikolaou"
    department.save()

    out = io.StringIO()
    call_command("purge_history_text", "--user", superuser.username, SECRET, stdout=out)

    draft.refresh_from_db()
    assert draft.status == "draft" and draft.data["fields"]["name_en"] == "Reception desk"
    assert draft.base["fields"]["head_name_en"] == "[…]"
    assert "1 draft record(s)" in out.getvalue()
    assert rows_holding("κρυφή", PHONE) == []
