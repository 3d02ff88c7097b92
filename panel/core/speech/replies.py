"""Reading a transcription server's answers: its error replies as one sentence for the
user, a "no such route" 404 told from a real one, and an answer that is not the JSON that
was asked for."""

from __future__ import annotations

import json
import re

import httpx

__all__ = [
    "TOO_LARGE_HINT",
    "TranscriptionError",
    "error_text",
    "http_error",
    "not_json",
    "route_missing",
]

ERROR_LIMIT = 300
TOO_LARGE_HINT = "split the file or raise the server's limit"

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
    if status == 503:
        return TranscriptionError(
            f"the server at {where} is still loading its model", "loading", status=status
        )
    if status == 413:
        # The body is often a proxy's HTML page: the status says all there is to say.
        return TranscriptionError(
            f"the server refused the upload as too large (413): {TOO_LARGE_HINT}",
            "too-large",
            status=status,
        )
    if "file size" in message.lower():
        return TranscriptionError(
            f"the server refused the audio as too large: {message} ({TOO_LARGE_HINT})",
            "too-large",
            status=status,
        )
    if status == 400:
        if message.strip().lower() == "invalid request":
            # whisper-server's answer to audio it cannot decode
            message = "the server could not read the audio (send WAV, MP3 or FLAC)"
        else:
            message = f"the server rejected the request: {message}"
        return TranscriptionError(message, "invalid", status=status)
    if route_missing(reply):
        return TranscriptionError(
            f"{reply.request.url.path} not found on {where}: is this a transcription"
            " server, with the right inference path?",
            "http",
            status=status,
        )
    return TranscriptionError(f"the server answered {status}: {message}", "http", status=status)


def not_json(reply: httpx.Response) -> str:
    ctype = reply.headers.get("content-type") or "no content type"
    start = reply.content[:60].decode("utf-8", errors="replace")
    more = "…" if len(reply.content) > 60 else ""
    return f"the server's answer is not JSON ({ctype}, {len(reply.content)} bytes): {start!r}{more}"
