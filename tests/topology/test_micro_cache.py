"""What nginx's micro-cache (deploy/nginx.conf) keeps, and what it never keeps."""

import secrets

import pytest

from tests.topology.stage import ADMIN_PATH

pytestmark = pytest.mark.topology


def twice(client, path):
    """The cache status of the second of two requests in a row."""
    client.get(path)
    return client.get(path).header("X-Cache-Status")


def test_a_public_page_is_answered_from_the_micro_cache(stage):
    assert twice(stage.visitor(), "/el/") == "HIT"


def test_staff_with_a_session_always_reach_a_node_and_get_their_own_page(stage):
    staff = stage.visitor()
    assert stage.staff_login(staff).status == 302
    assert "sessionid" in staff.cookies
    assert twice(staff, "/el/") == "BYPASS"


@pytest.mark.parametrize("language", ["el", "en"])
def test_the_admin_under_its_own_path_is_never_answered_from_the_micro_cache(stage, language):
    # BYPASS, not merely MISS: nginx recognises DJANGO_ADMIN_PATH (the stage's is not "admin")
    # whatever the app's answer says, so no admin page could ever be answered from the cache.
    visitor = stage.visitor()
    for path in (f"/{language}/{ADMIN_PATH}/login/", f"/{language}/{ADMIN_PATH}/"):
        assert twice(visitor, path) == "BYPASS", path


@pytest.mark.parametrize(
    "path",
    [
        f"/en/{ADMIN_PATH}/login/",  # the admin, and a form setting the CSRF cookie
        "/en/feedback/?page=/en/&useful=yes",  # sets the CSRF cookie
        "/en/search/?q=integration",  # not marked public by the site
    ],
)
def test_admin_pages_responses_with_cookies_and_private_pages_are_never_kept(stage, path):
    first, second = stage.visitor(), stage.visitor()
    first.get(path)
    assert second.get(path).header("X-Cache-Status") in ("MISS", "BYPASS")


def test_an_answer_to_a_visitor_holding_the_csrf_cookie_is_never_stored(stage):
    holder = stage.visitor()
    holder.get("/en/feedback/?page=/en/&useful=yes")
    assert "csrftoken" in holder.cookies
    # A key nginx has not stored yet: `page` is a parameter nginx keys by (the home page drops it).
    path = f"/en/?page=csrf-{secrets.token_hex(6)}"
    assert holder.get(path).status == 200
    assert holder.get(path).header("X-Cache-Status") == "MISS"
    assert stage.visitor().get(path).header("X-Cache-Status") == "MISS"
