"""Measure a page's weight in a real browser: requests, bytes on the wire, render-blocking JS.

Usage: .venv/bin/python bench/page_weight.py [URL]
Without a URL it serves the seeded site itself the production way (DEBUG off, collected and
precompressed static files served by whitenoise, gunicorn on 127.0.0.1:8639, a throwaway SQLite
database) and measures the Greek directorate page. Budget: <= 50 KB compressed, <= 5 requests.
Prints each request and the totals; exits 1 when over budget.
"""

import gzip
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
BUDGET_BYTES, BUDGET_REQUESTS = 50 * 1024, 5
PORT = 8639


def measure(url, viewport):
    """Each response of a page load: (url, bytes on the wire, bytes if gzipped, encoding)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        blocking = page.evaluate(
            """[...document.scripts].filter(s => s.src && !s.defer && !s.async
               && s.type !== 'module').length"""
        )
        rows = []
        for response in responses:
            body = response.body()
            wire = response.request.sizes()["responseBodySize"]
            encoding = response.headers.get("content-encoding", "")
            rows.append((response.url, wire, len(gzip.compress(body, 6)), encoding))
        browser.close()
    return rows, blocking


def report(url):
    over = False
    for name, viewport in [
        ("1280x800", {"width": 1280, "height": 800}),
        ("375x667", {"width": 375, "height": 667}),
    ]:
        rows, blocking = measure(url, viewport)
        print(f"\n{url} at {name}")
        for resource, wire, gzipped, encoding in rows:
            encoding = encoding or "identity"
            print(f"  {wire:>7} B on the wire ({encoding}), {gzipped:>6} B gzipped  {resource}")
        wire_total = sum(row[1] for row in rows)
        compressed_total = sum(min(row[1], row[2]) for row in rows)
        print(f"  requests: {len(rows)} (budget {BUDGET_REQUESTS})")
        print(
            f"  as served: {wire_total / 1024:.1f} KB; compressed: "
            f"{compressed_total / 1024:.1f} KB (budget {BUDGET_BYTES // 1024} KB)"
        )
        print(f"  render-blocking scripts: {blocking}")
        over |= len(rows) > BUDGET_REQUESTS or compressed_total > BUDGET_BYTES or blocking > 0
    return over


def serve_seeded_site(workdir):
    """Start gunicorn the way production runs; return the process."""
    # Fixed commands run with this interpreter: no untrusted input reaches subprocess.
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "page-weight-benchmark-only-0123456789abcdefghijklmnop",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{workdir}/bench.sqlite3",
    }
    env.pop("REDIS_URL", None)
    python = sys.executable
    subprocess.run(  # noqa: S603
        [python, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(  # noqa: S603
        [python, "manage.py", "seed_content"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(  # noqa: S603
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = subprocess.Popen(  # noqa: S603
        [
            python,
            "-m",
            "gunicorn",
            "integration_site.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/el/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the site did not start")


def main():
    if len(sys.argv) > 1:
        return report(sys.argv[1])
    with tempfile.TemporaryDirectory() as workdir:
        server = serve_seeded_site(workdir)
        try:
            return report(f"http://127.0.0.1:{PORT}/el/social-integration/")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
