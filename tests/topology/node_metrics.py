"""Reading an app node's /metrics as Prometheus would: straight from the node, not via nginx."""

from prometheus_client.parser import text_string_to_metric_families

from tests.topology.stage import HOST
from tests.topology.webclient import Client


def scrape(port, host=HOST):
    """{(sample name, sorted labels): value} of the node listening on ``port``."""
    response = Client(port, host).get("/metrics")
    assert response.status == 200, response.status
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def total(samples, name, **labels):
    """The sum of ``name`` over the samples carrying ``labels`` (and any others)."""
    wanted = set(labels.items())
    return sum(v for (n, ls), v in samples.items() if n == name and wanted <= set(ls))


def page_cache(stage, result):
    """Page-cache lookups with ``result`` (hit or miss) on both of nginx's nodes together."""
    return sum(
        total(scrape(node.port), "serving_page_cache_lookups_total", result=result)
        for node in stage.nodes.values()
    )
