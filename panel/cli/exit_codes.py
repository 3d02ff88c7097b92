"""The exit codes every command returns, and the one-line error most of them print."""

from __future__ import annotations

import sys

EXIT_OK = 0
EXIT_FAILED = 1  # the server crashed, or could not start
EXIT_USAGE = 2
EXIT_CONFIG = 3
EXIT_OUTPUT_LOST = 74  # sysexits' EX_IOERR: serve's stdout failed (a closed pipe, a full disk)
EXIT_READY_TIMEOUT = 124  # as timeout(1): serve's server was not ready in time, so stopped


def fail(reason: object) -> int:
    """Print ``inference-panel: REASON`` to stderr; the command failed."""
    print(f"inference-panel: {reason}", file=sys.stderr)
    return EXIT_FAILED
