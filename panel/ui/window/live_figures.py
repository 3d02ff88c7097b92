"""Live figures of the ready servers and the progress of the loading ones, for the list.

Once a second, while the window is on screen and some server is ready, the figures of the
ready servers are read off the GUI thread (:class:`MetricsReaders` on a one-thread pool of
this object's own, so a slow server never stacks up readings) and handed to the server
list (a compact strip on each row's second line) and, once the GPU tab was opened, to its
small graphs. While a server loads, its badge becomes a bar: the engine's own fraction
where it prints one (vLLM's checkpoint shards), else the time since start over the
previous load of the same profile (:class:`LoadTimes`), with the seconds left.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QThreadPool, QTimer, Slot

from panel.core.config.profiles import ServerProfile
from panel.core.config.store import data_dir
from panel.core.engines.base import LoadProgress
from panel.core.metrics.figures import FigureTracker, ServerFigures
from panel.core.metrics.flag import lacks_metrics_flag, with_metrics_flag
from panel.core.metrics.load_times import LoadTimes, estimate_load
from panel.core.metrics.reader import MetricsError, MetricsReaders
from panel.core.metrics.reading import Reading
from panel.core.servers.server_state import StateChange
from panel.core.servers.supervisor import ServerState
from panel.ui.workers import OffThread

if TYPE_CHECKING:
    from panel.ui.window.main_window import MainWindow

POLL_MS = 1000


class LiveFigures(QObject):
    def __init__(
        self,
        window: MainWindow,
        *,
        readers: MetricsReaders | None = None,
        load_times: LoadTimes | None = None,
        interval_ms: int = POLL_MS,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._readers = readers or MetricsReaders()
        self._load_times = load_times or LoadTimes(data_dir())
        self.tracker = FigureTracker()
        self._pool = QThreadPool(self)  # one reading round at a time
        self._pool.setMaxThreadCount(1)
        self._reading = False
        self._graphs_wired = False
        self._loads: dict[str, tuple[float, LoadProgress | None]] = {}  # start, last progress
        self._timer = QTimer(self)
        self._timer.setObjectName("liveFiguresTimer")
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        window.hub.stateChanged.connect(self._on_state)
        window.hub.attachedProbed.connect(lambda *_: self._sync_timer())
        window.installEventFilter(self)
        window.destroyed.connect(self._readers.close)

    # -- public ----------------------------------------------------------------------
    def figures(self, name: str) -> ServerFigures | None:
        return self.tracker.latest(name)

    def add_metrics_flag(self, name: str) -> bool:
        """The one-click fix: ``--metrics`` added to the profile (the next start uses it)."""
        profile = next((p for p in self._window.config.profiles if p.name == name), None)
        if profile is None or not lacks_metrics_flag(profile):
            return False
        self._window._replace_profile(profile, with_metrics_flag(profile))
        self._window.statusBar().showMessage(
            self.tr("Added --metrics to {0}: restart it to see tokens/s.").format(name), 8000
        )
        return True

    # -- events ----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.WindowStateChange):
            self._sync_timer()
        return False

    @Slot(str, object)
    def _on_state(self, name: str, change: StateChange) -> None:
        state = change.state
        if state is ServerState.STARTING:
            self._loads[name] = (time.monotonic(), None)
        elif state is ServerState.LOADING and name in self._loads:
            started, progress = self._loads[name]
            self._loads[name] = (started, change.progress or progress)
        elif state is ServerState.READY and name in self._loads:
            started, _ = self._loads.pop(name)
            self._load_times.remember(name, time.monotonic() - started)
            self._window.model.update(name, load_fraction=None)
        elif name in self._loads:
            del self._loads[name]
        if not state.running or state is ServerState.STOPPING:
            self._loads.pop(name, None)
            self._forget(name)
        if name in self._loads:
            self._show_load(name)
        self._sync_timer()

    def _sync_timer(self) -> None:
        window = self._window
        on_screen = window.isVisible() and not window.isMinimized()
        busy = bool(self._loads) or any(
            row.state is ServerState.READY for row in window.model.rows()
        )
        if on_screen and busy:
            if not self._timer.isActive():
                self._timer.start()
                self._tick()
        else:
            self._timer.stop()

    @Slot()
    def _tick(self) -> None:
        for name in self._loads:
            self._show_load(name)
        ready = [row.profile for row in self._window.model.rows() if row.state is ServerState.READY]
        names = {profile.name for profile in ready}
        for name in self.tracker.names():
            if name not in names:  # an attached server went away (started ones say so)
                self._forget(name)
        if not ready:
            self._sync_timer()
            return
        if self._reading:
            return  # the last round is still out (a slow server): skip, never queue up
        self._reading = True
        readers = self._readers
        OffThread(lambda: readers.read_all(ready), self._on_read, self, pool=self._pool)

    def _on_read(self, outcome: object) -> None:
        self._reading = False
        if not isinstance(outcome, dict):
            return  # the readers report per server; anything else is a bug shown in the log
        ready = {row.profile.name for row in self._window.model.rows() if row.state.running}
        graphs = None
        if self._window.lazy_tabs.built_widget("gpu") is not None:
            graphs = self._window.gpu_panel.server_metrics
            if not self._graphs_wired:
                self._graphs_wired = True
                graphs.addMetricsRequested.connect(self.add_metrics_flag)
        for name, reading in outcome.items():
            if name not in ready:
                continue  # stopped while being read
            if isinstance(reading, MetricsError):
                self._window.model.update(name, metrics="")
                continue
            assert isinstance(reading, Reading)
            figures = self.tracker.update(name, reading)
            self._window.model.update(name, metrics=self.strip(figures))
            if graphs is not None:
                profile = self._profile(name)
                offer = profile is not None and lacks_metrics_flag(profile)
                graphs.show_figures(name, figures, self.tracker.history(name), offer)

    # -- text ------------------------------------------------------------------------
    def strip(self, figures: ServerFigures) -> str:
        """The compact figures of one row: "▶ 2 · ⏸ 1 · 38 tok/s · KV 12 % · TTFT 85 ms"."""
        parts: list[str] = []
        if figures.requests_running is not None:
            parts.append(f"▶ {figures.requests_running}")
        if figures.requests_waiting:
            parts.append(f"⏸ {figures.requests_waiting}")
        rate = figures.generation_tokens_per_second
        if rate is not None:
            parts.append(
                self.tr("{0} tok/s").format(f"{rate:.0f}" if rate >= 10 else f"{rate:.1f}")
            )
        if figures.kv_cache_usage_ratio is not None:
            parts.append(self.tr("KV {0} %").format(round(figures.kv_cache_usage_ratio * 100)))
        if figures.time_to_first_token_seconds is not None:
            ttft = round(figures.time_to_first_token_seconds * 1000)
            parts.append(self.tr("TTFT {0} ms").format(ttft))
        if figures.requests_finished_total is not None and figures.last_request_seconds:
            parts.append(
                self.tr("{0} done, last {1} s").format(
                    round(figures.requests_finished_total), f"{figures.last_request_seconds:.1f}"
                )
            )
        return " · ".join(parts)

    def _show_load(self, name: str) -> None:
        started, progress = self._loads[name]
        estimate = estimate_load(
            time.monotonic() - started,
            self._load_times.previous(name),
            progress.fraction if progress is not None else None,
        )
        row = self._window.model.server_row(name)
        state = row.state if row is not None else None
        if progress is not None:
            text = progress.phase
        elif state is ServerState.LOADING:
            text = self.tr("loading")
        else:
            text = self.tr("starting")
        if estimate.fraction is not None and estimate.from_engine:
            text = self.tr("{0} {1} %").format(text, round(estimate.fraction * 100))
        if estimate.seconds_left is not None:
            text = self.tr("{0} · {1} s left").format(text, max(1, round(estimate.seconds_left)))
        elif progress is None and state is ServerState.STARTING:
            text = ""  # nothing to add to the plain "starting" badge
        self._window.model.update(name, progress_text=text, load_fraction=estimate.fraction)

    def _forget(self, name: str) -> None:
        self.tracker.forget(name)
        self._window.model.update(name, metrics="", load_fraction=None)
        if self._window.lazy_tabs.built_widget("gpu") is not None:
            self._window.gpu_panel.server_metrics.remove(name)

    def _profile(self, name: str) -> ServerProfile | None:
        return next((p for p in self._window.config.profiles if p.name == name), None)
