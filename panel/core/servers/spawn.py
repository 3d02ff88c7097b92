"""Launching a server under the guard, and draining its output into lines.

The guard (:mod:`panel.core.servers.guard`) takes the server's whole tree down if the
panel dies, even by SIGKILL.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

from panel.core.engines import LaunchPlan
from panel.core.servers import guard
from panel.core.servers.logbuffer import LineSplitter

GUARD_SCRIPT = str(Path(guard.__file__).resolve())


def guard_argv(plan: LaunchPlan, stop_grace: float) -> list[str]:
    """The guard's command line, with the server's argv after ``--``."""
    options = ["--grace", f"{stop_grace:g}"]
    if plan.stop_command:
        options += ["--stop-cmd", json.dumps(list(plan.stop_command))]
    # -S: the guard needs only the stdlib and must start fast.
    prefix = (
        guard.command() if getattr(sys, "frozen", False) else [sys.executable, "-S", GUARD_SCRIPT]
    )
    return [*prefix, *options, "--", *plan.argv]


def spawn_guarded(argv: list[str], env: Mapping[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    """Start the guard with piped output; returns it and the lifeline's write end.

    The guard reads the lifeline as its stdin: when the write end closes (our exit, even
    by SIGKILL, or :func:`os.close` once the run is over) the guard kills the tree.
    """
    life_r, life_w = os.pipe()  # both close-on-exec; the guard gets life_r as stdin
    try:
        proc = subprocess.Popen(
            argv,
            stdin=life_r,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # the guard leads a new session and process group
            close_fds=True,
        )
    except BaseException:
        os.close(life_w)
        raise
    finally:
        os.close(life_r)
    return proc, life_w


def start_output_readers(
    proc: subprocess.Popen[bytes],
    deliver: Callable[[str, list[tuple[str, bool]]], None],
    name: str,
) -> list[threading.Thread]:
    """Drain the guard's stdout and stderr on a thread each, handing over whole lines.

    ``deliver(stream, entries)`` gets ``(text, is_progress_line)`` pairs, on those threads.
    """
    assert proc.stdout is not None and proc.stderr is not None
    threads = [
        threading.Thread(
            target=_read, args=("stdout", proc.stdout, deliver), daemon=True, name=f"log-out:{name}"
        ),
        threading.Thread(
            target=_read, args=("stderr", proc.stderr, deliver), daemon=True, name=f"log-err:{name}"
        ),
    ]
    for thread in threads:
        thread.start()
    return threads


def split_guard_notes(
    entries: list[tuple[str, bool]],
) -> tuple[list[str], list[tuple[str, bool]]]:
    """The guard's own lines (``guard.NOTE_PREFIX``, on the server's stderr), prefix off,
    and the server's lines."""
    if not any(text.startswith(guard.NOTE_PREFIX) for text, _ in entries):
        return [], entries
    notes = [
        text[len(guard.NOTE_PREFIX) :] for text, _ in entries if text.startswith(guard.NOTE_PREFIX)
    ]
    kept = [entry for entry in entries if not entry[0].startswith(guard.NOTE_PREFIX)]
    return notes, kept


def _read(
    stream: str, pipe: IO[bytes], deliver: Callable[[str, list[tuple[str, bool]]], None]
) -> None:
    splitter = LineSplitter()
    fd = pipe.fileno()
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        entries = splitter.feed(data)
        if entries:
            deliver(stream, entries)
    rest = splitter.flush()
    if rest:
        deliver(stream, rest)
    pipe.close()
