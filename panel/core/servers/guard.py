"""The guard: a tiny process between the panel and each server, so servers never outlive it.

Why a separate process: ``PR_SET_PDEATHSIG`` reaches only a direct child and fires when
the *thread* that forked it ends; a new session + ``killpg`` cleans up only on an orderly
exit. If the panel is SIGKILLed nothing in the panel runs, so something else must notice.

How it works::

    panel ──pipe (lifeline)──> guard (own session, subreaper) ──fork/exec──> server ─> ...

- The guard's stdin is the read end of a pipe whose write end only the panel holds
  (close-on-exec). When the panel dies for any reason the kernel closes it and the
  guard reads EOF: it stops the server's whole tree.
- The guard is a child subreaper, so grandchildren that daemonise or call ``setsid``
  are re-parented to it instead of PID 1; it finds every descendant via /proc.
- SIGTERM/SIGINT/SIGHUP to the guard, or lifeline EOF, means stop: SIGTERM to the
  process group, then SIGKILL to every descendant after the grace period.
- When the server exits on its own, leftover descendants are killed too (a crashed
  server must not leave a worker holding GPU memory).
- The guard exits the way the server did (same exit code, or the same signal), so the
  supervisor sees the server's own fate.

Run as ``python -m panel.core.servers.guard --grace SECONDS [--stop-cmd JSON] -- COMMAND ARGS...``. Stdlib only:
it starts for every server and must start fast.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import resource
import select
import signal
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
EXEC_FAILED = 127
STOP_COMMAND_MARGIN = 10.0  # seconds a stop command may take past the grace (daemon latency)
# Starts the guard's own lines on its stderr (the server's): the supervisor turns them into
# notes of its own, so they never pass for the server's words (its last error line).
NOTE_PREFIX = "[inference-panel guard] "
# Its note when the server's main process left others running; the panel, which knows
# the user's language, words it again (the guard stays stdlib-only and quick to start).
LEFT_BEHIND = "the server's main process ended; stopping what it left behind: "


def _set_subreaper() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def descendants(root: int) -> list[int]:
    """All live descendants of ``root``, read from /proc (empty where there is none)."""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name may hold spaces and parentheses; fields resume after the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        if len(fields) < 2:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found: list[int] = []
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _signal_all(sig: int) -> None:
    """Signal every descendant once, wherever its process group or session is.

    SIGTERM goes to our process group as a whole (the guard ignores its own copy), so a
    process that forks at this very moment still hears it, and then to descendants that
    left the group. Never twice to one process: llama-server takes a second SIGTERM as
    "terminate immediately". SIGKILL never goes to the group: it would kill the guard
    before it can reap and report.
    """
    group = os.getpgrp()
    if sig != signal.SIGKILL:
        with contextlib.suppress(OSError):
            os.killpg(group, sig)
    for pid in descendants(os.getpid()):
        try:
            if sig != signal.SIGKILL and os.getpgid(pid) == group:
                continue
            os.kill(pid, sig)
        except OSError:
            continue


def _reap(watched: dict[int, int | None]) -> None:
    """Reap every exited child (we are a subreaper), noting the status of watched pids."""
    while True:
        try:
            pid, st = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid in watched:
            watched[pid] = st


def _spawn(argv: list[str], *, quiet: bool = False) -> int:
    pid = os.fork()
    if pid == 0:  # the server-to-be
        try:
            for sig in (
                signal.SIGTERM,
                signal.SIGINT,
                signal.SIGHUP,
                signal.SIGCHLD,
                signal.SIGPIPE,
            ):
                signal.signal(sig, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_SETMASK, [])
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)  # the server must not hold (or read) the lifeline
            if quiet:  # a stop command: its chatter is not the server's log
                out = os.open(os.devnull, os.O_WRONLY)
                os.dup2(out, 1)
                os.dup2(out, 2)
            os.execvp(argv[0], argv)
        except OSError as exc:
            os.write(2, f"cannot run {argv[0]}: {exc.strerror}\n".encode())
        finally:
            os._exit(EXEC_FAILED)
    return pid


def _exit_like(status: int) -> None:
    """Leave with the server's exit code, or die by the server's signal."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file of the guard
        with contextlib.suppress(OSError, ValueError):  # SIGKILL's disposition is fixed
            signal.signal(sig, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [sig])
        os.kill(os.getpid(), sig)
        os._exit(128 + sig)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)


