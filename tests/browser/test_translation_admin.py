"""The translation admin in a real browser: a tab per language (Greek, English, then the
others), the Arabic input right-to-left, and the coverage page free of axe violations."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from departments.models import Department
from staff.groups import ensure_editors_group
from tests.browser.pages import axe_violations, browser_tab
from tests.browser.test_draft_accessibility import _signed_in


@pytest.fixture
def editor(site):
    user = get_user_model().objects.create_user("eleni", password="pw-eleni-tr-1", is_staff=True)
    ensure_editors_group()  # other live-server tests flush the database
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_the_change_form_has_a_tab_per_language_and_arabic_reads_right_to_left(
    browser, site, editor
):
    department = Department.objects.get(slug="interculturalism")
    _cookie, session = _signed_in(browser, site, editor)
    with browser_tab(browser) as page:
        page.context.add_cookies([session])
        page.goto(f"{site}/en/admin/departments/department/{department.pk}/change/")
        tabs = page.locator(".ui-tabs").first.locator(".ui-tabs-nav a")
        assert tabs.all_text_contents() == ["el", "en", "ar", "fa", "fr", "uk", "sq"]
        tabs.nth(2).click()
        arabic = page.locator("#id_name_ar")
        assert arabic.is_visible()
        assert arabic.evaluate("el => getComputedStyle(el).direction") == "rtl"
        # The seed carries an Arabic name.
        assert "Translation status: translated" in page.locator("#id_name_ar_helptext").inner_text()


@pytest.mark.parametrize("lang", ["el", "en"])
def test_the_coverage_page_has_no_axe_violations(browser, site, axe_source, editor, lang):
    _cookie, session = _signed_in(browser, site, editor)
    with browser_tab(browser) as page:
        page.context.add_cookies([session])
        response = page.goto(f"{site}/{lang}/admin/translations/")
        assert response.status == 200
        assert page.locator("table.coverage-language").count() == 6
        assert axe_violations(page, axe_source) == []
