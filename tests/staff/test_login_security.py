"""Login throttling, optional two-factor authentication and cookie flags."""

import pytest
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff.conftest import PASSWORD

LOGIN = "/{language}/admin/login/?next=/{language}/admin/"


def _login(client, username, password, language="en", **extra):
    return client.post(
        LOGIN.format(language=language),
        {"username": username, "password": password, "next": f"/{language}/admin/", **extra},
    )


def _token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_an_editor_logs_in_with_a_password(client, editor):
    response = _login(client, "eleni", PASSWORD)
    assert response.status_code == 302
    assert client.get("/en/admin/").status_code == 200


def test_repeated_failed_logins_lock_the_user_name_out_with_a_clear_message(
    client, editor, settings
):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "eleni", "wrong password")
        assert response.status_code == 200

    response = _login(client, "eleni", "wrong password")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many failed logins" in html
    assert "Login from this address is locked after 5 failed attempts" in html
    assert "Try again after 1\xa0hour" in html
    # Even the right password is refused while the lockout lasts.
    assert _login(client, "eleni", PASSWORD).status_code == 429


def test_the_lockout_page_is_in_greek_at_el(client, editor, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = _login(client, "eleni", "wrong password", language="el")
    assert response.status_code == 429
    assert "Πάρα πολλές αποτυχημένες απόπειρες σύνδεσης" in response.content.decode()


def test_failed_logins_for_many_names_lock_the_address_out(client, editor, settings):
    for number in range(settings.STAFF_LOGIN_ADDRESS_FAILURE_LIMIT - 1):
        assert _login(client, f"guess{number}", "wrong password").status_code == 200

    response = _login(client, "guess-last", "wrong password")

    assert response.status_code == 429
    assert "or after 20 with any user names" in response.content.decode()
    assert _login(client, "eleni", PASSWORD).status_code == 429


@pytest.fixture
def two_factor(settings):
    settings.STAFF_2FA_REQUIRED = True


def test_with_two_factor_on_a_password_alone_is_not_enough(client, editor, two_factor):
    TOTPDevice.objects.create(user=editor, name="phone")

    response = _login(client, "eleni", PASSWORD)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Code from your authenticator app" in html
    assert "and the current code from your authenticator app" in html
    assert client.get("/en/admin/").status_code == 302


def test_with_two_factor_on_password_and_code_log_in(client, editor, two_factor):
    device = TOTPDevice.objects.create(user=editor, name="phone")

    response = _login(client, "eleni", PASSWORD, otp_token=_token(device))

    assert response.status_code == 302
    assert client.get("/en/admin/").status_code == 200


def test_with_two_factor_on_a_wrong_code_is_refused(client, editor, two_factor):
    device = TOTPDevice.objects.create(user=editor, name="phone")
    wrong = f"{(int(_token(device)) + 1) % 1_000_000:06d}"

    response = _login(client, "eleni", PASSWORD, otp_token=wrong)

    assert response.status_code == 200
    assert "and the current code from your authenticator app" in response.content.decode()
    assert client.get("/en/admin/").status_code == 302


def test_with_two_factor_on_an_account_without_authenticator_is_told_what_to_do(
    client, editor, two_factor
):
    response = _login(client, "eleni", PASSWORD)
    assert "If your account has no authenticator yet, ask an administrator to set one up" in (
        response.content.decode()
    )


def test_with_two_factor_on_a_session_without_a_code_is_sent_to_the_login(
    client, editor, two_factor
):
    client.force_login(editor)
    response = client.get("/en/admin/departments/department/")
    assert response.status_code == 302
    assert "/en/admin/login/" in response["Location"]


def test_with_two_factor_off_no_code_is_asked(client, editor, settings):
    settings.STAFF_2FA_REQUIRED = False
    html = client.get(LOGIN.format(language="en")).content.decode()
    assert 'name="otp_token"' not in html


def test_add_totp_device_prints_the_link_to_scan(editor, capsys):
    from django.core.management import call_command

    call_command("add_totp_device", "eleni")
    assert "otpauth://totp/" in capsys.readouterr().out
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).count() == 1


def test_csrf_cookie_is_http_only_and_secure_in_production(client, db, settings):
    settings.CSRF_COOKIE_SECURE = True  # production: DJANGO_DEBUG off
    response = client.get(LOGIN.format(language="en"))
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] and cookie["secure"]


def test_session_cookie_is_http_only_and_secure_in_production(client, db, settings):
    settings.SESSION_COOKIE_SECURE = True
    user = get_user_model().objects.create_user("maria", password=PASSWORD, is_staff=True)
    response = _login(client, user.username, PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] and cookie["secure"]
