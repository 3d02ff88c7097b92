"""The command line under the editor's tabs: exactly what the panel would run."""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from panel.core.engines.flag_hints import is_flag_word


class CommandLineView(QPlainTextEdit):
    """The exact command, read-only and selectable, in monospace.

    Long commands break only between flags, with shell line continuations, so what is
    shown (or selected and copied) still runs as is; ``command_line()`` is the one-line
    form the Copy button takes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env: list[str] = []
        self._argv: list[str] = []
        self._note = ""
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        margin = self.document().documentMargin()
        lines = 5
        self.setFixedHeight(
            int(self.fontMetrics().lineSpacing() * lines + 2 * margin) + 2 * self.frameWidth()
        )

    def set_command(self, env_words: Sequence[str], argv: Sequence[str]) -> None:
        """``env_words`` are shell-ready ``NAME=value`` words; ``argv`` is quoted here."""
        self._env, self._argv, self._note = list(env_words), list(argv), ""
        self._render()

    def set_note(self, text: str) -> None:
        self._env, self._argv, self._note = [], [], text
        self._render()

    def command_line(self) -> str:
        if self._note:
            return ""
        return " ".join([*self._env, shlex.join(self._argv)])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        if self._note:
            text = self._note
        else:
            columns = self.viewport().width() // max(1, self.fontMetrics().horizontalAdvance("m"))
            text = wrap_command(self._env, self._argv, max(40, columns - 1))
        if text != self.toPlainText():
            self.setPlainText(text)


def wrap_command(env_words: Sequence[str], argv: Sequence[str], width: int) -> str:
    """The command as shell lines of about ``width`` characters, broken before flags only."""
    groups: list[str] = list(env_words)
    for index, word in enumerate(argv):
        quoted = shlex.quote(word)
        if index == 0 or is_flag_word(word) or not groups:
            groups.append(quoted)
        else:
            groups[-1] += " " + quoted  # a value stays on its flag's line
    lines: list[str] = []
    current = ""
    for group in groups:
        if current and len(current) + 1 + len(group) > width - 2:  # room for " \\"
            lines.append(current)
            current = "  " + group
        else:
            current = f"{current} {group}" if current else group
    lines.append(current)
    return " \\\n".join(lines)
