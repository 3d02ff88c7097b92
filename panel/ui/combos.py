"""Refilling a combo box without losing the user's choice or firing its signals."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox


def refill(combo: QComboBox, names: Sequence[str], keep: str | None) -> None:
    """Offer ``names`` (each item's data is its name); ``keep`` stays chosen while offered.

    Signals are blocked meanwhile: a list that changes under the user is not a choice.
    """
    combo.blockSignals(True)
    try:
        combo.clear()
        for name in names:
            combo.addItem(name, name)
        if keep is not None and keep in names:
            combo.setCurrentIndex(list(names).index(keep))
    finally:
        combo.blockSignals(False)
