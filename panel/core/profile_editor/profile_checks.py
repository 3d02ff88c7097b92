"""What is wrong with a profile while it is being edited, field by field.

The profile editor shows each :class:`FieldCheck` under the field it names and refuses
OK while any is an error. The launch checks of :mod:`panel.core.servers.preflight` are
part of it (without asking a container runtime: ``docker`` must not run on every
keystroke); a missing binary or runtime is only a warning, since the user may install
the engine after writing its profile.

A check's text is an English template with ``{placeholders}``: the window translates
the template, then fills it in (:attr:`FieldCheck.params`).
"""

from __future__ import annotations

import dataclasses
import os
import re
import shlex
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from panel.core.config.profiles import (
    Engine,
    GpuAccess,
    ServerProfile,
    find_flags,
)
from panel.core.config.security import exposed_host, key_file_exposure
from panel.core.config.validation import (
    attach_url_problem,
    host_problem,
    image_problem,
)
from panel.core.engines import adapter_for
from panel.core.engines.flag_hints import FlagRow, hint_for, rows_from_args
from panel.core.i18n import translate
from panel.core.models.discovery import DiscoveredModel
from panel.core.servers import containers
from panel.core.servers.ports import is_port_free
from panel.core.servers.preflight import Problem, preflight

ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
WILDCARD_HOSTS = ("0.0.0.0", "::", "[::]")
# The hand-typed commands the first profiles came from bound 0.0.0.0; say so, since
# users copying them will too.
EXPOSED_TEXT = (
    "{host} listens on every network interface: the server is reachable from other "
    "machines. The launch commands the default profiles come from bound 0.0.0.0 too; "
    "127.0.0.1 keeps the server on this machine."
)
# llama-server flags that fetch the model themselves, so an empty model field is fine.
LLAMA_MODEL_SOURCES = ("-hf", "-hfr", "--hf-repo", "-mu", "--model-url", "-dr", "--docker-repo")
MMPROJ_FLAGS = ("--mmproj", "-mm")
# `docker run` options that detach the container or give it a terminal.
_DETACHING_OPTIONS = ("-d", "--detach", "-it", "-t", "--tty", "-i")
_ATTACH_URL = re.compile(r"^https?://[^/\s:]+")
_GPU_LIST = re.compile(r"\s*\d+(\s*,\s*\d+)*\s*")


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class Field(StrEnum):
    """The editor's fields a check can be about."""

    NAME = "name"
    ATTACH_URL = "attach_url"
    EXECUTABLE = "executable"
    MODEL = "model"
    HOST = "host"
    PORT = "port"
    API_KEY = "api_key"
    FLAGS = "flags"
    ENV = "env"
    RUNTIME = "runtime"
    GPU = "gpu"
    MOUNTS = "mounts"
    EXTRA_ARGS = "extra_args"


class KeySource(StrEnum):
    """Where the API key comes from, as the editor's "API key" choice says."""

    NONE = "none"
    ENV = "env"
    FILE = "file"


@dataclass(frozen=True)
class FieldCheck:
    field: Field
    level: Level
    template: str  # English, with {placeholders} filled from params
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.template.format(**self.params)


@dataclass(frozen=True)
class ProfileDraft:
    """A profile as the editor holds it, with what the profile itself cannot say: rows
    the user is still typing, an attach box ticked before its URL, a key variable not
    named yet. ``None`` fields follow from ``profile``."""

    profile: ServerProfile
    attach: bool | None = None
    flag_rows: Sequence[FlagRow] | None = None
    env_rows: Sequence[tuple[str, str]] | None = None
    key_source: KeySource | None = None
    key_text: str | None = None
    extra_args_error: str = ""  # why the extra docker run options cannot be split


def split_options(text: str) -> tuple[list[str], str]:
    """Shell words of ``text``, and the quoting error if any (then the words as typed)."""
    try:
        return shlex.split(text), ""
    except ValueError as exc:  # an unbalanced quote: keep the words as typed
        return text.split(), str(exc)


