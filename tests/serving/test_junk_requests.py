"""Junk a visitor (or an attacker) adds to a request never skips the page cache: made-up query
parameters and made-up session cookies are answered with the stored page, without a render;
the real parameters and a signed-in member of staff still get what they asked for."""

import secrets

import pytest
from django.test.signals import template_rendered

from serving.pagecache import QUERY_PARAMS, RECENT_PAGES
from serving.sessions import SessionStore
from tests.conftest import make_department, make_directorate, make_viber_community

pytestmark = pytest.mark.usefixtures("page_cache")

PAGE = "/en/test-directorate/"


@pytest.fixture
def directorate(db):
    make_viber_community()
    directorate = make_directorate()
    make_department(directorate, "alpha", order=1)
    return directorate


@pytest.fixture
def renders():
    """The templates rendered while the test runs (a cache hit renders none)."""
    rendered = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)


def junk():
    return secrets.token_hex(8)


def test_a_made_up_parameter_gets_the_stored_page_without_a_render(
    client, directorate, renders, django_assert_num_queries
):
    plain = client.get(PAGE)
    renders.clear()
    with django_assert_num_queries(0):
        response = client.get(f"{PAGE}?x={junk()}&{junk()}={junk()}")
    assert response.status_code == 200
    assert renders == []
    assert response.content == plain.content
    assert response["ETag"] == plain["ETag"]
    assert 'rel="canonical" href="https://integration.example.gov.gr/en/test-directorate/"' in (
        response.content.decode()
    )


def test_the_first_request_with_junk_stores_the_plain_page_for_every_later_one(
    client, directorate, renders, django_assert_num_queries
):
    first = client.get(f"{PAGE}?x={junk()}")
    assert renders
    renders.clear()
    with django_assert_num_queries(0):
        assert client.get(f"{PAGE}?y={junk()}").content == first.content
        assert client.get(PAGE).content == first.content
    assert renders == []


def test_a_process_that_never_saw_the_page_finds_it_under_the_plain_url(
    client, directorate, renders, django_assert_num_queries
):
    client.get(PAGE)
    QUERY_PARAMS._params.clear()  # as in another gunicorn worker
    RECENT_PAGES.clear()
    renders.clear()
    with django_assert_num_queries(0):
        assert client.get(f"{PAGE}?x={junk()}").status_code == 200
    assert renders == []


def test_a_not_modified_answer_holds_for_a_url_with_junk(client, directorate):
    etag = client.get(PAGE)["ETag"]
    response = client.get(f"{PAGE}?x={junk()}", headers={"if-none-match": etag})
    assert response.status_code == 304


def test_a_made_up_session_cookie_gets_the_stored_page_without_a_query(
    client, directorate, renders, django_assert_num_queries
):
    plain = client.get(PAGE)
    renders.clear()
    client.cookies["sessionid"] = secrets.token_hex(20)  # the length of a real key, made up
    with django_assert_num_queries(0):
        response = client.get(PAGE)
    assert renders == []
    assert response["ETag"] == plain["ETag"]
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize("cookie", ["x", "<script>", "a" * 32, "0" * 400])
def test_any_session_cookie_the_site_never_issued_is_not_even_looked_up(
    client, directorate, renders, django_assert_num_queries, cookie
):
    client.get(PAGE)
    renders.clear()
    client.cookies["sessionid"] = cookie
    with django_assert_num_queries(0):
        response = client.get(PAGE)
    assert response.status_code == 200
    assert renders == []


def test_a_session_without_a_signed_in_user_gets_the_stored_page_after_one_lookup(
    client, directorate, renders, django_assert_num_queries
):
    client.get(PAGE)
    session = SessionStore()
    session["anything"] = 1
    session.create()
    client.cookies["sessionid"] = session.session_key
    renders.clear()
    with django_assert_num_queries(1):
        assert "ETag" in client.get(PAGE)
    assert renders == []


def test_a_signed_in_member_of_staff_still_gets_a_fresh_render(
    client, directorate, admin_user, renders
):
    client.get(PAGE)
    client.force_login(admin_user)
    renders.clear()
    response = client.get(f"{PAGE}?x={junk()}")
    assert response.status_code == 200
    assert renders
    assert "ETag" not in response


@pytest.mark.urls("tests.serving.urls")
def test_a_real_parameter_stays_in_the_key_whatever_junk_comes_with_it(client, db, renders):
    assert client.get("/paged/?page=2").content == b"page=2"
    assert client.get("/paged/?x=1").content == b"page=1"
    renders.clear()
    assert client.get(f"/paged/?page=2&x={junk()}").content == b"page=2"
    assert client.get(f"/paged/?x={junk()}").content == b"page=1"
    assert client.get("/paged/?page=3&x=1").content == b"page=3"


def test_search_still_reads_its_query_and_page_beside_junk(client, seeded):
    response = client.get(f"/el/search/?q=ένταξη&page=1&x={junk()}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="search-result"' in html
    assert 'value="ένταξη"' in html


def test_the_api_still_reads_lang_and_refuses_junk(client, seeded):
    english = client.get("/api/v1/directorates/social-integration?lang=en")
    assert english.json()["lang"] == "en"
    assert client.get(f"/api/v1/directorates/social-integration?x={junk()}").status_code == 400
