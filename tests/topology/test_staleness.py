"""Bounded staleness: a publication made on a node that lost its Redis, while the other nodes
kept theirs, shows on them within 2 s (each process reads the database's content generation
once a second: serving/generation.py)."""

import time

import pytest

from tests.relay import Relay
from tests.topology import admin
from tests.topology.test_cross_node_edits import unique_name

pytestmark = pytest.mark.topology

BOUND = 2.0


@pytest.fixture(scope="module")
def editing_node(stage):
    """A node outside nginx whose Redis connection goes through a relay of its own."""
    relay = Relay(("127.0.0.1", stage.redis_port)).start()
    node = stage.extra_node("editing", REDIS_URL=f"redis://127.0.0.1:{relay.port}/0")
    yield node, relay
    relay.cut()


def test_an_edit_on_a_node_that_lost_redis_shows_on_the_others_within_2_s(stage, editing_node):
    node, relay = editing_node
    pk, path = stage.department()
    editor = node.client()
    assert stage.staff_login(editor).status == 302
    for other in stage.nodes.values():  # the page in Redis and in the nodes' memory
        other.client().get(path)
        other.client().get(path)
    new = unique_name()

    relay.cut()
    try:
        assert admin.edit(editor, "department", pk, {"head_name_en": new}).status == 302
        saved = time.monotonic()
        waiting = dict(stage.nodes)
        while waiting:
            for name, other in list(waiting.items()):
                if new in other.client().get(path).text:
                    del waiting[name]
            elapsed = time.monotonic() - saved
            assert not waiting or elapsed < BOUND, f"nodes {sorted(waiting)} after {elapsed:.1f} s"
            time.sleep(0.05)
    finally:
        relay.start()
