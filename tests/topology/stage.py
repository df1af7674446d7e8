"""The production-topology stage: nginx (deploy/nginx.conf, TLS with a certificate it makes)
→ two gunicorn nodes → PostgreSQL and Redis, each behind a relay the tests can cut, all on free
loopback ports.

    visitor ──TLS──▶ nginx ──▶ node a (gunicorn, 2 workers) ──▶ relay ──▶ PostgreSQL (own database)
    (http: 301) ──┘       └──▶ node b (gunicorn, 2 workers) ──▶ relay ──▶ redis-server (private)

Everything runs with production settings (DJANGO_DEBUG=false). ``Stage.stop`` ends every
process the stage started and drops its database; it also runs at interpreter exit. The same
stage, left running in the background on fixed ports, is `make stage` (tests/topology/daemon.py).
"""

import atexit
import contextlib
import ctypes
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from tests.relay import Relay
from tests.topology.certificate import client_context, make_certificate
from tests.topology.webclient import Client, csrf_token

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
POSTGRES = ("127.0.0.1", 5432)
POSTGRES_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"

HOST = "integration.stage.test"
# Addresses standing for a trusted load balancer in front of nginx (test_proxy_headers.py).
FRONT_BALANCERS = "127.0.9.0/24"
ADMIN_PATH = "staff-office"
SECRET_KEY = "topology-stage-" + "s" * 50
PR_SET_PDEATHSIG = 1  # linux/prctl.h
ADMIN_USER, ADMIN_PASSWORD = "stage-admin", "stage admin pass phrase 2026"
# DJANGO_SESSION_KEY_SECRET of the nodes and nginx's @SESSION_KEY_SECRET@ (serving/sessions.py).
SESSION_KEY_SECRET = "stageSessionKeySecret2026"
# The variables the stage sets for the site: none is inherited from the caller's environment.
SITE_PREFIXES = ("DJANGO_", "REDIS_", "DATABASE_", "GUNICORN_", "SERVING_", "FEEDBACK_", "SITE_")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, timeout, message, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(interval)
    raise TimeoutError(message)


def _answers(port, path, tls=None):
    try:
        return Client(port, HOST, tls=tls).get(path).status == 200
    except (OSError, http.client.HTTPException):  # not up yet (or another program's port)
        return False


class Process:
    """A child process in its own process group, so that stopping it stops its children."""

    def __init__(self, name, args, env, log_path, cwd=ROOT, outlive_parent=False):
        self.name, self.args, self.env, self.log_path, self.cwd = name, args, env, log_path, cwd
        self.outlive_parent = outlive_parent
        self.popen = None

    def start(self):
        with open(self.log_path, "a") as log:
            self.popen = subprocess.Popen(  # noqa: S603 (our own fixed commands)
                self.args,
                cwd=self.cwd,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=None if self.outlive_parent else _die_with_parent,
            )
        return self

    @property
    def running(self):
        return self.popen is not None and self.popen.poll() is None

    def kill(self):
        """SIGKILL to the whole group: a crash, nothing finishes its requests."""
        self._signal(signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self, timeout=20):
        if not self.running:
            return
        self._signal(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._signal(signal.SIGKILL)
            self.popen.wait(timeout=30)

    def _signal(self, number):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, number)


class Node:
    """One app node: gunicorn from gunicorn.conf.py on its own port, its log in a file."""

    def __init__(self, name, env, directory, outlive_parent=False):
        self.name = name
        self.port = free_port()
        self.log_path = directory / f"node-{name}.log"
        args = [GUNICORN, "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{self.port}"]
        self.process = Process(
            name, [*args, "integration_site.wsgi"], env, self.log_path,
            outlive_parent=outlive_parent,
        )  # fmt: skip

    def start(self, timeout=90):
        self.process.start()
        wait_until(
            lambda: _answers(self.port, "/healthz") or not self.process.running,
            timeout,
            f"node {self.name} did not start",
        )
        if not self.process.running:
            raise RuntimeError(f"node {self.name} exited: see {self.log_path}")

    def client(self, address="127.0.0.1", **kwargs):
        """A client talking to this node as nginx does, for a visitor at ``address``."""
        return Client(self.port, HOST, forwarded_for=address, **kwargs)

    def access_log(self):
        """The paths of the requests this node answered, in order."""
        lines = self.log_path.read_text(errors="replace").splitlines()
        return [line for line in lines if '"type": "access"' in line]


