"""The SSE parser fed one long line without a newline, in network-sized chunks: seconds
and peak memory (tracemalloc). Before the fix (the buffer rebuilt on every chunk) a 60 MB
line took 16-22 s; now the time grows linearly and the line limit ends it.

    .venv/bin/python bench/sse_long_line.py [MB] [path/to/sse.py]

The optional path measures another version of the parser (e.g. the old one, from
``git show REV:panel/core/net/sse.py > /tmp/sse_old.py``).
"""

from __future__ import annotations

import importlib.util
import sys
import time
import tracemalloc
from types import ModuleType


def load(path: str | None) -> ModuleType:
    if path is None:
        from panel.core.net import sse

        return sse
    spec = importlib.util.spec_from_file_location("sse_under_test", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def main() -> None:
    mb = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    sse = load(sys.argv[2] if len(sys.argv) > 2 else None)
    chunk = b"data: " + b"x" * (64 * 1024 - 6)
    rest = b"x" * (64 * 1024)
    chunks = mb * 16
    parser = sse.SseParser()
    tracemalloc.start()
    started = time.perf_counter()
    outcome = "no error"
    try:
        parser.feed(chunk)
        for _ in range(chunks - 1):
            parser.feed(rest)
        parser.feed(b"\n\n")
    except ValueError as exc:
        outcome = f"{type(exc).__name__}: {exc}"
    took = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    print(f"{mb} MB line: {took:.2f} s, peak {peak / 1024**2:.0f} MB traced; {outcome}")


if __name__ == "__main__":
    main()
