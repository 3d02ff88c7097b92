"""``inference-panel serve``: one profile, or any server command, in the foreground.

The server runs under the panel's supervisor until it ends or Ctrl-C; the exit code tells
its fate (0 when it was asked to stop, 124 when it was not ready within the ready timeout,
74 when our stdout failed, 128+N when a signal N ended it, else its own code). Why it
ended goes to stderr, so a script that keeps only stdout still learns it.

stdout carries the server's log. When it fails (the reader of a pipe went away, as with
``| head``, or the disk is full) nobody can see the server any more: we stop it, whole
tree, rather than leave it running unseen.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import time
from collections.abc import Sequence

from panel.cli.exit_codes import (
    EXIT_CONFIG,
    EXIT_FAILED,
    EXIT_OK,
    EXIT_OUTPUT_LOST,
    EXIT_READY_TIMEOUT,
    EXIT_USAGE,
)
from panel.cli.interrupts import POLL, Interrupts
from panel.cli.whole_writes import WholeWrites
from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import ConfigError, ConfigStore
from panel.core.engines import adapter_for
from panel.core.engines.custom import CustomAdapter
from panel.core.i18n import translate
from panel.core.servers.logbuffer import LogLine
from panel.core.servers.preflight import PreflightError
from panel.core.servers.server_state import ServerState, StateChange
from panel.core.servers.supervisor import ServerProcess


def _adhoc_profile(args: argparse.Namespace) -> ServerProfile:
    command = list(args.cmd)
    name = os.path.basename(command[0])
    return ServerProfile(
        name=name,
        engine=Engine.CUSTOM,
        executable=command[0],
        args=command[1:],
        host=args.host,
        port=args.port,
        health_path=args.health or "/health",
    )


def _adapter_like(executable: str) -> CustomAdapter:
    """A wrapped llama-server line still gets llama-server's log reading."""
    base = os.path.basename(executable)
    for engine in (Engine.LLAMA_CPP, Engine.WHISPER_CPP, Engine.VLLM):
        if base == adapter_for(engine).binary:
            return CustomAdapter(like=adapter_for(engine))
    return CustomAdapter()


