"""OpenAI-style chat requests with images, as the servers actually accept them.

llama-server decodes images with stb_image from ``data:`` URIs; vLLM also fetches
http(s) URLs and reads ``file://`` paths, but only under ``--allowed-local-media-path``.
The safe default is a data URI: it works everywhere.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from panel.core.config.profiles import Engine, ServerProfile, find_flags
from panel.core.i18n import translate


class ImageTransport(StrEnum):
    DATA_URI = "data"
    FILE_URL = "file"
    URL = "url"


@dataclass(frozen=True)
class ChatImage:
    """One image for a message.

    ``source`` is a local path or an http(s) URL; ``data`` holds the prepared bytes
    (see :func:`panel.core.chat.image_prep.prepare_image`) when sent as a data URI.
    """

    source: str
    mime: str = ""
    data: bytes = b""
    transport: ImageTransport = ImageTransport.DATA_URI


@dataclass
class ChatMessage:
    role: str
    text: str
    images: list[ChatImage] = field(default_factory=list)


def image_part(image: ChatImage) -> dict[str, Any]:
    """The ``image_url`` content part for one image."""
    if image.transport is ImageTransport.URL:
        url = image.source
    elif image.transport is ImageTransport.FILE_URL:
        url = Path(image.source).as_uri()  # already the server's own path
    else:
        data = image.data
        if not data:
            data = Path(image.source).read_bytes()
        mime = image.mime or _guess_mime(data)
        url = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return {"type": "image_url", "image_url": {"url": url}}


def _guess_mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"BM"):
        return "image/bmp"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


def message_dict(message: ChatMessage) -> dict[str, Any]:
    if not message.images:
        return {"role": message.role, "content": message.text}
    # Text first: some chat templates place the image marker where the part appears,
    # and every server accepts either order.
    parts: list[dict[str, Any]] = []
    if message.text:
        parts.append({"type": "text", "text": message.text})
    parts.extend(image_part(image) for image in message.images)
    return {"role": message.role, "content": parts}


def build_chat_request(
    messages: list[ChatMessage],
    *,
    model: str | None,
    temperature: float | None,
    max_tokens: int | None,
    stream: bool = True,
) -> dict[str, Any]:
    request: dict[str, Any] = {"messages": [message_dict(m) for m in messages]}
    if model:
        request["model"] = model
    if temperature is not None:
        request["temperature"] = temperature
    if max_tokens is not None:
        request["max_tokens"] = max_tokens
    request["stream"] = stream
    if stream:
        # vLLM only reports token counts in a stream when asked; llama-server always does.
        request["stream_options"] = {"include_usage": True}
    return request


def allowed_media_dirs(profile: ServerProfile, *, resolve: bool = True) -> list[Path]:
    """The ``--allowed-local-media-path`` directories of a vLLM profile's args.

    ``resolve=False`` keeps them as written: for a container they are paths inside it.
    """
    dirs: list[Path] = []
    for _, value in find_flags(profile.args, "--allowed-local-media-path"):
        if value:
            path = Path(os.path.expanduser(value))
            dirs.append(path.resolve() if resolve else path)
    return dirs


def server_side_path(profile: ServerProfile | None, path: Path) -> str | None:
    """The path under which the server itself may read a local image, or None.

    vLLM reads ``file://`` URLs under ``--allowed-local-media-path``. In a container
    that flag names a path inside it: the host file must be under a mount, and the URL
    carries the container's path.
    """
    if profile is None or profile.engine is not Engine.VLLM or profile.attached:
        return None
    resolved = path.expanduser().resolve()
    if profile.container is None:
        candidate, allowed = resolved, allowed_media_dirs(profile)
    else:
        from panel.core.servers.containers import container_path, mounts_of

        try:
            inside = container_path(str(resolved), mounts_of(profile.container))
        except ValueError:  # a malformed mount: the preflight says so; send the bytes
            return None
        if inside is None:
            return None
        candidate, allowed = Path(inside), allowed_media_dirs(profile, resolve=False)
    for directory in allowed:
        if candidate.is_relative_to(directory):
            return str(candidate)
    return None


def choose_transport(profile: ServerProfile | None, path: Path) -> ImageTransport:
    """How to send a local image: by path only where the server may read it itself."""
    if server_side_path(profile, path) is not None:
        return ImageTransport.FILE_URL
    return ImageTransport.DATA_URI


class MediaPathError(ValueError):
    """A ``file://`` image the server will not read; ``str()`` says why and what to do."""


def file_url_image(profile: ServerProfile | None, url: str) -> ChatImage:
    """A ``file://`` image the user asked the server itself to read.

    For a vLLM profile it is checked here, before anything is sent, against the
    profile's ``--allowed-local-media-path``: vLLM's own 400 hides both paths. Without a
    profile (``ask --url``), or for another engine, the server decides.
    """
    parts = urlsplit(url)
    path = Path(url2pathname(parts.netloc + parts.path))
    if profile is None or profile.engine is not Engine.VLLM or profile.attached:
        return ChatImage(url, transport=ImageTransport.URL)
    in_container = profile.container is not None
    allowed = allowed_media_dirs(profile, resolve=not in_container)
    if not allowed:
        text = translate(
            "Chat",
            "{name} reads no local files (its args have no --allowed-local-media-path): give "
            "the image's path without file:// to send the picture itself",
        )
        raise MediaPathError(text.format(name=profile.name))
    # As vLLM checks it: the resolved path (in a container, the path inside it, which the
    # host cannot resolve: only its . and .. are taken out).
    candidate = Path(os.path.normpath(path)) if in_container else path.resolve()
    for directory in allowed:
        if candidate.is_relative_to(directory):
            return ChatImage(str(candidate), transport=ImageTransport.FILE_URL)
    # Each folder as vLLM was given it, between the words a reader expects ("or", "或").
    folders = translate("Chat", " or ").join(str(d) for d in allowed)
    text = translate(
        "Chat",
        "{url} is outside the folder {name} may read images from (--allowed-local-media-path "
        "{folders}): move the image there, or give its path without file:// to send the "
        "picture itself",
    )
    raise MediaPathError(text.format(url=url, name=profile.name, folders=folders))


def for_server(message: ChatMessage, profile: ServerProfile | None) -> ChatMessage:
    """``message`` as ``profile``'s server can read it. An image attached as a ``file://``
    path (for a vLLM that reads that folder) goes inline to any server that cannot read
    it there: another engine, or a vLLM with other folders, after the user switched
    servers. The conversation sends every earlier image again with each message."""
    images = [_readable_by(image, profile) for image in message.images]
    if images == message.images:
        return message
    return ChatMessage(message.role, message.text, images)


def _readable_by(image: ChatImage, profile: ServerProfile | None) -> ChatImage:
    if image.transport is not ImageTransport.FILE_URL or not image.data:
        return image
    if profile is not None and profile.engine is Engine.VLLM and not profile.attached:
        try:
            file_url_image(profile, Path(image.source).as_uri())
            return image
        except MediaPathError:
            pass
    return ChatImage(image.source, image.mime, image.data, ImageTransport.DATA_URI)
