"""One server's process: start, watch, probe, stop, and never leave orphans.

One :class:`ServerProcess` per profile owns one running server at a time and moves
through the states of :class:`~panel.core.servers.server_state.ServerState`; the
:class:`~panel.core.servers.supervisor.Supervisor` keeps one per profile.

Each server runs under a guard process (:mod:`panel.core.servers.guard`) that kills the server's
whole tree if this process dies, even by SIGKILL. The supervisor reads stdout and stderr
on two threads and probes readiness on a third; listeners are called on those threads,
so a UI must hand the calls over to its own thread (the Qt layer does it with signals).

The parts live beside this module: ``server_state`` (states, outcomes), ``server_events``
(listeners), ``launch`` (checks and plans), ``spawn`` (the guard, the output readers),
``process_tree`` (killing, container pids), ``port_owner`` (is it our server on the
port?), ``exit_reasons`` and ``auto_restart``.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from panel.core.config.profiles import Network, ServerProfile
from panel.core.engines import EngineAdapter, LaunchPlan, adapter_for
from panel.core.i18n import translate
from panel.core.servers import containers, guard
from panel.core.servers.auto_restart import MAX_CRASHES, AutoRestart
from panel.core.servers.exit_reasons import describe_status, last_lines, run_outcome
from panel.core.servers.launch import (
    adopt_plan,
    check_launch,
    create_home_mounts,
    image_entrypoint,
    make_plan,
)
from panel.core.servers.logbuffer import LOG_LINES, LogBuffer
from panel.core.servers.port_owner import ours_listens
from panel.core.servers.preflight import PreflightError
from panel.core.servers.process_tree import kill_tree, running_container
from panel.core.servers.readiness import Probe, make_client, probe
from panel.core.servers.run_log import RunLog, profile_log_dir
from panel.core.servers.server_events import ServerEvents
from panel.core.servers.server_state import ProcessOutcome, ServerState, already
from panel.core.servers.spawn import (
    guard_argv,
    spawn_guarded,
    split_guard_notes,
    start_output_readers,
)

if TYPE_CHECKING:
    import httpx  # loaded by readiness.make_client at the first probe

STOP_MARGIN = 3.0  # seconds past the guard's own grace before we SIGKILL the guard's group
PROGRESS_LINES = 64  # lines of a chunk read for load progress


class ServerProcess(ServerEvents):
    """One profile's server: the process, its log, its state."""

    def __init__(
        self,
        profile: ServerProfile,
        *,
        adapter: EngineAdapter | None = None,
        transport: httpx.BaseTransport | None = None,
        environ: Mapping[str, str] | None = None,
        log_lines: int = LOG_LINES,
        probe_interval: float = 0.05,
    ) -> None:
        super().__init__(LogBuffer(log_lines))
        self.profile = profile
        self.adapter = adapter or adapter_for(profile.engine)
        self._environ = dict(os.environ if environ is None else environ)
        self._transport = transport
        self._probe_interval = probe_interval
        self._outcome: ProcessOutcome | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._plan: LaunchPlan | None = None
        self._container_pid = 0  # the container's first process (host pid), once known
        self._container_id = ""
        self._lifeline: int | None = None
        self._threads: list[threading.Thread] = []
        self._stop_requested = False
        self._stop_deadline: float | None = None
        self._fail_reason: str | None = None
        self._started_at = 0.0
        self._ready_at: float | None = None
        self._finished = threading.Event()
        self._finished.set()
        self._restart_after_stop = False
        self._auto_restart = AutoRestart()

    # -- observing (state, progress, listeners: see ServerEvents) ------------------------
    @property
    def outcome(self) -> ProcessOutcome | None:
        return self._outcome

    @property
    def pid(self) -> int | None:
        """The guard's pid, which is also the server tree's process group id."""
        proc = self._proc
        return proc.pid if proc is not None and self._state.running else None

    def server_pids(self) -> list[int]:
        """Every live process of this server's tree (the guard excluded).

        For a container that is the client's tree and the container's processes, which
        are children of the runtime's shim, not of ours.
        """
        pid = self.pid
        if not pid:
            return []
        pids = guard.descendants(pid)
        if self._container_pid:
            pids += [self._container_pid, *guard.descendants(self._container_pid)]
        return pids

    @property
    def gpu_root(self) -> int | None:
        """The pid whose tree holds this server's GPU memory: the container's, if any."""
        if self.pid is None:
            return None
        return self._container_pid or self.pid

    @property
    def container_id(self) -> str:
        """The running container's full id, once it answered (for GPU attribution)."""
        return self._container_id if self._state.running else ""

    @property
    def container_name(self) -> str:
        """The running container's name; empty for host processes."""
        plan = self._plan
        return plan.container if plan is not None and self._state.running else ""

    @property
    def ready_after(self) -> float | None:
        """Seconds from launch to ready for the current run."""
        return None if self._ready_at is None else self._ready_at - self._started_at

    def launch_plan(self) -> LaunchPlan:
        """What runs now, or what Start would run (for previews and "copy command line")."""
        plan = self._plan
        if plan is not None and self._state.running:
            return plan  # the running container's own name, not a fresh one
        return self._make_plan(self.adapter.resolve_executable(self.profile))

    def _make_plan(self, executable: str | None, image_entry: Sequence[str] = ()) -> LaunchPlan:
        return make_plan(self.profile, self.adapter, executable, self._environ, image_entry)

    # -- controlling -----------------------------------------------------------------
    def start(self, *, check_port: bool = True) -> None:
        """Launch the server. Raises :class:`PreflightError` with advice when it can't."""
        with self._lock:
            if self._state.running:
                raise RuntimeError(already(self.profile.name, self._state))
            if self.profile.attached:
                text = translate(
                    "ServerNotes", "{name} is attached to {url}; something else runs it"
                )
                raise RuntimeError(text.format(name=self.profile.name, url=self.profile.attach_url))
            self._cancel_restart()
            key = check_launch(
                self.profile, self.adapter, check_port=check_port, environ=self._environ
            )
            exe = self.adapter.resolve_executable(self.profile, self._environ.get("PATH"))
            # Asked of the daemon here, not in planning: it may already be the engine.
            image_entry, note = image_entrypoint(self.profile, self._environ)
            plan = self._make_plan(exe, image_entry)
            secrets = {plan.api_key_env: key} if key and plan.api_key_env else {}
            if self.profile.container is not None:
                create_home_mounts(self.profile.container)
            self._spawn(plan, secrets)
            if note:
                self._note(note)

    def adopt(self, info: containers.ContainerInfo) -> None:
        """Take over a running container of ours (left by a crash or another session).

        Its log is followed from the last lines, readiness is probed as usual, and Stop
        stops the container, exactly as for one started here.
        """
        with self._lock:
            if self._state.running:
                raise RuntimeError(already(self.profile.name, self._state))
            plan = adopt_plan(self.profile, self.adapter, info, self._environ)
            self._cancel_restart()
            self._spawn(plan, {})
            self._note(
                translate("ServerNotes", "adopted the running container {name}").format(
                    name=info.name
                )
            )

    def stop(self) -> None:
        """Ask the server to stop (SIGTERM, then SIGKILL after the grace). Returns at once."""
        with self._lock:
            self._cancel_restart()
            if not self._state.running or self._stop_requested:
                return
            self._stop_requested = True
            margin = STOP_MARGIN
            if self._plan is not None and self._plan.stop_command:
                margin += guard.STOP_COMMAND_MARGIN
                command = shlex.join(self._plan.stop_command)
                note = translate("ServerNotes", "stopping the container ({command})")
                self._note(note.format(command=command))
            else:
                note = translate(
                    "ServerNotes", "stopping (SIGTERM, then SIGKILL after {grace:g} s)"
                )
                self._note(note.format(grace=self.profile.stop_grace))
            self._stop_deadline = time.monotonic() + self.profile.stop_grace + margin
            proc = self._proc
            self._set_state(ServerState.STOPPING)
        if proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGTERM)

    def kill(self) -> None:
        """SIGKILL the whole tree now, without a grace period (a second Ctrl-C)."""
        with self._lock:
            proc = self._proc
            if proc is None or not self._state.running:
                return
            if not self._stop_requested:
                self._stop_requested = True
                self._set_state(ServerState.STOPPING)
            self._note(translate("ServerNotes", "killing (SIGKILL)"))
            plan = self._plan
        if plan is not None and plan.kill_command:
            # `docker kill` waits on the daemon: not on the caller's (the GUI's) thread.
            threading.Thread(
                target=self._kill_tree, args=(proc,), daemon=True, name="kill-container"
            ).start()
            return
        self._kill_tree(proc)

    def wait(self, timeout: float | None = None) -> ProcessOutcome | None:
        """Block until the current run has ended; its outcome, or None on timeout."""
        if not self._finished.wait(timeout):
            return None
        return self._outcome

    def stop_and_wait(self, timeout: float | None = None) -> ProcessOutcome | None:
        self.stop()
        return self.wait(timeout)

    def restart(self) -> None:
        """Stop if running, then start again once stopped. Returns at once."""
        with self._lock:
            if self._state.running:
                self._restart_after_stop = True
                self.stop()
                return
        self.start()

    # -- the run -----------------------------------------------------------------------
    def _spawn(self, plan: LaunchPlan, secrets: Mapping[str, str]) -> None:
        self.log.clear()
        self._outcome = None
        self._progress = None
        self._fail_reason = None
        self._stop_requested = False
        self._stop_deadline = None
        self._ready_at = None
        self._container_pid = 0
        self._container_id = ""
        self._plan = plan
        self._finished.clear()
        env = {**self._environ, **plan.env, **secrets}
        argv = guard_argv(plan, self.profile.stop_grace)
        self._open_run_log()
        self._note("$ " + plan.command_line())
        try:
            proc, lifeline = spawn_guarded(argv, env)
        except BaseException:
            if self.log.run_log is not None:
                self.log.run_log.close()
            self._finished.set()
            raise
        self._proc = proc
        self._lifeline = lifeline
        self._started_at = time.monotonic()
        self._set_state(ServerState.STARTING)
        run_log = self.log.run_log
        self._threads = start_output_readers(
            proc, self._deliver, self.profile.name, run_log.write if run_log else None
        )
        watcher = threading.Thread(
            target=self._watch, args=(proc, plan), daemon=True, name=f"watch:{self.profile.name}"
        )
        watcher.start()

    def _deliver(self, stream: str, texts: list[str], flags: list[bool] | None) -> None:
        if stream == "stderr":  # the guard's own lines come there: ours, not the server's
            notes, texts, flags = split_guard_notes(texts, flags)
            for note in notes:
                self._note(note)
            if not texts:
                return
        lines = self.log.extend(stream, texts, flags)
        if self._current() in (ServerState.STARTING, ServerState.LOADING):
            # Only the last lines of a big chunk: an older progress line in it is stale.
            for text in texts[-PROGRESS_LINES:]:
                progress = self.adapter.parse_progress(text)
                if progress is not None and progress != self._progress:
                    with self._lock:
                        if self._state in (ServerState.STARTING, ServerState.LOADING):
                            self._progress = progress
                            self._set_state(ServerState.LOADING, force=True)
        self._emit_lines(lines)

    def _watch(self, proc: subprocess.Popen[bytes], plan: LaunchPlan) -> None:
        client = make_client(self._transport)
        interval = self._probe_interval
        warned: set[str] = set()
        deadline = self._started_at + self.profile.ready_timeout
        try:
            while True:
                try:
                    proc.wait(timeout=interval)
                    break
                except subprocess.TimeoutExpired:
                    pass
                now = time.monotonic()
                if self._stop_requested:
                    if self._stop_deadline is not None and now >= self._stop_deadline:
                        self._note(
                            translate(
                                "ServerNotes", "still running after the grace period: SIGKILL"
                            )
                        )
                        self._kill_tree(proc)
                        self._stop_deadline = None
                    continue
                if self._state is ServerState.READY:
                    interval = 1.0  # nothing to probe; just notice the exit promptly
                    continue
                interval = min(0.5, interval * 1.3)  # fast for tiny models, calm for big ones
                result = probe(client, plan.health_url)
                if result.state is Probe.READY and proc.poll() is None:
                    self._on_ready(proc)
                elif result.state is Probe.LOADING and self._state is ServerState.STARTING:
                    with self._lock:
                        if not self._stop_requested:
                            self._set_state(ServerState.LOADING)
                elif result.state is Probe.ERROR and result.detail not in warned:
                    warned.add(result.detail)
                    note = translate("ServerNotes", "health check: {detail}")
                    self._note(note.format(detail=result.detail))
                if self._current() is not ServerState.READY and now >= deadline:
                    reason = translate(
                        "ServerNotes",
                        "not ready after {timeout:g} s; stopped it "
                        "(raise the profile's ready timeout for big models)",
                    )
                    self._fail(reason.format(timeout=self.profile.ready_timeout))
        finally:
            client.close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._finish(proc)

    def _on_ready(self, proc: subprocess.Popen[bytes]) -> None:
        pids = guard.descendants(proc.pid)
        plan = self._plan
        if plan is not None and plan.container:
            pids += self._find_container_pids(plan)
        spec = self.profile.container
        published = bool(plan and plan.container and spec and spec.network is Network.PUBLISH)
        ours = ours_listens(self.profile.port, pids, published=published)
        with self._lock:
            if self._stop_requested:
                # Asked to stop while it answered its first probe: its listening socket
                # may be closed already, which says nothing about another program.
                return
        if not ours:
            reason = translate(
                "ServerNotes",
                "port {port} is answered by another program, not the server we started",
            )
            self._fail(reason.format(port=self.profile.port))
            return
        with self._lock:
            if self._stop_requested:
                return
            self._ready_at = time.monotonic()
            self._progress = None
            note = translate("ServerNotes", "ready after {seconds:.2f} s at {address}")
            seconds = self._ready_at - self._started_at
            self._note(note.format(seconds=seconds, address=self.profile.base_url))
            self._set_state(ServerState.READY)

    def _open_run_log(self) -> None:
        """This run's file of every line (see :mod:`panel.core.servers.run_log`)."""
        self.log.run_log = RunLog(
            profile_log_dir(self.profile.name), on_error=lambda error: self._note(error)
        )

    def _fail(self, reason: str) -> None:
        self._fail_reason = reason
        self._note(reason)
        self.stop()

    def _find_container_pids(self, plan: LaunchPlan) -> list[int]:
        """The container's host pids (its processes are not ours), and notes its id."""
        try:
            info = running_container(plan)
        except containers.ContainerRuntimeError as exc:
            self._note(
                translate("ServerNotes", "cannot inspect the container: {error}").format(error=exc)
            )
            return []
        if info is None:
            return []
        self._container_id = info.id
        self._container_pid = info.pid
        return [info.pid, *guard.descendants(info.pid)]

    def _kill_tree(self, proc: subprocess.Popen[bytes]) -> None:
        kill_tree(proc, self._plan)

    def _finish(self, proc: subprocess.Popen[bytes]) -> None:
        ran_for = time.monotonic() - self._started_at
        outcome = run_outcome(
            proc.returncode,
            stop_requested=self._stop_requested,
            fail_reason=self._fail_reason,
            last=last_lines(self.log, self.adapter),
            ran_for=ran_for,
            plan=self._plan,
            adapter=self.adapter,
        )
        requested = outcome.requested
        with self._lock:
            if self._lifeline is not None:
                os.close(self._lifeline)
                self._lifeline = None
            was_ready_for = time.monotonic() - self._ready_at if self._ready_at else 0.0
            self._outcome = outcome
            self._progress = None
            status = describe_status(outcome.exit_code, outcome.signal)
            if requested:
                note = translate("ServerNotes", "stopped ({status}) after {seconds:.2f} s")
            else:
                note = translate("ServerNotes", "ended ({status}) after {seconds:.2f} s: {reason}")
            self._note(note.format(status=status, seconds=ran_for, reason=outcome.reason))
            self._set_state(ServerState.STOPPED if requested else ServerState.CRASHED, outcome)
            if self.log.run_log is not None:
                self.log.run_log.close()
            self._finished.set()
            restart = self._restart_after_stop
            self._restart_after_stop = False
            self._auto_restart.run_ended(requested=requested, was_ready_for=was_ready_for)
        if restart:
            self._start_quietly()
        elif not requested and self.profile.auto_restart:
            self._schedule_restart()

    # -- auto-restart ------------------------------------------------------------------
    def _schedule_restart(self) -> None:
        delay = self._auto_restart.next_delay()
        if delay is None:
            note = translate("ServerNotes", "crashed {count} times in a row; not restarting again")
            self._note(note.format(count=MAX_CRASHES))
            return
        self._note(
            translate("ServerNotes", "restarting in {delay:g} s (auto-restart)").format(delay=delay)
        )
        self._auto_restart.schedule(delay, self._start_quietly)

    def _cancel_restart(self) -> None:
        self._auto_restart.cancel()

    def _start_quietly(self) -> None:
        try:
            self.start()
        except (PreflightError, RuntimeError, OSError) as exc:
            self._note(translate("ServerNotes", "could not restart: {error}").format(error=exc))
