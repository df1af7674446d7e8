"""The feedback limit counts the client's address: a forwarded header only from the trusted proxy,
an IPv6 client per /64."""

import pytest

from feedback.models import Feedback

PROXY = "10.0.0.1"
PAGE = "/en/social-integration/"


@pytest.fixture(autouse=True)
def _behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    settings.FEEDBACK_RATE_LIMIT = 2


def send(client, peer, forwarded=None):
    extra = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/en/feedback/", {"useful": "yes", "comment": "", "page": PAGE}, **extra)


def test_behind_the_trusted_proxy_each_client_has_its_own_allowance(client, db):
    for _ in range(2):
        assert send(client, PROXY, forwarded="203.0.113.5").status_code == 302
    assert send(client, PROXY, forwarded="203.0.113.5").status_code == 429
    # Another visitor through the same proxy is not refused because of the first.
    assert send(client, PROXY, forwarded="203.0.113.6").status_code == 302


def test_a_client_cannot_renew_its_allowance_by_writing_the_header_itself(client, db):
    # Behind the proxy, the entry the client wrote is left of the one the proxy appended.
    for number in range(2):
        send(client, PROXY, forwarded=f"192.0.2.{number}, 203.0.113.5")
    assert send(client, PROXY, forwarded="192.0.2.99, 203.0.113.5").status_code == 429


def test_a_forwarded_header_from_an_untrusted_peer_is_not_believed(client, db, settings):
    # What .env.example used to set: the retired setting must not bring the header back.
    settings.FEEDBACK_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    # Where gunicorn is reachable past the proxy, a new header on each request gains nothing.
    for number in range(2):
        assert send(client, "198.51.100.66", forwarded=f"192.0.2.{number}").status_code == 302
    assert send(client, "198.51.100.66", forwarded="192.0.2.99").status_code == 429
    assert Feedback.objects.count() == 2


def test_an_ipv6_client_is_counted_per_64(client, db):
    assert send(client, "2001:db8:1:2::1").status_code == 302
    assert send(client, PROXY, forwarded="2001:db8:1:2::2").status_code == 302
    assert send(client, "2001:db8:1:2:ffff:ffff:ffff:ffff").status_code == 429
    assert send(client, "2001:db8:1:3::1").status_code == 302


def test_garbage_in_the_header_is_not_a_server_error(client, db):
    response = send(client, PROXY, forwarded="<script>, \x7f, 999.999.1.1")
    assert response.status_code == 302
