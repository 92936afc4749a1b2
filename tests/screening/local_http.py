"""A real HTTP server on 127.0.0.1 for download tests, and a port nothing listens on."""

from __future__ import annotations

import functools
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _ShortBodyHandler(_QuietHandler):
    """Promises 100,000 bytes, sends 10, then hangs up: an interrupted download."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(b"<?xml vers")
        self.wfile.flush()
        self.close_connection = True


@contextmanager
def serve_directory(folder: Path, *, short_bodies: bool = False) -> Iterator[str]:
    """Serve `folder` over HTTP on a free local port; yield its base URL."""
    handler = _ShortBodyHandler if short_bodies else _QuietHandler
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def refused_url() -> str:
    """Return a local URL whose port was just freed, so connecting is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
