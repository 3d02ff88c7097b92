"""The main window's lifetime: geometry, the tray, and quitting with servers running.

A mixin of :class:`panel.ui.window.main_window.MainWindow`. Closing with servers running asks
first: stop them all and quit, keep them running in the tray (where there is one), or
cancel. Quitting stops every server and waits for them, within a bound.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox

from panel.ui.window.window_base import WindowBase

if TYPE_CHECKING:
    from panel.ui.chat.tab import ChatTab
    from panel.ui.transcription.tab import TranscribeTab
    from panel.ui.window.main_window import MainWindow
    from panel.ui.window.tray import ServerTray

STOP_TIMEOUT_MARGIN = 5.0  # seconds past the longest grace before quitting regardless


class WindowLifetime(WindowBase):
    """Tray, geometry, close and quit."""

    def set_tray(self, tray: ServerTray) -> None:
        """Wire the tray's requests to the window (the tray knows only the list model)."""
        self.tray = tray
        tray.showRequested.connect(self.bring_to_front)
        tray.toggleRequested.connect(self._toggle_visible)
        tray.startRequested.connect(self._start_by_name)
        tray.stopRequested.connect(self.stop_server)
        tray.quitRequested.connect(self.quit_for_good)

    def _toggle_visible(self) -> None:
        if self.isVisible():
            self.hide()
        else:
            self.bring_to_front()

    def _start_by_name(self, name: str) -> None:
        self.select(name)
        self.start_selected()

    def _ask_on_close(self, text: str) -> str:
        """ "stop", "keep" (hide to the tray; only offered when there is one) or "cancel"."""
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Quit Inference Panel"), text, parent=self
        )
        stop = box.addButton(self.tr("Stop and quit"), QMessageBox.ButtonRole.AcceptRole)
        keep = None
        if self.tray is not None:
            keep = box.addButton(
                self.tr("Keep running in the tray"), QMessageBox.ButtonRole.ActionRole
            )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is stop:
            return "stop"
        if keep is not None and clicked is keep:
            return "keep"
        return "cancel"

    # -- window lifetime ---------------------------------------------------------------
    def _settings(self) -> QSettings:
        return QSettings("inference-panel", "inference-panel")

    def _restore_geometry(self) -> None:
        settings = self._settings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def _save_geometry(self) -> None:
        settings = self._settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())

    def bring_to_front(self) -> None:
        """Show and raise the window (a second launch, or the tray)."""
        self.showNormal()
        self.raise_()
        self.activateWindow()

    def quit_for_good(self) -> None:
        """Quit even from the tray: servers are stopped (after asking, if any run)."""
        self.tray = None
        self.bring_to_front()
        self.close()

    def request_quit(self, *, confirm: bool = True) -> None:
        """Stop every server, then close. ``confirm=False`` for SIGTERM and Ctrl-C."""
        if not confirm:
            self._begin_quit()
        self.close()

    def _begin_quit(self) -> None:
        self._quitting = True
        self.setEnabled(False)
        running = self.hub.running()
        self.statusBar().showMessage(self.tr("Stopping {0} servers…").format(len(running)))
        for server in running:
            server.stop()
        # The supervisor escalates to SIGKILL itself; this only bounds how long we wait.
        longest = max((s.profile.stop_grace for s in running), default=0.0)
        QTimer.singleShot(int((longest + STOP_TIMEOUT_MARGIN) * 1000), self._force_quit)

    def _force_quit(self) -> None:
        for server in self.hub.running():
            server.kill()
        self.hub.supervisor.stop_all(timeout=5)
        self._quitting = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        running = self.hub.running() if self._started else []
        if running and not self._quitting:
            names = ", ".join(s.profile.name for s in running)
            text = self.tr("{0} server(s) running: {1}.\nStop them and quit?").format(
                len(running), names
            )
            choice = self._ask_on_close(text)
            if choice == "keep":
                self.hide()  # the servers keep running; the tray brings the window back
                event.ignore()
                return
            if choice != "stop":
                event.ignore()
                return
            self._begin_quit()
            event.ignore()
            return
        if running:  # quitting, still waiting for servers to stop
            event.ignore()
            return
        self._save_geometry()
        if self._started:  # else there is no hub or router to stop
            from panel.ui.router.runner import shut_down_router

            shut_down_router(cast("MainWindow", self))
            self.hub.close()
        # Only the tabs that were ever opened; the others never started anything.
        for key in ("chat", "transcribe", "models", "gpu", "router"):
            tab = self.lazy_tabs.built_widget(key)
            if key in ("chat", "transcribe") and tab is not None:
                cast("ChatTab | TranscribeTab", tab).shutdown()
            elif tab is not None:
                tab.close()
        if self._started:
            self.sampler.stop()
        event.accept()
