"""The main window: servers on the left; their log, GPU memory and details on the right.

The window's commands live beside it: :mod:`panel.ui.window.actions` (actions, menus,
toolbar), :mod:`panel.ui.window.server_control` (start, stop, pulls, leftover containers),
:mod:`panel.ui.window.profile_commands` (new, edit, delete, copy), :mod:`panel.ui.window.help_menu`
and :mod:`panel.ui.window.first_run` (the page shown when nothing can start yet).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from panel.core.config.profiles import ServerProfile
from panel.core.config.store import Config, ConfigError, ConfigStore, data_dir
from panel.core.gpu.sampler import GpuSampler
from panel.core.models.loaded import EstimateHistory, LoadRecorder
from panel.core.models.memory_fit import fit_warning, format_bytes
from panel.core.servers.preflight import Problem
from panel.core.servers.readiness import Probe, ProbeResult
from panel.core.servers.supervisor import ServerProcess, ServerState, StateChange
from panel.ui.log.view import LogView
from panel.ui.window import help_menu
from panel.ui.window.actions import (
    WindowActions,
    build_actions,
    build_menu_bar,
    build_toolbar,
    list_context_menu,
)
from panel.ui.window.container_dialogs import LeftoverDialog
from panel.ui.window.first_run import FirstRunPage
from panel.ui.window.language_menu import add_language_menu
from panel.ui.window.lazy_tabs import LazyTabs
from panel.ui.window.lifetime import WindowLifetime
from panel.ui.window.live_figures import LiveFigures
from panel.ui.window.profile_commands import ProfileCommands
from panel.ui.window.server_control import ServerControl
from panel.ui.window.server_hub import ServerHub
from panel.ui.window.server_list import ServerDelegate, ServerListModel
from panel.ui.window.start_checks import StartChecks
from panel.ui.window.tray import ServerTray

if TYPE_CHECKING:
    # The tabs' modules load when a tab is first opened (panel.ui.window.lazy_tabs).
    from panel.core.doctor import DoctorReport
    from panel.core.servers.containers import ContainerInfo
    from panel.ui.chat.tab import ChatTab
    from panel.ui.gpu.panel import GpuPanel
    from panel.ui.models.view import ModelsView
    from panel.ui.transcription.tab import TranscribeTab

__all__ = ["MainWindow", "initial_config"]

LeftoverCheck = Callable[[], "list[ContainerInfo]"]


class MainWindow(
    ServerControl, ProfileCommands, StartChecks, WindowLifetime, WindowActions, QMainWindow
):
    """``leftover_check`` lists running containers of ours that this panel did not start
    (it blocks on the container daemon and runs off the GUI thread once the window is
    first shown); the default asks the runtimes the profiles use. ``stop_container``
    stops one of them (off the GUI thread too). ``doctor`` makes the Help menu's report
    (default: :func:`panel.core.doctor.run_doctor` on this config)."""

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
        self.leftover_dialog: LeftoverDialog | None = None
        self.doctor_dialog: help_menu.DoctorDialog | None = None
        self.about_box: QMessageBox | None = None
        self._starting: set[str] = set()  # container profiles being checked
        self._blockers: dict[str, list[Problem]] = {}  # what stops each profile starting here
        self._checks = 0  # the latest round of daemon checks; older answers are stale
        self._picked = ""  # the profile the window opened on, until the user picks another
        self._hint = ""  # for the status bar, once the window is shown
        self.store = store
        self.config = config if config is not None else Config()
        self.hub = hub or ServerHub(parent=self)
        self.sampler = sampler or GpuSampler()
        self._quitting = False
        self.tray: ServerTray | None = None  # set_tray(), where the desktop has a tray
        self._gpu_bytes: dict[str, int] = {}
        # What loaded, beside the estimate; the estimate's error is kept per model.
        self.loads = LoadRecorder(EstimateHistory(data_dir() / "memory-estimates.json"))

        self.setWindowTitle(self.tr("Inference Panel"))
        self.setObjectName("MainWindow")
        build_actions(self)
        self._build_ui()
        self._connect()
        self.live_figures = LiveFigures(self)  # after _connect: its state slot runs second
        self.model.set_profiles(self.config.profiles)
        self.hub.watch_attached(self.config.profiles)
        self._refresh_problems()
        for server in self.hub.running():  # a hub handed over with servers already up
            self.model.update(server.profile.name, state=server.state)
        self._update_gpu_roots()
        self._restore_geometry()
        self._open_on_first_choice()
        self._update_status()
        if config_error is not None:
            QTimer.singleShot(0, lambda: self._show_config_error(config_error))

    # -- construction ----------------------------------------------------------------
    def _build_ui(self) -> None:
        build_toolbar(self)
        build_menu_bar(self)
        add_language_menu(self)
        self.model = ServerListModel(self)
        self.list = QListView()
        self.list.setObjectName("ServerList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(ServerDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setUniformItemSizes(True)
        self.list.setMinimumWidth(220)
        self.list.setAccessibleName(self.tr("Servers"))

        self.header_title = QLabel()
        self.header_title.setObjectName("HeaderTitle")
        font = self.header_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.header_title.setFont(font)
        self.header_title.setWordWrap(True)  # a long name wraps instead of widening the window
        self.header_detail = QLabel()
        self.header_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.header_detail.setOpenExternalLinks(True)
        self.header_detail.setWordWrap(True)
        self.header_warning = QLabel()
        self.header_warning.setObjectName("HeaderWarning")
        self.header_warning.setWordWrap(True)
        self.header_warning.setStyleSheet(
            "QLabel#HeaderWarning { background: #fff4e0; color: #7a4b00; border: 1px solid #f3c77b;"
            " border-radius: 4px; padding: 4px 8px; }"
        )
        self.header_warning.hide()

        self.log_view = LogView()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("MainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.log_view, self.tr("Log"))
        # The other tabs are built when first opened or asked for (window.chat_tab, ...).
        self.lazy_tabs = LazyTabs(self.tabs)
        self.lazy_tabs.add("chat", self.tr("Vision chat"), self._build_chat)
        self.lazy_tabs.add("transcribe", self.tr("Transcription"), self._build_transcribe)
        self.lazy_tabs.add("gpu", self.tr("GPU memory"), self._build_gpu)
        self.lazy_tabs.add("models", self.tr("Models on disk"), self._build_models)
        self.lazy_tabs.add("router", self.tr("Router"), self._build_router)
        self.lazy_tabs.built.connect(self._on_tab_built)

        self.details = QWidget()
        right_layout = QVBoxLayout(self.details)
        right_layout.setContentsMargins(10, 8, 8, 4)
        right_layout.setSpacing(4)
        right_layout.addWidget(self.header_title)
        right_layout.addWidget(self.header_detail)
        right_layout.addWidget(self.header_warning)
        right_layout.addWidget(self.tabs, 1)
        self.first_run = FirstRunPage()
        self.right = QStackedWidget()
        self.right.setObjectName("DetailStack")
        self.right.addWidget(self.details)
        self.right.addWidget(self.first_run)
        # A fixed minimum, raised only as tabs are built: otherwise the splitter follows
        # the tabs' minimums as they change (a tab filling in when first shown, a longer
        # server name in a combo box), and the divider jumps.
        self.right.setMinimumWidth(self.right.minimumSizeHint().width())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.right)
        # The list grows with the window too (a quarter of any extra width): long profile
        # names stay readable on a large screen.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 900])
        self.setCentralWidget(self.splitter)

        self.status_servers = QLabel()
        self.status_gpu = QLabel()
        self.status_config = QLabel()
        self.status_config.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bar = self.statusBar()
        bar.addWidget(self.status_servers)
        bar.addWidget(self.status_gpu)
        bar.addPermanentWidget(self.status_config)
        self.resize(1200, 760)

    def _connect(self) -> None:
        self.hub.stateChanged.connect(self._on_state)
        self.hub.linesAvailable.connect(self._on_lines)
        self.hub.attachedProbed.connect(self._on_attached_probe)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.clicked.connect(lambda _index: self._show_details())
        self.list.doubleClicked.connect(lambda _index: self.edit_selected())
        self.first_run.showModelsRequested.connect(self.show_models)
        self.first_run.attachRequested.connect(self.attach_to_server)

    # -- tabs, built when first opened or asked for -----------------------------------
    @property
    def chat_tab(self) -> ChatTab:
        return cast("ChatTab", self.lazy_tabs.get("chat"))

    @property
    def transcribe_tab(self) -> TranscribeTab:
        return cast("TranscribeTab", self.lazy_tabs.get("transcribe"))

    @property
    def gpu_panel(self) -> GpuPanel:
        return cast("GpuPanel", self.lazy_tabs.get("gpu"))

    @property
    def models_view(self) -> ModelsView:
        return cast("ModelsView", self.lazy_tabs.get("models"))

    def _build_chat(self) -> QWidget:
        from panel.ui.chat.tab import ChatTab

        return ChatTab()

    def _build_transcribe(self) -> QWidget:
        from panel.ui.transcription.tab import TranscribeTab

        return TranscribeTab()

    def _build_gpu(self) -> QWidget:
        from panel.ui.gpu.panel import GpuPanel

        # Samples at 4 Hz keep the history exact; repainting at 1 Hz keeps an idle window cheap.
        panel = GpuPanel(self.sampler, min_repaint_interval=1.0)
        panel.serverMemoryChanged.connect(self._on_gpu_memory)
        return panel

    def _build_models(self) -> QWidget:
        from panel.ui.models.view import ModelsView

        view = ModelsView(self.sampler, folders=self._model_dirs(), scan_when_shown=True)
        view.newProfileRequested.connect(self.new_profile_from_model)
        return view

    def _build_router(self) -> QWidget:
        from panel.core.router.service import Router
        from panel.ui.router.tab import RouterTab

        router = Router.create(
            self.hub.supervisor,
            lambda: self.config.profiles,
            self.config.router,
            nvml=self.sampler.nvml,
            server_for=self.hub.server,
        )
        return RouterTab(router, start_now=self.config.router.enabled)

    @Slot(str, QWidget)
    def _on_tab_built(self, key: str, widget: QWidget) -> None:
        if key in ("chat", "transcribe"):
            self._update_chat_targets()
        elif key == "gpu":
            self._update_gpu_roots()
        # Never narrower than the new tab: the window, not the tab, gives way.
        needed = self.right.minimumSizeHint().width()
        if needed > self.right.minimumWidth():
            self.right.setMinimumWidth(needed)

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
        self._update_header()
        self._update_actions()

    # -- views ---------------------------------------------------------------------------
    def show_log(self) -> None:
        self._show_tab(self.log_view)

    def show_chat(self) -> None:
        self._show_tab(self.chat_tab)

    def show_transcribe(self) -> None:
        self._show_tab(self.transcribe_tab)

    def show_gpu(self) -> None:
        self._show_tab(self.gpu_panel)

    def show_models(self) -> None:
        self._show_tab(self.models_view)

    def _show_tab(self, tab: QWidget) -> None:
        self._show_details()
        self.tabs.setCurrentWidget(tab)

    @Slot(QPoint)
    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if index.isValid():
            self.list.setCurrentIndex(index)
        menu = list_context_menu(self, on_row=index.isValid())
        menu.exec(self.list.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # -- hub events --------------------------------------------------------------------
    @Slot(str, object)
    def _on_state(self, name: str, change: StateChange) -> None:
        progress = ""
        if change.state is ServerState.LOADING and change.progress is not None:
            p = change.progress
            progress = (
                self.tr("loading {0} %").format(round(p.fraction * 100))
                if p.fraction is not None
                else p.phase
            )
        reason = change.outcome.reason if change.outcome and change.outcome.crashed else ""
        server = self.hub.supervisor.get(name)
        container = server.container_name if server is not None else ""
        self.model.update(
            name, state=change.state, progress_text=progress, reason=reason, container=container
        )
        if not change.state.running:
            self.model.update(name, gpu_bytes=None)
        profile = self.selected_profile()
        if profile is not None and profile.name == name:
            if change.state is ServerState.STARTING:
                self.log_view.hide_outcome()  # a new run; the old crash is history
            if change.state is ServerState.CRASHED and change.outcome is not None:
                self.log_view.show_outcome(change.outcome.reason, change.outcome.last_lines)
            self._update_header()
            self._update_actions()
        self._update_gpu_roots()
        self._update_status()
        self._update_chat_targets()
        models = self.lazy_tabs.built_widget("models")
        if (
            models is not None
            and self.tabs.currentWidget() is models
            and change.state in (ServerState.READY, ServerState.STOPPED, ServerState.CRASHED)
        ):
            self.models_view.refresh_fit()  # free memory just changed
        if self._quitting and not self.hub.running():
            self.close()

    def _update_chat_targets(self) -> None:
        """The chat and transcription tabs offer the ready servers of their role,
        attached ones included (each tab picks its roles)."""
        ready = [row.profile for row in self.model.rows() if row.state is ServerState.READY]
        for key in ("chat", "transcribe"):
            if self.lazy_tabs.built_widget(key) is not None:
                cast("ChatTab | TranscribeTab", self.lazy_tabs.get(key)).set_targets(ready)

    @Slot(str, object)
    def _on_attached_probe(self, name: str, result: ProbeResult) -> None:
        up = result.state is Probe.READY
        self.model.update(name, state=ServerState.READY if up else ServerState.STOPPED)
        self._update_chat_targets()
        profile = self.selected_profile()
        if profile is not None and profile.name == name:
            self._update_header()

    @Slot(str)
    def _on_lines(self, name: str) -> None:
        # Only the shown server's lines are pulled; the others stay in their buffers.
        profile = self.selected_profile()
        if profile is not None and profile.name == name:
            self.log_view.new_lines()

    @Slot(dict)
    def _on_gpu_memory(self, by_server: dict) -> None:  # type: ignore[type-arg]
        self._gpu_bytes = {k: int(v) for k, v in by_server.items()}
        for row in self.model.rows():
            used = self._gpu_bytes.get(row.profile.name)
            self.model.update(row.profile.name, gpu_bytes=used or None)
        self._update_status()

    def _update_gpu_roots(self) -> None:
        # A container's processes are not in the client's tree: gpu_root is where they are.
        roots: dict[str, int] = {}
        in_containers: dict[str, str] = {}
        for server in self.hub.running():
            if server.gpu_root is not None:
                roots[server.profile.name] = server.gpu_root
            if server.container_id:
                in_containers[server.profile.name] = server.container_id
        if not roots and self.lazy_tabs.built_widget("gpu") is None:
            return  # nothing to attribute and nothing shown: no need for the GPU tab yet
        self.gpu_panel.set_servers(roots, in_containers)
        # The list and status bar show servers' GPU memory even when the GPU tab is hidden;
        # with no server running nothing needs samples unless the tab is on screen.
        self.gpu_panel.set_sampling_while_hidden(bool(roots))

    # -- header, actions, status bar ---------------------------------------------------
    def _update_header(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            self.header_title.setText(self.tr("No server selected"))
            self.header_detail.setText(self.tr("Create a profile with New profile… (Ctrl+N)."))
            self.header_warning.hide()
            return
        server = self.hub.server(profile)
        row = self.model.rows()[self.model.row_for(profile.name) or 0]
        self.header_title.setText(profile.name)
        url = profile.base_url
        state = self.model.badge(row)[0]
        if server.state is ServerState.READY and server.ready_after is not None:
            state = self.tr("ready after {0:.1f} s").format(server.ready_after)
        detail = f'<a href="{url}">{url}</a> · {state}'
        if server.container_name:
            detail += " · " + self.tr("container {0}").format(html.escape(server.container_name))
        if server.state is ServerState.READY:
            gpu_bytes = self._gpu_bytes.get(profile.name, 0)
            loaded = self.loads.detail(profile, server, self.sampler.latest(), gpu_bytes)
            detail += "<br>" + html.escape(loaded) if loaded else ""
        self.header_detail.setText(detail)
        warning = ""
        if row.problem is not None and not server.state.running:
            warning = self.tr("Can't start here: {0}").format(row.problem)
        elif server.state is ServerState.CRASHED and server.outcome is not None:
            warning = self.tr("Crashed: {0}").format(server.outcome.reason)
        else:
            warning = fit_warning(profile, self.sampler.latest(), self.loads.history) or ""
        self.header_warning.setText(warning)
        self.header_warning.setVisible(bool(warning))

    def _update_actions(self) -> None:
        profile = self.selected_profile()
        server = self.hub.supervisor.get(profile.name) if profile else None
        running = server is not None and server.state.running
        launchable = profile is not None and not profile.attached
        self.act_start.setEnabled(launchable and not running)
        self.act_stop.setEnabled(launchable and running)
        self.act_restart.setEnabled(launchable and running)
        for act in (self.act_edit, self.act_duplicate, self.act_copy_url, self.act_copy_cmd):
            act.setEnabled(profile is not None)
        self.act_delete.setEnabled(profile is not None and not running)

    def _update_status(self) -> None:
        running = self.hub.running()
        ready = sum(1 for s in running if s.state is ServerState.READY)
        self.status_servers.setText(
            self.tr("{0} running, {1} ready").format(len(running), ready)
            if running
            else self.tr("No servers running")
        )
        total = sum(self._gpu_bytes.get(s.profile.name, 0) for s in running)
        self.status_gpu.setText(
            self.tr("GPU memory held by panel servers: {0}").format(format_bytes(total))
            if total
            else ""
        )
        self.status_config.setText(self.tr("Config: {0}").format(self.store.path))

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

    # -- help ----------------------------------------------------------------------------
    def open_docs(self) -> None:
        help_menu.open_docs(self)

    def open_config_folder(self) -> None:
        help_menu.open_folder(self, self.store.path.parent)

    def show_doctor(self) -> None:
        """The `doctor` report; its checks run off the GUI thread."""
        self.doctor_dialog = help_menu.DoctorDialog(self._doctor, self)
        self.doctor_dialog.open()

    def show_about(self) -> None:
        self.about_box = help_menu.about_box(self)
        self.about_box.open()

    # -- containers left running ----------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show_pending_hint()
        if not self._leftovers_checked:
            self._leftovers_checked = True
            QTimer.singleShot(0, self.check_leftovers)


def initial_config(store: ConfigStore) -> tuple[Config, ConfigError | None]:
    """The config to start with: the file's, or an empty one plus the error to show."""
    try:
        return store.load(), None
    except ConfigError as exc:
        return Config(), exc
