"""``inference-panel router``: the router of the window, headless, on the config's profiles.

Servers are started when a request names their model and stopped after their idle time,
under the same supervisor as ``serve``: each runs under its guard, so a SIGKILLed router
leaves no server behind, and Ctrl-C (or SIGTERM) stops the ones it started before it
exits. One line per request goes to stdout; the router's own decisions (start, unload,
evict) go to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time

from panel.cli.exit_codes import EXIT_CONFIG, EXIT_FAILED, EXIT_OK
from panel.cli.interrupts import Interrupts, stop_in_order
from panel.core.config.store import ConfigError, ConfigStore
from panel.core.i18n import translate
from panel.core.router.records import RequestRecord
from panel.core.router.service import Router, exposure_warning
from panel.core.servers.supervisor import Supervisor


def request_line(record: RequestRecord) -> str:
    """``12:03:04 200 qwen3 /v1/chat/completions 0.12 s to first token, 42 tok, 1.30 s``."""
    when = time.strftime("%H:%M:%S", time.localtime(record.started))
    parts = [when, str(record.status), record.model or "-", record.route]
    if record.profile and record.profile != record.model:
        parts.append(f"-> {record.profile}")
    if record.waited >= 0.05:
        parts.append(translate("Cli", "waited {seconds:.2f} s").format(seconds=record.waited))
    if record.ttft is not None:
        first = translate("Cli", "{seconds:.3f} s to first byte")
        parts.append(first.format(seconds=record.ttft))
    if record.tokens:
        parts.append(translate("Cli", "{count} tok").format(count=record.tokens))
    if record.duration is not None:
        parts.append(f"{record.duration:.2f} s")
    if record.error:
        parts.append(f"({record.error})")
    return " ".join(parts)


def cmd_router(store: ConfigStore, args: argparse.Namespace) -> int:
    try:
        config = store.load()
    except ConfigError as exc:
        print(f"inference-panel: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    settings = config.router
    if args.port is not None:
        settings.port = args.port
    if args.host is not None:
        settings.host = args.host
    if args.idle_timeout is not None:
        settings.default_idle_timeout = args.idle_timeout
    known = {p.name for p in config.profiles}
    for name in args.pin:
        if name not in known:
            print(
                "inference-panel: "
                + translate("Cli", "--pin {name}: no such profile").format(name=repr(name)),
                file=sys.stderr,
            )
            return EXIT_CONFIG
    nvml = None
    with contextlib.suppress(ImportError):
        from panel.core.gpu.nvml import Nvml

        nvml = Nvml()
    supervisor = Supervisor()
    router = Router.create(supervisor, config.profiles, settings, nvml=nvml)
    for name in args.pin:
        router.pin(name)
    router.add_record_listener(lambda r: _say(request_line(r)) if r.done else None)
    router.add_note_listener(lambda text: _err(f"[router] {text}"))
    warning = exposure_warning(settings.host)
    if warning:
        _err("inference-panel: " + translate("Cli", "warning: {problem}").format(problem=warning))
    try:
        router.start()
    except OSError as exc:
        _err(
            "inference-panel: "
            + translate("Cli", "cannot listen on {host}:{port}: {reason}").format(
                host=settings.host, port=settings.port, reason=exc
            )
        )
        return EXIT_FAILED
    _err(
        "[router] "
        + translate("Cli", "listening at {url} for {count} profiles").format(
            url=f"{router.address}/v1", count=len(config.profiles)
        )
    )

    with Interrupts() as interrupts:
        interrupts.wait_for_one()
        _err("[router] " + translate("Cli", "stopping"))
        router.stop(stop_servers=False)
        # A second Ctrl-C meanwhile: no more patience, the servers are killed.
        stop_in_order(supervisor.running(), interrupts, timeout=60)
    return EXIT_OK


def _say(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(text, flush=True)


def _err(text: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(text, file=sys.stderr, flush=True)
