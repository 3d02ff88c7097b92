"""An OpenAI-style chat server on 127.0.0.1, in the test's own process, for the chat tab.

It behaves like llama-server where the tab cares: ``/props`` says whether a projector is
loaded, ``/v1/models`` lists one model, and ``/v1/chat/completions`` streams a fixed
answer, or (without vision) refuses any request that carries an image with llama-server's
own words. Every request body is kept in :attr:`FakeChatServer.requests`. It also serves
:attr:`FakeChatServer.files` (path -> PNG bytes) for image links, and with ``pause`` it
waits that long between the words of an answer (until closed), for tests of Stop.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

from panel.core.config.profiles import Engine, Role, ServerProfile

ANSWER = "Hello from a fake server."
NO_MMPROJ = (
    "image input is not supported - hint: if this is unexpected, you may need to provide the mmproj"
)


def has_images(request: dict[str, Any]) -> bool:
    for message in request.get("messages", []):
        content = message.get("content")
        if isinstance(content, list) and any(p.get("type") == "image_url" for p in content):
            return True
    return False


class FakeChatServer:
    def __init__(
        self, name: str, *, vision: bool, answer: str = ANSWER, pause: float = 0.0
    ) -> None:
        self.name = name
        self.vision = vision
        self.answer = answer
        self.pause = pause
        self.files: dict[str, bytes] = {}
        self.requests: list[dict[str, Any]] = []
        self._closing = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/health":
                    self._json(200, {"status": "ok"})
                elif self.path == "/props":
                    self._json(200, {"modalities": {"vision": server.vision}})
                elif self.path == "/v1/models":
                    self._json(200, {"data": [{"id": f"{server.name}-model"}]})
                elif self.path in server.files:
                    data = server.files[self.path]
                    self.send_response(200)
                    self.send_header("Content-Type", "image/png")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                else:
                    self._json(404, {"error": {"code": 404, "message": "File Not Found"}})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
                server.requests.append(body)
                if has_images(body) and not server.vision:
                    self._json(500, {"error": {"code": 500, "message": NO_MMPROJ}})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for word in server.answer.split(" "):
                    piece = {"choices": [{"delta": {"content": word + " "}}]}
                    try:
                        self.wfile.write(f"data: {json.dumps(piece)}\n\n".encode())
                        self.wfile.flush()
                    except OSError:  # the client hung up: Stop
                        return
                    if server.pause and server._closing.wait(server.pause):
                        return
                last = {
                    "choices": [{"delta": {}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 5, "completion_tokens": 5},
                }
                self.wfile.write(f"data: {json.dumps(last)}\n\ndata: [DONE]\n\n".encode())

            def _json(self, status: int, payload: object) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,))

    @property
    def profile(self) -> ServerProfile:
        return ServerProfile(
            self.name,
            Engine.LLAMA_CPP,
            model=f"/models/{self.name}.gguf",
            port=self.port,
            role=Role.VISION if self.vision else Role.CHAT,
        )

    @property
    def attached_profile(self) -> ServerProfile:
        """The same server as the panel sees one that something else runs."""
        return ServerProfile(
            self.name,
            Engine.LLAMA_CPP,
            attach_url=f"http://127.0.0.1:{self.port}",
            role=Role.VISION if self.vision else Role.CHAT,
        )

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)
