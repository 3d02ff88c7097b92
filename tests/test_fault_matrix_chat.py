"""Fault matrix, chat: a real server process that misbehaves (crashes mid-answer, never
answers, sends broken SSE, an HTML page, a 413) or is not there at all, and pictures that
cannot be sent. The tab stays usable, the banner names the cause and the next step, and
nothing typed is lost. See docs/fault-matrix.md."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import struct
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from panel.core.chat.image_prep import MAX_DECODE_PIXELS, ImageError, prepare_image
from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.servers.ports import pick_free_port
from panel.ui.chat.tab import ChatTab
from tests.conftest import ROOT
from tests.http_stub import stub_server
from tests.test_chat_tab import drop_files

# One chat server per mode, in a process of its own (stdlib only: it starts fast).
ODD_SERVER = textwrap.dedent(
    """
    import json, os, sys, time
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    MODE = sys.argv[1]

    class H(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def send(self, status, ctype, body):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def stream(self, data):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
            self.close_connection = True

        def do_GET(self):
            if self.path == "/props":
                self.send(200, "application/json", b'{"modalities": {"vision": false}}')
            elif self.path == "/v1/models":
                self.send(200, "application/json", b'{"data": [{"id": "odd"}]}')
            else:
                self.send(200, "application/json", b'{"status": "ok"}')

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if MODE == "hang":  # accepted, read, and never a byte back
                time.sleep(3600)
            elif MODE == "html":
                self.send(502, "text/html", b"<html><head><title>502 Bad Gateway</title>"
                          b"</head><body><center>nginx</center></body></html>")
            elif MODE == "413":
                self.send(413, "text/html", b"<html><head><title>413 Request Entity Too "
                          b"Large</title></head><body>nginx</body></html>")
            elif MODE == "malformed":
                self.stream(b'data: {"choices": [{"delta": {"content": "Hel\\n\\n'
                            b'data: {not json at all\\n\\n')
            elif MODE == "crash":
                piece = {"choices": [{"delta": {"content": "partial words "}}]}
                self.stream(("data: " + json.dumps(piece) + "\\n\\n").encode() * 3)
                time.sleep(0.2)
                os._exit(1)  # the engine died (a segfault, the OOM killer...)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
    httpd.daemon_threads = True
    print(httpd.server_address[1], flush=True)
    httpd.serve_forever()
    """
)


def chat_profile(port: int) -> ServerProfile:
    return ServerProfile("odd 服务器", Engine.LLAMA_CPP, model="/m/odd.gguf", port=port,
                         role=Role.CHAT)  # fmt: skip


@pytest.fixture
def odd_server(tmp_path: Path) -> Iterator[Any]:
    """``odd_server(mode)`` starts the misbehaving server and returns (process, profile)."""
    script = tmp_path / "odd_server.py"
    script.write_text(ODD_SERVER)
    started: list[subprocess.Popen[str]] = []

    def start(mode: str) -> tuple[subprocess.Popen[str], ServerProfile]:
        proc = subprocess.Popen(
            [sys.executable, str(script), mode], stdout=subprocess.PIPE, text=True
        )
        started.append(proc)
        assert proc.stdout is not None
        return proc, chat_profile(int(proc.stdout.readline()))

    yield start
    for proc in started:
        proc.kill()
        proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()


def type_and_send(qtbot: Any, tab: ChatTab, text: str) -> None:
    tab.prompt.clear()
    qtbot.keyClicks(tab.prompt, text)
    qtbot.keyClick(tab.prompt, Qt.Key.Key_Return)


def assert_usable_and_kept(tab: ChatTab, typed: str) -> None:
    """After a failure: not streaming, Send works again, the typed prompt is still there."""
    assert not tab.is_streaming()
    assert tab.send_button.isEnabled() and not tab.prompt.isReadOnly()
    assert tab.prompt.toPlainText() == typed
    assert "Traceback" not in tab.banner_text()


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        # the cause, and what to do about it (or what the server said, readably)
        ("html", ["502", "Bad Gateway"]),
        ("413", ["413", "Request Entity Too Large"]),
        ("malformed", ["not"]),
        ("crash", ["127.0.0.1", "middle of the answer", "log", "retry"]),
    ],
)
def test_a_misbehaving_server_is_a_sentence_and_the_prompt_stays(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, odd_server: Any, mode: str, words: list[str]
) -> None:
    _proc, profile = odd_server(mode)
    tab.set_targets([profile])
    typed = f"Describe the {mode} case"
    with qtbot.waitSignal(tab.answer_finished, timeout=20_000):
        type_and_send(qtbot, tab, typed)
    message = tab.banner_text()
    assert message, "no message for the user"
    for word in words:
        assert word.lower() in message.lower(), message
    assert "<html" not in message.lower() and "<title" not in message.lower()
    assert_usable_and_kept(tab, typed)


def test_a_refused_connection_says_the_server_is_not_running(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab
) -> None:
    tab.set_targets([chat_profile(pick_free_port())])
    typed = "Is anyone there?"
    with qtbot.waitSignal(tab.answer_finished, timeout=20_000):
        type_and_send(qtbot, tab, typed)
    message = tab.banner_text().lower()
    assert "refused" in message or "not running" in message, message
    assert "start" in message, message  # the fix: start the server
    assert_usable_and_kept(tab, typed)


def test_a_server_that_never_answers_is_stopped_by_stop(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, odd_server: Any
) -> None:
    """The request timeout itself is the CLI's --timeout (test_ask_cli) and the client's
    read timeout (test_chat_client::test_read_timeout); in the window, Stop is the way out."""
    proc, profile = odd_server("hang")
    tab.set_targets([profile])
    typed = "Hello?"
    type_and_send(qtbot, tab, typed)
    qtbot.waitUntil(lambda: tab.is_streaming() and tab.stop_button.isEnabled(), timeout=5000)
    # The window still answers while the request hangs: typing into another field works.
    qtbot.keyClicks(tab.system_prompt, "still here")
    assert tab.system_prompt.toPlainText().endswith("still here")
    with qtbot.waitSignal(tab.answer_finished, timeout=5000):
        qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    assert_usable_and_kept(tab, typed)
    assert proc.poll() is None  # Stop cut our request, not the server


# -- pictures -------------------------------------------------------------------------------


def huge_png(width: int, height: int) -> bytes:
    """A real PNG of width×height black pixels, built row by row: a few hundred KB on disk,
    hundreds of MB once decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    packer = zlib.compressobj(9)
    row = b"\0" * (1 + 3 * width)
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


MEASURE = """
import sys
from pathlib import Path
from panel.core.chat.image_prep import ImageError, prepare_image
try:
    got = prepare_image(Path(sys.argv[1]).read_bytes())
    print("OK", got.width, got.height, got.mime)
except ImageError as exc:
    print("REFUSED", exc)
# VmHWM, not ru_maxrss: that one keeps the peak of the (big) pytest process we forked from.
peak = [l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith("VmHWM")]
print("PEAK_MB", int(peak[0].split()[1]) // 1024)
"""


def measured(path: Path) -> tuple[str, int]:
    """prepare_image in a fresh process (with warnings as errors): its answer and peak RSS."""
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", MEASURE, str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and not done.stderr, done.stderr  # no raw Pillow warning
    *answer, peak = done.stdout.strip().splitlines()
    return "\n".join(answer), int(peak.split()[1])


def test_a_100_megapixel_png_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(huge_png(10_000, 10_000))
    answer, peak_mb = measured(path)
    assert answer.startswith("REFUSED"), answer
    assert "10000×10000" in answer and "100 megapixels" in answer  # the cause
    assert "shrink it" in answer  # the fix
    assert peak_mb < 150, f"{peak_mb} MB to refuse it (842 MB before the fix)"


def test_a_100_megapixel_jpeg_is_downscaled_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "panorama.jpg"
    Image.new("L", (10_000, 10_000), 128).save(path, "JPEG")
    answer, peak_mb = measured(path)
    assert answer == "OK 1536 1536 image/jpeg", answer
    assert peak_mb < 150, f"{peak_mb} MB to prepare it"


def test_pillows_own_bomb_limit_is_a_sentence_too() -> None:
    """Past Pillow's hard limit (2 × 89 MP) Image.open itself refuses."""
    with pytest.raises(ImageError, match=r"too large to open safely.*shrink it"):
        prepare_image(huge_png(14_000, 14_000))
    assert MAX_DECODE_PIXELS < 89_478_485  # ours bites first, below Pillow's warning


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("scan.png", None, ["scan.png", "100 megapixels", "shrink it"]),
        ("notes.png", b"this is a text file", ["notes.png", "not an image", "attach a PNG"]),
        ("empty.jpg", b"", ["empty.jpg", "empty", "again"]),
    ],
)
def test_a_picture_that_cannot_be_sent_keeps_the_prompt_and_other_pictures(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, tmp_path: Path, name: str, content: bytes | None, words: list[str]
) -> None:
    good = tmp_path / "good.png"
    Image.new("RGB", (64, 48), "green").save(good)
    bad = tmp_path / name
    bad.write_bytes(huge_png(10_000, 10_000) if content is None else content)
    tab.prompt.clear()
    qtbot.keyClicks(tab.prompt, "What is in these?")
    drop_files(tab.strip, good, bad)
    qtbot.waitUntil(lambda: tab.banner_text() != "" and tab.pending_images() == 0, timeout=20_000)
    message = tab.banner_text()
    for word in words:
        assert word in message, message
    assert "Traceback" not in message and "DecompressionBomb" not in message
    assert [a.label for a in tab.attachments()] == ["good.png"]
    assert tab.prompt.toPlainText() == "What is in these?"


