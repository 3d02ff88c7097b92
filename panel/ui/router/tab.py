"""The Router tab: the address to copy, whether the router runs, and the live request list
with "copy as curl" for each request.

The router itself (:class:`panel.core.router.service.Router`) runs on its own thread; its
records and notes reach this tab through :class:`panel.ui.workers.ToGui`.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from panel.core.router.records import RequestRecord, curl_command
from panel.core.router.service import Router, exposure_warning
from panel.ui.router.requests_model import RequestsModel
from panel.ui.workers import OffThread, ToGui


class RouterTab(QWidget):
    """``start_now``: start listening as soon as the tab is built (``[router] enabled``)."""

    def __init__(
        self, router: Router, *, start_now: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RouterTab")
        self.router = router
        self.model = RequestsModel(self)
        self._busy = False

        self.address = QLabel()
        self.address.setObjectName("RouterAddress")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_address = QPushButton(self.tr("Copy address"))
        self.copy_address.setObjectName("CopyRouterAddress")
        self.state = QLabel()
        self.state.setObjectName("RouterState")
        self.toggle = QPushButton()
        self.toggle.setObjectName("RouterToggle")
        self.warning = QLabel()
        self.warning.setObjectName("RouterWarning")
        self.warning.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("RouterNote")
        self.note.setWordWrap(True)

        self.table = QTableView()
        self.table.setObjectName("RouterRequests")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Requests through the router"))
        self.copy_curl = QPushButton(self.tr("Copy as curl"))
        self.copy_curl.setObjectName("CopyRouterCurl")
        self.copy_curl.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Address:")))
        top.addWidget(self.address, 1)
        top.addWidget(self.copy_address)
        top.addWidget(self.state)
        top.addWidget(self.toggle)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.copy_curl)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self.copy_address.clicked.connect(self._copy_address)
        self.toggle.clicked.connect(self._toggle)
        self.copy_curl.clicked.connect(self._copy_selected_curl)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        router.add_record_listener(ToGui(self._on_record, self))
        router.add_note_listener(ToGui(self._on_note, self))
        for record in router.records():
            self.model.update(record)
        self._show_state()
        if start_now and not router.running:
            self._set_running(True)

    # -- state ---------------------------------------------------------------------------
    def _show_state(self, error: str = "") -> None:
        running = self.router.running
        self.address.setText(self.router.address + "/v1")
        if self._busy:
            self.state.setText(self.tr("…"))
        elif error:
            self.state.setText(self.tr("not running: {0}").format(error))
        else:
            self.state.setText(self.tr("listening") if running else self.tr("stopped"))
        self.toggle.setText(self.tr("Stop") if running else self.tr("Start"))
        self.toggle.setEnabled(not self._busy)
        warning = exposure_warning(self.router.settings.host)
        self.warning.setText(
            self.tr(
                "⚠ The router listens on every network interface ({0}): other machines can "
                "reach every model through it. 127.0.0.1 keeps it on this machine."
            ).format(self.router.settings.host)
            if warning
            else ""
        )
        self.warning.setVisible(bool(warning))

    def _toggle(self) -> None:
        self._set_running(not self.router.running)

    def _set_running(self, on: bool) -> None:
        self._busy = True
        self._show_state()
        router = self.router

        def work() -> None:
            if on:
                router.start()
            else:
                router.stop(stop_servers=True)

        OffThread(work, self._on_switched, self)

    def _on_switched(self, outcome: object) -> None:
        self._busy = False
        self._show_state(str(outcome) if isinstance(outcome, Exception) else "")

    # -- requests ------------------------------------------------------------------------
    def _on_record(self, record: RequestRecord) -> None:
        at_end = self.table.verticalScrollBar().value() == self.table.verticalScrollBar().maximum()
        self.model.update(record)
        if at_end:
            self.table.scrollToBottom()

    def _on_note(self, text: str) -> None:
        self.note.setText(text)

    def _selected(self) -> RequestRecord | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _on_selection(self) -> None:
        self.copy_curl.setEnabled(self._selected() is not None)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        record = self.model.record(index.row()) if index.isValid() else None
        if record is None:
            return
        menu = QMenu(self)
        action = menu.addAction(self.tr("Copy as curl"))
        action.setObjectName("CopyCurlAction")
        action.triggered.connect(lambda: self._copy_curl(record))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _copy_selected_curl(self) -> None:
        record = self._selected()
        if record is not None:
            self._copy_curl(record)

    def _copy_curl(self, record: RequestRecord) -> None:
        QGuiApplication.clipboard().setText(curl_command(record, self.router.address))

    def _copy_address(self) -> None:
        QGuiApplication.clipboard().setText(self.router.address + "/v1")

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window stops every server as it quits; here only the listening ends.
        self.router.stop(stop_servers=False)
        super().closeEvent(event)
