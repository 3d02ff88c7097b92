"""Which route the audio goes to when nobody said: ``/inference`` or
``/v1/audio/transcriptions``, found against the real whisper-server and remembered per URL."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from panel.core.config.profiles import Engine
from panel.core.servers.ports import pick_free_port
from panel.core.servers.supervisor import ServerProcess
from panel.core.speech.request import Options, Request, send, target_for
from panel.core.speech.transcribe import (
    KNOWN_ROUTES,
    TranscriptionApi,
    TranscriptionClient,
    TranscriptionError,
)
from tests.conftest import EngineKit
from tests.test_real_engines import JFK, words
from tests.test_transcribe_client import jfk, start_whisper

OPENAI_PATH = "/v1/audio/transcriptions"


class Counting(httpx.BaseTransport):
    """The real network, with every request's method, path and status written down."""

    def __init__(self) -> None:
        self.real = httpx.HTTPTransport()
        self.seen: list[tuple[str, str, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        reply = self.real.handle_request(request)
        self.seen.append((request.method, request.url.path, reply.status_code))
        return reply

    def posts(self) -> list[tuple[str, int]]:
        seen = [(path, status) for method, path, status in self.seen if method == "POST"]
        self.seen.clear()
        return seen

    def close(self) -> None:
        self.real.close()


@pytest.fixture(scope="module")
def whisper(engines: EngineKit) -> Iterator[ServerProcess]:
    server = start_whisper(engines)
    yield server
    server.stop_and_wait(30)


@pytest.fixture(scope="module")
def whisper_openai_path(engines: EngineKit) -> Iterator[ServerProcess]:
    server = start_whisper(engines, "--inference-path", OPENAI_PATH)
    yield server
    server.stop_and_wait(30)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.engines
def test_cli_finds_the_openai_path(whisper_openai_path: ServerProcess, engines: EngineKit) -> None:
    done = cli(
        "transcribe", "--url", whisper_openai_path.profile.base_url, engines.model("jfk.wav")
    )
    assert done.returncode == 0, done.stderr
    assert JFK in words(done.stdout) and "not found" not in done.stderr
    assert "(whisper.cpp)" in done.stderr


@pytest.mark.engines
def test_cli_still_finds_inference(whisper: ServerProcess, engines: EngineKit) -> None:
    done = cli("transcribe", "--url", whisper.profile.base_url, engines.model("jfk.wav"))
    assert done.returncode == 0, done.stderr
    assert JFK in words(done.stdout)


@pytest.mark.engines
def test_cli_given_path_is_not_second_guessed(whisper: ServerProcess, engines: EngineKit) -> None:
    url = whisper.profile.base_url
    done = cli(
        "transcribe", "--url", url, "--inference-path", OPENAI_PATH, engines.model("jfk.wav")
    )
    assert done.returncode == 1
    assert f"{OPENAI_PATH} not found on 127.0.0.1" in done.stderr
    assert done.stderr.count("\n") == 1


@pytest.mark.engines
def test_found_route_is_remembered(whisper_openai_path: ServerProcess, engines: EngineKit) -> None:
    url = whisper_openai_path.profile.base_url
    transport = Counting()
    with TranscriptionClient(url, transport=transport) as client:
        assert client.routes() == ["/inference", OPENAI_PATH]
        first = client.transcribe(jfk(engines), "jfk.wav", response_format="json")
        assert transport.posts() == [("/inference", 404), (OPENAI_PATH, 200)]
        assert JFK in words(first.text) and first.api is TranscriptionApi.WHISPER_CPP
        client.transcribe(jfk(engines), "jfk.wav", response_format="json")
        assert transport.posts() == [(OPENAI_PATH, 200)]
    # A new client for the same URL (the tab makes one per request) knows it too.
    with TranscriptionClient(url, transport=transport) as again:
        again.transcribe(jfk(engines), "jfk.wav", response_format="json")
        assert transport.posts() == [(OPENAI_PATH, 200)]
        assert OPENAI_PATH in again.curl_command("jfk.wav")
    assert KNOWN_ROUTES.get(url + "/") == OPENAI_PATH


@pytest.mark.engines
def test_tab_request_to_a_custom_whisper_server(whisper: ServerProcess, engines: EngineKit) -> None:
    # A whisper-server run as a custom profile: the tab assumes the OpenAI shape.
    target = target_for(dataclasses.replace(whisper.profile, engine=Engine.CUSTOM))
    assert target.api is TranscriptionApi.OPENAI and target.inference_path is None
    request = Request("e1", target, Options(response_format="json"), None, Path("jfk.wav"))
    transport = Counting()
    assert JFK in words(send(request, jfk(engines), transport=transport).text)
    assert transport.posts() == [(OPENAI_PATH, 404), ("/inference", 200)]
    assert JFK in words(send(request, jfk(engines), transport=transport).text)
    assert transport.posts() == [("/inference", 200)]


# -- what stops the search (no server needed) ---------------------------------------------


def fresh_url() -> str:
    return f"http://127.0.0.1:{pick_free_port()}"


def scripted(answers: dict[str, httpx.Response], seen: list[str]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path == "/v1/models":
            return httpx.Response(404, text="File Not Found (/v1/models)")
        return answers.get(request.url.path, httpx.Response(404, text="File Not Found"))

    return httpx.MockTransport(handler)


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        (httpx.Response(401, json={"error": {"message": "Invalid API Key"}}), "http"),
        (httpx.Response(500, text="boom"), "http"),
        (httpx.Response(503, text="Loading model"), "loading"),
        (httpx.Response(404, json={"error": {"message": "The model `x` does not exist."}}), "http"),
    ],
)
def test_a_real_error_is_reported_at_once(reply: httpx.Response, kind: str) -> None:
    seen: list[str] = []
    url = fresh_url()
    client = TranscriptionClient(url, transport=scripted({"/inference": reply}, seen))
    with client, pytest.raises(TranscriptionError) as caught:
        client.transcribe(b"RIFF", "a.wav")
    assert caught.value.kind == kind and caught.value.status == reply.status_code
    assert seen == ["/v1/models", "/inference"]  # the other route was not tried
    assert KNOWN_ROUTES.get(url) is None


def test_neither_route_names_both() -> None:
    seen: list[str] = []
    with (
        TranscriptionClient(fresh_url(), transport=scripted({}, seen)) as client,
        pytest.raises(TranscriptionError) as caught,
    ):
        client.transcribe(b"RIFF", "a.wav")
    assert str(caught.value).startswith(f"neither /inference nor {OPENAI_PATH} found on 127.0.0.1")
    assert caught.value.status == 404 and seen == ["/v1/models", "/inference", OPENAI_PATH]


def test_a_server_restarted_on_the_other_route_is_found_again() -> None:
    url = fresh_url()
    KNOWN_ROUTES.remember(url, OPENAI_PATH)
    seen: list[str] = []
    answers = {"/inference": httpx.Response(200, json={"text": "hello"})}
    with TranscriptionClient(url, transport=scripted(answers, seen)) as client:
        assert client.transcribe(b"RIFF", "a.wav").text == "hello"
    assert seen == ["/v1/models", OPENAI_PATH, "/inference"]
    assert KNOWN_ROUTES.get(url) == "/inference"


def test_refused_is_not_a_missing_route() -> None:
    url = fresh_url()
    with (
        TranscriptionClient(url, api=TranscriptionApi.WHISPER_CPP) as client,
        pytest.raises(TranscriptionError) as caught,
    ):
        client.transcribe(b"RIFF", "a.wav")
    assert caught.value.kind == "refused" and KNOWN_ROUTES.get(url) is None