def key_ref(source: KeySource, text: str) -> str:
    """The profile's ``api_key_ref`` for the editor's choice (empty: no key)."""
    value = text.strip()
    if source is KeySource.NONE or not value:
        return ""
    return f"{source.value}:{value}"


def key_choice(api_key_ref: str) -> tuple[KeySource, str]:
    """The editor's choice for an ``api_key_ref``: its source and the name or path."""
    kind, _, value = api_key_ref.partition(":")
    try:
        source = KeySource(kind)
    except ValueError:
        return KeySource.NONE, ""
    return (source, value) if source is not KeySource.NONE else (KeySource.NONE, "")


def projector_to_offer(profile: ServerProfile, model: DiscoveredModel | None) -> Path | None:
    """The projector beside a picked llama.cpp model that the flags do not load yet."""
    if model is None or model.mmproj is None or profile.engine is not Engine.LLAMA_CPP:
        return None
    return None if find_flags(profile.args, *MMPROJ_FLAGS) else model.mmproj


def check_profile(
    draft: ProfileDraft,
    *,
    existing_names: Collection[str] = (),
    taken_ports: Mapping[int, str] | None = None,
    picked_model: DiscoveredModel | None = None,
    environ: Mapping[str, str] | None = None,
    probe_port: bool = True,
) -> list[FieldCheck]:
    """Everything to show about ``draft``, in the order of the form.

    ``existing_names`` are the other profiles' names, ``taken_ports`` their ports (with
    their names). ``picked_model`` is the discovered model the model field names, if any.
    ``probe_port`` binds the port to see whether it is free now.
    """
    profile = draft.profile
    checker = _Checker(draft, taken_ports or {}, probe_port)
    checker.name(existing_names)
    problems = preflight(
        profile, adapter_for(profile.engine), check_port=False, environ=environ, probe_runtime=False
    )
    if profile.attached or checker.attach:
        checker.attach_url()
    else:
        checker.executable()
        checker.model(problems, picked_model)
        checker.host_and_port()
        checker.flags(problems)
        checker.env()
        checker.container(problems)
    checker.api_key(problems)
    return checker.found


