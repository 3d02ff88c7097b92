"""Servers in containers: the ``docker run`` line, the runtime's errors, and our labels.

The seed runs vLLM in NVIDIA's container (``docker run --ipc=host --net=host
--runtime=nvidia -v /models:/models ... nvcr.io/nvidia/vllm:25.09-py3``). A profile with
a :class:`~panel.core.config.profiles.ContainerSpec` runs the engine's normal argv inside such a
container, non-interactively, under a unique name and with labels that mark it as ours.

Why stopping is special: the ``docker run`` client is only a window onto the container.
Killing the client (even SIGKILL) leaves the container running and holding its GPU
memory. So the guard is told the runtime's own stop command (``docker stop -t GRACE
NAME``) and runs it when the panel asks to stop *or dies*; and on start-up the panel
looks for running containers with its label (see :func:`list_managed`).

Works with docker and podman: both take the same ``run``/``stop``/``kill``/``ps``/
``inspect`` options used here.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from panel.core.config.profiles import ContainerSpec, Engine, GpuAccess, Network, ServerProfile
from panel.core.engines.base import EngineAdapter, LaunchPlan

LABEL = "io.github.inference_panel"
LABEL_MANAGED = f"{LABEL}.managed"
LABEL_PROFILE = f"{LABEL}.profile"
LABEL_ENGINE = f"{LABEL}.engine"
LABEL_PORT = f"{LABEL}.port"
LABEL_PANEL_PID = f"{LABEL}.panel-pid"

RUNTIMES = ("docker", "podman")
CONTROL_TIMEOUT = 30.0  # seconds for ps/inspect/version; a hung daemon must not hang us

# Images whose command is the engine's argv as on the host, and the entrypoint to use
# where the image's own entrypoint is something else.
DEFAULT_IMAGES: dict[Engine, str] = {
    Engine.VLLM: "nvcr.io/nvidia/vllm:25.09-py3",  # the seed's image
    Engine.LLAMA_CPP: "ghcr.io/ggml-org/llama.cpp:server-cuda",
    Engine.WHISPER_CPP: "ghcr.io/ggml-org/whisper.cpp:main-cuda",
}
# llama.cpp's server image has ENTRYPOINT ["/app/llama-server"]: our argv after the binary
# are its arguments. vLLM's NGC image runs NVIDIA's entrypoint script, which then execs
# the command (`vllm serve ...`): keep it, it sets up CUDA forward compatibility.
DEFAULT_ENTRYPOINTS: dict[Engine, str] = {
    Engine.LLAMA_CPP: "/app/llama-server",
    Engine.WHISPER_CPP: "whisper-server",
}

INSTALL_HINT = (
    "Install Docker Engine (https://docs.docker.com/engine/install/) and the NVIDIA "
    'Container Toolkit, or Podman; or untick "Run in a container".'
)
TOOLKIT_HINT = (
    "Install the NVIDIA Container Toolkit, then run `sudo nvidia-ctk runtime configure "
    "--runtime=docker` and `sudo systemctl restart docker`"
)


def image_for(profile: ServerProfile) -> str:
    spec = profile.container or ContainerSpec()
    return spec.image or DEFAULT_IMAGES.get(profile.engine, "")


def entrypoint_for(profile: ServerProfile) -> str:
    spec = profile.container or ContainerSpec()
    if spec.entrypoint:
        return spec.entrypoint
    if spec.image:  # someone else's image: trust its entrypoint to run our command
        return ""
    return DEFAULT_ENTRYPOINTS.get(profile.engine, "")


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


def new_container_name(profile_name: str) -> str:
    """A unique, readable name: ``inference-panel-qwen2-5-vl-7b-awq-3f9c1a``."""
    slug = re.sub(r"[^a-z0-9]+", "-", profile_name.lower()).strip("-")[:40] or "server"
    return f"inference-panel-{slug}-{secrets.token_hex(3)}"


# -- mounts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mount:
    source: Path  # on the host, ~ expanded
    target: str  # in the container
    options: str = ""  # "ro", ...

    def option(self) -> str:
        text = f"{self.source}:{self.target}"
        return f"{text}:{self.options}" if self.options else text


def parse_mount(text: str) -> Mount:
    """``HOST:CONTAINER[:OPTIONS]``, as ``docker run -v`` takes it; ValueError when not."""
    parts = text.strip().split(":")
    if len(parts) not in (2, 3) or not parts[0] or not parts[1].startswith("/"):
        raise ValueError(f"mount {text!r} is not HOST_PATH:CONTAINER_PATH[:ro]")
    source = Path(os.path.expanduser(parts[0]))
    if not source.is_absolute():
        raise ValueError(f"mount {text!r}: the host path must be absolute (or start with ~)")
    return Mount(source, parts[1], parts[2] if len(parts) == 3 else "")


def mounts_of(spec: ContainerSpec) -> list[Mount]:
    return [parse_mount(m) for m in spec.mounts if m.strip()]


def container_path(host_path: str, mounts: Sequence[Mount]) -> str | None:
    """Where a host file appears inside the container, or None when no mount holds it."""
    path = Path(os.path.expanduser(host_path))
    best: tuple[int, str] | None = None
    for mount in mounts:
        try:
            rest = path.relative_to(mount.source)
        except ValueError:
            continue
        depth = len(mount.source.parts)
        inside = mount.target.rstrip("/") + ("/" + rest.as_posix() if rest.parts else "")
        if best is None or depth > best[0]:  # the most specific mount wins, like docker
            best = (depth, inside or "/")
    return best[1] if best else None


def inner_profile(profile: ServerProfile) -> ServerProfile:
    """The profile as the engine inside the container sees it: paths and bind address.

    Host paths under a mount become container paths; with a published port the server
    must bind all addresses *inside* (only the publish decides what the host exposes).
    """
    spec = profile.container or ContainerSpec()
    mounts = mounts_of(spec)

    def inside(value: str) -> str:
        if not value.startswith(("/", "~")):
            return value
        mapped = container_path(value, mounts)
        return mapped if mapped is not None else value

    host = "0.0.0.0" if spec.network is Network.PUBLISH else profile.host
    return profile.copy(
        model=inside(profile.model),
        args=[inside(a) for a in profile.args],
        host=host,
        container=None,
    )


# -- the run line ---------------------------------------------------------------------------


def labels_for(profile: ServerProfile, panel_pid: int | None = None) -> dict[str, str]:
    labels = {
        LABEL_MANAGED: "true",
        LABEL_PROFILE: profile.name,
        LABEL_ENGINE: profile.engine.value,
        LABEL_PORT: str(profile.port),
    }
    if panel_pid is not None:
        labels[LABEL_PANEL_PID] = str(panel_pid)
    return labels


def gpu_options(spec: ContainerSpec) -> list[str]:
    if spec.gpus is GpuAccess.RUNTIME:
        return ["--runtime=nvidia"]
    if spec.gpus is GpuAccess.ALL:
        return ["--gpus", "all"]
    if spec.gpus is GpuAccess.DEVICES:
        # docker parses --gpus as CSV: a device list needs its own quotes.
        return ["--gpus", f'"device={spec.gpu_devices.replace(" ", "")}"']
    return []


def run_argv(
    runtime: str,
    profile: ServerProfile,
    inner_argv: Sequence[str],
    *,
    name: str,
    env: Mapping[str, str],
    secret_env: Iterable[str] = (),
    panel_pid: int | None = None,
) -> list[str]:
    """``docker run ...`` for one server, non-interactive, removed when it ends.

    ``env`` goes in as ``-e NAME=value``; the secrets in ``secret_env`` as ``-e NAME``
    (docker copies the value from its own environment), so they never appear in ``ps``
    or in a copied command line.
    """
    spec = profile.container or ContainerSpec()
    argv = [runtime, "run", "--rm", "--name", name, "--pull=never"]
    for key, value in labels_for(profile, panel_pid).items():
        argv += ["--label", f"{key}={value}"]
    argv += gpu_options(spec)
    if spec.ipc_host:
        argv.append("--ipc=host")
    if spec.network is Network.HOST:
        argv.append("--net=host")
    else:
        argv += ["-p", f"{publish_address(profile.host)}:{profile.port}:{profile.port}"]
    for mount in mounts_of(spec):
        argv += ["-v", mount.option()]
    hidden = set(secret_env)
    for key in sorted(hidden | set(env)):
        argv += ["-e", key if key in hidden else f"{key}={env[key]}"]
    argv += spec.extra_args
    entrypoint = entrypoint_for(profile)
    command = list(inner_argv)
    if entrypoint:
        argv += ["--entrypoint", entrypoint]
        command = command[1:]  # the entrypoint *is* the engine's binary
    argv.append(image_for(profile))
    return argv + command


def container_plan(
    profile: ServerProfile,
    adapter: EngineAdapter,
    runtime: str,
    *,
    name: str,
    panel_pid: int | None = None,
) -> LaunchPlan:
    """The launch plan of a containerised profile: ``docker run`` around the engine's argv.

    Like the engine's own plan it reads no secret: the key is named, and at start the
    client gets it in its environment only (``-e NAME`` copies it in). The guard is told
    how to stop the container, since signalling the client cannot.
    """
    inner = adapter.plan(inner_profile(profile), profile.executable or adapter.binary)
    argv = run_argv(
        runtime,
        profile,
        inner.argv,
        name=name,
        env=inner.env,
        secret_env=inner.secret_env,
        panel_pid=panel_pid,
    )
    return LaunchPlan(
        argv=argv,
        env={},
        health_url=profile.base_url + adapter.health_path_for(profile),
        api_key_env=inner.api_key_env,
        api_key_ref=inner.api_key_ref,
        container=name,
        stop_command=tuple(stop_argv(runtime, name, profile.stop_grace)),
        kill_command=tuple(kill_argv(runtime, name)),
    )


def adopt_plan(
    profile: ServerProfile, adapter: EngineAdapter, runtime: str, info: ContainerInfo
) -> LaunchPlan:
    """Follow a running container's log, and stop it like one we started."""
    return LaunchPlan(
        argv=logs_argv(runtime, info.name),
        env={},
        health_url=profile.base_url + adapter.health_path_for(profile),
        container=info.name,
        stop_command=tuple(stop_argv(runtime, info.name, profile.stop_grace)),
        kill_command=tuple(kill_argv(runtime, info.name)),
        adopted=True,
    )


