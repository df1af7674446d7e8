"""The production-topology stage, started once for every test under tests/topology/.

Needs nginx, redis-server, openssl and PostgreSQL on 127.0.0.1:5432; without them the tests
skip with the reason, except in CI, where a missing piece is an error. Run with
`make test-topology`.
"""

import os
import shutil
import socket

import pytest

from tests.topology.stage import NGINX, POSTGRES, Stage


def _missing():
    missing = [name for name in ("nginx", "redis-server", "openssl") if not shutil.which(name)]
    if "nginx" in missing and os.access(NGINX, os.X_OK):
        missing.remove("nginx")
    try:
        socket.create_connection(POSTGRES, timeout=1).close()
    except OSError:
        missing.append("PostgreSQL on 127.0.0.1:5432")
    return missing


def require_services():
    """Skip (fail in CI) unless nginx, redis-server and PostgreSQL are here."""
    missing = _missing()
    if missing:
        reason = "the topology stage needs " + ", ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def stage(tmp_path_factory):
    require_services()
    database = os.environ.get("TOPOLOGY_DATABASE", "integration_topology")
    stage = Stage(tmp_path_factory.mktemp("topology"), database=database).start()
    try:
        yield stage
    finally:
        stage.stop()
