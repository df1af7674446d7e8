"""Each node serves its metrics to Prometheus directly; nginx never exposes them."""

import pytest

from tests.topology.node_metrics import scrape, total
from tests.topology.stage import HOST

pytestmark = pytest.mark.topology


def test_each_node_serves_its_metrics_in_prometheus_format(stage):
    for node in stage.nodes.values():
        node.client().get("/en/")
        samples = scrape(node.port, HOST)
        assert total(samples, "django_http_requests_total", status="200") > 0
        assert any(name == "django_http_request_duration_seconds_bucket" for name, _ in samples)


@pytest.mark.parametrize("path", ["/metrics", "/metrics?x=1"])
def test_metrics_are_not_reachable_through_nginx(stage, path):
    response = stage.visitor().get(path)
    assert response.status == 404
    assert "django_http_requests" not in response.text


@pytest.mark.parametrize(
    "path", ["/metrics/", "/METRICS", "/en/metrics", "//metrics", "/%6detrics"]
)
def test_no_spelling_of_the_path_reaches_the_metrics_through_nginx(stage, path):
    response = stage.visitor().get(path)
    assert response.status in (301, 302, 404)
    assert "django_http_requests" not in response.text


def test_a_request_relayed_to_a_node_does_not_get_the_metrics(stage):
    response = stage.nodes["a"].client().get("/metrics")
    assert response.status == 404
    assert "django_http_requests" not in response.text
