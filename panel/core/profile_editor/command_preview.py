"""The command a profile would run, for the editor to show and copy.

The preview never holds a secret: the API key's variable shows with a mask instead of
its value, and the key is never resolved (it would end up on screen and in the
clipboard). A profile still being typed (a half-written mount) gives the nearest
command, never an exception.
"""

from __future__ import annotations

import dataclasses
import shlex
from dataclasses import dataclass

from panel.core.config.profiles import ContainerSpec, ServerProfile
from panel.core.engines import adapter_for
from panel.core.engines.base import MASK
from panel.core.i18n import translate
from panel.core.profile_editor.profile_checks import ENV_NAME
from panel.core.servers import containers

# The container's name gets a random suffix at each start; the preview shows its shape.
_NAME_SUFFIX = "xxxxxx"


@dataclass(frozen=True)
class CommandPreview:
    """Shell-ready ``NAME=value`` words and the argv; ``note`` instead when there is
    no command to show."""

    env_words: list[str]
    argv: list[str]
    note: str = ""

    def command_line(self) -> str:
        if self.note:
            return ""
        return " ".join([*self.env_words, shlex.join(self.argv)])


def preview_command(profile: ServerProfile) -> CommandPreview:
    """What the panel would run for ``profile``, exactly as the engine adapter plans it
    (``docker run ...`` for a container), with the API key masked."""
    try:
        if profile.containerised:
            return _container_preview(profile)
        return _host_preview(profile)
    except (ValueError, OSError) as exc:  # a field the user is still typing
        return CommandPreview(
            [], [], translate("ProfileEditor", "No command yet: {error}").format(error=exc)
        )


def _host_preview(profile: ServerProfile) -> CommandPreview:
    plan = adapter_for(profile.engine).plan(profile)
    env = [
        f"{name}={shlex.quote(value)}"
        for name, value in profile.env.items()
        if ENV_NAME.match(name)
    ]
    # The plan names the key's variable and never reads the key: show it masked.
    env = [word for word in env if word.split("=", 1)[0] not in plan.secret_env]
    env += [f"{name}={MASK}" for name in sorted(plan.secret_env)]
    return CommandPreview(env, plan.argv)


def _container_preview(profile: ServerProfile) -> CommandPreview:
    """The ``docker run`` line; the key reaches docker through its environment only, so
    the line shows ``-e NAME`` where the key goes."""
    adapter = adapter_for(profile.engine)
    spec = profile.container or ContainerSpec()
    name = containers.new_container_name(profile.name)[: -len(_NAME_SUFFIX)] + _NAME_SUFFIX
    runtime = containers.runtime_name(spec)
    try:
        plan = containers.container_plan(profile, adapter, runtime, name=name)
    except ValueError:  # a mount the user is still typing: show it without mounts
        profile = profile.copy(container=dataclasses.replace(spec, mounts=[]))
        plan = containers.container_plan(profile, adapter, runtime, name=name)
    return CommandPreview([f"{key}={MASK}" for key in sorted(plan.secret_env)], plan.argv)
