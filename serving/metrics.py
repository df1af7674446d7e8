"""Prometheus metrics of this node: requests, latency, the page cache, Redis and database errors,
and the drafts workflow's events (docs/serving.md#metrics).

gunicorn runs several worker processes; each counts in its own memory-mapped files under
``PROMETHEUS_MULTIPROC_DIR`` (one directory per node, set by gunicorn.conf.py), and the page at
``/metrics`` adds every worker's files up, so whichever worker answers the scrape gives the
node's totals. Without the variable (the development server, the tests) the process's own
registry is the answer.

``MetricsMiddleware`` comes first in MIDDLEWARE: it times every request, probes and page-cache
hits included, and answers ``/metrics`` itself, but only to a request that did not come
through a proxy (no ``X-Forwarded-For``): the public URL gives the usual 404 for it, and
deploy/nginx.conf refuses the path too.
"""

import os
import time

# prometheus_client counts in files as soon as the variable exists, even empty (then in the
# working directory): an empty one means "not set".
if os.environ.get("PROMETHEUS_MULTIPROC_DIR") == "":
    del os.environ["PROMETHEUS_MULTIPROC_DIR"]

from django.db import DatabaseError
from django.http import Http404, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

PATH = "/metrics"

REQUESTS = Counter(
    "django_http_requests",
    "Requests answered, by view (URL name), method and status.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "django_http_request_duration_seconds",
    "Time from the request reaching Django to its response, by view.",
    ["view"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
PAGE_CACHE = Counter(
    "serving_page_cache_lookups",
    "Public page cache lookups (serving/pagecache.py): hit or miss.",
    ["result"],
)
REDIS_ERRORS = Counter(
    "serving_redis_errors",
    "Shared cache (Redis) calls that failed and were answered as a miss (serving/cache.py).",
)
DATABASE_ERRORS = Counter(
    "serving_database_errors",
    "Requests that failed on a database error (a 503 page), and failed readiness probes.",
)
WORKFLOW_EVENTS = Counter(
    "workflow_draft_events",
    "Draft events recorded, by action: published, failed, conflict (departments/drafts.py).",
    ["action"],
)

# The view label of requests that never reach URL resolution.
UNRESOLVED = {"hit": "page_cache_hit"}
# Any other method a client sends is counted as "other", so nobody can add labels at will.
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def count_workflow_event(action):
    """Count one draft event (a receiver in the departments app calls this after commit)."""
    WORKFLOW_EVENTS.labels(action=action).inc()


def count_database_error():
    DATABASE_ERRORS.inc()


def count_redis_error():
    REDIS_ERRORS.inc()


def exposition():
    """The metrics in Prometheus' text format: every worker's of this node, or this process's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry)


def metrics_view(request):
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


def view_label(request):
    """The URL name of the view that answered, or what answered before any view was chosen."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match._func_path
    return UNRESOLVED.get(getattr(request, "page_cache", None), "none")


class MetricsMiddleware:
    """Time and count every request; answer /metrics to requests that bypassed the proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH:
            if "HTTP_X_FORWARDED_FOR" in request.META:
                raise Http404  # the site's 404 page, as for any other unknown path
            return metrics_view(request)
        started = time.perf_counter()
        response = self.get_response(request)
        view = view_label(request)
        LATENCY.labels(view=view).observe(time.perf_counter() - started)
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(view=view, method=method, status=str(response.status_code)).inc()
        page_cache = getattr(request, "page_cache", None)
        if page_cache is not None:
            PAGE_CACHE.labels(result=page_cache).inc()
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DatabaseError):
            count_database_error()
