"""The drafts' pages in a real browser: axe-core (WCAG 2.1 A and AA) finds nothing on a draft's
preview, the pending page and the review page, in Greek and in English; the preview keeps the
site's Content-Security-Policy (its marks are styled by a stylesheet, nothing inline)."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import translation

from departments import publishing, snapshots
from departments.models import Department
from staff.groups import ensure_editors_group
from tests.browser.pages import axe_violations, browser_tab
from tests.browser.test_content_security_policy import collect_violations


@pytest.fixture
def editor(site):
    user = get_user_model().objects.create_user("eleni", password="pw-eleni-draft-1", is_staff=True)
    # Other live-server tests flush the database; a deployment's migrate keeps the group.
    ensure_editors_group()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def draft(editor):
    department = Department.objects.get(slug="interculturalism")
    data = snapshots.snapshot(department)
    data["fields"]["name_en"] = "Interculturalism and dialogue"
    data["fields"]["name_el"] = "Διαπολιτισμικότητα και διάλογος"
    data["competences"][0]["text_en"] = "A competence rewritten in a draft."
    # No English yet for a new competence: the English preview labels it.
    data["competences"].append(
        {"id": None, "version": None, "order": 99, "text_el": "Νέα αρμοδιότητα.", "text_en": ""}
    )
    return publishing.save_draft(department, data, editor)


def _signed_in(browser, site, user):
    """A browser tab carrying the user's session (no login form to go through)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookie, {"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": site}


def _address(name, *args, language):
    with translation.override(language):
        return reverse(f"admin:departments_draft_{name}", args=args)


def _pages(draft):
    department = Department.objects.get(pk=draft.object_id)
    history = department.history.order_by("history_date", "history_id").first()
    content_type = ContentType.objects.get_for_model(Department)
    return {
        "preview": lambda lang: _address("preview", draft.pk, lang, language=lang),
        "pending": lambda lang: _address("changelist", language=lang),
        "review": lambda lang: _address("review", draft.pk, language=lang),
        "history_diff": lambda lang: _address(
            "history_diff", content_type.pk, history.history_id, language=lang
        ),
    }


@pytest.mark.parametrize("lang", ["el", "en"])
@pytest.mark.parametrize("which", ["preview", "pending", "review", "history_diff"])
def test_the_drafts_pages_have_no_axe_violations(
    browser, site, axe_source, editor, draft, which, lang
):
    _cookie, session = _signed_in(browser, site, editor)
    with browser_tab(browser) as page:
        page.context.add_cookies([session])
        response = page.goto(site + _pages(draft)[which](lang))
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == lang
        assert axe_violations(page, axe_source) == []


def test_the_preview_keeps_the_csp_and_shows_its_banner_and_marks(browser, site, editor, draft):
    _cookie, session = _signed_in(browser, site, editor)
    context = browser.new_context()
    try:
        context.add_cookies([session])
        page = context.new_page()
        violations = collect_violations(page)
        response = page.goto(site + _address("preview", draft.pk, "en", language="en"))
        page.wait_for_load_state("networkidle")
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "private, no-store"
        assert violations == []
        banner = page.locator(".draft-preview-banner")
        assert "Preview" in banner.inner_text()
        # Styled by the previews' stylesheet (an inline style would have been refused).
        assert banner.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(11, 12, 12)"
        assert (
            page.locator("mark.draft-change")
            .filter(has_text="A competence rewritten in a draft.")
            .count()
            == 1
        )
        assert page.get_by_text("[English missing]").count() == 1
        # One click to the Greek preview.
        banner.get_by_role("link", name="Ελληνικά").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "el"
        assert "Προεπισκόπηση" in page.locator(".draft-preview-banner").inner_text()
    finally:
        context.close()
