"""A coloured message with action buttons, shared by the chat and transcription tabs."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

_BANNER_STYLES = {
    "error": "background: #fdecea; color: #8a1c1c; border: 1px solid #f5b5b0;",
    "warning": "background: #fff4e0; color: #7a4b00; border: 1px solid #f3c77b;",
    "info": "background: #e8f1fd; color: #1a4a8a; border: 1px solid #b3cdf2;",
}
# A command-line flag with its value in capitals ("--mmproj FILE", "-ngl N"): shown whole.
_FLAG = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*(?: [A-Z][A-Z_]+\b)?)")


def unbroken_flags(text: str) -> str:
    """``text`` as rich text in which every flag ("--mmproj FILE") is a code span that
    never wraps: word wrap may move it to the next line, but never cut it."""
    out: list[str] = []
    for index, piece in enumerate(_FLAG.split(text)):
        if index % 2:
            flag = html.escape(piece).replace(" ", "&nbsp;")
            out.append(f"<nobr><code>{flag}</code></nobr>")
        else:
            out.append(html.escape(piece, quote=False).replace("\n", "<br>"))
    return "".join(out)


class Banner(QFrame):
    """A coloured message above the conversation, with up to a few action buttons and a
    close box. Flags in the message never break across lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag = ""
        self._text = ""
        self._callbacks: list[Callable[[], object]] = []
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(8, 4, 4, 4)
        self._row.addWidget(self.label, 1)
        self.buttons: list[QPushButton] = []
        self.action = self._button(0)  # the first (often only) action
        close = QToolButton(self)
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        self._row.addWidget(close)
        self.hide()

    def _button(self, index: int) -> QPushButton:
        while len(self.buttons) <= index:
            button = QPushButton(self)
            button.setObjectName(f"BannerAction{len(self.buttons)}")
            number = len(self.buttons)
            button.clicked.connect(lambda _=False, n=number: self._on_action(n))
            self._row.insertWidget(1 + len(self.buttons), button)
            self.buttons.append(button)
        return self.buttons[index]

    def show_message(
        self,
        text: str,
        kind: str = "error",
        *,
        action: tuple[str, Callable[[], object]] | None = None,
        actions: Sequence[tuple[str, Callable[[], object]]] = (),
        tag: str = "",
    ) -> None:
        """Show ``text``; ``action`` (one button) or ``actions`` (several), each a label
        and what a click does (the banner closes first)."""
        chosen = [action] if action is not None else list(actions)
        self.tag = tag or kind
        self.setStyleSheet(
            f"Banner {{ {_BANNER_STYLES[kind]} border-radius: 4px; }}"
            " QLabel, QToolButton { border: none; background: transparent; }"
        )
        self._text = text
        self.label.setText(unbroken_flags(text))
        self._callbacks = [callback for _, callback in chosen]
        for index, (label, _) in enumerate(chosen):
            self._button(index).setText(label)
        for index, button in enumerate(self.buttons):
            button.setVisible(index < len(chosen))
        self.show()

    def hideEvent(self, event: Any) -> None:
        self.tag = ""
        super().hideEvent(event)

    def text(self) -> str:
        """The message as plain text ("" while hidden)."""
        return "" if self.isHidden() else self._text

    def button(self, label: str) -> QPushButton | None:
        """The visible action button with this label, if any."""
        for button in self.buttons:
            if not button.isHidden() and button.text() == label:
                return button
        return None

    def _on_action(self, index: int) -> None:
        callback = self._callbacks[index] if index < len(self._callbacks) else None
        self.hide()
        if callback is not None:
            callback()
