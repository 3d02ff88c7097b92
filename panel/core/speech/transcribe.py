"""Speech to text against whisper.cpp's ``whisper-server`` or an OpenAI-style server (vLLM).

Two request shapes:

* ``whisper.cpp``: ``POST <inference path>`` (``/inference`` unless the server was started
  with ``--inference-path``), multipart ``file``, ``response_format``, ``language``,
  ``translate``, ``prompt``. Unknown fields are ignored by the server.
* ``openai``: ``POST /v1/audio/transcriptions`` (or ``/v1/audio/translations``), multipart
  ``file``, ``model``, ``language``, ``response_format``, ``prompt``.

``detect_api`` tells them apart by ``GET /v1/models``: whisper-server has no such route
(404 "File Not Found"), vLLM and llama-server list their models. Every failure becomes a
:class:`TranscriptionError` whose text is one sentence for the user and whose ``kind``
says what happened.

Where the audio goes: a path the user or the profile gave is used as it is. Otherwise
both routes are tried, the likelier one for the detected API first (whisper-server is
often started with ``--inference-path /v1/audio/transcriptions``, and a whisper-server run
as a custom profile answers at ``/inference``). Only a "no such route" 404 moves on to
the next one; any other failure is reported at once. The route that answered is
remembered per server URL for the rest of the process (:data:`KNOWN_ROUTES`), so every
later client of that server, the transcription tab's one-per-request clients included,
goes straight to it.
"""

from __future__ import annotations

import io
import re
import shlex
import threading
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import httpx

from panel.core import i18n
from panel.core.config.profiles import Engine, ServerProfile, first_flag_value
from panel.core.net.server_client import ServerClient
from panel.core.speech.replies import (
    TOO_LARGE_HINT,
    TranscriptionError,
    http_error,
    not_json,
    route_missing,
)

__all__ = [
    "KNOWN_ROUTES",
    "MAX_UPLOAD_BYTES",
    "WHISPER_MAX_UPLOAD_BYTES",
    "RouteMemory",
    "Segment",
    "Transcript",
    "TranscriptionApi",
    "TranscriptionClient",
    "TranscriptionError",
]

WHISPER_PATH = "/inference"
OPENAI_TRANSCRIBE = "/v1/audio/transcriptions"
OPENAI_TRANSLATE = "/v1/audio/translations"
MAX_UPLOAD_BYTES = 25 * 1024 * 1024  # vLLM's default cap (and OpenAI's)
# Whisper decodes at most this many tokens per 30-second window (openai-whisper's
# sample_len, n_text_ctx // 2; whisper.cpp stops there too). vLLM instead runs each window
# to the model's length limit (448) unless told: a model that loops (a random one always
# does; a real one on silence or music sometimes) answers twice the junk, twice as slowly.
# vLLM applies it per window; other OpenAI-style servers ignore a field they do not know.
WHISPER_MAX_TOKENS = 224
# whisper-server has no cap of its own (it takes a 115 MB WAV); this one only keeps a
# mistaken multi-gigabyte file from being read into memory and sent.
WHISPER_MAX_UPLOAD_BYTES = 1024 * 1024 * 1024


class TranscriptionApi(StrEnum):
    WHISPER_CPP = "whisper.cpp"
    OPENAI = "openai"


