"""The workflow's e-mail (staff/notifications.py): who gets which message, in which language,
with which link, and only once the step has committed.

The steps are taken through departments.publishing's public functions; the messages land in
Django's locmem outbox (``mailoutbox``). Callbacks registered with ``on_commit`` run when the
test's ``committed`` block ends, as they would when a real transaction commits.
"""

from datetime import UTC, datetime, timedelta
from smtplib import SMTPRecipientsRefused
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.mail.backends import locmem
from django.db import transaction
from django.utils import timezone

from departments import publishing, snapshots
from departments.drafts import Draft, DraftEvent, DraftStatus
from staff.groups import PUBLISHERS, ensure_content_groups
from staff.models import StaffPreference

ORIGIN = "https://integration.example.gov.gr"  # SITE_ORIGIN in the tests (pyproject.toml)


@pytest.fixture(autouse=True)
def _approval(settings):
    settings.EDITORIAL_APPROVAL_REQUIRED = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as a committed transaction: its on_commit callbacks run when it ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _staff(username, *, email=True, language=None, publisher=False, **fields):
    user = User.objects.create_user(
        username,
        email=f"{username}@example.gov.gr" if email else "",
        password="pw-" + username,
        is_staff=True,
        **fields,
    )
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    if publisher:
        user.user_permissions.add(Permission.objects.get(codename="publish_draft"))
    if language:
        StaffPreference.objects.create(user=user, language=language)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def author(db):
    return _staff("author", first_name="Anna", last_name="Author")


@pytest.fixture
def reviewer(db):
    return _staff("reviewer", publisher=True, first_name="Petros", last_name="Reviewer")


def _draft(department, user, **changes):
    """Save a draft of the department (continuing its open draft, as its form would)."""
    data = snapshots.snapshot(department)
    data["fields"].update(changes or {"name_en": "Changed"})
    current = publishing.open_draft(department)
    seen = current.version if current is not None else None
    return publishing.save_draft(department, data, user, seen_version=seen)


def _sent_to(outbox):
    return sorted(address for message in outbox for address in message.to)


def _one_message_to(outbox, user):
    (message,) = outbox
    assert message.to == [user.email]
    return message


def _review_url(draft, language):
    return f"{ORIGIN}/{language}/admin/departments/draft/{draft.pk}/review/"


# --- Submitted: every publisher -------------------------------------------------------------


def test_a_submitted_draft_goes_to_every_publisher_and_nobody_else(
    department, author, reviewer, committed, mailoutbox
):
    ensure_content_groups()
    grouped = _staff("grouped")
    grouped.groups.add(Group.objects.get(name=PUBLISHERS))
    _staff("boss", is_superuser=True)
    _staff("retired", publisher=True, is_active=False)
    _staff("no-address", publisher=True, email=False)
    _staff("colleague")  # an editor, not a publisher
    draft = _draft(department, author)

    with committed():
        publishing.submit(draft, author)

    assert _sent_to(mailoutbox) == [
        "boss@example.gov.gr",
        "grouped@example.gov.gr",
        "reviewer@example.gov.gr",
    ]
    assert all(len(message.to) == 1 for message in mailoutbox)


def test_the_submission_names_the_item_and_the_author_and_links_the_review(
    department, author, reviewer, committed, mailoutbox
):
    draft = _draft(department, author)

    with committed():
        publishing.submit(draft, author)

    (message,) = mailoutbox
    assert draft.object_label in message.subject
    assert "Anna Author" in message.body
    assert draft.object_label in message.body
    assert _review_url(draft, "el") in message.body


def test_a_publisher_submitting_is_not_told_of_their_own_submission(
    department, reviewer, committed, mailoutbox
):
    other = _staff("other-publisher", publisher=True)
    draft = _draft(department, reviewer)

    with committed():
        publishing.submit(draft, reviewer)

    assert _sent_to(mailoutbox) == [other.email]


def test_submitting_on_the_review_page_mails_the_publisher(
    client, department, author, reviewer, committed, mailoutbox
):
    draft = _draft(department, author)
    client.force_login(author)

    with committed():
        answer = client.post(
            f"/el/admin/departments/draft/{draft.pk}/review/",
            {"action": "submit", "version": draft.version},
        )

    assert answer.status_code == 302
    assert _sent_to(mailoutbox) == [reviewer.email]
    assert _review_url(draft, "el") in mailoutbox[0].body


# --- In the recipient's language -----------------------------------------------------------


