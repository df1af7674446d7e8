"""A citizen's journey through the site in a real browser."""

import re


def test_citizen_moves_from_the_directorate_to_a_department_and_back_to_top(page, site):
    page.goto(f"{site}/el/social-integration/")
    assert page.locator("h1").inner_text() == "Διεύθυνση Κοινωνικής Ένταξης"
    assert page.locator("html").get_attribute("lang") == "el"

    # The department heading's link (the contents link above it stays on the page).
    page.locator("h3").get_by_role("link", name="Τμήμα Διαπολιτισμικότητας").click()
    page.wait_for_url(re.compile(r".*/el/social-integration/interculturalism/$"))
    assert page.locator("h1").inner_text() == "Τμήμα Διαπολιτισμικότητας"
    assert page.locator("ul.competences li").count() == 8

    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r".*/en/social-integration/interculturalism/$"))
    assert page.locator("h1").inner_text() == "Department of Interculturalism"

    page.mouse.wheel(0, 5000)
    page.get_by_role("link", name="Back to top").click()
    page.wait_for_function("window.scrollY === 0")
    assert page.evaluate("window.scrollY") == 0


def test_skip_link_is_the_first_thing_the_keyboard_reaches(page, site):
    page.goto(f"{site}/en/social-integration/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
