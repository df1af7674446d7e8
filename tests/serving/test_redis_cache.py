"""The page cache on Redis, as production runs it: shared by every process, so a save made in
one process is seen by all. Needs REDIS_URL (CI exports it); skips elsewhere with the reason."""

import os
import urllib.parse
import uuid

import pytest
from django.core.cache import caches

from serving.cache import HEALTH, ReusedClient
from serving.pagecache import RECENT_PAGES
from tests.conftest import make_directorate
from tests.relay import Relay

REDIS_URL = os.environ.get("REDIS_URL")

if not REDIS_URL:
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the Redis tests: REDIS_URL is not set")
    pytestmark = pytest.mark.skip(
        reason="REDIS_URL is not set (CI sets it; e.g. redis://127.0.0.1:6379/6)"
    )


@pytest.fixture
def redis_cache(settings, page_cache):
    settings.CACHES = {
        "default": {
            "BACKEND": "serving.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            # Our own key space, so parallel runs on one Redis never see each other's pages.
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        }
    }
    yield caches["default"]
    caches["default"].clear()


def test_a_page_is_stored_in_redis_and_served_without_queries(
    client, db, redis_cache, django_assert_num_queries
):
    directorate = make_directorate()
    client.get(f"/el/{directorate.slug}/")
    with django_assert_num_queries(0):
        response = client.get(f"/el/{directorate.slug}/", headers={"accept-encoding": "br"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert type(redis_cache).__name__ == "FailSoftRedisCache"


def test_a_save_elsewhere_is_seen_at_once(
    client, db, redis_cache, django_capture_on_commit_callbacks
):
    directorate = make_directorate()
    client.get(f"/en/{directorate.slug}/")
    with django_capture_on_commit_callbacks(execute=True):
        directorate.name_en = "Directorate Renamed in Another Process"
        directorate.save()
    assert "Renamed in Another Process" in client.get(f"/en/{directorate.slug}/").content.decode()


@pytest.fixture
def relayed_cache(settings):
    """The production backend reaching Redis through a relay that the test cuts and restores."""
    target = urllib.parse.urlsplit(REDIS_URL)
    relay = Relay((target.hostname, target.port or 6379)).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "serving.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{relay.port}{target.path}",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"retry_after": 0},
        }
    }
    yield relay, caches["default"]
    if relay.listener is None:
        relay.start()
    caches["default"].clear()
    relay.cut()
    HEALTH.down, HEALTH.down_until, HEALTH.resync_needed = False, 0.0, False
    RECENT_PAGES.clear()  # pages of this test's content, kept by the processes' memory


def test_a_restarted_redis_is_read_again_at_once_and_the_version_resynchronised(relayed_cache):
    relay, cache = relayed_cache
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"
    HEALTH.resync_needed = False

    relay.cut()  # Redis goes away and comes back: the connection held for reads is dead
    assert cache.get("greeting", "missed") == "missed"
    relay.start()
    assert cache.get("greeting") == "hello"
    assert HEALTH.resync_needed  # whatever was saved meanwhile, the version is checked again


def test_a_connection_closed_while_idle_is_replaced_without_a_miss(relayed_cache):
    """A process that served nothing during an outage still learns of it when it reconnects:
    a save elsewhere may have missed the version's copy meanwhile."""
    relay, cache = relayed_cache
    cache.set("greeting", "hello")
    assert cache.get("greeting") == "hello"
    HEALTH.resync_needed = False
    relay.cut()
    relay.start()
    assert cache.get("greeting") == "hello"  # not a miss: connected again on the spot
    assert not HEALTH.down
    assert HEALTH.resync_needed


def test_a_hit_costs_one_round_trip_to_redis(client, db, redis_cache, monkeypatch):
    """The content generation is read; the page itself comes from the process's memory."""
    directorate = make_directorate()
    client.get(f"/el/{directorate.slug}/")
    client.get(f"/el/{directorate.slug}/")
    commands = []
    read, get_client = ReusedClient._read, ReusedClient.get_client

    def counted_read(self, *command):
        commands.append(command)
        return read(self, *command)

    def counted_client(self, *args, **kwargs):
        commands.append("another command")
        return get_client(self, *args, **kwargs)

    monkeypatch.setattr(ReusedClient, "_read", counted_read)
    monkeypatch.setattr(ReusedClient, "get_client", counted_client)
    response = client.get(f"/el/{directorate.slug}/")
    assert response.status_code == 200
    assert "Διεύθυνση Δοκιμών" in response.content.decode()
    assert [(c[0], c[1].endswith("content-generation")) for c in commands] == [("GET", True)]
