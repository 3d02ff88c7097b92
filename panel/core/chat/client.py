"""Streaming chat completions against llama-server, vLLM or any OpenAI-style server.

Every failure becomes a :class:`ChatError` whose text is one sentence for the user and
whose ``kind`` says what happened, so a UI can offer the right next step (start the
server, wait for it, add ``--mmproj``...). Timings come from the server when it reports
them (llama-server's ``timings``), else from ``usage`` and our own clock.

The parts: :mod:`~panel.core.chat.answer` (what an answer is), :mod:`~panel.core.chat.
answer_stream` (reading it off the wire), :mod:`~panel.core.chat.http_failures` (a failed
exchange in words), :mod:`~panel.core.chat.server_questions` (what a server says of
itself); this module sends the request and keeps the time.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from threading import Event
from typing import Any

import httpx

from panel.core.chat.answer import AnswerCollector, ChatDelta, ChatResult
from panel.core.chat.answer_stream import cancelled, read_response
from panel.core.chat.cancel_watch import CancelWatch
from panel.core.chat.deadline import AnswerDeadline
from panel.core.chat.errors import ChatError
from panel.core.chat.http_failures import transport_error
from panel.core.chat.server_questions import ServerFacts, ServerQuestions, VisionSupport
from panel.core.i18n import translate

__all__ = [
    "CHAT_PATH",
    "ChatClient",
    "ChatDelta",
    "ChatError",
    "ChatResult",
    "ServerFacts",
    "VisionSupport",
    "stream_answer",
]

CHAT_PATH = "/v1/chat/completions"


class ChatClient(ServerQuestions):
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
        got = AnswerCollector(started, keep_text)
        if cancel is not None and cancel.is_set():
            raise cancelled(got)
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
                    read_response(response, got, on_delta, cancel, late.expired, self.where)
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
                raise cancelled(got) from None
            raise
        except httpx.TimeoutException as exc:
            self._past_deadline(late, cancel, got, exc)
            if cancel is not None and cancel.is_set():
                raise cancelled(got) from None
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
                raise cancelled(got) from None
            raise transport_error(exc, got, self.where) from exc
        finally:
            late.stop()  # also when the request failed before there was a response
        return got.result()

    def _past_deadline(self, late: AnswerDeadline, cancel: Event | None, got: AnswerCollector,
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
