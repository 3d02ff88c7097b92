"""The models of a router-mode llama-server as lines of the server list, and their menu.

A llama-server profile with no model but a models folder or preset file runs as a router
(:mod:`panel.core.engines.llama_router`). While one is ready, its ``GET /models`` is read
off the GUI thread (on a one-thread pool of this object's own, so a slow server never
stacks up readings): once a second, four times a second while a model loads or just after
the user asked for a load or an unload. Each model becomes a line under its server with
its state (unloaded, loading, loaded, failed, and why from the server's log); how far a
load is comes from the server's ``/models/sse`` events (the list has no progress), read
by one watcher per server on a thread of its own until the server stops. The line's
context menu loads or unloads it (:meth:`RouterModelLines.menu_for`, which the window's
list menu asks first).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QThreadPool, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from panel.core.config.profiles import ServerProfile
from panel.core.engines.llama_router import (
    ModelEvent,
    ModelState,
    RouterModel,
    apply_event,
    explain_failure,
    is_router_mode,
)
from panel.core.servers.server_state import ServerState, StateChange
from panel.ui.window.server_rows import ModelRow
from panel.ui.workers import Cancel, OffThread, ToGui, run_detached

if TYPE_CHECKING:
    from panel.core.engines.llama_router_client import RouterReaders
    from panel.ui.window.main_window import MainWindow

# The client module (httpx: ~15 MB, 20 ms) is imported only once a router-mode server is
# ready: every window makes this object, few ever run llama-server as a router.

POLL_MS = 1000
FAST_MS = 250
HURRY_ROUNDS = 12  # fast rounds after a load or unload request: about three seconds
LOG_LINES = 400  # of the server's log, searched for a failed model's own lines


class RouterModelLines(QObject):
    def __init__(
        self,
        window: MainWindow,
        *,
        readers: RouterReaders | None = None,
        interval_ms: int = POLL_MS,
        fast_ms: int = FAST_MS,
    ) -> None:
        super().__init__(window)
        self.setObjectName("routerModelLines")
        self._window = window
        self._readers_given = readers
        self._interval_ms = interval_ms
        self._fast_ms = fast_ms
        self._pool = QThreadPool(self)  # one reading round at a time
        self._pool.setMaxThreadCount(1)
        self._reading = False
        self._hurry = 0
        self._reasons: dict[tuple[str, str, int | None], str] = {}  # failures explained
        self._watchers: dict[str, Cancel] = {}  # the /models/sse reader of each server
        self._on_event_here = ToGui(self._on_event, self)
        self._timer = QTimer(self)
        self._timer.setObjectName("routerModelsTimer")
        self._timer.timeout.connect(self._tick)
        window.hub.stateChanged.connect(self._on_state)
        window.hub.attachedProbed.connect(lambda *_: self._sync_timer())
        window.destroyed.connect(self._close_readers)
        self.destroyed.connect(self._stop_watching)

    @functools.cached_property
    def _readers(self) -> RouterReaders:
        from panel.core.engines.llama_router_client import RouterReaders

        return self._readers_given or RouterReaders()

    def _close_readers(self) -> None:
        if "_readers" in self.__dict__:  # made: a router-mode server was read
            self._readers.close()

    # -- public ----------------------------------------------------------------------
    def routers(self) -> list[ServerProfile]:
        """The ready router-mode servers, whose models the list shows."""
        return [
            row.profile
            for row in self._window.model.rows()
            if row.state is ServerState.READY and is_router_mode(row.profile)
        ]

    def load(self, server: str, model: str) -> None:
        self._request(server, model, load=True)

    def unload(self, server: str, model: str) -> None:
        self._request(server, model, load=False)

    def activate(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        """A double-click: loads the model of the line when it is not loaded. False when the
        line is no model's (the window then opens the profile's editor)."""
        line = self._window.model.model_at(index)
        if line is None:
            return False
        if line.model.state in (ModelState.UNLOADED, ModelState.FAILED):
            self.load(line.server, line.model.id)
        return True

    def menu_for(self, index: QModelIndex | QPersistentModelIndex) -> QMenu | None:
        """The context menu of a model's line; None on any other line (the window then
        shows its own)."""
        line = self._window.model.model_at(index)
        if line is None:
            return None
        model = line.model
        menu = QMenu(self._window)
        menu.setObjectName("ModelLineMenu")
        load = menu.addAction(self.tr("Load {0}").format(model.id))
        load.setEnabled(model.state in (ModelState.UNLOADED, ModelState.FAILED))
        load.triggered.connect(lambda: self.load(line.server, model.id))
        unload = menu.addAction(self.tr("Unload {0}").format(model.id))
        unload.setEnabled(model.state in (ModelState.LOADED, ModelState.LOADING))
        unload.triggered.connect(lambda: self.unload(line.server, model.id))
        menu.addSeparator()
        copy = menu.addAction(self.tr("Copy model name"))
        copy.triggered.connect(lambda: QGuiApplication.clipboard().setText(model.id))
        return menu

    # -- polling ---------------------------------------------------------------------
    @Slot(str, object)
    def _on_state(self, name: str, change: StateChange) -> None:
        if change.state is not ServerState.READY:
            self._window.model.set_router_models(name, [])
            watcher = self._watchers.pop(name, None)
            if watcher is not None:
                watcher.set()
        self._sync_timer()

    def _stop_watching(self, *_: object) -> None:
        for cancel in self._watchers.values():
            cancel.set()

    def _watch(self, profile: ServerProfile) -> None:
        """Follow the server's load events (progress) until it stops."""
        if profile.name in self._watchers:
            return
        cancel = Cancel()
        self._watchers[profile.name] = cancel
        report = self._on_event_here
        name = profile.name

        def watch() -> None:
            from panel.core.engines.llama_router_client import LlamaRouterClient, RouterModelError

            # A server that goes away ends it; the list's polling says the rest.
            with contextlib.suppress(RouterModelError), LlamaRouterClient(profile) as client:
                client.watch_events(lambda event: report(name, event), cancel)

        run_detached(watch, f"router-events-{name}")

    def _on_event(self, name: str, event: ModelEvent) -> None:
        if name not in self._watchers:
            return  # stopped meanwhile
        lines = self._window.model.router_models(name)
        if not any(line.model.id == event.model for line in lines):
            return
        models = apply_event([line.model for line in lines], event)
        self._window.model.set_router_models(
            name, [ModelRow(name, model, self._reason(name, model)) for model in models]
        )
        self._sync_timer()

    def _sync_timer(self) -> None:
        routers = self.routers()
        for profile in routers:
            self._watch(profile)
        if not routers:
            self._timer.stop()
            return
        fast = self._hurry > 0 or any(
            line.model.state is ModelState.LOADING
            for profile in self.routers()
            for line in self._window.model.router_models(profile.name)
        )
        interval = self._fast_ms if fast else self._interval_ms
        if self._timer.interval() != interval:
            self._timer.setInterval(interval)
        if not self._timer.isActive():
            self._timer.setInterval(interval)
            self._timer.start()
            self._tick()

    @Slot()
    def _tick(self) -> None:
        routers = self.routers()
        if not routers:
            self._sync_timer()
            return
        if self._reading:
            return  # the last round is still out: skip, never queue up
        self._hurry = max(0, self._hurry - 1)
        self._reading = True
        readers = self._readers
        OffThread(lambda: readers.read_all(routers), self._on_read, self, pool=self._pool)

    def _on_read(self, outcome: object) -> None:
        from panel.core.engines.llama_router_client import RouterModelError

        self._reading = False
        if not isinstance(outcome, dict):
            return
        ready = {profile.name for profile in self.routers()}
        for name, models in outcome.items():
            if name not in ready:
                continue  # stopped while being read
            if isinstance(models, RouterModelError):
                continue  # a busy or restarting server: keep what was last read
            # The list has no progress: a load's keeps what its events said.
            before = {line.model.id: line.model for line in self._window.model.router_models(name)}
            lines = []
            for model in models:
                old = before.get(model.id)
                if (
                    model.state is ModelState.LOADING
                    and old is not None
                    and old.progress is not None
                ):
                    model = dataclasses.replace(model, progress=old.progress)
                lines.append(ModelRow(name, model, self._reason(name, model)))
            self._window.model.set_router_models(name, lines)
        self._sync_timer()

    def _reason(self, server: str, model: RouterModel) -> str:
        if model.state is not ModelState.FAILED:
            return ""
        key = (server, model.id, model.port)
        if key not in self._reasons:
            process = self._window.hub.supervisor.get(server)
            lines = process.log.texts(LOG_LINES) if process is not None else []
            self._reasons[key] = explain_failure(model, lines)
        return self._reasons[key]

    # -- requests --------------------------------------------------------------------
    def _request(self, server: str, model: str, *, load: bool) -> None:
        profile = next((p for p in self.routers() if p.name == server), None)
        if profile is None:
            return

        def send() -> None:
            from panel.core.engines.llama_router_client import LlamaRouterClient

            with LlamaRouterClient(profile) as client:
                if load:
                    client.load(model)
                else:
                    client.unload(model)

        def done(outcome: object) -> None:
            bar = self._window.statusBar()
            if isinstance(outcome, Exception):
                failed = (
                    self.tr("Could not load {0}: {1}")
                    if load
                    else self.tr("Could not unload {0}: {1}")
                )
                bar.showMessage(failed.format(model, outcome), 10000)
            else:
                sent = self.tr("Loading {0}…") if load else self.tr("Unloading {0}…")
                bar.showMessage(sent.format(model), 5000)
            self._hurry = HURRY_ROUNDS
            self._sync_timer()
            self._tick()

        OffThread(send, done, self)
