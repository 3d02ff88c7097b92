"""What every engine adapter knows: how to launch it, probe it, and read its log.

An adapter is stateless: it turns a :class:`ServerProfile` into a :class:`LaunchPlan`
(argv, environment, health URL) and interprets what the engine says. Engine quirks live
here, not in the supervisor (see docs/protocols.md for the facts each one encodes).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from panel.core.config.profiles import ServerProfile, flags_given
from panel.core.i18n import QT_TRANSLATE_NOOP, translate


class LoadingBehaviour(StrEnum):
    """How a server answers while its model loads."""

    ANSWERS_503 = "503"  # llama-server binds first and answers 503 "Loading model"
    REFUSES = "refuse"  # whisper-server, vLLM: the port refuses connections


@dataclass(frozen=True)
class LoadProgress:
    """What the log says about loading: a phase and, when the engine prints one, a fraction."""

    phase: str
    fraction: float | None = None


@dataclass(frozen=True)
class LaunchPlan:
    """What a launch will run, decided without reading anything: no secret is in it.

    The API key is only *named*: ``api_key_env`` is the variable the server reads it
    from and ``api_key_ref`` says where the panel finds it ("env:NAME" or "file:PATH").
    The supervisor reads it once, when the server starts, and adds it to the server's
    environment; a preview or "copy command line" shows the reference instead
    (:meth:`env_words`), so it can neither leak the key nor fail on a missing one.
    """

    argv: list[str]
    env: dict[str, str]  # variables the panel adds to the inherited environment; no secrets
    health_url: str
    api_key_env: str = ""  # e.g. LLAMA_API_KEY; empty when the server gets no key
    api_key_ref: str = ""  # the profile's "env:NAME" / "file:PATH"; set with api_key_env
    # Containerised servers (panel.core.servers.containers): the container's name, and the
    # runtime commands that stop or kill it (signalling the client would not).
    container: str = ""
    stop_command: tuple[str, ...] = ()
    kill_command: tuple[str, ...] = ()
    adopted: bool = False  # following a container started elsewhere (`docker logs -f`)

    @property
    def secret_env(self) -> frozenset[str]:
        """Names of the variables whose values are secret (to mask in previews)."""
        return frozenset({self.api_key_env}) if self.api_key_env else frozenset()

    def command_line(self) -> str:
        """The argv as one shell-safe line, for previews and "copy command line"."""
        return shlex.join(self.argv)

    def env_words(self, mask: str | None = None) -> list[str]:
        """Shell-ready ``NAME=value`` words for the environment, the key by reference.

        The key shows as ``NAME="$VAR"`` or ``NAME="$(cat PATH)"`` (so a pasted line
        still works where the variable or file exists), or as ``NAME=<mask>`` when
        ``mask`` is given or the reference cannot be written as shell.
        """
        words = [f"{name}={shlex.quote(value)}" for name, value in self.env.items()]
        if self.api_key_env:
            words.append(f"{self.api_key_env}={mask or key_reference_word(self.api_key_ref)}")
        return words

    def shell_line(self, mask: str | None = None) -> str:
        """Environment words and argv as one line; the key by reference, never by value."""
        return " ".join([*self.env_words(mask), self.command_line()])


MASK = "********"
_SHELL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def key_reference_word(ref: str) -> str:
    """How a shell would fetch the key that ``ref`` names, without the panel reading it."""
    kind, _, value = ref.partition(":")
    if kind == "env" and _SHELL_NAME.fullmatch(value):
        return f'"${value}"'
    if kind == "file" and value:
        return f'"$(cat {shlex.quote(os.path.expanduser(value))})"'
    return MASK


class EngineAdapter:
    """Base class; subclasses set the class attributes and override the hooks."""

    engine_name = "custom"
    binary = ""
    health_path = "/health"
    loading = LoadingBehaviour.REFUSES
    api_key_env: str | None = None
    install_hint = QT_TRANSLATE_NOOP(
        "Engines", "Set the profile's executable to the server program to run."
    )
    # Flags owned by the profile's own fields; in args they would silently conflict.
    reserved_flags: tuple[str, ...] = ()
    # How many of the log's last lines explain_exit reads (vLLM's root cause lies deeper).
    explain_lines = 30

    # -- launching -------------------------------------------------------------------
    def executable(self, profile: ServerProfile) -> str:
        return profile.executable or self.binary

    def resolve_executable(self, profile: ServerProfile, path_env: str | None = None) -> str | None:
        """Absolute path of the program to run, or None when it cannot be found."""
        exe = os.path.expanduser(self.executable(profile))
        if not exe:
            return None
        if os.sep in exe:
            return exe if os.path.isfile(exe) and os.access(exe, os.X_OK) else None
        return shutil.which(exe, path=path_env)

    def build_argv(self, profile: ServerProfile, executable: str) -> list[str]:
        raise NotImplementedError

    def plan(self, profile: ServerProfile, executable: str | None = None) -> LaunchPlan:
        """The launch, from the profile alone: reads no secret, so it never fails on one."""
        exe = executable or self.resolve_executable(profile) or self.executable(profile)
        env = dict(profile.env)
        key_env = self.api_key_env if profile.api_key_ref else None
        if key_env:
            # The key goes by environment, never on the command line: any user on the
            # machine can read argv in `ps`. A same-named variable of the profile's would
            # be overwritten at start anyway.
            env.pop(key_env, None)
        # Python engines (vLLM) buffer stdout through a pipe; we want lines as they come.
        env.setdefault("PYTHONUNBUFFERED", "1")
        return LaunchPlan(
            argv=self.build_argv(profile, exe),
            env=env,
            health_url=profile.base_url + self.health_path_for(profile),
            api_key_env=key_env or "",
            api_key_ref=profile.api_key_ref if key_env else "",
        )

    def health_path_for(self, profile: ServerProfile) -> str:
        return self.health_path

    def misplaced_flags(self, profile: ServerProfile) -> list[str]:
        """Flags in ``args`` that belong in the profile's own fields (host, port, model)."""
        return flags_given(profile.args, *self.reserved_flags)

    # -- reading the log -------------------------------------------------------------
    def parse_progress(self, line: str) -> LoadProgress | None:
        return None

    def explain_exit(
        self, exit_code: int | None, signum: int | None, last_lines: Sequence[str]
    ) -> str:
        """One sentence for the user on why the server ended."""
        specific = self._explain_from_log(exit_code, last_lines)
        if specific:
            return specific
        if signum is not None:
            return describe_signal(signum)
        if exit_code == 127:
            return translate(
                "ExitReason", "the program could not be executed (see the log for the error)"
            )
        last = last_error_line(last_lines)
        if last:
            return translate("ExitReason", "exited with code {code}: {line}").format(
                code=exit_code, line=last
            )
        return exited_with(exit_code)

    def _explain_from_log(self, exit_code: int | None, last_lines: Sequence[str]) -> str | None:
        return None


