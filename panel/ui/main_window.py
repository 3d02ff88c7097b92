"""The main window: servers on the left; their log, GPU memory and details on the right."""

from __future__ import annotations

import contextlib
import html
import os
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPoint, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from panel.core.config.profiles import ServerProfile
from panel.core.config.store import Config, ConfigError, ConfigStore
from panel.core.gpu.sampler import GpuSampler
from panel.core.models.discovery import DiscoveredModel, profile_from_model
from panel.core.models.fit_check import fit_warning
from panel.core.models.memory_fit import format_bytes
from panel.core.servers import containers
from panel.core.servers.containers import ContainerInfo
from panel.core.servers.ports import next_free_port
from panel.core.servers.preflight import PreflightError, Problem, binary_problem, model_problem
from panel.core.servers.readiness import Probe, ProbeResult
from panel.core.servers.supervisor import ServerProcess, ServerState, StateChange
from panel.ui.chat_tab import ChatTab
from panel.ui.container_dialogs import (
    LeftoverDialog,
    PullDialog,
)
from panel.ui.gpu_panel import GpuPanel
from panel.ui.log_view import LogView
from panel.ui.models_view import ModelsView
from panel.ui.server_hub import ServerHub
from panel.ui.server_list import ServerDelegate, ServerListModel
from panel.ui.transcribe_tab import TranscribeTab
from panel.ui.tray import ServerTray

STOP_TIMEOUT_MARGIN = 5.0  # seconds past the longest grace before quitting regardless

LeftoverCheck = Callable[[], list[ContainerInfo]]


class _LeftoverRelay(QObject):
    """The leftover check's thread reports through it (a queued connection)."""

    found = Signal(object)  # list[ContainerInfo]


class _StartRelay(QObject):
    """A container start, checked and launched on a worker thread, reports through it."""

    done = Signal(object, object)  # ServerProfile, the exception or None


