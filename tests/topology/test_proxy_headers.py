"""nginx speaks for the TLS connection: the nodes see https whatever the client claims."""

import time

import pytest

from tests.topology.test_feedback_limit import LIMIT, RATE_LIMITED, send_feedback

pytestmark = pytest.mark.topology


def test_a_client_cannot_claim_plain_http_through_nginx(stage):
    visitor = stage.visitor()
    response = visitor.get("/en/accessibility/", **{"X-Forwarded-Proto": "http"})
    # DJANGO_SECURE_SSL_REDIRECT is on: a request the node took for plain HTTP would get 301.
    assert response.status == 200
    assert "max-age=" in response.header("Strict-Transport-Security")


def test_a_node_reached_without_the_proxys_headers_redirects_to_https(stage):
    straight = stage.nodes["a"].client()
    straight.forwarded_for = None
    response = straight.get("/en/accessibility/")
    assert response.status == 301
    assert response.header("Location").startswith("https://")


def test_nginx_appends_the_client_address_to_x_forwarded_for(stage):
    # Reached from a trusted load balancer (in the stage's DJANGO_TRUSTED_PROXIES) that names
    # its visitor in X-Forwarded-For: nginx must append, so the app still reads the visitor.
    # Had nginx replaced the header, both visitors would count as the load balancer.
    balancer = stage.visitor("127.0.9.1")
    first, second = {"X-Forwarded-For": "198.18.0.1"}, {"X-Forwarded-For": "198.18.0.2"}
    # Until the first visitor's allowance is spent (a process's first write after the Redis
    # outage played by test_outages.py may go uncounted: the limit fails open, never shut).
    # Bounded in time, not in count: each process leaves Redis alone for a moment after an error.
    statuses = [send_feedback(balancer, first) for _ in range(LIMIT)]
    deadline = time.monotonic() + 20
    while statuses[-1] != RATE_LIMITED and time.monotonic() < deadline:
        time.sleep(0.1)
        statuses.append(send_feedback(balancer, first))
    assert statuses[:LIMIT] == [302] * LIMIT and statuses[-1] == RATE_LIMITED, statuses
    assert send_feedback(balancer, second) == 302
