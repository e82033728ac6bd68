"""One small HTTP server per sample site, on 127.0.0.1, answering from a Site object."""

from __future__ import annotations

import socket
import struct
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from samplenet.render import Response
from samplenet.sites.base import Site

SHUTDOWN_POLL_SECONDS = 0.05  # how soon stop() is noticed; the default 0.5 s slows tests


class RequestLog:
    """Thread-safe record of (site, method, path_with_query) for every request."""

    def __init__(self) -> None:
        self._entries: list[tuple[str, str, str]] = []
        self._lock = threading.Lock()

    def add(self, site: str, method: str, path: str) -> None:
        with self._lock:
            self._entries.append((site, method, path))

    def snapshot(self) -> list[tuple[str, str, str]]:
        with self._lock:
            return list(self._entries)


def make_handler(site: Site, log: RequestLog) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes: without TCP_NODELAY, Nagle plus the
        # client's delayed ACK hold every keep-alive response back ~40 ms.
        disable_nagle_algorithm = True
        server_version = "nginx"
        sys_version = ""

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the crawler hung up (it stopped): expected

        def do_GET(self) -> None:
            self.answer(send_body=True)

        def do_HEAD(self) -> None:
            self.answer(send_body=False)

        def answer(self, send_body: bool) -> None:
            log.add(site.name, self.command, self.path)
            response = site.handle(self.path)
            if response.delay:
                time.sleep(response.delay)
            try:
                self.send(response, send_body)
            except (BrokenPipeError, ConnectionResetError):
                # The crawler gave up first (timeout, size limit): expected.
                self.close_connection = True

        def send(self, response: Response, send_body: bool) -> None:
            if response.reset:
                self.reset()
                return
            if response.stream is not None:
                self.send_stream(response, send_body)
                return
            body = response.body
            announced = len(body) * 2 + 1024 if response.truncate else len(body)
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(announced))
            for name, value in response.headers.items():
                self.send_header(name, value)
            if response.truncate:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if not send_body:
                return
            self.wfile.write(body[: len(body) // 2] if response.truncate else body)

        def reset(self) -> None:
            """Hang up with a TCP RST (SO_LINGER 0) instead of answering."""
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

        def send_stream(self, response: Response, send_body: bool) -> None:
            """A body of unknown length, generated as it is sent and ended by closing the
            connection: a 50 MB page never sits in memory, a slow drip never ends early."""
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Connection", "close")
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.close_connection = True
            if not send_body:
                return
            for chunk in response.stream():
                self.wfile.write(chunk)
                if response.drip:
                    self.wfile.flush()
                    time.sleep(response.drip)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the request log is kept in RequestLog instead."""

    return Handler


class CountingServer(ThreadingHTTPServer):
    """socketserver's HTTP server with a real web server's listen backlog, counting the
    TCP connections it accepts (a crawler that does not reuse them opens one per page).

    socketserver listens with a backlog of 5: a crawler opening more connections at once
    overflows it, and each overflowed connection waits a 1 s SYN retry, which no
    production server (nginx: 511) would make it do.
    """

    request_queue_size = 511
    daemon_threads = True
    accepted = 0  # written by the one thread that accepts

    def get_request(self) -> tuple[socket.socket, Any]:
        request = super().get_request()
        self.accepted += 1
        return request


class SiteServer:
    """A site's CountingServer running in a daemon thread on a free loopback port."""

    def __init__(self, site: Site, log: RequestLog, port: int = 0) -> None:
        self.site = site
        self.httpd = CountingServer(("127.0.0.1", port), make_handler(site, log))
        self.port = self.httpd.server_address[1]
        site.base_url = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever,
            kwargs={"poll_interval": SHUTDOWN_POLL_SECONDS},
            name=f"samplenet-{site.name}",
            daemon=True,
        )

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
