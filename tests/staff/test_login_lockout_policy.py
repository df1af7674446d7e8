"""Lockout policy behind the trusted proxy: a name is locked only with the address it is tried from.

Every request here reaches the site the way production does: from the TLS proxy (REMOTE_ADDR),
with the client's address appended to X-Forwarded-For.
"""

import pytest
from axes.models import AccessAttempt

from tests.staff.conftest import PASSWORD

PROXY = "10.0.0.1"
LOGIN = "/en/admin/login/?next=/en/admin/"


@pytest.fixture(autouse=True)
def _behind_the_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def _login(client, username, password, client_address, peer=PROXY):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/en/admin/"},
        REMOTE_ADDR=peer,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def test_failures_from_many_addresses_do_not_lock_a_user_out_of_their_own(client, editor, settings):
    for number in range(settings.AXES_FAILURE_LIMIT * 2):
        response = _login(client, "eleni", "wrong password", f"203.0.113.{number + 1}")
        assert response.status_code == 200

    response = _login(client, "eleni", PASSWORD, "198.51.100.7")

    assert response.status_code == 302
    assert client.get("/en/admin/", REMOTE_ADDR=PROXY).status_code == 200


def test_the_client_address_is_counted_never_the_proxys(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "eleni", "wrong password", "203.0.113.5")

    # Stored in the database, which every app node reads: the lockout holds on all of them.
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    assert _login(client, "eleni", PASSWORD, "203.0.113.5").status_code == 429
    assert _login(client, "eleni", PASSWORD, "198.51.100.7").status_code == 302


def test_a_forged_forwarded_header_from_an_untrusted_peer_counts_against_the_peer(
    client, editor, settings
):
    attacker = "198.51.100.66"
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "eleni", "wrong password", f"203.0.113.{number + 1}", peer=attacker)

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {attacker}
    locked = _login(client, "eleni", PASSWORD, "192.0.2.1", peer=attacker)
    assert locked.status_code == 429
    # The staff member at their own desk is not affected.
    assert _login(client, "eleni", PASSWORD, "198.51.100.7").status_code == 302


def test_the_address_limit_locks_out_one_address_guessing_many_names(client, editor, settings):
    for number in range(settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT):
        _login(client, f"guess{number}", "wrong password", "203.0.113.5")

    assert _login(client, "eleni", PASSWORD, "203.0.113.5").status_code == 429
    assert _login(client, "eleni", PASSWORD, "198.51.100.7").status_code == 302


def test_below_the_address_limit_other_names_from_the_address_still_log_in(
    client, editor, settings
):
    for number in range(settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        _login(client, f"guess{number}", "wrong password", "203.0.113.5")

    assert _login(client, "eleni", PASSWORD, "203.0.113.5").status_code == 302


def test_an_ipv6_client_is_counted_per_64(client, editor, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "eleni", "wrong password", f"2001:db8:1:2::{number + 1:x}")

    assert _login(client, "eleni", PASSWORD, "2001:db8:1:2:ffff::1").status_code == 429
    assert _login(client, "eleni", PASSWORD, "2001:db8:1:3::1").status_code == 302


def test_a_successful_login_keeps_the_addresss_failures_with_other_names(client, editor, settings):
    settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT = 4
    for number in range(3):
        _login(client, f"guess{number}", "wrong password", "203.0.113.5")
    assert _login(client, "eleni", PASSWORD, "203.0.113.5").status_code == 302
    client.logout()

    assert _login(client, "guess9", "wrong password", "203.0.113.5").status_code == 429
