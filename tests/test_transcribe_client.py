"""TranscriptionClient against the real whisper-server (tiny.en) and the vLLM stand-in."""

from __future__ import annotations

import json
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from panel.core.servers.ports import pick_free_port
from panel.core.servers.supervisor import ServerProcess
from panel.core.speech.transcribe import (
    MAX_UPLOAD_BYTES,
    TranscriptionApi,
    TranscriptionClient,
    TranscriptionError,
)
from tests.conftest import EngineKit, whisper_profile
from tests.test_real_engines import JFK, words


def start_whisper(engines: EngineKit, *args: str) -> ServerProcess:
    server = ServerProcess(whisper_profile(engines, args=["-t", "4", *args]))
    server.start()
    if not server.wait_ready(60):
        server.stop_and_wait(30)
        pytest.fail(f"whisper-server did not become ready: {server.log.texts(20)}")
    return server


@pytest.fixture(scope="module")
def whisper(engines: EngineKit) -> Iterator[ServerProcess]:
    server = start_whisper(engines)
    yield server
    server.stop_and_wait(30)


@pytest.fixture(scope="module")
def whisper_openai_path(engines: EngineKit) -> Iterator[ServerProcess]:
    server = start_whisper(engines, "--inference-path", "/v1/audio/transcriptions")
    yield server
    server.stop_and_wait(30)


def jfk(engines: EngineKit) -> bytes:
    return Path(engines.model("jfk.wav")).read_bytes()


@pytest.mark.engines
def test_whisper_server_jfk(whisper: ServerProcess, engines: EngineKit) -> None:
    with TranscriptionClient(whisper.profile.base_url) as client:
        assert client.detect_api() is TranscriptionApi.WHISPER_CPP
        result = client.transcribe(jfk(engines), "jfk.wav", language="en")
    assert JFK in words(result.text)
    assert result.api is TranscriptionApi.WHISPER_CPP
    assert result.segments and result.segments[0].start == 0.0
    assert result.segments[-1].end > 6
    assert result.duration is not None and abs(result.duration - 11.0) < 0.1
    rtf = result.real_time_factor
    assert rtf is not None and 0 < rtf < 5
    assert result.language == "english"


@pytest.mark.engines
def test_whisper_server_plain_json_and_mp3(whisper: ServerProcess, engines: EngineKit) -> None:
    with TranscriptionClient(whisper.profile.base_url) as client:
        mp3 = Path(engines.model("jfk.mp3")).read_bytes()
        result = client.transcribe(mp3, "jfk.mp3", response_format="json")
    assert JFK in words(result.text) and result.segments == []


@pytest.mark.engines
def test_whisper_server_at_openai_path(
    whisper_openai_path: ServerProcess, engines: EngineKit
) -> None:
    url = whisper_openai_path.profile.base_url
    with TranscriptionClient(url, inference_path="/v1/audio/transcriptions") as client:
        assert client.detect_api() is TranscriptionApi.WHISPER_CPP
        result = client.transcribe(jfk(engines), "jfk.wav")
    assert JFK in words(result.text)


@pytest.mark.engines
def test_curl_command_does_the_same(whisper: ServerProcess, engines: EngineKit) -> None:
    with TranscriptionClient(whisper.profile.base_url) as client:
        command = client.curl_command(engines.model("jfk.wav"), response_format="json")
    assert command.startswith("curl ") and "file=@" in command
    done = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and JFK in words(json.loads(done.stdout)["text"])


@pytest.mark.engines
def test_not_audio_is_invalid(whisper: ServerProcess) -> None:
    with (
        TranscriptionClient(whisper.profile.base_url) as client,
        pytest.raises(TranscriptionError) as caught,
    ):
        client.transcribe(b"this is not audio at all" * 100, "notes.wav")
    assert caught.value.kind == "invalid" and caught.value.status == 400
    assert str(caught.value) == "the server could not read the audio (send WAV, MP3 or FLAC)"


def test_refused_port() -> None:
    url = f"http://127.0.0.1:{pick_free_port()}"
    with TranscriptionClient(url) as client, pytest.raises(TranscriptionError) as caught:
        client.transcribe(b"RIFF....", "a.wav")
    assert caught.value.kind == "refused"
    assert "cannot connect to 127.0.0.1" in str(caught.value)


def test_too_large_is_refused_before_sending() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"text": "x"})

    client = TranscriptionClient(
        "http://x", api=TranscriptionApi.OPENAI, transport=httpx.MockTransport(handler)
    )
    with client, pytest.raises(TranscriptionError) as caught:
        client.transcribe(bytes(26 * 1024 * 1024), "big.wav", model="m")
    assert caught.value.kind == "too-large" and "26.0 MB" in str(caught.value)
    assert sent == [] and MAX_UPLOAD_BYTES == 25 * 1024**2


def test_error_kinds_from_replies() -> None:
    replies = {
        "/a": httpx.Response(503, json={"error": {"message": "Loading model"}}),
        "/b": httpx.Response(400, json={"error": {"message": "Maximum file size exceeded"}}),
        "/c": httpx.Response(500, text="boom"),
        "/d": httpx.Response(200, text=""),
    }
    transport = httpx.MockTransport(lambda r: replies[r.url.path])
    for path, kind in [("/a", "loading"), ("/b", "too-large"), ("/c", "http"), ("/d", "empty")]:
        client = TranscriptionClient(
            "http://x", api=TranscriptionApi.WHISPER_CPP, inference_path=path, transport=transport
        )
        with client, pytest.raises(TranscriptionError) as caught:
            client.transcribe(b"RIFF", "a.wav")
        assert caught.value.kind == kind, path
    with pytest.raises(TranscriptionError) as caught:
        TranscriptionClient("http://x").transcribe(b"")
    assert caught.value.kind == "empty"


# -- the CLI ---------------------------------------------------------------------------------


@pytest.mark.engines
def test_cli_transcribe_text_and_srt(
    whisper: ServerProcess, engines: EngineKit, capsys: pytest.CaptureFixture[str]
) -> None:
    from panel.cli import main

    url = whisper.profile.base_url
    assert main(["transcribe", "--url", url, engines.model("jfk.wav")]) == 0
    out, err = capsys.readouterr()
    assert JFK in words(out) and "round trip" in err and "RTF" in err
    assert main(["transcribe", "--url", url, "--format", "srt", engines.model("jfk.wav")]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("1\n00:00:00,000 --> 00:00:06,880\n") and JFK in words(out)


def test_cli_transcribe_failures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from panel.cli import main

    url = f"http://127.0.0.1:{pick_free_port()}"
    audio = tmp_path / "a.wav"
    audio.write_bytes(b"RIFF")
    assert main(["transcribe", "--url", url, str(audio)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot connect" in err
    assert main(["transcribe", "--url", url, str(tmp_path / "missing.wav")]) == 1
    assert "cannot read" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["transcribe", str(audio)])  # no --url / --profile
