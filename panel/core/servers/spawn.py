"""Launching a server under the guard, and draining its output into lines.

The guard (:mod:`panel.core.servers.guard`) takes the server's whole tree down if the
panel dies, even by SIGKILL.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO

from panel.core.engines import LaunchPlan
from panel.core.i18n import translate
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


Deliver = Callable[[str, list[str], "list[bool] | None"], None]
Sink = Callable[[str, bytes], None]
PIPE_BYTES = 2**20  # the pipes' capacity, where Linux lets us raise it (default 64 KiB)
READ_BYTES = 2**20


def start_output_readers(
    proc: subprocess.Popen[bytes], deliver: Deliver, name: str, sink: Sink | None = None
) -> list[threading.Thread]:
    """Drain the guard's stdout and stderr on a thread each, handing over whole lines.

    ``sink(stream, data)`` gets every byte read first (the run log; ``b""`` at the
    end), then
    ``deliver(stream, texts, progress_flags)`` the complete lines (flags None: no progress
    line among them), both on those threads.
    """
    assert proc.stdout is not None and proc.stderr is not None
    threads = [
        threading.Thread(
            target=_read,
            args=("stdout", proc.stdout, deliver, sink),
            daemon=True,
            name=f"log-out:{name}",
        ),
        threading.Thread(
            target=_read,
            args=("stderr", proc.stderr, deliver, sink),
            daemon=True,
            name=f"log-err:{name}",
        ),
    ]
    for thread in threads:
        thread.start()
    return threads


def split_guard_notes(
    texts: list[str], flags: list[bool] | None
) -> tuple[list[str], list[str], list[bool] | None]:
    """The guard's own lines (``guard.NOTE_PREFIX``, on the server's stderr), prefix off,
    and the server's lines with their progress flags."""
    prefix = guard.NOTE_PREFIX
    # map() over a builtin method: the check runs in C, not a Python loop per line.
    if not any(map(str.startswith, texts, itertools.repeat(prefix))):
        return [], texts, flags
    notes = [_worded(text[len(prefix) :]) for text in texts if text.startswith(prefix)]
    keep = [not text.startswith(prefix) for text in texts]
    kept = list(itertools.compress(texts, keep))
    kept_flags = None if flags is None else list(itertools.compress(flags, keep))
    return notes, kept, kept_flags


def _worded(note: str) -> str:
    """A guard's note in the user's language (the guard itself writes English)."""
    if note.startswith(guard.LEFT_BEHIND):
        text = translate(
            "ServerNotes", "the server's main process ended; stopping what it left behind: {names}"
        )
        return text.format(names=note[len(guard.LEFT_BEHIND) :])
    return note


def _read(stream: str, pipe: IO[bytes], deliver: Deliver, sink: Sink | None) -> None:
    """Read big chunks and turn each into one delivery.

    Why this shape: the GUI thread waits whenever a reader holds the GIL. ``os.read`` and
    the file write let go of it; decoding and ``str.split`` hold it but run in C; what is
    left per chunk is O(1) Python (see :class:`~panel.core.servers.logbuffer.LineChunk`).
    A 1 MiB pipe lets a flood arrive in chunks of up to 1 MiB: one GIL hand-over per
    ~15,000 lines instead of per ~1,000. Not a reader process: the lines must still
    reach this one (the view, the progress parser, ``serve``'s printing) and be decoded
    here, so it would add a copy without removing one; bench/log_firehose.py measures
    the stall this leaves.
    """
    splitter = LineSplitter()
    fd = pipe.fileno()
    with contextlib.suppress(OSError, AttributeError):  # Linux only, and may be capped
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    while True:
        try:
            data = os.read(fd, READ_BYTES)
        except OSError:
            break
        if not data:
            break
        if sink is not None:
            sink(stream, data)
        texts, flags = splitter.feed_texts(data)
        if texts:
            deliver(stream, texts, flags)
    if sink is not None:
        sink(stream, b"")  # the end: the run log writes the last line without a newline
    rest = splitter.flush()
    if rest:
        flags = [progress for _, progress in rest]
        deliver(stream, [text for text, _ in rest], flags if any(flags) else None)
    pipe.close()
