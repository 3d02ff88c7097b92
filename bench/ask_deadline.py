"""How long `ask --timeout 5` waits on a server that sends only keep-alive comments, one
every 2 s for 30 s. Before the whole-answer deadline it waited the full 30.3 s (each
read came in time); now about 5.3 s.

    .venv/bin/python bench/ask_deadline.py [TREE]

TREE: the checkout whose `python -m panel` to run (default: this one), e.g. a
``git worktree`` of an older commit for comparison.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.http_stub import stub_server  # noqa: E402


def main() -> None:
    tree = sys.argv[1] if len(sys.argv) > 1 else str(ROOT)
    stop = threading.Event()

    def keep_alives(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.end_headers()
        with contextlib.suppress(OSError):
            for _ in range(15):
                if stop.wait(2):
                    return
                handler.wfile.write(b": keep-alive\n\n")
                handler.wfile.flush()

    with stub_server({"/v1/chat/completions": keep_alives}) as server:
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "panel", "ask", "--url", server.url, "--timeout", "5", "hi"],
            cwd=tree,
            capture_output=True,
            text=True,
            check=False,
        )
        took = time.monotonic() - started
        stop.set()
    print(f"ask --timeout 5: {took:.1f} s, exit {done.returncode}: {done.stderr.strip()}")


if __name__ == "__main__":
    main()
