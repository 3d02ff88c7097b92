"""The main window: servers on the left; their log, GPU memory and details on the right.

The window is painted first from the config alone (:mod:`panel.ui.window.skeleton`:
list, header, tabs, status bar); the servers' hub, the start checks, the GPU sampler and
the log view come right after the first paint (:mod:`panel.ui.window.startup`). Its
commands and slots live beside it, one mixin a module:
:mod:`~panel.ui.window.actions` (actions, menus, toolbar),
:mod:`~panel.ui.window.server_control` (start, stop, pulls, leftover containers),
:mod:`~panel.ui.window.profile_commands` (new, edit, delete, copy),
:mod:`~panel.ui.window.start_checks` (what can start, where the window opens),
:mod:`~panel.ui.window.tab_pages` (the tabs, built when first opened),
:mod:`~panel.ui.window.hub_events` (servers' states and lines),
:mod:`~panel.ui.window.header` (header, actions' state, status bar),
:mod:`~panel.ui.window.lifetime` (tray, geometry, quitting),
:mod:`~panel.ui.window.help_menu` and :mod:`~panel.ui.window.first_run` (the page shown
when nothing can start yet). :mod:`~panel.ui.window.window_base` declares what they use
of each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox

from panel.core.config.profiles import ServerProfile
from panel.core.config.store import Config, ConfigError, ConfigStore
from panel.core.servers.server_state import ServerState
from panel.ui.window.actions import (
    WindowActions,
    build_actions,
    build_menu_bar,
    build_toolbar,
    list_context_menu,
)
from panel.ui.window.header import WindowHeader
from panel.ui.window.hub_events import HubEvents
from panel.ui.window.language_menu import add_language_menu
from panel.ui.window.lifetime import WindowLifetime
from panel.ui.window.profile_commands import ProfileCommands
from panel.ui.window.server_control import ServerControl
from panel.ui.window.skeleton import build_skeleton
from panel.ui.window.start_checks import StartChecks
from panel.ui.window.startup import DeferredStartup, FirstPaint
from panel.ui.window.tab_pages import TabPages

if TYPE_CHECKING:
    # Loaded right after the first paint, or with the command that needs them.
    from panel.core.doctor import DoctorReport
    from panel.core.gpu.sampler import GpuSampler
    from panel.core.servers.containers import ContainerInfo
    from panel.core.servers.supervisor import ServerProcess
    from panel.ui.window.help_menu import DoctorDialog
    from panel.ui.window.server_hub import ServerHub

__all__ = ["MainWindow", "initial_config"]

LeftoverCheck = Callable[[], "list[ContainerInfo]"]


class MainWindow(
    ServerControl,
    ProfileCommands,
    StartChecks,
    WindowLifetime,
    TabPages,
    HubEvents,
    WindowHeader,
    DeferredStartup,
    WindowActions,
    QMainWindow,
):
    """``hub`` and ``sampler`` default to new ones, made right after the first paint.
    ``leftover_check`` lists running containers of ours that this panel did not start
    (it blocks on the container daemon and runs off the GUI thread once the window is
    first shown); the default asks the runtimes the profiles use. ``stop_container``
    stops one of them (off the GUI thread too). ``doctor`` makes the Help menu's report
    (default: :func:`panel.core.doctor.run_doctor` on this config).

    ``startupFinished`` follows :meth:`finish_startup`: the hub, the start checks and
    the log view are in place."""

    startupFinished = Signal()

    def __init__(
        self,
        store: ConfigStore,
        *,
        hub: ServerHub | None = None,
        sampler: GpuSampler | None = None,
        config: Config | None = None,
        config_error: ConfigError | None = None,
        leftover_check: LeftoverCheck | None = None,
        stop_container: Callable[[ContainerInfo, float], None] | None = None,
        doctor: Callable[[], DoctorReport] | None = None,
    ) -> None:
        super().__init__()
        self._leftover_check = leftover_check
        self._stop_container = stop_container
        self._doctor = doctor or self._run_doctor
        self._leftovers_checked = False
        self.leftover_dialog = None
        self.doctor_dialog: DoctorDialog | None = None
        self.about_box = None
        self._starting = set()
        self._blockers = {}
        self._checks = 0
        self.checks_pending = False
        self._picked = ""
        self._hint = ""
        self.store = store
        self.config = config if config is not None else Config()
        self._started = False
        self._hub = hub
        self._sampler = sampler
        self._loads = None
        self._live_figures = None
        self._router_models = None
        self._quitting = False
        self.tray = None  # set_tray(), where the desktop has a tray
        self._gpu_bytes = {}

        self.setWindowTitle(self.tr("Inference Panel"))
        self.setObjectName("MainWindow")
        build_actions(self)
        build_toolbar(self)
        build_menu_bar(self)
        add_language_menu(self)
        build_skeleton(self)
        self._connect()
        self.model.set_profiles(self.config.profiles)
        self._restore_geometry()
        self._open_on_first_choice()
        self._update_status()
        FirstPaint(self, self.finish_startup)
        if config_error is not None:
            QTimer.singleShot(0, lambda: self._show_config_error(config_error))

    def _connect(self) -> None:
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.clicked.connect(lambda _index: self._show_details())
        self.list.doubleClicked.connect(self._on_double_click)
        self.first_run.showModelsRequested.connect(self.show_models)
        self.first_run.attachRequested.connect(self.attach_to_server)

    @property
    def started(self) -> bool:
        """The deferred start-up has run (:meth:`finish_startup`)."""
        return self._started

    def finish_startup(self) -> None:
        if self._started:
            return
        super().finish_startup()
        self.startupFinished.emit()

    def _run_doctor(self) -> DoctorReport:
        from panel.core.doctor import run_doctor

        return run_doctor(self.store)

    # -- selection -------------------------------------------------------------------
    def selected_profile(self) -> ServerProfile | None:
        row = self.model.row_at(self.list.currentIndex())
        return row.profile if row else None

    def select_none(self) -> None:
        self.list.setCurrentIndex(QModelIndex())

    def select(self, name: str) -> None:
        i = self.model.row_for(name)
        if i is not None:
            self.list.setCurrentIndex(self.model.index(i))

    def selected_server(self) -> ServerProcess | None:
        profile = self.selected_profile()
        return self.hub.server(profile) if profile else None

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        profile = self.selected_profile()
        if profile is None or profile.name != self._picked:
            self._picked = ""  # the user chose: the window no longer picks for them
        if current.isValid():
            self._show_details()
        if self._started:  # else the log view binds the selection when it is built
            self._bind_log()
        self._update_header()
        self._update_actions()

    def _bind_log(self) -> None:
        """The log tab shows the selected server's log."""
        server = self.selected_server()
        self.log_view.set_log(server.log if server else None)
        placeholder = ""
        if server is not None and not len(server.log):
            placeholder = (
                self.tr("Attached: the server's log is wherever it was started.")
                if server.profile.attached
                else self.tr("Not started yet. Start it with F5; its log appears here.")
            )
        self.log_view.text_view.setPlaceholderText(placeholder)
        if server is not None and server.state is ServerState.CRASHED and server.outcome:
            self.log_view.show_outcome(server.outcome.reason, server.outcome.last_lines)

    @Slot(QModelIndex)
    def _on_double_click(self, index: QModelIndex) -> None:
        # A model's line loads its model; a profile's line opens its editor.
        if not (index.isValid() and self.router_models.activate(index)):
            self.edit_selected()

    @Slot(QPoint)
    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if index.isValid():
            self.list.setCurrentIndex(index)
        # The line of a router-mode server's model has a menu of its own.
        menu = self.router_models.menu_for(index) if index.isValid() else None
        if menu is None:
            menu = list_context_menu(self, on_row=index.isValid())
        menu.exec(self.list.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- dialogs -----------------------------------------------------------------------
    def _confirm(self, title: str, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is ok

    def _show_config_error(self, error: ConfigError) -> None:
        QMessageBox.warning(
            self,
            self.tr("Configuration problem"),
            self.tr(
                "{0}\n\nThe panel starts with what it could read. Your file was not "
                "changed; saving will ask before replacing it."
            ).format(error),
        )

    # -- help (its dialogs' module loads when one is asked for) ------------------------
    def open_docs(self) -> None:
        from panel.ui.window import help_menu

        help_menu.open_docs(self)

    def open_config_folder(self) -> None:
        from panel.ui.window import help_menu

        help_menu.open_folder(self, self.store.path.parent)

    def show_doctor(self) -> None:
        """The `doctor` report; its checks run off the GUI thread."""
        from panel.ui.window import help_menu

        self.doctor_dialog = help_menu.DoctorDialog(self._doctor, self)
        self.doctor_dialog.open()

    def show_about(self) -> None:
        from panel.ui.window import help_menu

        self.about_box = help_menu.about_box(self)
        self.about_box.open()

    # -- containers left running ----------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_pending_hint()
        if self._started:  # else the start-up looks, once shown
            QTimer.singleShot(0, self._check_leftovers_once)


def initial_config(store: ConfigStore) -> tuple[Config, ConfigError | None]:
    """The config to start with: the file's, or an empty one plus the error to show."""
    try:
        return store.load(), None
    except ConfigError as exc:
        return Config(), exc
