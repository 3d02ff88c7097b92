"""The router as an object the window and the command line start and stop.

It runs its own asyncio loop on a thread of its own, so neither Qt's loop nor the
command line's main thread has to be asyncio's. Listeners are called on that thread:
a UI hands the calls to its own thread (``panel.ui.workers.ToGui``).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import dataclasses
import socket
import threading
from collections.abc import Callable, Sequence

import aiohttp
from aiohttp import web

from panel.core.config.profiles import ApiKeyError, ServerProfile, resolve_api_key
from panel.core.config.router_settings import RouterSettings
from panel.core.config.validation import is_wildcard_host
from panel.core.gpu.nvml import Nvml
from panel.core.i18n import translate
from panel.core.router.listening import RouterStartError, listen_problem
from panel.core.router.names import ROUTES
from panel.core.router.pool import Served, ServerPool
from panel.core.router.proxy import Proxy
from panel.core.router.records import RequestRecord
from panel.core.servers.supervisor import ServerProcess, Supervisor

__all__ = ["Router", "RouterStartError", "exposure_warning", "listen_problem"]

HISTORY = 500  # requests the live list keeps
MAX_BODY = 1 << 30  # bytes: an hour of WAV is about 115 MB; models' prompts far less
START_TIMEOUT = 10.0


def exposure_warning(host: str) -> str | None:
    """The warning a router bound to every interface gets, as profiles' binds do."""
    if not is_wildcard_host(host):
        return None
    return translate(
        "Router",
        "the router listens on every network interface ({host}): other machines can reach "
        "every model through it. 127.0.0.1 keeps it on this machine.",
    ).format(host=host)


