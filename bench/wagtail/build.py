"""Prepare the Wagtail comparison of bench/render.py (issue 15): Wagtail 7 LTS in its own venv.

    python bench/wagtail/build.py <workdir> <content.json> <database url>

1. Creates a venv in ``<workdir>/venv`` and installs ``wagtail>=7.0,<7.1``, psycopg and
   gunicorn from PyPI (BENCH_WAGTAIL_VENV names an existing venv to reuse instead);
2. copies the minimal Wagtail project kept in bench/wagtail/project (settings as
   ``wagtail start`` makes them, DEBUG off; one page model) to ``<workdir>/project``;
3. makes its migrations, migrates the (empty, scratch) PostgreSQL database and builds the
   directorate page from ``content.json``, the site's seeded content as bench/render.py dumped
   it, as the site's root page.

Prints one JSON line (python, gunicorn, project, version) on success. On any failure it says
so on stderr ("Wagtail not measured: ...") and exits 2; bench/render.py then reports Wagtail
as not measured.
"""

# ruff: noqa: S603 (the commands are this script's own: venv, pip, manage.py)

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REQUIREMENTS = ["wagtail>=7.0,<7.1", "psycopg[binary]", "gunicorn"]


def fail(reason):
    print(f"Wagtail not measured: {reason}", file=sys.stderr)
    sys.exit(2)


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode:
        fail(
            f"{' '.join(map(str, command))} failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
        )
    return result.stdout


def venv(workdir):
    reuse = os.environ.get("BENCH_WAGTAIL_VENV")
    if reuse:
        return Path(reuse)
    target = workdir / "venv"
    run([sys.executable, "-m", "venv", str(target)])
    run([str(target / "bin" / "python"), "-m", "pip", "install", "-q", *REQUIREMENTS])
    return target


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    workdir, content, database_url = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    environment = venv(workdir)
    python = environment / "bin" / "python"
    version = run([str(python), "-c", "import wagtail; print(wagtail.__version__)"]).strip()
    if not version.startswith("7.0"):
        fail(f"expected Wagtail 7.0.x, found {version}")
    project = workdir / "project"
    shutil.copytree(HERE / "project", project, dirs_exist_ok=True)
    env = {**os.environ, "WAGTAIL_BENCH_DATABASE_URL": database_url}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for command in (
        ["makemigrations", "pages"],
        ["migrate", "--noinput"],
        ["load_directorate", str(content)],
    ):
        run([str(python), "manage.py", *command], cwd=project, env=env)
    print(
        json.dumps(
            {
                "python": str(python),
                "gunicorn": str(environment / "bin" / "gunicorn"),
                "project": str(project),
                "version": version,
            }
        )
    )


if __name__ == "__main__":
    main()
