"""The metrics of a node with several gunicorn workers are the node's totals, whichever worker
answers the scrape (prometheus_client's multiprocess mode, set up by gunicorn.conf.py)."""

import os
import time
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.serving.gunicorn_process import start_gunicorn

PORT = 8671
CLOSED_PORT = 8669  # the probes and /metrics need no database
REQUESTS = 40


def get(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
        return response.read().decode()


def healthz_count(text):
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "django_http_requests_total" and sample.labels == {
                "view": "none",
                "method": "GET",
                "status": "200",
            }:
                return sample.value
    return 0.0


def worker_files(metrics_dir, master):
    """The files the workers (not the master) count in: one per worker that counted."""
    return {p.name for p in metrics_dir.glob("counter_*.db")} - {f"counter_{master}.db"}


@pytest.fixture(scope="module")
def node(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("metrics-node")
    metrics_dir = workdir / "metrics"
    metrics_dir.mkdir()
    (metrics_dir / "counter_1.db").write_bytes(b"")  # left by an earlier run: removed at start
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="metrics-test-" + "s" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{CLOSED_PORT}/unreachable",
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="1",
        PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
        HOME=str(workdir),
    )
    log_path = workdir / "stdout.log"
    with log_path.open("w") as log:
        process = start_gunicorn(env, PORT, log)
    try:
        for _ in range(150):
            if process.poll() is not None:
                pytest.fail("gunicorn exited:\n" + log_path.read_text())
            try:
                get("/healthz")
                break
            except OSError:
                time.sleep(0.2)
        yield metrics_dir, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_every_scrape_gives_the_requests_of_every_worker(node):
    metrics_dir, master = node
    start = healthz_count(get("/metrics"))
    sent = 0
    while sent < REQUESTS or len(worker_files(metrics_dir, master)) < 2:
        get("/healthz")
        sent += 1
        assert sent < 10 * REQUESTS, "one worker answered every request"
    assert not (metrics_dir / "counter_1.db").exists()
    for _ in range(6):  # whichever worker answers
        assert healthz_count(get("/metrics")) == start + sent