def publish_address(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def stop_argv(runtime: str, name: str, grace: float) -> list[str]:
    return [runtime, "stop", "-t", str(max(0, round(grace))), name]


def kill_argv(runtime: str, name: str) -> list[str]:
    return [runtime, "kill", name]


def logs_argv(runtime: str, name: str, tail: int = 500) -> list[str]:
    """Follows an adopted container's log until it ends."""
    return [runtime, "logs", "-f", "--tail", str(tail), name]


# -- asking the runtime -----------------------------------------------------------------------


Runner = Callable[..., "subprocess.CompletedProcess[str]"]


@dataclass(frozen=True)
class ContainerInfo:
    """What ``docker inspect`` says about one container."""

    id: str
    name: str
    image: str
    running: bool
    pid: int  # the container's first process, as a host pid; 0 when not running
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def profile_name(self) -> str:
        return self.labels.get(LABEL_PROFILE, "")

    @property
    def port(self) -> int | None:
        try:
            return int(self.labels.get(LABEL_PORT, ""))
        except ValueError:
            return None

    @property
    def panel_pid(self) -> int | None:
        try:
            return int(self.labels.get(LABEL_PANEL_PID, ""))
        except ValueError:
            return None

    def panel_alive(self) -> bool:
        """Whether the panel that started it still runs (False when not known)."""
        import psutil

        try:
            return self.panel_pid is not None and (
                psutil.Process(self.panel_pid).status() != psutil.STATUS_ZOMBIE
            )
        except psutil.Error:
            return False

    @classmethod
    def from_inspect(cls, data: Mapping[str, object]) -> ContainerInfo:
        state = data.get("State") or {}
        config = data.get("Config") or {}
        assert isinstance(state, dict) and isinstance(config, dict)
        return cls(
            id=str(data.get("Id", "")),
            name=str(data.get("Name", "")).lstrip("/"),
            image=str(config.get("Image", "")),
            running=bool(state.get("Running", False)),
            pid=int(state.get("Pid") or 0),
            labels=dict(config.get("Labels") or {}),
        )


class ContainerRuntimeError(Exception):
    """The container runtime refused; ``str()`` is for the user, ``hint`` is the fix."""

    def __init__(self, message: str, hint: str = "", code: str = "runtime") -> None:
        self.message = message
        self.hint = hint
        self.code = code
        super().__init__(f"{message}. {hint}" if hint else message)


@dataclass(frozen=True)
class Diagnosis:
    code: str
    message: str
    hint: str


_DIAGNOSES: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (
        re.compile(r"Cannot connect to the Docker daemon|Is the docker daemon running"),
        "daemon-down",
        "The Docker daemon is not running",
        "Start it with `sudo systemctl start docker` (and `sudo systemctl enable docker` "
        "to start it at boot)",
    ),
    (
        re.compile(
            r"Cannot connect to Podman|podman\.sock.*(no such file|connection refused)", re.I
        ),
        "daemon-down",
        "The Podman service is not reachable",
        "Start it with `systemctl --user start podman.socket`",
    ),
    (
        re.compile(
            r"permission denied while trying to connect to the Docker daemon|docker\.sock.*permission denied",
            re.I,
        ),
        "socket-permission",
        "You may not use the Docker daemon's socket",
        "Add yourself to the docker group with `sudo usermod -aG docker $USER`, then log "
        "out and back in (or run `newgrp docker`)",
    ),
    (
        re.compile(r"unknown or invalid runtime name: nvidia"),
        "no-nvidia-runtime",
        "Docker has no NVIDIA runtime (--runtime=nvidia)",
        TOOLKIT_HINT + "; or set the profile's GPU access to --gpus all",
    ),
    (
        re.compile(r'could not select device driver "[^"]*" with capabilities: \[\[gpu\]\]'),
        "no-nvidia-runtime",
        "Docker cannot give the container a GPU (--gpus)",
        TOOLKIT_HINT,
    ),
    (
        re.compile(r"Conflict\. The container name \"?/?([^\" ]+)\"? is already in use"),
        "name-clash",
        "A container with this name already exists",
        "Remove it with `docker rm -f NAME`, or stop it from the panel's leftover list",
    ),
    (
        re.compile(r"No such image: (\S+?)\.?$", re.M),
        "image-missing",
        "The image is not on this machine",
        "Pull it first (the panel offers to when you press Start)",
    ),
    (
        re.compile(
            r"pull access denied|unauthorized|requested access to the resource is denied", re.I
        ),
        "pull-denied",
        "The registry refused the image",
        "Check the image name; private registries need `docker login REGISTRY` first",
    ),
    (
        re.compile(r'exec: "([^"]+)": executable file not found in \$PATH'),
        "no-command",
        "The image has no such program",
        "Set the container's entrypoint, or the profile's executable, to the server "
        "program inside the image",
    ),
    (
        re.compile(r"no space left on device", re.I),
        "disk-full",
        "The disk holding the images is full",
        "Free space, e.g. `docker system prune`",
    ),
)


