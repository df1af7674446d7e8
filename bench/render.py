"""Render speed (issue 15): the uncached site against Wagtail 7 LTS and a plain Django floor.

    make bench-render                    # or: .venv/bin/python bench/render.py
    BENCH_DURATION=4 make bench-render   # a quicker, rougher run

Production configuration: a scratch PostgreSQL database (BENCH_RENDER_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/bench_render, created if missing, migrated and seeded; the
Wagtail project gets its own, the same name + ``_wagtail``, emptied first), Redis (the run's
keys have their own prefix and are deleted afterwards), DJANGO_DEBUG=false, gunicorn with
1 worker (4 threads) for every server, so that each figure is one process's worth. wrk with
1 thread and 16 connections (BENCH_CONNECTIONS); all cases take turns in BENCH_SLICES
slices (as bench/serve.py does), so the machine's other load falls on all of them alike.

Cases, all from the same seeded content:

* the site's directorate page (el) and search results (``?q=ένταξη``), page cache OFF
  (SERVING_PAGE_CACHE=false): what a cache miss costs;
* the directorate page again with no stored fragment either (bench/cold_wsgi.py: every request
  inside serving.validators.uncached()): what the first render after a save costs;
* Wagtail 7.0 serving a page with the same content (bench/wagtail/: its own venv and project),
  with its defaults (CONN_MAX_AGE=0) and with persistent connections (CONN_MAX_AGE=600);
  skipped, and reported "not measured", if Wagtail cannot be installed;
* the floor: bench/plain/, one Django view reading the site's tables with prefetching into one
  flat template, persistent connections, no middleware.

Then, in-process (Django test client, production settings, page cache off): the median of 200
renders of the directorate page and of the search page, and of the admin's department
changelist and change form (a superuser), with each one's query count.

Prints the machine, the command, one table (what | req/s | p50 | ratio to Wagtail default |
ratio to plain floor), whether issue 23's targets hold (warm ≥ 1.2, cold ≥ 0.6, search ≥ 1.0
× the floor) and the in-process figures. Exits non-zero if a request failed.
"""

# ruff: noqa: S603 (the commands are this script's own: gunicorn, manage.py, build.py)

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

from machine import machine
from serve import (
    GUNICORN,
    PYTHON,
    REDIS_URL,
    ROOT,
    check_answer,
    combine,
    create_database,
    environment,
    forget_keys,
    manage,
    start_gunicorn,
    stop,
    wrk,
)

