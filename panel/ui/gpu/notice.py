"""What the GPU tab shows instead of graphs: "reading…" at first, and on a machine without
a usable NVIDIA GPU a friendly notice: what is missing, that the rest of the panel works
without it, and the command that checks."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from panel.core.gpu.nvml import GpuStatus
from panel.ui.gpu.plot import MUTED_COLOUR, TEXT_COLOUR, tr

__all__ = ["DOCTOR_COMMAND", "NoGpuNotice"]

DOCTOR_COMMAND = "inference-panel doctor"
_READABLE_WIDTH = 560  # px: lines a reader's eye can follow, however wide the window


class NoGpuNotice(QWidget):
    """A centred headline with, once the GPU status is known to be bad, two lines below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self._headline = QLabel(self.tr("Reading GPU status…"))
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() + 2)
        self._headline.setFont(font)
        self._headline.setStyleSheet(f"color: {TEXT_COLOUR};")

        self._explanation = QLabel(
            self.tr(
                "The memory graphs need an NVIDIA GPU with its driver. Everything else in "
                "the panel works without one: servers can run on the CPU, and this tab "
                "fills in by itself once a GPU is found."
            )
        )
        self._explanation.setStyleSheet(f"color: {MUTED_COLOUR};")

        command = f"<code>{html.escape(DOCTOR_COMMAND)}</code>"
        self._hint = QLabel(
            html.escape(self.tr("To see what is missing, run {0} in a terminal.")).format(command)
        )
        self._hint.setTextFormat(Qt.TextFormat.RichText)
        self._hint.setStyleSheet(f"color: {MUTED_COLOUR};")

        column = QWidget()
        column.setMaximumWidth(_READABLE_WIDTH)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        lines = QVBoxLayout(column)
        lines.setSpacing(10)
        for label in (self._headline, self._explanation, self._hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            # The command is meant to be copied; the reason may be searched for.
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            lines.addWidget(label)
        row = QHBoxLayout()  # centred, as wide as the window allows up to the cap
        row.addStretch(1)
        row.addWidget(column, 1000)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self._explanation.hide()
        self._hint.hide()

    def set_status(self, status: GpuStatus) -> None:
        """Explain an unavailable status: its reason (listed for translation in
        ``gpu_panel``) is the headline."""
        self._headline.setText(tr(status.reason) if status.reason else self.tr("No GPU data"))
        self._explanation.show()
        self._hint.show()

    def headline(self) -> str:
        return self._headline.text()

    def plain_text(self) -> str:
        """Every line shown, as plain text, one per line."""
        lines = [self._headline.text()]
        if not self._explanation.isHidden():
            lines.append(self._explanation.text())
        if not self._hint.isHidden():
            lines.append(self._hint.text().replace("<code>", "").replace("</code>", ""))
        return "\n".join(html.unescape(line) for line in lines)
