"""The window's router: one owner that starts it with the window and that the Router tab
shows once opened.

:class:`RouterRunner` holds the :class:`~panel.core.router.service.Router`, starts and
stops it off the GUI thread, and turns what the router's thread reports into signals.
The window calls :func:`start_router_with_window` right after its first paint (the
router listens then when ``[router] enabled``), builds its Router tab with
:func:`router_tab_for_window` and calls :func:`shut_down_router` as it closes. A port
that is taken is said in words in the tab and the status bar, never as a traceback.

The window binds the router's address at once but loads the router's modules (aiohttp:
about 20 MB, half a second on a busy 2-core machine) off the GUI thread only when the
first client connects (:mod:`panel.ui.router.door`); a Router tab opened before that
loads them on the GUI thread. This module itself imports none of them.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from panel.core.config.profiles import ServerProfile
from panel.core.config.store import Config, ConfigError, ConfigStore
from panel.ui.router.door import DOOR_NAME, RouterDoor
from panel.ui.workers import OffThread, ToGui

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from panel.core.gpu.sampler import GpuSampler
    from panel.core.router.pool import Served
    from panel.core.router.records import RequestRecord
    from panel.core.router.service import Router
    from panel.core.servers.supervisor import ServerProcess, Supervisor
    from panel.ui.router.tab import RouterTab


_Child = TypeVar("_Child", bound=QObject)


class _Hub(Protocol):
    @property
    def supervisor(self) -> Supervisor: ...
    def server(self, profile: ServerProfile) -> ServerProcess: ...


class RouterWindow(Protocol):
    """What the router needs of the main window (this package sits below it)."""

    config: Config
    store: ConfigStore

    @property
    def hub(self) -> _Hub: ...
    @property
    def sampler(self) -> GpuSampler: ...
    def statusBar(self) -> QStatusBar: ...
    def findChild(self, type: type[_Child], name: str = ...) -> _Child | None: ...
    def show_sleep_states(self, states: dict[str, str]) -> None: ...


RUNNER_NAME = "RouterRunner"
SLEEP_POLL_MS = 1000
STATUS_MS = 30_000  # how long "Router not running: …" stays in the status bar
SLEEP_STATES = ("sleeping", "waking")
LOADING_NAME = "RouterLoading"  # the off-thread load of the router's modules

# Saves a pin in the config; returns why it could not, or "".
PinStore = Callable[[str, bool], str]


class RouterRunner(QObject):
    """Starts, stops and reports one router; signals come on the GUI thread."""

    stateChanged = Signal()  # listening, stopped, busy or failed: see state_text()
    failed = Signal(str)  # why the router could not listen, in words
    recordChanged = Signal(object)  # a RequestRecord, new or one step further
    noteAdded = Signal(str)  # a decision of the router (start, sleep, stop, eviction)
    pinSaved = Signal(str)  # what became of saving a pin ("" when it was saved)
    # {profile: "sleeping" | "waking" | ""} for the profiles that unload by sleeping, when
    # one of them changes: the server list shows it in the badge (a sleeping server is
    # "ready" to the supervisor, its process still runs).
    sleepChanged = Signal(object)

    def __init__(
        self, router: Router, *, pin_store: PinStore | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(RUNNER_NAME)
        self.router = router
        self.busy = False
        self.error = ""
        self.started_with_window = False
        self._pin_store = pin_store
        router.add_record_listener(ToGui(self._relay_record, self))
        router.add_note_listener(ToGui(self.noteAdded.emit, self))
        self._sleep_shown: dict[str, str] = {}
        self._sleep_poll = QTimer(self)
        self._sleep_poll.setInterval(SLEEP_POLL_MS)
        self._sleep_poll.timeout.connect(self._poll_sleep)

    @property
    def running(self) -> bool:
        return self.router.running

    def _relay_record(self, record: RequestRecord) -> None:
        self.recordChanged.emit(record)

    # -- starting and stopping ----------------------------------------------------------
    def start(self, sock: socket.socket | None = None) -> None:
        """Listen, off the GUI thread; ``failed`` says why when it cannot. ``sock``: the
        window's bound socket (:mod:`panel.ui.router.door`), served as it is."""
        self._switch(True, sock)

    def stop(self) -> None:
        """Stop listening and the servers the router started."""
        self._switch(False)

    def toggle(self) -> None:
        self._switch(not self.running)

    def _switch(self, on: bool, sock: socket.socket | None = None) -> None:
        if self.busy:
            if sock is not None:
                sock.close()
            return
        self.busy = True
        self.error = ""
        self.stateChanged.emit()
        router = self.router

        def work() -> None:
            if on:
                router.start(sock)
            else:
                router.stop(stop_servers=True)

        OffThread(work, self._on_switched, self)

    def _on_switched(self, outcome: object) -> None:
        self.busy = False
        self.error = str(outcome) if isinstance(outcome, Exception) else ""
        if self.running:
            self._sleep_poll.start()
        else:
            self._sleep_poll.stop()
        self._poll_sleep()
        self.stateChanged.emit()
        if self.error:
            self.failed.emit(self.error)

    def shutdown(self) -> None:
        """Stop listening now (the window is closing; it stops every server itself)."""
        self.router.stop(stop_servers=False)

    def _poll_sleep(self) -> None:
        # Polled (1/s, a few microseconds a profile) rather than told: the pool's sleep and
        # wake steps run on the router's loop and end without a note.
        running = self.running
        states = {
            served.name: served.state if running and served.state in SLEEP_STATES else ""
            for served in self.listing()
            if served.unload == "sleep"
        }
        if states != self._sleep_shown:
            self._sleep_shown = states
            self.sleepChanged.emit(dict(states))

    # -- profiles -------------------------------------------------------------------------
    def listing(self) -> list[Served]:
        return self.router.listing()

    def set_pinned(self, name: str, pinned: bool) -> None:
        """Pin or unpin ``name`` now, and keep it in the config where there is one."""
        self.router.pin(name, pinned)
        if self._pin_store is not None:
            self.pinSaved.emit(self._pin_store(name, pinned))


