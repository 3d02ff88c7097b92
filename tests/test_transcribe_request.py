"""panel.core.speech.request: which server, which API, which options; sent through
httpx.MockTransport, so no server is needed."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import httpx
import pytest

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.speech.request import Options, Request, Target, curl_for, send, target_for
from panel.core.speech.transcribe import TranscriptionApi, TranscriptionError


def whisper(**kw: object) -> ServerProfile:
    return ServerProfile(
        name="w", engine=Engine.WHISPER_CPP, role=Role.TRANSCRIPTION, port=8090, **kw
    )  # type: ignore[arg-type]


def test_targets_pick_the_api_path_and_model() -> None:
    plain = target_for(whisper())
    assert (plain.api, plain.inference_path, plain.model) == (
        TranscriptionApi.WHISPER_CPP,
        None,
        None,
    )
    custom = target_for(whisper(args=["--inference-path=/v1/audio/transcriptions"]))
    assert custom.inference_path == "/v1/audio/transcriptions"
    vllm = ServerProfile(
        name="v", engine=Engine.VLLM, role=Role.TRANSCRIPTION, model="openai/whisper-large-v3"
    )
    assert (target_for(vllm).api, target_for(vllm).model) == (
        TranscriptionApi.OPENAI,
        "openai/whisper-large-v3",
    )
    served = ServerProfile(
        name="v2",
        engine=Engine.VLLM,
        role=Role.TRANSCRIPTION,
        model="/models/w",
        args=["--served-model-name", "whisper"],
    )
    assert target_for(served).model == "whisper"
    assert target_for(served).name == "v2"


def test_send_posts_the_options_and_parses_the_answer(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def server(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        body = {
            "text": " Bonjour.",
            "language": "fr",
            "duration": 2.0,
            "segments": [{"start": 0.0, "end": 1.5, "text": " Bonjour."}],
        }
        return httpx.Response(200, json=body)

    options = Options(language="fr", translate=False, prompt="Jean", response_format="verbose_json")
    request = Request("id", target_for(whisper()), options, None, tmp_path / "a.wav", "a.wav")
    transcript = send(request, b"RIFF....WAVE", transport=httpx.MockTransport(server))
    [posted] = seen
    assert posted.url.path == "/inference"
    form = posted.content.decode("latin-1")
    for field, value in (
        ("language", "fr"),
        ("prompt", "Jean"),
        ("response_format", "verbose_json"),
    ):
        assert f'name="{field}"\r\n\r\n{value}\r\n' in form
    assert 'filename="a.wav"' in form
    assert (transcript.text, transcript.language, transcript.duration) == (" Bonjour.", "fr", 2.0)
    assert [s.end for s in transcript.segments] == [1.5]
    assert transcript.round_trip >= 0


def test_send_turns_a_refusal_into_one_sentence(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    request = Request("id", target_for(whisper()), Options(), None, tmp_path / "a.wav")
    with pytest.raises(TranscriptionError, match="cannot connect to") as caught:
        send(request, b"RIFF", transport=httpx.MockTransport(refuse))
    assert caught.value.kind == "refused"


def test_curl_names_the_key_variable_never_the_key(tmp_path: Path) -> None:
    vllm = ServerProfile(
        name="v",
        engine=Engine.VLLM,
        role=Role.TRANSCRIPTION,
        model="openai/whisper-large-v3",
        port=8000,
        api_key_ref="env:MY_KEY",
    )
    wav = tmp_path / "rec 1.wav"
    request = Request("id", target_for(vllm), Options(prompt="@notes"), "s3cret", wav)
    command = curl_for(request)
    assert "s3cret" not in command
    assert command.endswith('-H "Authorization: Bearer $VLLM_API_KEY"')
    words = shlex.split(command.rsplit(" -H ", 1)[0])
    assert words[:5] == [
        "curl",
        "http://127.0.0.1:8000/v1/audio/transcriptions",
        "-F",
        f"file=@{wav}",
        "-F",
    ]
    assert "--form-string" in words and "prompt=@notes" in words
    assert "model=openai/whisper-large-v3" in words
    keyless = Request("id", target_for(whisper()), Options(), None, wav)
    assert "Authorization" not in curl_for(keyless)


def test_options_are_what_the_client_takes() -> None:
    target = Target(whisper(), TranscriptionApi.OPENAI, None, "m")
    assert Options("de", True, None, "json").kwargs(target) == {
        "language": "de",
        "translate": True,
        "prompt": None,
        "response_format": "json",
        "model": "m",
    }
    assert json.dumps(Options().kwargs(target))  # plain values only
