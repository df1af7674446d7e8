"""Load benchmark: the cached directorate page against the same bytes as a static file.

Measures the production configuration: PostgreSQL (a scratch database) and Redis, production
settings (gunicorn.conf.py, DJANGO_DEBUG=false), wrk straight to gunicorn. Then, as a second
table, the development cache (local memory, SQLite). For each configuration it starts two
gunicorns, one with the page cache and one without, writes the directorate page's bytes into
STATIC_ROOT (with .gz and .br files, as collectstatic makes them) so that whitenoise serves them
from the same gunicorn as the cached page (the ceiling), and measures each case with wrk, with
and without ``Accept-Encoding: gzip, br``.

    make bench                                   # or: .venv/bin/python bench/serve.py
    BENCH_CONFIGS=production make bench          # the production configuration only
    BENCH_DURATION=4 make bench                  # a quicker, rougher run

BENCH_DATABASE_URL names the scratch PostgreSQL database (created if missing; migrated and
seeded, its content otherwise left alone), default postgres://postgres@127.0.0.1:5432/bench_serving;
BENCH_REDIS_URL the Redis (default REDIS_URL, else redis://127.0.0.1:6379/0). The run's keys
carry their own prefix and are deleted afterwards.

Prints the machine, the command, requests per second, p50 and p99 latency, errors, and each
figure's ratio to the static-file ceiling. Exits non-zero if any request failed or answered
other than 2xx.
"""

# ruff: noqa: S603 (the commands are this script's own: gunicorn, manage.py, wrk)

import gzip
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

import brotli
from machine import machine

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
DURATION = float(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "2"))
SLICES = int(os.environ.get("BENCH_SLICES", "2"))
CONFIGS = os.environ.get("BENCH_CONFIGS", "production,local-memory").split(",")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_serving"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL") or os.environ.get(
    "REDIS_URL", "redis://127.0.0.1:6379/0"
)
PAGE = "/{lang}/social-integration/"
LANGUAGES = ("el", "en")
ENCODINGS = {"gzip, br": "br", "": "identity"}
CASES = ("static file (ceiling)", "cached page", "uncached page")


