"""The admin's translation files page in a real browser: no axe violation (WCAG 2.1 A and AA) in
Greek and English, empty and with an import's report and a refused file."""

from dataclasses import replace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from departments import translation_units, xliff
from staff.groups import ensure_editors_group
from tests.browser.pages import axe_violations, browser_tab
from tests.browser.test_draft_accessibility import _signed_in


@pytest.fixture
def editor(site):
    user = get_user_model().objects.create_user("nikos", password="pw-nikos-xliff-1", is_staff=True)
    ensure_editors_group()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.mark.parametrize("lang", ["el", "en"])
def test_the_translation_files_page_has_no_axe_violations(
    browser, site, axe_source, editor, lang, tmp_path
):
    _cookie, session = _signed_in(browser, site, editor)
    first = translation_units.selected_units("ar")[0]
    document = xliff.write([replace(first, target="مديرية")], "ar")
    good, bad = tmp_path / "ar.xlf", tmp_path / "bad.xlf"
    good.write_bytes(document)
    bad.write_bytes(b"<xliff")
    with browser_tab(browser) as page:
        page.context.add_cookies([session])
        response = page.goto(f"{site}/{lang}/admin/staff/translationfile/")
        assert response.status == 200
        assert axe_violations(page, axe_source) == []
        for upload, status in ((good, 200), (bad, 400)):
            page.locator('input[type="file"]').set_input_files(str(upload))
            with page.expect_navigation() as navigation:
                page.locator('input[name="import"]').click()
            assert navigation.value.status == status
            assert axe_violations(page, axe_source) == []