def run(argv: list[str], grace: float, stop_command: list[str] | None = None) -> None:
    """Run ``argv`` and stop it when asked or orphaned.

    ``stop_command`` is for servers that a signal cannot stop: a ``docker run`` client
    is not the container. Stopping then runs the command (``docker stop -t GRACE NAME``)
    instead of signalling, and it runs once more after the client ends, whatever ended
    it, so a container never outlives its client.
    """
    _set_subreaper()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    os.set_blocking(wake_r, False)
    signal.set_wakeup_fd(wake_w)
    stop = {"requested": False}

    def on_stop(signum: int, frame: object) -> None:
        stop["requested"] = True

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, on_stop)
    signal.signal(signal.SIGCHLD, lambda s, f: None)  # only to wake select()
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)

    server = _spawn(argv)
    watched: dict[int, int | None] = {server: None}
    stopper: int | None = None
    lifeline: int | None = 0
    kill_at: float | None = None
    while True:
        _reap(watched)
        if watched[server] is not None:
            break
        if stop["requested"] and kill_at is None:
            if stop_command:
                stopper = _spawn(stop_command, quiet=True)
                watched[stopper] = None
                kill_at = time.monotonic() + grace + STOP_COMMAND_MARGIN
            else:
                _signal_all(signal.SIGTERM)
                kill_at = time.monotonic() + grace
        if kill_at is not None and time.monotonic() >= kill_at:
            _signal_all(signal.SIGKILL)
            kill_at = time.monotonic() + 3600  # once is enough; now only reap
        timeout = None if kill_at is None else max(0.0, kill_at - time.monotonic())
        fds = [wake_r] if lifeline is None else [wake_r, lifeline]
        try:
            ready, _, _ = select.select(fds, [], [], timeout)
        except InterruptedError:
            continue
        if wake_r in ready:
            with contextlib.suppress(BlockingIOError):
                os.read(wake_r, 4096)
        if lifeline is not None and lifeline in ready:
            try:
                data = os.read(lifeline, 4096)
            except OSError as exc:
                data = b"" if exc.errno != errno.EINTR else b"x"
            if not data:  # the panel is gone
                lifeline = None
                stop["requested"] = True

    status = watched[server]
    assert status is not None
    if stop_command:
        if stopper is None:  # the client ended by itself (or was killed): make sure
            stopper = _spawn(stop_command, quiet=True)
            watched[stopper] = None
        _wait_for(stopper, watched, grace + STOP_COMMAND_MARGIN)
    # Even after a stop command that succeeded: what the client left in another session
    # (podman's conmon) is gone by then when all is well (`podman stop` returns after it),
    # and when it is not, nothing but this sweep would ever end it.
    _cleanup_leftovers(grace if stop["requested"] else min(grace, 2.0))
    _exit_like(status)


def _wait_for(pid: int, watched: dict[int, int | None], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while watched.get(pid) is None and time.monotonic() < deadline:
        _reap(watched)
        time.sleep(0.02)  # a short wait on one child; SIGCHLD would wake select() sooner


def _note(text: str) -> None:
    with contextlib.suppress(OSError):
        os.write(2, f"{NOTE_PREFIX}{text}\n".encode(errors="replace"))


def _name(pid: int) -> str:
    """A process's name as ``ps`` shows it; engines retitle theirs (``VLLM::EngineCore``)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            first = f.read().split(b"\0", 1)[0].decode(errors="replace")
    except OSError:
        return "?"
    return os.path.basename(first.split(" ", 1)[0]) or "?"


def _cleanup_leftovers(grace: float) -> None:
    """The server ended; its children may not have. Ask, wait a little, then insist.

    Says which: a server killed alone (vLLM's API server) leaves its engine processes
    holding the memory, and the log should show that they were found and stopped.
    """
    left = descendants(os.getpid())
    if not left:
        return
    names = ", ".join(f"{_name(pid)} (pid {pid})" for pid in left)
    _note(LEFT_BEHIND + names)
    _signal_all(signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and descendants(os.getpid()):
        _reap({})
        time.sleep(0.02)  # polling a dying tree; nothing to wait on but /proc
    _signal_all(signal.SIGKILL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and descendants(os.getpid()):
        _reap({})
        time.sleep(0.01)
    _reap({})


def command(python: str | None = None) -> list[str]:
    """The argv prefix that starts a guard, for normal and frozen (PyInstaller) builds."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--_guard"]
    return [python or sys.executable, "-m", "panel.core.servers.guard"]


def main(args: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if args is None else args)
    grace = 10.0
    stop_command: list[str] | None = None
    while args[:1] in (["--grace"], ["--stop-cmd"]):
        if args[0] == "--grace":
            grace = float(args[1])
        else:
            stop_command = [str(word) for word in json.loads(args[1])]
        args = args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.stderr.write(
            "usage: python -m panel.core.servers.guard [--grace S] [--stop-cmd JSON_ARGV] -- COMMAND ARGS...\n"
        )
        sys.exit(2)
    run(args, grace, stop_command)


if __name__ == "__main__":
    main()
