"""What nginx's micro-cache (deploy/nginx.conf) keeps, and what it never keeps."""

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