def diagnose(text: str) -> Diagnosis | None:
    """The runtime's error text in the user's words, with the fix; None when unknown."""
    for pattern, code, message, hint in _DIAGNOSES:
        match = pattern.search(text)
        if match:
            if code == "no-command":
                message = f"The image has no program {match.group(1)!r}"
            return Diagnosis(code, message, hint)
    return None


def explain_exit(exit_code: int | None, last_lines: Sequence[str]) -> str | None:
    """Why a ``docker run`` client ended, where the runtime (not the engine) is the reason.

    125: the runtime could not create or start the container; 126/127: the command
    inside could not be run.
    """
    if exit_code in (125, 126, 127):
        found = diagnose("\n".join(last_lines))
        if found:
            return f"{found.message}: {found.hint}"
        if exit_code == 125:
            return "the container runtime could not start the container (see the log)"
        return "the command inside the container could not be run (see the log)"
    return None


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
            raise ContainerRuntimeError(
                f"{self.name} {args[0]} did not answer within {timeout:g} s",
                "The daemon may be hung; check `systemctl status docker`",
                "timeout",
            ) from exc
        except OSError as exc:
            raise ContainerRuntimeError(f"cannot run {self.executable}: {exc.strerror}") from exc

    def _fail(self, result: subprocess.CompletedProcess[str], what: str) -> ContainerRuntimeError:
        text = (result.stderr or result.stdout or "").strip()
        found = diagnose(text)
        if found:
            return ContainerRuntimeError(found.message, found.hint, found.code)
        last = text.splitlines()[-1] if text else f"exit code {result.returncode}"
        return ContainerRuntimeError(f"{self.name} {what} failed: {last}")

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

    def image_present(self, image: str) -> bool:
        result = self._call("image", "inspect", image)
        if result.returncode == 0:
            return True
        found = diagnose(result.stderr or "")
        if found and found.code not in ("image-missing",):
            raise ContainerRuntimeError(found.message, found.hint, found.code)
        return False

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
        return [ContainerInfo.from_inspect(item) for item in data if isinstance(item, dict)]

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
        if result.returncode != 0 and "No such container" not in (result.stderr or ""):
            raise self._fail(result, "stop")

    def kill(self, name: str) -> None:
        result = self._call(*kill_argv("", name)[1:])
        text = result.stderr or ""
        if (
            result.returncode != 0
            and "No such container" not in text
            and "is not running" not in text
        ):
            raise self._fail(result, "kill")


