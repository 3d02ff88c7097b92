"""The Router tab: the address to copy, whether the router runs, the profiles it serves
(each with its state, pinned or not: "Pin" keeps one loaded), and the live request list
with "copy as curl" for each request.

The router itself runs on its own thread, owned by a
:class:`~panel.ui.router.runner.RouterRunner` (the window's, started with the window);
its records and notes reach this tab as the runner's signals.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QGuiApplication, QHideEvent, QShowEvent
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
from panel.ui.router.runner import RouterRunner
from panel.ui.router.served_model import ServedModel

REFRESH_MS = 1000  # the profiles' states, while the tab shows


def _table(name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class RouterTab(QWidget):
    """Shows ``runner``'s router. Given a bare :class:`Router` (no window), the tab makes
    its own runner and, with ``start_now``, starts listening."""

    def __init__(
        self,
        runner: RouterRunner | Router,
        *,
        start_now: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("RouterTab")
        self._owns_runner = isinstance(runner, Router)
        if isinstance(runner, Router):
            runner = RouterRunner(runner, parent=self)
        self.runner = runner
        self.router = runner.router
        self.model = RequestsModel(self)
        self.served = ServedModel(self)

        self.address = QLabel()
        self.address.setObjectName("RouterAddress")
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_address = QPushButton(self.tr("Copy address"))
        self.copy_address.setObjectName("CopyRouterAddress")
        self.state = QLabel()
        self.state.setObjectName("RouterState")
        self.state.setWordWrap(True)
        self.toggle = QPushButton()
        self.toggle.setObjectName("RouterToggle")
        self.warning = QLabel()
        self.warning.setObjectName("RouterWarning")
        self.warning.setWordWrap(True)
        self.note = QLabel()
        self.note.setObjectName("RouterNote")
        self.note.setWordWrap(True)

        self.profiles = _table("RouterProfiles")
        self.profiles.setModel(self.served)
        self.profiles.setAccessibleName(self.tr("Profiles the router serves"))
        self.pin_button = QPushButton(self.tr("Pin"))
        self.pin_button.setObjectName("RouterPin")
        self.pin_button.setToolTip(
            self.tr("Keep the selected profile loaded: never unloaded when idle nor evicted")
        )
        self.pin_button.setEnabled(False)

        self.table = _table("RouterRequests")
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Requests through the router"))
        self.copy_curl = QPushButton(self.tr("Copy as curl"))
        self.copy_curl.setObjectName("CopyRouterCurl")
        self.copy_curl.setEnabled(False)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Address:")))
        top.addWidget(self.address, 1)
        top.addWidget(self.copy_address)
        top.addWidget(self.state, 1)
        top.addWidget(self.toggle)
        pins = QHBoxLayout()
        pins.addStretch(1)
        pins.addWidget(self.pin_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.copy_curl)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.warning)
        layout.addWidget(self.profiles, 1)
        layout.addLayout(pins)
        layout.addWidget(self.table, 2)
        layout.addLayout(bottom)

        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._show_profiles)

        self.copy_address.clicked.connect(self._copy_address)
        self.toggle.clicked.connect(runner.toggle)
        self.copy_curl.clicked.connect(self._copy_selected_curl)
        self.pin_button.clicked.connect(self._pin_selected)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.profiles.customContextMenuRequested.connect(self._profiles_menu)
        self.profiles.selectionModel().selectionChanged.connect(self._show_pin_button)
        runner.stateChanged.connect(self._show_state)
        runner.recordChanged.connect(self._on_record)
        runner.noteAdded.connect(self._on_note)
        runner.pinSaved.connect(self._on_pin_saved)
        for record in self.router.records():
            self.model.update(record)
        if self.router.notes:
            self.note.setText(self.router.notes[-1])
        self._show_state()
        if start_now and self._owns_runner and not runner.running:
            runner.start()

    # -- state ---------------------------------------------------------------------------
    def _show_state(self) -> None:
        runner = self.runner
        running = runner.running
        self.address.setText(self.router.address + "/v1")
        if runner.busy:
            self.state.setText(self.tr("…"))
        elif runner.error:
            self.state.setText(self.tr("not running: {0}").format(runner.error))
        else:
            self.state.setText(self.tr("listening") if running else self.tr("stopped"))
        self.toggle.setText(self.tr("Stop") if running else self.tr("Start"))
        self.toggle.setEnabled(not runner.busy)
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
        self._show_profiles()

    def _show_profiles(self) -> None:
        self.served.set_rows(self.runner.listing())
        self._show_pin_button()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_profiles()
        self._refresh.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._refresh.stop()
        super().hideEvent(event)

    # -- pins -----------------------------------------------------------------------------
    def _selected_profile(self) -> str | None:
        rows = self.profiles.selectionModel().selectedRows()
        served = self.served.served(rows[0].row()) if rows else None
        return served.name if served is not None else None

    def _is_pinned(self, name: str) -> bool:
        row = self.served.row_of(name)
        served = self.served.served(row) if row is not None else None
        return served is not None and served.pinned

    def _show_pin_button(self) -> None:
        name = self._selected_profile()
        self.pin_button.setEnabled(name is not None)
        pinned = name is not None and self._is_pinned(name)
        self.pin_button.setText(self.tr("Unpin") if pinned else self.tr("Pin"))

    def _pin_selected(self) -> None:
        name = self._selected_profile()
        if name is not None:
            self._set_pinned(name, not self._is_pinned(name))

    def _set_pinned(self, name: str, pinned: bool) -> None:
        self.runner.set_pinned(name, pinned)
        self._show_profiles()

    def _on_pin_saved(self, problem: str) -> None:
        if problem:
            self.note.setText(self.tr("Pinned for this session only: {0}").format(problem))

    def _profiles_menu(self, pos: QPoint) -> None:
        index = self.profiles.indexAt(pos)
        served = self.served.served(index.row()) if index.isValid() else None
        if served is None:
            return
        menu = QMenu(self)
        if served.pinned:
            action = menu.addAction(self.tr("Unpin"))
            action.setObjectName("UnpinProfileAction")
        else:
            action = menu.addAction(self.tr("Pin (keep loaded)"))
            action.setObjectName("PinProfileAction")
        name, pinned = served.name, not served.pinned
        action.triggered.connect(lambda: self._set_pinned(name, pinned))
        menu.popup(self.profiles.viewport().mapToGlobal(pos))

    # -- requests ------------------------------------------------------------------------
    def _on_record(self, record: RequestRecord) -> None:
        at_end = self.table.verticalScrollBar().value() == self.table.verticalScrollBar().maximum()
        self.model.update(record)
        if at_end:
            self.table.scrollToBottom()

    def _on_note(self, text: str) -> None:
        self.note.setText(text)
        self._show_profiles()

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
        self.runner.shutdown()
        super().closeEvent(event)
