"""Reading a chat answer off the wire: server-sent events (or one JSON object from a
server that ignored ``stream``) into an :class:`~panel.core.chat.answer.AnswerCollector`,
each piece handed to ``on_delta`` as it comes, each oddity a :class:`ChatError`."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from panel.core.chat.answer import AnswerCollector, ChatDelta, as_int
from panel.core.chat.errors import ChatError, classified, clip, error_message
from panel.core.chat.http_failures import http_error
from panel.core.i18n import translate
from panel.core.net.sse import MalformedStream, SseParser

OnDelta = Callable[[ChatDelta], None]


def cancelled(got: AnswerCollector) -> ChatError:
    return ChatError(
        translate("Chat", "the answer was cancelled"), "cancelled", partial=got.result()
    )


def read_response(
    response: httpx.Response,
    got: AnswerCollector,
    on_delta: OnDelta,
    cancel: threading.Event | None,
    expired: threading.Event,
    where: str,
) -> None:
    """The whole answer of ``response``; ``where`` (host:port) names the server in messages."""
    if response.status_code >= 400:
        raise http_error(response)
    ctype = response.headers.get("content-type", "").lower()
    if "text/html" in ctype:
        raise http_error(response)
    if "application/json" in ctype:
        _whole_answer(response, got, on_delta)
    else:
        read_stream(response.iter_bytes(), got, on_delta, cancel, expired, where)


def read_stream(
    chunks: Iterator[bytes],
    got: AnswerCollector,
    on_delta: OnDelta,
    cancel: threading.Event | None,
    expired: threading.Event | None,
    where: str,
) -> None:
    parser = SseParser()
    try:
        for chunk in chunks:
            for event in parser.feed(chunk):
                _on_event(event.data, event.event, got, on_delta)
                if cancel is not None and cancel.is_set():
                    raise cancelled(got)
                if got.done:
                    return
            if cancel is not None and cancel.is_set():
                raise cancelled(got)
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
            _on_event(event.data, event.event, got, on_delta)
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
        ).format(where=where),
        "malformed",
        partial=got.result(),
    )


def _on_event(data: str, event: str, got: AnswerCollector, on_delta: OnDelta) -> None:
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
        code = as_int(error.get("code")) if isinstance(error, dict) else None
        raise classified(error_message(chunk) or clip(data, 200), status=code)
    _take(chunk, got, on_delta)


def _take(chunk: dict[str, Any], got: AnswerCollector, on_delta: OnDelta) -> None:
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


def _whole_answer(response: httpx.Response, got: AnswerCollector, on_delta: OnDelta) -> None:
    """A server that ignored ``stream`` answers with one JSON object."""
    response.read()
    try:
        chunk = response.json()
    except ValueError:
        raise ChatError(
            translate("Chat", "the server's answer is not valid JSON"), "malformed"
        ) from None
    if not isinstance(chunk, dict):
        raise ChatError(translate("Chat", "the server's answer is not a JSON object"), "malformed")
    if "error" in chunk:
        raise classified(error_message(chunk) or translate("Chat", "unknown error"), status=None)
    got.events += 1
    _take(chunk, got, on_delta)
    got.done = True
