"""A real PostgreSQL outage and its end, seen by a running gunicorn: the connection goes
through a TCP relay that the test cuts and restores. The worker keeps running throughout and
reconnects by itself (persistent connections with health checks), without a restart.

Needs PostgreSQL on 127.0.0.1:5432 (CI starts it); skips elsewhere with the reason.
"""

import os
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.relay import Relay, free_port
from tests.serving.gunicorn_process import start_gunicorn

ROOT = Path(__file__).resolve().parents[2]
PORT = free_port()
POSTGRES = ("127.0.0.1", 5432)


def _postgres_reachable():
    try:
        socket.create_connection(POSTGRES, timeout=1).close()
        return True
    except OSError:
        return False


if not _postgres_reachable():
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the PostgreSQL recovery test: nothing on 127.0.0.1:5432")
    pytestmark = pytest.mark.skip(reason="PostgreSQL is not running on 127.0.0.1:5432")


@pytest.fixture
def relay():
    relay = Relay(POSTGRES)
    relay.start()
    relay.cut()  # a free port, nothing listening yet
    yield relay
    relay.cut()


@pytest.fixture
def server(tmp_path, relay):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="recovery-test-" + "r" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{relay.port}/postgres",
        DATABASE_CONNECT_TIMEOUT="2",
        # One worker, one thread: the same persistent connection serves every request.
        GUNICORN_WORKERS="1",
        GUNICORN_THREADS="1",
        HOME=str(tmp_path),
    )
    with (tmp_path / "stdout.log").open("w") as log:
        process = start_gunicorn(env, PORT, log)
    try:
        for _ in range(150):
            if status("/healthz") == 200:
                break
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def status(path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def test_the_site_follows_the_database_down_and_up_again_without_a_restart(server, relay):
    assert status("/readyz") == 503  # the database is not reachable yet

    relay.start()
    assert status("/readyz") == 200
    assert status("/readyz") == 200  # the same, persistent connection

    relay.cut()  # the database goes away under an open connection
    assert status("/readyz") == 503
    assert status("/healthz") == 200

    relay.start()
    assert status("/readyz") == 200
    assert server.poll() is None  # the same gunicorn, never restarted
