"""What can go wrong with a chat request, as one sentence for the user and a ``kind`` the
window acts on (offer to start the server, to wait, to drop the images...)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from panel.core.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from panel.core.chat.answer import ChatResult

# The next step for a llama-server without a projector; kept short and whole so a window
# can show it on one line.
# Translated where it is shown (translate("Chat", MMPROJ_FIX)).
MMPROJ_FIX = QT_TRANSLATE_NOOP("Chat", "add --mmproj FILE")


class ChatError(Exception):
    """A chat that failed; ``str()`` is one sentence for the user.

    ``kind`` is one of "refused", "loading", "no-vision", "timeout", "html",
    "malformed", "http", "cancelled". ``partial`` holds what arrived before the failure.
    """

    def __init__(
        self,
        message: str,
        kind: str,
        *,
        status: int | None = None,
        partial: ChatResult | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.partial = partial


def error_message(body: Any) -> str:
    """The message inside an OpenAI-style (or FastAPI-style) error body, or ""."""
    if not isinstance(body, dict):
        return ""
    error = body.get("error")
    if isinstance(error, dict):
        return str(error.get("message") or error.get("type") or "")
    if isinstance(error, str):
        return error
    detail = body.get("detail") or body.get("message")
    if isinstance(detail, str):
        return detail
    if detail is not None:
        return json.dumps(detail)[:300]
    return ""


def classified(message: str, *, status: int | None) -> ChatError:
    """The server's own error text turned into a :class:`ChatError` of the right kind."""
    low = message.lower()
    if "image input is not supported" in low or "mmproj" in low:
        text = translate(
            "Chat",
            "this server cannot read images: start llama-server with --mmproj FILE "
            "(the model's multimodal projector)",
        )
        return ChatError(text, "no-vision", status=status)
    if status == 503 or "loading model" in low:
        text = translate(
            "Chat", "the server is still loading the model; try again when it is ready"
        )
        return ChatError(text, "loading", status=status)
    if status == 401:
        text = translate("Chat", "the server refused the request: wrong or missing API key")
        return ChatError(text, "http", status=status)
    # vLLM's words for a file:// image it will not read hide both paths ("The file path
    # <path> must be a subpath of `--allowed-local-media-path <path>`"): say what to do.
    if "must be a subpath of `--allowed-local-media-path" in message:
        if status:
            text = translate(
                "Chat",
                "the server answered {status}: the image is outside the folder it may read "
                "images from (its --allowed-local-media-path); move the image there, or give "
                "its path without file:// to send the picture itself",
            )
        else:
            text = translate(
                "Chat",
                "the server answered an error: the image is outside the folder it may read "
                "images from (its --allowed-local-media-path); move the image there, or give "
                "its path without file:// to send the picture itself",
            )
        return ChatError(text.format(status=status), "http", status=status)
    if "cannot load local files without `--allowed-local-media-path`" in low:
        if status:
            text = translate(
                "Chat",
                "the server answered {status}: it reads no local files (it was started "
                "without --allowed-local-media-path); give the image's path without file:// "
                "to send the picture itself",
            )
        else:
            text = translate(
                "Chat",
                "the server answered an error: it reads no local files (it was started "
                "without --allowed-local-media-path); give the image's path without file:// "
                "to send the picture itself",
            )
        return ChatError(text.format(status=status), "http", status=status)
    if status:
        text = translate("Chat", "the server answered {status}: {message}")
    else:
        text = translate("Chat", "the server reported an error: {message}")
    return ChatError(text.format(status=status, message=message.rstrip(".")), "http", status=status)


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