def test_each_publisher_reads_it_in_their_own_language_greek_by_default(
    department, author, reviewer, committed, mailoutbox
):
    _staff("english-reader", publisher=True, language="en")
    draft = _draft(department, author)
    label = draft.object_label

    with committed():
        publishing.submit(draft, author)

    by_address = {message.to[0]: message for message in mailoutbox}
    greek = by_address["reviewer@example.gov.gr"]
    english = by_address["english-reader@example.gov.gr"]
    assert greek.subject == f"Προσχέδιο «{label}»: υποβλήθηκε για έγκριση"
    assert "Ο χρήστης Anna Author υπέβαλε το προσχέδιο" in greek.body
    assert _review_url(draft, "el") in greek.body
    assert english.subject == f"Draft of “{label}” submitted for approval"
    assert "submitted the draft" in english.body
    assert _review_url(draft, "en") in english.body
    assert f"{ORIGIN}/en/admin/staff/staffpreference/" in english.body


# --- Sent back, approved, scheduled, published, failed: the authors --------------------------


def test_a_draft_sent_back_goes_to_its_authors_with_the_comment(
    department, author, reviewer, committed, mailoutbox
):
    second = _staff("second-author", language="en")
    draft = _draft(department, author)
    draft = _draft(department, second, name_en="Changed again")
    draft = publishing.submit(draft, second)

    with committed():
        publishing.send_back(draft, reviewer, "Fix the head's title.")

    assert _sent_to(mailoutbox) == [author.email, second.email]
    english = next(message for message in mailoutbox if message.to == [second.email])
    assert english.subject == f"Draft of “{draft.object_label}” sent back"
    assert "Fix the head's title." in english.body
    assert "Petros Reviewer sent back the draft" in english.body


def test_approving_and_publishing_at_once_sends_one_message_per_author(
    department, author, reviewer, committed, mailoutbox
):
    StaffPreference.objects.create(user=author, language="en")
    draft = publishing.submit(_draft(department, author), author)

    with committed():
        publishing.publish(draft, reviewer)

    assert list(draft.events.values_list("action", flat=True))[-2:] == ["approved", "published"]
    message = _one_message_to(mailoutbox, author)
    assert message.subject == f"Draft of “{draft.object_label}” published"
    assert "Petros Reviewer published the draft" in message.body


def test_approving_and_scheduling_at_once_sends_one_message_with_the_time_in_athens(
    department, author, reviewer, committed, mailoutbox
):
    StaffPreference.objects.create(user=author, language="en")
    draft = publishing.submit(_draft(department, author), author)
    year = timezone.now().year + 1
    when = datetime(year, 5, 1, 9, 30, tzinfo=ZoneInfo("Europe/Athens"))

    with committed():
        publishing.schedule(draft, reviewer, when.astimezone(UTC))

    (message,) = mailoutbox
    assert message.subject == f"Draft of “{draft.object_label}” scheduled"
    assert f"for publication on May 1, {year}, 9:30 a.m. (Athens time)" in message.body


def test_an_approval_on_its_own_tells_the_authors(
    department, author, reviewer, committed, mailoutbox
):
    # An approval recorded as a step of its own, apart from any publication.
    draft = publishing.submit(_draft(department, author), author)

    with committed():
        DraftEvent.objects.create(draft=draft, action=DraftEvent.Action.APPROVED, user=reviewer)

    message = _one_message_to(mailoutbox, author)
    assert message.subject == f"Προσχέδιο «{draft.object_label}»: εγκρίθηκε"


def test_a_scheduled_draft_that_cannot_be_published_tells_its_authors_why(
    department, author, reviewer, committed, mailoutbox
):
    StaffPreference.objects.create(user=author, language="en")
    draft = publishing.submit(_draft(department, author), author)
    draft = publishing.schedule(draft, reviewer, timezone.now() + timedelta(hours=1))
    department.name_en = "Published meanwhile"
    department.save()

    with committed():
        published, refused = publishing.publish_due(timezone.now() + timedelta(hours=2))

    assert (published, [d.pk for d in refused]) == ([], [draft.pk])
    message = _one_message_to(mailoutbox, author)
    assert message.subject == f"Draft of “{draft.object_label}” not published"
    # In the reader's language, whatever language the scheduler ran in.
    assert "Someone else published the item after the draft was started" in message.body
    assert _review_url(draft, "en") in message.body


def test_a_failure_tells_the_authors_its_recorded_reason(
    department, author, reviewer, committed, mailoutbox
):
    StaffPreference.objects.create(user=author, language="en")
    draft = publishing.submit(_draft(department, author), author)

    with committed():
        DraftEvent.objects.create(
            draft=draft, action=DraftEvent.Action.FAILED, comment="The address is in use."
        )

    message = _one_message_to(mailoutbox, author)
    assert message.subject == f"Draft of “{draft.object_label}” not published"
    assert "Reason: The address is in use." in message.body