class Stage:
    """The whole topology. ``relays=False`` connects the nodes straight to PostgreSQL and Redis
    (no outage can be played then, but nothing in between costs time: bench/topology.py).

    ``https_port`` and ``http_port`` are nginx's (free ports, taken when nginx starts, unless
    given); ``host`` is the name visitors send in Host, and with a given https port the site's
    origin (SITE_ORIGIN; without one, the origin names no port, as a public site's does).
    ``outlive_parent`` leaves every process running when this one exits (`make stage`).
    """

    def __init__(
        self, directory, database="integration_topology", relays=True, node_env=None,
        https_port=None, http_port=None, host=HOST, outlive_parent=False,
    ):  # fmt: skip
        self.dir = Path(directory)
        self.database = database
        self.relays = relays
        self.node_env = node_env or {}
        self.outlive_parent = outlive_parent
        self.processes = []
        self.nodes = {}
        self.redis_relay = None
        self.redis_port = None
        self.postgres_relay = None
        self.nginx_port = https_port  # the TLS server, where visitors go
        self.http_port = http_port  # plain HTTP, redirecting to https
        self.host = host
        fixed_port = f":{https_port}" if https_port not in (None, 443) else ""
        self.origin = f"https://{host}{fixed_port}"
        self.certificate, self.certificate_key = None, None
        self.tls = None
        self.static_root = self.dir / "static"
        self.database_created = False
        self.stopped = False
        self._addresses = iter(f"127.0.{i // 250 + 10}.{i % 250 + 2}" for i in range(10_000))

    # --- start and stop ---

    def start(self):
        if not self.outlive_parent:
            atexit.register(self.stop)
        try:
            self.certificate, self.certificate_key = make_certificate(self.dir / "tls")
            self.tls = client_context(self.certificate)
            self._start_redis()
            self._create_database()
            self.prepare_database()
            for name in ("a", "b"):
                self.start_node(name)
            self._start_nginx()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self):
        """Stop everything, each step even if an earlier one failed; then raise the first error."""
        if self.stopped:
            return
        self.stopped = True
        steps = [process.stop for process in reversed(self.processes)]
        steps += [relay.cut for relay in (self.redis_relay, self.postgres_relay) if relay]
        if self.database_created:
            steps.append(self._drop_database)
        errors = []
        for step in steps:
            try:
                step()
            except Exception as error:  # the other steps must still run
                errors.append(error)
        if errors:
            raise errors[0]

    def _start(self, process):
        self.processes.append(process)
        return process.start()

    # --- the services behind the relays ---

    def _start_redis(self):
        port = free_port()
        args = ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", ""]
        args += ["--appendonly", "no", "--dir", str(self.dir)]
        redis = Process("redis", args, os.environ.copy(), self.dir / "redis.log",
                        outlive_parent=self.outlive_parent)  # fmt: skip
        self._start(redis)
        wait_until(lambda: _connects(port), 30, "redis-server did not start")
        self.redis_port = port
        self.redis_relay = Relay(("127.0.0.1", port)).start() if self.relays else None

    def _create_database(self):
        self._drop_database()
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')
        self.database_created = True
        self.postgres_relay = Relay(POSTGRES).start() if self.relays else None

    def _drop_database(self):
        drop_database(self.database)

    def env(self, **overrides):
        """The environment of the app nodes and of manage.py: production settings."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(SITE_PREFIXES)}
        postgres_port = self.postgres_relay.port if self.relays else POSTGRES[1]
        redis_port = self.redis_relay.port if self.relays else self.redis_port
        # The loopback names too: an operator's browser, and the Observatory, send them.
        allowed_hosts = dict.fromkeys([self.host, "127.0.0.1", "localhost"])
        env.update(
            DJANGO_DEBUG="false",
            DJANGO_SECRET_KEY=SECRET_KEY,
            DJANGO_ALLOWED_HOSTS=",".join(allowed_hosts),
            DJANGO_CSRF_TRUSTED_ORIGINS=self.origin,
            SITE_ORIGIN=self.origin,
            DJANGO_ADMIN_PATH=ADMIN_PATH,
            DJANGO_SESSION_KEY_SECRET=SESSION_KEY_SECRET,
            DJANGO_BEHIND_TLS_PROXY="true",
            DJANGO_SECURE_SSL_REDIRECT="true",
            # HSTS as a site ready for the browsers' preload list sends it (a year or more,
            # subdomains, preload): on the stage's loopback names browsers ignore it anyway.
            DJANGO_HSTS_SECONDS="63072000",
            DJANGO_HSTS_PRELOAD="true",
            DJANGO_STATIC_ROOT=str(self.static_root),
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{postgres_port}/{self.database}",
            DATABASE_CONNECT_TIMEOUT="2",
            REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
            # nginx is the trusted proxy: it connects from 127.0.0.1 and appends the visitor's
            # address to X-Forwarded-For. FRONT_BALANCERS stand for a load balancer in front of
            # nginx, trusted too (visitors' addresses, 127.0.10.x and up, never fall in it).
            GUNICORN_FORWARDED_ALLOW_IPS="127.0.0.1",
            DJANGO_TRUSTED_PROXIES=f"127.0.0.1,{FRONT_BALANCERS}",
            GUNICORN_WORKERS="2",
            GUNICORN_THREADS="4",
            GUNICORN_LOG_LEVEL="warning",
            HOME=str(self.dir),
        )
        env.update(self.node_env)
        env.update(overrides)
        return env

    def manage(self, *args, check=True):
        """Run manage.py with the nodes' settings; its output."""
        result = subprocess.run(  # noqa: S603 (our own fixed commands)
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr}")
        return result.stdout

    def shell(self, code):
        """Run Python code in the stage's Django (manage.py shell -c); the last line it printed.

        (The site logs JSON to stdout too, so only the last line is the code's own.)
        """
        lines = self.manage("shell", "-c", code).strip().splitlines()
        return lines[-1] if lines else ""

    def prepare_database(self):
        """Migrate, seed, collect static files and create the stage's administrator."""
        self.shell(
            "from django.core.management import call_command\n"
            "from django.contrib.auth import get_user_model\n"
            "call_command('migrate', interactive=False, verbosity=0)\n"
            "call_command('seed_content', verbosity=0)\n"
            "call_command('collectstatic', interactive=False, verbosity=0)\n"
            f"get_user_model().objects.create_superuser({ADMIN_USER!r}, 'admin@stage.test', "
            f"{ADMIN_PASSWORD!r})\n"
        )

    # --- app nodes and nginx ---

    def start_node(self, name, **env):
        node = self.nodes.get(name) or Node(
            name, self.env(**env), self.dir, outlive_parent=self.outlive_parent
        )
        self.nodes[name] = node
        if node.process not in self.processes:
            self.processes.append(node.process)
        node.start()
        return node

    def _start_nginx(self):
        self.nginx_port = self.nginx_port or free_port()
        self.http_port = self.http_port or free_port()
        state = self.dir / "nginx"
        (state / "tmp").mkdir(parents=True, exist_ok=True)
        conf = state / "nginx.conf"
        # What the app's pages say, so that nginx's own answers (static files) say the same.
        hsts = next(iter(self.nodes.values())).client().get("/en/")
        conf.write_text(
            nginx_config(
                {
                    "@HTTPS_LISTEN@": f"127.0.0.1:{self.nginx_port}",
                    "@HTTP_LISTEN@": f"127.0.0.1:{self.http_port}",
                    "@HTTPS_PORT_SUFFIX@": self._port_suffix(),
                    "@CERTIFICATE@": str(self.certificate),
                    "@CERTIFICATE_KEY@": str(self.certificate_key),
                    # Self-signed: no OCSP responder to staple an answer from.
                    "@OCSP_STAPLING@": "off",
                    "@HSTS@": hsts.header("Strict-Transport-Security") or "",
                    "@STATE_DIR@": str(state),
                    "@STATIC_ROOT@": str(self.static_root),
                    "@ADMIN_PATH@": ADMIN_PATH,
                    "@SESSION_KEY_SECRET@": SESSION_KEY_SECRET,
                },
                upstreams=[f"127.0.0.1:{node.port}" for node in self.nodes.values()],
            )
        )
        # As root, nginx's workers would switch to "nobody", who cannot enter the stage's
        # private temporary directory; an unprivileged user's nginx keeps its own user anyway.
        directives = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
        args = [NGINX, "-p", str(state), "-c", str(conf), "-g", directives]
        check = subprocess.run([*args, "-t"], capture_output=True, text=True)  # noqa: S603
        if check.returncode != 0:
            raise RuntimeError(f"nginx refuses deploy/nginx.conf:\n{check.stderr}")
        nginx = self._start(
            Process("nginx", args, os.environ.copy(), state / "stdout.log",
                    outlive_parent=self.outlive_parent)
        )  # fmt: skip
        wait_until(
            lambda: _answers(self.nginx_port, "/healthz", self.tls) or not nginx.running,
            30,
            "nginx did not start",
        )
        if not nginx.running:
            raise RuntimeError(f"nginx exited: see {state}/error.log")

    # --- what the tests use ---

    def https_url(self, path):
        """Where nginx's redirects to https send a request for ``path``."""
        return f"https://{self.host}{self._port_suffix()}{path}"

    def _port_suffix(self):
        return "" if self.nginx_port == 443 else f":{self.nginx_port}"

    def visitor(self, address=None, host=None):
        """A new visitor reaching nginx over TLS from its own loopback address."""
        source = address or self.new_address()
        return Client(self.nginx_port, host or self.host, source=source, tls=self.tls)

    def department(self):
        """(pk, public path in English) of the first seeded department."""
        if not hasattr(self, "_department"):
            line = self.shell(
                "from departments.models import Department\n"
                "d = Department.objects.select_related('directorate').order_by('pk').first()\n"
                "print(d.pk, f'/en/{d.directorate.slug}/{d.slug}/')"
            )
            pk, path = line.split()
            self._department = (int(pk), path)
        return self._department

    def new_address(self):
        """A loopback address no other test has used (lockouts and limits are per address)."""
        return next(self._addresses)

    def staff_login(
        self, client, username=ADMIN_USER, password=ADMIN_PASSWORD, headers=None, **extra
    ):
        """Log ``client`` in to the admin; the response to the login form."""
        login = f"/en/{ADMIN_PATH}/login/"
        page = client.get(login, **(headers or {}))
        data = {
            "csrfmiddlewaretoken": csrf_token(page.text),
            "username": username,
            "password": password,
            "next": f"/en/{ADMIN_PATH}/",
            **extra,
        }
        return client.post(login, data, headers=headers)

    def create_staff(self, *usernames, password=ADMIN_PASSWORD):
        """Staff users (superusers, so that nothing else limits what they see) in the stage db."""
        self.shell(
            "from django.contrib.auth import get_user_model\n"
            f"for name in {list(usernames)!r}:\n"
            "    get_user_model().objects.create_superuser(\n"
            f"        name, name + '@stage.test', {password!r})"
        )

    def extra_node(self, name, **env):
        """A node outside nginx's upstream (with other settings), stopped with the stage."""
        node = Node(name, self.env(**env), self.dir, outlive_parent=self.outlive_parent)
        self.processes.append(node.process)
        node.start()
        return node


def drop_database(name):
    """Drop the stage's database on the local server, closing any connection to it."""
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def nginx_config(values, upstreams):
    """deploy/nginx.conf with its placeholders replaced by ``values`` and one upstream line
    per node."""
    template = (ROOT / "deploy" / "nginx.conf").read_text()
    lines = []
    for line in template.splitlines():
        if "@UPSTREAM@" in line and not line.lstrip().startswith("#"):
            lines += [line.replace("@UPSTREAM@", upstream) for upstream in upstreams]
        else:
            lines.append(line)
    text = "\n".join(lines) + "\n"
    for name, value in values.items():
        text = text.replace(name, value)
    return text


_prctl = ctypes.CDLL(None).prctl  # looked up before any fork: the child only calls it


def _die_with_parent():
    """In the child: be stopped if the process that started the stage dies (even by SIGKILL,
    which skips atexit), so that nothing is left running. SIGTERM, not SIGKILL: nginx's and
    gunicorn's masters then stop their workers too."""
    _prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _connects(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False
