"""/healthz and /readyz: outside the language prefix, never cached, never redirected."""

import pytest


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probe_answers_ok_without_a_language_prefix(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/el/healthz", "/en/readyz"])
def test_probes_are_not_pages_of_the_site(client, db, path):
    assert client.get(path, follow=True).status_code == 404


def test_probes_are_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/el/").status_code == 301


def test_probes_skip_the_host_check(client, db, settings):
    settings.ALLOWED_HOSTS = ["integration.example.gov.gr"]
    assert client.get("/healthz", HTTP_HOST="10.1.2.3:8000").status_code == 200
    assert client.get("/el/", HTTP_HOST="10.1.2.3:8000").status_code == 400
