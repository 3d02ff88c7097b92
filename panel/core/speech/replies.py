"""Reading a transcription server's answers: its error replies as one sentence for the
user, a "no such route" 404 told from a real one, and an answer that is not the JSON that
was asked for."""

from __future__ import annotations

import json
import re

import httpx

from panel.core.i18n import QT_TRANSLATE_NOOP, translate

__all__ = [
    "TOO_LARGE_HINT",
    "TranscriptionError",
    "error_text",
    "http_error",
    "not_json",
    "route_missing",
]

ERROR_LIMIT = 300
# Translated where it is shown (translate("Speech", TOO_LARGE_HINT)).
TOO_LARGE_HINT = QT_TRANSLATE_NOOP("Speech", "split the file or raise the server's limit")

# Route "not there" answers: whisper-server and llama-server ("File Not Found"), FastAPI
# servers such as vLLM ({"detail": "Not Found"}). vLLM's 404 for an unknown *model* says
# more, and is a real error, not a missing route.
_MISSING_ROUTE = re.compile(r"(file )?not found( \(.*\))?", re.IGNORECASE)


class TranscriptionError(Exception):
    """``str()`` is one sentence for the user; ``kind`` is one of "refused", "loading",
    "invalid", "too-large", "http", "timeout", "empty", "malformed" (an answer that is
    not what was asked for)."""

    def __init__(self, message: str, kind: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status


def _clip(text: str, limit: int = ERROR_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def route_missing(reply: httpx.Response) -> bool:
    return reply.status_code == 404 and bool(_MISSING_ROUTE.fullmatch(error_text(reply).strip()))


def error_text(reply: httpx.Response) -> str:
    """The server's own words: the message of a JSON error, or its first line."""
    text = reply.text
    message = ""
    try:
        body = json.loads(text)
    except ValueError:
        body = None
    if isinstance(body, dict):
        error = body.get("error", body.get("message", body.get("detail")))
        if isinstance(error, dict):
            error = error.get("message")
        message = str(error) if error else ""
    if not message:
        message = text.strip().splitlines()[0] if text.strip() else reply.reason_phrase
    return message


def http_error(reply: httpx.Response, where: str) -> TranscriptionError:
    status = reply.status_code
    message = _clip(error_text(reply))
    hint = translate("Speech", TOO_LARGE_HINT)
    if status == 503:
        text = translate("Speech", "the server at {where} is still loading its model")
        return TranscriptionError(text.format(where=where), "loading", status=status)
    if status == 413:
        # The body is often a proxy's HTML page: the status says all there is to say.
        text = translate("Speech", "the server refused the upload as too large (413): {hint}")
        return TranscriptionError(text.format(hint=hint), "too-large", status=status)
    if "file size" in message.lower():
        text = translate("Speech", "the server refused the audio as too large: {error} ({hint})")
        return TranscriptionError(text.format(error=message, hint=hint), "too-large", status=status)
    if status == 400:
        if message.strip().lower() == "invalid request":
            # whisper-server's answer to audio it cannot decode
            message = translate(
                "Speech", "the server could not read the audio (send WAV, MP3 or FLAC)"
            )
        else:
            text = translate("Speech", "the server rejected the request: {error}")
            message = text.format(error=message)
        return TranscriptionError(message, "invalid", status=status)
    if route_missing(reply):
        text = translate(
            "Speech",
            "{path} not found on {where}: is this a transcription server, with the right "
            "inference path?",
        )
        return TranscriptionError(
            text.format(path=reply.request.url.path, where=where), "http", status=status
        )
    text = translate("Speech", "the server answered {status}: {error}")
    return TranscriptionError(text.format(status=status, error=message), "http", status=status)


def not_json(reply: httpx.Response) -> str:
    ctype = reply.headers.get("content-type") or translate("Speech", "no content type")
    start = reply.content[:60].decode("utf-8", errors="replace")
    more = "…" if len(reply.content) > 60 else ""
    text = translate("Speech", "the server's answer is not JSON ({type}, {size} bytes): {start}")
    return text.format(type=ctype, size=len(reply.content), start=f"{start!r}{more}")
