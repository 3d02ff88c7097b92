"""The commands that look and report: ``list``, ``doctor`` and ``containers``."""

from __future__ import annotations

import sys

from panel.cli.exit_codes import EXIT_CONFIG, EXIT_FAILED, EXIT_OK
from panel.cli.listing_router import router_lines
from panel.core.config.profiles import Role
from panel.core.config.store import ConfigError, ConfigStore
from panel.core.i18n import QT_TRANSLATE_NOOP, display_width, pad, translate
from panel.core.servers.preflight import model_problem, preflight

# The role column: the config's words (role = "chat"), in the reader's language.
ROLE_NAMES = {
    Role.CHAT: QT_TRANSLATE_NOOP("Cli", "chat"),
    Role.VISION: QT_TRANSLATE_NOOP("Cli", "vision"),
    Role.TRANSCRIPTION: QT_TRANSLATE_NOOP("Cli", "transcription"),
}


def cmd_doctor(store: ConfigStore) -> int:
    from panel.core.doctor import run_doctor

    report = run_doctor(store)
    sys.stdout.write(report.text())
    return EXIT_CONFIG if report.config_error else EXIT_OK


def cmd_list(store: ConfigStore) -> int:
    try:
        config = store.load()
    except ConfigError as exc:
        print(f"inference-panel: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    rows = [
        (
            translate("Cli", "NAME"),
            translate("Cli", "ENGINE"),
            translate("Cli", "ROLE"),
            translate("Cli", "ADDRESS"),
            translate("Cli", "STATUS"),
        )
    ]
    below: list[list[str]] = [[]]  # lines under each row: a router-mode profile's models
    for profile in config.profiles:
        # No container runtime probes: `list` must be quick even with a hung daemon
        # (`doctor` asks the daemon).
        problems = preflight(profile, check_port=False, probe_runtime=False)
        missing = model_problem(profile)
        if missing and missing.code == "missing-model":
            status = translate("Cli", "model missing")
        elif problems:
            status = problems[0].message
        else:
            status = translate("Cli", "ok")
        where = profile.attach_url or f"{profile.host}:{profile.port}"
        role = translate("Cli", ROLE_NAMES.get(profile.role, profile.role.value))
        rows.append((profile.name, profile.engine.value, role, where, status))
        below.append(router_lines(profile))
    widths = [max(display_width(row[i]) for row in rows) for i in range(4)]
    for row, lines in zip(rows, below, strict=True):
        print("  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=False)) + "  " + row[4])
        for line in lines:
            print(line)
    summary = translate("Cli", "{count} profiles in {path}")
    print("\n" + summary.format(count=len(config.profiles), path=store.path))
    return EXIT_OK


def cmd_containers(*, runtime: str, stop: bool, stop_all: bool = False) -> int:
    from panel.core.config.profiles import ContainerSpec
    from panel.core.servers.containers.errors import ContainerRuntimeError
    from panel.core.servers.containers.runtime import ContainerRuntime, resolve_runtime

    exe = resolve_runtime(ContainerSpec(runtime=runtime))
    if exe is None:
        missing = translate("Cli", "no container runtime (docker or podman) on PATH")
        print(f"inference-panel: {missing}", file=sys.stderr)
        return EXIT_FAILED
    control = ContainerRuntime(exe)
    try:
        found = control.list_managed()
        if not found:
            print(translate("Cli", "no running containers of the panel"))
        for info in found:
            line = translate("Cli", "{name}  {image}  profile {profile}, port {port}").format(
                name=info.name, image=info.image, profile=repr(info.profile_name), port=info.port
            )
            if info.panel_pid:
                line += translate("Cli", ", panel pid {pid}").format(pid=info.panel_pid)
            print(line)
            if not stop:
                continue
            if info.panel_alive() and not stop_all:
                # Another panel (or serve) still runs it: a reaper that stops a live
                # panel's servers is the bug this command exists to clean up after.
                left = translate(
                    "Cli",
                    "  left running: its panel (pid {pid}) is still running; "
                    "stop it there, or use --stop --all",
                )
                print(left.format(pid=info.panel_pid))
                continue
            control.stop(info.name, 10)
            print(translate("Cli", "  stopped {name}").format(name=info.name))
    except ContainerRuntimeError as exc:
        print(f"inference-panel: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
