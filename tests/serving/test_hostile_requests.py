"""Requests a scanner or a broken client sends: the site answers 4xx (or serves the page), never
a 5xx. What gunicorn refuses before Django sees it is in test_gunicorn.py."""

import pytest
from django.test import Client

from tests.conftest import make_department, make_directorate


@pytest.fixture
def site(db):
    directorate = make_directorate()
    make_department(directorate, "alpha")
    return directorate


@pytest.fixture(params=[False, True], ids=["no-page-cache", "page-cache"])
def visitor(request, settings):
    settings.SERVING_PAGE_CACHE = request.param
    return Client(raise_request_exception=False)


PATHS = [
    "/el/" + "a" * 5000 + "/",
    "/el/" + "/".join(["deep"] * 400) + "/",
    "/el/../../../../etc/passwd",
    "/el/%2e%2e/%2e%2e/etc/passwd",
    "/static/../integration_site/settings.py",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/el/%ff%fe/",
    "/el/%c3%28/",
    "/el/%zz/",
    "/el/%/",
    "/el/test%00directorate/",
    "/el/%00/",
    "/xx/test-directorate/",
    "/el-gr/test-directorate/",
    "/zz/",
    "/el/test-directorate/?" + "q=" + "x" * 20000,
    "/el/test-directorate/?" + "&".join(f"p{n}=v" for n in range(2000)),
    "/el/test-directorate/?a=%ff%fe&b=%00",
    "/healthz/../readyz",
    "//evil.example/",
    # The pages and endpoints of the search, open-data and feedback features.
    "/el/search/?q=" + "ά" * 20000,
    "/el/search/?q=%00%ff&q=x&page=%ff",
    "/en/search/?q=a%27%20%26%20%21%3A*&page=-1",
    "/api/v1/departments/%ff",
    "/api/v1/directorates/" + "x" * 5000,
    "/api/v1/departments?lang=%00&lang=en",
    "/el/open-data/contacts/%2e%2e/%2e%2e.vcf",
    "/el/open-data/changes.atom?" + "x=" * 5000,
    "/el/feedback/?page=%00&useful=%ff",
    "/en/feedback/?page=//evil.example/&useful=yes",
]


@pytest.mark.parametrize("path", PATHS)
def test_odd_paths_never_get_a_server_error(visitor, site, path):
    response = visitor.get(path)
    assert response.status_code < 500, path


@pytest.mark.parametrize("method", ["put", "delete", "patch", "options", "trace"])
@pytest.mark.parametrize(
    "path",
    [
        "/el/",
        "/el/test-directorate/",
        "/healthz",
        "/",
        "/el/search/?q=x",
        "/en/open-data/",
        "/en/open-data/directory.csv",
        "/el/accessibility/",
        "/api/v1/departments",
    ],
)
def test_odd_methods_never_get_a_server_error(visitor, site, method, path):
    response = getattr(visitor, method)(path)
    assert response.status_code < 500
    if method != "options" and path != "/":
        assert response.status_code in (403, 405)


def test_post_without_csrf_token_is_refused(site):
    visitor = Client(enforce_csrf_checks=True, raise_request_exception=False)
    assert visitor.post("/el/admin/login/", {"username": "a", "password": "b"}).status_code == 403
    assert visitor.post("/el/test-directorate/").status_code == 403


def test_huge_headers_never_get_a_server_error(visitor, site):
    response = visitor.get(
        "/el/test-directorate/",
        headers={
            "accept-language": "el," * 5000,
            "accept-encoding": "gzip;q=abc, br;q=, " + "x" * 10000,
            "if-none-match": '"' + "a" * 10000 + '"',
            "if-modified-since": "not a date " * 100,
            "cookie": "sessionid=" + "x" * 8000,
            "x-forwarded-proto": "https" * 1000,
        },
    )
    assert response.status_code == 200


def test_unknown_language_prefix_ends_in_a_greek_404(visitor, site):
    response = visitor.get("/xx/test-directorate/", follow=True)
    assert response.status_code == 404
    assert '<html lang="el"' in response.content.decode()
