"""A Host outside DJANGO_ALLOWED_HOSTS gets 400, whether or not the page is in a cache."""

import pytest

from tests.topology.webclient import Client

pytestmark = pytest.mark.topology

EVIL = "evil.example"


@pytest.mark.parametrize("path", ["/en/", "/el/open-data/"])
def test_a_foreign_host_gets_400_through_nginx_and_on_each_node_even_for_a_cached_page(stage, path):
    visitor = stage.visitor()
    for _ in range(2):  # stored in nginx's micro-cache and in the nodes' page cache
        assert visitor.get(path).status == 200
    assert visitor.get(path).header("X-Cache-Status") == "HIT"
    for node in stage.nodes.values():
        assert node.client().get(path).status == 200

    foreign = stage.visitor(visitor.source, host=EVIL)
    assert foreign.get(path).status == 400
    for node in stage.nodes.values():
        straight = Client(node.port, EVIL, forwarded_for=visitor.source)
        assert straight.get(path).status == 400, f"node {node.name} served {path} to {EVIL}"
