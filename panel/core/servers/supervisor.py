"""Supervising server processes: start, watch, probe, stop, and never leave orphans.

One :class:`ServerProcess` per profile owns one running server at a time::

    STOPPED -> STARTING -> LOADING -> READY -> STOPPING -> STOPPED
                  \\__________\\__________\\______________-> CRASHED(outcome)

Each server runs under a guard process (:mod:`panel.core.servers.guard`) that kills the server's
whole tree if this process dies, even by SIGKILL. The supervisor reads stdout and stderr
on two threads and probes readiness on a third; listeners are called on those threads,
so a UI must hand the calls over to its own thread (the Qt layer does it with signals).
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO

import httpx

from panel.core.config.profiles import (
    ApiKeyError,
    ContainerSpec,
    Network,
    ServerProfile,
    resolve_api_key,
)
from panel.core.engines import EngineAdapter, LaunchPlan, LoadProgress, adapter_for
from panel.core.engines.base import describe_signal, last_error_line
from panel.core.servers import containers, guard
from panel.core.servers.logbuffer import LOG_LINES, LineSplitter, LogBuffer, LogLine
from panel.core.servers.ports import listening_pids
from panel.core.servers.preflight import PreflightError, Problem, preflight
from panel.core.servers.readiness import Probe, make_client, probe

GUARD_SCRIPT = str(Path(guard.__file__).resolve())
LAST_LINES = 30  # lines kept in a crash outcome
STOP_MARGIN = 3.0  # seconds past the guard's own grace before we SIGKILL the guard's group


class ServerState(StrEnum):
    STOPPED = "stopped"
    STARTING = "starting"
    LOADING = "loading"
    READY = "ready"
    STOPPING = "stopping"
    CRASHED = "crashed"

    @property
    def running(self) -> bool:
        return self in (
            ServerState.STARTING,
            ServerState.LOADING,
            ServerState.READY,
            ServerState.STOPPING,
        )


@dataclass(frozen=True)
class ProcessOutcome:
    """How a server run ended, in a form a person can read."""

    exit_code: int | None  # None when a signal ended it
    signal: int | None
    requested: bool  # the user (or the panel, e.g. on quit) asked it to stop
    reason: str
    last_lines: tuple[str, ...]
    ran_for: float  # seconds

    @property
    def crashed(self) -> bool:
        return not self.requested


@dataclass(frozen=True)
class StateChange:
    state: ServerState
    previous: ServerState
    progress: LoadProgress | None = None
    outcome: ProcessOutcome | None = None


StateListener = Callable[["ServerProcess", StateChange], None]
LineListener = Callable[["ServerProcess", list[LogLine]], None]


class ServerProcess:
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
        self.profile = profile
        self.adapter = adapter or adapter_for(profile.engine)
        self.log = LogBuffer(log_lines)
        self._environ = dict(os.environ if environ is None else environ)
        self._transport = transport
        self._probe_interval = probe_interval
        self._lock = threading.RLock()
        self._state = ServerState.STOPPED
        self._progress: LoadProgress | None = None
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
        self._crash_count = 0
        self._restart_timer: threading.Timer | None = None
        self._state_listeners: list[StateListener] = []
        self._line_listeners: list[LineListener] = []

    # -- observing -------------------------------------------------------------------
    @property
    def state(self) -> ServerState:
        return self._state

    @property
    def progress(self) -> LoadProgress | None:
        return self._progress

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

    def add_state_listener(self, listener: StateListener) -> None:
        self._state_listeners.append(listener)

    def add_line_listener(self, listener: LineListener) -> None:
        self._line_listeners.append(listener)

    def remove_listeners(self) -> None:
        self._state_listeners.clear()
        self._line_listeners.clear()

    def launch_plan(self) -> LaunchPlan:
        """What runs now, or what Start would run (for previews and "copy command line")."""
        plan = self._plan
        if plan is not None and self._state.running:
            return plan  # the running container's own name, not a fresh one
        return self._make_plan(self.adapter.resolve_executable(self.profile))

    def _make_plan(self, executable: str | None) -> LaunchPlan:
        """The plan, which names the API key but never reads it (previews call this)."""
        profile = self.profile
        if profile.container is None:
            return self.adapter.plan(profile, executable)
        spec = profile.container
        runtime = containers.resolve_runtime(spec, self._environ.get("PATH"))
        return containers.container_plan(
            profile,
            self.adapter,
            runtime or containers.runtime_name(spec),
            name=containers.new_container_name(profile.name),
            panel_pid=os.getpid(),
        )

    # -- controlling -----------------------------------------------------------------
    def start(self, *, check_port: bool = True) -> None:
        """Launch the server. Raises :class:`PreflightError` with advice when it can't."""
        with self._lock:
            if self._state.running:
                raise RuntimeError(f"{self.profile.name} is already {self._state.value}")
            if self.profile.attached:
                raise RuntimeError(
                    f"{self.profile.name} is attached to {self.profile.attach_url}; "
                    "something else runs it"
                )
            self._cancel_restart()
            problems = preflight(
                self.profile,
                self.adapter,
                check_port=check_port,
                environ=self._environ,
                check_api_key=False,  # read below, once, for the launch itself
            )
            key: str | None = None
            try:
                # The one place a key is read: a missing one is a start error, not a
                # failure of whoever previews the plan.
                key = resolve_api_key(self.profile.api_key_ref, self._environ)
            except ApiKeyError as exc:
                problems.append(Problem("api-key", str(exc)))
            if problems:
                raise PreflightError(problems)
            exe = self.adapter.resolve_executable(self.profile, self._environ.get("PATH"))
            plan = self._make_plan(exe)
            secrets = {plan.api_key_env: key} if key and plan.api_key_env else {}
            if self.profile.container is not None:
                _create_home_mounts(self.profile.container)
            self._spawn(plan, secrets)

    def adopt(self, info: containers.ContainerInfo) -> None:
        """Take over a running container of ours (left by a crash or another session).

        Its log is followed from the last lines, readiness is probed as usual, and Stop
        stops the container, exactly as for one started here.
        """
        with self._lock:
            if self._state.running:
                raise RuntimeError(f"{self.profile.name} is already {self._state.value}")
            spec = self.profile.container or ContainerSpec()
            runtime = containers.resolve_runtime(spec, self._environ.get("PATH"))
            if runtime is None:
                raise RuntimeError("no container runtime on PATH")
            self._cancel_restart()
            self._spawn(containers.adopt_plan(self.profile, self.adapter, runtime, info), {})
            self._note(f"adopted the running container {info.name}")

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
                self._note(f"stopping the container ({shlex.join(self._plan.stop_command)})")
            else:
                self._note(f"stopping (SIGTERM, then SIGKILL after {self.profile.stop_grace:g} s)")
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
            self._note("killing (SIGKILL)")
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

    def wait_ready(self, timeout: float | None = None) -> bool:
        """Block until READY (True) or the run ends or times out (False). For scripts."""
        ready = threading.Event()

        def on_state(server: ServerProcess, change: StateChange) -> None:
            if change.state is ServerState.READY or not change.state.running:
                ready.set()

        self._state_listeners.append(on_state)
        try:
            if self._state is ServerState.READY:
                return True
            if not self._state.running:
                return False
            ready.wait(timeout)
            return self._current() is ServerState.READY
        finally:
            self._state_listeners.remove(on_state)

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
        life_r, life_w = os.pipe()  # both close-on-exec; the guard gets life_r as stdin
        env = {**self._environ, **plan.env, **secrets}
        options = ["--grace", f"{self.profile.stop_grace:g}"]
        if plan.stop_command:
            options += ["--stop-cmd", json.dumps(list(plan.stop_command))]
        # -S: the guard needs only the stdlib and must start fast.
        prefix = (
            guard.command()
            if getattr(sys, "frozen", False)
            else [sys.executable, "-S", GUARD_SCRIPT]
        )
        argv = [*prefix, *options, "--", *plan.argv]
        self._note("$ " + plan.command_line())
        try:
            proc = subprocess.Popen(
                argv,
                stdin=life_r,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                start_new_session=True,  # the guard leads a new session and process group
                close_fds=True,
            )
        except BaseException:
            os.close(life_w)
            self._finished.set()
            raise
        finally:
            os.close(life_r)
        self._proc = proc
        self._lifeline = life_w
        self._started_at = time.monotonic()
        self._set_state(ServerState.STARTING)
        assert proc.stdout is not None and proc.stderr is not None
        self._threads = [
            threading.Thread(
                target=self._read,
                args=("stdout", proc.stdout),
                daemon=True,
                name=f"log-out:{self.profile.name}",
            ),
            threading.Thread(
                target=self._read,
                args=("stderr", proc.stderr),
                daemon=True,
                name=f"log-err:{self.profile.name}",
            ),
        ]
        for thread in self._threads:
            thread.start()
        watcher = threading.Thread(
            target=self._watch, args=(proc, plan), daemon=True, name=f"watch:{self.profile.name}"
        )
        watcher.start()

    def _read(self, stream: str, pipe: IO[bytes]) -> None:
        splitter = LineSplitter()
        fd = pipe.fileno()
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            entries = splitter.feed(data)
            if entries:
                self._deliver(stream, entries)
        rest = splitter.flush()
        if rest:
            self._deliver(stream, rest)
        pipe.close()

    def _deliver(self, stream: str, entries: list[tuple[str, bool]]) -> None:
        lines = self.log.append(stream, entries)
        if self._current() in (ServerState.STARTING, ServerState.LOADING):
            for line in lines:
                progress = self.adapter.parse_progress(line.text)
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
                        self._note("still running after the grace period: SIGKILL")
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
                    self._note(f"health check: {result.detail}")
                if self._current() is not ServerState.READY and now >= deadline:
                    self._fail(
                        f"not ready after {self.profile.ready_timeout:g} s; stopped it "
                        "(raise the profile's ready timeout for big models)"
                    )
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
        owner = listening_pids(self.profile.port, pids)
        if plan is not None and plan.container and self._publishes_port():
            owner = None  # docker-proxy (not the container) holds a published port
        if owner is False:
            self._fail(
                f"port {self.profile.port} is answered by another program, "
                "not the server we started"
            )
            return
        with self._lock:
            if self._stop_requested:
                return
            self._ready_at = time.monotonic()
            self._progress = None
            self._note(
                f"ready after {self._ready_at - self._started_at:.2f} s at {self.profile.base_url}"
            )
            self._set_state(ServerState.READY)

    def _fail(self, reason: str) -> None:
        self._fail_reason = reason
        self._note(reason)
        self.stop()

    def _find_container_pids(self, plan: LaunchPlan) -> list[int]:
        """The container's host pids, asking the runtime (its processes are not ours)."""
        runtime = containers.ContainerRuntime(plan.stop_command[0])
        try:
            found = runtime.inspect(plan.container)
        except containers.ContainerRuntimeError as exc:
            self._note(f"cannot inspect the container: {exc}")
            return []
        if not found or not found[0].running or not found[0].pid:
            return []
        self._container_id = found[0].id
        self._container_pid = found[0].pid
        return [found[0].pid, *guard.descendants(found[0].pid)]

    def _publishes_port(self) -> bool:
        spec = self.profile.container
        return spec is not None and spec.network is Network.PUBLISH

    def _kill_tree(self, proc: subprocess.Popen[bytes]) -> None:
        plan = self._plan
        if plan is not None and plan.kill_command:
            # SIGKILL to the client would leave the container running.
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(
                    plan.kill_command,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    timeout=containers.CONTROL_TIMEOUT,
                    check=False,
                )
        pids = guard.descendants(proc.pid)
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)

    def _finish(self, proc: subprocess.Popen[bytes]) -> None:
        code = proc.returncode
        signum = -code if code is not None and code < 0 else None
        exit_code = None if signum is not None else code
        last = tuple(line.text for line in self.log.tail(LAST_LINES) if line.stream != "panel")
        requested = self._stop_requested and self._fail_reason is None
        if requested:
            reason = "stopped"
        elif self._fail_reason:
            reason = self._fail_reason
        else:
            reason = self._explain_exit(exit_code, signum, last)
        ran_for = time.monotonic() - self._started_at
        outcome = ProcessOutcome(exit_code, signum, requested, reason, last, ran_for)
        with self._lock:
            if self._lifeline is not None:
                os.close(self._lifeline)
                self._lifeline = None
            was_ready_for = time.monotonic() - self._ready_at if self._ready_at else 0.0
            self._outcome = outcome
            self._progress = None
            status = f"signal {signum}" if signum else f"exit code {exit_code}"
            self._note(
                f"{'stopped' if requested else 'ended'} ({status}) after {ran_for:.2f} s"
                + ("" if requested else f": {reason}")
            )
            self._set_state(ServerState.STOPPED if requested else ServerState.CRASHED, outcome)
            self._finished.set()
            restart = self._restart_after_stop
            self._restart_after_stop = False
            if requested or was_ready_for > 60:
                self._crash_count = 0
            if not requested:
                self._crash_count += 1
        if restart:
            self._start_quietly()
        elif not requested and self.profile.auto_restart:
            self._schedule_restart()

    def _explain_exit(
        self, exit_code: int | None, signum: int | None, last: tuple[str, ...]
    ) -> str:
        plan = self._plan
        if plan is not None and plan.adopted:
            # `docker logs -f` ends with 0 whatever became of the container, and --rm
            # removed it: only the log can tell.
            last_error = last_error_line(last)
            return "the adopted container ended" + (f": {last_error}" if last_error else "")
        if plan is not None and plan.container:
            runtime_reason = containers.explain_exit(exit_code, last)
            if runtime_reason:
                return runtime_reason
            if exit_code is not None and 128 < exit_code < 128 + 65:
                # docker reports a container killed by signal N as exit code 128 + N.
                specific = self.adapter.explain_exit(exit_code, None, last)
                generic = f"exited with code {exit_code}"
                if specific.startswith(generic):  # nothing better than the number
                    return describe_signal(exit_code - 128) + f" (container exit code {exit_code})"
                return specific
        return self.adapter.explain_exit(exit_code, signum, last)

    # -- auto-restart ------------------------------------------------------------------
    def _schedule_restart(self) -> None:
        if self._crash_count > 5:
            self._note("crashed 5 times in a row; not restarting again")
            return
        delay = min(60.0, 2.0 ** (self._crash_count - 1))
        self._note(f"restarting in {delay:g} s (auto-restart)")
        timer = threading.Timer(delay, self._start_quietly)
        timer.daemon = True
        self._restart_timer = timer
        timer.start()

    def _cancel_restart(self) -> None:
        if self._restart_timer is not None:
            self._restart_timer.cancel()
            self._restart_timer = None

    def _start_quietly(self) -> None:
        try:
            self.start()
        except (PreflightError, RuntimeError, OSError) as exc:
            self._note(f"could not restart: {exc}")

    # -- plumbing ----------------------------------------------------------------------
    def _current(self) -> ServerState:
        """The state now; other threads change it, so never trust a narrowed copy."""
        return self._state

    def _note(self, text: str) -> None:
        """A line of our own in the server's log, so the log tells the whole story."""
        self._emit_lines(self.log.append("panel", [(text, False)]))

    def _set_state(
        self, state: ServerState, outcome: ProcessOutcome | None = None, *, force: bool = False
    ) -> None:
        with self._lock:
            previous = self._state
            if previous is state and not force:
                return
            self._state = state
            change = StateChange(state, previous, self._progress, outcome)
            for listener in list(self._state_listeners):
                _call(listener, self, change)

    def _emit_lines(self, lines: list[LogLine]) -> None:
        for listener in list(self._line_listeners):
            _call(listener, self, lines)


