"""The public page cache: what it stores, what it serves, and when it lets go."""

import gzip

import brotli
import pytest
from django.core.cache import cache
from django.utils.http import http_date

from serving.generation import content_generation
from serving.pagecache import ENCODINGS, page_key
from tests.conftest import make_department, make_directorate, make_viber_community

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def directorate(db):
    make_viber_community()
    directorate = make_directorate()
    make_department(directorate, "alpha", order=1)
    return directorate


def url(directorate, language="el"):
    return f"/{language}/{directorate.slug}/"


def stored(path, query="", language="el"):
    """Whether the page cache holds the page (any backend: local memory or Redis)."""
    keys = [page_key(content_generation(), language, path, query, e) for e in ENCODINGS]
    return any(cache.get(key) is not None for key in keys)


def test_a_cached_page_is_served_without_any_database_query(
    client, directorate, django_assert_num_queries
):
    first = client.get(url(directorate))
    assert stored(url(directorate))
    with django_assert_num_queries(0):
        second = client.get(url(directorate))
    assert second.status_code == 200
    assert second.content == first.content
    assert "Διεύθυνση Δοκιμών" in second.content.decode()


def test_public_page_carries_validators_and_a_short_public_lifetime(client, directorate):
    response = client.get(url(directorate))
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Accept-Encoding" in response["Vary"]
    assert "Cookie" not in response["Vary"]


def test_greek_and_english_pages_are_cached_separately(client, directorate):
    client.get(url(directorate, "el"))
    english = client.get(url(directorate, "en")).content.decode()
    assert "Directorate of Testing" in english
    assert "Διεύθυνση Δοκιμών</h1>" not in english


def test_gzip_is_served_precompressed_to_clients_that_accept_it(client, directorate):
    plain = client.get(url(directorate)).content
    response = client.get(url(directorate), headers={"accept-encoding": "gzip, deflate"})
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain
    assert int(response["Content-Length"]) == len(response.content)


def test_brotli_is_preferred_when_the_client_accepts_it(client, directorate):
    plain = client.get(url(directorate)).content
    response = client.get(url(directorate), headers={"accept-encoding": "gzip, br"})
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content) == plain


def test_a_refused_encoding_is_not_used(client, directorate):
    response = client.get(url(directorate), headers={"accept-encoding": "br;q=0, gzip"})
    assert response["Content-Encoding"] == "gzip"


