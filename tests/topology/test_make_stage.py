"""`make stage` returns with the topology running over TLS where it says, and `make stage-down`
stops every process it started and drops its database (tests/topology/daemon.py)."""

import json
import os
import re
import subprocess
from pathlib import Path

import psycopg
import pytest

from tests.topology.certificate import client_context
from tests.topology.conftest import require_services
from tests.topology.daemon import is_running
from tests.topology.stage import POSTGRES_ADMIN_URL, PYTHON, ROOT, free_port
from tests.topology.webclient import Client

pytestmark = pytest.mark.topology


def daemon(command, env):
    result = subprocess.run(  # noqa: S603 (our own module)
        [PYTHON, "-m", "tests.topology.daemon", command],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def database_exists(name):
    with psycopg.connect(POSTGRES_ADMIN_URL) as connection:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        return connection.execute(query, [name]).fetchone() is not None


def test_make_stage_leaves_the_topology_running_over_tls_and_stage_down_stops_all_of_it(
    tmp_path,
):
    require_services()
    https, http = free_port(), free_port()
    database = os.environ.get("TOPOLOGY_DATABASE", "integration_topology") + "_daemon"
    state = tmp_path / "stage"
    env = {**os.environ, "STAGE_DIR": str(state), "STAGE_DATABASE": database}
    env |= {"STAGE_HTTPS_PORT": str(https), "STAGE_HTTP_PORT": str(http)}

    printed = daemon("up", env)
    try:
        assert f"https://127.0.0.1:{https}/" in printed
        certificate = Path(re.search(r"certificate:\s+(\S+)", printed).group(1))
        assert re.search(r"environment:\s+(\S+)", printed).group(1) == str(state / "env")
        visitor = Client(https, f"127.0.0.1:{https}", tls=client_context(certificate))
        assert visitor.get("/en/").status == 200
        plain = Client(http, f"127.0.0.1:{http}").get("/en/")
        assert (plain.status, plain.header("Location")) == (301, f"https://127.0.0.1:{https}/en/")
        assert f"/{database}" in (state / "env").read_text()
        processes = json.loads((state / "pids.json").read_text())["processes"]
        assert {p["name"] for p in processes} == {"redis", "a", "b", "nginx"}
        assert all(is_running(p["pid"], p["program"]) for p in processes)
    finally:
        daemon("down", env)

    assert not any(is_running(p["pid"], p["program"]) for p in processes)
    assert not database_exists(database)
    with pytest.raises(OSError):
        visitor.get("/en/")