DURATION = float(os.environ.get("BENCH_DURATION", "10"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "2"))
SLICES = int(os.environ.get("BENCH_SLICES", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
RENDERS = int(os.environ.get("BENCH_RENDERS", "200"))
DATABASE_URL = os.environ.get(
    "BENCH_RENDER_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_render"
)
WAGTAIL_DATABASE_URL = DATABASE_URL + "_wagtail"
SLUG = "social-integration"
DIRECTORATE = f"/el/{SLUG}/"
SEARCH = "/el/search/?q=" + urllib.parse.quote("ένταξη")
# The same worker model as the site's gunicorn.conf.py (gthread, 4 threads), 1 worker.
WORKER = ("--workers", "1", "--threads", "4", "--worker-class", "gthread", "--keep-alive", "5")
WORKER += ("--preload", "--log-level", "warning")
SITE_DIRECTORATE = "site: directorate page (el), page cache off"
SITE_COLD = "site: directorate page (el), page cache off, no stored fragments"
SITE_SEARCH = "site: search ?q=ένταξη (el), page cache off"
WAGTAIL_DEFAULT = "Wagtail {version}: same content, defaults (CONN_MAX_AGE=0)"
WAGTAIL_PERSISTENT = "Wagtail {version}: same content, CONN_MAX_AGE=600"
PLAIN = "plain Django floor (bench/plain, prefetch, CONN_MAX_AGE=600)"
GREEK_TITLES = {"female": "Προϊσταμένη", "male": "Προϊστάμενος"}
# Issue 23's targets, as ratios to the plain floor in one run: (case, short name, at least).
TARGETS = ((SITE_DIRECTORATE, "warm", 1.2), (SITE_COLD, "cold", 0.6), (SITE_SEARCH, "search", 1.0))


def dump_content(url, target):
    """The seeded directorate's visible Greek content, as bench/wagtail builds its page from."""
    import psycopg

    with psycopg.connect(url) as connection:
        directorate = connection.execute(
            "SELECT id, slug, name_el, section_el, parent_unit_el, mission_el, head_name_el,"
            " head_gender, legal_basis_el, legal_basis_url FROM departments_directorate"
            " WHERE slug = %s",
            [SLUG],
        ).fetchone()
        departments = connection.execute(
            "SELECT id, slug, name_el, head_name_el, head_gender, email"
            ' FROM departments_department WHERE directorate_id = %s ORDER BY "order", id',
            [directorate[0]],
        ).fetchall()
        competences = connection.execute(
            "SELECT department_id, text_el FROM departments_competence"
            ' ORDER BY department_id, "order", id'
        ).fetchall()
    content = {
        "slug": directorate[1],
        "name": directorate[2],
        "section": directorate[3] or "",
        "parent_unit": directorate[4] or "",
        "mission": directorate[5],
        "head_name": directorate[6] or "",
        "head_title": GREEK_TITLES[directorate[7]],
        "legal_basis": directorate[8] or "",
        "legal_basis_url": directorate[9] or "",
        "departments": [
            {
                "slug": slug,
                "name": name,
                "head_name": head_name or "",
                "head_title": GREEK_TITLES[gender],
                "email": email or "",
                "competences": [text for owner, text in competences if owner == pk],
            }
            for pk, slug, name, head_name, gender, email in departments
        ],
    }
    target.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return content


def recreate_database(url):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
    create_database(url)


def build_wagtail(workdir, content_file):
    """Wagtail's venv, project and page (bench/wagtail/build.py): its details, or None."""
    recreate_database(WAGTAIL_DATABASE_URL)
    print("== Wagtail: venv (BENCH_WAGTAIL_VENV or pip), project, page ...", flush=True)
    result = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "wagtail" / "build.py"), str(workdir / "wagtail"),
         str(content_file), WAGTAIL_DATABASE_URL],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode:
        print(result.stderr.strip() or "Wagtail not measured: build.py failed", flush=True)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def start_servers(env, workdir, wagtail):
    """{case: (process, url)} for every server this run measures."""
    servers = {}
    process, port = start_gunicorn(env, workdir, SERVING_PAGE_CACHE="false")
    servers[SITE_DIRECTORATE] = (process, f"http://127.0.0.1:{port}{DIRECTORATE}")
    servers[SITE_SEARCH] = (None, f"http://127.0.0.1:{port}{SEARCH}")
    # The same site with every stored fragment built on each request (bench/cold_wsgi.py).
    process, port = start_gunicorn(env, workdir, app="bench.cold_wsgi", SERVING_PAGE_CACHE="false")
    servers[SITE_COLD] = (process, f"http://127.0.0.1:{port}{DIRECTORATE}")
    plain_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.plain.settings"}
    process, port = start_gunicorn(plain_env, workdir, (GUNICORN, *WORKER), "bench.plain.wsgi")
    servers[PLAIN] = (process, f"http://127.0.0.1:{port}/{SLUG}/")
    if wagtail:
        wagtail_env = {
            key: value for key, value in env.items() if not key.startswith(("DJANGO_", "DATABASE"))
        }
        wagtail_env["WAGTAIL_BENCH_DATABASE_URL"] = WAGTAIL_DATABASE_URL
        for label, conn_max_age in ((WAGTAIL_DEFAULT, "0"), (WAGTAIL_PERSISTENT, "600")):
            process, port = start_gunicorn(
                wagtail_env, workdir, (wagtail["gunicorn"], *WORKER), "benchsite.wsgi",
                cwd=wagtail["project"], WAGTAIL_BENCH_CONN_MAX_AGE=conn_max_age,
            )  # fmt: skip
            servers[label.format(version=wagtail["version"])] = (
                process,
                f"http://127.0.0.1:{port}/",
            )
    return servers


def measure_http(servers):
    urls = {case: url for case, (_process, url) in servers.items()}
    for url in urls.values():
        check_answer(url, "", "identity")
        wrk(url, "", WARMUP, connections=CONNECTIONS, threads=1)
    slices = {case: [] for case in urls}
    for _round in range(SLICES):
        for case, url in urls.items():
            slices[case].append(wrk(url, "", DURATION / SLICES, connections=CONNECTIONS, threads=1))
            print(f"  {case}: {slices[case][-1]['rps']:.0f} req/s", flush=True)
    return {case: combine(runs) for case, runs in slices.items()}


def in_process(env):
    """The in-process figures, from a child Python with the site's production settings."""
    output = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--in-process"],
        cwd=ROOT, env={**env, "SERVING_PAGE_CACHE": "false",
                       "DJANGO_ALLOWED_HOSTS": env["DJANGO_ALLOWED_HOSTS"] + ",testserver"},
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return json.loads(output.strip().splitlines()[-1])


