"""Pieces of the transcription tab's controls: the options row, the level meter and the
push-to-talk button. The transcripts below them are :mod:`panel.ui.transcription.history`.

Nothing here decides anything about transcription: :mod:`panel.core.speech` does.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from panel.core.i18n import QT_TRANSLATE_NOOP
from panel.core.speech.request import Options

METER_FLOOR_DBFS = -60.0

LANGUAGES = (
    ("", QT_TRANSLATE_NOOP("OptionsRow", "Auto-detect")),
    ("en", "English"),
    ("zh", "中文"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("pt", "Português"),
    ("ru", "Русский"),
    ("nl", "Nederlands"),
)
FORMATS = ("verbose_json", "json", "text", "srt", "vtt")


class OptionsRow(QWidget):
    """Mode, key, length limit and what to ask of the server, on two lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle_mode = QCheckBox(self.tr("Toggle mode"), self)
        self.toggle_mode.setToolTip(self.tr("Click once to start and once to stop"))
        self.key_edit = QKeySequenceEdit(QKeySequence(Qt.Key.Key_Space), self)
        self.key_edit.setMaximumSequenceLength(1)
        self.key_edit.setMaximumWidth(110)
        self.key_edit.setToolTip(
            self.tr("The key that records while held (when the tab has focus)")
        )
        self.max_seconds = QDoubleSpinBox(self)
        self.max_seconds.setRange(1.0, 600.0)
        self.max_seconds.setValue(120.0)
        self.max_seconds.setSuffix(self.tr(" s"))
        self.max_seconds.setDecimals(0)
        self.max_seconds.setToolTip(self.tr("Recording stops and is sent after this long"))
        self.language = QComboBox(self)
        for code, label in LANGUAGES:
            self.language.addItem(self.tr(label) if not code else f"{label} ({code})", code)
        self.translate = QCheckBox(self.tr("Translate to English"), self)
        self.prompt = QLineEdit(self)
        self.prompt.setPlaceholderText(self.tr("Prompt: names, spelling, style (optional)"))
        self.response_format = QComboBox(self)
        self.response_format.addItems(FORMATS)
        self.response_format.setToolTip(self.tr("The response format asked of the server"))
        first = QHBoxLayout()
        second = QHBoxLayout()
        for row, widgets in (
            (
                first,
                (
                    self.toggle_mode,
                    QLabel(self.tr("Key:"), self),
                    self.key_edit,
                    QLabel(self.tr("Max length:"), self),
                    self.max_seconds,
                ),
            ),
            (
                second,
                (
                    QLabel(self.tr("Language:"), self),
                    self.language,
                    self.translate,
                    QLabel(self.tr("Format:"), self),
                    self.response_format,
                    self.prompt,
                ),
            ),
        ):
            row.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                row.addWidget(widget)
        first.addStretch(1)
        second.setStretchFactor(self.prompt, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(first)
        box.addLayout(second)

    def options(self) -> Options:
        """What to ask of the server, as chosen now."""
        return Options(
            language=self.language.currentData() or None,
            translate=self.translate.isChecked(),
            prompt=self.prompt.text().strip() or None,
            response_format=self.response_format.currentText(),
        )


class LevelMeter(QWidget):
    """A horizontal bar of the input level in dBFS, green to amber to red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dbfs = METER_FLOOR_DBFS
        self.setMinimumSize(160, 12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("Input level"))

    def set_level(self, dbfs: float) -> None:
        dbfs = max(METER_FLOOR_DBFS, min(0.0, dbfs))
        if dbfs != self._dbfs:
            self._dbfs = dbfs
            self.update()

    def level(self) -> float:
        return self._dbfs

    def fraction(self) -> float:
        return 1.0 - self._dbfs / METER_FLOOR_DBFS

    def sizeHint(self) -> QSize:
        return QSize(240, 12)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(self.palette().mid().color())
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(rect, 4, 4)
        fraction = self.fraction()
        if fraction > 0:
            colour = "#2e9d4f" if self._dbfs < -12 else "#d99a00" if self._dbfs < -3 else "#d2352b"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(
                rect.adjusted(1, 1, -1, -1).adjusted(0, 0, -(rect.width() - 2) * (1 - fraction), 0),
                3,
                3,
            )
        painter.end()


TALK_BUTTON_MAX_WIDTH = 420


class TalkButton(QPushButton):
    """The big push-to-talk button. It takes no focus, so the tab keeps the keyboard and
    its configurable key works after a click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TalkButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(220, 64)
        # Big enough to hit without looking, never a bar across a wide screen.
        self.setMaximumWidth(TALK_BUTTON_MAX_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.setFont(font)
        self.set_recording(False)

    def set_recording(self, on: bool) -> None:
        colour = "#d2352b" if on else "#1f6feb"
        self.setStyleSheet(
            f"QPushButton#TalkButton {{ background: {colour}; color: white; border: none;"
            " border-radius: 10px; padding: 10px 24px; }"
            "QPushButton#TalkButton:disabled { background: palette(mid); color: palette(dark); }"
        )
