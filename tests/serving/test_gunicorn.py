"""The real server: gunicorn with gunicorn.conf.py and production settings, its database on a
closed port. Probes, the 503 page, the Server header, JSON access logs, and what gunicorn itself
refuses before Django sees it."""

# ruff: noqa: S310 (fixed local URLs and this repository's own gunicorn command)

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.serving.gunicorn_process import start_gunicorn

ROOT = Path(__file__).resolve().parents[2]
PORT = 8665
CLOSED_PORT = 8669  # nothing listens here: the database is "down"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("gunicorn")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="gunicorn-test-" + "s" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/unreachable",
        DATABASE_CONNECT_TIMEOUT="2",
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="2",
        HOME=str(workdir),
    )
    env.pop("XDG_RUNTIME_DIR", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    log_path = workdir / "stdout.log"
    with log_path.open("w") as log:
        process = start_gunicorn(env, PORT, log)
    try:
        for _ in range(150):
            if process.poll() is not None:
                pytest.fail("gunicorn exited:\n" + log_path.read_text())
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        yield {"log": log_path, "home": workdir}
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(path, **headers):
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")


def raw(request_bytes):
    """Send bytes no HTTP library would, and return the status code gunicorn answers."""
    with socket.create_connection(("127.0.0.1", PORT), timeout=10) as connection:
        connection.sendall(request_bytes)
        answer = connection.recv(65536)
    return int(answer.split(b" ", 2)[1])


def test_liveness_is_ok_while_the_database_is_down(server):
    status, _headers, body = get("/healthz")
    assert (status, body) == (200, "ok\n")


def test_readiness_reports_the_database_down(server):
    assert get("/readyz")[0] == 503


def test_pages_answer_503_in_the_visitors_language(server):
    status, headers, greek = get("/el/social-integration/")
    assert status == 503
    assert "Η υπηρεσία είναι προσωρινά μη διαθέσιμη" in greek
    assert headers["Retry-After"] == "30"
    status, _headers, english = get("/en/")
    assert status == 503
    assert "Service temporarily unavailable" in english
    assert "Traceback" not in greek + english


def test_server_header_reveals_no_version(server):
    _status, headers, _body = get("/healthz")
    assert headers["Server"] == "gunicorn"


def test_static_files_are_fingerprinted_and_cached_for_a_year(server):
    manifest = json.loads((server["home"] / "static" / "staticfiles.json").read_text())
    status, headers, _body = get("/static/" + manifest["paths"]["css/site.css"], **{
        "Accept-Encoding": "gzip, br"
    })  # fmt: skip
    assert status == 200
    assert headers["Content-Encoding"] == "br"
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=315360000" in headers["Cache-Control"]


def test_access_log_is_one_json_object_per_request(server):
    get("/healthz?probe=log-test", **{"User-Agent": "log-test"})
    time.sleep(0.5)
    entries = [
        json.loads(line)
        for line in server["log"].read_text().splitlines()
        if line.startswith("{") and '"type": "access"' in line
    ]
    entry = next(e for e in entries if e["query"] == "probe=log-test")
    assert entry["method"] == "GET"
    assert entry["path"] == "/healthz"
    assert entry["status"] == 200
    assert entry["user_agent"] == "log-test"
    assert entry["duration_ms"] >= 0


def test_every_line_of_output_is_json(server):
    lines = [line for line in server["log"].read_text().splitlines() if line.strip()]
    assert lines
    for line in lines:
        json.loads(line)


def test_application_errors_are_logged_as_json(server):
    get("/en/")
    time.sleep(0.5)
    lines = [line for line in server["log"].read_text().splitlines() if "django.request" in line]
    entry = json.loads(lines[-1])
    assert entry["level"] == "ERROR"
    assert "exception" in entry


def test_probes_answer_whatever_the_host_header(server):
    """Orchestrators probe by the container's address, which is not an allowed host."""
    assert get("/healthz", Host="10.0.0.7:8000")[0] == 200
    assert get("/el/", Host="10.0.0.7:8000")[0] == 400


def test_no_control_socket_is_opened(server):
    assert not (server["home"] / ".gunicorn").exists()


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /el/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n",
        b"GET /el/ HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-Many: 1\r\n" * 150 + b"\r\n",
        b"GET /el/\xff\xfe/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /el/a\x00b/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"TRACE /el/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        b"GET /el/ HTTP/1.1\r\nHost: evil.example\r\n\r\n",
    ],
    ids=[
        "long-request-line",
        "huge-header",
        "too-many-headers",
        "invalid-utf8-path",
        "nul-in-path",
        "traversal",
        "trace",
        "unknown-host",
    ],
)
def test_hostile_raw_requests_are_refused_without_a_5xx(server, request_bytes):
    assert 400 <= raw(request_bytes) < 500


@pytest.mark.parametrize(
    ("redis_url", "expected"),
    [("", 1), ("redis://127.0.0.1:6379/0", (os.cpu_count() or 1) * 2 + 1)],
)
def test_workers_share_a_cache_or_there_is_only_one(monkeypatch, redis_url, expected):
    """Several workers only with a shared cache: a per-worker cache would serve stale pages."""
    import runpy

    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.setenv("REDIS_URL", redis_url)
    config = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    assert config["workers"] == expected
