#!/usr/bin/env python3
"""A scriptable, misbehaving HTTP "inference server" for process-supervisor tests.

Standard library only, so it starts fast. Every misbehaviour a supervisor must survive is
a flag; with no flags it is a well-behaved server that is ready at once.

Readiness
  ``--host H`` (default 127.0.0.1), ``--port P`` (default 0: a free port, printed as
  ``port: P`` when bound, and written to ``--portfile PATH`` if given), ``--health PATH``
  (default /health), ``--load-seconds S`` (default 0), ``--loading-mode refuse|503``:
  *refuse* binds only after loading (whisper-server, vLLM: connections refused while
  loading); *503* binds first and answers every request with 503
  ``{"error":{"message":"Loading model","type":"unavailable_error","code":503}}`` until
  loaded (llama-server). When ready: the health path answers 200 ``{"status":"ok"}``,
  ``/v1/models`` lists one model, anything else is llama's 404 ``File Not Found``.
  ``--ready-line TEXT`` is printed when ready (default ``server is listening on
  http://{host}:{port}``; ``{host}`` and ``{port}`` are filled in).

Output
  Log lines go to stdout (``--stderr``: stderr), one ``write()`` per line. ``--unflushed``
  writes through a 64 KiB buffer that is only flushed when full or at a normal exit
  (``printf`` through a pipe, like whisper-server), whatever PYTHONUNBUFFERED says; a
  death by signal loses what is still buffered. ``--lines N``: N lines at start, with CJK
  text (``解释图像 第N行``) and one ``\\r``-separated progress run (``loading 10%\\r...
  loading 100%\\n``). ``--flood N``: N lines as fast as possible once ready, then
  ``flood done N``, and it keeps serving. ``--invalid-utf8``: invalid UTF-8 bytes, then a
  three-byte CJK character split across two writes 50 ms apart (flushed between them,
  except with ``--unflushed``).

Failures
  ``--exit-after S [--exit-code N (default 1)] [--last-line TEXT]``: S seconds after start
  (also while loading) print TEXT and exit with N. ``--kill-self SIG --after S``: die by a
  signal (SEGV, ABRT, KILL, 11, ...; core dumps disabled first). ``--bind-fail``: print
  llama-server's ``main: couldn't bind HTTP server socket, hostname: H, port: P`` and
  exit 1.

Stopping
  SIGTERM/SIGINT: print ``shutting down``, keep serving for ``--term-delay S`` seconds
  (default 0), flush, exit 0. ``--ignore-sigterm`` ignores SIGTERM, SIGINT and SIGHUP:
  only SIGKILL stops it.

Process tree
  ``--grandchildren N``: N sleeping children of this server (grandchildren of the test);
  the first also has a child of its own (a great-grandchild); the last calls ``setsid()``
  and so escapes the process group. They keep this server's stdout/stderr open (as real
  helpers do: the pipe sees no EOF until they are gone) unless ``--grandchildren-stdio
  devnull``. They sleep until killed, or ``--orphan-lifetime`` seconds (default 300) so
  that a failed test cannot leak them forever. ``--pidfile PATH``: this server's pid
  then every descendant's, one a line, written atomically before ready.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

LOADING_BODY = {"error": {"message": "Loading model", "type": "unavailable_error", "code": 503}}
NOT_FOUND_BODY = {"error": {"code": 404, "message": "File Not Found", "type": "not_found_error"}}


class Out:
    """Where log lines go: unbuffered ``write()`` per line, or a big held-back buffer."""

    def __init__(self, fd: int, unflushed: bool) -> None:
        self.fd = fd
        self.unflushed = unflushed
        self._buffer = os.fdopen(fd, "wb", buffering=1 << 16, closefd=False) if unflushed else None
        self._lock = threading.Lock()

    def raw(self, data: bytes) -> None:
        with self._lock:
            try:
                if self._buffer is not None:
                    self._buffer.write(data)
                    return
                view = memoryview(data)
                while view:
                    view = view[os.write(self.fd, view) :]
            except (OSError, ValueError):
                pass  # nobody reads any more

    def line(self, text: str) -> None:
        self.raw((text + "\n").encode())

    def flush(self) -> None:
        if self._buffer is not None:
            with self._lock, contextlib.suppress(OSError, ValueError):
                self._buffer.flush()


class State:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.ready = threading.Event()
        self.created = int(time.time())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def version_string(self) -> str:
        return "script_server"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_json(self, code: int, obj: Any) -> None:
        body = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        state = self.server.state
        path = self.path.split("?", 1)[0]
        if not state.ready.is_set():
            self.send_json(503, LOADING_BODY)
        elif path == state.args.health:
            self.send_json(200, {"status": "ok"})
        elif path == "/v1/models":
            model = {
                "id": "script-model",
                "object": "model",
                "created": state.created,
                "owned_by": "script_server",
            }
            self.send_json(200, {"object": "list", "data": [model]})
        else:
            self.send_json(404, NOT_FOUND_BODY)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = answer


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, host: str, port: int, state: State) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), Handler)
        self.state = state

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


def parse_signal(name: str) -> signal.Signals:
    if name.isdigit():
        return signal.Signals(int(name))
    name = name.upper()
    return signal.Signals[name if name.startswith("SIG") else "SIG" + name]


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description="scriptable misbehaving HTTP server for tests")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--portfile")
    p.add_argument("--health", default="/health")
    p.add_argument("--load-seconds", type=float, default=0.0)
    p.add_argument("--loading-mode", choices=["refuse", "503"], default="refuse")
    p.add_argument("--ready-line", default="server is listening on http://{host}:{port}")
    p.add_argument("--unflushed", action="store_true")
    p.add_argument("--stderr", action="store_true")
    p.add_argument("--exit-code", type=int, default=1)
    p.add_argument("--exit-after", type=float)
    p.add_argument("--last-line")
    p.add_argument("--kill-self", type=parse_signal)
    p.add_argument("--after", type=float, default=0.0)
    p.add_argument("--ignore-sigterm", action="store_true")
    p.add_argument("--term-delay", type=float, default=0.0)
    p.add_argument("--grandchildren", type=int, default=0)
    p.add_argument("--grandchildren-stdio", choices=["inherit", "devnull"], default="inherit")
    p.add_argument("--orphan-lifetime", type=float, default=300.0)
    p.add_argument("--pidfile")
    p.add_argument("--lines", type=int, default=0)
    p.add_argument("--flood", type=int, default=0)
    p.add_argument("--invalid-utf8", action="store_true")
    p.add_argument("--bind-fail", action="store_true")
    return p


def _sleep_then_exit(lifetime: float) -> None:
    try:
        time.sleep(lifetime)
    finally:
        os._exit(0)


def spawn_sleeper(new_session: bool, with_child: bool, args: argparse.Namespace) -> list[int]:
    """Fork one sleeping child (and maybe its own child); return their pids."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the sleeper: never returns into the server's code
        try:
            os.close(r)
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                signal.signal(sig, signal.SIG_DFL)
            if new_session:
                os.setsid()
            if args.grandchildren_stdio == "devnull":
                null = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(null, fd)
            child = 0
            if with_child:
                child = os.fork()
                if child == 0:
                    os.close(w)
                    _sleep_then_exit(args.orphan_lifetime)
            os.write(w, f"{child}\n".encode())
            os.close(w)
            _sleep_then_exit(args.orphan_lifetime)
        finally:
            os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as pipe:
        child = int(pipe.readline() or b"0")
    return [pid, child] if child else [pid]


