"""serve's stdout from several threads under ``python -u`` (panel/cli/whole_writes.py).

The stream is built as the interpreter builds stdout under PYTHONUNBUFFERED: a text layer
straight over the file (write-through, no buffered layer, so no lock of its own). Four
threads write 256 KiB pieces of Chinese text to a pipe at once; every piece must arrive
whole. Written with ``out.write`` directly instead, pieces come out cut mid-character
(as CI saw in test_serve_faults: a note inside a flood line).
"""

from __future__ import annotations

import contextlib
import io
import itertools
import os
import threading

from panel.cli.whole_writes import WholeWrites

THREADS = 4
PIECES = 20
# Four times a pipe's 64 KiB: a write blocks part way while the reader catches up, and
# without a lock another thread's write goes on in that gap.
PIECE_BYTES = 256 * 1024


def piece(thread: int, n: int) -> str:
    line = f"{thread}:{n:03d} 解释图像 the quick brown fox\n"
    return line * (PIECE_BYTES // len(line.encode()))


def test_pieces_from_four_threads_arrive_whole_on_an_unbuffered_pipe() -> None:
    read_end, write_end = os.pipe()
    out = io.TextIOWrapper(io.FileIO(write_end, "w"), encoding="utf-8", write_through=True)
    writer = WholeWrites(out)
    received = bytearray()
    reader = threading.Thread(target=lambda: received.extend(_read_all(read_end)))
    reader.start()
    start = threading.Barrier(THREADS)

    def send(thread: int) -> None:
        start.wait()
        for n in range(PIECES):
            assert writer.write(piece(thread, n))

    senders = [threading.Thread(target=send, args=(t,)) for t in range(THREADS)]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join(60)
    out.close()
    reader.join(60)
    text = received.decode("utf-8")  # strict: a cut character fails here
    lines = text.splitlines(keepends=True)
    # Each piece is one line repeated: whole pieces are runs, one run a piece, all of it.
    runs = [(line, len(list(group))) for line, group in itertools.groupby(lines)]
    expected = {piece(t, n).splitlines(keepends=True)[0]: piece(t, n).count("\n")
                for t in range(THREADS) for n in range(PIECES)}  # fmt: skip
    assert len(runs) == len(expected) and dict(runs) == expected


def test_a_closed_pipe_is_said_once_and_ends_the_writes() -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    raw = io.FileIO(write_end, "w", closefd=False)
    out = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)
    writer = WholeWrites(out)
    assert not writer.write("x" * 100_000)
    assert isinstance(writer.error, BrokenPipeError)
    assert not writer.write("more")  # nothing more is tried
    with contextlib.suppress(BrokenPipeError):
        out.close()  # its last flush fails again; it is closed all the same
    os.close(write_end)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 4096):
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks)
