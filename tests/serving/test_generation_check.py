"""Bounded staleness: a content generation raised in the database by another process (cron's
publish_scheduled, an import, manage.py shell) whose copy never reached this process's cache is
seen within SERVING_GENERATION_CHECK_MS, at the cost of one query per second, not per request.

The tests run on the development configuration (local-memory cache, which no other process
can raise) and move the check's clock instead of sleeping."""

import pytest
from django.db import DatabaseError
from django.db.models import F

from departments.models import Directorate
from serving import generation
from serving.generation import DATABASE_CHECK
from serving.models import ContentGeneration
from tests.conftest import make_department, make_directorate, make_viber_community

pytestmark = pytest.mark.usefixtures("page_cache")

PAGE = "/en/test-directorate/"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(DATABASE_CHECK, "clock", clock)
    DATABASE_CHECK.done_now()
    return clock


@pytest.fixture
def directorate(db):
    make_viber_community()
    directorate = make_directorate()
    make_department(directorate, "alpha", order=1)
    return directorate


def publish_from_another_process(new_name):
    """What another process's publication leaves behind: new rows and a higher number in the
    database, and nothing in this process's cache (its copy went to its own cache)."""
    Directorate.objects.update(name_en=new_name)
    ContentGeneration.objects.get_or_create(pk=1)
    ContentGeneration.objects.filter(pk=1).update(number=F("number") + 1)


def test_a_publication_by_another_process_shows_within_a_second(client, directorate, clock):
    assert "Directorate of Testing" in client.get(PAGE).content.decode()
    publish_from_another_process("Directorate of Elsewhere")

    clock.advance(0.5)
    assert "Directorate of Testing" in client.get(PAGE).content.decode()
    clock.advance(0.5)
    assert "Directorate of Elsewhere" in client.get(PAGE).content.decode()


def test_the_check_costs_one_query_a_second_not_one_a_request(
    client, directorate, clock, django_assert_num_queries
):
    client.get(PAGE)
    with django_assert_num_queries(0):
        for _ in range(5):
            client.get(PAGE)
            clock.advance(0.1)
    clock.advance(0.5)
    with django_assert_num_queries(1):
        for _ in range(5):
            assert client.get(PAGE).status_code == 200


def test_the_interval_is_a_setting(client, directorate, clock, settings):
    settings.SERVING_GENERATION_CHECK_MS = 5000
    DATABASE_CHECK.done_now()
    client.get(PAGE)
    publish_from_another_process("Directorate of Elsewhere")
    clock.advance(4.9)
    assert "Directorate of Testing" in client.get(PAGE).content.decode()
    clock.advance(0.1)
    assert "Directorate of Elsewhere" in client.get(PAGE).content.decode()


def test_a_database_that_does_not_answer_the_check_leaves_the_cached_pages_served(
    client, directorate, clock, monkeypatch
):
    first = client.get(PAGE)

    def down():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(generation, "stored_generation", down)
    clock.advance(1)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response["ETag"] == first["ETag"]
