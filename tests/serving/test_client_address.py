"""The client's address: X-Forwarded-For is read only from a trusted proxy, IPv6 counts per /64."""

import pytest

from serving.client_address import client_address, rate_limit_address

PROXY = "10.0.0.1"


@pytest.fixture(autouse=True)
def _trusted_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16"]


def _request(rf, remote_addr, forwarded=None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **extra)


def test_an_untrusted_peer_is_the_client(rf):
    assert client_address(_request(rf, "198.51.100.7")) == "198.51.100.7"


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored(rf):
    request = _request(rf, "198.51.100.7", forwarded="203.0.113.9")
    assert client_address(request) == "198.51.100.7"


def test_behind_the_trusted_proxy_the_address_it_appended_is_the_client(rf):
    request = _request(rf, PROXY, forwarded="203.0.113.9")
    assert client_address(request) == "203.0.113.9"


def test_entries_the_client_wrote_before_the_proxys_are_not_believed(rf):
    # The client sent "X-Forwarded-For: 192.0.2.66"; the proxy appended what it saw.
    request = _request(rf, PROXY, forwarded="192.0.2.66, 203.0.113.9")
    assert client_address(request) == "203.0.113.9"


def test_a_chain_of_trusted_proxies_is_walked_from_the_right(rf):
    request = _request(rf, PROXY, forwarded="192.0.2.66, 203.0.113.9, 10.1.4.4")
    assert client_address(request) == "203.0.113.9"


def test_a_trusted_network_is_matched_by_cidr(rf):
    assert client_address(_request(rf, "10.1.200.3", forwarded="203.0.113.9")) == "203.0.113.9"


def test_the_proxy_without_a_forwarded_header_is_the_client(rf):
    assert client_address(_request(rf, PROXY)) == PROXY
    assert client_address(_request(rf, PROXY, forwarded=" , ")) == PROXY


@pytest.mark.parametrize(
    "forwarded",
    ["not-an-address", "203.0.113.9, <script>", "999.1.1.1", "203.0.113.9\x00", "::g"],
)
def test_garbage_in_the_forwarded_header_falls_back_to_the_peer(rf, forwarded):
    assert client_address(_request(rf, PROXY, forwarded=forwarded)) == PROXY


@pytest.mark.parametrize("remote_addr", ["", "garbage", "unix:/run/gunicorn.sock"])
def test_a_peer_that_is_not_an_address_gives_none(rf, remote_addr):
    assert client_address(_request(rf, remote_addr, forwarded="203.0.113.9")) is None


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("203.0.113.9:51234", "203.0.113.9"),
        ("[2001:db8::5]:443", "2001:db8::5"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
    ],
)
def test_forms_that_proxies_write_are_understood(rf, forwarded, expected):
    assert client_address(_request(rf, PROXY, forwarded=forwarded)) == expected


def test_without_trusted_proxies_no_header_is_ever_read(rf, settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request(rf, PROXY, forwarded="203.0.113.9")) == PROXY


def test_for_rate_limits_an_ipv6_client_counts_per_64(rf):
    first = _request(rf, "2001:db8:1:2::a")
    second = _request(rf, PROXY, forwarded="2001:db8:1:2:ffff:ffff:ffff:ffff")
    other = _request(rf, "2001:db8:1:3::a")
    assert rate_limit_address(first) == rate_limit_address(second) == "2001:db8:1:2::"
    assert rate_limit_address(other) == "2001:db8:1:3::"
    # The full address is still the client's address.
    assert client_address(first) == "2001:db8:1:2::a"


def test_for_rate_limits_an_ipv4_client_stays_whole(rf):
    assert rate_limit_address(_request(rf, "198.51.100.7")) == "198.51.100.7"
    assert rate_limit_address(_request(rf, "198.51.100.8")) == "198.51.100.8"
