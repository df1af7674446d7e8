"""The backup commands' answers where they cannot work; the round trip itself runs in the
production-topology stage (tests/topology/test_backup_restore.py)."""

import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

pytestmark = pytest.mark.django_db


def test_a_backup_on_sqlite_is_refused_with_what_to_do_instead(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with pytest.raises(CommandError, match=r"backups need PostgreSQL.*copy db\.sqlite3"):
        call_command("backup_database", "--output", str(tmp_path / "x.dump"))
    assert not (tmp_path / "x.dump").exists()


def test_a_backup_on_postgresql_is_a_dump_pg_restore_reads(tmp_path, capsys):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (DATABASE_URL)")
    path = tmp_path / "backups" / "site.dump"
    call_command("backup_database", "--output", str(path))
    assert f"backup written: {path}" in capsys.readouterr().out
    listing = subprocess.run(  # noqa: S603
        [shutil.which("pg_restore"), "--list", str(path)], capture_output=True, text=True
    )
    assert listing.returncode == 0
    assert "TABLE public departments_department" in listing.stdout
    assert "TABLE public departments_historicaldepartment" in listing.stdout


def test_restoring_a_file_that_is_not_there_changes_nothing_and_says_so(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore_database", "--noinput", str(tmp_path / "missing.dump"))
