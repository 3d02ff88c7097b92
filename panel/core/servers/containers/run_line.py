"""The ``docker run`` line of a containerised profile, and the stop/kill/logs lines.

:func:`container_plan` wraps the engine's own argv in ``docker run`` (labels, GPU access,
network, mounts, environment, image and entrypoint); :func:`adopt_plan` follows a
container that is already running.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePosixPath

from panel.core.config.profiles import ContainerSpec, Engine, GpuAccess, Network, ServerProfile
from panel.core.engines.base import EngineAdapter, LaunchPlan
from panel.core.servers.containers.labels import ContainerInfo, labels_for
from panel.core.servers.containers.mounts import inner_profile, mounts_of

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


def image_runs_engine(image_entrypoint: Sequence[str], program: str) -> bool:
    """Whether an image's own ENTRYPOINT already is the engine's binary.

    llama.cpp's server images (and anything built from them) have ENTRYPOINT
    ``["/app/llama-server"]``: a command that starts with ``llama-server`` again would
    reach the server as its first argument ("invalid argument: llama-server"). The last
    word counts, so an init in front (``tini -- /app/llama-server``) still matches.
    """
    if not image_entrypoint or not program:
        return False
    return PurePosixPath(image_entrypoint[-1]).name == PurePosixPath(program).name


def new_container_name(profile_name: str) -> str:
    """A unique, readable name: ``inference-panel-qwen2-5-vl-7b-awq-3f9c1a``."""
    slug = re.sub(r"[^a-z0-9]+", "-", profile_name.lower()).strip("-")[:40] or "server"
    return f"inference-panel-{slug}-{secrets.token_hex(3)}"


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
    image_entrypoint: Sequence[str] = (),
) -> list[str]:
    """``docker run ...`` for one server, non-interactive, removed when it ends.

    ``env`` goes in as ``-e NAME=value``; the secrets in ``secret_env`` as ``-e NAME``
    (docker copies the value from its own environment), so they never appear in ``ps``
    or in a copied command line. ``image_entrypoint`` is the image's own ENTRYPOINT,
    read from the runtime at start (planning never asks the daemon): where it is the
    engine's binary, the command leaves the binary's name out.
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
    elif command and image_runs_engine(image_entrypoint, command[0]):
        command = command[1:]  # so is the image's own
    argv.append(image_for(profile))
    return argv + command


def container_plan(
    profile: ServerProfile,
    adapter: EngineAdapter,
    runtime: str,
    *,
    name: str,
    panel_pid: int | None = None,
    image_entrypoint: Sequence[str] = (),
) -> LaunchPlan:
    """The launch plan of a containerised profile: ``docker run`` around the engine's argv.

    Like the engine's own plan it reads no secret: the key is named, and at start the
    client gets it in its environment only (``-e NAME`` copies it in). The guard is told
    how to stop the container, since signalling the client cannot. ``image_entrypoint``:
    see :func:`run_argv`.
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
        image_entrypoint=image_entrypoint,
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
    if PurePosixPath(runtime).name == "podman":
        # Podman's conmon, which removes a --rm container once it ends, is re-parented to
        # the guard (a subreaper) and dies in the same SIGKILL sweep as the client: the
        # container would stay behind, exited. Removing it in the same call kills it too.
        return [runtime, "rm", "-f", "-t", "0", name]
    return [runtime, "kill", name]


def logs_argv(runtime: str, name: str, tail: int = 500) -> list[str]:
    """Follows an adopted container's log until it ends."""
    return [runtime, "logs", "-f", "--tail", str(tail), name]
