"""nginx speaks for the TLS connection: the nodes see https whatever the client claims."""

import pytest

pytestmark = pytest.mark.topology


def test_a_client_cannot_claim_plain_http_through_nginx(stage):
    visitor = stage.visitor()
    response = visitor.get("/en/accessibility/", **{"X-Forwarded-Proto": "http"})
    # DJANGO_SECURE_SSL_REDIRECT is on: a request the node took for plain HTTP would get 301.
    assert response.status == 200
    assert "max-age=" in response.header("Strict-Transport-Security")


def test_a_node_reached_without_the_proxys_headers_redirects_to_https(stage):
    straight = stage.nodes["a"].client()
    straight.forwarded_for = None
    response = straight.get("/en/accessibility/")
    assert response.status == 301
    assert response.header("Location").startswith("https://")
