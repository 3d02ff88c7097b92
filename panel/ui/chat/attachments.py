"""An image attached to the next message: prepared off the GUI thread, with a thumbnail.

Downloading, checking and shrinking are the core's (:mod:`panel.core.chat.image_fetch`,
:mod:`panel.core.chat.image_prep`); this module only adds the thumbnail a widget shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage

from panel.core.chat.image_fetch import fetch_image, link_name
from panel.core.chat.image_prep import ImageError, prepare_image
from panel.core.chat.payload import ChatImage, ImageTransport, server_side_path
from panel.core.config.profiles import ServerProfile

INLINE_THUMB_SIDE = 160  # images inside the conversation


@dataclass
class Attachment:
    """An image ready to send, with its thumbnail."""

    image: ChatImage
    thumb: QImage
    label: str
    width: int
    height: int
    order: int = 0  # attachments keep the order they were added in, not finished in


def image_to_png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; 6.11 wants str
    buffer.close()
    return bytes(data.data())


def thumbnail(data: bytes, side: int) -> QImage:
    """A thumbnail of encoded image bytes (QImage is safe off the GUI thread)."""
    image = QImage.fromData(data)
    if image.isNull():
        return image
    return image.scaled(
        side,
        side,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def prepare_attachment(
    source: Path | str | bytes, label: str, profile: ServerProfile | None
) -> Attachment:
    """Off the GUI thread: fetch (links), check, shrink and thumbnail one image.

    Raises :class:`panel.core.chat.image_prep.ImageError` with a message for the user.
    """
    if isinstance(source, str):
        try:
            prepared = prepare_image(fetch_image(source))
        except ImageError as exc:
            message = str(exc)
            name = link_name(source)
            raise ImageError(message if name in message else f"{name}: {message}") from None
        image = ChatImage(source=source, mime=prepared.mime, data=prepared.data)
    elif isinstance(source, Path):
        prepared = prepare_image(source)
        on_server = server_side_path(profile, source)
        if on_server is not None:  # vLLM reads it itself: send the path, not the bytes
            image = ChatImage(on_server, prepared.mime, prepared.data, ImageTransport.FILE_URL)
        else:
            image = ChatImage(str(source), prepared.mime, prepared.data)
    else:
        prepared = prepare_image(source)
        image = ChatImage(source=label, mime=prepared.mime, data=prepared.data)
    thumb = thumbnail(prepared.data, INLINE_THUMB_SIDE)
    return Attachment(image, thumb, label, prepared.source_width, prepared.source_height)