def write_pidfile(path: str, pids: list[int]) -> None:
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="ascii") as fh:
        fh.write("".join(f"{pid}\n" for pid in pids))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def start_server(args: argparse.Namespace, state: State, out: Out) -> Server:
    server = Server(args.host, args.port, state)
    port = server.server_address[1]
    args.port = port
    if args.portfile:
        write_pidfile(args.portfile, [port])
    out.line(f"port: {port}")
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def emit_lines(out: Out, count: int) -> None:
    for i in range(1, count + 1):
        out.line(f"log line {i}: 解释图像 第{i}行")
        if i == max(1, count // 2):
            out.raw(("\r".join(f"loading {pct}%" for pct in range(10, 101, 10)) + "\n").encode())


def emit_invalid_utf8(out: Out) -> None:
    out.raw(b"invalid utf-8: \xff\xfe \xc3\x28 \xed\xa0\x80 end\n")
    cjk = "解".encode()
    out.raw(b"split char: " + cjk[:2])
    if not out.unflushed:
        time.sleep(0.05)
    out.raw(cjk[2:] + b" done\n")


def flood(out: Out, count: int) -> None:
    batch: list[bytes] = []
    for i in range(count):
        batch.append(
            f"flood {i:08d} the quick brown fox 解释图像 jumps over the lazy dog\n".encode()
        )
        if len(batch) >= 256:
            out.raw(b"".join(batch))
            batch.clear()
    out.raw(b"".join(batch))
    out.line(f"flood done {count}")


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    out = Out(2 if args.stderr else 1, args.unflushed)
    state = State(args)
    stop = threading.Event()

    if args.bind_fail:
        out.line(
            f"main: couldn't bind HTTP server socket, hostname: {args.host}, port: {args.port}"
        )
        out.flush()
        return 1

    # Fork before any thread exists.
    pids = [os.getpid()]
    for i in range(args.grandchildren):
        pids += spawn_sleeper(i == args.grandchildren - 1, i == 0, args)
    if args.pidfile:
        write_pidfile(args.pidfile, pids)

    if args.ignore_sigterm:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
    else:

        def on_signal(signum: int, frame: Any) -> None:
            stop.set()

        signal.signal(signal.SIGTERM, on_signal)
        signal.signal(signal.SIGINT, on_signal)

    if args.kill_self is not None:
        import resource  # only this mode needs it

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        sig = args.kill_self
        if sig not in (signal.SIGKILL, signal.SIGSTOP):
            signal.signal(sig, signal.SIG_DFL)  # no faulthandler, no Python handler
        timer = threading.Timer(args.after, os.kill, (os.getpid(), sig))
        timer.daemon = True
        timer.start()

    if args.exit_after is not None:

        def exit_now() -> None:
            if args.last_line is not None:
                out.line(args.last_line)
            out.flush()
            os._exit(args.exit_code)

        timer = threading.Timer(args.exit_after, exit_now)
        timer.daemon = True
        timer.start()

    if args.lines:
        emit_lines(out, args.lines)
    if args.invalid_utf8:
        emit_invalid_utf8(out)

    server = None
    if args.loading_mode == "503":
        server = start_server(args, state, out)
    if args.load_seconds > 0:
        out.line(f"loading model ({args.load_seconds:g} s)")
    if not stop.wait(args.load_seconds):
        if server is None:
            server = start_server(args, state, out)
        state.ready.set()
        ready = args.ready_line.replace("{host}", args.host).replace("{port}", str(args.port))
        out.line(ready)
        if args.flood:
            flood(out, args.flood)
        while not stop.wait(3600):
            pass

    out.line("shutting down")
    if args.term_delay > 0:
        time.sleep(args.term_delay)
    if server is not None:
        server.server_close()
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
