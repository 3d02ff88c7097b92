"""Streaming chat completions against llama-server, vLLM or any OpenAI-style server.

Every failure becomes a :class:`ChatError` whose text is one sentence for the user and
whose ``kind`` says what happened, so a UI can offer the right next step (start the
server, wait for it, add ``--mmproj``...). Timings come from the server when it reports
them (llama-server's ``timings``), else from ``usage`` and our own clock.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from threading import Event
from typing import Any

import httpx

from panel.core.chat.cancel_watch import CancelWatch
from panel.core.chat.deadline import AnswerDeadline
from panel.core.chat.errors import MMPROJ_FIX, ChatError, classified, clip, error_message
from panel.core.i18n import translate
from panel.core.net.server_client import ServerClient
from panel.core.net.sse import MalformedStream, SseParser

__all__ = [
    "CHAT_PATH",
    "ChatClient",
    "ChatDelta",
    "ChatError",
    "ChatResult",
    "VisionSupport",
    "stream_answer",
]

CHAT_PATH = "/v1/chat/completions"
MODELS_PATH = "/v1/models"
ERROR_BODY_LIMIT = 64 * 1024


@dataclass
class ChatResult:
    text: str
    reasoning: str
    finish_reason: str | None
    ttft: float | None  # seconds from sending to the first token
    total: float  # seconds from sending to the end of the answer
    prompt_tokens: int | None
    completion_tokens: int | None
    tokens_per_second: float | None


@dataclass(frozen=True)
class ChatDelta:
    text: str = ""
    reasoning: str = ""


@dataclass(frozen=True)
class VisionSupport:
    """Whether a server reads images (None: it does not say), why, and the next step
    (``fix``: a few words such as "add --mmproj FILE", or "")."""

    vision: bool | None
    reason: str
    fix: str = ""


class _Collector:
    """What the stream has said so far."""

    def __init__(self, started: float, keep: bool = True) -> None:
        self.started = started
        self.keep = keep  # False: the caller shows each piece and needs no copy
        self.text: list[str] = []
        self.reasoning: list[str] = []
        self.finish_reason: str | None = None
        self.first_token: float | None = None
        self.usage: dict[str, Any] = {}
        self.timings: dict[str, Any] = {}
        self.done = False
        self.events = 0

    def result(self) -> ChatResult:
        now = time.perf_counter()
        ttft = None if self.first_token is None else self.first_token - self.started
        prompt_tokens = _as_int(self.usage.get("prompt_tokens"))
        completion_tokens = _as_int(self.usage.get("completion_tokens"))
        if prompt_tokens is None:
            prompt_tokens = _as_int(self.timings.get("prompt_n"))
        if completion_tokens is None:
            completion_tokens = _as_int(self.timings.get("predicted_n"))
        speed = _as_float(self.timings.get("predicted_per_second"))
        if speed is None and completion_tokens and self.first_token is not None:
            # Tokens after the first, over the time after the first: prompt time excluded.
            span = now - self.first_token
            if completion_tokens > 1 and span > 0:
                speed = (completion_tokens - 1) / span
        return ChatResult(
            text="".join(self.text),
            reasoning="".join(self.reasoning),
            finish_reason=self.finish_reason,
            ttft=ttft,
            total=now - self.started,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            tokens_per_second=speed,
        )


def _as_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _as_float(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return None


class ChatClient(ServerClient):
    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 600.0,
        deadline: float | None = None,
    ) -> None:
        """``timeout`` bounds each read; ``deadline`` (seconds, None: none) the whole
        answer, so a server that trickles keep-alives cannot hold it forever."""
        super().__init__(base_url, api_key=api_key, transport=transport, timeout=timeout)
        self.deadline = deadline

    # -- chat ------------------------------------------------------------------------

    def stream_chat(
        self,
        request: dict[str, Any],
        on_delta: Callable[[ChatDelta], None],
        cancel: threading.Event | None = None,
        *,
        keep_text: bool = True,
    ) -> ChatResult:
        """POST the request and call ``on_delta`` for each piece of the answer.

        Returns when the answer is complete; raises :class:`ChatError` otherwise.
        ``cancel`` may be set from any thread (or from ``on_delta``). ``keep_text=False``:
        the result's text and reasoning stay empty, so an answer of any size streamed
        through ``on_delta`` costs no memory here.
        """
        body = json.dumps(request, ensure_ascii=False).encode("utf-8")
        started = time.perf_counter()
        got = _Collector(started, keep_text)
        if cancel is not None and cancel.is_set():
            raise _cancelled(got)
        watch = CancelWatch(cancel) if cancel is not None else None
        late = AnswerDeadline(self.deadline)
        late.arm()
        try:
            with self._client.stream(
                "POST",
                CHAT_PATH,
                content=body,
                headers={"Content-Type": "application/json", "Accept": "text/event-stream"},
            ) as response:
                try:
                    if watch is not None:
                        watch.start(response)
                    late.watch(response)
                    self._read_response(response, got, on_delta, cancel, late.expired)
                finally:
                    # Before the response goes back to the pool: a late cancel must not
                    # cut a connection the next request will reuse.
                    late.stop()
                    if watch is not None:
                        watch.stop()
        except ChatError as exc:
            self._past_deadline(late, cancel, got, exc)
            if exc.partial is None:
                exc.partial = got.result()
            if cancel is not None and cancel.is_set() and exc.kind != "cancelled":
                raise _cancelled(got) from None
            raise
        except httpx.TimeoutException as exc:
            self._past_deadline(late, cancel, got, exc)
            if cancel is not None and cancel.is_set():
                raise _cancelled(got) from None
            if isinstance(exc, httpx.ConnectTimeout):
                late_text = translate("Chat", "the server at {where} did not connect within {s} s")
            else:
                late_text = translate("Chat", "the server at {where} did not answer within {s} s")
            raise ChatError(
                late_text.format(where=self.where, s=f"{self.timeout:g}"),
                "timeout",
                partial=got.result(),
            ) from exc
        except httpx.TransportError as exc:
            self._past_deadline(late, cancel, got, exc)
            if cancel is not None and cancel.is_set():
                raise _cancelled(got) from None
            raise self._transport_error(exc, got) from exc
        finally:
            late.stop()  # also when the request failed before there was a response
        return got.result()

    def _past_deadline(self, late: AnswerDeadline, cancel: Event | None, got: _Collector,
                       exc: Exception) -> None:  # fmt: skip
        """A failure after the deadline cut the socket is the deadline's, not the cut's."""
        if late.expired.is_set() and not (cancel is not None and cancel.is_set()):
            raise ChatError(
                translate(
                    "Chat", "the server at {where} did not finish its answer within {s} s"
                ).format(where=self.where, s=f"{self.deadline or 0:g}"),
                "timeout",
                partial=got.result(),
            ) from exc

    def _read_response(
        self,
        response: httpx.Response,
        got: _Collector,
        on_delta: Callable[[ChatDelta], None],
        cancel: threading.Event | None,
        expired: threading.Event,
    ) -> None:
        if response.status_code >= 400:
            raise self._http_error(response)
        ctype = response.headers.get("content-type", "").lower()
        if "text/html" in ctype:
            raise self._http_error(response)
        if "application/json" in ctype:
            self._whole_answer(response, got, on_delta)
        else:
            self._read_stream(response.iter_bytes(), got, on_delta, cancel, expired)

    def _read_stream(
        self,
        chunks: Iterator[bytes],
        got: _Collector,
        on_delta: Callable[[ChatDelta], None],
        cancel: threading.Event | None,
        expired: threading.Event | None = None,
    ) -> None:
        parser = SseParser()
        try:
            for chunk in chunks:
                for event in parser.feed(chunk):
                    self._on_event(event.data, event.event, got, on_delta)
                    if cancel is not None and cancel.is_set():
                        raise _cancelled(got)
                    if got.done:
                        return
                if cancel is not None and cancel.is_set():
                    raise _cancelled(got)
                if expired is not None and expired.is_set():  # a transport without a socket
                    raise ChatError(
                        translate("Chat", "past the deadline"), "timeout", partial=got.result()
                    )
                if not got.events and parser.stray_lines:
                    raise ChatError(
                        translate("Chat", "the server's answer is not an event stream"),
                        "malformed",
                        partial=got.result(),
                    )
            for event in parser.close():
                self._on_event(event.data, event.event, got, on_delta)
        except MalformedStream as exc:
            raise ChatError(str(exc), "malformed", partial=got.result()) from exc
        if got.done or got.finish_reason is not None:
            return
        if not got.events:
            raise ChatError(
                translate("Chat", "the server closed the connection without answering"),
                "malformed",
                partial=got.result(),
            )
        raise ChatError(
            translate(
                "Chat",
                "the server at {where} stopped in the middle of the answer (did it crash? "
                "its log says why); send again to retry",
            ).format(where=self.where),
            "malformed",
            partial=got.result(),
        )

    def _on_event(
        self, data: str, event: str, got: _Collector, on_delta: Callable[[ChatDelta], None]
    ) -> None:
        got.events += 1
        if data.strip() == "[DONE]":
            got.done = True
            return
        try:
            chunk = json.loads(data)
        except ValueError:
            raise ChatError(
                translate("Chat", "the server sent a stream event that is not JSON: {data}").format(
                    data=repr(clip(data, 80))
                ),
                "malformed",
            ) from None
        if not isinstance(chunk, dict):
            raise ChatError(
                translate("Chat", "the server sent a stream event that is not an object"),
                "malformed",
            )
        if "error" in chunk or event == "error":
            # llama-server reports failures after the headers as a data event.
            error = chunk.get("error")
            code = _as_int(error.get("code")) if isinstance(error, dict) else None
            raise classified(error_message(chunk) or clip(data, 200), status=code)
        self._take(chunk, got, on_delta)

    def _take(
        self, chunk: dict[str, Any], got: _Collector, on_delta: Callable[[ChatDelta], None]
    ) -> None:
        if isinstance(chunk.get("usage"), dict):
            got.usage = chunk["usage"]
        if isinstance(chunk.get("timings"), dict):
            got.timings = chunk["timings"]
        choices = chunk.get("choices")
        if not isinstance(choices, list) or not choices:
            return
        choice = choices[0]
        if not isinstance(choice, dict):
            return
        delta = choice.get("delta")
        if not isinstance(delta, dict):
            delta = choice.get("message")  # a non-streamed answer
        if isinstance(delta, dict):
            text = delta.get("content")
            reasoning = delta.get("reasoning_content") or delta.get("reasoning")
            text = text if isinstance(text, str) else ""
            reasoning = reasoning if isinstance(reasoning, str) else ""
            if text or reasoning:
                if got.first_token is None:
                    got.first_token = time.perf_counter()
                if text and got.keep:
                    got.text.append(text)
                if reasoning and got.keep:
                    got.reasoning.append(reasoning)
                on_delta(ChatDelta(text, reasoning))
        reason = choice.get("finish_reason")
        if isinstance(reason, str):
            got.finish_reason = reason

    def _whole_answer(
        self, response: httpx.Response, got: _Collector, on_delta: Callable[[ChatDelta], None]
    ) -> None:
        """A server that ignored ``stream`` answers with one JSON object."""
        response.read()
        try:
            chunk = response.json()
        except ValueError:
            raise ChatError(
                translate("Chat", "the server's answer is not valid JSON"), "malformed"
            ) from None
        if not isinstance(chunk, dict):
            raise ChatError(
                translate("Chat", "the server's answer is not a JSON object"), "malformed"
            )
        if "error" in chunk:
            raise classified(error_message(chunk) or "unknown error", status=None)
        got.events += 1
        self._take(chunk, got, on_delta)
        got.done = True

    # -- errors ----------------------------------------------------------------------

    def _http_error(self, response: httpx.Response) -> ChatError:
        body = b""
        for piece in response.iter_bytes():
            body += piece
            if len(body) >= ERROR_BODY_LIMIT:
                break
        text = body.decode("utf-8", "replace")
        status = response.status_code
        ctype = response.headers.get("content-type", "").lower()
        if "text/html" in ctype or text.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
            match = re.search(r"<title[^>]*>(.*?)</title>", text, re.I | re.S)
            title = " ".join(html.unescape(match.group(1)).split()) if match else ""
            title = title or f"{status} {response.reason_phrase}".strip()
            return ChatError(
                translate(
                    "Chat",
                    "the server answered with an HTML page: {title}"
                    " (is this address really the inference server?)",
                ).format(title=clip(title, 120)),
                "html",
                status=status,
            )
        message = ""
        try:
            message = error_message(json.loads(text))
        except ValueError:
            message = text.strip().splitlines()[0] if text.strip() else ""
        if not message:
            message = response.reason_phrase or "no details"
        return classified(clip(message, 300), status=status)

    def _transport_error(self, exc: httpx.TransportError, got: _Collector) -> ChatError:
        partial = got.result()
        if isinstance(exc, httpx.ConnectError):
            return ChatError(
                translate(
                    "Chat",
                    "cannot connect to {where}: the server is not running or not ready "
                    "yet; start it, or wait until it is ready",
                ).format(where=self.where),
                "refused",
                partial=partial,
            )
        if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
            return ChatError(
                translate(
                    "Chat",
                    "the server at {where} closed the connection in the middle of the "
                    "answer (did it crash? its log says why); send again to retry",
                ).format(where=self.where),
                "malformed",
                partial=partial,
            )
        failed = translate("Chat", "the connection to {where} failed: {error}")
        return ChatError(failed.format(where=self.where, error=exc), "http", partial=partial)

    # -- questions about the server -----------------------------------------------------

    def _get_json(self, path: str) -> tuple[int, Any]:
        try:
            reply = self._client.get(path, timeout=min(self.timeout, 10.0))
        except httpx.ConnectError as exc:
            raise ChatError(
                translate(
                    "Chat", "cannot connect to {where}: the server is not running or not ready yet"
                ).format(where=self.where),
                "refused",
            ) from exc
        except httpx.TimeoutException as exc:
            silent = translate("Chat", "the server at {where} did not answer")
            raise ChatError(silent.format(where=self.where), "timeout") from exc
        except httpx.TransportError as exc:
            failed = translate("Chat", "the connection to {where} failed: {error}")
            raise ChatError(failed.format(where=self.where, error=exc), "http") from exc
        try:
            return reply.status_code, reply.json()
        except ValueError:
            return reply.status_code, None

    def vision_support(self) -> tuple[bool | None, str]:
        """Whether the loaded model takes images: True/False, or None when unknown."""
        check = self.vision_check()
        return check.vision, check.reason

    def vision_check(self) -> VisionSupport:
        """Whether the loaded model takes images, why we think so, and the fix if any."""
        try:
            status, props = self._get_json("/props")
            if status == 503:
                return VisionSupport(None, "the server is still loading the model")
            if status == 200 and isinstance(props, dict):
                modalities = props.get("modalities")
                if isinstance(modalities, dict) and "vision" in modalities:
                    if modalities["vision"]:
                        return VisionSupport(True, "llama-server has a multimodal projector loaded")
                    return VisionSupport(
                        False,
                        "llama-server was started without a multimodal projector: "
                        f"{MMPROJ_FIX} to read images",
                        MMPROJ_FIX,
                    )
            status, models = self._get_json(MODELS_PATH)
        except ChatError as exc:
            return VisionSupport(None, str(exc))
        if status == 503:
            return VisionSupport(None, "the server is still loading the model")
        if status != 200 or not isinstance(models, dict):
            return VisionSupport(
                None, f"the server does not say whether it reads images (HTTP {status})"
            )
        seen = False
        for card in models.get("data") or []:
            arch = card.get("architecture") if isinstance(card, dict) else None
            inputs = arch.get("input_modalities") if isinstance(arch, dict) else None
            if isinstance(inputs, list):
                if "image" in inputs:
                    return VisionSupport(True, "the model lists image input")
                seen = True
        for card in models.get("models") or []:
            caps = card.get("capabilities") if isinstance(card, dict) else None
            if isinstance(caps, list):
                if "multimodal" in caps or "vision" in caps:
                    return VisionSupport(True, "the model lists multimodal capability")
                seen = True
        if seen:
            return VisionSupport(False, "the model lists text input only")
        return VisionSupport(None, "the server does not say whether the model reads images")

    def models(self) -> list[str]:
        status, body = self._get_json(MODELS_PATH)
        if status == 503:
            raise ChatError(
                translate("Chat", "the server is still loading the model"), "loading", status=status
            )
        if status != 200 or not isinstance(body, dict):
            answered = translate("Chat", "the server answered {status} to /v1/models")
            raise ChatError(answered.format(status=status), "http", status=status)
        return [
            str(card["id"])
            for card in body.get("data") or []
            if isinstance(card, dict) and "id" in card
        ]


def _cancelled(got: _Collector) -> ChatError:
    return ChatError(
        translate("Chat", "the answer was cancelled"), "cancelled", partial=got.result()
    )


def stream_answer(
    base_url: str,
    api_key: str | None,
    request: dict[str, Any],
    on_delta: Callable[[ChatDelta], None],
    cancel: threading.Event | None = None,
) -> ChatResult:
    """One streamed answer on a client of its own (for a worker thread).

    Any failure, even one this module did not foresee, is a :class:`ChatError`: a window
    shows its text and never a traceback.
    """
    with ChatClient(base_url, api_key=api_key) as client:
        try:
            return client.stream_chat(request, on_delta, cancel)
        except ChatError:
            raise
        except Exception as exc:
            failed = translate("Chat", "the request failed: {error}")
            raise ChatError(failed.format(error=exc), "http") from exc
