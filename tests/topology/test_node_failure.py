"""One app node killed mid-load: nginx keeps every request succeeding on the other node, and
the node, once restarted, gets requests again without touching nginx."""

import http.client
import threading
import time

import pytest

from tests.topology.stage import wait_until

pytestmark = pytest.mark.topology

LOAD_THREADS = 4


def run_load(stage, stop, results, name):
    """GET uncached pages through nginx until stopped; (started, finished, path, status) each."""
    visitor = stage.visitor()
    count = 0
    while not stop.is_set():
        count += 1
        # A query string nginx has not cached: each request reaches a node.
        path = f"/{'en' if count % 2 else 'el'}/?load={name}-{count}"
        started = time.monotonic()
        try:
            status = visitor.get(path).status
        except (OSError, http.client.HTTPException) as error:
            status = repr(error)
        results.append((started, time.monotonic(), path, status))


def test_a_killed_node_costs_no_request_and_rejoins_after_restart(stage):
    node = stage.nodes["a"]
    stop, results = threading.Event(), []
    threads = [
        threading.Thread(target=run_load, args=(stage, stop, results, i))
        for i in range(LOAD_THREADS)
    ]
    for thread in threads:
        thread.start()
    try:
        time.sleep(2)
        killed_at = time.monotonic()
        node.process.kill()
        time.sleep(4)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
        if not node.process.running:
            stage.start_node("a")

    # A response the killed node was in the middle of sending cannot be saved by anyone; every
    # request that started after the kill, and every one before it, succeeded.
    in_flight = [r for r in results if r[0] < killed_at <= r[1]]
    others = [r for r in results if r not in in_flight]
    assert [r for r in results if r[0] >= killed_at], "no request after the kill"
    assert [r for r in others if r[3] != 200] == []
    assert len(in_flight) <= LOAD_THREADS

    served = len(node.access_log())
    visitor = stage.visitor()
    probe = iter(range(10**6))
    wait_until(
        lambda: (
            visitor.get(f"/en/?rejoin={next(probe)}").status == 200
            and len(node.access_log()) > served
        ),
        timeout=20,
        message="the restarted node gets no request through nginx",
    )