class _Checker:
    def __init__(self, draft: ProfileDraft, taken_ports: Mapping[int, str], probe: bool) -> None:
        self.profile = draft.profile
        self.attach = self.profile.attached if draft.attach is None else draft.attach
        self.draft = draft
        self.taken_ports = taken_ports
        self.probe = probe
        self.found: list[FieldCheck] = []

    def add(self, where: Field, level: Level, template: str, **params: object) -> None:
        text_params = {key: str(value) for key, value in params.items()}
        self.found.append(FieldCheck(where, level, template, text_params))

    def add_problem(self, where: Field, level: Level, problem: Problem) -> None:
        # Launch problems come worded by preflight; the window shows them as they are.
        self.add(where, level, "{problem}", problem=problem)

    def name(self, existing: Collection[str]) -> None:
        name = self.profile.name
        if not name:
            self.add(Field.NAME, Level.ERROR, "Give the profile a name.")
        elif name in existing:
            self.add(
                Field.NAME, Level.ERROR, "Another profile is already named “{name}”.", name=name
            )

    def attach_url(self) -> None:
        url = self.profile.attach_url
        if not _ATTACH_URL.match(url) or attach_url_problem(url) is not None:
            text = "Enter the server's address, e.g. http://192.168.1.20:8080"
            self.add(Field.ATTACH_URL, Level.ERROR, text)

    def executable(self) -> None:
        profile = self.profile
        adapter = adapter_for(profile.engine)
        if profile.container is not None:
            # The program is inside the image; what must be on this machine is the runtime.
            runtime = containers.resolve_runtime(profile.container)
            if runtime:
                text = "Runs inside the image, started by {runtime}"
                self.add(Field.EXECUTABLE, Level.INFO, text, runtime=runtime)
            return
        found = adapter.resolve_executable(profile)
        exe = adapter.executable(profile)
        if found:
            self.add(Field.EXECUTABLE, Level.INFO, "Found at {path}", path=found)
        elif not exe:
            self.add(Field.EXECUTABLE, Level.ERROR, "Choose the program that runs this server.")
        else:
            if os.sep in exe:
                text = "{exe} does not exist or is not executable — {hint}"
            else:
                text = "{exe} not found on PATH — {hint}"
            # Only a warning: the engine may be installed after the profile is written.
            hint = translate("Engines", adapter.install_hint)
            self.add(Field.EXECUTABLE, Level.WARNING, text, exe=exe, hint=hint)

    def model(self, problems: Sequence[Problem], picked: DiscoveredModel | None) -> None:
        profile = self.profile
        problem = _first(problems, "missing-model")
        fetches_own = profile.engine is Engine.LLAMA_CPP and bool(
            find_flags(profile.args, *LLAMA_MODEL_SOURCES)
        )
        if problem is not None and not (fetches_own and not profile.model):
            self.add_problem(Field.MODEL, Level.ERROR, problem)
            return
        if picked is not None and picked.problem:
            text = "This model has a problem: {problem}"
            self.add(Field.MODEL, Level.WARNING, text, problem=picked.problem)

    def host_and_port(self) -> None:
        host, port = self.profile.host, self.profile.port
        if not host:
            text = "Enter the address to listen on (127.0.0.1 keeps it on this machine)."
            self.add(Field.HOST, Level.ERROR, text)
            return
        problem = host_problem(host)
        if problem is not None:
            # The config loader refuses it too: a saved profile must load again.
            self.add(Field.HOST, Level.ERROR, "{problem}", problem=problem)
            return
        exposed = exposed_host(self.profile)
        if exposed is not None:
            self.add(Field.HOST, Level.WARNING, EXPOSED_TEXT, host=exposed)
        if not 0 < port < 65536:
            self.add(Field.PORT, Level.ERROR, "The port must be between 1 and 65535.")
            return
        other = self.taken_ports.get(port)
        if other:
            text = "Profile “{name}” uses port {port} too: the two cannot run at the same time."
            self.add(Field.PORT, Level.WARNING, text, name=other, port=port)
            return
        if not self.probe:
            return
        try:
            free = is_port_free(host, port)
        except OSError:
            self.add(
                Field.HOST, Level.WARNING, "{host} is not an address of this machine.", host=host
            )
            return
        if not free:
            text = (
                "Port {port} is in use right now (by another program, or by this profile's "
                "running server). “Next free” finds another."
            )
            self.add(Field.PORT, Level.WARNING, text, port=port)
        elif port < 1024:
            text = "Ports below 1024 need administrator rights on most systems."
            self.add(Field.PORT, Level.WARNING, text)

    def flags(self, problems: Sequence[Problem]) -> None:
        profile = self.profile
        rows = self.draft.flag_rows
        if rows is None:
            rows = rows_from_args(profile.engine, profile.args)
        spaced = [row.flag for row in rows if any(c.isspace() for c in row.flag)]
        if spaced:
            text = "One flag per row: put the value of “{flag}” in the Value column."
            self.add(Field.FLAGS, Level.ERROR, text, flag=spaced[0])
        for problem in problems:
            if problem.code == "misplaced-flag":
                self.add_problem(Field.FLAGS, Level.ERROR, problem)
        for problem in problems:
            if problem.code == "missing-file":
                self.add_problem(Field.FLAGS, Level.WARNING, problem)
        hints = [(row, hint_for(profile.engine, row.flag)) for row in rows]
        needs_value = [
            row.flag for row, hint in hints if hint and hint.takes_value and row.value is None
        ]
        if needs_value:
            text = "{flags} usually takes a value."
            self.add(Field.FLAGS, Level.WARNING, text, flags=", ".join(needs_value))
        names = [hint.flag for _, hint in hints if hint is not None]
        repeated = [name for index, name in enumerate(names) if name in names[:index]]
        if repeated:
            text = "{flag} is given more than once; the engine uses the last one."
            self.add(Field.FLAGS, Level.WARNING, text, flag=repeated[0])

    def env(self) -> None:
        rows = self.draft.env_rows
        if rows is None:
            rows = list(self.profile.env.items())
        names = [name for name, _ in rows]
        bad = [name for name in names if not ENV_NAME.match(name)]
        repeated = [name for index, name in enumerate(names) if name in names[:index]]
        key_env = adapter_for(self.profile.engine).api_key_env
        if bad:
            text = (
                "“{name}” is not a variable name: use letters, digits and _, "
                "and do not start with a digit."
            )
            self.add(Field.ENV, Level.ERROR, text, name=bad[0])
        elif repeated:
            self.add(Field.ENV, Level.ERROR, "{name} is set twice.", name=repeated[0])
        elif key_env and key_env in names:
            text = (
                "{name} holds the API key: use the API key field on the General tab, "
                "so the key stays out of the config file."
            )
            self.add(Field.ENV, Level.WARNING, text, name=key_env)

    def container(self, problems: Sequence[Problem]) -> None:
        profile = self.profile
        spec = profile.container
        if spec is None:
            return
        missing = _first(problems, "missing-runtime")
        if missing is not None:
            # Only a warning, like a missing binary: docker may be installed later.
            self.add_problem(Field.RUNTIME, Level.WARNING, missing)
        if spec.gpus is GpuAccess.DEVICES and not _GPU_LIST.fullmatch(spec.gpu_devices):
            self.add(Field.GPU, Level.ERROR, "List the GPUs by number, e.g. 0 or 0,1.")
        try:
            containers.mounts_of(spec)
        except ValueError as exc:
            text = "{problem}. Write one mount per line as HOST_PATH:CONTAINER_PATH."
            self.add(Field.MOUNTS, Level.ERROR, text, problem=exc)
        else:
            for problem in problems:
                if problem.code == "model-not-mounted":
                    self.add_problem(Field.MOUNTS, Level.ERROR, problem)
            for problem in problems:
                if problem.code == "mount":
                    self.add_problem(Field.MOUNTS, Level.WARNING, problem)
        if self.draft.extra_args_error:
            text = "The options cannot be split into words: {error}."
            self.add(Field.EXTRA_ARGS, Level.ERROR, text, error=self.draft.extra_args_error)
        elif any(word in _DETACHING_OPTIONS for word in spec.extra_args):
            text = (
                "The panel runs the container in the foreground without a terminal: "
                "-d, -i and -t would break its log and stop handling."
            )
            self.add(Field.EXTRA_ARGS, Level.WARNING, text)
        if not containers.image_for(profile):
            self.add(Field.RUNTIME, Level.ERROR, "Enter the image to run.")
        elif (bad_image := image_problem(spec.image)) is not None:
            self.add(Field.RUNTIME, Level.ERROR, "{problem}", problem=bad_image)

    def api_key(self, problems: Sequence[Problem]) -> None:
        profile = self.profile
        source, value = key_choice(profile.api_key_ref)
        if self.draft.key_source is not None:
            source = self.draft.key_source
        if self.draft.key_text is not None:
            value = self.draft.key_text.strip()
        problem = _first(problems, "api-key")
        if source is KeySource.ENV and not ENV_NAME.match(value):
            self.add(
                Field.API_KEY, Level.ERROR, "Enter the name of the variable that holds the key."
            )
        elif source is KeySource.FILE and not value:
            self.add(Field.API_KEY, Level.ERROR, "Choose the file that holds the key.")
        elif problem is not None:
            self.add_problem(Field.API_KEY, Level.WARNING, problem)
        elif source is not KeySource.NONE and not profile.attached:
            if adapter_for(profile.engine).api_key_env is None:
                text = "This engine does not check keys; the panel only sends it."
                self.add(Field.API_KEY, Level.INFO, text)
        elif not profile.attached and exposed_host(profile) is not None:
            text = "Anyone on the network can use this server: consider an API key."
            self.add(Field.API_KEY, Level.WARNING, text)
        if source is KeySource.FILE and value:
            exposure = key_file_exposure(f"file:{value}")
            if exposure is not None:
                self.add(Field.API_KEY, Level.WARNING, "{problem}", problem=exposure)


def _first(problems: Sequence[Problem], code: str) -> Problem | None:
    return next((p for p in problems if p.code == code), None)
