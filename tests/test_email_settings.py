"""The e-mail settings come from the environment: the console in development, SMTP otherwise."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOW = (
    "from django.conf import settings as s; "
    "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_TIMEOUT, "
    "s.DEFAULT_FROM_EMAIL, s.SERVER_EMAIL)"
)


def _settings(**env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "EMAIL_"))}
    environment.update(DJANGO_SECRET_KEY="x" * 50, **env)
    return subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "integration_site.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_development_prints_the_mail_on_the_console():
    result = _settings(DJANGO_DEBUG="true")
    assert result.stdout.split()[0] == "django.core.mail.backends.console.EmailBackend"


def test_production_sends_through_smtp_with_a_short_timeout_by_default():
    result = _settings(DJANGO_DEBUG="false")
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "localhost",
        "25",
        "False",
        "10",
        "webmaster@localhost",
        "webmaster@localhost",
    ]


def test_the_smtp_server_and_senders_come_from_the_environment():
    result = _settings(
        DJANGO_DEBUG="false",
        EMAIL_HOST="smtp.example.gov.gr",
        EMAIL_PORT="587",
        EMAIL_USE_TLS="true",
        EMAIL_TIMEOUT="3",
        DEFAULT_FROM_EMAIL="no-reply@example.gov.gr",
    )
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.gov.gr",
        "587",
        "True",
        "3",
        "no-reply@example.gov.gr",
        "no-reply@example.gov.gr",
    ]


def test_tls_and_ssl_together_are_refused():
    result = _settings(EMAIL_USE_TLS="true", EMAIL_USE_SSL="true")
    assert result.returncode != 0
    assert "Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both." in result.stderr
