"""Checks made before a launch, so failures read as advice instead of exit codes."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from panel.core.config.profiles import (
    ApiKeyError,
    ContainerSpec,
    Engine,
    GpuAccess,
    ServerProfile,
    find_flags,
    resolve_api_key,
)
from panel.core.engines import EngineAdapter, adapter_for, help_cache
from panel.core.engines.help_cache import EngineHelp
from panel.core.engines.help_text import HELP_ARGS, QUICK_HELP, FlagHint
from panel.core.engines.llama_router import is_router_mode, missing_source
from panel.core.i18n import translate
from panel.core.servers import containers
from panel.core.servers.ports import is_port_free, next_free_port, port_holder

# Flags whose value is a file the engine will open; a typo there is worth catching early.
_FILE_FLAGS = ("--mmproj", "-mm", "--lora", "--model-draft", "-md")
# llama.cpp keeps removed flags in its help so it can say what replaced them; using one fails.
QUICK_TIMEOUT = 3.0  # seconds a native engine gets to print its help during a check
_REMOVED = re.compile(r"\bargument has been removed\b", re.I)


@dataclass(frozen=True)
class Problem:
    code: str  # missing-binary | missing-model | port-busy | misplaced-flag | api-key | ...
    message: str
    hint: str = ""
    suggested_port: int | None = None

    def __str__(self) -> str:
        if not self.hint:
            return self.message
        return translate("Preflight", "{message}. {hint}").format(
            message=self.message, hint=self.hint
        )


class PreflightError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def model_problem(profile: ServerProfile) -> Problem | None:
    """ "model missing" for a model path that does not exist (hub ids are not checked)."""
    path = profile.model_path()
    if profile.engine is Engine.CUSTOM or profile.attached:
        return None
    if is_router_mode(profile):  # llama-server's router: its models are in a folder or preset
        missing = missing_source(profile)
        return None if missing is None else Problem("missing-model", missing)
    if path is None:
        if not profile.model:
            return Problem(
                "missing-model",
                translate("Preflight", "No model is set"),
                translate("Preflight", "Choose a model file or folder."),
            )
        return None
    if not path.exists():
        return Problem(
            "missing-model",
            translate("Preflight", "Model not found: {path}").format(path=path),
            translate("Preflight", "Fix the model path."),
        )
    if profile.engine is not Engine.VLLM and path.is_dir():
        return Problem(
            "missing-model",
            translate("Preflight", "Model is a folder, not a file: {path}").format(path=path),
        )
    return None


def binary_problem(
    profile: ServerProfile, adapter: EngineAdapter, path_env: str | None = None
) -> Problem | None:
    if profile.attached:
        return None
    if profile.container is not None:
        return runtime_problem(profile.container, path_env)
    if adapter.resolve_executable(profile, path_env):
        return None
    exe = adapter.executable(profile)
    if not exe:
        return Problem(
            "missing-binary",
            translate("Preflight", "No executable is set"),
            translate("Engines", adapter.install_hint),
        )
    if os.sep in exe and os.path.isfile(os.path.expanduser(exe)):  # there, without its x bit
        return Problem(
            "missing-binary",
            translate("Preflight", "{exe} is not executable").format(exe=exe),
            translate("Preflight", "Make it executable: chmod +x {exe}").format(exe=exe),
        )
    if os.sep in exe:
        missing = translate("Preflight", "{exe} does not exist or is not executable")
    else:
        missing = translate("Preflight", "{exe} was not found on PATH")
    hint = translate("Engines", adapter.install_hint)
    return Problem("missing-binary", missing.format(exe=exe), hint)


def runtime_problem(spec: ContainerSpec, path_env: str | None = None) -> Problem | None:
    """The container runtime is not installed (the engine's binary is inside the image)."""
    if containers.resolve_runtime(spec, path_env):
        return None
    if spec.runtime:
        if os.sep in spec.runtime:
            missing = translate("Preflight", "{exe} does not exist or is not executable")
        else:
            missing = translate("Preflight", "{exe} was not found on PATH")
        message = missing.format(exe=spec.runtime)
    else:
        message = translate("Preflight", "Neither docker nor podman was found on PATH")
    return Problem("missing-runtime", message, translate("Containers", containers.INSTALL_HINT))


def container_problems(
    profile: ServerProfile, path_env: str | None = None, *, probe: bool = True
) -> list[Problem]:
    """What would stop ``docker run``: mounts, the model outside them, and, when ``probe``
    is set, the daemon, the NVIDIA runtime and the image (each asks the runtime)."""
    spec = profile.container
    if spec is None or profile.attached:
        return []
    problems: list[Problem] = []
    try:
        mounts = containers.mounts_of(spec)
    except ValueError as exc:
        hint = translate("Preflight", "Write mounts as HOST_PATH:CONTAINER_PATH")
        return [Problem("mount", str(exc), hint)]
    for mount in mounts:
        # Missing folders in the home directory are created at start (docker would
        # create them owned by root); a missing one elsewhere is probably a typo.
        if not mount.source.exists() and not _in_home(mount.source):
            problems.append(
                Problem(
                    "mount",
                    translate("Preflight", "Mount source {path} does not exist").format(
                        path=mount.source
                    ),
                    translate("Preflight", "Create it, or remove the mount from the profile"),
                )
            )
    local = profile.model_path()
    if local is not None and containers.container_path(str(local), mounts) is None:
        problems.append(
            Problem(
                "model-not-mounted",
                translate("Preflight", "The model {path} is outside the container's mounts").format(
                    path=local
                ),
                translate("Preflight", "Add a mount for it, e.g. {folder}:{folder}").format(
                    folder=local.parent
                ),
            )
        )
    exe = containers.resolve_runtime(spec, path_env)
    if not probe or exe is None:
        return problems
    runtime = containers.ContainerRuntime(exe)
    try:
        runtime.check()
        if spec.gpus is GpuAccess.RUNTIME:
            known = runtime.runtimes()
            if known is not None and "nvidia" not in known:
                found = containers.diagnose("unknown or invalid runtime name: nvidia")
                assert found is not None
                problems.append(Problem(found.code, found.message, found.hint))
        image = containers.image_for(profile)
        if not image:
            problems.append(
                Problem("image-missing", translate("Preflight", "No container image is set"))
            )
        elif not runtime.image_present(image):
            problems.append(
                Problem(
                    "image-missing",
                    translate("Preflight", "The image {image} is not on this machine").format(
                        image=image
                    ),
                    translate(
                        "Preflight",
                        "Pull it first: the panel offers to when you press Start, or run "
                        "`{runtime} pull {image}`",
                    ).format(runtime=runtime.name, image=image),
                )
            )
    except containers.ContainerRuntimeError as exc:
        problems.append(Problem(exc.code, exc.message, exc.hint))
    return problems


def _in_home(path: Path) -> bool:
    try:
        path.relative_to(Path.home())
    except ValueError:
        return False
    return True


def port_problem(profile: ServerProfile, avoid_ports: Iterable[int] = ()) -> Problem | None:
    if profile.attached:
        return None
    if is_port_free(profile.host, profile.port):
        return None
    holder = port_holder(profile.port)
    suggestion = next_free_port(profile.host, profile.port + 1, avoid_ports)
    if holder:
        busy = translate("Preflight", "Port {port} is already in use by {holder}")
    else:
        busy = translate("Preflight", "Port {port} is already in use")
    return Problem(
        "port-busy",
        busy.format(port=profile.port, holder=holder),
        translate("Preflight", "Stop that server or use port {port}.").format(port=suggestion),
        suggested_port=suggestion,
    )


def preflight(
    profile: ServerProfile,
    adapter: EngineAdapter | None = None,
    *,
    check_port: bool = True,
    avoid_ports: Iterable[int] = (),
    environ: Mapping[str, str] | None = None,
    probe_runtime: bool = True,
    check_api_key: bool = True,
    read_help: bool | None = None,
) -> list[Problem]:
    """Everything that would make this launch fail, in the order a user fixes them.

    ``environ`` is the environment the server will get (PATH, API key variables).
    ``probe_runtime=False`` skips the checks that ask a container runtime (an editor
    re-checking on every keystroke should not run `docker`). ``read_help`` says whether
    the engine's --help may be run to check the flags (see :func:`flag_problems`).
    """
    adapter = adapter or adapter_for(profile.engine)
    env = dict(os.environ if environ is None else environ)
    problems = [
        p
        for p in (binary_problem(profile, adapter, env.get("PATH")), model_problem(profile))
        if p is not None
    ]
    # Without a runtime only the static checks run (container_problems skips the probes).
    problems += container_problems(profile, env.get("PATH"), probe=probe_runtime)
    problems += _file_flag_problems(profile)
    problems += flag_problems(
        profile, adapter, env.get("PATH"), read_help=read_help, background=probe_runtime
    )
    misplaced = adapter.misplaced_flags(profile)
    if misplaced:
        problems.append(
            Problem(
                "misplaced-flag",
                translate(
                    "Preflight", "{flags} in the flags conflicts with the profile's own fields"
                ).format(flags=", ".join(misplaced)),
                translate(
                    "Preflight", "Set host, port, model and API key in their fields instead."
                ),
            )
        )
    if check_api_key:  # the supervisor reads the key itself, once, when it starts
        try:
            resolve_api_key(profile.api_key_ref, env)
        except ApiKeyError as exc:
            problems.append(Problem("api-key", str(exc)))
    if check_port:
        busy = port_problem(profile, avoid_ports)
        if busy:
            problems.append(busy)
    return problems


def _file_flag_problems(profile: ServerProfile) -> list[Problem]:
    problems = []
    for flag, value in find_flags(profile.args, *_FILE_FLAGS):
        if value and not Path(os.path.expanduser(value)).exists():
            missing = translate("Preflight", "{flag} file not found: {path}")
            problems.append(Problem("missing-file", missing.format(flag=flag, path=value)))
    return problems


def flag_problems(
    profile: ServerProfile,
    adapter: EngineAdapter | None = None,
    path_env: str | None = None,
    *,
    read_help: bool | None = None,
    background: bool = True,
) -> list[Problem]:
    """Flags in the profile's args that the installed build of the engine does not know.

    Checked against the binary's own --help, so only when that help can be read: an
    unreadable help (or a container, whose binary is inside the image) never blocks a
    start. ``read_help`` True runs the help if no cache has it (blocks: llama-server and
    whisper-server take milliseconds, ``vllm serve --help=all`` seconds); False uses only
    a cached help; None (the default) runs the quick ones and, for vLLM, uses the cache
    and (with ``background``) reads the help on a thread for the next check.
    """
    if profile.attached or profile.container is not None or profile.engine not in HELP_ARGS:
        return []
    adapter = adapter or adapter_for(profile.engine)
    exe = adapter.resolve_executable(profile, path_env)
    if exe is None:
        return []  # binary_problem says so
    engine_help = installed_help(profile.engine, exe, read_help, background=background)
    if engine_help is None:
        return []
    program = os.path.basename(exe)
    asked = " ".join([program, *HELP_ARGS[profile.engine]])
    problems = []
    for word, known in _checked_flags(profile.args, engine_help):
        flag = word.split("=", 1)[0]
        if known is not None:
            problems.append(
                Problem(
                    "removed-flag",
                    translate("Preflight", "This {program} build no longer takes {flag}").format(
                        program=program, flag=flag
                    ),
                    _sentence(known.hint),
                )
            )
            continue
        near = engine_help.closest(flag)
        if near:
            hint = translate("Preflight", "It has {usage}: {hint}").format(
                usage=near.usage(), hint=near.hint
            )
        else:
            hint = translate("Preflight", "See `{command}` for its flags").format(command=asked)
        unknown = translate("Preflight", "This {program} build does not know {flag}")
        problems.append(Problem("unknown-flag", unknown.format(program=program, flag=flag), hint))
    return problems


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def installed_help(
    engine: Engine, exe: str, read_help: bool | None = None, *, background: bool = True
) -> EngineHelp | None:
    """The help of the installed ``exe``, read or cached as ``read_help`` allows.

    ``background`` lets a slow help (vLLM) that no cache has yet be read on a thread, so
    the next check has it.
    """
    if read_help:
        return help_cache.read_help(engine, exe)
    if read_help is None and engine in QUICK_HELP:
        # Milliseconds, once per binary version; the short limit bounds a hung program.
        return help_cache.read_help(engine, exe, timeout=QUICK_TIMEOUT)
    found = help_cache.cached_help(engine, exe)
    if found is None and read_help is None and background:
        help_cache.read_in_background(engine, exe)
    return found


def _checked_flags(args: list[str], engine_help: EngineHelp) -> list[tuple[str, FlagHint | None]]:
    """The flag words the build would refuse: (word, None) when it does not know the flag,
    (word, its help) when the help says the flag has been removed."""
    refused: list[tuple[str, FlagHint | None]] = []
    skip_value = False
    for word in args:
        if skip_value:
            skip_value = False  # the value of a known flag, even when it looks like a flag
            continue
        if len(word) < 2 or not word.startswith("-") or word[1].isdigit() or word[1] == ".":
            continue  # a value or a positional word
        flag = engine_help.find(word)
        if flag is not None:
            skip_value = flag.takes_value and "=" not in word
            if _REMOVED.search(flag.details):
                refused.append((word, flag))
        elif not engine_help.knows(word):
            refused.append((word, None))
    return refused
