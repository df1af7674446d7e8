"""Short staff sessions, HSTS includeSubDomains on its own, and the trusted-proxy settings."""

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from tests.staff.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
LOGIN = "/en/admin/login/?next=/en/admin/"


def _run(code, **env):
    """Run Python with the site's settings under the given environment (production by default)."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FEED"))}
    environment.update({"DJANGO_SECRET_KEY": "k3y-" + "aZ9%" * 16, **env})
    return subprocess.run(  # noqa: S603 (the code is this file's own)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _settings(*names, **env):
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}))"
    )
    result = _run(code, DJANGO_SETTINGS_MODULE="integration_site.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def _manage(*args, **env):
    return _run(
        "import sys; from django.core.management import execute_from_command_line; "
        f"execute_from_command_line(['manage.py', *{list(args)!r}])",
        DJANGO_SETTINGS_MODULE="integration_site.settings",
        **env,
    )


def test_a_staff_session_ends_with_the_browser_and_after_eight_hours(client, editor):
    response = client.post(LOGIN, {"username": "eleni", "password": PASSWORD, "next": "/en/admin/"})

    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    # No Max-Age and no Expires: the browser forgets the session when it closes.
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    remaining = Session.objects.get().expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < remaining <= timedelta(hours=8)


def test_session_length_and_browser_close_are_configurable():
    values = _settings(
        "SESSION_COOKIE_AGE",
        "SESSION_EXPIRE_AT_BROWSER_CLOSE",
        DJANGO_SESSION_HOURS="2",
        DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE="false",
    )
    assert values == {"SESSION_COOKIE_AGE": 7200, "SESSION_EXPIRE_AT_BROWSER_CLOSE": False}


def test_hsts_include_subdomains_is_a_setting_of_its_own():
    default = _settings("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS")
    assert default == {"SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True}
    off = _settings(
        "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", DJANGO_HSTS_INCLUDE_SUBDOMAINS="no"
    )
    assert off == {"SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": False}


def test_without_include_subdomains_the_hsts_header_leaves_them_out(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = False
    response = client.get("/en/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000"
    # SecurityMiddleware reads the settings when it is built: a new client builds it anew.
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get("/en/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_trusted_proxies_are_read_as_addresses_and_networks():
    values = _settings("TRUSTED_PROXIES", DJANGO_TRUSTED_PROXIES="10.0.0.5, 10.1.0.0/16,::1")
    assert values == {"TRUSTED_PROXIES": ["10.0.0.5", "10.1.0.0/16", "::1"]}


def test_a_mistyped_trusted_proxy_is_a_clear_error():
    result = _run(
        "import django; django.setup()",
        DJANGO_SETTINGS_MODULE="integration_site.settings",
        DJANGO_TRUSTED_PROXIES="10.0.0.5,proxy.internal",
    )
    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES must list IP addresses or networks" in result.stderr
    assert "'proxy.internal'" in result.stderr


def test_deploy_check_refuses_a_tls_proxy_that_is_not_trusted():
    """Every visitor would be counted as the proxy: a few failures would lock all staff out."""
    result = _manage(
        "check", "--deploy", DJANGO_BEHIND_TLS_PROXY="true", DJANGO_ALLOWED_HOSTS="example.gov.gr"
    )
    assert result.returncode != 0
    assert "staff.E001" in result.stderr + result.stdout

    trusted = _manage(
        "check",
        "--deploy",
        DJANGO_BEHIND_TLS_PROXY="true",
        DJANGO_TRUSTED_PROXIES="10.0.0.5",
        DJANGO_ALLOWED_HOSTS="example.gov.gr",
    )
    assert "staff.E001" not in trusted.stderr + trusted.stdout


def test_the_retired_address_variables_are_reported():
    result = _manage(
        "check",
        DJANGO_DEBUG="true",
        FEEDBACK_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR",
        DJANGO_TRUSTED_PROXY_COUNT="1",
    )
    output = result.stderr + result.stdout
    assert "staff.W001" in output
    assert "FEEDBACK_ADDRESS_HEADER is no longer read" in output
    assert "DJANGO_TRUSTED_PROXY_COUNT is no longer read" in output
