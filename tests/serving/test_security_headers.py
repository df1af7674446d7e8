"""Security headers on every answer, a strict CSP that the admin and the pages live with, and
a clean `manage.py check --deploy` with the production environment."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_department, make_directorate, make_viber_community

ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>")
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


@pytest.fixture
def site(db):
    make_viber_community()
    directorate = make_directorate()
    make_department(directorate, "alpha")
    return directorate


def public_urls(directorate):
    return [
        "/el/",
        "/en/",
        f"/el/{directorate.slug}/",
        f"/en/{directorate.slug}/alpha/",
        "/el/missing-page/",
    ]


def test_csp_allows_nothing_inline_and_nothing_from_other_hosts(client, site):
    policy = client.get("/el/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "http" not in policy


@pytest.mark.parametrize("index", range(5))
def test_public_pages_have_no_inline_script_style_or_handler(client, site, index):
    response = client.get(public_urls(site)[index])
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html)
    assert not INLINE_HANDLER.findall(html)
    assert "<style" not in html
    assert " style=" not in html


def test_page_headers(client, site, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(f"/el/{site.slug}/", secure=True)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_cached_pages_keep_every_header(client, site, page_cache):
    first = client.get(f"/el/{site.slug}/")
    second = client.get(f"/el/{site.slug}/")
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "Content-Language",
    ):
        assert second[header] == first[header]


def test_admin_pages_work_under_the_policy(admin_client, site):
    """The admin pages staff use must not rely on inline scripts the CSP would block."""
    department = site.departments.get()
    for url in (
        "/el/admin/",
        "/el/admin/departments/department/",
        f"/el/admin/departments/department/{department.pk}/change/",
        "/el/admin/departments/directorate/add/",
        f"/el/admin/departments/department/{department.pk}/history/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" in response
        html = response.content.decode()
        assert not INLINE_SCRIPT.findall(html), url
        assert not INLINE_HANDLER.findall(html), url


def test_a_page_that_asks_for_a_nonce_gets_one_and_is_not_cached(rf, page_cache, db):
    from django.http import HttpResponse

    from serving.middleware import PageCacheMiddleware
    from serving.pagecache import cache_public_page

    @cache_public_page
    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    def stack(request):
        from csp.middleware import CSPMiddleware

        return CSPMiddleware(view)(request)

    request = rf.get("/nonce/")
    response = PageCacheMiddleware(stack)(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert "ETag" not in response
    again = PageCacheMiddleware(stack)(rf.get("/nonce/"))
    assert re.search(r'nonce="([^"]+)"', again.content.decode()).group(1) != nonce


def test_a_page_that_does_not_use_the_nonce_is_cached(rf, page_cache, db):
    """The CSP header names a nonce only when the page used one: without it, the page is shared."""
    from django.http import HttpResponse

    from serving.middleware import PageCacheMiddleware
    from serving.pagecache import cache_public_page

    renders = []

    @cache_public_page
    def view(request):
        renders.append(request)
        return HttpResponse("<p>no script</p>")

    def stack(request):
        from csp.middleware import CSPMiddleware

        return CSPMiddleware(view)(request)

    first = PageCacheMiddleware(stack)(rf.get("/no-nonce/"))
    second = PageCacheMiddleware(stack)(rf.get("/no-nonce/"))
    assert "'nonce-" not in first["Content-Security-Policy"]
    assert first["ETag"] == second["ETag"]
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert len(renders) == 1


def production_environment():
    """The variables .env.example documents for production, with a real-looking secret."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _sep, value = line.partition("=")
            env[name] = value
    env["DJANGO_SECRET_KEY"] = "k3y-" + "aZ9%" * 16
    env["DATABASE_URL"] = "sqlite:////tmp/deploy-check.sqlite3"
    return env


def test_deploy_check_reports_no_issues_in_production():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_environment(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_deploy_check_refuses_a_cache_local_to_one_process():
    """Without REDIS_URL each worker would keep its own content generation and serve stale pages."""
    env = production_environment()
    env.pop("REDIS_URL")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "serving.E001" in result.stderr + result.stdout


def test_deploy_check_warns_without_the_session_key_secret():
    """nginx could not tell signed-in staff from a made-up session cookie (serving/sessions.py)."""
    env = production_environment()
    env["DJANGO_SESSION_KEY_SECRET"] = ""
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "serving.W001" in result.stderr + result.stdout