def cmd_serve(store: ConfigStore, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.cmd:
        if args.profile:
            parser.error(translate("Cli", "give either a PROFILE or -- COMMAND ARGS..., not both"))
        if args.port is None:
            parser.error(
                translate("Cli", "serve -- COMMAND needs --port (the port the command listens on)")
            )
        profile = _adhoc_profile(args)
        adapter = _adapter_like(profile.executable)
    elif args.profile:
        try:
            profile = store.load().profile(args.profile)
        except ConfigError as exc:
            print(f"inference-panel: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        except KeyError as exc:
            print(f"inference-panel: {exc.args[0]}", file=sys.stderr)
            return EXIT_USAGE
        adapter = adapter_for(profile.engine)  # type: ignore[assignment]
    else:
        parser.error(translate("Cli", "serve needs a PROFILE or -- COMMAND ARGS..."))
    if args.ready_timeout is not None:
        profile.ready_timeout = args.ready_timeout
    if args.grace is not None:
        profile.stop_grace = args.grace
    return serve_foreground(ServerProcess(profile, adapter=adapter), pull=not args.no_pull)


def pull_image(server: ServerProcess) -> bool:
    """Pull a container profile's missing image, printing progress; True when it worked."""
    from panel.core.models.memory_fit import format_size
    from panel.core.servers.containers.run_line import image_for
    from panel.core.servers.containers.runtime import resolve_runtime
    from panel.core.servers.image_pull import ImagePull, PullProgress

    spec = server.profile.container
    runtime = resolve_runtime(spec) if spec is not None else None
    if runtime is None:
        return False
    image = image_for(server.profile)
    shown = {"at": 0.0}

    def on_progress(progress: PullProgress) -> None:
        now = time.monotonic()
        if now - shown["at"] < 1.0:
            return
        shown["at"] = now
        if progress.bytes_total:
            done = translate("Cli", "{done} of {total}").format(
                done=format_size(progress.bytes_done or 0), total=format_size(progress.bytes_total)
            )
        else:
            done = translate("Cli", "{done} of {total} layers").format(
                done=progress.layers_done, total=progress.layers_total
            )
        line = translate("Cli", "pulling {image}: {done}").format(image=image, done=done)
        print(f"[panel] {line}", file=sys.stderr, flush=True)

    line = translate("Cli", "pulling {image} (Ctrl-C cancels)").format(image=image)
    print(f"[panel] {line}", file=sys.stderr, flush=True)
    pull = ImagePull(runtime, image, on_progress=on_progress)
    pull.start()
    try:
        result = pull.wait()
    except KeyboardInterrupt:
        pull.cancel()
        result = pull.wait()
    assert result is not None
    if not result.ok:
        said = translate("Containers", "{message}. {hint}") if result.hint else "{message}"
        said = said.format(message=result.message, hint=result.hint)
        print(f"inference-panel: {said}", file=sys.stderr)
        return False
    line = translate("Cli", "pulled {image}").format(image=image)
    print(f"[panel] {line}", file=sys.stderr, flush=True)
    return True


def serve_foreground(server: ServerProcess, *, pull: bool = True) -> int:
    """Run until the server ends or we are told to stop; the exit code tells its fate.

    A container profile whose image is missing gets it pulled first (like ``docker run``
    would), with progress, unless ``pull`` is off.
    """
    # The log threads and the probe's thread write; out.error says why stdout failed (the
    # main loop then stops the server).
    out = WholeWrites(sys.stdout)
    became_ready = threading.Event()

    def on_lines(_: ServerProcess, lines: Sequence[LogLine]) -> None:
        out.write(
            "".join(
                ("[panel] " if line.stream == "panel" else "") + line.text + "\n" for line in lines
            )
        )

    def on_state(_: ServerProcess, change: StateChange) -> None:
        if change.state is ServerState.READY:
            became_ready.set()
            out.write(f"[panel] READY: {server.profile.name} at {server.profile.base_url}\n")

    server.add_line_listener(on_lines)
    server.add_state_listener(on_state)
    try:
        try:
            server.start()
        except PreflightError as exc:
            only_image = [p.code for p in exc.problems] == ["image-missing"]
            if not (pull and only_image and pull_image(server)):
                raise
            server.start()
    except PreflightError as exc:
        for problem in exc.problems:
            print(f"inference-panel: {problem}", file=sys.stderr)
        return EXIT_FAILED

    stopping_for_output = False
    acted_on = 0
    with Interrupts() as interrupts:
        while server.wait(POLL) is None:
            if interrupts.count > acted_on:
                acted_on = interrupts.count
                if acted_on == 1:
                    server.stop()
                else:  # a second Ctrl-C: no more patience
                    server.kill()
            elif out.error is not None and not stopping_for_output:
                stopping_for_output = True
                server.stop()
    if out.error is not None:
        _silence_stdout()
        why = getattr(out.error, "strerror", None) or str(out.error) or translate("Cli", "closed")
        _to_stderr(
            translate("Cli", "standard output failed ({why}); stopped {name}").format(
                why=why, name=server.profile.name
            )
        )
        return EXIT_OUTPUT_LOST
    outcome = server.outcome
    if outcome is None or outcome.requested:
        return EXIT_OK
    _to_stderr(
        translate("Cli", "{name} ended: {reason}").format(
            name=server.profile.name, reason=outcome.reason
        )
    )
    if not became_ready.is_set() and outcome.ran_for >= server.profile.ready_timeout:
        return EXIT_READY_TIMEOUT  # stopped by us, not by an outside SIGTERM
    if outcome.signal:
        return 128 + outcome.signal
    return outcome.exit_code or EXIT_FAILED


def _to_stderr(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr may be gone too
        print(f"inference-panel: {text}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point the broken stdout at /dev/null, so the interpreter's last flush at exit does
    not print a BrokenPipeError of its own (as the Python docs advise for SIGPIPE)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
