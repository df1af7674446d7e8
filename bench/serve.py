"""Load benchmark: the cached directorate page against the same bytes as a static file.

Starts gunicorn twice with production settings (gunicorn.conf.py, DJANGO_DEBUG=false, static
files collected into a temporary STATIC_ROOT, a seeded temporary SQLite database unless
DATABASE_URL is set): one with the page cache, one without. The directorate page's bytes are
also written into STATIC_ROOT (with .gz and .br files, as collectstatic makes them) and served
by whitenoise from the same gunicorn: that is the ceiling. Each case is measured with wrk, with
and without ``Accept-Encoding: gzip, br``.

    make bench                       # or: .venv/bin/python bench/serve.py
    BENCH_DURATION=5 make bench      # a quicker, rougher run

Prints requests per second, p50 and p99 latency, errors, and each figure's ratio to the
static-file ceiling. Exits non-zero if any request failed or answered other than 2xx.
"""

# ruff: noqa: S603 (the commands are this script's own: gunicorn, manage.py, wrk)

import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
CACHED_PORT, UNCACHED_PORT = 8660, 8661
DURATION = int(os.environ.get("BENCH_DURATION", "20"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "2"))
SLICES = int(os.environ.get("BENCH_SLICES", "4"))
PAGE = "/{lang}/social-integration/"
LANGUAGES = ("el", "en")
ENCODINGS = {"gzip, br": "br", "": "identity"}


def environment(workdir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="bench-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_LOG_LEVEL="WARNING",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'bench.sqlite3'}")
    # Production's worker count even without Redis: nothing is edited during the run, so each
    # worker's local page cache holds the same version.
    env.setdefault("GUNICORN_WORKERS", str(os.cpu_count() * 2 + 1))
    return env


def manage(env, *args):
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def start_gunicorn(env, port, workdir, **extra):
    log = open(workdir / f"gunicorn-{port}.log", "w")  # noqa: SIM115 (closed with the process)
    process = subprocess.Popen(
        [GUNICORN, "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
         "integration_site.wsgi"],
        cwd=ROOT, env={**env, **extra}, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return process
        except OSError:
            if process.poll() is not None:
                sys.exit(f"gunicorn on port {port} failed to start: see {log.name}")
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


def wrk(url, accept_encoding, duration=DURATION):
    # wrk gives up on a request after 2 s by default; a browser waits far longer, and a slow
    # answer still shows in p99, so only a request unanswered for 10 s counts as an error.
    command = ["wrk", "--latency", "--timeout", "10s", "-t", str(THREADS), "-c", str(CONNECTIONS)]
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
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _duration_ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": _duration_ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "seconds": _duration_ms(re.search(r"requests in ([\d.]+\w+),", output).group(1)) / 1000,
        "errors": sum(int(n) for n in socket.groups()) if socket else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def check_answer(url, accept_encoding, expected_encoding):
    """One request before measuring: 200 (not a redirect, which wrk counts as success)."""
    status, headers, _body = fetch(url, accept_encoding)
    encoding = headers.get("Content-Encoding") or "identity"
    if status != 200 or encoding != expected_encoding:
        sys.exit(f"{url} answered {status} with {encoding}, expected 200 with {expected_encoding}")


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    env = environment(workdir)
    print(f"Preparing in {workdir} ({env['DATABASE_URL'].split('://')[0]}) ...", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_content")
    manage(env, "collectstatic", "--noinput")

    warmup = start_gunicorn(env, CACHED_PORT, workdir)
    static_paths = write_static_copies(CACHED_PORT, workdir / "static")
    stop(warmup)

    servers = [
        start_gunicorn(env, CACHED_PORT, workdir, SERVING_PAGE_CACHE="true"),
        start_gunicorn(env, UNCACHED_PORT, workdir, SERVING_PAGE_CACHE="false"),
    ]
    results = []
    try:
        for lang in LANGUAGES:
            for accept_encoding, cached_encoding in ENCODINGS.items():
                cases = {
                    "static file (ceiling)": (CACHED_PORT, static_paths[lang], cached_encoding),
                    "cached page": (CACHED_PORT, PAGE.format(lang=lang), cached_encoding),
                    "uncached page": (UNCACHED_PORT, PAGE.format(lang=lang), "identity"),
                }
                urls = {
                    name: f"http://127.0.0.1:{port}{path}"
                    for name, (port, path, _e) in cases.items()
                }
                for name, (_port, _path, expected) in cases.items():
                    check_answer(urls[name], accept_encoding, expected)
                    wrk(urls[name], accept_encoding, duration=WARMUP)  # every worker's cache, warm
                # The cases take turns in short slices, so that a change in the machine's other
                # load during the run falls on all of them alike.
                slices = {name: [] for name in cases}
                for _round in range(SLICES):
                    for name in cases:
                        slices[name].append(wrk(urls[name], accept_encoding, DURATION / SLICES))
                ceiling = combine(slices["static file (ceiling)"])["rps"]
                for name in cases:
                    figures = combine(slices[name])
                    figures.update(
                        lang=lang,
                        encoding=accept_encoding or "(none)",
                        case=name,
                        ratio=figures["rps"] / ceiling,
                    )
                    results.append(figures)
                    report(figures)
    finally:
        for server in servers:
            stop(server)

    failures = sum(r["errors"] + r["non_2xx"] for r in results)
    cached = [r for r in results if r["case"] == "cached page"]
    worst = min(r["ratio"] for r in cached)
    print(f"\n{CONNECTIONS} connections, {DURATION} s per case, {os.cpu_count()} CPUs")
    print(f"Cached page: worst ratio to the static-file ceiling {worst:.2f} (target >= 0.80)")
    print(f"Errors and non-2xx answers: {failures} (target 0)")
    shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures else 0


def report(r):
    print(
        f"{r['lang']}  {r['encoding']:9}  {r['case']:22}  {r['rps']:9.0f} req/s"
        f"  p50 {r['p50']:7.2f} ms  p99 {r['p99']:7.2f} ms  x{r['ratio']:.2f} of ceiling"
        f"  errors {r['errors']}  non-2xx {r['non_2xx']}",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
