"""Small pieces every page of the profile editor uses: a field with its message line,
helper buttons that leave Enter to OK, tab order."""

from __future__ import annotations

import itertools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from panel.core.profile_editor.profile_checks import Level


class FieldMessage(QLabel):
    """A line under a field: an error (red), a warning (amber) or a note; hidden if empty."""

    _COLORS: ClassVar[dict[str, str]] = {"error": "#c62828", "warning": "#9a5b00"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level: Level | None = None
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, level: Level | None, text: str) -> None:
        self.level = level if text else None
        self.setText(text)
        color = self._COLORS.get(self.level or "", "")
        self.setStyleSheet(f"color: {color};" if color else "")
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message(None, "")


class FormField(QWidget):
    """A form field: widgets side by side (``row``), with a message line under them."""

    def __init__(self, *widgets: QWidget, stretch_first: bool = True) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(2)
        self.row = QHBoxLayout()
        self.row.setSpacing(6)
        for index, widget in enumerate(widgets):
            self.row.addWidget(widget, 1 if index == 0 and stretch_first else 0)
        self.column.addLayout(self.row)
        self.message = FieldMessage()
        self.column.addWidget(self.message)


def small_button(text: str) -> QPushButton:
    button = QPushButton(text)
    # Enter belongs to OK; only Space presses a focused helper button.
    button.setAutoDefault(False)
    return button


def set_tab_order(widgets: Sequence[QWidget]) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def keeps_enter(event: QKeyEvent) -> bool:
    """Swallow an Enter its child widgets left unhandled (they pass it up to the dialog).

    In the flag and variable tables Enter adds or finishes a row; it must not also press
    OK and close the dialog under the user's hands.
    """
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        event.accept()
        return True
    return False


def start_dir(current: str, fallbacks: Sequence[Path]) -> str:
    """Where a file dialog opens: beside what the field holds, else the first folder of
    ``fallbacks`` that exists, else home."""
    if current:
        path = Path(os.path.expanduser(current))
        for candidate in (path, path.parent):
            if candidate.is_dir():
                return str(candidate)
    for folder in fallbacks:
        if Path(folder).is_dir():
            return str(folder)
    return str(Path.home())
