"""Session keys carry the site's MAC (serving/sessions.py): issued keys are recognised, made-up
ones are not, the MAC is the one nginx's secure_link_md5 computes, and a signed-in session
still works as Django's own."""

import base64
import hashlib
import secrets

import pytest

from serving.sessions import RANDOM_LENGTH, SessionStore, issued_here


@pytest.fixture
def secret(settings):
    settings.SESSION_KEY_SECRET = "testSecret42"
    return settings.SESSION_KEY_SECRET


def new_key():
    session = SessionStore()
    session.create()
    return session.session_key


def test_a_new_session_key_is_recognised_as_issued_here(db, secret):
    key = new_key()
    assert len(key) == 40
    assert issued_here(key)


def test_the_mac_is_what_nginx_secure_link_md5_computes(db, secret):
    """`secure_link_md5 "$session_random<secret>"` against base64url(md5), unpadded."""
    key = new_key()
    random_part = key[:RANDOM_LENGTH]
    digest = hashlib.md5((random_part + secret).encode(), usedforsecurity=False).digest()
    assert key[RANDOM_LENGTH:] == base64.urlsafe_b64encode(digest).decode().rstrip("=")
    assert (random_part.isalnum() and random_part.islower()) or random_part.isdigit()


def test_made_up_and_tampered_keys_are_not_recognised(db, secret):
    key = new_key()
    tampered = key[:RANDOM_LENGTH] + ("A" if key[-1] != "A" else "B") + key[RANDOM_LENGTH + 1 :]
    for made_up in (secrets.token_hex(20), tampered, key[:-1], key + "a", ""):
        assert not issued_here(made_up)


def test_a_key_issued_under_another_secret_is_not_recognised(db, settings, secret):
    key = new_key()
    settings.SESSION_KEY_SECRET = "anotherSecret"
    assert not issued_here(key)


def test_without_a_configured_secret_one_is_derived_from_the_secret_key(db, settings):
    settings.SESSION_KEY_SECRET = ""
    key = new_key()
    assert issued_here(key)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert not issued_here(key)


def test_staff_sign_in_and_reach_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert issued_here(client.cookies["sessionid"].value)
    assert client.get("/en/admin/").status_code == 200
