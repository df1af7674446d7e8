"""What an import publishes shows at once on a running development server.

The server runs as ``make run`` starts it (runserver, DEBUG, a SQLite file, the per-process
local-memory cache); the import runs as another process, as a translator's command would. The
server's page cache cannot be told by that process: the content generation in the database is
what it reads (serving/generation.py, at most every SERVING_GENERATION_CHECK_MS).
"""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from departments.xliff import Xliff12File
from tests.relay import free_port

ROOT = Path(__file__).resolve().parents[2]
NEW_NAME = "مديرية الاندماج الاجتماعي (استيراد)"


def _manage(env, *args):
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def _get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
        return response.status, response.read().decode()


@pytest.fixture
def development_site(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "SERVING_", "CACHE_", "DATABASE_"))
    }
    env.update(
        DJANGO_DEBUG="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        HOME=str(tmp_path),
    )
    _manage(env, "migrate", "--noinput")
    _manage(env, "seed_content")
    _manage(
        env,
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        "User.objects.create_superuser('translator', 'translator@example.gov.gr', 'pw-t-1')",
    )
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(150):
            if server.poll() is not None:
                pytest.fail("runserver exited:\n" + (tmp_path / "server.log").read_text())
            try:
                _get(port, "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        yield env, port, tmp_path
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_an_import_published_by_another_process_shows_on_the_next_requests(development_site):
    env, port, tmp_path = development_site
    status, before = _get(port, "/ar/social-integration/")
    assert status == 200 and NEW_NAME not in before  # and the page is now in the server's cache
    exported = tmp_path / "ar.xlf"
    _manage(env, "export_translations", "--language", "ar", "--output", str(exported))
    store = Xliff12File.parsestring(exported.read_bytes())
    unit = next(u for u in store.getunits() if u.xmlelement.get("resname").endswith("/name"))
    unit.target = NEW_NAME
    exported.write_bytes(bytes(store))
    result = _manage(env, "import_translations", str(exported), "--user", "translator", "--publish")
    assert result.returncode == 0
    published_at = time.monotonic()
    while NEW_NAME not in _get(port, "/ar/social-integration/")[1]:
        assert time.monotonic() - published_at < 5, "the page still shows the old text"
        time.sleep(0.1)
    # Within the documented delay (SERVING_GENERATION_CHECK_MS, 1 s), then on every request.
    assert time.monotonic() - published_at < 2.5
    assert NEW_NAME in _get(port, "/ar/social-integration/")[1]
