"""Pieces of the chat tab: the streaming thread, the prompt editor and the
strip of attached images.

Nothing here decides anything about chat: :mod:`panel.core.chat.client` and friends do.
These widgets only move work off the GUI thread and bring results back to it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMimeData,
    QSize,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from panel.core.chat.client import ChatClient, ChatError, ChatResult
from panel.core.chat.image_prep import ImageError, prepare_image
from panel.core.chat.payload import ChatImage, ImageTransport, server_side_path
from panel.core.config.profiles import ServerProfile

URL_FETCH_LIMIT = 50 * 1024 * 1024
_BANNER_STYLES = {
    "error": "background: #fdecea; color: #8a1c1c; border: 1px solid #f5b5b0;",
    "warning": "background: #fff4e0; color: #7a4b00; border: 1px solid #f3c77b;",
    "info": "background: #e8f1fd; color: #1a4a8a; border: 1px solid #b3cdf2;",
}
THUMB_SIDE = 96  # the strip under the prompt
INLINE_THUMB_SIDE = 160  # images inside the conversation


class ChatStream(QThread):
    """One streamed answer, on its own thread. :attr:`cancel` stops it between chunks."""

    delta = Signal(str, str)  # text, reasoning
    succeeded = Signal(object)  # ChatResult
    failed = Signal(object)  # ChatError

    def __init__(self, base_url: str, api_key: str | None, request: dict[str, Any]) -> None:
        super().__init__()
        self.base_url = base_url
        self.api_key = api_key
        self.request = request
        self.cancel = threading.Event()

    def run(self) -> None:
        client = ChatClient(self.base_url, api_key=self.api_key)
        try:
            result: ChatResult = client.stream_chat(
                self.request, lambda d: self.delta.emit(d.text, d.reasoning), self.cancel
            )
        except ChatError as exc:
            self.failed.emit(exc)
        except Exception as exc:  # never a traceback in the window
            self.failed.emit(ChatError(f"the request failed: {exc}", "http"))
        else:
            self.succeeded.emit(result)
        finally:
            client.close()


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


def dropped_sources(mime: QMimeData) -> list[Path | str]:
    """Local files and http(s) URLs in a drop or paste, in order."""
    sources: list[Path | str] = []
    for url in mime.urls():
        if url.isLocalFile():
            sources.append(Path(url.toLocalFile()))
        elif url.scheme() in ("http", "https"):
            sources.append(url.toString())
    if not sources and mime.hasText():
        text = mime.text().strip()
        if text.startswith(("http://", "https://")) and not any(c.isspace() for c in text):
            sources.append(text)
    return sources


def carries_images(mime: QMimeData) -> bool:
    return mime.hasImage() or bool(dropped_sources(mime))


class PromptEdit(QPlainTextEdit):
    """The prompt: Enter sends, Shift+Enter breaks the line; pasted or dropped images and
    image files become attachments instead of text."""

    submitted = Signal()
    image_pasted = Signal(QImage)
    sources_dropped = Signal(list)  # list[Path | str]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.submitted.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return carries_images(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasImage():
            image = QImage(source.imageData())
            if not image.isNull():
                self.image_pasted.emit(image)
                return
        sources = dropped_sources(source) if source.hasUrls() else []
        if sources:
            self.sources_dropped.emit(sources)
            return
        super().insertFromMimeData(source)


class ThumbnailStrip(QFrame):
    """The attached images, each with a remove (×) button, plus a drop hint.

    Accepts drops itself; the tab does the rest through :attr:`sources_dropped`.
    """

    remove_requested = Signal(int)
    sources_dropped = Signal(list)  # list[Path | str]
    image_dropped = Signal(QImage)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChatDropZone")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#ChatDropZone { border: 1px dashed palette(mid); border-radius: 6px; }"
            'QFrame#ChatDropZone[dragging="true"] { border: 2px solid palette(highlight); }'
        )
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        inner = QWidget()
        inner.setLayout(self._row)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(inner)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFixedHeight(THUMB_SIDE + 34)
        self.hint = QLabel(self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setWordWrap(True)
        self.box = QHBoxLayout(self)
        self.box.setContentsMargins(6, 4, 6, 4)
        self.box.addWidget(self._scroll, 1)
        self.box.addWidget(self.hint, 1)
        self.set_items([], [])

    def set_items(self, items: list[Attachment], pending: list[str]) -> None:
        """Show ``items`` (with remove buttons) and a placeholder per pending name."""
        while self._row.count():
            child = self._row.takeAt(0)
            widget = child.widget() if child is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, item in enumerate(items):
            self._row.addWidget(self._tile(index, item))
        for name in pending:
            busy = QLabel(self.tr("Preparing\n{name}…").format(name=name[:24]))
            busy.setAlignment(Qt.AlignmentFlag.AlignCenter)
            busy.setFixedSize(QSize(THUMB_SIDE, THUMB_SIDE))
            busy.setStyleSheet("color: palette(placeholder-text); border: 1px dotted palette(mid);")
            self._row.addWidget(busy)
        self._row.addStretch(1)
        self._scroll.setVisible(bool(items or pending))
        self.hint.setVisible(not (items or pending))

    def _tile(self, index: int, item: Attachment) -> QWidget:
        tile = QWidget()
        tile.setToolTip(f"{item.label}\n{item.width} × {item.height}")
        grid = QVBoxLayout(tile)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(0)
        picture = QLabel(tile)
        picture.setPixmap(
            QPixmap.fromImage(item.thumb).scaled(
                THUMB_SIDE - 4,
                THUMB_SIDE - 4,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        picture.setFixedSize(QSize(THUMB_SIDE, THUMB_SIDE))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setStyleSheet("border: 1px solid palette(mid); border-radius: 4px;")
        caption = QLabel(item.label, tile)
        caption.setMaximumWidth(THUMB_SIDE)
        caption.setStyleSheet("font-size: 8pt; color: palette(placeholder-text);")
        caption.setText(
            caption.fontMetrics().elidedText(item.label, Qt.TextElideMode.ElideMiddle, THUMB_SIDE)
        )
        grid.addWidget(picture)
        grid.addWidget(caption)
        remove = QToolButton(picture)
        remove.setText("×")
        remove.setObjectName(f"RemoveImage{index}")
        remove.setToolTip(self.tr("Remove this image"))
        remove.setAutoRaise(True)
        remove.setStyleSheet(
            "QToolButton { background: rgba(0,0,0,150); color: white; border-radius: 9px;"
            " font-weight: bold; min-width: 18px; max-width: 18px; min-height: 18px;"
            " max-height: 18px; }"
        )
        remove.move(THUMB_SIDE - 22, 2)
        remove.clicked.connect(lambda: self.remove_requested.emit(index))
        return tile

    # -- drag and drop ----------------------------------------------------------------
    def _set_dragging(self, on: bool) -> None:
        self.setProperty("dragging", on)
        self.style().unpolish(self)
        self.style().polish(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if carries_images(event.mimeData()):
            event.acceptProposedAction()
            self._set_dragging(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: Any) -> None:
        self._set_dragging(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_dragging(False)
        mime = event.mimeData()
        sources = dropped_sources(mime)
        if sources:
            self.sources_dropped.emit(sources)
        elif mime.hasImage():
            self.image_dropped.emit(QImage(mime.imageData()))
        else:
            event.ignore()
            return
        event.acceptProposedAction()


def prepare_attachment(
    source: Path | str | bytes, label: str, profile: ServerProfile | None
) -> Attachment:
    """Off the GUI thread: fetch (URLs), check, shrink and thumbnail one image."""
    if isinstance(source, str):
        try:
            with httpx.stream("GET", source, timeout=30.0, follow_redirects=True) as reply:
                reply.raise_for_status()
                raw = b""
                for chunk in reply.iter_bytes():
                    raw += chunk
                    if len(raw) > URL_FETCH_LIMIT:
                        raise ImageError(f"{label}: the download is larger than 50 MB")
        except httpx.HTTPError as exc:
            raise ImageError(f"Could not download {label}: {exc}") from exc
        prepared = prepare_image(raw)
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


def check_target(base_url: str, api_key: str | None) -> tuple[bool | None, str, str]:
    """Off the GUI thread: does the server take images, and which model does it serve."""
    client = ChatClient(base_url, api_key=api_key, timeout=10.0)
    try:
        vision, reason = client.vision_support()
        try:
            models = client.models()
        except ChatError:
            models = []
        return vision, reason, models[0] if models else ""
    finally:
        client.close()


class Banner(QFrame):
    """A coloured message above the conversation, with an optional action and a close box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag = ""
        self._callback: Callable[[], object] | None = None
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton(self)
        self.action.clicked.connect(self._on_action)
        close = QToolButton(self)
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.action)
        row.addWidget(close)
        self.hide()

    def show_message(
        self,
        text: str,
        kind: str = "error",
        *,
        action: tuple[str, Callable[[], object]] | None = None,
        tag: str = "",
    ) -> None:
        self.tag = tag or kind
        self.setStyleSheet(
            f"Banner {{ {_BANNER_STYLES[kind]} border-radius: 4px; }}"
            " QLabel, QToolButton { border: none; background: transparent; }"
        )
        self.label.setText(text)
        self._callback = action[1] if action is not None else None
        if action is not None:
            self.action.setText(action[0])
        self.action.setVisible(action is not None)
        self.show()

    def hideEvent(self, event: Any) -> None:
        self.tag = ""
        super().hideEvent(event)

    def text(self) -> str:
        return "" if self.isHidden() else self.label.text()

    def _on_action(self) -> None:
        callback = self._callback
        self.hide()
        if callback is not None:
            callback()
