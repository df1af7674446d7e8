"""The feedback limit counts the client's address as the trusted proxy (nginx) saw it: a
forwarded header is believed only from the proxy, and IPv6 addresses count per /64."""

import pytest

from tests.topology.webclient import Client, csrf_token

pytestmark = pytest.mark.topology

LIMIT = 10  # FEEDBACK_RATE_LIMIT's default, per address and window
RATE_LIMITED = 429


def send_feedback(client, headers=None):
    """Answer "Is this page useful?" once, as the form does; the status of the POST."""
    form = client.get("/en/feedback/?page=/en/&useful=yes", **(headers or {}))
    assert form.status == 200, form.status
    data = {"csrfmiddlewaretoken": csrf_token(form.text), "useful": "yes", "page": "/en/"}
    return client.post("/en/feedback/", data, headers=headers).status


def test_through_nginx_each_visitor_has_an_allowance_of_its_own(stage):
    first, second = stage.visitor(), stage.visitor()
    assert [send_feedback(first) for _ in range(LIMIT)] == [302] * LIMIT
    assert send_feedback(first) == RATE_LIMITED
    assert send_feedback(first, {"X-Forwarded-For": "192.0.2.77"}) == RATE_LIMITED
    assert send_feedback(second) == 302


def test_a_forged_header_sent_straight_to_a_node_counts_the_sender(stage):
    node = stage.nodes["b"]
    # Not the proxy: a client reaching gunicorn past nginx, inventing a new address each time.
    sender = Client(node.port, stage.nodes["b"].client().host, source=stage.new_address())
    statuses = [
        send_feedback(sender, {"X-Forwarded-For": f"192.0.2.{n}", "X-Forwarded-Proto": "https"})
        for n in range(LIMIT + 1)
    ]
    assert statuses == [302] * LIMIT + [RATE_LIMITED]


def test_ipv6_clients_count_per_64_network(stage):
    node = stage.nodes["a"]
    statuses = [send_feedback(node.client(f"2001:db8:7:1::{n:x}")) for n in range(1, LIMIT + 2)]
    assert statuses == [302] * LIMIT + [RATE_LIMITED]
    assert send_feedback(node.client("2001:db8:7:2::1")) == 302
