"""The tray icon: which servers run, start/stop them, and a window that can close while
servers keep running (where the desktop has a tray).

The tray reads the server list's model and asks for everything else through signals;
the window (``MainWindow.set_tray``) answers them. It knows nothing of the window.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from panel.core.servers.server_state import ServerState
from panel.ui.window.server_list import ServerListModel


class ServerTray(QSystemTrayIcon):
    showRequested = Signal()
    toggleRequested = Signal()  # a click on the icon: hide or show the window
    startRequested = Signal(str)  # profile name
    stopRequested = Signal(str)  # profile name
    quitRequested = Signal()

    def __init__(self, model: ServerListModel, icon: QIcon, parent: QObject | None = None):
        super().__init__(icon, parent)
        self.model = model
        self.menu = QMenu()
        self._shown: tuple[tuple[str, str, bool], ...] = ()  # what the menu lists now
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        # States change while the menu is closed: keep its entries and the tooltip current.
        model.dataChanged.connect(self._on_rows_changed)
        model.modelReset.connect(self.rebuild_menu)
        self.rebuild_menu()

    def _on_rows_changed(self, _first: QModelIndex, _last: QModelIndex) -> None:
        # GPU memory changes every second and the menu does not show it; rebuilding an
        # open menu would also snatch it from under the pointer.
        if self._entries() != self._shown and not self.menu.isVisible():
            self.rebuild_menu()

    def _entries(self) -> tuple[tuple[str, str, bool], ...]:
        return tuple(
            (row.profile.name, self.model.badge(row)[0], row.state.running)
            for row in self.model.rows()
        )

    def rebuild_menu(self) -> None:
        menu = self.menu
        menu.clear()
        self._shown = self._entries()
        menu.addAction(self.tr("Show Inference Panel"), self.showRequested.emit)
        menu.addSeparator()
        rows = self.model.rows()
        for row in rows:
            profile = row.profile
            state = self.model.badge(row)[0]
            sub = menu.addMenu(f"{profile.name} — {state}")
            if profile.attached:
                sub.setEnabled(False)
                continue
            running = row.state.running
            start = sub.addAction(self.tr("Start"), partial(self.startRequested.emit, profile.name))
            start.setEnabled(not running)
            stop = sub.addAction(self.tr("Stop"), partial(self.stopRequested.emit, profile.name))
            stop.setEnabled(running and row.state is not ServerState.STOPPING)
        menu.addSeparator()
        menu.addAction(self.tr("Quit (stops all servers)"), self.quitRequested.emit)
        count = sum(1 for row in rows if row.state.running)
        self.setToolTip(self.tr("Inference Panel: {0} running").format(count))

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            self.toggleRequested.emit()
