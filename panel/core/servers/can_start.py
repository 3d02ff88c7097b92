"""Which profiles can start on this machine, known before anyone presses Start.

The window shows "can't start: <reason>" on a profile up front, and opens on one that
can start. The checks are :func:`~panel.core.servers.preflight.preflight`'s, minus two
that are no reason to give up on a profile: a busy port (it may be free by the time the
user presses Start, and Start offers the next free one) and an image not pulled yet
(Start offers to pull it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from panel.core.config.profiles import ServerProfile

if TYPE_CHECKING:
    # The checks' modules load when a check runs: the window picks the profile it opens
    # on (first_choice) before its first paint, and runs the checks after it.
    from panel.core.servers.preflight import Problem

# Start fixes these itself, after asking.
NOT_BLOCKING = frozenset({"image-missing", "port-busy"})
DEMO_PREFIX = "demo: "
# Answers about the daemon itself, the same for every profile that uses it.
DAEMON_UNUSABLE = frozenset(
    {"daemon-down", "socket-permission", "timeout", "runtime"}
)  # the names `inference-panel demo` gives its profiles


def start_blockers(
    profile: ServerProfile,
    *,
    environ: Mapping[str, str] | None = None,
    probe_runtime: bool = True,
) -> list[Problem]:
    """What stops ``profile`` from starting here. ``probe_runtime`` asks the container
    daemon (slow when it hangs): run that off the GUI thread."""
    from panel.core.servers.preflight import preflight

    if profile.attached:
        return []
    problems = preflight(profile, check_port=False, environ=environ, probe_runtime=probe_runtime)
    return [p for p in problems if p.code not in NOT_BLOCKING]


def check_all(
    profiles: Iterable[ServerProfile], *, environ: Mapping[str, str] | None = None
) -> dict[str, list[Problem]]:
    """:func:`start_blockers` for each profile, by name.

    A daemon that cannot be used is asked once: the other profiles on the same runtime
    get the same answer without waiting for it again (a hung daemon costs a timeout per
    question, and the window waits for all of them).
    """
    from panel.core.servers import containers

    env = dict(os.environ if environ is None else environ)
    unusable: dict[str, Problem] = {}  # runtime executable -> why its daemon cannot be used
    found: dict[str, list[Problem]] = {}
    for profile in profiles:
        spec = profile.container
        exe = containers.resolve_runtime(spec, env.get("PATH")) if spec is not None else None
        if exe is not None and exe in unusable:
            static = start_blockers(profile, environ=env, probe_runtime=False)
            found[profile.name] = [*static, unusable[exe]]
            continue
        problems = start_blockers(profile, environ=env)
        daemon = next((p for p in problems if p.code in DAEMON_UNUSABLE), None)
        if exe is not None and daemon is not None:
            unusable[exe] = daemon
        found[profile.name] = problems
    return found


def headline(problems: Sequence[Problem]) -> Problem | None:
    """The one problem a badge shows: a missing model first (the seed profiles name models
    this machine rarely has, and a binary is no use without one), else the first."""
    for problem in problems:
        if problem.code == "missing-model":
            return problem
    return problems[0] if problems else None


def is_demo(profile: ServerProfile) -> bool:
    return profile.name.startswith(DEMO_PREFIX)


def first_choice(
    profiles: Sequence[ServerProfile], blockers: Mapping[str, Sequence[Problem]]
) -> ServerProfile | None:
    """The profile a window should open on: a demo profile that can start (the user just
    set the demo up), else any launchable profile that can start, else a server the panel
    attaches to, else None (the window then says what to do first). A profile missing
    from ``blockers`` counts as able."""

    def able(profile: ServerProfile) -> bool:
        return not profile.attached and not blockers.get(profile.name)

    for profile in [p for p in profiles if is_demo(p)] + list(profiles):
        if able(profile):
            return profile
    return next((p for p in profiles if p.attached), None)