def test_matching_etag_gets_304(client, directorate):
    etag = client.get(url(directorate))["ETag"]
    response = client.get(url(directorate), headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_gets_304_when_nothing_changed(client, directorate):
    last_modified = client.get(url(directorate))["Last-Modified"]
    response = client.get(url(directorate), headers={"if-modified-since": last_modified})
    assert response.status_code == 304


def test_an_old_etag_gets_the_new_page_after_a_save(
    client, directorate, django_capture_on_commit_callbacks
):
    etag = client.get(url(directorate, "en"))["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        directorate.name_en = "Directorate of Renamed Things"
        directorate.save()
    response = client.get(url(directorate, "en"), headers={"if-none-match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Directorate of Renamed Things" in response.content.decode()


def test_a_content_save_is_visible_at_once(client, directorate, django_capture_on_commit_callbacks):
    client.get(url(directorate, "en"))
    with django_capture_on_commit_callbacks(execute=True):
        department = directorate.departments.get()
        department.name_en = "Department of Fresh News"
        department.save()
    assert "Department of Fresh News" in client.get(url(directorate, "en")).content.decode()


def test_a_signed_in_member_of_staff_gets_a_fresh_render(
    client, directorate, admin_user, django_assert_max_num_queries
):
    client.get(url(directorate))
    client.force_login(admin_user)
    with django_assert_max_num_queries(20) as queries:
        response = client.get(url(directorate))
    assert response.status_code == 200
    assert len(queries) > 1
    assert "ETag" not in response


def test_tracking_parameters_share_the_cached_page(client, directorate, django_assert_num_queries):
    client.get(url(directorate))
    with django_assert_num_queries(0):
        response = client.get(url(directorate) + "?utm_source=news&fbclid=abc")
    assert response.status_code == 200
    assert "fbclid" not in response.content.decode()


def test_unknown_parameters_are_neither_stored_nor_echoed(client, directorate):
    response = client.get(url(directorate) + "?x=%3Cscript%3E")
    assert response.status_code == 200
    assert "?x=" not in response.content.decode()
    assert not stored(url(directorate), "x=%3Cscript%3E")
    assert stored(url(directorate))


def test_post_is_never_answered_from_the_cache(client, directorate):
    client.get(url(directorate))
    assert client.post(url(directorate)).status_code == 405


def test_head_is_answered_from_the_cache(client, directorate):
    client.get(url(directorate))
    response = client.head(url(directorate))
    assert response.status_code == 200
    assert response["ETag"]


def test_admin_is_never_cached(admin_client, client, db):
    admin_client.get("/el/admin/")
    response = client.get("/el/admin/login/")
    assert "ETag" not in response
    assert "csrftoken" in response.cookies


def test_not_found_pages_are_not_cached(client, db):
    response = client.get("/el/no-such-directorate/")
    assert response.status_code == 404
    assert "ETag" not in response


def test_switched_off_the_cache_stores_nothing(client, directorate, settings):
    settings.SERVING_PAGE_CACHE = False
    response = client.get(url(directorate))
    assert response.status_code == 200
    assert "ETag" not in response
    assert not stored(url(directorate))


@pytest.mark.urls("tests.serving.urls")
class TestPagesThatMustNotBeShared:
    def test_a_response_that_sets_a_cookie_is_not_stored(self, client, db):
        client.get("/cookie/")
        response = client.get("/cookie/")
        assert "preference" in response.cookies
        assert "ETag" not in response

    def test_a_page_with_a_csrf_token_is_not_stored(self, client, db):
        first = client.get("/form/")
        assert "csrftoken" in first.cookies
        second = client.get("/form/")
        assert "ETag" not in second
        assert "csrftoken" in second.cookies

    def test_allowed_parameters_are_part_of_the_key(self, client, db):
        assert client.get("/paged/?page=2").content == b"page=2"
        assert client.get("/paged/?page=3").content == b"page=3"
        assert client.get("/paged/?page=2&junk=1").content == b"page=2"

    def test_a_plain_page_is_stored_once(self, client, db):
        plain = client.get("/plain/")
        response = client.get("/plain/?junk=1")
        assert response.content == b"query="
        assert response["ETag"] == plain["ETag"]


def test_last_modified_is_when_the_page_was_stored(client, directorate):
    response = client.get(url(directorate))
    older = http_date(0)
    assert client.get(url(directorate), headers={"if-modified-since": older}).status_code == 200
    assert response["Last-Modified"] != older


@pytest.mark.parametrize("language", ["el", "en"])
def test_a_cached_page_is_refused_to_a_host_outside_allowed_hosts(visitor, directorate, language):
    """A hit answers only for the site's own names, as a render does: the usual 400 page."""
    assert visitor.get(url(directorate, language)).status_code == 200
    assert stored(url(directorate, language), language=language)
    response = visitor.get(url(directorate, language), headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "Directorate of Testing" not in response.content.decode()
    assert "Διεύθυνση Δοκιμών" not in response.content.decode()
    assert visitor.get(url(directorate, language)).status_code == 200


def test_a_foreign_host_gets_400_for_head_or_revalidation_of_a_cached_page(visitor, directorate):
    """The Host check comes before every kind of hit: HEAD and a 304 to If-None-Match too."""
    page = visitor.get(url(directorate))
    assert stored(url(directorate))
    current = {"if-none-match": page["ETag"]}
    assert visitor.get(url(directorate), headers=current).status_code == 304

    foreign = {"host": "evil.example"}
    assert visitor.head(url(directorate), headers=foreign).status_code == 400
    assert visitor.get(url(directorate), headers={**foreign, **current}).status_code == 400
    since = {**foreign, "if-modified-since": page["Last-Modified"]}
    assert visitor.get(url(directorate), headers=since).status_code == 400
