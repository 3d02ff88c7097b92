"""A failed HTTP exchange with a chat server as a :class:`ChatError`: an error status
with the server's own words (or the title of the HTML page a wrong address answered
with), and a connection that failed or broke in the middle of an answer."""

from __future__ import annotations

import html
import json
import re

import httpx

from panel.core.chat.answer import AnswerCollector
from panel.core.chat.errors import ChatError, classified, clip, error_message
from panel.core.i18n import translate

ERROR_BODY_LIMIT = 64 * 1024


def http_error(response: httpx.Response) -> ChatError:
    """The error an answer with status >= 400 (or an HTML page) stands for."""
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
        message = response.reason_phrase or translate("Chat", "no details")
    return classified(clip(message, 300), status=status)


def transport_error(exc: httpx.TransportError, got: AnswerCollector, where: str) -> ChatError:
    """The error a connection that failed (or broke mid-answer) stands for."""
    partial = got.result()
    if isinstance(exc, httpx.ConnectError):
        return ChatError(
            translate(
                "Chat",
                "cannot connect to {where}: the server is not running or not ready "
                "yet; start it, or wait until it is ready",
            ).format(where=where),
            "refused",
            partial=partial,
        )
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        return ChatError(
            translate(
                "Chat",
                "the server at {where} closed the connection in the middle of the "
                "answer (did it crash? its log says why); send again to retry",
            ).format(where=where),
            "malformed",
            partial=partial,
        )
    failed = translate("Chat", "the connection to {where} failed: {error}")
    return ChatError(failed.format(where=where, error=exc), "http", partial=partial)
