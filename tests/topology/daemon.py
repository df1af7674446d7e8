"""`make stage` and `make stage-down`: the production-topology stage (stage.py) left running in
the background, on fixed ports, for an operator to look at, measure or rehearse on.

    make stage        # https://127.0.0.1:8443 (STAGE_HTTPS_PORT), http://…:8080 (STAGE_HTTP_PORT)
    make stage-down   # stops every process it started and drops its database

Its state is in .stage/ (STAGE_DIR; gitignored): the certificate (tls/), the site's environment
(env, for manage.py, `make backup` and `make restore`), each process's log, and pids.json, from
which `stage-down` stops exactly the processes `stage` started. The database is STAGE_DATABASE
(integration_stage) on the local PostgreSQL; Redis is a private redis-server.
"""

import json
import os
import shlex
import shutil
import signal
import sys
import time
from pathlib import Path

from tests.topology.stage import (
    ADMIN_PASSWORD,
    ADMIN_PATH,
    ADMIN_USER,
    ROOT,
    SITE_PREFIXES,
    Stage,
    drop_database,
)

STATE = Path(os.environ.get("STAGE_DIR") or ROOT / ".stage").resolve()
PIDS = STATE / "pids.json"
ENV_FILE = STATE / "env"


def up():
    """Start the stage in the background; print where it answers. Replaces a running one."""
    if PIDS.exists():
        down()
    shutil.rmtree(STATE, ignore_errors=True)
    STATE.mkdir()
    stage = Stage(
        STATE,
        database=os.environ.get("STAGE_DATABASE", "integration_stage"),
        relays=False,  # the relays are threads of this process, which is about to exit
        https_port=int(os.environ.get("STAGE_HTTPS_PORT") or 8443),
        http_port=int(os.environ.get("STAGE_HTTP_PORT") or 8080),
        host="127.0.0.1",
        outlive_parent=True,
    )
    stage.start()  # stops what it started and raises if any piece fails
    processes = [
        {"name": p.name, "pid": p.popen.pid, "program": Path(p.args[0]).name}
        for p in stage.processes
    ]
    PIDS.write_text(json.dumps({"database": stage.database, "processes": processes}, indent=2))
    site_env = {k: v for k, v in stage.env().items() if k.startswith(SITE_PREFIXES)}
    ENV_FILE.write_text("".join(f"{k}={shlex.quote(v)}\n" for k, v in sorted(site_env.items())))
    ENV_FILE.chmod(0o600)
    print(
        f"""
The stage is running: nginx, gunicorn nodes a and b, redis-server, PostgreSQL database {stage.database}.
  site:         {stage.origin}/
  plain HTTP:   http://127.0.0.1:{stage.http_port}/ (redirects to https)
  admin:        {stage.origin}/en/{ADMIN_PATH}/  as {ADMIN_USER} / {ADMIN_PASSWORD}
  certificate:  {stage.certificate}  (self-signed: e.g. curl --cacert <it>)
  environment:  {ENV_FILE}  (`set -a; . <it>; set +a`, then manage.py works on the stage)
  logs:         {STATE}/
Stop it with: make stage-down""",  # noqa: E501 (the printed lines)
        flush=True,
    )


def down():
    """Stop every process `up` started (recorded in pids.json) and drop the stage's database."""
    if not PIDS.exists():
        print("No stage is running (no .stage/pids.json).")
        return
    state = json.loads(PIDS.read_text())
    for process in reversed(state["processes"]):
        _stop(process)
    drop_database(state["database"])
    PIDS.unlink()
    print(f"The stage is stopped and its database {state['database']} dropped.")


def _stop(process, timeout=20):
    """SIGTERM to the process's group (it leads one), SIGKILL after ``timeout`` seconds."""
    pid = process["pid"]
    if not is_running(pid, process["program"]):
        return  # gone already, or the number now belongs to someone else's process
    os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while is_running(pid, process["program"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    if is_running(pid, process["program"]):
        os.killpg(pid, signal.SIGKILL)


def is_running(pid, program):
    """Whether ``pid`` is a live (not zombie) process running ``program``."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    state = stat.rsplit(")", 1)[1].split()[0]
    return state != "Z" and any(program.encode() in part for part in command[:2])


if __name__ == "__main__":
    commands = {"up": up, "down": down}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit("usage: python -m tests.topology.daemon up|down")
    commands[sys.argv[1]]()