class Router:
    """One OpenAI-compatible address for every profile of ``supervisor``.

    ``nvml`` (optional) lets the router stop least recently used servers when the GPU
    is short; ``idle_interval`` is how often idle servers are looked for.
    """

    def __init__(
        self,
        pool: ServerPool,
        *,
        idle_interval: float = 1.0,
        environ: dict[str, str] | None = None,
    ) -> None:
        self.pool = pool
        self._idle_interval = idle_interval
        self._environ = environ
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._stopped = asyncio.Event()
        self._port = 0
        self._records: collections.deque[RequestRecord] = collections.deque(maxlen=HISTORY)
        self._record_lock = threading.Lock()
        self._record_listeners: list[Callable[[RequestRecord], None]] = []
        self._note_listeners: list[Callable[[str], None]] = []
        self.notes: collections.deque[str] = collections.deque(maxlen=200)
        self.pool._note = self._note  # the pool's notes reach the same listeners
        self.pool.http = self._client  # /sleep and /wake_up go through the same client
        self.pool.auth = self._auth

    @classmethod
    def create(
        cls,
        supervisor: Supervisor,
        profiles: Sequence[ServerProfile] | Callable[[], Sequence[ServerProfile]],
        settings: RouterSettings,
        *,
        nvml: Nvml | None = None,
        idle_interval: float = 1.0,
        environ: dict[str, str] | None = None,
        server_for: Callable[[ServerProfile], ServerProcess] | None = None,
    ) -> Router:
        pool = ServerPool(supervisor, settings, nvml=nvml, server_for=server_for)
        pool.set_profiles(profiles)
        return cls(pool, idle_interval=idle_interval, environ=environ)

    # -- observing ---------------------------------------------------------------------
    @property
    def settings(self) -> RouterSettings:
        return self.pool.settings

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def port(self) -> int:
        return self._port or self.settings.port

    @property
    def address(self) -> str:
        host = self.settings.host
        if is_wildcard_host(host):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def records(self) -> list[RequestRecord]:
        with self._record_lock:
            return [dataclasses.replace(r) for r in self._records]

    def add_record_listener(self, listener: Callable[[RequestRecord], None]) -> None:
        """Called with a copy of a request's record at each step (on the router's thread)."""
        self._record_listeners.append(listener)

    def add_note_listener(self, listener: Callable[[str], None]) -> None:
        """Called with a line for each start, stop and eviction the router decides."""
        self._note_listeners.append(listener)

    # -- controlling --------------------------------------------------------------------
    def start(self, sock: socket.socket | None = None) -> None:
        """Listen; returns once bound. :class:`RouterStartError` (an OSError) says why
        the address cannot be had. ``sock``: a socket already listening on the router's
        address (:func:`panel.core.router.listening.bind`), taken over as it is."""
        if self.running:
            return
        ready = threading.Event()
        failure: list[BaseException] = []
        self._thread = threading.Thread(
            target=self._run, args=(ready, failure, sock), daemon=True, name="router"
        )
        self._thread.start()
        if not ready.wait(START_TIMEOUT):
            raise RouterStartError(
                translate("Router", "the router did not start within {seconds:g} s").format(
                    seconds=START_TIMEOUT
                )
            )
        if failure:
            self._thread.join(5)
            self._thread = None
            settings = self.settings
            raise RouterStartError(
                listen_problem(failure[0], settings.host, settings.port)
            ) from failure[0]

    def stop(self, *, stop_servers: bool = True, timeout: float = 30.0) -> None:
        """Stop listening (requests under way are cut), then, with ``stop_servers``, the
        servers the router started."""
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            loop.call_soon_threadsafe(self._stopped.set)
            thread.join(timeout)
        self._thread = None
        if stop_servers:
            for server in self.pool.started_servers():
                server.stop()
            for server in self.pool.started_servers():
                server.wait(timeout)

    def set_profiles(self, profiles: Sequence[ServerProfile]) -> None:
        self._call(self.pool.set_profiles, list(profiles))

    def pin(self, name: str, pinned: bool = True) -> None:
        """Keep ``name`` loaded (or no longer). From any thread: a pin is one flag the
        loop reads, and the pool looks at its slots through copies."""
        self.pool.pin(name, pinned)

    def listing(self) -> list[Served]:
        return self.pool.listing()

    def _call(self, fn: Callable[..., object], *args: object) -> None:
        loop = self._loop
        if loop is not None and self.running:
            loop.call_soon_threadsafe(fn, *args)
        else:
            fn(*args)

    # -- the loop's thread ---------------------------------------------------------------
    def _run(
        self, ready: threading.Event, failure: list[BaseException], sock: socket.socket | None
    ) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve(ready, failure, sock))
        finally:
            ready.set()
            with contextlib.suppress(Exception):
                loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _serve(
        self, ready: threading.Event, failure: list[BaseException], sock: socket.socket | None
    ) -> None:
        self._stopped = asyncio.Event()
        proxy = Proxy(self.pool, self._client, self._add_record, self._environ)
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_get("/v1/models", proxy.models)
        app.router.add_get("/health", proxy.health)
        for route in ROUTES:
            app.router.add_post(route, proxy.forward)
        # handler_cancellation: a client that goes away cancels its handler, and with it
        # the request to the server.
        runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await runner.setup()
        self._runner = runner
        try:
            site: web.BaseSite = (
                web.SockSite(runner, sock)
                if sock is not None
                else web.TCPSite(runner, self.settings.host, self.settings.port)
            )
            await site.start()
        except BaseException as exc:
            failure.append(exc)
            await runner.cleanup()
            return
        self._port = _bound_port(runner) or self.settings.port
        idle = asyncio.get_running_loop().create_task(
            self.pool.run_idle_checks(self._idle_interval)
        )
        ready.set()
        try:
            await self._stopped.wait()
        finally:
            idle.cancel()
            await runner.cleanup()
            if self._session is not None:
                await self._session.close()
                self._session = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            # No pool limit: 100 streams at once are 100 connections. No total timeout:
            # a long answer may take minutes; connecting may not.
            self._session = aiohttp.ClientSession(
                # Kept-alive connections are let go before llama-server's own 5 s
                # keep-alive ends them: reusing one it closed would fail the request.
                connector=aiohttp.TCPConnector(limit=0, keepalive_timeout=2.0),
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=10),
                auto_decompress=False,
            )
        return self._session

    def _auth(self, profile: ServerProfile) -> dict[str, str]:
        try:
            key = resolve_api_key(profile.api_key_ref, self._environ)
        except ApiKeyError:
            return {}  # the request itself says why, when one comes
        return {"Authorization": f"Bearer {key}"} if key else {}

    def _add_record(self, record: RequestRecord) -> None:
        copy = dataclasses.replace(record)
        with self._record_lock:
            if not self._records or self._records[-1].id != record.id:
                replaced = False
                for index in range(len(self._records) - 1, -1, -1):
                    if self._records[index].id == record.id:
                        self._records[index] = copy
                        replaced = True
                        break
                if not replaced:
                    self._records.append(copy)
            else:
                self._records[-1] = copy
        for listener in list(self._record_listeners):
            listener(dataclasses.replace(copy))

    def _note(self, text: str) -> None:
        self.notes.append(text)
        for listener in list(self._note_listeners):
            listener(text)


def _bound_port(runner: web.AppRunner) -> int:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return 0
