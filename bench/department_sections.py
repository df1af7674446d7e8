"""CPU per render of the directorate page with its departments' sections stored, and without.

In-process (Django test client), with the settings the environment gives (production:
DATABASE_URL, REDIS_URL, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS=testserver,...) and the page
cache off: the two cases alternate request by request, so the machine's other load falls on
both alike. The database must be migrated and seeded.

    SERVING_PAGE_CACHE=false DJANGO_SETTINGS_MODULE=integration_site.settings \\
        .venv/bin/python bench/department_sections.py [path] [renders]
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

from departments.templatetags.sections import NAMESPACE  # noqa: E402


def drop_sections():
    """Delete the stored sections only (the content generation and other fragments stay)."""
    client = cache._cache.get_client(write=True)  # django's RedisCache: the redis-py client
    for key in client.scan_iter(f"*{NAMESPACE}:*"):
        client.delete(key)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/el/social-integration/"
    renders = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    client = Client()
    for _ in range(20):
        if client.get(path).status_code != 200:
            sys.exit(f"{path} does not answer 200: is the database migrated and seeded?")
    stored, built = [], []
    for number in range(renders):
        for build in (False, True) if number % 2 else (True, False):
            if build:
                drop_sections()
            start = time.process_time()
            client.get(path)
            (built if build else stored).append(time.process_time() - start)
    stored_ms, built_ms = statistics.median(stored) * 1000, statistics.median(built) * 1000
    print(
        f"{path}: sections stored {stored_ms:.2f} ms, built {built_ms:.2f} ms CPU per render "
        f"(median of {renders} each): {stored_ms / built_ms:.2f}×"
    )


if __name__ == "__main__":
    main()
