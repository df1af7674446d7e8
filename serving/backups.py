"""Backups of the whole database and their restore (`make backup`, `make restore`; docs/serving.md).

A backup is pg_dump's custom format: one consistent snapshot (pg_dump reads everything in one
transaction) of every table, so it holds all that staff made: content, history, drafts, users,
groups, permissions, login records, sessions. A restore puts it back with pg_restore, then gives
the content a generation number no process has used yet and clears the shared cache, so that no
page, API body or ETag stored after the backup is served again (serving/generation.py).
"""

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, connections

from serving.generation import CONTENT_GENERATION_KEY, stored_generation, synchronise


class BackupError(Exception):
    """A backup or restore that cannot be made here, with the reason in words."""


def default_path():
    """backups/<UTC time>.dump under the project."""
    return settings.BASE_DIR / "backups" / f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}.dump"


def dump(path):
    """Write the database to ``path`` in pg_dump's custom format; the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _run("pg_dump", "--format=custom", f"--file={path}")
    return path


def restore(path):
    """Restore the dump at ``path`` over the database; the content generation it now has."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    # Pages may have been stored under any number up to the one in use now: the restored
    # content gets a higher one.
    before = max(_stored_or_zero(), _int(cache.get(CONTENT_GENERATION_KEY)))
    connections.close_all()
    _run("pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", str(path))  # fmt: skip
    from serving.models import ContentGeneration

    number = max(_stored_or_zero(), before) + 1
    ContentGeneration.objects.update_or_create(pk=1, defaults={"number": number})
    cache.clear()
    synchronise()
    return number


def _run(program, *args):
    """Run a PostgreSQL client program on the default database."""
    settings_dict = connection.settings_dict
    if connection.vendor != "postgresql":
        raise BackupError(
            "backups need PostgreSQL (DATABASE_URL); with SQLite, copy db.sqlite3 while the "
            "site is stopped"
        )
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(f"{program} is not installed (Debian: apt-get install postgresql-client)")
    _check_version(executable)
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    target = [f"--dbname={settings_dict['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            target.append(f"{option}={settings_dict[key]}")
    result = subprocess.run(  # noqa: S603 (PostgreSQL's own programs, our arguments)
        [executable, *target, *args], env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(f"{program} failed:\n{result.stderr.strip()}")


def _check_version(executable):
    """The client's major version must be the server's: pg_dump refuses a newer server, and a
    dump from a newer pg_dump is one an older pg_restore cannot read."""
    output = subprocess.run(  # noqa: S603
        [executable, "--version"], capture_output=True, text=True, check=True
    ).stdout
    # "pg_dump (PostgreSQL) 15.20 (Debian …)"
    client = int(re.search(r"\(PostgreSQL\) (\d+)", output).group(1))
    connection.ensure_connection()
    server = connection.pg_version // 10000
    if client != server:
        raise BackupError(
            f"{Path(executable).name} is version {client}, the server {server}: install "
            f"postgresql-client-{server}"
        )


def _stored_or_zero():
    try:
        return stored_generation()
    except DatabaseError:  # no table yet (an empty database)
        return 0


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