def find_leftovers(
    specs: Iterable[ContainerSpec],
    own_pid: int | None = None,
    path_env: str | None = None,
    runtime: Callable[[str], ContainerRuntime] = ContainerRuntime,
) -> list[ContainerInfo]:
    """Running containers with our label that this panel did not start.

    Asks each runtime the profiles use (docker, podman) once. Blocks on the daemon:
    call it off the GUI thread. A runtime that is missing or not running yields nothing
    (there is nothing to warn about: no container can be running there).
    """
    own = os.getpid() if own_pid is None else own_pid
    seen_exes: set[str] = set()
    seen_ids: set[str] = set()
    found: list[ContainerInfo] = []
    for spec in specs:
        exe = resolve_runtime(spec, path_env)
        if exe is None or exe in seen_exes:
            continue
        seen_exes.add(exe)
        try:
            infos = runtime(exe).list_managed()
        except ContainerRuntimeError:  # daemon down, no permission, hung: nothing to list
            continue
        for info in infos:
            if info.id not in seen_ids and info.panel_pid != own:
                seen_ids.add(info.id)
                found.append(info)
    return found


def specs_to_check(profiles: Iterable[ServerProfile]) -> list[ContainerSpec]:
    """The runtimes to ask: the container profiles' own, or the usual one."""
    specs = [p.container for p in profiles if p.container is not None]
    return specs or [ContainerSpec()]


