"""The servers behind the router: started on demand, unloaded when idle, evicted when
the GPU is short.

Everything here runs on the router's event loop, so the bookkeeping needs no lock; the
supervisor's blocking calls (start, stop and wait, NVML) go to the loop's executor. A
server the router did not start (the user started it in the window, or it is attached)
is used but never stopped by the router. A vLLM profile with ``unload = "sleep"`` is put
to sleep instead of stopped, and woken by the next request for it (:mod:`.sleep`).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import aiohttp

from panel.core.config.profiles import ServerProfile
from panel.core.config.router_settings import RouterSettings
from panel.core.gpu.nvml import Nvml
from panel.core.i18n import QT_TRANSLATE_NOOP, translate
from panel.core.models.memory_fit import format_bytes
from panel.core.router.memory import estimated_need, free_memory, profile_gpu, used_by
from panel.core.router.names import Refusal, model_names
from panel.core.router.sleep import (
    not_set_up,
    put_to_sleep,
    sleep_mode_enabled,
    sleep_refusal,
    sleeps,
    wake_up,
)
from panel.core.servers.preflight import PreflightError
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import ServerProcess, Supervisor

POLL = 0.02  # seconds between looks at a loading server's state
STOP_WAIT_MARGIN = 10.0  # seconds past a server's stop grace before eviction gives up
_CANNOT_START = QT_TRANSLATE_NOOP("Router", "cannot start {name}: {error}")


class Unavailable(Refusal):
    """The request cannot be served now (HTTP 503); ``str()`` says why, ``shown`` says it
    in the user's language."""


@dataclass
class Slot:
    """The router's view of one profile's server."""

    name: str
    started_by_router: bool = False
    pinned: bool | None = None  # None: as the profile's ``pinned`` says
    active: int = 0  # requests being forwarded to it now
    waiting: int = 0  # requests waiting for it to load
    last_used: float = 0.0  # clock() when the last request to it ended
    loading: asyncio.Task[None] | None = None
    measured: int = 0  # GPU bytes it held when last seen running
    asleep: bool = False  # vLLM's sleep mode: running, its GPU memory freed
    sleeping: asyncio.Task[None] | None = None  # a /sleep under way
    waking: bool = False


@dataclass(frozen=True)
class Served:
    """One profile as /v1/models and the Router tab show it."""

    name: str
    aliases: list[str]
    engine: str
    role: str
    state: str  # the server's state, "sleeping", "waking" or "attached"
    pinned: bool
    started_by_router: bool
    idle_timeout: float
    unload: str


