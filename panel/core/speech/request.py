"""One transcription request as the tab makes it: which server, which API, which options.

A :class:`Request` is kept after it is sent, so the window can offer it again as a curl
command or retry the same recording elsewhere. :func:`send` runs it (off the GUI thread:
it blocks until the server answers).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from panel.core.config.profiles import Engine, ServerProfile, first_flag_value
from panel.core.engines import adapter_for
from panel.core.speech.transcribe import Transcript, TranscriptionApi, TranscriptionClient

__all__ = ["Options", "Request", "Target", "curl_for", "send", "target_for"]


@dataclass(frozen=True)
class Target:
    """Where and how to send audio: a ready transcription server and its API."""

    profile: ServerProfile
    api: TranscriptionApi
    inference_path: str | None = None
    model: str | None = None

    @property
    def name(self) -> str:
        return self.profile.name


def target_for(profile: ServerProfile) -> Target:
    """whisper.cpp speaks its own API (at ``--inference-path`` when set); vLLM, llama.cpp
    and custom servers speak OpenAI's ``/v1/audio/transcriptions``."""
    if profile.engine is Engine.WHISPER_CPP:
        return Target(
            profile,
            TranscriptionApi.WHISPER_CPP,
            first_flag_value(profile.args, "--inference-path"),
        )
    model = first_flag_value(profile.args, "--served-model-name") or profile.model or None
    return Target(profile, TranscriptionApi.OPENAI, None, model)


@dataclass(frozen=True)
class Options:
    """What the user chose in the options row, as :meth:`TranscriptionClient.transcribe`
    takes it."""

    language: str | None = None
    translate: bool = False
    prompt: str | None = None
    response_format: str = "verbose_json"

    def kwargs(self, target: Target) -> dict[str, Any]:
        return {
            "language": self.language,
            "translate": self.translate,
            "prompt": self.prompt,
            "response_format": self.response_format,
            "model": target.model,
        }


@dataclass(frozen=True)
class Request:
    """One request, kept for Copy as curl and Retry."""

    entry_id: str
    target: Target
    options: Options
    api_key: str | None
    wav_path: Path
    filename: str = "audio.wav"


def _client(request: Request, transport: httpx.BaseTransport | None = None) -> TranscriptionClient:
    target = request.target
    return TranscriptionClient(
        target.profile.base_url,
        api=target.api,
        api_key=request.api_key,
        transport=transport,
        inference_path=target.inference_path,
    )


def send(
    request: Request, audio: bytes, *, transport: httpx.BaseTransport | None = None
) -> Transcript:
    """Send ``audio`` and wait for the transcript (blocks: call it off the GUI thread).
    Failures raise :class:`~panel.core.speech.transcribe.TranscriptionError`. Each call
    makes a fresh client; a route found for the server (``/inference`` or
    ``/v1/audio/transcriptions``) outlives it in ``transcribe.KNOWN_ROUTES``."""
    client = _client(request, transport)
    try:
        return client.transcribe(audio, request.filename, **request.options.kwargs(request.target))
    finally:
        client.close()


def curl_for(request: Request) -> str:
    """The request as a shell command reading the kept WAV. A key never appears in it:
    the command names the variable the server's engine reads its key from."""
    profile = request.target.profile
    key_env = adapter_for(profile.engine).api_key_env if profile.api_key_ref else None
    client = _client(request)
    try:
        return client.curl_command(
            request.wav_path, api_key_env=key_env, **request.options.kwargs(request.target)
        )
    finally:
        client.close()
