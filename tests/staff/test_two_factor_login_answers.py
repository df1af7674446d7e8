"""With two-factor login on, the answer never tells whether the password was right."""

import re

import pytest
from axes.models import AccessAttempt
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff.conftest import PASSWORD

LOGIN = "/{language}/admin/login/?next=/{language}/admin/"


@pytest.fixture(autouse=True)
def _two_factor(settings):
    settings.STAFF_2FA_REQUIRED = True


@pytest.fixture
def device(editor):
    return TOTPDevice.objects.create(user=editor, name="phone")


def _token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _login(client, password, language="en", **extra):
    return client.post(
        LOGIN.format(language=language),
        {"username": "eleni", "password": password, "next": f"/{language}/admin/", **extra},
    )


def _page(response):
    """The page as a person sees it (the CSRF token is new in every answer)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


@pytest.mark.parametrize("language", ["en", "el"])
def test_a_right_password_without_a_code_is_answered_like_a_wrong_password(
    client, device, language
):
    wrong = _login(client, "wrong password", language=language)
    right_without_code = _login(client, PASSWORD, language=language)

    assert wrong.status_code == right_without_code.status_code == 200
    assert _page(wrong) == _page(right_without_code)


def test_a_right_password_with_a_wrong_code_is_answered_like_a_wrong_password(client, device):
    wrong_code = f"{(int(_token(device)) + 1) % 1_000_000:06d}"

    wrong = _login(client, "wrong password", otp_token=wrong_code)
    right_with_wrong_code = _login(client, PASSWORD, otp_token=wrong_code)

    assert wrong.status_code == right_with_wrong_code.status_code == 200
    assert _page(wrong) == _page(right_with_wrong_code)


def test_an_account_without_authenticator_is_answered_like_a_wrong_password(client, editor):
    assert _page(_login(client, "wrong password")) == _page(_login(client, PASSWORD))


def test_a_right_password_without_a_code_counts_as_a_failed_login(client, device, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, PASSWORD).status_code == 200
    assert AccessAttempt.objects.get(username="eleni").failures_since_start == 4

    assert _login(client, PASSWORD).status_code == 429
    # Locked out: even the right password and code are refused, as after wrong passwords.
    assert _login(client, PASSWORD, otp_token=_token(device)).status_code == 429
