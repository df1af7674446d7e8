"""Benchmark of the site search on PostgreSQL (not a test: it prints figures).

Fills the PostgreSQL database named by DATABASE_URL with 10,000 generated competences across
many departments (in both languages, words drawn from the real seed), then requests the search
page for a set of queries, with the GIN indexes and without them, and reports the median and
95th-percentile time per request and the number of SQL queries each request made.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/search_bench make bench-search

Use a scratch database: the script migrates it and replaces its content.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_site.settings")
os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"

QUERIES = {
    "el": [
        "ιθαγενεια",
        "ΚΟΙΝΩΝΙΚΗΣ ΕΝΤΑΞΗΣ",
        "υγεια",
        "διαπολιτισμικοτητα",
        "μεταναστών",
        "Κεραμιδά",
        "δράσεων ένταξης πολιτών τρίτων χωρών",
        "ξυλοκόπος",
    ],
    "en": ["interfaith", "Greek", "social integration", "health", "third-country nationals"],
    # Pages whose content falls back to the English (and the Greek): three configurations OR-ed.
    "ar": ["social integration", "health", "الادماج"],
    "fr": ["intégration sociale", "health"],
}


def _words(seed_file):
    data = json.loads(seed_file.read_text(encoding="utf-8"))
    words = {"el": [], "en": []}
    for directorate in data["directorates"]:
        for department in directorate["departments"]:
            for competence in department["competences"]:
                for language in words:
                    words[language].extend(competence[language].split())
    return words


def generate(competences, per_department, departments_per_directorate):
    """Replace the content with the seed plus generated departments and competences."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from departments.models import Competence, Department, Directorate, SeedRecord
    from departments.seeding import DEFAULT_SEED_DIR, load_seed
    from search.indexing import rebuild_index

    rng = random.Random(4)  # noqa: S311 -- repeatable test data, not secrets
    words = _words(DEFAULT_SEED_DIR / "social_integration.json")
    call_command("migrate", verbosity=0)
    with transaction.atomic():
        Competence.objects.all().delete()
        Department.objects.all().delete()
        Directorate.objects.all().delete()
        SeedRecord.objects.all().delete()
        load_seed()
        remaining = competences - Competence.objects.count()
        number = 0
        while remaining > 0:
            directorate = Directorate.objects.create(
                slug=f"bench-{number}",
                order=number + 2,
                name_el=f"Διεύθυνση Δοκιμής {number}",
                name_en=f"Test Directorate {number}",
                mission_el=" ".join(rng.choices(words["el"], k=60)),
                mission_en=" ".join(rng.choices(words["en"], k=60)),
                head_name_el=f"Όνομα Επώνυμο{number}",
                head_name_en=f"Name Surname{number}",
            )
            departments = Department.objects.bulk_create(
                Department(
                    directorate=directorate,
                    order=order,
                    slug=f"unit-{order}",
                    name_el="Τμήμα " + " ".join(rng.choices(words["el"], k=4)),
                    name_en="Department of " + " ".join(rng.choices(words["en"], k=4)),
                    head_name_el=f"Προϊσταμένη Τμήματος{number}x{order}",
                    head_name_en=f"Head Unit{number}x{order}",
                )
                for order in range(1, departments_per_directorate + 1)
            )
            batch = []
            for department in departments:
                for order in range(1, min(per_department, remaining) + 1):
                    batch.append(
                        Competence(
                            department=department,
                            order=order,
                            text_el=" ".join(rng.choices(words["el"], k=rng.randint(12, 60))),
                            text_en=" ".join(rng.choices(words["en"], k=rng.randint(12, 60))),
                        )
                    )
                remaining -= min(per_department, remaining)
            Competence.objects.bulk_create(batch)
            number += 1
        # bulk_create sends no signals: build the index in one go, as the command does.
        entries = rebuild_index()
    # A freshly bulk-loaded table has no visibility map or statistics yet, and the planner then
    # skips the GIN index; a production table is vacuumed by autovacuum, so measure that state.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return Competence.objects.count(), Department.objects.count(), entries


def set_gin_index(present):
    from django.db import connection

    migration = __import__("search.migrations.0002_postgresql_full_text", fromlist=["x"])
    with connection.cursor() as cursor:
        cursor.execute(migration.CREATE_INDEX if present else migration.DROP_INDEX)
        cursor.execute("ANALYZE search_searchentry")


def plan_uses_index(language, query):
    """Whether PostgreSQL's plan for the search uses the GIN index."""
    from django.db import connection

    from search.models import SearchEntry
    from search.normalise import query_terms

    queryset = SearchEntry.objects.search(query_terms(query), language)[:20]
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return "search_entry_document_gin" in plan


def result_count(language, query):
    from search.models import SearchEntry
    from search.normalise import query_terms

    return SearchEntry.objects.search(query_terms(query), language).count()


def measure(repeats):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    rows, times = [], []
    for language, queries in QUERIES.items():
        for query in queries:
            samples, counts, status = [], set(), None
            for _ in range(repeats):
                with CaptureQueriesContext(connection) as captured:
                    start = time.perf_counter()
                    response = client.get(f"/{language}/search/", {"q": query})
                    samples.append((time.perf_counter() - start) * 1000)
                counts.add(len(captured))
                status = response.status_code
            results = result_count(language, query)
            rows.append((language, query, status, results, counts, samples))
            times.extend(samples)
    return rows, times


def p95(samples):
    return statistics.quantiles(samples, n=20)[18]


def report(title, rows, times):
    print(f"\n{title}")
    header = f"{'results':>7} {'SQL/request':>11} {'median ms':>9} {'p95 ms':>8}"
    print(f"  {'lang':4} {'query':40} {header}")
    for language, query, _status, results, counts, samples in rows:
        print(
            f"  {language:4} {query[:40]:40} {results!s:>7} {','.join(map(str, counts)):>11} "
            f"{statistics.median(samples):9.1f} {p95(samples):8.1f}"
        )
    print(f"  all queries: median {statistics.median(times):.1f} ms, p95 {p95(times):.1f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--competences", type=int, default=10_000)
    parser.add_argument("--per-department", type=int, default=40)
    parser.add_argument("--departments-per-directorate", type=int, default=25)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the content of an earlier run if it is there"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/search.py needs PostgreSQL: set DATABASE_URL=postgres://…/<scratch db>")

    from departments.models import Competence, Department
    from search.models import SearchEntry

    if args.reuse and Competence.objects.count() >= args.competences:
        competences, departments = Competence.objects.count(), Department.objects.count()
        entries = SearchEntry.objects.count()
    else:
        competences, departments, entries = generate(
            args.competences, args.per_department, args.departments_per_directorate
        )
    print(
        f"Database {connection.settings_dict['NAME']}: {competences} competences in "
        f"{departments} departments, {entries} search entries (both languages); "
        f"{args.repeats} requests per query through the full Django stack."
    )
    for present in (True, False):
        set_gin_index(present)
        used = plan_uses_index("el", "ιθαγενεια")
        rows, times = measure(args.repeats)
        title = "With the GIN indexes" if present else "Without the GIN indexes"
        report(f"{title} (plan uses a GIN index: {'yes' if used else 'no'})", rows, times)
    set_gin_index(True)


if __name__ == "__main__":
    main()
