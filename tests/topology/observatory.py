"""The MDN HTTP Observatory (npm @mdn/mdn-http-observatory, package.json), run against the stage.

Its own command-line scan (src/scan.js) is run, with the stage's certificate as the one extra
authority (NODE_EXTRA_CA_CERTS) and ``127.0.0.1:<https port>`` as the host: it fetches
https://127.0.0.1:<port>/ and, for its redirection test, http://127.0.0.1:<port>/, which nginx
redirects to https as it does plain HTTP on port 80. Nothing leaves the machine.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

from tests.topology.stage import ROOT

PACKAGE = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory"
SCAN = PACKAGE / "src" / "scan.js"
# The browsers' HSTS preload list, which the package's install script downloads (install scripts
# are off: .npmrc). It only says whether a public domain is preloaded, and the stage's loopback
# host is on no list, so an empty one gives the very grade the full list would.
PRELOAD_LIST = PACKAGE / "conf" / "hsts-preload.json"


def missing():
    """Why the scan cannot run here (None: it can)."""
    if not shutil.which("node"):
        return "node is not installed"
    if not SCAN.exists():
        return f"{SCAN.relative_to(ROOT)} is missing: run npm ci"
    return None


def scan(host, certificate):
    """The Observatory's result for https://<host>/: {"scan": {"grade", "score"…}, "tests": …}."""
    if not PRELOAD_LIST.exists():
        PRELOAD_LIST.write_text("{}\n")
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [shutil.which("node"), str(SCAN), host],
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(certificate)},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(ROOT),
    )
    output = json.loads(result.stdout)
    if "error" in output:
        raise RuntimeError(f"the Observatory could not scan {host}: {output['error']}")
    return output
