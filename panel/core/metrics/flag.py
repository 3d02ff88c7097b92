"""llama-server serves ``/metrics`` only when started with ``--metrics``."""

from __future__ import annotations

import dataclasses

from panel.core.config.profiles import Engine, ServerProfile

METRICS_FLAG = "--metrics"


def lacks_metrics_flag(profile: ServerProfile) -> bool:
    """A llama-server profile the panel starts itself, without ``--metrics``: the panel can
    offer to add it (an attached server's flags are not ours to change)."""
    return (
        profile.engine is Engine.LLAMA_CPP
        and not profile.attached
        and METRICS_FLAG not in profile.args
    )


def with_metrics_flag(profile: ServerProfile) -> ServerProfile:
    """The same profile with ``--metrics`` at the end of its flags (once)."""
    if METRICS_FLAG in profile.args:
        return profile
    return dataclasses.replace(profile, args=[*profile.args, METRICS_FLAG])