def test_a_refused_publication_tells_the_authors_but_not_the_publisher(
    department, author, reviewer, committed, mailoutbox
):
    draft = publishing.submit(_draft(department, author), author)
    department.name_en = "Published meanwhile"
    department.save()

    with committed(), pytest.raises(publishing.Conflict):
        publishing.publish(draft, reviewer)

    message = _one_message_to(mailoutbox, author)
    assert message.subject == f"Προσχέδιο «{draft.object_label}»: δεν δημοσιεύθηκε"


def test_a_scheduled_publication_tells_the_authors_once_it_is_live(
    department, author, reviewer, committed, mailoutbox
):
    draft = publishing.submit(_draft(department, author), author)
    publishing.schedule(draft, reviewer, timezone.now() + timedelta(hours=1))

    with committed():
        publishing.publish_due(timezone.now() + timedelta(hours=2))

    message = _one_message_to(mailoutbox, author)
    assert message.subject == f"Προσχέδιο «{draft.object_label}»: δημοσιεύθηκε"


def test_saving_unscheduling_and_discarding_send_nothing(
    department, author, reviewer, committed, mailoutbox
):
    with committed():
        draft = _draft(department, author)
    draft = publishing.submit(draft, author)
    draft = publishing.schedule(draft, reviewer, timezone.now() + timedelta(hours=1))
    with committed():
        draft = publishing.unschedule(draft, reviewer)
        publishing.discard(draft, reviewer)

    assert mailoutbox == []


# --- After commit only; a mail server down never undoes a step ----------------------------


def test_nothing_is_sent_when_the_step_rolls_back(
    department, author, reviewer, committed, mailoutbox
):
    draft = _draft(department, author)

    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        publishing.submit(draft, author)
        raise RuntimeError("the request failed after the step")

    assert mailoutbox == []
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT


def test_nothing_is_sent_before_the_step_commits(department, author, reviewer, mailoutbox):
    draft = _draft(department, author)

    publishing.submit(draft, author)  # inside the test's transaction, which never commits

    assert mailoutbox == []


class RefusingBackend(locmem.EmailBackend):
    """An SMTP server that is down: every connection is refused."""

    def open(self):
        raise ConnectionRefusedError(111, "Connection refused")


class PickyBackend(locmem.EmailBackend):
    """An SMTP server that refuses one address (as it would one it does not know)."""

    def send_messages(self, messages):
        if any("refused" in address for message in messages for address in message.to):
            raise SMTPRecipientsRefused({"refused@example.gov.gr": (550, b"No such user")})
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
def test_a_mail_server_down_is_logged_and_the_step_stands(
    settings, department, author, reviewer, caplog, mailoutbox
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    _staff("second-publisher", publisher=True)
    draft = _draft(department, author)

    publishing.submit(draft, author)  # commits: the message fails after the commit

    assert Draft.objects.get(pk=draft.pk).status == DraftStatus.SUBMITTED
    assert DraftEvent.objects.filter(draft=draft, action="submitted").count() == 1
    (record,) = [r for r in caplog.records if r.name == "staff.notifications"]
    assert record.levelname == "ERROR"
    assert f"draft #{draft.pk}" in record.getMessage()
    assert "2 of 2 recipient(s)" in record.getMessage()
    assert mailoutbox == []


def test_one_refused_address_does_not_keep_the_message_from_the_others(
    settings, department, author, reviewer, committed, caplog, mailoutbox
):
    settings.EMAIL_BACKEND = f"{__name__}.PickyBackend"
    _staff("refused", publisher=True)
    draft = _draft(department, author)

    with committed():
        publishing.submit(draft, author)

    assert _sent_to(mailoutbox) == [reviewer.email]
    (record,) = [r for r in caplog.records if r.name == "staff.notifications"]
    assert f"draft #{draft.pk} (submitted), 1 of 2 recipient(s)" in record.getMessage()


@pytest.mark.django_db(transaction=True)
def test_a_real_commit_sends_and_a_real_rollback_does_not(department, author, reviewer, mailoutbox):
    draft = _draft(department, author)
    with pytest.raises(RuntimeError), transaction.atomic():
        publishing.submit(draft, author)
        raise RuntimeError("rolled back")
    assert mailoutbox == []

    publishing.submit(draft, author)

    assert _sent_to(mailoutbox) == [reviewer.email]