_ERROR_HINT = re.compile(r"error|fail|exception|cannot|can't|couldn't|unable|invalid", re.I)


def last_error_line(lines: Sequence[str]) -> str | None:
    """The last line that looks like an error, else the last non-empty line."""
    stripped = [line.strip() for line in lines if line.strip()]
    for line in reversed(stripped):
        if _ERROR_HINT.search(line):
            return line[:300]
    return stripped[-1][:300] if stripped else None


def find_line(lines: Sequence[str], pattern: re.Pattern[str]) -> re.Match[str] | None:
    for line in reversed(lines):
        match = pattern.search(line)
        if match:
            return match
    return None


def exited_with(exit_code: int | None) -> str:
    return translate("ExitReason", "exited with code {code}").format(code=exit_code)


_SIGNALS: dict[int, str] = {
    signal.SIGKILL: QT_TRANSLATE_NOOP(
        "ExitReason", "killed by {name} (out of memory? check `dmesg` for the OOM killer)"
    ),
    signal.SIGSEGV: QT_TRANSLATE_NOOP("ExitReason", "crashed: segmentation fault ({name})"),
    signal.SIGABRT: QT_TRANSLATE_NOOP(
        "ExitReason", "aborted ({name}); the log's last lines usually say why"
    ),
    signal.SIGILL: QT_TRANSLATE_NOOP(
        "ExitReason", "illegal instruction ({name}): the binary was built for a newer CPU"
    ),
    signal.SIGBUS: QT_TRANSLATE_NOOP(
        "ExitReason", "bus error ({name}): the model file may have changed or the disk failed"
    ),
}


def describe_signal(signum: int) -> str:
    try:
        name = signal.Signals(signum).name
    except ValueError:
        name = translate("ExitReason", "signal {number}").format(number=signum)
    text = _SIGNALS.get(signum, QT_TRANSLATE_NOOP("ExitReason", "terminated by {name}"))
    return translate("ExitReason", text).format(name=name)