def environment(workdir, config):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="bench-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_LOG_LEVEL="warning",
    )
    env.pop("SERVING_PAGE_CACHE", None)
    env.pop("GUNICORN_WORKERS", None)
    if config == "production":
        env.update(
            DATABASE_URL=DATABASE_URL,
            REDIS_URL=REDIS_URL,
            CACHE_KEY_PREFIX=f"bench-{uuid.uuid4().hex[:8]}",
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
        # Production's worker count even without Redis: nothing is edited during the run, so
        # each worker's local page cache holds the same version.
        env["GUNICORN_WORKERS"] = str(os.cpu_count() * 2 + 1)
    return env


def create_database(url):
    """Create the scratch PostgreSQL database if it does not exist yet."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not exists.fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def forget_keys(env):
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*", count=1000):
        client.delete(key)


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SITE_GUNICORN = (GUNICORN, "--config", "gunicorn.conf.py")


def start_gunicorn(env, workdir, command=SITE_GUNICORN, app="integration_site.wsgi", cwd=ROOT,
                   health="/healthz", **extra):  # fmt: skip
    """gunicorn for ``app`` on a free port, once ``health`` answers: (process, port).

    The site with its production settings by default; bench/render.py also starts other WSGI
    applications (another ``command``, ``app`` and ``cwd``) with it.
    """
    port = free_port()
    log = open(workdir / f"gunicorn-{port}.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", app],
        cwd=cwd, env={**env, **extra}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{health}", timeout=1)
            return process, port
        except OSError:
            if process.poll() is not None:
                sys.exit(f"gunicorn failed to start: see {log.name}")
            time.sleep(0.2)
    sys.exit(f"gunicorn on port {port} did not answer /healthz")


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


def fetch(url, accept_encoding=""):
    request = urllib.request.Request(url, headers={"Accept-Encoding": accept_encoding})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.status, response.headers, response.read()


def write_static_copies(port, static_root):
    """The pages' exact bytes as static files, precompressed as whitenoise expects them."""
    paths = {}
    for lang in LANGUAGES:
        _status, _headers, body = fetch(f"http://127.0.0.1:{port}{PAGE.format(lang=lang)}")
        target = static_root / "bench" / f"directorate-{lang}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
        target.with_name(target.name + ".gz").write_bytes(gzip.compress(body, 9, mtime=0))
        target.with_name(target.name + ".br").write_bytes(brotli.compress(body))
        paths[lang] = f"/static/bench/{target.name}"
    return paths


def wrk(url, accept_encoding, duration=DURATION, connections=CONNECTIONS, threads=THREADS):
    # wrk gives up on a request after 2 s by default; a browser waits far longer, and a slow
    # answer still shows in p99, so only a request unanswered for 10 s counts as an error.
    command = ["wrk", "--latency", "--timeout", "10s", "-t", str(threads), "-c", str(connections)]
    command += ["-d", f"{duration:g}s"]
    if accept_encoding:
        command += ["-H", f"Accept-Encoding: {accept_encoding}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    return parse_wrk(output)


def combine(runs):
    """One case's slices as one figure: all requests over all the time; the median slice's
    p50 and the worst slice's p99."""
    p50s = sorted(r["p50"] for r in runs)
    return {
        "rps": sum(r["requests"] for r in runs) / sum(r["seconds"] for r in runs),
        "p50": p50s[len(p50s) // 2],
        "p99": max(r["p99"] for r in runs),
        "requests": sum(r["requests"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "non_2xx": sum(r["non_2xx"] for r in runs),
    }


def _duration_ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(output):
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _duration_ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": _duration_ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "seconds": _duration_ms(re.search(r"requests in ([\d.]+\w+),", output).group(1)) / 1000,
        "errors": sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def check_answer(url, accept_encoding, expected_encoding):
    """One request before measuring: 200 (not a redirect, which wrk counts as success)."""
    status, headers, _body = fetch(url, accept_encoding)
    encoding = headers.get("Content-Encoding") or "identity"
    if status != 200 or encoding != expected_encoding:
        sys.exit(f"{url} answered {status} with {encoding}, expected 200 with {expected_encoding}")


def measure(config):
    """Every case of one configuration: a list of result rows."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    env = environment(workdir, config)
    if config == "production":
        create_database(DATABASE_URL)
    print(f"\n== {config}: preparing in {workdir} ...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_content")
    manage(env, "collectstatic", "--noinput")

    uncached, uncached_port = start_gunicorn(env, workdir, SERVING_PAGE_CACHE="false")
    # Before the other gunicorn starts: whitenoise indexes STATIC_ROOT when it starts.
    static_paths = write_static_copies(uncached_port, workdir / "static")
    cached, cached_port = start_gunicorn(env, workdir, SERVING_PAGE_CACHE="true")
    results = []
    try:
        for lang in LANGUAGES:
            for accept_encoding, cached_encoding in ENCODINGS.items():
                cases = {
                    CASES[0]: (cached_port, static_paths[lang], cached_encoding),
                    CASES[1]: (cached_port, PAGE.format(lang=lang), cached_encoding),
                    CASES[2]: (uncached_port, PAGE.format(lang=lang), "identity"),
                }
                urls = {n: f"http://127.0.0.1:{p}{path}" for n, (p, path, _e) in cases.items()}
                for name, (_port, _path, expected) in cases.items():
                    check_answer(urls[name], accept_encoding, expected)
                    wrk(urls[name], accept_encoding, duration=WARMUP)  # every worker warm
                # The cases take turns in short slices, so that a change in the machine's other
                # load during the run falls on all of them alike.
                slices = {name: [] for name in cases}
                for _round in range(SLICES):
                    for name in cases:
                        slices[name].append(wrk(urls[name], accept_encoding, DURATION / SLICES))
                ceiling = combine(slices[CASES[0]])["rps"]
                for name in cases:
                    figures = combine(slices[name])
                    figures.update(
                        config=config,
                        lang=lang,
                        encoding=accept_encoding or "(none)",
                        case=name,
                        ratio=figures["rps"] / ceiling,
                    )
                    results.append(figures)
                    report(figures)
    finally:
        stop(cached)
        stop(uncached)
        if config == "production":
            forget_keys(env)
        shutil.rmtree(workdir, ignore_errors=True)
    return results


def summary(results):
    print(f"\nMachine: {machine()}")
    print(f"Command: {' '.join(sys.argv)} (BENCH_CONFIGS={','.join(CONFIGS)})")
    print(
        f"{CONNECTIONS} connections, {DURATION:g} s per case in {SLICES} slices, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"
    )
    print("\n| Configuration | Language | Accept-Encoding | cached / static | uncached / static |")
    print("| --- | --- | --- | ---: | ---: |")
    for config in CONFIGS:
        for lang in LANGUAGES:
            for encoding in ("gzip, br", "(none)"):
                rows = {
                    r["case"]: r
                    for r in results
                    if (r["config"], r["lang"], r["encoding"]) == (config, lang, encoding)
                }
                if rows:
                    print(
                        f"| {config} | {lang} | {encoding} | {rows[CASES[1]]['ratio']:.2f} "
                        f"| {rows[CASES[2]]['ratio']:.2f} |"
                    )
    for config in CONFIGS:
        cached = [r["ratio"] for r in results if r["config"] == config and r["case"] == CASES[1]]
        if cached:
            print(f"{config}: cached page, worst ratio to the static file {min(cached):.2f}")
    failures = sum(r["errors"] + r["non_2xx"] for r in results)
    print("Target: cached page >= 0.80 of the static file in production, 0 errors")
    print(f"Errors and non-2xx answers: {failures}")
    return failures


def report(r):
    print(
        f"{r['config']:12}  {r['lang']}  {r['encoding']:9}  {r['case']:22}"
        f"  {r['rps']:7.0f} req/s  p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms"
        f"  x{r['ratio']:.2f}  errors {r['errors']}  non-2xx {r['non_2xx']}",
        flush=True,
    )


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    unknown = set(CONFIGS) - {"production", "local-memory"}
    if unknown:
        sys.exit(f"BENCH_CONFIGS: unknown {', '.join(sorted(unknown))}")
    results = []
    for config in CONFIGS:
        results += measure(config)
    return 1 if summary(results) else 0


if __name__ == "__main__":
    sys.exit(main())
