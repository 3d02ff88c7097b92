"""Server profiles: what the user wants to run, as plain data.

A profile is everything needed to launch (or attach to) one inference server. It holds
no process state; the supervisor owns that. Profiles are stored in the TOML config
(see :mod:`panel.core.config.store`).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from panel.core.i18n import translate


class Engine(StrEnum):
    LLAMA_CPP = "llama.cpp"
    WHISPER_CPP = "whisper.cpp"
    VLLM = "vllm"
    CUSTOM = "custom"


class Role(StrEnum):
    CHAT = "chat"
    VISION = "vision"
    TRANSCRIPTION = "transcription"


DEFAULT_HOST = "127.0.0.1"


class GpuAccess(StrEnum):
    """How a container reaches the GPUs (see docs/containers.md)."""

    RUNTIME = "runtime"  # --runtime=nvidia, as in the seed's `docker run`
    ALL = "all"  # --gpus all (the NVIDIA Container Toolkit's CDI / hook path)
    DEVICES = "devices"  # --gpus "device=0,1": only the listed GPUs
    NONE = "none"  # no GPU: CPU-only images, and the tests


class Network(StrEnum):
    HOST = "host"  # --net=host, as in the seed: the server binds the host's port itself
    PUBLISH = "publish"  # -p HOST:PORT:PORT; the server binds 0.0.0.0 inside


# The seed's mounts: models, and the two download caches, so a model fetched inside the
# container is there next time (and outside too).
DEFAULT_MOUNTS = (
    "/models:/models",
    "~/.cache/huggingface:/root/.cache/huggingface",
    "~/.cache/modelscope:/root/.cache/modelscope",
)


@dataclass
class ContainerSpec:
    """Run the profile's server inside a container instead of on the host.

    The command inside is the engine's normal argv (``vllm serve MODEL ...``); this says
    only how to wrap it in ``docker run``. The profile's ``env`` goes into the container. Empty strings mean "the usual": the runtime
    found on PATH (docker, then podman) and the engine's default image.
    """

    runtime: str = ""  # "docker", "podman", a path, or "" for whichever is installed
    image: str = ""
    gpus: GpuAccess = GpuAccess.RUNTIME
    gpu_devices: str = ""  # "0,1" with GpuAccess.DEVICES
    ipc_host: bool = True  # PyTorch workers share tensors through /dev/shm
    network: Network = Network.HOST
    mounts: list[str] = field(default_factory=lambda: list(DEFAULT_MOUNTS))
    entrypoint: str = ""  # replaces the image's entrypoint *and* the engine's binary
    extra_args: list[str] = field(default_factory=list)  # more `docker run` options


@dataclass
class ServerProfile:
    """One server the user can start, stop, or attach to.

    ``model`` is a file path for llama.cpp / whisper.cpp and a local directory or a
    Hugging Face id for vLLM. ``args`` are the engine's own flags, one list item per
    argv word (no shell quoting). ``attach_url`` makes the profile point at a server
    that something else runs: the panel probes and talks to it but never starts or
    stops it.
    """

    name: str
    engine: Engine
    model: str = ""
    executable: str = ""  # empty: the engine's usual binary, looked up on PATH
    host: str = DEFAULT_HOST
    port: int = 8080
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    role: Role = Role.CHAT
    ready_timeout: float = 300.0  # seconds; big models on slow disks need minutes
    stop_grace: float = 10.0  # seconds between SIGTERM and SIGKILL
    api_key_ref: str = ""  # "env:NAME" or "file:PATH"; never the key itself
    attach_url: str = ""
    health_path: str = ""  # custom engines only; the others know theirs
    auto_restart: bool = False
    container: ContainerSpec | None = None
    # Seconds without a request after which the router stops a server it started; None:
    # the [router] default_idle_timeout, 0: never.
    idle_timeout: float | None = None
    # How the router unloads an idle server it started: "stop" its process, or "sleep"
    # (vLLM's sleep mode: the GPU memory is freed, the process stays, waking is fast).
    unload: str = "stop"
    pinned: bool = False  # the router keeps it loaded: never idle-unloaded nor evicted

    @property
    def attached(self) -> bool:
        return bool(self.attach_url)

    @property
    def base_url(self) -> str:
        if self.attach_url:
            return self.attach_url.rstrip("/")
        host = self.host
        if host in ("0.0.0.0", "::", ""):
            # A wildcard bind is reachable on loopback; that is where we probe it.
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    def model_path(self) -> Path | None:
        """The model as a local path, or None when it is a hub id (vLLM) or unset."""
        if not self.model:
            return None
        path = Path(os.path.expanduser(self.model))
        if path.is_absolute() or self.model.startswith((".", "~")):
            return path
        if self.engine is Engine.VLLM:
            return None  # "Qwen/Qwen2.5-VL-7B-Instruct-AWQ" is a hub id
        return path

    @property
    def containerised(self) -> bool:
        return self.container is not None and not self.attached

    def copy(self, **changes: object) -> ServerProfile:
        copied = dataclasses.replace(self, **changes)  # type: ignore[arg-type]
        if copied.container is not None and "container" not in changes:
            # A shallow copy would share the mounts list with the original.
            copied.container = dataclasses.replace(
                copied.container,
                mounts=list(copied.container.mounts),
                extra_args=list(copied.container.extra_args),
            )
        return copied


def _flag_uses(args: Sequence[str], names: Sequence[str]) -> list[tuple[str, str | None]]:
    """``(flag, value)`` for each of ``names`` in ``args``: ``--flag VALUE`` or
    ``--flag=VALUE``; the value is None for a flag at the very end with nothing after it."""
    found: list[tuple[str, str | None]] = []
    for index, arg in enumerate(args):
        name, eq, inline = arg.partition("=")
        if name not in names:
            continue
        if eq:
            found.append((name, inline))
        else:
            found.append((name, args[index + 1] if index + 1 < len(args) else None))
    return found


def find_flags(args: Sequence[str], *names: str) -> list[tuple[str, str]]:
    """``(flag, value)`` for each of ``names`` in ``args``, in order: ``--flag VALUE`` or
    ``--flag=VALUE``. A flag at the very end, with no value after it, is left out."""
    return [(name, value) for name, value in _flag_uses(args, names) if value is not None]


def first_flag_value(args: Sequence[str], name: str) -> str | None:
    found = find_flags(args, name)
    return found[0][1] if found else None


def last_flag_value(args: Sequence[str], *names: str) -> str | None:
    """The value the engine will use when ``names`` (aliases of one flag) repeat: the last
    one wins, as in llama-server. None when none is given, or when the last one ends
    ``args`` with no value (the engine would refuse it, so no value counts)."""
    found = _flag_uses(args, names)
    return found[-1][1] if found else None


def flags_given(args: Sequence[str], *names: str) -> list[str]:
    """Each of ``names`` that ``args`` use, in order, with a value or without."""
    return [name for name, _ in _flag_uses(args, names)]


class ApiKeyError(ValueError):
    """An api_key_ref that cannot be resolved."""


def resolve_api_key(ref: str, environ: dict[str, str] | None = None) -> str | None:
    """Turn an ``api_key_ref`` into the key, or None when the profile has none.

    Keys stay out of the config file: it only says where the key lives.
    """
    if not ref:
        return None
    env = os.environ if environ is None else environ
    kind, _, value = ref.partition(":")
    if kind == "env" and value:
        key = env.get(value)
        if not key:
            text = translate(
                "Config", "API key variable {name} is not set in the panel's environment"
            )
            raise ApiKeyError(text.format(name=value))
        return _sendable(
            key,
            translate(
                "Config",
                "the API key in variable {name} has characters an HTTP header cannot carry "
                "(letters outside ASCII, or control characters)",
            ).format(name=value),
        )
    if kind == "file" and value:
        path = Path(os.path.expanduser(value))
        try:
            key = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            text = translate("Config", "cannot read API key file {path}: {error}")
            raise ApiKeyError(text.format(path=path, error=exc.strerror)) from exc
        except UnicodeDecodeError as exc:
            text = translate("Config", "API key file {path} is not text")
            raise ApiKeyError(text.format(path=path)) from exc
        if not key:
            raise ApiKeyError(translate("Config", "API key file {path} is empty").format(path=path))
        return _sendable(
            key,
            translate(
                "Config",
                "the API key in file {path} has characters an HTTP header cannot carry "
                "(letters outside ASCII, or control characters)",
            ).format(path=path),
        )
    text = translate("Config", "api_key_ref must look like 'env:NAME' or 'file:PATH', not {ref}")
    raise ApiKeyError(text.format(ref=repr(ref)))


def _sendable(key: str, refusal: str) -> str:
    """``key``, or ApiKeyError(``refusal``) when it cannot be sent."""
    # The key travels in an HTTP header (Authorization: Bearer), which carries ASCII only:
    # say so now rather than fail inside the HTTP client at the first request.
    if not key.isascii() or not key.isprintable():
        raise ApiKeyError(refusal)
    return key
