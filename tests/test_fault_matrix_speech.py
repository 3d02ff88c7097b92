"""Fault matrix, speech: a server that hangs up in the middle of an upload, a disk that
fills up before the recording or the transcript is saved, and a microphone that goes away
mid-recording. The tab keeps answering, says what happened and what to do, and the
recording and its text are not lost. See docs/fault-matrix.md (no PortAudio, no
microphone and silence are tested in test_transcribe_tab.py and test_virtual_mic.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import contextlib
import errno
import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.speech.recorder import DISCONNECTED
from panel.core.speech.wav import encode_wav
from tests.http_stub import stub_server
from tests.test_transcribe_tab import RATE, FakeSounddevice, drop, make_tab, sine

# Accepts, reads 64 KiB of the upload, and closes the connection (a proxy's limit, a
# crash): a process of its own, so the hang-up is a real one.
HANG_UP = textwrap.dedent(
    """
    import socket
    server = socket.create_server(("127.0.0.1", 0))
    print(server.getsockname()[1], flush=True)
    while True:
        conn, _ = server.accept()
        got = 0
        while got < 65536:
            data = conn.recv(65536 - got)
            if not data:
                break
            got += len(data)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\\1\\0\\0\\0\\0\\0\\0\\0")
        conn.close()  # with linger 0: a reset, as a crashed server gives
    """
)


def whisper_at(port: int, name: str = "whisper") -> ServerProfile:
    return ServerProfile(name, Engine.WHISPER_CPP, port=port, role=Role.TRANSCRIPTION)


def long_wav(path: Path, seconds: float) -> Path:
    path.write_bytes(encode_wav(sine(seconds), RATE))
    return path


def test_a_server_hanging_up_mid_upload_keeps_the_recording(qtbot: Any, tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", HANG_UP], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline())
        tab = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1)), [whisper_at(port, "far")])
        audio = long_wav(tmp_path / "meeting.wav", 120)  # 3.8 MB: far more than is read
        with qtbot.waitSignal(tab.transcription_finished, timeout=30_000):
            drop(tab, audio)
        message = tab.banner_text()
        assert message.startswith("far: "), message  # which server
        assert "closed the connection before it answered" in message, message  # what happened
        assert "The recording is kept; retry it below." in message  # what to do
        [entry] = tab.store.entries()
        assert entry.wav_path.read_bytes() == audio.read_bytes()  # nothing lost
        assert not tab.is_busy()
        tab.shutdown()
    finally:
        proc.kill()
        proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()


@contextlib.contextmanager
def tiny_disk(where: Path, size: str = "1m") -> Iterator[Path]:
    """A real, small tmpfs (root only); skipped where it cannot be mounted."""
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); run as root")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=True)


def fill(disk: Path) -> None:
    """Write until the disk is full."""
    with (disk / "filler").open("wb", buffering=0) as out:
        try:
            while True:
                out.write(b"\0" * 65536)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC


def transcript_reply(text: str, release: threading.Event) -> Any:
    body = json.dumps({"text": text}).encode()

    def reply(handler: BaseHTTPRequestHandler) -> None:
        release.wait(30)  # until the test has filled the disk
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return reply


def test_a_full_disk_when_saving_the_transcript_keeps_it_on_screen(
    qtbot: Any, tmp_path: Path
) -> None:
    release = threading.Event()
    said = "the words we must not lose 不要丢失"
    with (
        tiny_disk(tmp_path / "disk") as disk,
        stub_server({"/inference": transcript_reply(said, release)}) as stub,
    ):
        port = int(stub.url.rsplit(":", 1)[1])
        tab = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1)), [whisper_at(port)])
        tab.store.root = disk / "store"
        audio = long_wav(tmp_path / "note.wav", 2)
        try:
            drop(tab, audio)
            qtbot.waitUntil(lambda: tab.is_busy(), timeout=10_000)
            fill(disk)
        finally:
            with qtbot.waitSignal(tab.transcription_finished, timeout=30_000):
                release.set()
        message = tab.banner_text()
        assert "Could not save the transcript" in message and str(disk) in message
        assert "No space left on device" in message  # the cause
        assert "copy or export it, and free some space" in message  # the fix
        [card] = tab.results()
        assert said in card.text.text()  # on screen...
        card.copy_button.click()
        assert QGuiApplication.clipboard().text() == said  # ...and it can be taken away
        tab.shutdown()


def test_a_full_disk_before_the_recording_is_saved_says_so_and_leaves_no_debris(
    qtbot: Any, tmp_path: Path
) -> None:
    with tiny_disk(tmp_path / "disk", "256k") as disk, stub_server({}) as stub:
        port = int(stub.url.rsplit(":", 1)[1])
        tab = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1)), [whisper_at(port)])
        tab.store.root = disk / "store"
        tab.store.root.mkdir()
        fill(disk)
        drop(tab, long_wav(tmp_path / "memo.wav", 10))  # 320 KB: cannot fit
        qtbot.waitUntil(lambda: tab.banner_text() != "", timeout=10_000)
        message = tab.banner_text()
        assert "Could not save the recording" in message and "No space left" in message
        assert "Free some space there and try again" in message
        assert list(tab.store.root.iterdir()) == []  # no empty placeholder left behind
        assert stub.seen == [] and not tab.is_busy()
        tab.shutdown()


def test_a_microphone_lost_mid_recording_says_so_and_sends_what_was_recorded(
    qtbot: Any, tmp_path: Path
) -> None:
    release = threading.Event()
    with stub_server({"/inference": transcript_reply("what was said", release)}) as stub:
        port = int(stub.url.rsplit(":", 1)[1])
        sd = FakeSounddevice(sine(2), pace=0.03)  # 0.6 s of wall time: a real press
        tab = make_tab(qtbot, tmp_path, sd, [whisper_at(port)])
        try:
            qtbot.mousePress(tab.talk_button, Qt.MouseButton.LeftButton)
            assert tab.is_recording()
            qtbot.waitUntil(lambda: bool(sd.streams) and sd.stream.drained.is_set(), timeout=10_000)
            sd.stream.active = False  # PortAudio stopped the stream: the device went away
            qtbot.mouseRelease(tab.talk_button, Qt.MouseButton.LeftButton)
            assert DISCONNECTED in tab.banner_text()  # the cause, at once
            qtbot.waitUntil(lambda: tab.is_busy(), timeout=5000)  # and the 2 s are sent
            [entry] = tab.store.entries()
            assert entry.duration is not None and entry.duration >= 1.9
        finally:
            with qtbot.waitSignal(tab.transcription_finished, timeout=30_000):
                release.set()
        assert tab.results()[0].text.text() == "what was said"
        assert not tab.is_recording() and tab.talk_button.isEnabled()
        tab.shutdown()
