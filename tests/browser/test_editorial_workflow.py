"""The editorial workflow in a real browser: draft, preview in both languages, publish, schedule,
approve. A citizen in a browser of their own sees only what is published, at once."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from departments.drafts import Draft, DraftStatus
from departments.models import Competence
from departments.publishing import publish_due
from staff.groups import ensure_editors_group

PASSWORD = "correct horse battery staple"
ATHENS = ZoneInfo("Europe/Athens")
NEW_GREEK = "Σχεδιασμός δράσεων διαπολιτισμικής μάθησης σε σχολεία."
NEW_ENGLISH = "Planning of intercultural learning activities in schools."


@pytest.fixture
def staff(db):
    """Make staff accounts: an Editor, or a Publisher (``publisher=True``)."""
    ensure_editors_group()  # other live-server tests flush the database

    def make(username, publisher=False):
        user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name="Publishers" if publisher else "Editors"))
        return user

    return make


@pytest.fixture
def competence(site):
    return Competence.objects.filter(department__slug="interculturalism").order_by("order").first()


def _log_in(browser, site, username):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/el/admin/")
    page.get_by_label("Όνομα χρήστη").fill(username)
    page.get_by_label("Συνθηματικό").fill(PASSWORD)
    page.get_by_role("button", name="Σύνδεση").click()
    page.wait_for_url(re.compile(r".*/el/admin/$"))
    return page


def _citizen_sees(browser, site, competence):
    """The competence's text as a citizen (no session, page cache on) sees it, per language."""
    context = browser.new_context()
    try:
        page = context.new_page()
        texts = {}
        for lang in ("el", "en"):
            page.goto(f"{site}/{lang}/social-integration/interculturalism/")
            texts[lang] = page.locator(f"#competence-{competence.pk}").inner_text()
        return texts
    finally:
        context.close()


def _draft_a_change(page, site, competence, button):
    """In the department's form, change the competence in both languages and press ``button``."""
    page.goto(f"{site}/el/admin/departments/department/{competence.department_id}/change/")
    row = page.locator(f"input[name$='-id'][value='{competence.pk}']").locator(
        "xpath=ancestor::tr[1]"
    )
    # Each competence's row shows one language at a time, with a tab per language.
    for tab, name, text in (("EL", "text_el", NEW_GREEK), ("EN", "text_en", NEW_ENGLISH)):
        row.get_by_role("tab", name=tab).click()
        row.locator(f"textarea[name$='-{name}']").fill(text)
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    return Draft.objects.get(object_id=competence.department_id, status__in=["draft", "submitted"])


def test_a_draft_is_previewed_in_both_languages_and_goes_live_when_published(
    browser, site, settings, staff, competence
):
    settings.SERVING_PAGE_CACHE = True
    staff("eleni")
    published = _citizen_sees(browser, site, competence)  # now in the page cache too
    editor = _log_in(browser, site, "eleni")

    draft = _draft_a_change(editor, site, competence, "Αποθήκευση προσχεδίου")
    assert draft.status == DraftStatus.DRAFT

    editor.goto(f"{site}/el/admin/departments/draft/{draft.pk}/preview/el/")
    assert "Προεπισκόπηση" in editor.locator("body").inner_text()
    assert editor.locator(f"#competence-{competence.pk} mark.draft-change").inner_text() == (
        NEW_GREEK
    )
    editor.get_by_role("link", name=re.compile("^(English|Αγγλικά)$")).first.click()
    editor.wait_for_url(re.compile(r".*/preview/en/$"))
    assert editor.locator(f"#competence-{competence.pk} mark.draft-change").inner_text() == (
        NEW_ENGLISH
    )

    assert _citizen_sees(browser, site, competence) == published

    editor.goto(f"{site}/el/admin/departments/draft/{draft.pk}/review/")
    editor.get_by_role("button", name="Δημοσίευση τώρα").click()
    editor.wait_for_load_state()

    assert _citizen_sees(browser, site, competence) == {"el": NEW_GREEK, "en": NEW_ENGLISH}
    editor.context.close()