class ServerPool:
    def __init__(
        self,
        supervisor: Supervisor,
        settings: RouterSettings,
        *,
        nvml: Nvml | None = None,
        note: Callable[[str], None] = lambda text: None,
        clock: Callable[[], float] = time.monotonic,
        server_for: Callable[[ServerProfile], ServerProcess] | None = None,
    ) -> None:
        self.supervisor = supervisor
        # The window passes its hub's server(), which wires a new server to the list.
        self._server_for = server_for or supervisor.server
        self.settings = settings
        self._nvml = nvml
        self._note = note
        self._clock = clock
        self._profiles: dict[str, ServerProfile] = {}
        self._source: Callable[[], Sequence[ServerProfile]] | None = None
        # Read from other threads too (the window's list, pins): the loop iterates copies.
        self.slots: dict[str, Slot] = {}
        self.evicted: list[str] = []  # names, in the order they were evicted
        # Set by the Router: its HTTP client, and a profile's Authorization header.
        self.http: Callable[[], aiohttp.ClientSession] | None = None
        self.auth: Callable[[ServerProfile], dict[str, str]] = lambda profile: {}

    # -- profiles ---------------------------------------------------------------------
    def set_profiles(
        self, profiles: Sequence[ServerProfile] | Callable[[], Sequence[ServerProfile]]
    ) -> None:
        """The profiles to route to, or a function that says which they are now (the
        window's config, which the user edits while the router runs)."""
        if callable(profiles):
            self._source = profiles
        else:
            self._source = None
            self._profiles = {p.name: p for p in profiles}

    @property
    def profiles(self) -> list[ServerProfile]:
        if self._source is not None:
            self._profiles = {p.name: p for p in self._source()}
        return list(self._profiles.values())

    def slot(self, name: str) -> Slot:
        slot = self.slots.get(name)
        if slot is None:
            slot = self.slots[name] = Slot(name)
        return slot

    def state_of(self, profile: ServerProfile) -> str:
        """The server's state, or "sleeping" / "waking" for vLLM's sleep mode."""
        if profile.attached:
            return "attached"
        server = self.supervisor.get(profile.name)
        if server is None:
            return ServerState.STOPPED.value
        slot = self.slots.get(profile.name)
        if slot is not None and server.state is ServerState.READY:
            if slot.waking:
                return "waking"
            if slot.asleep:
                return "sleeping"
        return server.state.value

    def idle_timeout(self, profile: ServerProfile) -> float:
        if profile.idle_timeout is not None:
            return profile.idle_timeout
        return self.settings.default_idle_timeout

    def pin(self, name: str, pinned: bool = True) -> None:
        self.slot(name).pinned = pinned

    def listing(self) -> list[Served]:
        """Every profile with its state; safe to call from another thread (it only reads)."""
        found = []
        for profile in self.profiles:
            slot = self.slots.get(profile.name)
            found.append(
                Served(
                    name=profile.name,
                    aliases=model_names(profile)[1:],
                    engine=profile.engine.value,
                    role=profile.role.value,
                    state=self.state_of(profile),
                    pinned=self.is_pinned(profile.name),
                    started_by_router=slot is not None and slot.started_by_router,
                    idle_timeout=self.idle_timeout(profile),
                    unload=profile.unload,
                )
            )
        return found

    def is_pinned(self, name: str) -> bool:
        """Pinned here (the window, ``--pin``), else as the profile's ``pinned`` says."""
        slot = self.slots.get(name)
        if slot is not None and slot.pinned is not None:
            return slot.pinned
        profile = self._profiles.get(name)
        return profile is not None and profile.pinned

    # -- requests ---------------------------------------------------------------------
    async def acquire(self, profile: ServerProfile) -> bool:
        """Make ``profile``'s server ready for one request and count it as busy; True
        when this request had to wait for it to load. Raises :class:`Unavailable`."""
        slot = self.slot(profile.name)
        if profile.attached:
            slot.active += 1
            return False
        server = self._server_for(profile)
        # READY is enough, even while the load's own task has not yet noticed: a request
        # that comes then must not be counted against the queue of those waiting.
        if server.state is ServerState.READY and not slot.asleep and slot.sleeping is None:
            slot.active += 1
            return False
        if slot.waiting >= self.settings.max_queue:
            raise Unavailable(
                QT_TRANSLATE_NOOP(
                    "Router",
                    "{name} is loading and {waiting} requests already wait for it "
                    "(max_queue {max_queue}); try again shortly",
                ),
                name=profile.name,
                waiting=slot.waiting,
                max_queue=self.settings.max_queue,
            )
        slot.waiting += 1
        try:
            if slot.loading is None:
                slot.loading = asyncio.get_running_loop().create_task(self._load(profile, server))
            # One waiter that goes away must not cancel the load the others wait for.
            await asyncio.shield(slot.loading)
        finally:
            slot.waiting -= 1
        slot.active += 1
        return True

    def release(self, profile: ServerProfile) -> None:
        slot = self.slot(profile.name)
        slot.active = max(0, slot.active - 1)
        slot.last_used = self._clock()

    async def _load(self, profile: ServerProfile, server: ServerProcess) -> None:
        slot = self.slot(profile.name)
        loop = asyncio.get_running_loop()
        try:
            if slot.sleeping is not None:  # going to sleep: let it, then wake it
                await slot.sleeping
            if slot.asleep and server.state is ServerState.READY:
                await self._wake(profile, server, slot)
                return
            if server.state is ServerState.STOPPING:  # idle unload under way: let it end
                await loop.run_in_executor(None, server.wait, profile.stop_grace + 10)
            if not server.state.running:
                await self._make_room(profile)
                self._note(
                    translate("Router", "starting {name} for a request").format(name=profile.name)
                )
                try:
                    await loop.run_in_executor(None, server.start)
                except PreflightError as exc:
                    problems = "; ".join(str(p) for p in exc.problems)
                    raise Unavailable(_CANNOT_START, name=profile.name, error=problems) from None
                except (RuntimeError, OSError) as exc:
                    raise Unavailable(_CANNOT_START, name=profile.name, error=exc) from None
                slot.started_by_router = True
                slot.asleep = False  # a server that slept and then ended starts afresh
                slot.last_used = self._clock()
            await self._wait_ready(profile, server)
        finally:
            slot.loading = None

    async def _wait_ready(self, profile: ServerProfile, server: ServerProcess) -> None:
        while True:
            state = server.state
            if state is ServerState.READY:
                return
            if not state.running or state is ServerState.STOPPING:
                outcome = server.outcome
                why = outcome.reason if outcome is not None else state.value
                refusal = sleep_refusal(outcome.last_lines) if outcome is not None else None
                if refusal is not None:  # the reason alone would not say what to change
                    said = translate("Router", "{name}: {reason}")
                    self._note(said.format(name=profile.name, reason=refusal))
                    why = refusal
                raise Unavailable(
                    QT_TRANSLATE_NOOP("Router", "{name} did not become ready: {error}"),
                    name=profile.name,
                    error=why,
                )
            await asyncio.sleep(POLL)

    # -- sleep mode ----------------------------------------------------------------------
    async def _wake(self, profile: ServerProfile, server: ServerProcess, slot: Slot) -> None:
        await self._make_room(profile)
        self._note(translate("Router", "waking {name} for a request").format(name=profile.name))
        slot.waking = True
        try:
            why = (
                await wake_up(self.http(), profile, self.auth(profile))
                if self.http is not None
                else "no HTTP client"
            )
        finally:
            slot.waking = False
        if why is not None:
            raise Unavailable(
                QT_TRANSLATE_NOOP("Router", "cannot wake {name}: {error}"),
                name=profile.name,
                error=why,
            )
        slot.asleep = False
        slot.last_used = self._clock()

    def _put_to_sleep(self, profile: ServerProfile, server: ServerProcess) -> None:
        slot = self.slot(profile.name)
        slot.sleeping = asyncio.get_running_loop().create_task(self._sleep(profile, server))

    async def _sleep(self, profile: ServerProfile, server: ServerProcess) -> None:
        """``POST /sleep``; a server that cannot sleep is stopped, as without sleep mode."""
        slot = self.slot(profile.name)
        try:
            if not sleep_mode_enabled(profile):
                self._note(not_set_up(profile))
            else:
                why = (
                    await put_to_sleep(self.http(), profile, self.auth(profile))
                    if self.http is not None
                    else "no HTTP client"
                )
                if why is None:
                    slot.asleep = True
                    return
                self._note(
                    translate(
                        "Router", "{name} did not go to sleep ({why}); stopping it instead"
                    ).format(name=profile.name, why=why)
                )
            await asyncio.get_running_loop().run_in_executor(
                None, server.stop_and_wait, profile.stop_grace + STOP_WAIT_MARGIN
            )
        finally:
            slot.sleeping = None

    # -- GPU memory ---------------------------------------------------------------------
    async def _make_room(self, profile: ServerProfile) -> None:
        """Stop least recently used idle servers the router started until the GPU has
        the memory ``profile`` needs (as far as it is known)."""
        if self._nvml is None:
            return
        loop = asyncio.get_running_loop()
        snapshot = await loop.run_in_executor(None, self._nvml.snapshot)
        gpu = profile_gpu(profile, snapshot)
        if gpu is None:
            return
        for name, slot in list(self.slots.items()):
            running = self.supervisor.get(name)
            if running is not None and running.state.running:
                slot.measured = used_by(gpu, _tree(running)) or slot.measured
        need = estimated_need(profile) or self.slot(profile.name).measured
        free = free_memory(gpu).free
        if need <= free:
            return
        for slot in sorted(self._evictable(profile), key=lambda s: s.last_used):
            server = self.supervisor.get(slot.name)
            if server is None:
                continue
            pids = _tree(server)
            if not any(p.pid in pids for p in gpu.processes):
                continue  # not on this GPU: stopping it frees nothing here
            held = used_by(gpu, pids)
            self._note(
                translate(
                    "Router",
                    "stopping {name} (least recently used, {held}) to free GPU memory for "
                    "{profile} (needs {need}, {free} free)",
                ).format(
                    name=slot.name,
                    held=format_bytes(held),
                    profile=profile.name,
                    need=format_bytes(need),
                    free=format_bytes(free),
                )
            )
            self.evicted.append(slot.name)
            if sleeps(server.profile) and not slot.asleep:
                self._put_to_sleep(server.profile, server)
                if slot.sleeping is not None:
                    await slot.sleeping
            else:
                await loop.run_in_executor(
                    None, server.stop_and_wait, server.profile.stop_grace + STOP_WAIT_MARGIN
                )
            free += held
            if need <= free:
                return
        self._note(
            translate(
                "Router",
                "{name} may not fit: needs {need}, {free} free and nothing more the router "
                "may stop; starting it anyway",
            ).format(name=profile.name, need=format_bytes(need), free=format_bytes(free))
        )

    def _evictable(self, profile: ServerProfile) -> list[Slot]:
        found = []
        for slot in list(self.slots.values()):
            server = self.supervisor.get(slot.name)
            if (
                slot.name != profile.name
                and slot.started_by_router
                and not self.is_pinned(slot.name)
                and not slot.active
                and slot.sleeping is None
                and not slot.waking
                and not slot.waiting
                and slot.loading is None
                and server is not None
                and server.state.running
            ):
                found.append(slot)
        return found

    # -- idle unload ----------------------------------------------------------------------
    def unload_idle(self) -> list[str]:
        """Stop each server the router started that has been idle past its timeout;
        their names."""
        now = self._clock()
        stopped = []
        for slot in list(self.slots.values()):
            server = self.supervisor.get(slot.name)
            if server is None or not server.state.running:
                slot.started_by_router = False
                slot.asleep = False
                continue
            profile = self._profiles.get(slot.name, server.profile)
            timeout = self.idle_timeout(profile)
            if (
                not slot.started_by_router
                or self.is_pinned(slot.name)
                or slot.active
                or slot.waiting
                or slot.loading is not None
                or slot.asleep
                or slot.sleeping is not None
                or server.state is not ServerState.READY
                or timeout <= 0
                or now - slot.last_used < timeout
            ):
                continue
            if sleeps(profile):
                self._note(
                    translate(
                        "Router",
                        "putting {name} to sleep: no request for {seconds:g} s (idle_timeout)",
                    ).format(name=slot.name, seconds=timeout)
                )
                self._put_to_sleep(profile, server)
            else:
                self._note(
                    translate(
                        "Router", "stopping {name}: no request for {seconds:g} s (idle_timeout)"
                    ).format(name=slot.name, seconds=timeout)
                )
                server.stop()
            stopped.append(slot.name)
        return stopped

    async def run_idle_checks(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            self.unload_idle()

    def started_servers(self) -> list[ServerProcess]:
        found = []
        for slot in list(self.slots.values()):
            server = self.supervisor.get(slot.name)
            if slot.started_by_router and server is not None and server.state.running:
                found.append(server)
        return found


def _tree(server: ServerProcess) -> set[int]:
    pids = set(server.server_pids())
    if server.pid is not None:
        pids.add(server.pid)
    return pids
