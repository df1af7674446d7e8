"""Junk cannot bypass the caches on the stage: made-up query parameters are answered from nginx's
micro-cache, made-up session cookies from the nodes' page cache (no render), and the real
parameters still reach the views."""

import secrets

import pytest

from tests.topology.node_metrics import page_cache

pytestmark = pytest.mark.topology


def junk():
    return secrets.token_hex(6)


def test_made_up_parameters_are_answered_from_nginx_with_the_plain_pages_bytes(stage):
    visitor = stage.visitor()
    plain = visitor.get("/en/")
    assert visitor.get("/en/").header("X-Cache-Status") == "HIT"
    for _ in range(5):
        response = visitor.get(f"/en/?x={junk()}&{junk()}={junk()}")
        assert response.status == 200
        assert response.header("X-Cache-Status") == "HIT"
        assert response.body == plain.body


def test_made_up_parameters_that_reach_a_node_are_page_cache_hits(stage):
    node = stage.nodes["a"]
    _pk, path = stage.department()
    node.client().get(path)
    hits, misses = page_cache(stage, "hit"), page_cache(stage, "miss")
    for _ in range(10):
        assert node.client().get(f"{path}?x={junk()}").status == 200
    assert page_cache(stage, "miss") == misses
    assert page_cache(stage, "hit") == hits + 10


def made_up_session_key():
    """The shape of a key the site issues (serving/sessions.py), with a MAC that is wrong."""
    return secrets.token_hex(9) + secrets.token_urlsafe(16)[:22]


def test_a_made_up_session_cookie_is_answered_from_nginx(stage):
    _pk, path = stage.department()
    plain = stage.visitor()
    plain.get(path)
    assert plain.get(path).header("X-Cache-Status") == "HIT"
    for _ in range(6):
        visitor = stage.visitor()
        visitor.cookies["sessionid"] = made_up_session_key()
        response = visitor.get(path)
        assert response.status == 200
        assert response.header("X-Cache-Status") == "HIT"


def test_a_made_up_session_cookie_that_reaches_a_node_gets_the_stored_page(stage):
    node = stage.nodes["a"]
    _pk, path = stage.department()
    node.client().get(path)
    hits, misses = page_cache(stage, "hit"), page_cache(stage, "miss")
    for _ in range(6):
        client = node.client()
        client.cookies["sessionid"] = made_up_session_key()
        response = client.get(path)
        assert response.status == 200
        assert response.header("ETag")
    assert page_cache(stage, "miss") == misses
    assert page_cache(stage, "hit") == hits + 6


def test_signed_in_staff_still_get_a_fresh_page(stage):
    staff = stage.visitor()
    assert stage.staff_login(staff).status == 302
    hits = page_cache(stage, "hit")
    response = staff.get(f"/en/?x={junk()}")
    assert response.status == 200
    assert response.header("ETag") is None
    assert page_cache(stage, "hit") == hits


def test_real_parameters_still_reach_the_views_beside_junk(stage):
    visitor = stage.visitor()
    search = visitor.get(f"/en/search/?q=integration&x={junk()}")
    assert search.status == 200 and 'class="search-result"' in search.text
    api = visitor.get("/api/v1/directorates/social-integration?lang=en")
    assert api.status == 200 and '"lang": "en"' in api.text.replace('":"', '": "')
    assert visitor.get(f"/api/v1/directorates/social-integration?x={junk()}").status == 400