def stop_leftover(
    info: ContainerInfo,
    grace: float,
    spec: ContainerSpec | None = None,
    path_env: str | None = None,
) -> None:
    """``docker stop`` a leftover container with the runtime its profile uses."""
    exe = resolve_runtime(spec or ContainerSpec(), path_env)
    if exe is None:
        raise ContainerRuntimeError("no container runtime on PATH", INSTALL_HINT, "missing-runtime")
    ContainerRuntime(exe).stop(info.name, grace)


# -- GPU attribution ----------------------------------------------------------------------------

# cgroup v2 with systemd: 0::/system.slice/docker-<id>.scope; cgroupfs: /docker/<id>;
# podman: libpod-<id>.scope (rootless too, under user.slice); cgroup v1 lines likewise.
_CGROUP_ID = re.compile(r"(?:docker|libpod)[-/]([0-9a-f]{64})(?:\.scope)?")


def container_id_in_cgroup(text: str) -> str | None:
    """The container id in a /proc/PID/cgroup text, or None for a host process."""
    match = _CGROUP_ID.search(text)
    return match.group(1) if match else None


def container_id_of(pid: int) -> str | None:
    """Which container a host pid runs in (NVML reports host pids), by its cgroup."""
    try:
        with open(f"/proc/{pid}/cgroup", encoding="utf-8", errors="replace") as f:
            return container_id_in_cgroup(f.read())
    except OSError:
        return None
