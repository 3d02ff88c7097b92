"""What the main window's mixins may use of each other, declared once for the type checker.

:class:`~panel.ui.window.main_window.MainWindow` is put together from mixins (server
control, profile commands, start checks, lifetime, tabs, hub events, header, start-up),
each in its own module. Each mixin derives from :class:`WindowBase`: for the type checker
a ``QMainWindow`` with every attribute and method the window provides; at run time plain
``object``, so the mixins add nothing to the window's class but their own methods.

The declarations live here, not in the mixins' class bodies: lupdate loses the class of
every later ``tr()`` after an ``if`` block in a class body.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import builtins
    from pathlib import Path

    from PySide6.QtWidgets import (
        QLabel,
        QListView,
        QMainWindow,
        QMessageBox,
        QSplitter,
        QStackedWidget,
        QTabWidget,
        QWidget,
    )

    from panel.core.config.profiles import ServerProfile
    from panel.core.config.store import Config, ConfigError, ConfigStore
    from panel.core.gpu.sampler import GpuSampler
    from panel.core.models.discovery import DiscoveredModel
    from panel.core.models.loaded import LoadRecorder
    from panel.core.servers.containers import ContainerInfo
    from panel.core.servers.preflight import Problem
    from panel.core.servers.readiness import ProbeResult
    from panel.core.servers.server_state import StateChange
    from panel.core.servers.supervisor import ServerProcess
    from panel.ui.log.view import LogView
    from panel.ui.models.view import ModelsView
    from panel.ui.window.actions import WindowActions
    from panel.ui.window.container_dialogs import LeftoverDialog
    from panel.ui.window.first_run import FirstRunPage
    from panel.ui.window.lazy_tabs import LazyTabs
    from panel.ui.window.live_figures import LiveFigures
    from panel.ui.window.server_hub import ServerHub
    from panel.ui.window.server_list import ServerListModel
    from panel.ui.window.tray import ServerTray

    class WindowBase(WindowActions, QMainWindow):
        """The main window as its mixins see it (its actions included)."""

        # Built before the first paint (panel.ui.window.skeleton).
        store: ConfigStore
        config: Config
        model: ServerListModel
        list: QListView
        header_title: QLabel
        header_detail: QLabel
        header_warning: QLabel
        tabs: QTabWidget
        lazy_tabs: LazyTabs
        details: QWidget
        first_run: FirstRunPage
        right: QStackedWidget
        splitter: QSplitter
        status_servers: QLabel
        status_gpu: QLabel
        status_config: QLabel
        tray: ServerTray | None
        leftover_dialog: LeftoverDialog | None
        about_box: QMessageBox | None
        checks_pending: bool  # the daemon checks of the latest round have not reported yet
        _started: bool  # the deferred start-up (panel.ui.window.startup) has run
        _quitting: bool
        _starting: set[str]  # container profiles being checked
        _blockers: dict[str, builtins.list[Problem]]  # what stops each profile starting here
        _checks: int  # the latest round of daemon checks; older answers are stale
        _picked: str  # the profile the window opened on, until the user picks another
        _hint: str  # for the status bar, once the window is shown
        _gpu_bytes: dict[str, int]
        _leftover_check: Callable[[], builtins.list[ContainerInfo]] | None
        _stop_container: Callable[[ContainerInfo, float], None] | None

        # Built right after the first paint, or when first asked for.
        @property
        def hub(self) -> ServerHub: ...
        @property
        def sampler(self) -> GpuSampler: ...
        @property
        def loads(self) -> LoadRecorder: ...
        @property
        def log_view(self) -> LogView: ...
        @property
        def live_figures(self) -> LiveFigures: ...
        @property
        def models_view(self) -> ModelsView: ...

        def finish_startup(self) -> None: ...
        def selected_profile(self) -> ServerProfile | None: ...
        def selected_server(self) -> ServerProcess | None: ...
        def select(self, name: str) -> None: ...
        def select_none(self) -> None: ...
        def new_profile(self, initial: ServerProfile | None = None) -> None: ...
        def new_profile_from_model(self, model: DiscoveredModel) -> None: ...
        def start_selected(self) -> None: ...
        def stop_server(self, name: str) -> None: ...
        def show_models(self) -> None: ...
        def show_first_steps(self) -> None: ...
        def show_hint(self, text: str) -> None: ...
        def attach_to_server(self) -> None: ...
        def check_leftovers(self) -> None: ...
        def _confirm(self, title: str, text: str, yes: str) -> bool: ...
        def _replace_profile(self, old: ServerProfile, new: ServerProfile) -> None: ...
        def _show_config_error(self, error: ConfigError) -> None: ...
        def _model_dirs(self) -> builtins.list[Path]: ...
        def _refresh_problems(self) -> None: ...
        def _open_on_first_choice(self) -> None: ...
        def _recheck_first_choice(self) -> None: ...
        def _show_details(self) -> None: ...
        def _show_pending_hint(self) -> None: ...
        def _update_header(self) -> None: ...
        def _update_actions(self) -> None: ...
        def _update_status(self) -> None: ...
        def _update_gpu_roots(self) -> None: ...
        def _update_chat_targets(self) -> None: ...
        def _on_tab_built(self, key: str, widget: QWidget) -> None: ...
        def _bind_log(self) -> None: ...
        def _on_state(self, name: str, change: StateChange) -> None: ...
        def _on_lines(self, name: str) -> None: ...
        def _on_attached_probe(self, name: str, result: ProbeResult) -> None: ...
        def _on_gpu_memory(self, by_server: dict) -> None: ...  # type: ignore[type-arg]
else:
    WindowBase = object

__all__ = ["WindowBase"]
