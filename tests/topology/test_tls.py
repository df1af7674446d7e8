"""TLS as production runs it (deploy/nginx.conf): plain HTTP only redirects, the protocols and
ciphers are Mozilla's intermediate ones, and every kind of page carries HSTS and the other
security headers over TLS."""

import re
import socket
import ssl

import pytest

from tests.topology.certificate import client_context
from tests.topology.stage import ADMIN_PATH
from tests.topology.webclient import Client

pytestmark = pytest.mark.topology

ONE_YEAR = 31_536_000


@pytest.mark.parametrize("path", ["/", "/en/social-integration/", "/el/search/?q=%CE%B1&page=2"])
def test_plain_http_gets_a_permanent_redirect_to_the_same_path_over_https(stage, path):
    plain = Client(stage.http_port, stage.host, source=stage.new_address())
    response = plain.get(path)
    assert response.status in (301, 308)
    assert response.header("Location") == stage.https_url(path)


def test_plain_http_sent_to_the_tls_port_is_redirected_to_https_too(stage):
    mistaken = Client(stage.nginx_port, stage.host, source=stage.new_address())
    response = mistaken.get("/en/")
    assert response.status == 301
    assert response.header("Location") == stage.https_url("/en/")


def _handshake(stage, context, hostname="127.0.0.1"):
    """(protocol, cipher) nginx agreed to with ``context``."""
    raw = socket.create_connection(("127.0.0.1", stage.nginx_port), timeout=10)
    with raw, context.wrap_socket(raw, server_hostname=hostname) as tls:
        return tls.version(), tls.cipher()[0]


def test_a_current_client_gets_tls_1_3(stage):
    assert _handshake(stage, stage.tls)[0] == "TLSv1.3"


def test_a_tls_1_2_client_gets_a_forward_secret_aead_cipher(stage):
    context = client_context(stage.certificate)
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    version, cipher = _handshake(stage, context)
    assert version == "TLSv1.2"
    assert re.fullmatch(r"ECDHE-(ECDSA|RSA)-(AES\d+-GCM-SHA\d+|CHACHA20-POLY1305)", cipher)


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1:DeprecationWarning")
@pytest.mark.parametrize("version", [ssl.TLSVersion.TLSv1, ssl.TLSVersion.TLSv1_1], ids=str)
def test_tls_older_than_1_2_is_refused(stage, version):
    context = client_context(stage.certificate)
    context.set_ciphers("ALL:@SECLEVEL=0")  # this client would accept anything the server offers
    context.minimum_version = context.maximum_version = version
    with pytest.raises(ssl.SSLError):
        _handshake(stage, context)


def test_the_certificate_names_localhost_as_well_as_the_address(stage):
    assert _handshake(stage, stage.tls, hostname="localhost")[0] == "TLSv1.3"


def _assert_security_headers(response):
    hsts = response.header("Strict-Transport-Security") or ""
    max_age = re.search(r"max-age=(\d+)", hsts)
    assert max_age and int(max_age.group(1)) >= ONE_YEAR, hsts
    assert "includeSubDomains" in hsts
    assert "preload" in hsts  # the stage runs with DJANGO_HSTS_PRELOAD on
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert response.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert response.header("X-Frame-Options") == "DENY"
    assert "frame-ancestors 'none'" in response.header("Content-Security-Policy")


@pytest.mark.parametrize(
    ("kind", "path", "status"),
    [
        ("public page, Greek", "/el/", 200),
        ("public page, English", "/en/social-integration/", 200),
        ("search", "/en/search/?q=integration", 200),
        ("admin login", f"/en/{ADMIN_PATH}/login/", 200),
        ("admin, anonymous", f"/en/{ADMIN_PATH}/", 302),
        ("API", "/api/v1/departments", 200),
        ("open data", "/en/open-data/directory.csv", 200),
        ("page not found", "/en/no-such-page/", 404),
        ("API not found", "/api/v1/departments/999999", 404),
    ],
)
def test_every_kind_of_page_carries_hsts_and_the_security_headers_over_tls(
    stage, kind, path, status
):
    response = stage.visitor().get(path)
    assert response.status == status, kind
    _assert_security_headers(response)


def test_static_files_from_nginx_carry_the_same_hsts_as_the_pages(stage):
    visitor = stage.visitor()
    page = visitor.get("/en/")
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page.text).group(1)
    for path in (stylesheet, "/static/staticfiles.json"):
        response = visitor.get(path)
        assert response.status == 200, path
        assert response.header("Strict-Transport-Security") == page.header(
            "Strict-Transport-Security"
        )
        assert response.header("X-Content-Type-Options") == "nosniff"
