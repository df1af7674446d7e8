"""gunicorn settings for production (used by the Dockerfile, the README and `make bench`).

Every value can be overridden from the environment. gunicorn already sends ``Server: gunicorn``
without a version; the version only appears in the WSGI environ (SERVER_SOFTWARE), which the
site never echoes.
"""

import multiprocessing
import os


def _int(name, default):
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers with threads: a request blocked on the database holds one thread, not a process.
# Without REDIS_URL the cache (and the content generation in it) is local to each process, so
# several workers could each serve a different version after a save: one worker, then.
workers = _int(
    "GUNICORN_WORKERS",
    multiprocessing.cpu_count() * 2 + 1 if os.environ.get("REDIS_URL") else 1,
)
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then so that a slow leak never becomes an outage.
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 1000)
# Limits on what a client may send (gunicorn answers 400/431 beyond them, never Django).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
logger_class = "serving.gunicorn_logging.JsonAccessLogger"

# Load the application before forking: less memory, and a broken configuration fails at start.
preload_app = True
# The load balancer terminates TLS; trust its X-Forwarded-* headers only from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn 25+ opens a control socket shared by every gunicorn on the machine
# (~/.gunicorn/gunicorn.ctl); the site needs none, and several servers must not collide.
control_socket_disable = True

# Operators' metrics (serving/metrics.py): each worker counts in its own files in one directory
# per node, which /metrics adds up, so a scrape gives the node's totals whichever worker answers.
# The variable must be set before the application (and prometheus_client) is loaded: here.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    import tempfile

    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="integration-metrics-")


def on_starting(server):
    """A node starts from zero: the files of an earlier run of this node are not its counts."""
    from pathlib import Path

    for stale in Path(os.environ["PROMETHEUS_MULTIPROC_DIR"]).glob("*.db"):
        stale.unlink()


def child_exit(server, worker):
    """A worker that exits (recycled by max_requests, or killed) leaves its counters, not its
    live gauges."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
