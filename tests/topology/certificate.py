"""The stage's TLS certificate: self-signed, made with openssl, naming the loopback names.

A browser or client trusts it by loading the certificate file itself as its one authority
(curl --cacert, NODE_EXTRA_CA_CERTS, ``client_context``): nothing is added to the machine's store.
"""

import shutil
import ssl
import subprocess
from pathlib import Path

# Every name a visitor may use: the loopback address and name an operator types, and the name the
# tests send in Host (tests/topology/stage.py's HOST).
NAMES = ("IP:127.0.0.1", "DNS:localhost", "DNS:integration.stage.test")
DAYS = 30


def make_certificate(directory):
    """Write a new key and certificate (P-256, DAYS days) into ``directory``; their paths."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    certificate, key = directory / "stage-certificate.pem", directory / "stage-key.pem"
    openssl = shutil.which("openssl") or "/usr/bin/openssl"
    subprocess.run(  # noqa: S603 (fixed arguments)
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", str(DAYS), "-subj", "/CN=integration stage",
         "-addext", "subjectAltName=" + ",".join(NAMES),
         "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    key.chmod(0o600)
    return certificate, key


def client_context(certificate):
    """An SSL context that trusts only ``certificate`` and checks the host name as browsers do."""
    return ssl.create_default_context(cafile=str(certificate))
