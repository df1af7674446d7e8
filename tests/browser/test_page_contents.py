"""The directorate page's contents: each link lands on its heading, focused and in view."""

import pytest

from tests.browser.pages import DEPARTMENTS, DESKTOP, PHONE, axe_violations, browser_tab

TARGETS = [*(f"dept-{slug}" for slug in DEPARTMENTS), "contact", "community-heading"]

# Where the target is, and whether it is the element shown at its own top-left corner (so that
# nothing sticky or overlapping covers it).
TARGET_STATE = """id => {
  const el = document.getElementById(id), box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + 2, box.top + 2);
  return {focused: document.activeElement === el, top: box.top, bottom: box.bottom,
          height: innerHeight, uncovered: el === hit || el.contains(hit),
          hash: location.hash};
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375x667", "1280x800"])
@pytest.mark.parametrize("lang", ["el", "en"])
def test_each_contents_link_lands_on_its_heading_with_focus(
    browser, site, axe_source, lang, viewport
):
    with browser_tab(browser, viewport, java_script_enabled=True) as page:
        page.goto(f"{site}/{lang}/social-integration/")
        links = page.locator(".page-contents a")
        assert [
            href.lstrip("#")
            for href in links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
        ] == TARGETS
        for index, target in enumerate(TARGETS):
            links.nth(index).focus()
            page.keyboard.press("Enter")
            page.wait_for_function("id => document.activeElement.id === id", arg=target)
            state = page.evaluate(TARGET_STATE, target)
            assert state["focused"], target
            assert state["hash"] == f"#{target}"
            assert 0 <= state["top"] < state["height"], (target, state)
            assert state["uncovered"], (target, state)
        assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("lang", ["el", "en"])
def test_contents_work_without_javascript(browser, site, lang):
    with browser_tab(browser, PHONE, java_script_enabled=False) as page:
        page.goto(f"{site}/{lang}/social-integration/")
        page.locator(".page-contents a").nth(2).click()
        assert page.url.endswith(f"#{TARGETS[2]}")
        box = page.locator(f"#{TARGETS[2]}").bounding_box()
        assert 0 <= box["y"] < PHONE["height"]


def test_a_head_search_result_lands_on_that_departments_contact_line(browser, site):
    with browser_tab(browser, PHONE) as page:
        page.goto(f"{site}/en/search/?q=keramida")
        page.locator(".search-result__title a").first.click()
        target = "dept-interculturalism-contact"
        page.wait_for_function("id => document.activeElement.id === id", arg=target)
        state = page.evaluate(TARGET_STATE, target)
        assert 0 <= state["top"] < state["height"]
        assert page.locator(f"#{target}").inner_text().startswith("Head: Fani Keramida")
