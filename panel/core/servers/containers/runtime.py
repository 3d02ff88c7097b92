"""Finding the container runtime (docker or podman) and asking it things.

:func:`resolve_runtime` finds the executable; :class:`ContainerRuntime` runs its control
commands (``version``, ``info``, ``image inspect``, ``inspect``, ``ps``, ``stop``,
``kill``) with a timeout, turning its failures into :class:`ContainerRuntimeError`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from panel.core.config.profiles import ContainerSpec
from panel.core.i18n import translate
from panel.core.servers.containers.errors import ContainerRuntimeError, diagnose
from panel.core.servers.containers.labels import LABEL_MANAGED, ContainerInfo
from panel.core.servers.containers.run_line import kill_argv, stop_argv

RUNTIMES = ("docker", "podman")
CONTROL_TIMEOUT = 30.0  # seconds for ps/inspect/version; a hung daemon must not hang us


def resolve_runtime(spec: ContainerSpec, path_env: str | None = None) -> str | None:
    """Absolute path of the container runtime to use, or None when none is installed."""
    wanted = [spec.runtime] if spec.runtime else list(RUNTIMES)
    for name in wanted:
        exe = os.path.expanduser(name)
        if os.sep in exe:
            if os.path.isfile(exe) and os.access(exe, os.X_OK):
                return exe
            continue
        found = shutil.which(exe, path=path_env)
        if found:
            return found
    return None


def runtime_name(spec: ContainerSpec, path_env: str | None = None) -> str:
    """ "docker" or "podman" (for messages and previews), even when not installed."""
    exe = resolve_runtime(spec, path_env) or spec.runtime or RUNTIMES[0]
    return Path(exe).name


Runner = Callable[..., "subprocess.CompletedProcess[str]"]


class ContainerRuntime:
    """The runtime's CLI, for control commands (not for ``run``: the supervisor does that).

    ``runner`` is :func:`subprocess.run`; tests may pass another.
    """

    def __init__(self, executable: str, runner: Runner = subprocess.run) -> None:
        self.executable = executable
        self.name = Path(executable).name
        self._run = runner

    def _call(
        self, *args: str, timeout: float = CONTROL_TIMEOUT
    ) -> subprocess.CompletedProcess[str]:
        try:
            return self._run(
                [self.executable, *args],
                capture_output=True,
                text=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            text = translate(
                "Containers", "{runtime} {command} did not answer within {seconds:g} s"
            )
            raise ContainerRuntimeError(
                text.format(runtime=self.name, command=args[0], seconds=timeout),
                translate("Containers", "The daemon may be hung; check `systemctl status docker`"),
                "timeout",
            ) from exc
        except OSError as exc:
            text = translate("Containers", "cannot run {program}: {error}")
            raise ContainerRuntimeError(
                text.format(program=self.executable, error=exc.strerror)
            ) from exc

    def _fail(self, result: subprocess.CompletedProcess[str], what: str) -> ContainerRuntimeError:
        text = (result.stderr or result.stdout or "").strip()
        found = diagnose(text)
        if found:
            return ContainerRuntimeError(found.message, found.hint, found.code)
        exit_code = translate("ExitReason", "exit code {code}").format(code=result.returncode)
        last = text.splitlines()[-1] if text else exit_code
        failed = translate("Containers", "{runtime} {command} failed: {error}")
        return ContainerRuntimeError(failed.format(runtime=self.name, command=what, error=last))

    def check(self) -> str:
        """The daemon's version; raises with the fix when the daemon cannot be used."""
        result = self._call("version", "--format", "{{.Server.Version}}")
        if result.returncode != 0:
            raise self._fail(result, "version")
        return result.stdout.strip()

    def runtimes(self) -> set[str] | None:
        """The OCI runtimes docker knows (``nvidia``?); None where it cannot say (podman)."""
        result = self._call("info", "--format", "{{json .Runtimes}}")
        if result.returncode != 0:
            return None
        try:
            data = json.loads(result.stdout or "null")
        except ValueError:
            return None
        return set(data) if isinstance(data, dict) else None

    def rootless(self) -> bool | None:
        """Whether the runtime runs as this user rather than root; None where it cannot
        say. Rootless, files are read as the user and GPUs come through CDI."""
        if self.name == "podman":
            result = self._call("info", "--format", "{{.Host.Security.Rootless}}")
            answer = result.stdout.strip().splitlines()[-1:] if result.returncode == 0 else []
            return {"true": True, "false": False}.get(answer[0]) if answer else None
        result = self._call("info", "--format", "{{json .SecurityOptions}}")
        if result.returncode != 0:
            return None
        return "name=rootless" in result.stdout

    def image_present(self, image: str) -> bool:
        result = self._call("image", "inspect", image)
        if result.returncode == 0:
            return True
        found = diagnose(result.stderr or "")
        if found and found.code not in ("image-missing",):
            raise ContainerRuntimeError(found.message, found.hint, found.code)
        return False

    def image_entrypoint(self, image: str) -> list[str]:
        """The image's own ENTRYPOINT (``[]`` when it has none); docker and podman alike."""
        result = self._call("image", "inspect", image)
        if result.returncode != 0:
            raise self._fail(result, "image inspect")
        try:
            data = json.loads(result.stdout or "[]")
        except ValueError:
            data = []
        config = data[0].get("Config") if data and isinstance(data[0], dict) else None
        entrypoint = config.get("Entrypoint") if isinstance(config, dict) else None
        if isinstance(entrypoint, str):  # a shell-form string from some builders
            return [entrypoint]
        return [str(word) for word in entrypoint] if isinstance(entrypoint, list) else []

    def inspect(self, *names: str) -> list[ContainerInfo]:
        """The named containers that exist (missing ones are left out)."""
        if not names:
            return []
        result = self._call("inspect", *names)
        try:
            data = json.loads(result.stdout or "[]")
        except ValueError:
            data = []
        if result.returncode != 0 and not data:
            found = diagnose(result.stderr or "")
            if found:
                raise ContainerRuntimeError(found.message, found.hint, found.code)
        return [
            ContainerInfo.from_inspect(item, self.executable)
            for item in data
            if isinstance(item, dict)
        ]

    def list_managed(self) -> list[ContainerInfo]:
        """Running containers carrying our label: leftovers, or another panel's."""
        result = self._call("ps", "-q", "--no-trunc", "--filter", f"label={LABEL_MANAGED}=true")
        if result.returncode != 0:
            raise self._fail(result, "ps")
        ids = result.stdout.split()
        return [info for info in self.inspect(*ids) if info.running]

    def stop(self, name: str, grace: float) -> None:
        """``docker stop``: SIGTERM, then SIGKILL after ``grace``; returns when it is gone."""
        result = self._call(*stop_argv("", name, grace)[1:], timeout=grace + CONTROL_TIMEOUT)
        if result.returncode != 0 and not _GONE.search(result.stderr or ""):
            raise self._fail(result, "stop")

    def kill(self, name: str) -> None:
        result = self._call(*kill_argv(self.executable, name)[1:])
        text = result.stderr or ""
        if result.returncode != 0 and not (_GONE.search(text) or _NOT_RUNNING.search(text)):
            raise self._fail(result, "kill")


# Already gone: docker says "No such container: x", podman "no container with name or ID
# "x" found: no such container". Not running: docker "Container x is not running",
# podman "can only kill running containers. x is in state exited: container state improper".
_GONE = re.compile(r"no such container", re.I)
_NOT_RUNNING = re.compile(r"is not running|can only kill running containers")
