"""The main window's start-up, deferred to just after its first paint.

A mixin of :class:`panel.ui.window.main_window.MainWindow`. The window paints its list and
header from the config alone; what needs the supervisor, the start checks, the GPU
sampler or the log view (and their modules: about half of the panel's start-up) is
created by :meth:`DeferredStartup.finish_startup`, which runs right after the first paint,
or earlier the first time anything asks for it (``window.hub``, ``window.log_view``, a
command), so a window that is never shown works the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QTimer

from panel.ui.window.window_base import WindowBase

if TYPE_CHECKING:
    from collections.abc import Callable

    from panel.core.gpu.sampler import GpuSampler
    from panel.core.models.loaded import LoadRecorder
    from panel.ui.log.view import LogView
    from panel.ui.window.live_figures import LiveFigures
    from panel.ui.window.main_window import MainWindow
    from panel.ui.window.router_models import RouterModelLines
    from panel.ui.window.server_hub import ServerHub


class FirstPaint(QObject):
    """Calls ``then`` once, from the event loop, after ``widget``'s first paint."""

    def __init__(self, widget: QObject, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Queued: the paint in progress (the window's, then its children's) ends first.
            QTimer.singleShot(0, self._then)
        return False


class DeferredStartup(WindowBase):
    """The hub, sampler, load history, log view and live figures, made on first need."""

    _hub: ServerHub | None
    _sampler: GpuSampler | None
    _loads: LoadRecorder | None
    _live_figures: LiveFigures | None
    _router_models: RouterModelLines | None
    _leftovers_checked: bool

    @property
    def hub(self) -> ServerHub:
        self.finish_startup()
        return cast("ServerHub", self._hub)

    @property
    def sampler(self) -> GpuSampler:
        self.finish_startup()
        return cast("GpuSampler", self._sampler)

    @property
    def loads(self) -> LoadRecorder:
        """What loaded, beside the estimate; the estimate's error is kept per model."""
        self.finish_startup()
        return cast("LoadRecorder", self._loads)

    @property
    def log_view(self) -> LogView:
        self.finish_startup()
        return cast("LogView", self.lazy_tabs.get("log"))

    @property
    def live_figures(self) -> LiveFigures:
        self.finish_startup()
        return cast("LiveFigures", self._live_figures)

    @property
    def router_models(self) -> RouterModelLines:
        """The lines of a router-mode llama-server's models, under it in the list."""
        self.finish_startup()
        return cast("RouterModelLines", self._router_models)

    def finish_startup(self) -> None:
        """Create what the first paint did without; runs once (later calls return).

        This is the place for start-up work that needs the servers: it runs right
        after the first paint, before any command, with the list and config in place.
        """
        if self._started:
            return
        self._started = True
        from panel.core.config.store import data_dir
        from panel.core.gpu.sampler import GpuSampler
        from panel.core.models.loaded import EstimateHistory, LoadRecorder
        from panel.ui.window.live_figures import LiveFigures
        from panel.ui.window.router_models import RouterModelLines
        from panel.ui.window.server_hub import ServerHub

        self._hub = self._hub or ServerHub(parent=self)
        self._sampler = self._sampler or GpuSampler()
        self._loads = LoadRecorder(EstimateHistory(data_dir() / "memory-estimates.json"))
        self.lazy_tabs.get("log")
        hub = self._hub
        hub.stateChanged.connect(self._on_state)
        hub.linesAvailable.connect(self._on_lines)
        hub.attachedProbed.connect(self._on_attached_probe)
        # After the window's slots: its own run second.
        self._live_figures = LiveFigures(cast("MainWindow", self))
        self._router_models = RouterModelLines(cast("MainWindow", self))
        hub.watch_attached(self.config.profiles)
        self._refresh_problems()
        for server in hub.running():  # a hub handed over with servers already up
            self.model.update(server.profile.name, state=server.state)
        self._update_gpu_roots()
        self._recheck_first_choice()
        self._bind_log()
        self._update_header()
        self._update_actions()
        self._update_status()
        if self.isVisible():
            QTimer.singleShot(0, self._check_leftovers_once)
        # The router listens from now on when [router] enabled (its tab shows it later).
        from panel.ui.router.runner import start_router_with_window

        start_router_with_window(cast("MainWindow", self))

    def _check_leftovers_once(self) -> None:
        """Containers of ours left running, looked for once the window is shown."""
        if not self._leftovers_checked:
            self._leftovers_checked = True
            self.check_leftovers()