def test_a_scheduled_draft_goes_live_when_its_time_passes_and_not_before(
    browser, site, settings, staff, competence
):
    settings.SERVING_PAGE_CACHE = True
    staff("eleni")
    published = _citizen_sees(browser, site, competence)
    editor = _log_in(browser, site, "eleni")
    draft = _draft_a_change(editor, site, competence, "Αποθήκευση προσχεδίου")

    when = (timezone.now() + timedelta(hours=3)).astimezone(ATHENS).replace(second=0, microsecond=0)
    editor.goto(f"{site}/el/admin/departments/draft/{draft.pk}/review/")
    editor.locator("input[name=publish_at]").fill(when.strftime("%Y-%m-%dT%H:%M"))
    editor.get_by_role("button", name="Προγραμματισμός").click()
    editor.wait_for_load_state()
    draft.refresh_from_db()
    assert draft.status == DraftStatus.SCHEDULED
    assert draft.publish_at == when

    # The scheduler runs every minute; the clock is driven, not waited for.
    publish_due(now=when - timedelta(seconds=1))
    assert _citizen_sees(browser, site, competence) == published
    publish_due(now=when + timedelta(seconds=30))
    assert _citizen_sees(browser, site, competence) == {"el": NEW_GREEK, "en": NEW_ENGLISH}
    editor.context.close()


def test_with_approval_on_the_editor_submits_and_another_publisher_publishes(
    browser, site, settings, staff, competence
):
    settings.SERVING_PAGE_CACHE = True
    settings.EDITORIAL_APPROVAL_REQUIRED = True
    staff("eleni")
    staff("nikos", publisher=True)
    published = _citizen_sees(browser, site, competence)
    editor = _log_in(browser, site, "eleni")

    editor.goto(f"{site}/el/admin/departments/department/{competence.department_id}/change/")
    assert editor.get_by_role("button", name="Αποθήκευση και δημοσίευση").count() == 0
    draft = _draft_a_change(editor, site, competence, "Υποβολή για έγκριση")
    assert draft.status == DraftStatus.SUBMITTED

    editor.goto(f"{site}/el/admin/departments/draft/{draft.pk}/review/")
    assert editor.get_by_role("button", name="Δημοσίευση τώρα").count() == 0
    assert editor.get_by_role("button", name="Έγκριση και δημοσίευση").count() == 0
    assert _citizen_sees(browser, site, competence) == published

    publisher = _log_in(browser, site, "nikos")
    publisher.goto(f"{site}/el/admin/departments/draft/{draft.pk}/review/")
    publisher.get_by_role("button", name="Έγκριση και δημοσίευση").click()
    publisher.wait_for_load_state()

    assert _citizen_sees(browser, site, competence) == {"el": NEW_GREEK, "en": NEW_ENGLISH}
    editor.context.close()
    publisher.context.close()


def test_a_publisher_who_loaded_the_review_before_the_editors_second_save_is_refused(
    browser, site, settings, staff, competence
):
    """Fault 1 of issue 20: an approval is bound to the version the publisher read."""
    settings.EDITORIAL_APPROVAL_REQUIRED = True
    staff("eleni")
    staff("nikos", publisher=True)
    published = _citizen_sees(browser, site, competence)
    editor = _log_in(browser, site, "eleni")
    draft = _draft_a_change(editor, site, competence, "Υποβολή για έγκριση")

    publisher = _log_in(browser, site, "nikos")
    publisher.goto(f"{site}/el/admin/departments/draft/{draft.pk}/review/")
    assert NEW_GREEK in publisher.locator("body").inner_text()

    # Meanwhile the editor saves the draft again with a text the publisher has not read.
    unread = "Κείμενο που δεν ελέγχθηκε."
    editor.goto(f"{site}/el/admin/departments/department/{competence.department_id}/change/")
    row = editor.locator(f"input[name$='-id'][value='{competence.pk}']").locator(
        "xpath=ancestor::tr[1]"
    )
    row.get_by_role("tab", name="EL").click()
    row.locator("textarea[name$='-text_el']").fill(unread)
    editor.get_by_role("button", name="Αποθήκευση προσχεδίου").click()
    editor.wait_for_load_state()

    publisher.get_by_role("button", name="Έγκριση και δημοσίευση").click()
    publisher.wait_for_load_state()

    alert = publisher.get_by_role("alert")
    assert "Το προσχέδιο άλλαξε αφού το ανοίξατε" in alert.inner_text()
    stale = publisher.locator("section", has=publisher.locator("#draft-stale-heading"))
    assert unread in stale.inner_text()  # the new diff is shown
    assert _citizen_sees(browser, site, competence) == published
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DRAFT
    editor.context.close()
    publisher.context.close()