class MainWindow(QMainWindow):
    """``leftover_check`` lists running containers of ours that this panel did not start
    (it blocks on the container daemon and runs on a worker thread once the window is
    first shown); the default asks the runtimes the profiles use. ``stop_container``
    stops one of them (worker thread too)."""

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
    ) -> None:
        super().__init__()
        self._leftover_check = leftover_check
        self._stop_container = stop_container
        self._leftovers_checked = False
        self.leftover_dialog: LeftoverDialog | None = None
        self._leftover_relay = _LeftoverRelay(self)
        self._leftover_relay.found.connect(self._on_leftovers)
        self._start_relay = _StartRelay(self)
        self._start_relay.done.connect(self._on_started)
        self._starting: set[str] = set()  # container profiles being checked
        self.store = store
        self.config = config if config is not None else Config()
        self.hub = hub or ServerHub(parent=self)
        self.sampler = sampler or GpuSampler()
        self._quitting = False
        self.tray: ServerTray | None = None  # set by the app where the desktop has a tray
        self._gpu_bytes: dict[str, int] = {}
        # The last line of the set_lines() snapshot: batches may repeat lines up to it.
        # Only the snapshot counts: stdout and stderr batches can arrive out of order.
        self._snapshot_seq = 0

        self.setWindowTitle(self.tr("Inference Panel"))
        self.setObjectName("MainWindow")
        self._build_actions()
        self._build_ui()
        self._connect()
        self.model.set_profiles(self.config.profiles)
        self.hub.watch_attached(self.config.profiles)
        self._refresh_problems()
        for server in self.hub.running():  # a hub handed over with servers already up
            self.model.update(server.profile.name, state=server.state)
        self._update_gpu_roots()
        self._restore_geometry()
        if self.model.rowCount() > 0:
            self.list.setCurrentIndex(self.model.index(0))
        self._update_status()
        if config_error is not None:
            QTimer.singleShot(0, lambda: self._show_config_error(config_error))

    # -- construction ----------------------------------------------------------------
    def _build_actions(self) -> None:
        def action(
            text: str,
            slot: object,
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
            tip: str = "",
        ) -> QAction:
            act = QAction(text, self)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.setToolTip(
                f"{tip or text} ({act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                if shortcut
                else tip or text
            )
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        tr = self.tr
        self.act_start = action(tr("Start"), self.start_selected, "F5", tr("Start the server"))
        self.act_stop = action(tr("Stop"), self.stop_selected, "Shift+F5", tr("Stop the server"))
        self.act_restart = action(tr("Restart"), self.restart_selected, "Ctrl+Shift+F5")
        self.act_new = action(tr("New profile…"), self.new_profile, QKeySequence.StandardKey.New)
        self.act_edit = action(tr("Edit profile…"), self.edit_selected, "F2")
        self.act_duplicate = action(tr("Duplicate"), self.duplicate_selected, "Ctrl+D")
        self.act_delete = action(
            tr("Delete"), self.delete_selected, QKeySequence.StandardKey.Delete
        )
        self.act_copy_url = action(tr("Copy URL"), self.copy_url, "Ctrl+Shift+U")
        self.act_copy_cmd = action(tr("Copy command line"), self.copy_command, "Ctrl+Shift+C")
        self.act_open_log = action(tr("Show log"), self.show_log, "Ctrl+L")
        self.act_show_chat = action(tr("Show vision chat"), self.show_chat, "Ctrl+J")
        self.act_show_transcribe = action(tr("Show transcription"), self.show_transcribe, "Ctrl+T")
        self.act_show_gpu = action(tr("Show GPU memory"), self.show_gpu, "Ctrl+G")
        self.act_show_models = action(tr("Show models on disk"), self.show_models, "Ctrl+M")
        self.act_quit = action(tr("Quit"), self.close, QKeySequence.StandardKey.Quit)

    def _build_ui(self) -> None:
        tr = self.tr
        toolbar = QToolBar(tr("Servers"), self)
        toolbar.setObjectName("ServersToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.style()
        icons = {
            self.act_start: QStyle.StandardPixmap.SP_MediaPlay,
            self.act_stop: QStyle.StandardPixmap.SP_MediaStop,
            self.act_restart: QStyle.StandardPixmap.SP_BrowserReload,
        }
        for act, pixmap in icons.items():
            act.setIcon(style.standardIcon(pixmap))
        for act in (self.act_start, self.act_stop, self.act_restart):
            toolbar.addAction(act)
        toolbar.addSeparator()
        for act in (self.act_new, self.act_edit):
            toolbar.addAction(act)
        self.addToolBar(toolbar)

        self.model = ServerListModel(self)
        self.list = QListView()
        self.list.setObjectName("ServerList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(ServerDelegate(self.list))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.setUniformItemSizes(True)
        self.list.setMinimumWidth(260)
        self.list.setAccessibleName(tr("Servers"))

        self.header_title = QLabel()
        self.header_title.setObjectName("HeaderTitle")
        font = self.header_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.header_title.setFont(font)
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
        # Samples at 4 Hz keep the history exact; repainting at 1 Hz keeps an idle window cheap.
        self.gpu_panel = GpuPanel(self.sampler, min_repaint_interval=1.0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("MainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.log_view, tr("Log"))
        self.chat_tab = ChatTab()
        self.tabs.addTab(self.chat_tab, tr("Vision chat"))
        self.transcribe_tab = TranscribeTab()
        self.tabs.addTab(self.transcribe_tab, tr("Transcription"))
        self.tabs.addTab(self.gpu_panel, tr("GPU memory"))
        self.models_view = ModelsView(
            self.sampler, folders=self._model_dirs(), scan_when_shown=True
        )
        self.tabs.addTab(self.models_view, tr("Models on disk"))

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(10, 8, 8, 4)
        right_layout.setSpacing(4)
        right_layout.addWidget(self.header_title)
        right_layout.addWidget(self.header_detail)
        right_layout.addWidget(self.header_warning)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
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
        self.hub.linesArrived.connect(self._on_lines)
        self.hub.attachedProbed.connect(self._on_attached_probe)
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.doubleClicked.connect(lambda _index: self.edit_selected())
        self.gpu_panel.serverMemoryChanged.connect(self._on_gpu_memory)
        self.models_view.newProfileRequested.connect(self.new_profile_from_model)

    # -- selection -------------------------------------------------------------------
    def selected_profile(self) -> ServerProfile | None:
        row = self.model.row_at(self.list.currentIndex())
        return row.profile if row else None

    def select(self, name: str) -> None:
        i = self.model.row_for(name)
        if i is not None:
            self.list.setCurrentIndex(self.model.index(i))

    def selected_server(self) -> ServerProcess | None:
        profile = self.selected_profile()
        return self.hub.server(profile) if profile else None

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        server = self.selected_server()
        lines = server.log.tail() if server else []
        self._snapshot_seq = lines[-1].seq if lines else 0
        self.log_view.set_lines(lines)
        placeholder = ""
        if server is not None and not lines:
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

    # -- server control --------------------------------------------------------------
    def start_selected(self) -> None:
        profile = self.selected_profile()
        if profile is None or profile.attached:
            return
        server = self.hub.server(profile)
        if server.state.running:
            return
        warning = fit_warning(profile, self.sampler.latest())
        if warning and not self._confirm(
            self.tr("It may not fit"), warning, self.tr("Start anyway")
        ):
            return
        self._start(profile, server)

    def _start(self, profile: ServerProfile, server: ServerProcess) -> None:
        if profile.container is None:
            try:
                server.start()
            except (PreflightError, OSError) as exc:
                self._on_started(profile, exc)
            return
        # A container's checks ask the runtime (daemon, NVIDIA runtime, image): a slow or
        # hung daemon must not freeze the window, so they and the launch run on a thread.
        if profile.name in self._starting:
            return
        self._starting.add(profile.name)
        runtime = containers.runtime_name(profile.container)
        self.statusBar().showMessage(
            self.tr("Asking {0} about {1}…").format(runtime, profile.name), 5000
        )
        relay = self._start_relay

        def work() -> None:
            error: Exception | None = None
            try:
                server.start()
            except (PreflightError, OSError, RuntimeError) as exc:
                error = exc
            with contextlib.suppress(RuntimeError):  # the window is gone
                relay.done.emit(profile, error)

        threading.Thread(target=work, daemon=True, name=f"start:{profile.name}").start()

    @Slot(object, object)
    def _on_started(self, profile: ServerProfile, error: Exception | None) -> None:
        self._starting.discard(profile.name)
        if error is None or self._quitting:
            return
        if isinstance(error, PreflightError):
            if not self._offer_pull(profile, error.problems):
                self._show_problems(profile, error.problems)
        else:
            QMessageBox.critical(self, self.tr("Could not start"), str(error))

    def _offer_pull(self, profile: ServerProfile, problems: list[Problem]) -> bool:
        """The image is not pulled: offer to pull it, then start again (which shows any
        other problem). False when the image is not the problem, or cannot be pulled."""
        if not any(p.code == "image-missing" for p in problems) or profile.container is None:
            return False
        image = containers.image_for(profile)
        runtime = containers.resolve_runtime(profile.container)
        if not image or runtime is None:
            return False
        if not self._confirm(
            self.tr("Pull the image?"),
            self.tr("The image {0} is not on this machine. Pull it now?").format(image),
            self.tr("Pull"),
        ):
            return True
        if self.pull_image(runtime, image):
            server = self.hub.server(profile)
            if not server.state.running:
                self._start(profile, server)  # the same checks again, now with the image
        return True

    def pull_image(self, runtime: str, image: str) -> bool:
        """Run the pull dialog; True when the image is now on this machine."""
        dialog = PullDialog(runtime, image, self)
        try:
            return dialog.exec() == PullDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()

    def stop_selected(self) -> None:
        server = self.selected_server()
        if server is not None:
            server.stop()

    def restart_selected(self) -> None:
        server = self.selected_server()
        if server is None or server.profile.attached:
            return
        try:
            server.restart()
        except PreflightError as exc:
            self._show_problems(server.profile, exc.problems)

    def _show_problems(self, profile: ServerProfile, problems: list[Problem]) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Cannot start {0}").format(profile.name))
        box.setText(self.tr("{0} cannot start yet:").format(profile.name))
        box.setInformativeText("\n\n".join(str(p) for p in problems))
        port = next((p.suggested_port for p in problems if p.suggested_port), None)
        use_port = None
        if port is not None:
            use_port = box.addButton(
                self.tr("Use port {0}").format(port), QMessageBox.ButtonRole.AcceptRole
            )
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if use_port is not None and box.clickedButton() is use_port and port is not None:
            self._replace_profile(profile, profile.copy(port=port))
            self.start_selected()

    # -- profiles --------------------------------------------------------------------
    def new_profile(self, initial: ServerProfile | None = None) -> None:
        from panel.ui.profile_editor import ProfileEditor

        editor = ProfileEditor(
            initial,
            [p.name for p in self.config.profiles],
            self,
            model_dirs=self._model_dirs(),
            taken_ports={p.port: p.name for p in self.config.profiles},
        )
        if editor.exec():
            self.config.profiles.append(editor.profile())
            self._save_and_reload(select=editor.profile().name)

    @Slot(object)
    def new_profile_from_model(self, model: DiscoveredModel) -> None:
        """ "New profile from this model": the editor, prefilled, on a port nobody uses."""
        taken = {p.port for p in self.config.profiles}
        port = next_free_port("127.0.0.1", 8080, avoid=taken)
        self.new_profile(profile_from_model(model, port))

    def edit_selected(self) -> None:
        from panel.ui.profile_editor import ProfileEditor

        profile = self.selected_profile()
        if profile is None:
            return
        server = self.hub.supervisor.get(profile.name)
        others = [p.name for p in self.config.profiles if p.name != profile.name]
        editor = ProfileEditor(
            profile,
            others,
            self,
            model_dirs=self._model_dirs(),
            taken_ports={p.port: p.name for p in self.config.profiles if p is not profile},
        )
        if server is not None and server.state.running:
            editor.setWindowTitle(
                self.tr("Edit {0} (applies at the next start)").format(profile.name)
            )
        if editor.exec():
            self._replace_profile(profile, editor.profile())

    def _model_dirs(self) -> list[Path] | None:
        """The configured model folders; None lets discovery use its defaults."""
        return [Path(f).expanduser() for f in self.config.model_folders] or None

    def duplicate_selected(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            return
        names = {p.name for p in self.config.profiles}
        n = 2
        while f"{profile.name} ({n})" in names:
            n += 1
        taken = {p.port for p in self.config.profiles}
        port = profile.port
        while port in taken:
            port += 1
        copy = profile.copy(
            name=f"{profile.name} ({n})", port=port, args=list(profile.args), env=dict(profile.env)
        )
        index = self.config.profiles.index(profile) + 1
        self.config.profiles.insert(index, copy)
        self._save_and_reload(select=copy.name)

    def delete_selected(self) -> None:
        profile = self.selected_profile()
        if profile is None:
            return
        server = self.hub.supervisor.get(profile.name)
        if server is not None and server.state.running:
            QMessageBox.information(
                self,
                self.tr("Server running"),
                self.tr("Stop {0} before deleting it.").format(profile.name),
            )
            return
        if not self._confirm(
            self.tr("Delete profile"),
            self.tr("Delete the profile {0}? The model files stay on disk.").format(profile.name),
            self.tr("Delete"),
        ):
            return
        self.hub.forget(profile.name)
        self.config.profiles.remove(profile)
        self._save_and_reload()

    def _replace_profile(self, old: ServerProfile, new: ServerProfile) -> None:
        index = self.config.profiles.index(old)
        self.config.profiles[index] = new
        if new.name != old.name:
            server = self.hub.supervisor.get(old.name)
            if server is None or not server.state.running:
                self.hub.forget(old.name)
        else:
            self.hub.server(new)  # the next start uses the edited profile
        self._save_and_reload(select=new.name)

    def _save_and_reload(self, select: str | None = None) -> None:
        selected = self.selected_profile()
        current = select or (selected.name if selected else None)
        try:
            self.store.save(self.config)
        except ConfigError as exc:
            self._show_config_error(exc)
        self.model.set_profiles(self.config.profiles)
        self.hub.watch_attached(self.config.profiles)
        self._refresh_problems()
        if current:
            self.select(current)
        self._update_header()
        self._update_status()

    def _refresh_problems(self) -> None:
        for row in self.model.rows():
            profile = row.profile
            adapter = self.hub.server(profile).adapter
            problem = model_problem(profile) or binary_problem(profile, adapter)
            self.model.update(profile.name, problem=problem)

    # -- clipboard and views -----------------------------------------------------------
    def copy_url(self) -> None:
        profile = self.selected_profile()
        if profile is not None:
            QGuiApplication.clipboard().setText(profile.base_url)

    def copy_command(self) -> None:
        server = self.selected_server()
        if server is not None:
            QGuiApplication.clipboard().setText(server.launch_plan().command_line())

    def show_log(self) -> None:
        self.tabs.setCurrentWidget(self.log_view)

    def show_gpu(self) -> None:
        self.tabs.setCurrentWidget(self.gpu_panel)

    def show_models(self) -> None:
        self.tabs.setCurrentWidget(self.models_view)

    @Slot(QPoint)
    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if not index.isValid():
            menu = QMenu(self)
            menu.addAction(self.act_new)
            menu.exec(self.list.viewport().mapToGlobal(pos))
            return
        self.list.setCurrentIndex(index)
        menu = QMenu(self)
        for act in (self.act_start, self.act_stop, self.act_restart):
            menu.addAction(act)
        menu.addSeparator()
        for act in (self.act_open_log, self.act_copy_url, self.act_copy_cmd):
            menu.addAction(act)
        menu.addSeparator()
        for act in (self.act_edit, self.act_duplicate, self.act_delete):
            menu.addAction(act)
        menu.exec(self.list.viewport().mapToGlobal(pos))

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
        if self.tray is not None:
            self.tray.rebuild_menu()
        if self.tabs.currentWidget() is self.models_view and change.state in (
            ServerState.READY,
            ServerState.STOPPED,
            ServerState.CRASHED,
        ):
            self.models_view.refresh_fit()  # free memory just changed
        if self._quitting and not self.hub.running():
            self.close()

    def _update_chat_targets(self) -> None:
        """The chat and transcription tabs offer the ready servers of their role,
        attached ones included (each tab picks its roles)."""
        ready = [row.profile for row in self.model.rows() if row.state is ServerState.READY]
        self.chat_tab.set_targets(ready)
        self.transcribe_tab.set_targets(ready)

    def show_chat(self) -> None:
        self.tabs.setCurrentWidget(self.chat_tab)

    def show_transcribe(self) -> None:
        self.tabs.setCurrentWidget(self.transcribe_tab)

    @Slot(str, object)
    def _on_attached_probe(self, name: str, result: ProbeResult) -> None:
        up = result.state is Probe.READY
        self.model.update(name, state=ServerState.READY if up else ServerState.STOPPED)
        self._update_chat_targets()
        profile = self.selected_profile()
        if profile is not None and profile.name == name:
            self._update_header()

    @Slot(str, list, int)
    def _on_lines(self, name: str, lines: list, skipped: int) -> None:  # type: ignore[type-arg]
        profile = self.selected_profile()
        if profile is None or profile.name != name:
            return
        # Lines that arrived while set_lines() read the buffer are in both; show them once.
        fresh = [line for line in lines if line.seq > self._snapshot_seq]
        if fresh or skipped:
            self.log_view.append_lines(fresh, skipped=skipped)

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
        self.header_detail.setText(detail)
        warning = ""
        if row.problem is not None and not server.state.running:
            warning = str(row.problem)
        elif server.state is ServerState.CRASHED and server.outcome is not None:
            warning = self.tr("Crashed: {0}").format(server.outcome.reason)
        else:
            warning = fit_warning(profile, self.sampler.latest()) or ""
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

    def _show_config_error(self, error: ConfigError) -> None:
        QMessageBox.warning(
            self,
            self.tr("Configuration problem"),
            self.tr(
                "{0}\n\nThe panel starts with what it could read. Your file was not "
                "changed; saving will ask before replacing it."
            ).format(error),
        )

    # -- containers left running ----------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._leftovers_checked:
            self._leftovers_checked = True
            QTimer.singleShot(0, self.check_leftovers)

    def check_leftovers(self) -> None:
        """Look for containers of ours still running, on a worker thread: `docker ps`
        can hang on a stuck daemon, and the window must not."""
        check = self._leftover_check
        if check is None:
            specs = containers.specs_to_check(self.config.profiles)
            pid = os.getpid()

            def check() -> list[ContainerInfo]:
                return containers.find_leftovers(specs, pid)

        relay = self._leftover_relay

        def work() -> None:
            try:
                found = check()
            except Exception:  # no runtime, daemon down: nothing to offer
                found = []
            with contextlib.suppress(RuntimeError):  # the window is gone
                relay.found.emit(found)

        threading.Thread(target=work, daemon=True, name="leftover-containers").start()

    @Slot(object)
    def _on_leftovers(self, found: list[ContainerInfo]) -> None:
        ours = {s.container_name for s in self.hub.running() if s.container_name}
        leftovers = [info for info in found if info.name not in ours]
        if not leftovers or self._quitting:
            return
        profiles = {p.name: p for p in self.config.profiles}
        specs = {p.name: p.container for p in self.config.profiles}

        def stop(info: ContainerInfo, grace: float) -> None:  # on a worker thread
            containers.stop_leftover(info, grace, specs.get(info.profile_name))

        self.leftover_dialog = LeftoverDialog(
            leftovers,
            profiles,
            adopt=self._adopt_container,
            stop=self._stop_container or stop,
            parent=self,
        )
        self.leftover_dialog.open()

    def _adopt_container(self, info: ContainerInfo, profile: ServerProfile) -> str:
        note = ""
        if info.port is not None and info.port != profile.port:
            # The container listens where it was started; the profile has changed since.
            note = self.tr("on port {0} (the profile says {1})").format(info.port, profile.port)
            profile = profile.copy(port=info.port)
        self.hub.server(profile).adopt(info)
        self.model.update(profile.name, container=info.name)
        return note

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
        running = self.hub.running()
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
        self.hub.close()
        self.chat_tab.shutdown()
        self.transcribe_tab.shutdown()
        self.models_view.close()
        self.gpu_panel.close()
        self.sampler.stop()
        event.accept()


def initial_config(store: ConfigStore) -> tuple[Config, ConfigError | None]:
    """The config to start with: the file's, or an empty one plus the error to show."""
    try:
        return store.load(), None
    except ConfigError as exc:
        return Config(), exc
