"""The directorate page's weight budget in the browser (bench/page_weight.py reports it)."""

import gzip

import pytest
from django.conf import settings

from tests.browser.pages import browser_tab

BUDGET_BYTES, BUDGET_REQUESTS = 50 * 1024, 5


@pytest.mark.parametrize("lang", [code for code, _name in settings.LANGUAGES])
def test_directorate_page_fits_in_50_kb_compressed_and_5_requests(browser, site, lang):
    with browser_tab(browser) as page:
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(f"{site}/{lang}/social-integration/", wait_until="networkidle")
        compressed = sum(len(gzip.compress(response.body(), 6)) for response in responses)
        assert all(response.status == 200 for response in responses)
        assert len(responses) <= BUDGET_REQUESTS
        assert compressed <= BUDGET_BYTES


def test_no_script_blocks_rendering(browser, site):
    with browser_tab(browser) as page:
        page.goto(f"{site}/el/social-integration/")
        blocking = page.evaluate(
            "[...document.scripts].filter(s => s.src && !s.defer && !s.async).length"
        )
        inline_code = page.evaluate(
            "[...document.scripts].filter(s => !s.src && s.type !== 'application/ld+json').length"
        )
        assert (blocking, inline_code) == (0, 0)
