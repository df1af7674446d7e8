"""Load benchmark in the production topology: the directorate page through the shipped nginx
configuration, straight to one gunicorn node, and the same bytes as a static file from nginx;
and junk traffic through nginx against the plain page: every request with made-up query
parameters (`?x=<random>&<random>=<random>`), or with a made-up `sessionid` cookie.

Starts the production-topology stage (tests/topology/stage.py) without its relays: nginx with
deploy/nginx.conf in front of two gunicorn nodes (production settings, gunicorn.conf.py's
worker count), a database of its own on PostgreSQL at 127.0.0.1:5432 and a private
redis-server. The directorate page's bytes are written into STATIC_ROOT, which nginx serves
under /static/: that is the ceiling. Every case runs with wrk, 64 connections, no
Accept-Encoding (the same bytes in every case), in interleaved slices so that a change in the
machine's other load falls on all cases alike.

    make bench-topology              # or: .venv/bin/python bench/topology.py
    BENCH_DURATION=8 make bench-topology

Prints the machine, the command, requests per second, p50/p99 and the ratios, measured in one
run (junk traffic against the plain page: issue 22 asks for at least x0.5). Exits non-zero if any
request failed or answered other than 2xx.
"""

# ruff: noqa: S603 (the commands are this script's own: wrk, nginx -v)

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from machine import machine  # noqa: E402

from tests.topology.stage import HOST, NGINX, Stage  # noqa: E402

DURATION = float(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "64"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
SLICES = int(os.environ.get("BENCH_SLICES", "4"))
PAGE = "/el/social-integration/"
STATIC_COPY = "/static/bench/directorate-el.html"
CEILING = "static file via nginx (ceiling)"
PLAIN = "page through nginx (micro-cache)"
JUNK_QUERY = "page via nginx, junk parameters"
JUNK_COOKIE = "page via nginx, junk sessionid"

# wrk scripts: each request a new random query string, or a new random session key of the shape
# the site issues (18 characters of [a-z0-9], 22 of base64url: serving/sessions.py) with a MAC
# that is wrong, so that no two requests share anything.
RANDOM = """
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
local function token()
  return string.format("%08x%08x%08x%08x", math.random(0, 0x7fffffff),
    math.random(0, 0x7fffffff), math.random(0, 0x7fffffff), math.random(0, 0x7fffffff))
end
"""
SCRIPTS = {
    JUNK_QUERY: RANDOM
    + """request = function()
  return wrk.format(nil, wrk.path .. "?x=" .. token() .. "&" .. token() .. "=" .. token())
end
""",
    JUNK_COOKIE: RANDOM
    + """request = function()
  local key = token():sub(1, 18) .. token():sub(1, 22)
  return wrk.format(nil, nil, {["Cookie"] = "sessionid=" .. key})
end
""",
}


def wrk(url, host, duration, script=None):
    # Only a request unanswered for 10 s counts as an error (wrk's default gives up at 2 s).
    command = ["wrk", "--latency", "--timeout", "10s", "-t", str(THREADS), "-c", str(CONNECTIONS)]
    # wrk takes whole seconds.
    command += ["-d", f"{max(1, round(duration))}s", "-H", f"Host: {host}", url]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "seconds": _ms(re.search(r"requests in ([\d.]+\w+),", output).group(1)) / 1000,
        "p50": _ms(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": _ms(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "errors": sum(int(n) for n in socket.groups()) if socket else 0,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
    }


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def combine(runs):
    """A case's slices as one figure: all requests over all the time, the median p50 and the
    worst p99."""
    p50s = sorted(r["p50"] for r in runs)
    return {
        "rps": sum(r["requests"] for r in runs) / sum(r["seconds"] for r in runs),
        "p50": p50s[len(p50s) // 2],
        "p99": max(r["p99"] for r in runs),
        "failures": sum(r["errors"] + r["non_2xx"] for r in runs),
    }


def nginx_version():
    return subprocess.run([NGINX, "-v"], capture_output=True, text=True).stderr.strip()


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk")
    print(f"Machine: {machine(nginx_version())}")
    print(
        f"Command: {' '.join([Path(sys.executable).name, *sys.argv])} "
        f"(BENCH_DURATION={DURATION:g}, BENCH_CONNECTIONS={CONNECTIONS})",
        flush=True,
    )
    directory = Path(tempfile.mkdtemp(prefix="bench-topology-"))
    # gunicorn.conf.py's production worker count (2 x CPUs + 1), not the stage's 2.
    database = os.environ.get("BENCH_TOPOLOGY_DATABASE", "integration_topology_bench")
    stage = Stage(directory, database=database, relays=False,
                  node_env={"GUNICORN_WORKERS": ""})  # fmt: skip
    try:
        stage.start()
        node = stage.nodes["a"]
        body = node.client().get(PAGE).body
        copy = stage.static_root / STATIC_COPY.removeprefix("/static/")
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(body)
        # (client that checks the answer first, URL for wrk)
        junk_visitor = stage.visitor()
        junk_visitor.cookies["sessionid"] = "0" * 40
        cases = {
            CEILING: (stage.visitor(), stage.nginx_port, STATIC_COPY),
            PLAIN: (stage.visitor(), stage.nginx_port, PAGE),
            "page straight to one gunicorn": (node.client(), node.port, PAGE),
            JUNK_QUERY: (stage.visitor(), stage.nginx_port, PAGE + "?x=1&y=2"),
            JUNK_COOKIE: (junk_visitor, stage.nginx_port, PAGE),
        }
        urls = {  # nginx over TLS, as visitors reach it; the node over plain HTTP, as nginx does
            name: f"{'https' if client.tls else 'http'}://127.0.0.1:{port}{path}"
            for name, (client, port, path) in cases.items()
        }
        urls[JUNK_QUERY] = urls[PLAIN]  # the script adds the junk
        scripts = {}
        for name, script in SCRIPTS.items():
            scripts[name] = directory / f"{name.split()[-1]}.lua"
            scripts[name].write_text(script)
        for name, (client, _port, path) in cases.items():
            answer = client.get(path)
            if answer.status != 200 or answer.body != body:
                sys.exit(f"{name}: {path} answered {answer.status}, not the page's bytes")
            wrk(urls[name], HOST, 2, scripts.get(name))  # warm up
        slices = {name: [] for name in cases}
        for _round in range(SLICES):
            for name, url in urls.items():
                slices[name].append(wrk(url, HOST, DURATION / SLICES, scripts.get(name)))
    finally:
        stage.stop()
        shutil.rmtree(directory, ignore_errors=True)

    figures = {name: combine(runs) for name, runs in slices.items()}
    ceiling = figures[CEILING]["rps"]
    for name, f in figures.items():
        print(
            f"{name:34} {f['rps']:9.0f} req/s  p50 {f['p50']:7.2f} ms  p99 {f['p99']:7.2f} ms"
            f"  x{f['rps'] / ceiling:.2f} of ceiling  failures {f['failures']}",
            flush=True,
        )
    through = figures[PLAIN]["rps"]
    straight = figures["page straight to one gunicorn"]["rps"]
    print(f"Through nginx vs straight to gunicorn: x{through / straight:.2f}")
    for name in (JUNK_QUERY, JUNK_COOKIE):
        print(f"Junk traffic ({name.split(', ')[1]}) vs the plain page through nginx: "
              f"x{figures[name]['rps'] / through:.2f}")  # fmt: skip
    failures = sum(f["failures"] for f in figures.values())
    print(f"{CONNECTIONS} connections, {DURATION:g} s per case; errors and non-2xx: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
