"""The images attached to the next message: prepared off the GUI thread, in the order the
user added them, whatever order they finish in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from panel.core.chat.image_prep import ImageError
from panel.core.config.profiles import ServerProfile
from panel.ui.chat.attachments import Attachment, prepare_attachment
from panel.ui.workers import OffThread


class ImageTray(QObject):
    """Attachments and the ones still being prepared. :attr:`changed` after any change;
    :attr:`failed` with a message for the user when an image cannot be added."""

    changed = Signal()
    added = Signal()
    failed = Signal(str)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._items: list[Attachment] = []
        self._pending: dict[int, str] = {}
        self._next_job = 0
        # Which add() came last to succeed and to fail: an image added after a failure
        # clears its message, one from the same drop must not.
        self.last_added_job = -1
        self.last_failed_job = -1

    def items(self) -> list[Attachment]:
        return list(self._items)

    def pending(self) -> list[str]:
        return list(self._pending.values())

    def __len__(self) -> int:
        return len(self._items)

    def add(self, source: Path | str | bytes, label: str, profile: ServerProfile | None) -> None:
        job = self._next_job
        self._next_job += 1
        self._pending[job] = label
        OffThread(
            lambda: prepare_attachment(source, label, profile),
            lambda outcome: self._on_prepared(job, outcome),
            self,
        )
        self.changed.emit()

    def _on_prepared(self, job: int, outcome: object) -> None:
        label = self._pending.pop(job, "")
        if isinstance(outcome, Attachment):
            self.last_added_job = max(self.last_added_job, job)
            outcome.order = job
            self._items.append(outcome)
            self._items.sort(key=lambda a: a.order)
            self.added.emit()
        elif isinstance(outcome, ImageError):
            self.last_failed_job = max(self.last_failed_job, job)
            self.failed.emit(str(outcome))
        else:
            self.last_failed_job = max(self.last_failed_job, job)
            self.failed.emit(
                self.tr("Could not add {name}: {error}").format(name=label, error=outcome)
            )
        self.changed.emit()

    def remove(self, index: int) -> None:
        if 0 <= index < len(self._items):
            del self._items[index]
            self.changed.emit()

    def clear(self) -> None:
        if self._items:
            self._items.clear()
            self.changed.emit()
