"""Threaded HTTP servers on 127.0.0.1 ephemeral ports (parallel test runs never
collide), started and closed together: the base of the tests' small local networks."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self


class LocalServers:
    """Subclasses answer ``answer(host, path)``; every request is logged in ``requests``
    as (host, path) in arrival order."""

    def __init__(self) -> None:
        self._servers: list[ThreadingHTTPServer] = []
        self.requests: list[tuple[str, str]] = []

    def answer(self, host: str, path: str) -> tuple[int, dict[str, str], bytes]:
        raise NotImplementedError

    def _handler(self, host: str) -> type[BaseHTTPRequestHandler]:
        net = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                net.requests.append((host, self.path))
                status, headers, body = net.answer(host, self.path)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    def serve(self, handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, str]:
        """A running server for ``handler`` and its base URL."""
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self._servers.append(server)
        return server, f"http://127.0.0.1:{server.server_address[1]}/"

    def start(self) -> Self:
        raise NotImplementedError

    def close(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
