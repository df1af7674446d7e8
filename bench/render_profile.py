"""Where a render's time goes: template files per page, queries, and cProfile's top entries.

In-process (Django test client, page cache off), with the settings the environment gives; the
database must be migrated and seeded. For the directorate page warm (its fragments stored),
cold (inside ``serving.validators.uncached()``, as the first render after a save, as
bench/cold_wsgi.py serves it) and the search page:

    SERVING_PAGE_CACHE=false DJANGO_DEBUG=false DJANGO_SECRET_KEY=... \\
        DJANGO_ALLOWED_HOSTS=testserver DATABASE_URL=... REDIS_URL=... \\
        .venv/bin/python bench/render_profile.py [renders] [top]

Prints, per case: the template files rendered per request (each ``{% include %}`` and
inclusion tag counts once), the query count, the median render time, and the ``top`` functions
by own time over ``renders`` renders (cProfile), with the function calls per request (the same
whatever else the machine runs, unlike the times).
"""

import contextlib
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
import urllib.parse
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_site.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.signals import template_rendered  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

from serving.validators import uncached  # noqa: E402

DIRECTORATE = "/el/social-integration/"
SEARCH = "/el/search/?q=" + urllib.parse.quote("ένταξη")
CASES = {
    "directorate page (el), warm": (DIRECTORATE, contextlib.nullcontext),
    "directorate page (el), cold": (DIRECTORATE, uncached),
    "search ?q=ένταξη (el)": (SEARCH, contextlib.nullcontext),
}


def templates_per_request(client, path, fragments):
    names = Counter()

    def seen(sender, template, **kwargs):
        names[template.name] += 1

    template_rendered.connect(seen)
    try:
        with fragments():
            client.get(path)
    finally:
        template_rendered.disconnect(seen)
    return names


def count_queries(client, path, fragments):
    queries = []

    def counted(execute, *args):
        queries.append(args[0])
        return execute(*args)

    with connection.execute_wrapper(counted), fragments():
        client.get(path)
    return queries


def main():
    renders = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    client = Client()
    for name, (path, fragments) in CASES.items():
        for _warm in range(5):
            with fragments():
                if client.get(path).status_code != 200:
                    sys.exit(f"{path} does not answer 200: is the database migrated and seeded?")
        queries = count_queries(client, path, fragments)
        times = []
        profile = cProfile.Profile()
        for _render in range(renders):
            with fragments():
                start = time.perf_counter()
                profile.enable()
                client.get(path)
                profile.disable()
                times.append((time.perf_counter() - start) * 1000)
        # Counted last: the test instrumentation (template_rendered) slows every render.
        setup_test_environment()
        names = templates_per_request(client, path, fragments)
        teardown_test_environment()
        print(f"\n## {name}: {path}")
        print(
            f"templates rendered per request: {sum(names.values())} "
            f"({len(names)} files); queries: {len(queries)}; "
            f"median render {statistics.median(times):.2f} ms ({renders} renders, profiled)"
        )
        for template, count in sorted(names.items()):
            print(f"  {count:3d} × {template}")
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        # Python function calls per request: unlike times, the same on a loaded machine.
        print(f"function calls per request: {stats.total_calls / renders:.0f}")
        stats.sort_stats("tottime").print_stats(top)
        print(out.getvalue().split("\n", 6)[-1].rstrip())


if __name__ == "__main__":
    main()
