"""Watching servers that something else runs (``attach_url`` profiles).

The panel never starts or stops them; it only asks their health endpoint now and then,
so the list can say whether they are up and the chat and transcription tabs can use them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from panel.core.config.profiles import ServerProfile
from panel.core.engines import adapter_for
from panel.core.servers.readiness import ProbeResult, make_client, probe

if TYPE_CHECKING:
    import httpx  # loaded by make_client, on the watcher's thread

ProbeCallback = Callable[[ServerProfile, ProbeResult], None]


def health_url(profile: ServerProfile) -> str:
    return profile.base_url + adapter_for(profile.engine).health_path_for(profile)


def probe_attached(profile: ServerProfile, client: httpx.Client) -> ProbeResult:
    return probe(client, health_url(profile))


class AttachedWatcher:
    """Probes attached profiles every ``interval`` seconds on one background thread.

    ``callback`` runs on that thread; a UI hands it over to its own thread.
    """

    def __init__(
        self,
        callback: ProbeCallback,
        *,
        interval: float = 5.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self._callback = callback
        self._interval = interval
        self._transport = transport
        self._profiles: list[ServerProfile] = []
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def set_profiles(self, profiles: list[ServerProfile]) -> None:
        """Watch these (the attached ones among them); probes at once."""
        with self._lock:
            self._profiles = [p for p in profiles if p.attached]
            wanted = bool(self._profiles)
        if wanted and self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="attached-watcher", daemon=True)
            self._thread.start()
        elif not wanted:
            self.stop()
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        thread = self._thread
        self._thread = None
        self._stop.set()
        self._wake.set()
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        with make_client(self._transport, timeout=2.0) as client:
            while not self._stop.is_set():
                self._wake.clear()
                with self._lock:
                    profiles = list(self._profiles)
                for profile in profiles:
                    if self._stop.is_set():
                        return
                    self._callback(profile, probe_attached(profile, client))
                self._wake.wait(self._interval)