def _in_process_main():
    """Run in the child: median render times and query counts through the test client."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_site.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse
    from django.utils import translation

    from departments.models import Department
    from serving.validators import uncached

    setup_test_environment()
    user_model = get_user_model()
    admin_user, _created = user_model.objects.get_or_create(
        username="bench-render-admin",
        defaults={"is_staff": True, "is_superuser": True, "email": "bench@example.org"},
    )
    public, staff = Client(), Client()
    staff.force_login(admin_user)
    with translation.override("el"):
        department = Department.objects.order_by("id").first()
        changelist = reverse("admin:departments_department_changelist")
        change = reverse("admin:departments_department_change", args=[department.pk])
    cases = {
        "directorate page (el)": (public, DIRECTORATE, contextlib.nullcontext),
        "directorate page (el), no stored fragments": (public, DIRECTORATE, uncached),
        "search ?q=ένταξη (el)": (public, SEARCH, contextlib.nullcontext),
        "admin: department changelist": (staff, changelist, contextlib.nullcontext),
        "admin: department change form": (staff, change, contextlib.nullcontext),
    }
    results = {}
    try:
        for name, (client, path, fragments) in cases.items():
            for _warm in range(5):
                with fragments():
                    response = client.get(path)
                if response.status_code != 200:
                    sys.exit(f"{path} answered {response.status_code}")
            with CaptureQueriesContext(connection) as queries, fragments():
                client.get(path)
            # Now: every request clears connection.queries_log (request_started).
            query_count = len(queries)
            times = []
            for _render in range(RENDERS):
                with fragments():
                    start = time.perf_counter()
                    client.get(path)
                    times.append((time.perf_counter() - start) * 1000)
            results[name] = {"median_ms": statistics.median(times), "queries": query_count}
    finally:
        admin_user.delete()
    print(json.dumps(results, ensure_ascii=False))


def summary(http, renders, wagtail):
    print(f"\nMachine: {machine()}")
    print(f"Command: {' '.join([Path(PYTHON).name, *sys.argv])}")
    print(
        f"gunicorn 1 worker × 4 threads per server; wrk 1 thread, {CONNECTIONS} connections, "
        f"{DURATION:g} s per case in {SLICES} slices; {datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    wagtail_default = next((c for c in http if c.startswith("Wagtail") and "defaults" in c), None)
    base = http[wagtail_default]["rps"] if wagtail_default else None
    floor = http[PLAIN]["rps"]
    print("\n| What | req/s | p50 | × Wagtail default | × plain floor |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for case, figures in http.items():
        ratio = f"{figures['rps'] / base:.2f}" if base else "not measured"
        print(
            f"| {case} | {figures['rps']:.0f} | {figures['p50']:.1f} ms | {ratio} "
            f"| {figures['rps'] / floor:.2f} |"
        )
    if not wagtail:
        print("| Wagtail 7.0 (defaults, CONN_MAX_AGE=600) | not measured | | | |")
    print("\nTargets (× plain floor): " + "; ".join(
        f"{short} {http[case]['rps'] / floor:.2f} "
        f"({'met' if http[case]['rps'] / floor >= least else 'NOT met'}: ≥ {least})"
        for case, short, least in TARGETS
    ))  # fmt: skip
    print(f"\nIn-process, Django test client, median of {RENDERS} renders, page cache off:\n")
    print("| What | median render | queries |")
    print("| --- | ---: | ---: |")
    for name, figures in renders.items():
        print(f"| {name} | {figures['median_ms']:.1f} ms | {figures['queries']} |")
    failures = sum(f["errors"] + f["non_2xx"] for f in http.values())
    print(f"\nErrors and non-2xx answers: {failures}")
    return failures


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="bench-render-"))
    env = environment(workdir, "production")
    env.update(DATABASE_URL=DATABASE_URL, REDIS_URL=REDIS_URL, GUNICORN_WORKERS="1")
    servers = {}
    try:
        create_database(DATABASE_URL)
        print(f"== site: preparing {DATABASE_URL} in {workdir} ...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "seed_content")
        manage(env, "collectstatic", "--noinput")
        content_file = workdir / "content.json"
        dump_content(DATABASE_URL, content_file)
        wagtail = build_wagtail(workdir, content_file)
        servers = start_servers(env, workdir, wagtail)
        print("== measuring with wrk ...", flush=True)
        http = measure_http(servers)
        print("== in-process renders ...", flush=True)
        renders = in_process(env)
    finally:
        for process, _url in servers.values():
            if process:
                stop(process)
        forget_keys(env)
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if summary(http, renders, wagtail) else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--in-process"]:
        _in_process_main()
    else:
        sys.exit(main())
