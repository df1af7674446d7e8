"""Open data in a real browser: the page is accessible and the download links download."""

import csv
import io
from pathlib import Path

import pytest


def axe_violations(page, axe_source):
    # Evaluated through the DevTools protocol, which the page's strict CSP does not govern.
    page.evaluate(axe_source)
    return page.evaluate("async () => (await axe.run(document)).violations.map(v => v.id)")


@pytest.mark.parametrize("language", ["el", "en", "ar", "fr"])
def test_open_data_page_has_no_accessibility_violations(page, site, axe_source, language):
    page.goto(f"{site}/{language}/open-data/")
    assert axe_violations(page, axe_source) == []


def test_directory_csv_downloads_from_the_directorate_page(page, site):
    page.goto(f"{site}/en/social-integration/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the directory (CSV)").click()
    download = download_info.value
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Directorate"
    assert len(rows) == 5


def test_another_languages_csv_downloads_from_the_open_data_page(page, site):
    page.goto(f"{site}/ar/open-data/")
    with page.expect_download() as download_info:
        page.locator('a[type="text/csv"][hreflang="fr"]').click()
    download = download_info.value
    assert download.suggested_filename == "directory-fr.csv"
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text(encoding="utf-8-sig"))))
    assert len(rows) == 5
    assert all(row[5].startswith("http") and "/fr/" in row[5] for row in rows[1:])


def test_api_is_readable_from_another_origin(browser, site, settings):
    """A page on another origin (127.0.0.1 against localhost) may read the API thanks to CORS."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "127.0.0.1"]
    other_origin = site.replace("localhost", "127.0.0.1")
    assert other_origin != site
    # Our own pages allow connections to themselves only (CSP connect-src 'self'); the other
    # origin here stands for someone else's site, which has its own policy.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(f"{other_origin}/en/open-data/")
    names = page.evaluate(
        "async (url) => (await (await fetch(url)).json()).data.map(d => d.name)",
        f"{site}/api/v1/departments?lang=en",
    )
    assert "Department of Interculturalism" in names
    context.close()
