"""A citizen searches from the header of any page, without JavaScript, in a real browser."""

import re

import pytest


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_citizen_searches_from_the_header_without_javascript_and_reaches_the_competence(
    page_without_js, site
):
    page = page_without_js
    page.goto(f"{site}/el/social-integration/")
    page.get_by_label("Αναζήτηση στον ιστότοπο").fill("ΙΘΑΓΕΝΕΙΑ")
    page.get_by_label("Αναζήτηση στον ιστότοπο").press("Enter")
    page.wait_for_url(re.compile(r".*/el/search/\?q=%CE%99"))
    assert page.locator("h1").inner_text() == "Αναζήτηση"
    assert page.locator(".search-result mark").first.inner_text() == "ιθαγένειας"

    page.locator(".search-result__title a").first.click()
    page.wait_for_url(
        re.compile(r".*/el/social-integration/socio-economic-integration/#competence-\d+$")
    )
    anchor = page.url.split("#")[1]
    assert "ιθαγένειας" in page.locator(f"#{anchor}").inner_text()


def test_search_results_page_has_no_accessibility_violations(page, site, axe_source):
    for query in ("κοινωνικης ενταξης", "ξυλοκόπος", ""):
        page.goto(f"{site}/el/search/?q={query}")
        # evaluate, not a <script> tag: the site's Content-Security-Policy forbids inline scripts.
        page.evaluate(axe_source)
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
        )
        assert violations == [], query