class RouteMemory:
    """Server URL -> the transcription route that answered there. Shared by all clients
    of a process (the tab runs requests on a thread pool, hence the lock)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._routes: dict[str, str] = {}

    def get(self, base_url: str) -> str | None:
        with self._lock:
            return self._routes.get(base_url.rstrip("/"))

    def remember(self, base_url: str, route: str) -> None:
        with self._lock:
            self._routes[base_url.rstrip("/")] = route

    def forget(self, base_url: str) -> None:
        with self._lock:
            self._routes.pop(base_url.rstrip("/"), None)


KNOWN_ROUTES = RouteMemory()


@dataclass
class Segment:
    start: float  # seconds
    end: float
    text: str


@dataclass
class Transcript:
    text: str
    segments: list[Segment]
    language: str | None
    duration: float | None  # seconds of audio
    round_trip: float  # seconds from sending to the whole answer
    api: TranscriptionApi
    usage_seconds: float | None = None  # what an OpenAI-style server billed, if it said

    @property
    def real_time_factor(self) -> float | None:
        """Round trip over audio duration; below 1 is faster than real time."""
        if not self.duration:
            return None
        return self.round_trip / self.duration


def _float(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return None


def audio_seconds(audio: bytes) -> float | None:
    """Duration of a WAV/FLAC/OGG/MP3 in memory, or None when it cannot be read."""
    try:
        import soundfile as sf

        info = sf.info(io.BytesIO(audio))
        return float(info.frames) / float(info.samplerate) if info.samplerate else None
    except Exception:
        return None


def inference_path_of(args: list[str]) -> str | None:
    """whisper-server's ``--inference-path`` among a profile's args, if set."""
    return first_flag_value(args, "--inference-path")


class TranscriptionClient(ServerClient):
    def __init__(
        self,
        base_url: str,
        *,
        api: TranscriptionApi | None = None,
        api_key: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 300.0,
        inference_path: str | None = None,
        max_upload_bytes: int | None = None,
    ) -> None:
        super().__init__(base_url, api_key=api_key, transport=transport, timeout=timeout)
        self.api = api
        self.max_upload_bytes = max_upload_bytes  # None: the cap of the server's API
        self.inference_path = "/" + inference_path.lstrip("/") if inference_path else None
        self._models: list[str] | None = None

    @classmethod
    def for_profile(
        cls, profile: ServerProfile, *, api_key: str | None = None, timeout: float = 300.0
    ) -> TranscriptionClient:
        """A client for a profile: whisper.cpp profiles use their ``--inference-path``
        (whisper.cpp shape), vLLM ones the OpenAI shape; others are detected."""
        api: TranscriptionApi | None = None
        path: str | None = None
        if profile.engine is Engine.WHISPER_CPP:
            api = TranscriptionApi.WHISPER_CPP
            path = inference_path_of(profile.args)
        elif profile.engine is Engine.VLLM:
            api = TranscriptionApi.OPENAI
        return cls(profile.base_url, api=api, api_key=api_key, timeout=timeout, inference_path=path)

    # -- which server -----------------------------------------------------------------

    def detect_api(self) -> TranscriptionApi:
        """whisper.cpp or OpenAI shape; remembered after the first answer."""
        if self.api is not None:
            return self.api
        if self.inference_path and self.inference_path != OPENAI_TRANSCRIBE:
            self.api = TranscriptionApi.WHISPER_CPP  # only whisper-server has this flag
            return self.api
        reply = self._send("GET", "/v1/models", timeout=min(self.timeout, 10.0))
        if reply.status_code == 200:
            try:
                data = reply.json().get("data")
            except (ValueError, AttributeError):
                data = None
            if isinstance(data, list):
                self._models = [str(m.get("id")) for m in data if isinstance(m, dict)]
                self.api = TranscriptionApi.OPENAI
                return self.api
        if reply.status_code == 503:
            raise TranscriptionError(
                i18n.translate("Speech", "the server at {where} is still loading its model").format(
                    where=self.where
                ),
                "loading",
                status=503,
            )
        # whisper-server: 404 "File Not Found" (also a server that answers nothing useful)
        self.api = TranscriptionApi.WHISPER_CPP
        return self.api

    def _default_model(self) -> str | None:
        if self._models is None:
            try:
                reply = self._send("GET", "/v1/models", timeout=min(self.timeout, 10.0))
                data = reply.json().get("data") if reply.status_code == 200 else None
                models = data if isinstance(data, list) else []
                self._models = [str(m.get("id")) for m in models if isinstance(m, dict)]
            except (TranscriptionError, ValueError, AttributeError):
                self._models = []
        return self._models[0] if self._models else None

    # -- the request --------------------------------------------------------------------

    def routes(self, *, translate: bool = False) -> list[str]:
        """Where to POST the audio, in the order to try: the given inference path alone;
        else the route remembered for this server, then the others, the likelier one for
        the detected API first."""
        api = self.detect_api()
        if api is TranscriptionApi.OPENAI and translate:
            return [OPENAI_TRANSLATE]
        if self.inference_path:
            return [self.inference_path]
        if api is TranscriptionApi.WHISPER_CPP:
            order = [WHISPER_PATH, OPENAI_TRANSCRIBE]
        else:
            order = [OPENAI_TRANSCRIBE, WHISPER_PATH]
        known = KNOWN_ROUTES.get(self.base_url)
        if known in order:
            order.remove(known)
            order.insert(0, known)
        return order

    def _request(
        self,
        *,
        language: str | None,
        translate: bool,
        prompt: str | None,
        response_format: str,
        model: str | None,
    ) -> tuple[str, dict[str, str]]:
        api = self.detect_api()
        path = self.routes(translate=translate)[0]
        data: dict[str, str] = {"response_format": response_format}
        if api is TranscriptionApi.WHISPER_CPP:
            if language:
                data["language"] = language
            if translate:
                data["translate"] = "true"
            if prompt:
                data["prompt"] = prompt
            if model:
                data["model"] = model
            return path, data
        chosen = model or self._default_model()
        if chosen:
            data["model"] = chosen
        if language:
            data["language"] = language
        if prompt:
            data["prompt"] = prompt
        data["max_completion_tokens"] = str(WHISPER_MAX_TOKENS)
        return path, data

    def transcribe(
        self,
        audio: bytes,
        filename: str = "audio.wav",
        *,
        language: str | None = None,
        translate: bool = False,
        prompt: str | None = None,
        response_format: str = "verbose_json",
        model: str | None = None,
    ) -> Transcript:
        """Send ``audio`` (WAV best; whisper-server also takes MP3 and FLAC)."""
        if not audio:
            raise TranscriptionError(
                i18n.translate("Speech", "there is no audio to transcribe"), "empty"
            )
        self.check_size(len(audio))
        _, data = self._request(
            language=language,
            translate=translate,
            prompt=prompt,
            response_format=response_format,
            model=model,
        )
        mime = "audio/wav" if filename.lower().endswith(".wav") else "application/octet-stream"
        routes = self.routes(translate=translate)
        tried: list[str] = []
        for route in routes:
            started = time.perf_counter()
            reply = self._send("POST", route, files={"file": (filename, audio, mime)}, data=data)
            round_trip = time.perf_counter() - started
            tried.append(route)
            if route_missing(reply) and len(tried) < len(routes):
                continue  # the other route is still untried
            if reply.status_code >= 400:
                if len(tried) > 1 and route_missing(reply):
                    KNOWN_ROUTES.forget(self.base_url)
                    raise TranscriptionError(
                        i18n.translate(
                            "Speech",
                            "neither {paths} found on {where}: is this a"
                            " transcription server, with the right inference path?",
                        ).format(
                            paths=i18n.translate("Speech", " nor ").join(tried), where=self.where
                        ),
                        "http",
                        status=404,
                    )
                raise http_error(reply, self.where)
            if len(routes) > 1:
                KNOWN_ROUTES.remember(self.base_url, route)
            return self._parse(reply, round_trip, audio, response_format)
        raise AssertionError("routes() is never empty")

    def upload_cap(self) -> int:
        """The most bytes of audio we send: the given cap, else the API's (vLLM and
        OpenAI refuse more than 25 MB; whisper-server has no cap of its own)."""
        if self.max_upload_bytes is not None:
            return self.max_upload_bytes
        if self.detect_api() is TranscriptionApi.OPENAI:
            return MAX_UPLOAD_BYTES
        return WHISPER_MAX_UPLOAD_BYTES

    def check_size(self, size: int) -> None:
        """Raise "too-large" for audio over :meth:`upload_cap` (before anything is sent)."""
        cap = self.upload_cap()
        if size <= cap:
            return
        if self.max_upload_bytes is not None:
            text = i18n.translate(
                "Speech", "the audio is {size} MB; the limit given is {cap} MB: {hint}"
            )
        elif self.api is TranscriptionApi.OPENAI:
            text = i18n.translate(
                "Speech",
                "the audio is {size} MB; OpenAI-style servers (vLLM) take at most {cap} MB: {hint}",
            )
        else:
            text = i18n.translate(
                "Speech", "the audio is {size} MB; the panel sends at most {cap} MB: {hint}"
            )
        hint = i18n.translate("Speech", TOO_LARGE_HINT)
        size_mb, cap_mb = f"{size / 1024**2:.1f}", f"{cap / 1024**2:g}"
        raise TranscriptionError(text.format(size=size_mb, cap=cap_mb, hint=hint), "too-large")

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return self._client.request(method, path, **kwargs)
        except httpx.ConnectError as exc:
            raise TranscriptionError(
                i18n.translate(
                    "Chat", "cannot connect to {where}: the server is not running or not ready yet"
                ).format(where=self.where),
                "refused",
            ) from exc
        except httpx.TimeoutException as exc:
            raise TranscriptionError(
                i18n.translate("Chat", "the server at {where} did not answer within {s} s").format(
                    where=self.where, s=f"{self.timeout:g}"
                ),
                "timeout",
            ) from exc
        except (httpx.WriteError, httpx.ReadError, httpx.RemoteProtocolError) as exc:
            raise TranscriptionError(
                i18n.translate(
                    "Speech",
                    "the server at {where} closed the connection before it answered (did "
                    "it crash, or refuse a file this big? its log says why)",
                ).format(where=self.where),
                "http",
            ) from exc
        except httpx.TransportError as exc:
            raise TranscriptionError(
                i18n.translate("Chat", "the connection to {where} failed: {error}").format(
                    where=self.where, error=exc
                ),
                "http",
            ) from exc

    def _parse(
        self, reply: httpx.Response, round_trip: float, audio: bytes, response_format: str
    ) -> Transcript:
        api = self.api or TranscriptionApi.WHISPER_CPP
        local_duration = audio_seconds(audio)
        body: Any = None
        if response_format in ("json", "verbose_json"):
            try:
                body = reply.json()
            except ValueError:
                body = None
        if not isinstance(body, dict):
            text = reply.text
            if not text.strip() and response_format not in ("text", "srt", "vtt"):
                raise TranscriptionError(
                    i18n.translate("Speech", "the server sent an empty answer"), "empty"
                )
            if response_format in ("json", "verbose_json"):
                # JSON was asked for: anything else (a proxy's page, a different server)
                # is no transcript, however it is worded.
                raise TranscriptionError(not_json(reply), "malformed", status=200)
            return Transcript(text, [], None, local_duration, round_trip, api)
        segments: list[Segment] = []
        raw_segments = body.get("segments")
        if isinstance(raw_segments, list):
            for item in raw_segments:
                if not isinstance(item, dict):
                    continue
                start, end = _float(item.get("start")), _float(item.get("end"))
                if start is None or end is None:
                    # whisper-server may give offsets in ms instead
                    offsets = item.get("offsets")
                    if isinstance(offsets, dict):
                        start = (_float(offsets.get("from")) or 0.0) / 1000
                        end = (_float(offsets.get("to")) or 0.0) / 1000
                segments.append(Segment(start or 0.0, end or 0.0, str(item.get("text", ""))))
        raw_text = body.get("text")
        text = raw_text if isinstance(raw_text, str) else "".join(s.text for s in segments)
        usage = body.get("usage")
        usage_seconds = _float(usage.get("seconds")) if isinstance(usage, dict) else None
        duration = _float(body.get("duration")) or local_duration or usage_seconds
        language = body.get("language")
        return Transcript(
            text=text,
            segments=segments,
            language=language if isinstance(language, str) and language else None,
            duration=duration,
            round_trip=round_trip,
            api=api,
            usage_seconds=usage_seconds,
        )

    # -- copy as curl -----------------------------------------------------------------------

    def curl_command(
        self,
        path: str | Path,
        *,
        language: str | None = None,
        translate: bool = False,
        prompt: str | None = None,
        response_format: str = "verbose_json",
        model: str | None = None,
        api_key_env: str | None = None,
    ) -> str:
        """The same request as a shell command, reading the audio from ``path``.
        The API key never appears; with ``api_key_env`` the command refers to it."""
        endpoint, data = self._request(
            language=language,
            translate=translate,
            prompt=prompt,
            response_format=response_format,
            model=model,
        )
        words = ["curl", self.base_url + endpoint, "-F", f"file=@{path}"]
        for key, value in data.items():
            # --form-string: a prompt starting with @ or < must not read a file
            words += ["--form-string" if key == "prompt" else "-F", f"{key}={value}"]
        command = " ".join(shlex.quote(w) for w in words)
        if api_key_env:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", api_key_env):
                raise ValueError(f"not an environment variable name: {api_key_env!r}")
            command += f' -H "Authorization: Bearer ${api_key_env}"'
        return command
