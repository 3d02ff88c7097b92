"""The tray icon: which servers run, start/stop them, and a window that can close while
servers keep running (where the desktop has a tray)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from panel.core.servers.supervisor import ServerState

if TYPE_CHECKING:
    from panel.ui.main_window import MainWindow


class ServerTray(QSystemTrayIcon):
    def __init__(self, window: MainWindow, icon: QIcon) -> None:
        super().__init__(icon, window)
        self.window = window
        self.menu = QMenu()
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.setContextMenu(self.menu)
        self.activated.connect(self._on_activated)
        self.rebuild_menu()

    def rebuild_menu(self) -> None:
        """Fresh each time it opens: server states change while it is closed."""
        tr = self.tr
        menu = self.menu
        menu.clear()
        menu.addAction(tr("Show Inference Panel"), self.window.bring_to_front)
        menu.addSeparator()
        for row in self.window.model.rows():
            profile = row.profile
            state = self.window.model.badge(row)[0]
            sub = menu.addMenu(f"{profile.name} — {state}")
            if profile.attached:
                sub.setEnabled(False)
                continue
            running = row.state.running
            start = sub.addAction(tr("Start"), partial(self._start, profile.name))
            start.setEnabled(not running)
            stop = sub.addAction(tr("Stop"), partial(self._stop, profile.name))
            stop.setEnabled(running and row.state is not ServerState.STOPPING)
        menu.addSeparator()
        menu.addAction(tr("Quit (stops all servers)"), self.window.quit_for_good)
        count = sum(1 for row in self.window.model.rows() if row.state.running)
        self.setToolTip(tr("Inference Panel: {0} running").format(count))

    def _start(self, name: str) -> None:
        self.window.select(name)
        self.window.start_selected()

    def _stop(self, name: str) -> None:
        server = self.window.hub.supervisor.get(name)
        if server is not None:
            server.stop()

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            if self.window.isVisible():
                self.window.hide()
            else:
                self.window.bring_to_front()