def _window_pin_store(window: RouterWindow) -> PinStore:
    def store(name: str, pinned: bool) -> str:
        profile = next((p for p in window.config.profiles if p.name == name), None)
        if profile is None:
            return ""
        profile.pinned = pinned
        try:
            window.store.save(window.config)
        except ConfigError as exc:
            return str(exc)
        return ""

    return store


def router_runner(window: RouterWindow) -> RouterRunner:
    """The window's router owner, made on the first call."""
    runner = window.findChild(RouterRunner, RUNNER_NAME)
    if runner is not None:
        return runner
    from panel.core.router.service import Router

    config = window.config
    router = Router.create(
        window.hub.supervisor,
        lambda: config.profiles,
        config.router,
        nvml=window.sampler.nvml,
        server_for=window.hub.server,
    )
    runner = RouterRunner(router, pin_store=_window_pin_store(window), parent=window)  # type: ignore[arg-type]
    runner.failed.connect(lambda text: _say_not_running(window, text))
    runner.sleepChanged.connect(window.show_sleep_states)
    return runner


def _say_not_running(window: RouterWindow, text: str) -> None:
    message = QCoreApplication.translate("RouterRunner", "Router not running: {0}")
    # For a while: the Router tab keeps saying it; the status bar's own figures come back.
    window.statusBar().showMessage(message.format(text), STATUS_MS)


def _start_once(window: RouterWindow) -> RouterRunner:
    runner = router_runner(window)
    # Once: a router the user stopped, or one that could not listen, stays as it is.
    if window.config.router.enabled and not runner.started_with_window:
        runner.started_with_window = True
        door = window.findChild(RouterDoor, DOOR_NAME)
        sock = door.take() if door is not None else None
        if door is not None:
            door.deleteLater()
        runner.start(sock)
    return runner


def start_router_with_window(window: RouterWindow) -> None:
    """Right after the window's first paint: when ``[router] enabled``, bind its address
    now (a taken port is said at once), and load the router's modules off the GUI thread
    when the first client connects (:mod:`panel.ui.router.door`), then serve."""
    if not window.config.router.enabled or window.findChild(RouterRunner, RUNNER_NAME):
        return
    if window.findChild(RouterDoor, DOOR_NAME) is not None:
        return
    from panel.core.router.listening import RouterStartError, bind

    settings = window.config.router
    try:
        sock = bind(settings.host, settings.port)
    except RouterStartError as exc:
        _say_not_running(window, str(exc))
        return

    def load() -> None:
        import panel.core.router.service  # noqa: F401

    def knocked() -> None:
        def then(outcome: object) -> None:
            if job.property("cancelled"):  # the window closed meanwhile
                return
            if isinstance(outcome, Exception):
                _say_not_running(window, str(outcome))
                door.close()
                return
            _start_once(window)

        job = OffThread(load, then, window)  # type: ignore[arg-type]
        job.setObjectName(LOADING_NAME)

    door = RouterDoor(sock, knocked, window)  # type: ignore[arg-type]


def router_tab_for_window(window: RouterWindow) -> RouterTab:
    """The Router tab, showing the window's router (started with the window)."""
    from panel.ui.router.tab import RouterTab

    return RouterTab(_start_once(window))


def shut_down_router(window: RouterWindow) -> None:
    """As the window closes: the router stops listening (or never starts)."""
    door = window.findChild(RouterDoor, DOOR_NAME)
    if door is not None:
        door.close()
    loading = window.findChild(QObject, LOADING_NAME)
    if loading is not None:
        loading.setProperty("cancelled", True)
    runner = window.findChild(RouterRunner, RUNNER_NAME)
    if runner is not None:
        runner.shutdown()
