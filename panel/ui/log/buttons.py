"""The small flat buttons of the log's toolbar and banner."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QToolButton, QWidget


def tool_button(
    parent: QWidget, text: str, tip: str, slot: Callable[[], object] | None = None
) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    if slot is not None:
        button.clicked.connect(lambda: slot())
    return button
