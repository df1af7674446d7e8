"""Starting the site under a real gunicorn, with the repository's gunicorn.conf.py."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")


def start_gunicorn(env, port, log):
    """A gunicorn serving the site on 127.0.0.1:port, its output written to the open file log."""
    return subprocess.Popen(  # noqa: S603 (fixed arguments, our own executable)
        [GUNICORN, "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}", "integration_site.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
