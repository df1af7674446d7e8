"""PostgreSQL or Redis down under both nodes: what visitors and editors get, and the return."""

import pytest

from tests.topology import admin
from tests.topology.stage import ADMIN_PATH, wait_until
from tests.topology.test_cross_node_edits import unique_name
from tests.topology.test_feedback_limit import send_feedback

pytestmark = pytest.mark.topology

GREEK_503 = "Η υπηρεσία είναι προσωρινά μη διαθέσιμη"
ENGLISH_503 = "Service temporarily unavailable"


def public_paths(stage):
    _pk, department = stage.department()
    return ["/el/", "/en/", department, department.replace("/en/", "/el/", 1), "/en/open-data/"]


def test_with_postgresql_down_cached_pages_are_served_the_rest_is_503_and_all_recover(stage):
    nodes = list(stage.nodes.values())
    paths = public_paths(stage)
    pids = [node.process.popen.pid for node in nodes]
    for node in nodes:
        for path in paths:
            assert node.client().get(path).status == 200

    stage.postgres_relay.cut()
    try:
        for node in nodes:
            for path in paths:
                assert node.client().get(path).status == 200, f"{path} on node {node.name}"
            greek = node.client().get(f"/el/search/?q={unique_name()}")
            english = node.client().get(f"/en/search/?q={unique_name()}")
            assert (greek.status, english.status) == (503, 503)
            assert GREEK_503 in greek.text and ENGLISH_503 not in greek.text
            assert ENGLISH_503 in english.text
        through_nginx = stage.visitor().get(f"/en/search/?q={unique_name()}")
        assert through_nginx.status == 503 and ENGLISH_503 in through_nginx.text
    finally:
        stage.postgres_relay.start()

    for node in nodes:
        wait_until(
            lambda node=node: node.client().get(f"/en/search/?q={unique_name()}").status == 200,
            timeout=15,
            message=f"node {node.name} does not recover",
        )
    assert [node.process.popen.pid for node in nodes] == pids  # never restarted


def test_with_redis_down_pages_render_edits_save_and_no_stale_page_follows(stage):
    pk, department = stage.department()
    nodes = list(stage.nodes.values())
    paths = public_paths(stage)
    extra = [f"/api/v1/departments/{pk}?lang=en", "/en/open-data/directory.csv"]
    for node in nodes:  # every page in the page cache (Redis)
        for path in paths + extra:
            assert node.client().get(path).status == 200
    editor = nodes[0].client()
    assert stage.staff_login(editor).status == 302
    new = unique_name()

    stage.redis_relay.cut()
    try:
        for node in nodes:
            for path in paths + extra:
                response = node.client().get(path)
                assert response.status == 200, f"{path} on node {node.name}: {response.status}"
        saved = admin.edit(editor, "department", pk, {"head_name_en": new})
        assert saved.status == 302, saved.status
        for node in nodes:
            assert new in node.client().get(department).text
        assert stage.visitor().get("/en/").status == 200
        # Staff still sign in through nginx (sessions and login attempts are in the database)
        # and reach the admin; a visitor's "Is this page useful?" answer is still taken.
        newcomer = stage.visitor()
        assert stage.staff_login(newcomer).status == 302
        assert newcomer.get(f"/en/{ADMIN_PATH}/").status == 200
        assert send_feedback(stage.visitor()) == 302
    finally:
        stage.redis_relay.start()

    # Redis is back with the pages it held before the edit: none of them may be served.
    for _ in range(2):
        for node in nodes:
            assert new in node.client().get(department).text, f"stale page on node {node.name}"
            assert new in node.client().get(f"/api/v1/departments/{pk}?lang=en").text
            assert new in node.client().get("/en/open-data/directory.csv").text
