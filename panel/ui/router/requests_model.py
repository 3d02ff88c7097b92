"""The live request list: one row per request through the router, newest last."""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, QObject, Qt

from panel.core.router.records import CANCELLED, RequestRecord
from panel.ui.router.table_model import Index, RowsModel

MAX_ROWS = 500  # as many as the router keeps
#: Status, first token, tokens/s and duration: figures, right-aligned to compare by eye;
#: the server's name reads from the left like the other names.
_FIGURES = range(3, 7)


class RequestsModel(RowsModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__([], parent)
        self._headers = [
            self.tr("Time"),
            self.tr("Model"),
            self.tr("Route"),
            self.tr("Status"),
            self.tr("First token"),
            self.tr("Tokens/s"),
            self.tr("Duration"),
            self.tr("Server"),
        ]
        self._rows: list[RequestRecord]
        self._row_of: dict[int, int] = {}

    def record(self, row: int) -> RequestRecord | None:
        item: RequestRecord | None = self.row_item(row)
        return item

    def update(self, record: RequestRecord) -> None:
        """A new request, or a step of one already listed."""
        row = self._row_of.get(record.id)
        if row is not None:
            self._rows[row] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))
            return
        if len(self._rows) >= MAX_ROWS:
            self.beginRemoveRows(QModelIndex(), 0, 0)
            self._rows.pop(0)
            self.endRemoveRows()
            self._row_of = {r.id: i for i, r in enumerate(self._rows)}
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._row_of[record.id] = len(self._rows)
        self._rows.append(record)
        self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        record = self.record(index.row())
        if record is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.error or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in _FIGURES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(record, index.column())

    def _text(self, record: RequestRecord, column: int) -> str:
        if column == 0:
            return time.strftime("%H:%M:%S", time.localtime(record.started))
        if column == 1:
            return record.model or "—"
        if column == 2:
            return record.route
        if column == 3:
            if record.status is None:
                return self.tr("loading…") if record.started_server else self.tr("running…")
            if record.status == CANCELLED:
                return self.tr("{0} (client left)").format(CANCELLED)
            return str(record.status)
        if column == 4:
            first = record.first_token
            return "" if first is None else f"{first * 1000:.0f} ms"
        if column == 5:
            speed = record.tokens_per_second
            return "" if speed is None else f"{speed:.1f}"
        if column == 6:
            return "" if record.duration is None else f"{record.duration:.2f} s"
        return record.profile
