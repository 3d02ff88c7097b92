"""The run's full log on disk, from the log view: open it, and count search hits in it.

The view shows the newest lines and may skip some under a flood; the run log file
(:mod:`panel.core.servers.run_log`) has them all. "Open full log" (toolbar button, the
text's context menu, Ctrl+Shift+O) opens it with the desktop's opener; its tooltip, and
a message when no opener answers, give its path. While a search is active, its hits in
the whole file are counted off the GUI thread and shown beside the view's own count.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPlainTextEdit, QToolButton, QWidget

from panel.core.servers.logbuffer import LogBuffer
from panel.core.servers.run_log import count_in_files
from panel.ui.log.buttons import tool_button
from panel.ui.workers import OffThread


class FullLog(QObject):
    """The "Open full log" action and button, and the file search, for one log view."""

    def __init__(self, parent: QWidget, text_view: QPlainTextEdit) -> None:
        super().__init__(parent)
        self._parent = parent
        self._text_view = text_view
        self._log: LogBuffer | None = None
        self._search = ""
        self._counting: OffThread | None = None
        self.file_hits: int | None = None  # hits of the search in the whole file, once known
        self.on_counted: Callable[[], None] = lambda: None

        self.action = QAction(self.tr("Open full log"), parent)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.triggered.connect(lambda: self.open())
        parent.addAction(self.action)
        self.button: QToolButton = tool_button(parent, "", "")
        self.button.setDefaultAction(self.action)
        # The toolbar shares one row with search, filter and six buttons: the short word
        # keeps the window usable at 1024 px (the action's own text is in menus).
        self.action.setIconText(self.tr("Full log"))
        text_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        text_view.customContextMenuRequested.connect(self._context_menu)
        self.set_log(None)

    # -- the file --------------------------------------------------------------------
    def set_log(self, log: LogBuffer | None) -> None:
        self._log = log
        self._shown: object = False  # not a RunLog: the next refresh looks
        self.refresh()
        self.search(self._search)  # another server: its own file's hits

    def follow(self) -> None:
        """Lines came: a new run may have begun (a new file). Cheap when none did."""
        log = self._log
        if log is not None and log.run_log is not self._shown:
            self.refresh()

    def paths(self) -> list[Path]:
        """The shown run's files still on disk, oldest first."""
        run_log = self._log.run_log if self._log is not None else None
        return run_log.paths() if run_log is not None else []

    def target(self) -> Path | None:
        """What "Open full log" opens: the run's file, or its folder when it was rotated
        into several parts."""
        run_log = self._log.run_log if self._log is not None else None
        if run_log is None:
            return None
        return run_log.folder if run_log.rotated else run_log.path

    def refresh(self) -> None:
        """Enable the action when there is a file (a run started); its path as tooltip."""
        self._shown = self._log.run_log if self._log is not None else None
        target = self.target()
        self.action.setEnabled(target is not None)
        if target is None:
            tip = self.tr("Every line of a run is kept in a file once the server starts")
        else:
            tip = self.tr("Open every line of this run ({path})").format(path=target)
        self.action.setToolTip(tip)

    def open(self) -> bool:
        target = self.target()
        if target is None:
            return False
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            return True
        QMessageBox.information(
            self._parent,
            self.tr("Full log"),
            self.tr("No application opened the log. Every line of this run is in {path}").format(
                path=target
            ),
        )
        return False

    def _context_menu(self, pos: QPoint) -> None:
        self.refresh()
        menu = self._text_view.createStandardContextMenu()
        menu.addSeparator()
        menu.addAction(self.action)
        menu.exec(self._text_view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- search in the file ------------------------------------------------------------
    def search(self, text: str) -> None:
        """Count ``text`` in the whole run log, off the GUI thread (``on_counted`` then)."""
        self._search = text
        self.file_hits = None
        paths = self.paths()
        if not text or not paths:
            return
        if self._counting is not None:
            return  # the one running recounts when it ends, with the newest text

        def done(outcome: object) -> None:
            self._counting = None
            if text != self._search:
                self.search(self._search)
                return
            self.file_hits = outcome if isinstance(outcome, int) else None
            self.on_counted()

        self._counting = OffThread(lambda: count_in_files(paths, text), done, self)
