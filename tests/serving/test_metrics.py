"""Operators' metrics at /metrics (serving/metrics.py): Prometheus' text format, what each
counter counts, and the path is not answered to a request that came through the proxy."""

import pytest
from django.db import OperationalError, connection
from prometheus_client.parser import text_string_to_metric_families
from redis.exceptions import ConnectionError as RedisConnectionError

from serving.cache import SharedCacheHealth
from tests.conftest import make_department, make_directorate, make_viber_community


def scrape(client):
    """{(sample name, sorted labels): value} from /metrics, parsed by prometheus_client."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
def directorate(db):
    make_viber_community()
    directorate = make_directorate()
    make_department(directorate, "alpha", order=1)
    return directorate


def test_metrics_are_in_prometheus_text_format_with_every_family(client, db):
    response = client.get("/metrics")
    names = {f.name for f in text_string_to_metric_families(response.content.decode())}
    assert {
        "django_http_requests",
        "django_http_request_duration_seconds",
        "serving_page_cache_lookups",
        "serving_redis_errors",
        "serving_database_errors",
        "workflow_draft_events",
    } <= names


def test_requests_are_counted_by_view_and_status_with_their_latency(client, directorate):
    before = scrape(client)
    assert client.get("/en/test-directorate/").status_code == 200
    after = scrape(client)
    page = {"view": "departments:directorate", "method": "GET", "status": "200"}
    assert value(after, "django_http_requests_total", **page) == (
        value(before, "django_http_requests_total", **page) + 1
    )
    count = "django_http_request_duration_seconds_count"
    assert value(after, count, view="departments:directorate") == (
        value(before, count, view="departments:directorate") + 1
    )


def test_errors_are_counted_by_their_status(client, db):
    before = scrape(client)
    assert client.get("/en/no-such-page/").status_code == 404
    after = scrape(client)
    not_found = [
        k for k in after if k[0] == "django_http_requests_total" and ("status", "404") in k[1]
    ]
    assert sum(after[k] - before.get(k, 0) for k in not_found) == 1


@pytest.mark.usefixtures("page_cache")
def test_page_cache_hits_and_misses_are_counted(client, directorate):
    before = scrape(client)
    client.get("/en/test-directorate/")
    client.get("/en/test-directorate/?junk=1")
    client.get("/en/test-directorate/")
    client.get("/en/search/?q=anything")  # never cached: neither a hit nor a miss
    client.get("/en/no-such-page/")
    after = scrape(client)
    name = "serving_page_cache_lookups_total"
    assert value(after, name, result="miss") - value(before, name, result="miss") == 1
    assert value(after, name, result="hit") - value(before, name, result="hit") == 2
    hits = {"view": "page_cache_hit", "method": "GET", "status": "200"}
    assert (
        value(after, "django_http_requests_total", **hits)
        - value(before, "django_http_requests_total", **hits)
        == 2
    )


def test_redis_errors_are_counted(client, db):
    before = value(scrape(client), "serving_redis_errors_total")
    SharedCacheHealth().failed(RedisConnectionError("refused"))
    assert value(scrape(client), "serving_redis_errors_total") == before + 1


def test_database_errors_are_counted(client, db, monkeypatch):
    before = value(scrape(client), "serving_database_errors_total")

    def refused():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refused)
    assert client.get("/readyz").status_code == 503
    monkeypatch.undo()
    assert value(scrape(client), "serving_database_errors_total") == before + 1


@pytest.mark.parametrize("method", ["BREW", "PROPFIND"])
def test_made_up_methods_share_one_label(client, db, method):
    before = scrape(client)
    client.generic(method, "/en/")
    after = scrape(client)
    assert not any(dict(labels).get("method") == method for _name, labels in after)
    other = [k for k in after if dict(k[1]).get("method") == "other"]
    assert sum(after[k] - before.get(k, 0) for k in other if k[0].endswith("_total")) == 1


def test_metrics_are_not_answered_through_the_proxy(client, db):
    response = client.get("/metrics", headers={"x-forwarded-for": "203.0.113.9"})
    assert response.status_code == 404
    assert b"django_http_requests" not in response.content
