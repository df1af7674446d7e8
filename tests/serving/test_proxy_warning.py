"""A proxy missing from DJANGO_TRUSTED_PROXIES is reported: one warning a minute naming it, and
the readiness probe's body says so (every visitor would otherwise count as the proxy)."""

import logging

import pytest
from django.core.cache import cache

from serving.proxy_warning import NOTICES, WARNED_KEY

PROXY = "192.0.2.7"


class Clock:
    def __init__(self):
        self.now = 5000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(NOTICES, "clock", clock)
    NOTICES.reset()
    yield clock
    NOTICES.reset()


@pytest.fixture
def behind_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    return settings


def warnings_in(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "serving.proxy_warning"]


def get_through(client, peer):
    return client.get(
        "/en/",
        REMOTE_ADDR=peer,
        headers={"x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https"},
    )


def test_forwarded_requests_from_an_untrusted_peer_log_one_warning_a_minute(
    client, db, behind_proxy, clock, caplog
):
    caplog.set_level(logging.WARNING, logger="serving.proxy_warning")
    for _ in range(3):
        get_through(client, PROXY)
    assert len(warnings_in(caplog)) == 1
    assert PROXY in warnings_in(caplog)[0]
    assert "DJANGO_TRUSTED_PROXIES" in warnings_in(caplog)[0]

    clock.now += 30
    get_through(client, PROXY)
    assert len(warnings_in(caplog)) == 1
    clock.now += 31
    cache.delete(WARNED_KEY)  # with Redis, the node's minute (a key's lifetime) is over too
    get_through(client, PROXY)
    assert len(warnings_in(caplog)) == 2


def test_the_readiness_probe_names_the_untrusted_peer(client, db, behind_proxy, clock):
    assert client.get("/readyz").content == b"ok\n"
    get_through(client, PROXY)
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith("ok\n")
    assert f"X-Forwarded-For arrives from {PROXY}" in body
    assert "DJANGO_TRUSTED_PROXIES" in body


def test_the_trusted_proxy_is_not_reported(client, db, behind_proxy, clock, caplog):
    caplog.set_level(logging.WARNING, logger="serving.proxy_warning")
    get_through(client, "10.0.0.1")
    assert warnings_in(caplog) == []
    assert client.get("/readyz").content == b"ok\n"


def test_a_request_without_the_header_is_not_reported(client, db, behind_proxy, clock, caplog):
    caplog.set_level(logging.WARNING, logger="serving.proxy_warning")
    client.get("/en/", REMOTE_ADDR=PROXY)
    assert warnings_in(caplog) == []


def test_without_a_tls_proxy_nothing_is_reported(client, db, settings, clock, caplog):
    settings.SECURE_PROXY_SSL_HEADER = None
    caplog.set_level(logging.WARNING, logger="serving.proxy_warning")
    get_through(client, PROXY)
    assert warnings_in(caplog) == []
    assert client.get("/readyz").content == b"ok\n"
