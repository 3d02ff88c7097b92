"""The Router tab's list of profiles: each with its state ("sleeping" included), whether
it is pinned, and how the router unloads it."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from panel.core.router.pool import Served
from panel.ui.router.table_model import Index, RowsModel


class ServedModel(RowsModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self._headers = [
            self.tr("Profile"),
            self.tr("Engine"),
            self.tr("State"),
            self.tr("Pinned"),
            self.tr("When idle"),
        ]
        self._rows: list[Served]

    def served(self, row: int) -> Served | None:
        item: Served | None = self.row_item(row)
        return item

    def row_of(self, name: str) -> int | None:
        return next((i for i, s in enumerate(self._rows) if s.name == name), None)

    def set_rows(self, rows: list[Served]) -> None:
        if [s.name for s in rows] != [s.name for s in self._rows]:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
            return
        changed = [
            i for i, (old, new) in enumerate(zip(self._rows, rows, strict=True)) if old != new
        ]
        self._rows = list(rows)
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        served = self.served(index.row())
        if served is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return served.name
        if column == 1:
            return served.engine
        if column == 2:
            return self._state(served.state)
        if column == 3:
            return self.tr("pinned") if served.pinned else ""
        return self._when_idle(served)

    def _state(self, state: str) -> str:
        names = {
            "stopped": self.tr("stopped"),
            "starting": self.tr("starting"),
            "loading": self.tr("loading"),
            "ready": self.tr("ready"),
            "stopping": self.tr("stopping"),
            "crashed": self.tr("crashed"),
            "sleeping": self.tr("sleeping"),
            "waking": self.tr("waking"),
            "attached": self.tr("attached"),
        }
        return names.get(state, state)

    def _when_idle(self, served: Served) -> str:
        if served.state == "attached":
            return ""
        if served.pinned or served.idle_timeout <= 0:
            return self.tr("kept loaded")
        if served.unload == "sleep":
            return self.tr("sleep after {0:g} s").format(served.idle_timeout)
        return self.tr("stop after {0:g} s").format(served.idle_timeout)
