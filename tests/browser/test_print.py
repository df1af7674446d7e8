"""Printed directorate and department pages are contact sheets without navigation."""

import pytest

from tests.browser.pages import browser_tab

HIDDEN_IN_PRINT = [
    ".skip-link",
    ".site-header",
    ".breadcrumb",
    ".feedback",
    ".site-footer",
    ".page-contents",
]


@pytest.mark.parametrize(
    "path", ["/el/social-integration/", "/en/social-integration/interculturalism/"]
)
def test_print_shows_contacts_without_navigation(browser, site, path):
    with browser_tab(browser) as page:
        page.goto(site + path)
        page.emulate_media(media="print")
        for selector in HIDDEN_IN_PRINT:
            assert page.locator(selector).first.is_hidden(), selector
        assert page.locator("h1").is_visible()
        assert page.locator(".contact-card, .contact-line").first.is_visible()
        assert page.locator("ul.competences li").first.is_visible()
        page.emulate_media(media="screen")
        assert page.locator(".site-header").is_visible()
