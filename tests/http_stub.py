"""A small scripted HTTP server on 127.0.0.1 for tests: each path answers what the test
says, and every request is recorded (method, path, body size)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = Callable[[BaseHTTPRequestHandler], None]


def answer(status: int, ctype: str, body: bytes) -> Reply:
    def reply(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return reply


@dataclass
class Stub:
    url: str
    routes: dict[str, Reply]
    seen: list[tuple[str, str, int]] = field(default_factory=list)


@contextmanager
def stub_server(routes: dict[str, Reply]) -> Iterator[Stub]:
    """Unknown paths answer 404 "File Not Found" (as whisper-server does)."""
    box: list[Stub] = []

    class Handler(BaseHTTPRequestHandler):
        def _any(self) -> None:
            size = int(self.headers.get("Content-Length", "0"))
            left = size
            while left > 0:  # read in pieces: uploads here may be hundreds of MB
                left -= len(self.rfile.read(min(left, 1 << 20)) or b"x" * left)
            path = self.path.split("?")[0]
            box[0].seen.append((self.command, path, size))
            box[0].routes.get(path, answer(404, "text/plain", b"File Not Found"))(self)

        do_GET = do_POST = _any

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    box.append(Stub(f"http://127.0.0.1:{httpd.server_address[1]}", routes))
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), name="http-stub")
    thread.start()
    try:
        yield box[0]
    finally:
        httpd.shutdown()
        thread.join(10)
        httpd.server_close()
