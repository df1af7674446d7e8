"""Session keys carry the site's MAC (serving/sessions.py): issued keys are recognised, made-up
ones are not, and a signed-in session still works as Django's own."""

import secrets

from serving.sessions import RANDOM_LENGTH, SessionStore, issued_here


def test_a_new_session_key_is_recognised_as_issued_here(db):
    session = SessionStore()
    session.create()
    assert len(session.session_key) == 40
    assert issued_here(session.session_key)


def test_made_up_and_tampered_keys_are_not(db):
    session = SessionStore()
    session.create()
    key = session.session_key
    tampered = key[:RANDOM_LENGTH] + ("0" if key[-1] != "0" else "1") + key[RANDOM_LENGTH + 1 :]
    for made_up in (secrets.token_hex(20), tampered, key[:-1], key + "a", ""):
        assert not issued_here(made_up)


def test_a_key_issued_under_a_previous_secret_is_recognised_while_it_is_a_fallback(db, settings):
    session = SessionStore()
    session.create()
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-" + "k" * 50
    assert issued_here(session.session_key)
    settings.SECRET_KEY_FALLBACKS = []
    assert not issued_here(session.session_key)


def test_staff_sign_in_and_reach_the_admin(client, admin_user):
    client.force_login(admin_user)
    assert issued_here(client.cookies["sessionid"].value)
    assert client.get("/en/admin/").status_code == 200
