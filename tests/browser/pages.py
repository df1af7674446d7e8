"""Helpers for the browser tests: pages to visit, a browser tab per viewport, axe-core runs."""

from contextlib import contextmanager

DEPARTMENTS = [
    "integration-policy-and-programme-design",
    "interculturalism",
    "socio-economic-integration",
    "support-for-beneficiaries-of-international-protection",
]
# Every public page, as a path template for each language.
PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/social-integration/",
    *(f"/{{lang}}/social-integration/{slug}/" for slug in DEPARTMENTS),
    "/{lang}/accessibility/",
    "/{lang}/open-data/",
    "/{lang}/search/?q=ένταξη",
    "/{lang}/search/?q=",
    "/{lang}/feedback/?page=/{lang}/",
    "/{lang}/feedback/thanks/?page=/{lang}/",
    "/{lang}/no-such-page/",
]
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@contextmanager
def browser_tab(browser, viewport=DESKTOP, **options):
    """A fresh tab; CSP is bypassed so that the injected axe-core script may run."""
    context = browser.new_context(viewport=viewport, bypass_csp=True, **options)
    try:
        yield context.new_page()
    finally:
        context.close()


def axe_violations(page, axe_source):
    """Run axe-core's WCAG 2.0/2.1 A and AA rules; return "rule: target" for each violation."""
    page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{violation['id']}: {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
