"""WCAG 2.1 A/AA in a real browser: axe-core on every page, keyboard, language, reflow."""

from itertools import pairwise

import pytest

from tests.browser.pages import (
    DESKTOP,
    PHONE,
    PUBLIC_PAGES,
    axe_violations,
    browser_tab,
    horizontal_overflow,
)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375x667", "1280x800"])
@pytest.mark.parametrize("lang", ["el", "en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_page_has_no_axe_violations(browser, site, axe_source, path, lang, viewport):
    with browser_tab(browser, viewport) as page:
        page.goto(site + path.format(lang=lang))
        assert axe_violations(page, axe_source) == []


@pytest.mark.parametrize("lang", ["ar", "fa", "fr", "uk", "sq"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_page_in_the_readers_languages_has_no_axe_violations_on_a_phone(
    browser, site, axe_source, path, lang
):
    # The five languages' pages differ from the English by the interface's words and the
    # direction (Arabic, Persian): the phone, where text wraps most, is where they can break.
    with browser_tab(browser, PHONE) as page:
        page.goto(site + path.format(lang=lang))
        assert axe_violations(page, axe_source) == []
        assert horizontal_overflow(page) == 0


@pytest.mark.parametrize("path", ["/el/", "/en/social-integration/interculturalism/"])
def test_skip_link_comes_first_and_moves_focus_to_the_main_content(browser, site, path):
    with browser_tab(browser) as page:
        page.goto(site + path)
        page.keyboard.press("Tab")
        skip = page.locator(":focus")
        assert skip.get_attribute("class") == "skip-link"
        assert skip.is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


def test_back_to_top_moves_keyboard_focus_to_the_top(browser, site):
    with browser_tab(browser, PHONE) as page:
        page.goto(f"{site}/en/social-integration/")
        page.locator(".back-to-top").focus()
        assert page.evaluate("window.scrollY") > 0
        page.keyboard.press("Enter")
        page.wait_for_function("window.scrollY === 0")
        assert page.evaluate("document.activeElement.id") == "top"
        page.keyboard.press("Tab")
        assert page.locator(":focus").get_attribute("class") == "skip-link"


def test_every_focusable_element_shows_visible_focus(browser, site):
    with browser_tab(browser) as page:
        page.goto(f"{site}/en/social-integration/interculturalism/")
        seen = 0
        for _ in range(40):
            page.keyboard.press("Tab")
            style = page.evaluate(
                """() => {
                  const el = document.activeElement, s = getComputedStyle(el);
                  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
                    && !s.outlineColor.endsWith(', 0)');
                  return {tag: el.tagName, outline, shadow: s.boxShadow !== 'none',
                          background: s.backgroundColor};
                }"""
            )
            if style["tag"] == "BODY":
                break
            seen += 1
            assert style["outline"] or style["shadow"], style
        assert seen > 8


@pytest.mark.parametrize("lang", ["el", "en"])
@pytest.mark.parametrize(
    "path",
    [
        "/{lang}/",
        "/{lang}/social-integration/",
        "/{lang}/social-integration/interculturalism/",
        "/{lang}/accessibility/",
    ],
)
def test_landmarks_and_a_heading_outline_without_gaps(browser, site, path, lang):
    with browser_tab(browser) as page:
        page.goto(site + path.format(lang=lang))
        assert page.locator("header.site-header").count() == 1
        assert page.locator("main").count() == 1
        assert page.locator("footer.site-footer").count() == 1
        levels = page.evaluate(
            "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"
        )
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in pairwise(levels)), levels


GREEK_TEXT_OUTSIDE_LANG_EL = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const wrong = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (/[\\u0370-\\u03ff\\u1f00-\\u1fff]/.test(node.data)
        && node.parentElement.closest('[lang]').getAttribute('lang') !== 'el') {
      wrong.push(node.data.trim().slice(0, 40));
    }
  }
  return wrong;
}"""


@pytest.mark.parametrize(
    "path", ["/en/", "/en/social-integration/", "/en/social-integration/interculturalism/"]
)
def test_greek_passages_on_english_pages_are_marked_lang_el(browser, site, path):
    with browser_tab(browser) as page:
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.evaluate(GREEK_TEXT_OUTSIDE_LANG_EL) == []
        assert page.locator('.language-switcher a[lang="el"]').count() == 1


def test_untranslated_content_is_marked_greek_in_the_browser(browser, site):
    from departments.models import Department

    Department.objects.filter(slug="interculturalism").update(name_en="")
    with browser_tab(browser) as page:
        page.goto(f"{site}/en/social-integration/interculturalism/")
        assert page.locator("h1").get_attribute("lang") == "el"
        assert page.evaluate(GREEK_TEXT_OUTSIDE_LANG_EL) == []


@pytest.mark.parametrize("lang", ["el", "en"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_no_horizontal_scrolling_at_320_pixels(browser, site, path, lang):
    with browser_tab(browser, {"width": 320, "height": 640}) as page:
        page.goto(site + path.format(lang=lang))
        assert horizontal_overflow(page) == 0


def test_content_is_intact_without_javascript(browser, site):
    with browser_tab(browser, java_script_enabled=False) as page:
        page.goto(f"{site}/el/social-integration/")
        assert page.locator("h1").inner_text() == "Διεύθυνση Κοινωνικής Ένταξης"
        assert page.locator("ul.competences li").count() == 29
        assert page.locator(".contact-line a[href^='mailto:']").count() == 4
        assert page.locator("svg.qr-code").count() == 1


def test_feedback_form_works_without_javascript(browser, site):
    from feedback.models import Feedback

    with browser_tab(browser, java_script_enabled=False) as page:
        page.goto(f"{site}/en/social-integration/")
        page.locator(".feedback").get_by_role("button", name="No").click()
        assert page.get_by_role("radio", name="No").is_checked()
        page.get_by_label("How could we improve this page? (optional)").fill("More detail.")
        page.get_by_role("button", name="Send feedback").click()
        assert page.locator("h1").inner_text() == "Thank you for your feedback"
    feedback = Feedback.objects.get()
    assert (feedback.page, feedback.useful, feedback.comment) == (
        "/en/social-integration/",
        False,
        "More detail.",
    )


@pytest.mark.parametrize("lang", ["el", "en"])
def test_text_stays_readable_at_200_percent_zoom(browser, site, lang):
    # 200% zoom of a 1280x800 window lays the page out in 640x400 CSS pixels, at twice the size.
    with browser_tab(browser, {"width": 640, "height": 400}, device_scale_factor=2) as page:
        page.goto(f"{site}/{lang}/social-integration/interculturalism/")
        assert horizontal_overflow(page) == 0
        clipped = page.evaluate(
            """[...document.querySelectorAll('main p, main li, main h1, main dd, footer a')]
               .filter(el => el.scrollWidth > el.clientWidth + 1).length"""
        )
        assert clipped == 0
        assert page.locator("h1").is_visible()


def test_text_resized_to_200_percent_does_not_overflow_on_a_phone(browser, site):
    with browser_tab(browser, PHONE) as page:
        page.goto(f"{site}/en/social-integration/")
        page.add_style_tag(content="html { font-size: 200% !important; }")
        assert horizontal_overflow(page) == 0
