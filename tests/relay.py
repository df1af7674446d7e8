"""A TCP relay to a real server (PostgreSQL, Redis) that a test can cut and restore.

Cutting closes the listening socket and every relayed connection, as a network outage or a
stopped server would; restoring listens on the same port again. The server behind it keeps
running (and keeps its data), so tests never touch the machine's own PostgreSQL and can bring
back a Redis that still holds what it held before the outage. Used by tests/serving and the
topology stage.
"""

import contextlib
import socket
import threading


class Relay:
    """Relays 127.0.0.1:port to target (host, port) while up."""

    def __init__(self, target, port=0):
        self.target = target
        self.port = port
        self.listener = None
        self.sockets = []
        self.lock = threading.Lock()

    @property
    def up(self):
        return self.listener is not None

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=True)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def cut(self):
        """Refuse new connections and drop every open one."""
        with self.lock:
            sockets, self.sockets = [self.listener, *self.sockets], []
            self.listener = None
        for sock in sockets:
            if sock is None:
                continue
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self.lock:
                if self.listener is not listener:  # cut meanwhile
                    client.close()
                    upstream.close()
                    return
                self.sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
