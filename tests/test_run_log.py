"""The run log: every line of every run on disk, in order, bounded and rotated per profile.
Real servers (tests/fakes/script_server.py, or a Python child) through the supervisor."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

from panel.core.servers import server_process
from panel.core.servers.logbuffer import LineSplitter
from panel.core.servers.run_log import (
    NOTE_PREFIX,
    RUN_LOG_BYTES,
    RUN_LOG_FILES,
    RunLog,
    count_in_files,
    profile_log_dir,
)
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import wait_until
from tests.test_supervisor import launch, scripted

__all__ = ["launch"]  # the fixture, used by name below

FLOOD_LINE = "flood {i:08d} the quick brown fox 解释图像 jumps over the lazy dog"


def run_files(name: str) -> list[Path]:
    return sorted(profile_log_dir(name).glob("*.log"))


def flood_run(launch, n: int, name: str = "flooder") -> ServerProcess:  # type: ignore[no-untyped-def]
    server: ServerProcess = launch(scripted("--flood", str(n), name=name))
    server.start()
    assert server.wait_ready(20)
    wait_until(lambda: f"flood done {n}" in server.log.texts(5), what="the flood's end")
    server.stop_and_wait(20)
    return server


def test_a_flood_lands_in_the_file_whole_and_in_order(launch) -> None:  # type: ignore[no-untyped-def]
    n = 200_000
    server = flood_run(launch, n)
    [path] = run_files("flooder")
    assert server.log.run_log is not None and server.log.run_log.path == path
    raw = path.read_bytes()
    lines = raw.decode().split("\n")
    flood = [line for line in lines if line.startswith("flood ")]
    assert flood == [FLOOD_LINE.format(i=i) for i in range(n)] + [f"flood done {n}"]
    # The panel's own story is there too: the command line first, how it ended last.
    assert lines[0].startswith(NOTE_PREFIX + "$ ") and "script_server.py" in lines[0]
    assert lines[-2].startswith(NOTE_PREFIX + "stopped") and lines[-1] == ""
    # The buffer in memory kept only its newest lines; the file lost none.
    assert len(server.log) < n


def test_each_run_gets_its_own_file_and_a_profile_keeps_three(launch) -> None:  # type: ignore[no-untyped-def]
    server: ServerProcess = launch(scripted("--lines", "2", name="runs"))
    made: list[Path] = []
    for _ in range(RUN_LOG_FILES + 2):
        server.start()
        assert server.wait_ready(20)
        server.stop_and_wait(20)
        assert server.log.run_log is not None
        made.append(server.log.run_log.path)
    assert len(set(made)) == len(made)  # a file per run
    assert run_files("runs") == made[-RUN_LOG_FILES:]  # the oldest runs went
    assert "log line 2" in made[-1].read_text()


def test_rotation_keeps_the_bound_and_the_newest_lines(  # type: ignore[no-untyped-def]
    launch, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = 256 * 1024
    monkeypatch.setattr(server_process, "RunLog", functools.partial(RunLog, max_bytes=limit))
    old = launch(scripted("--lines", "3", name="rotating"))
    old.start()
    assert old.wait_ready(20)
    old.stop_and_wait(20)
    n = 30_000  # about 2 MiB: eight parts of 256 KiB
    server = flood_run(launch, n, name="rotating")

    files = run_files("rotating")
    assert len(files) == RUN_LOG_FILES  # the old run and the oldest parts went
    assert all(path.stat().st_size <= limit + 2**20 for path in files)  # one read over, at most
    run_log = server.log.run_log
    assert run_log is not None and run_log.rotated and run_log.paths() == files
    kept = b"".join(path.read_bytes() for path in files).decode()
    flood = [line for line in kept.split("\n") if line.startswith("flood ")]
    # What is kept is the run's newest lines, with no hole: the end of the flood.
    assert flood[-1] == f"flood done {n}"
    first = int(flood[0].split()[1])
    assert flood[:-1] == [FLOOD_LINE.format(i=i) for i in range(first, n)]
    assert first > 0 and kept.rstrip("\n").split("\n")[-1].startswith(NOTE_PREFIX + "stopped")


CHILD = r"""
import os, sys
os.write(1, b"ok \xff\xfe end\n")
os.write(2, b"err \xc3(\n")
big = b"y" * (10 * 2**20)
os.write(1, b"start-" + big)  # 10 MiB without a newline, then the process ends
"""


def test_invalid_utf8_and_a_10_mib_line_without_newline_survive(launch) -> None:  # type: ignore[no-untyped-def]
    server: ServerProcess = launch(
        scripted(name="raw", executable=sys.executable, args=["-c", CHILD], ready_timeout=5.0)
    )
    server.start()
    outcome = server.wait(30)
    assert outcome is not None  # it ended by itself
    [path] = run_files("raw")
    raw = path.read_bytes()
    assert b"ok \xff\xfe end\n" in raw  # the bytes as printed, not a replacement
    assert b"err \xc3(\n" in raw
    start = raw.index(b"start-y")  # not the command line, which quotes the code
    assert raw[start : start + 6 + 10 * 2**20 + 1] == b"start-" + b"y" * (10 * 2**20) + b"\n"
    # In memory: replaced characters, and the endless line cut into pieces, not hoarded.
    texts = server.log.texts(1000)
    assert "ok \ufffd\ufffd end" in texts
    assert max(len(t) for t in texts) == LineSplitter.MAX_LINE


def test_a_disk_error_is_said_once_and_stops_only_the_file(  # type: ignore[no-untyped-def]
    launch, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the logs folder should be")
    monkeypatch.setattr(server_process, "profile_log_dir", lambda name: blocked / name)
    server: ServerProcess = launch(scripted("--lines", "3", name="nodisk"))
    server.start()
    assert server.wait_ready(20)
    server.stop_and_wait(20)
    texts = server.log.texts(100)
    errors = [t for t in texts if t.startswith("cannot write the run log")]
    assert len(errors) == 1 and str(blocked) in errors[0]
    assert any(t.startswith("log line 3") for t in texts)  # the server ran, read as usual


def test_count_in_files_matches_across_chunks_and_case(tmp_path: Path) -> None:
    path = tmp_path / "a.log"
    # A match straddling the 1 MiB read boundary, and one in another case.
    path.write_bytes(b"x" * (2**20 - 3) + b"NeedLE\n" + b"needle \xff\n")
    assert count_in_files([path, tmp_path / "gone.log"], "needle") == 2
    assert count_in_files([path], "") == 0


def test_defaults_are_as_documented() -> None:
    assert (RUN_LOG_BYTES, RUN_LOG_FILES) == (50 * 2**20, 3)