def _create_home_mounts(spec: ContainerSpec) -> None:
    """Create missing mount folders in the home directory, owned by the user.

    docker would create them owned by root, and the next `pip`/`huggingface-cli` run as
    the user could not write to its own cache.
    """
    home = Path.home()
    with contextlib.suppress(ValueError):
        for mount in containers.mounts_of(spec):
            if not mount.source.exists() and mount.source.is_relative_to(home):
                with contextlib.suppress(OSError):
                    mount.source.mkdir(parents=True)


def _call(listener: Callable[..., None], *args: object) -> None:
    try:
        listener(*args)
    except Exception:  # a broken listener must not kill the thread watching a server
        traceback.print_exc()


class Supervisor:
    """All the servers of one panel, by profile name."""

    def __init__(self, **server_options: object) -> None:
        self._servers: dict[str, ServerProcess] = {}
        self._options = server_options

    def server(self, profile: ServerProfile) -> ServerProcess:
        current = self._servers.get(profile.name)
        if current is None:
            current = ServerProcess(profile, **self._options)  # type: ignore[arg-type]
            self._servers[profile.name] = current
        elif not current.state.running:
            current.profile = profile  # edits apply from the next start
            current.adapter = adapter_for(profile.engine)
        return current

    def get(self, name: str) -> ServerProcess | None:
        return self._servers.get(name)

    def forget(self, name: str) -> None:
        server = self._servers.get(name)
        if server is not None and server.state.running:
            raise RuntimeError(f"{name} is running")
        self._servers.pop(name, None)

    def running(self) -> list[ServerProcess]:
        return [s for s in self._servers.values() if s.state.running]

    def stop_all(self, timeout: float | None = None) -> bool:
        """Stop every server and wait; True when all have ended within ``timeout``."""
        servers = self.running()
        for server in servers:
            server.stop()
        deadline = None if timeout is None else time.monotonic() + timeout
        for server in servers:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if server.wait(left) is None:
                return False
        return True
