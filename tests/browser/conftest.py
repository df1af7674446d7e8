"""Playwright driving Debian's Chromium against the live test server.

Never downloads a browser. Where /usr/bin/chromium is missing the browser tests skip with the
reason, except in CI (CI=true), where a missing browser is an error.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _unavailable_reason():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _unavailable_reason()
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if reason:
                if os.environ.get("CI"):
                    raise pytest.UsageError(f"CI must run the browser tests, but {reason}")
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def site(live_server, seeded):
    """The live server's base URL, with the real seed content loaded."""
    return live_server.url


@pytest.fixture
def axe_source():
    if not AXE_JS.exists():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core missing at {AXE_JS}: run npm ci")
        pytest.skip(f"axe-core missing at {AXE_JS} (npm ci)")
    return AXE_JS.read_text(encoding="utf-8")
