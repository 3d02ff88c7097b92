#!/usr/bin/env python3
"""A stand-in for ``vllm serve MODEL --enable-sleep-mode`` on a GPU, for the router's
sleep-mode tests.

vLLM's CPU build refuses ``--enable-sleep-mode`` ("Sleep mode is not supported on
current platform."; tests/test_router_sleep.py checks that refusal against the real vLLM),
so what a GPU does with it is reproduced here, with vLLM 0.32's routes and answers:

- ``POST /sleep?level=N`` -> ``{"status": "sleeping", "level": N}``; ``POST /wake_up`` ->
  ``{"status": "awake", "tags": null}``; ``GET /is_sleeping`` -> ``{"is_sleeping": B}``.
  vLLM serves these only with ``VLLM_SERVER_DEV_MODE=1`` in its environment (else
  FastAPI's 404 ``{"detail": "Not Found"}``), and ``/sleep`` fails with a 500 when the
  engine was started without ``--enable-sleep-mode``.
- ``GET /health`` (200, empty), ``GET /v1/models``, ``POST /v1/chat/completions`` (a
  three-token answer, streamed with ``"stream": true``). A request that reaches it while
  it sleeps gets a 500 that says so: a test sees any request the router forwards to a
  sleeping server.

Each sleep and wake is logged as vLLM logs it (``wake up the engine with tags: None``).
``FAKE_VLLM_WAKE_SECONDS`` (default 0.5) is how long waking takes, so that requests
queue meanwhile. SIGTERM ends it with exit code 0; ``--help…`` prints a short help with
the flags above (the panel reads an engine's help) and exits.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


def log(message: str) -> None:
    stamp = time.strftime("%m-%d %H:%M:%S")
    sys.stdout.write(f"(APIServer pid={os.getpid()}) INFO {stamp} [api_router.py:1] {message}\n")
    sys.stdout.flush()


def option(argv: list[str], flag: str, default: str) -> str:
    return argv[argv.index(flag) + 1] if flag in argv else default


HELP = """usage: vllm serve [model_tag] [options]

options:
  --host HOST           Host name.
  --port PORT           Port number.
  --served-model-name SERVED_MODEL_NAME [SERVED_MODEL_NAME ...]
                        The model name(s) used in the API.
  --enable-sleep-mode, --no-enable-sleep-mode
                        Enable sleep mode for the engine (only cuda and hip platforms
                        are supported).
"""


def main(argv: list[str]) -> int:
    if any(arg.startswith("--help") for arg in argv):  # the panel reads the flags it knows
        sys.stdout.write(HELP)
        return 0
    model = argv[1] if len(argv) > 1 and argv[0] == "serve" else "model"
    host = option(argv, "--host", "127.0.0.1")
    port = int(option(argv, "--port", "8000"))
    name = option(argv, "--served-model-name", model)
    sleep_mode = "--enable-sleep-mode" in argv
    dev_mode = os.environ.get("VLLM_SERVER_DEV_MODE") == "1"
    wake_seconds = float(os.environ.get("FAKE_VLLM_WAKE_SECONDS", "0.5"))
    state = {"asleep": False}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            log(f'{self.address_string()} "{self.command} {self.path}" {args[1]}')

        def _json(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _not_found(self) -> None:
            self._json(404, {"detail": "Not Found"})

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/health":
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/v1/models":
                self._json(200, {"object": "list", "data": [{"id": name, "object": "model"}]})
            elif path == "/is_sleeping" and dev_mode:
                self._json(200, {"is_sleeping": state["asleep"]})
            else:
                self._not_found()

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if url.path in ("/sleep", "/wake_up") and not dev_mode:
                self._not_found()
            elif url.path == "/sleep":
                level = int(parse_qs(url.query).get("level", ["1"])[0])
                if not sleep_mode:
                    message = "Sleep mode is not enabled. Restart with --enable-sleep-mode."
                    self._json(500, {"error": {"message": message, "code": 500}})
                    return
                with lock:
                    state["asleep"] = True
                log(f"sleep the engine with level: {level}")
                self._json(200, {"status": "sleeping", "level": level})
            elif url.path == "/wake_up":
                log("wake up the engine with tags: None")
                time.sleep(wake_seconds)
                with lock:
                    state["asleep"] = False
                self._json(200, {"status": "awake", "tags": None})
            elif url.path == "/v1/chat/completions":
                self._chat(json.loads(body or b"{}"))
            else:
                self._not_found()

        def _chat(self, request: dict[str, Any]) -> None:
            if state["asleep"]:
                log("a request reached the sleeping engine")
                message = "the engine is sleeping (fake_vllm_sleep)"
                self._json(500, {"error": {"message": message, "code": 500}})
                return
            words = ["Hello", " from", " vLLM"]
            if not request.get("stream"):
                answer = {
                    "object": "chat.completion",
                    "model": name,
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": "".join(words)}}
                    ],
                    "usage": {"completion_tokens": len(words)},
                }
                self._json(200, answer)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for word in words:
                piece = {"choices": [{"index": 0, "delta": {"content": word}}]}
                self.wfile.write(f"data: {json.dumps(piece)}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")
            self.close_connection = True

    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    log(f"Starting vLLM server on http://{host}:{port}")
    server.serve_forever()
    log("Shutting down FastAPI HTTP server.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
