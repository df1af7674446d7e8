"""When Redis does not answer, the site runs without it: slower, never broken.

The cache here is the production backend pointed at a port where nothing listens, which is what
a stopped Redis looks like. No Redis is needed. The real thing, a gunicorn whose Redis goes away
and comes back, is in test_redis_outage.py.
"""

import logging

import pytest
from django.core.cache import caches

from departments.models import Directorate
from feedback.models import Feedback
from serving.cache import HEALTH
from serving.pagecache import RECENT_PAGES
from tests.conftest import make_department, make_directorate, make_viber_community
from tests.relay import free_port
from tests.staff.admin_forms import change_url, open_form


@pytest.fixture
def redis_down(settings, page_cache):
    settings.CACHES = {
        "default": {
            "BACKEND": "serving.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "retry_after": 0},
        }
    }
    yield caches["default"]
    HEALTH.down, HEALTH.down_until, HEALTH.resync_needed = False, 0.0, False
    RECENT_PAGES.clear()  # pages of this test's content, kept by the processes' memory


@pytest.fixture
def directorate(db):
    make_viber_community()
    directorate = make_directorate()
    make_department(directorate, "alpha")
    return directorate


def test_each_cache_operation_is_a_miss_and_a_warning(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="serving.cache"):
        assert redis_down.get("key", "default") == "default"
        redis_down.set("key", "value")
        assert redis_down.add("key", "value") is False
        assert redis_down.get_many(["a", "b"]) == {}
        assert redis_down.set_many({"a": 1, "b": 2}) == ["a", "b"]
        assert redis_down.delete("key") is False
        with pytest.raises(ValueError):
            redis_down.incr("key")
    assert "The shared cache is unreachable" in caplog.text
    assert HEALTH.resync_needed


@pytest.mark.parametrize("language", ["el", "en"])
def test_public_pages_are_rendered_without_the_cache(visitor, redis_down, directorate, language):
    for path in (
        f"/{language}/",
        f"/{language}/{directorate.slug}/",
        f"/{language}/{directorate.slug}/alpha/",
        f"/{language}/search/?q=alpha",
        f"/{language}/open-data/directory.csv",
        f"/{language}/open-data/changes.atom",
        f"/api/v1/directorates/{directorate.slug}?lang={language}",
        "/api/v1/departments",
    ):
        for _twice in range(2):
            response = visitor.get(path)
            assert response.status_code == 200, path
    assert "Directorate of Testing" in visitor.get(f"/en/{directorate.slug}/").content.decode()


def test_feedback_is_accepted_without_the_rate_limits_cache(visitor, redis_down, directorate):
    values = {"useful": "yes", "comment": "", "page": f"/en/{directorate.slug}/"}
    response = visitor.post("/en/feedback/", values)
    assert response.status_code == 302
    assert Feedback.objects.count() == 1


def test_an_admin_save_succeeds_and_is_public_at_once(
    admin_client, visitor, redis_down, directorate, django_capture_on_commit_callbacks
):
    form = open_form(admin_client, change_url(directorate, "en"))
    form["name_en"] = "Directorate Renamed During the Outage"
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(change_url(directorate, "en"), form)
    assert response.status_code == 302
    assert Directorate.objects.get(pk=directorate.pk).name_en.endswith("During the Outage")
    page = visitor.get(f"/en/{directorate.slug}/")
    assert page.status_code == 200
    assert "Directorate Renamed During the Outage" in page.content.decode()
