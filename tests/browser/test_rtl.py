"""Right-to-left: the Arabic and Persian pages lay out mirrored."""

import pytest

from tests.browser.pages import PHONE, axe_violations, browser_tab, horizontal_overflow


@pytest.mark.parametrize(
    "path", ["/ar/", "/ar/social-integration/", "/ar/social-integration/interculturalism/"]
)
def test_a_right_to_left_language_gets_dir_rtl_and_passes_axe(browser, site, axe_source, path):
    with browser_tab(browser, PHONE) as page:
        response = page.goto(site + path)
        assert response.status == 200
        html = page.locator("html")
        assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
        assert axe_violations(page, axe_source) == []
        assert horizontal_overflow(page) == 0


def test_right_to_left_layout_is_mirrored(browser, site):
    with browser_tab(browser) as page:
        page.goto(f"{site}/ar/social-integration/")
        identity = page.locator(".site-header__identity").bounding_box()
        switcher = page.locator(".language-switcher").bounding_box()
        # The identity starts on the right, the language switcher sits to its left.
        assert switcher["x"] < identity["x"]
        assert page.locator("h1").evaluate("h => getComputedStyle(h).direction") == "rtl"


def test_content_without_arabic_is_shown_in_english_marked_lang_en(browser, site):
    with browser_tab(browser) as page:
        page.goto(f"{site}/ar/social-integration/")
        assert page.locator("h1").get_attribute("lang") == "en"
