"""Pieces of the chat tab: the prompt editor and the strip of attached images.

Nothing here decides anything about chat: :mod:`panel.core.chat.client` and friends do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
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

from panel.ui.chat.attachments import Attachment

THUMB_SIDE = 96  # the strip under the prompt


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


class Composer(QWidget):
    """The prompt, with Send and Stop beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = PromptEdit(self)
        self.prompt.setPlaceholderText(
            self.tr("Ask something (Enter sends, Shift+Enter for a new line)")
        )
        self.prompt.setMaximumHeight(90)
        self.send_button = QPushButton(self.tr("Send"), self)
        self.send_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"), self)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.prompt, 1)
        row.addLayout(buttons)


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
        self.hint = QLabel(
            self.tr("Drop images or image links here, or paste one with Ctrl+V"), self
        )
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint.setWordWrap(True)
        self.box = QHBoxLayout(self)
        self.box.setContentsMargins(6, 4, 6, 4)
        self.box.addWidget(self._scroll, 1)
        self.box.addWidget(self.hint, 1)
        self.add_button = QPushButton(self.tr("Add image…"), self)
        self.box.addWidget(self.add_button)
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
