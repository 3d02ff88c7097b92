"""`transcribe` against servers that answer wrongly: a 200 that is not JSON, a 413 HTML
page, and files larger than vLLM's 25 MB cap (which whisper-server takes). The real CLI
in a subprocess, against small HTTP servers on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from panel.core.speech.transcribe import (
    MAX_UPLOAD_BYTES,
    TranscriptionApi,
    TranscriptionClient,
    TranscriptionError,
)
from tests.http_stub import answer, stub_server

HTML = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body>proxy</body></html>"
TRANSCRIPT = json.dumps({"text": " And so my fellow Americans", "segments": []}).encode()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel", "transcribe", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_line_failure(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    return done.stderr


@pytest.fixture
def wav(tmp_path: Path) -> Path:
    path = tmp_path / "a.wav"
    path.write_bytes(b"RIFF" + bytes(1000))
    return path


def big_file(tmp_path: Path, mb: int) -> Path:
    path = tmp_path / f"{mb}mb.wav"
    with path.open("wb") as f:
        f.truncate(mb * 1024 * 1024)
    return path


@pytest.mark.parametrize("fmt", ["text", "srt", "vtt", "json"])
def test_an_answer_that_is_not_json_is_an_error(wav: Path, fmt: str) -> None:
    with stub_server({"/inference": answer(200, "text/html; charset=utf-8", HTML)}) as server:
        done = cli("--url", server.url, "--api", "whisper.cpp", "--format", fmt, str(wav))
    err = one_line_failure(done)
    assert "the server's answer is not JSON (text/html; charset=utf-8" in err
    assert "<!DOCTYPE html><html><head><title>Welcome" in err


def test_a_plain_text_answer_where_text_was_asked_is_fine(wav: Path) -> None:
    with stub_server({"/inference": answer(200, "text/plain", b" plain words\n")}) as server:
        client = TranscriptionClient(server.url, api=TranscriptionApi.WHISPER_CPP)
        with client:
            result = client.transcribe(wav.read_bytes(), response_format="text")
    assert result.text == " plain words\n"
    with stub_server({"/inference": answer(200, "application/json", b"[1, 2]")}) as server:
        client = TranscriptionClient(server.url, api=TranscriptionApi.WHISPER_CPP)
        with client, pytest.raises(TranscriptionError) as caught:
            client.transcribe(wav.read_bytes(), response_format="json")
    assert caught.value.kind == "malformed" and "'[1, 2]'" in str(caught.value)


def test_413_says_too_large_without_the_html_page(wav: Path) -> None:
    page = b"<html><head><title>413 Request Entity Too Large</title></head><body>nginx</body>"
    with stub_server({"/inference": answer(413, "text/html", page)}) as server:
        done = cli("--url", server.url, "--api", "whisper.cpp", str(wav))
    err = one_line_failure(done)
    assert "the server refused the upload as too large (413)" in err
    assert "split the file or raise the server's limit" in err
    assert "<" not in err and "nginx" not in err


def test_whisper_server_takes_more_than_25_mb(tmp_path: Path) -> None:
    audio = big_file(tmp_path, 30)
    with stub_server({"/inference": answer(200, "application/json", TRANSCRIPT)}) as server:
        done = cli("--url", server.url, str(audio))  # detected: /v1/models is a 404
        assert done.returncode == 0, done.stderr
        assert "And so my fellow Americans" in done.stdout
        posts = [size for method, _, size in server.seen if method == "POST"]
        assert posts and posts[0] > 30 * 1024**2


def test_openai_style_cap_hint_and_override(tmp_path: Path) -> None:
    audio = big_file(tmp_path, 30)
    routes = {"/v1/audio/transcriptions": answer(200, "application/json", TRANSCRIPT)}
    with stub_server(routes) as server:
        args = ("--url", server.url, "--api", "openai", "--model", "m")
        err = one_line_failure(cli(*args, str(audio)))
        assert "the audio is 30.0 MB; OpenAI-style servers (vLLM) take at most 25 MB" in err
        assert "split the file or raise the server's limit" in err
        assert "--max-upload-mb" in err and "record a shorter piece" not in err
        assert server.seen == []  # refused before sending
        done = cli(*args, "--max-upload-mb", "40", str(audio))
        assert done.returncode == 0, done.stderr
        assert [p for m, p, _ in server.seen] == ["/v1/audio/transcriptions"]
        err = one_line_failure(cli(*args, "--max-upload-mb", "10", str(big_file(tmp_path, 11))))
        assert "the limit given is 10 MB" in err
    assert MAX_UPLOAD_BYTES == 25 * 1024**2


def test_max_upload_mb_must_be_positive(wav: Path) -> None:
    done = cli("--url", "http://127.0.0.1:9", "--max-upload-mb", "0", str(wav))
    assert done.returncode == 2 and "must be more than 0" in done.stderr
