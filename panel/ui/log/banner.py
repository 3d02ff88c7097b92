"""The red banner above the log when a server crashed: why, and its last lines."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from panel.ui.log.buttons import tool_button

BANNER_LINES = 8  # last lines quoted in the crash banner
BANNER_LINE_CHARS = 200


class CrashBanner(QFrame):
    """Hidden until :meth:`show_outcome`; the ✕ button hides it (``dismiss`` is that
    button, for the view to connect)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("crashBanner")
        self.setStyleSheet(
            "QFrame#crashBanner { background: #fdecea; border: 1px solid #e57373;"
            " border-radius: 4px; }"
            " QFrame#crashBanner QLabel { color: #611a15; border: none; }"
            " QFrame#crashBanner QToolButton { color: #611a15; border: none; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 4, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Long log lines must wrap, not widen the whole window.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.dismiss = tool_button(self, "✕", self.tr("Dismiss"))
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_outcome(self, reason: str, last_lines: Sequence[str]) -> None:
        quoted = [
            line if len(line) <= BANNER_LINE_CHARS else line[:BANNER_LINE_CHARS] + "…"
            for line in last_lines[-BANNER_LINES:]
        ]
        parts = [
            f"<b>{html.escape(self.tr('The server stopped unexpectedly'))}</b>",
            f"<br>{html.escape(reason)}",
        ]
        if quoted:
            parts.append(
                f"<br><br>{html.escape(self.tr('Last lines:'))}"
                '<p style="white-space:pre-wrap; font-family:monospace; margin:2px 0 0 0">'
                + html.escape("\n".join(quoted))
                + "</p>"
            )
        self.label.setText("".join(parts))
        self.show()
