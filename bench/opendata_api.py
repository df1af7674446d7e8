"""Median time and queries of the open-data endpoints: built (cache empty), cached, and 304.

Run after `make setup` (seeded database): `make bench-opendata`. Uses Django's test client in
process, so the figures are the application's own cost, without a network or a web server.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_site.settings")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

URLS = [
    "/api/v1/directorates?lang=all",
    "/api/v1/departments",
    "/el/open-data/directory.csv",
    "/el/open-data/changes.atom",
]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "50"))


def median_ms(request, before=None):
    times = []
    for _ in range(ROUNDS):
        if before:
            before()
        start = time.perf_counter()
        response = request()
        times.append((time.perf_counter() - start) * 1000)
        if response.status_code not in (200, 304):
            raise SystemExit(f"{response.status_code} from {request}")
    return statistics.median(times)


def main():
    setup_test_environment()
    client = Client()
    print(f"{'endpoint':36} {'built ms':>9} {'queries':>8} {'cached ms':>10} {'304 ms':>7}")
    for url in URLS:
        cache.clear()
        queries = []

        def count(execute, *args, queries=queries):
            queries.append(1)
            return execute(*args)

        # Counted by a wrapper: the query log is reset at the start of every request.
        with connection.execute_wrapper(count):
            etag = client.get(url)["ETag"]
        built = median_ms(lambda url=url: client.get(url), before=cache.clear)
        cached = median_ms(lambda url=url: client.get(url))
        revalidated = median_ms(
            lambda url=url, etag=etag: client.get(url, headers={"If-None-Match": etag})
        )
        print(f"{url:36} {built:9.2f} {len(queries):8d} {cached:10.2f} {revalidated:7.2f}")


if __name__ == "__main__":
    main()