# -- ask: an answer bigger than memory should hold ------------------------------------------

ASK_WITH_PEAK = """
import runpy, sys
from pathlib import Path
sys.argv = ["inference-panel", *sys.argv[1:]]
try:
    runpy.run_module("panel", run_name="__main__")
finally:
    peak = [l for l in Path("/proc/self/status").read_text().splitlines() if "VmHWM" in l]
    sys.stderr.write(f"\\nPEAK_MB {int(peak[0].split()[1]) // 1024}\\n")
"""


def test_ask_streams_a_200_mb_answer_to_stdout_without_keeping_it(tmp_path: Path) -> None:
    """The issue measured 646 MB for a 300 MB answer: the whole text was kept."""
    piece = "x" * (1 << 16)
    count = 200 * 16  # 200 MB
    event = f"data: {json.dumps({'choices': [{'delta': {'content': piece}}]})}\n\n".encode()

    def endless(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.end_headers()
        for _ in range(count):
            handler.wfile.write(event)
        handler.wfile.write(b'data: {"choices": [{"delta": {}, "finish_reason": "stop"}]}\n\n')
        handler.wfile.write(b"data: [DONE]\n\n")
        handler.close_connection = True

    answer = tmp_path / "answer.txt"
    with stub_server({"/v1/chat/completions": endless}) as stub, answer.open("wb") as out:
        done = subprocess.run(
            [sys.executable, "-c", ASK_WITH_PEAK, "ask", "--url", stub.url, "Talk a lot."],
            stdout=out, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120, check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert answer.stat().st_size == count * len(piece) + 1  # every byte, and a newline
    peak_mb = int(done.stderr.rsplit("PEAK_MB", 1)[1])
    assert peak_mb < 120, f"ask peaked at {peak_mb} MB for a 200 MB answer"
