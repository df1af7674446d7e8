"""A TCP relay to a real server (PostgreSQL, Redis) that a test can cut and restore.

Cutting closes the listening socket and every relayed connection, as a server that went away
does; restoring listens on the same port again. The real server is never touched.
"""

import contextlib
import socket
import threading


class Relay:
    def __init__(self, target):
        self.target = target
        self.port = None
        self.listener = None
        self.sockets = []

    def start(self):
        """Listen (on a free port the first time, on the same port after a cut)."""
        self.listener = socket.create_server(("127.0.0.1", self.port or 0), reuse_port=True)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()
        return self

    def cut(self):
        for sock in [s for s in (self.listener, *self.sockets) if s is not None]:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.listener = None
        self.sockets = []

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
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
