"""The container runtime's errors in the user's words, each with its fix.

:func:`diagnose` recognises the runtime's own texts (daemon down, no permission on its
socket, no NVIDIA runtime, a name clash, a missing image, ...); :func:`explain_exit` says
why a ``docker run`` client ended where the runtime, not the engine, is the reason
(exit codes 125, 126, 127).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from panel.core.i18n import QT_TRANSLATE_NOOP, translate

INSTALL_HINT = QT_TRANSLATE_NOOP(
    "Containers",
    "Install Docker Engine (https://docs.docker.com/engine/install/) and the NVIDIA "
    'Container Toolkit, or Podman; or untick "Run in a container".',
)
TOOLKIT_HINT = QT_TRANSLATE_NOOP(
    "Containers",
    "Install the NVIDIA Container Toolkit, then run `sudo nvidia-ctk runtime configure "
    "--runtime=docker` and `sudo systemctl restart docker`",
)

PODMAN_GPU_HINT = QT_TRANSLATE_NOOP(
    "Containers",
    "Install the NVIDIA Container Toolkit and generate its CDI spec (`sudo nvidia-ctk cdi "
    "generate --output=/etc/cdi/nvidia.yaml`), then give the container "
    "`--device nvidia.com/gpu=all` in its extra options instead of --runtime=nvidia",
)


# Each text below is English here and translated where it is shown (diagnose()).
class ContainerRuntimeError(Exception):
    """The container runtime refused; ``str()`` is for the user, ``hint`` is the fix."""

    def __init__(self, message: str, hint: str = "", code: str = "runtime") -> None:
        self.message = message
        self.hint = hint
        self.code = code
        both = translate("Containers", "{message}. {hint}") if hint else "{message}"
        super().__init__(both.format(message=message, hint=hint))


@dataclass(frozen=True)
class Diagnosis:
    code: str
    message: str
    hint: str


_DIAGNOSES: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (
        re.compile(r"Cannot connect to the Docker daemon|Is the docker daemon running"),
        "daemon-down",
        QT_TRANSLATE_NOOP("Containers", "The Docker daemon is not running"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "Start it with `sudo systemctl start docker` (and `sudo systemctl enable docker` "
            "to start it at boot)",
        ),
    ),
    (
        re.compile(
            r"Cannot connect to Podman|podman\.sock.*(no such file|connection refused)", re.I
        ),
        "daemon-down",
        QT_TRANSLATE_NOOP("Containers", "The Podman service is not reachable"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "Start it with `systemctl --user start podman.socket`",
        ),
    ),
    (
        re.compile(
            r"permission denied while trying to connect to the Docker daemon|docker\.sock.*permission denied",
            re.I,
        ),
        "socket-permission",
        QT_TRANSLATE_NOOP("Containers", "You may not use the Docker daemon's socket"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "Add yourself to the docker group with `sudo usermod -aG docker $USER`, then log "
            "out and back in (or run `newgrp docker`)",
        ),
    ),
    (
        # Docker 23+ says the first, Debian's 20.10 (a real daemon, in the tests) the second.
        re.compile(r"unknown or invalid runtime name: nvidia|Unknown runtime specified nvidia"),
        "no-nvidia-runtime",
        QT_TRANSLATE_NOOP("Containers", "Docker has no NVIDIA runtime (--runtime=nvidia)"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "Install the NVIDIA Container Toolkit, then run `sudo nvidia-ctk runtime configure "
            "--runtime=docker` and `sudo systemctl restart docker`; or set the profile's GPU "
            "access to --gpus all",
        ),
    ),
    (
        # Podman 4 reads --runtime=nvidia as an OCI runtime of that name.
        re.compile(r'default OCI runtime "nvidia" not found'),
        "no-nvidia-runtime",
        QT_TRANSLATE_NOOP("Containers", "Podman has no NVIDIA runtime (--runtime=nvidia)"),
        PODMAN_GPU_HINT,
    ),
    (
        re.compile(r'could not select device driver "[^"]*" with capabilities: \[\[gpu\]\]'),
        "no-nvidia-runtime",
        QT_TRANSLATE_NOOP("Containers", "Docker cannot give the container a GPU (--gpus)"),
        TOOLKIT_HINT,
    ),
    (
        # docker: 'Conflict. The container name "/x" is already in use by container ...';
        # podman: 'the container name "x" is already in use by ...'.
        re.compile(r"[Tt]he container name \"?/?([^\" ]+)\"? is already in use"),
        "name-clash",
        QT_TRANSLATE_NOOP("Containers", "A container with this name already exists"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "Remove it with `docker rm -f NAME` (`podman rm -f NAME`), or stop it from the "
            "panel's leftover list",
        ),
    ),
    (
        # docker: "No such image: x"; podman: "x: image not known".
        re.compile(r"No such image: (\S+?)\.?$|: image not known", re.M),
        "image-missing",
        QT_TRANSLATE_NOOP("Containers", "The image is not on this machine"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "Pull it first (the panel offers to when you press Start)",
        ),
    ),
    (
        re.compile(
            r"pull access denied|unauthorized|requested access to the resource is denied", re.I
        ),
        "pull-denied",
        QT_TRANSLATE_NOOP("Containers", "The registry refused the image"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "Check the image name; private registries need `docker login REGISTRY` first",
        ),
    ),
    (
        re.compile(r'exec: "([^"]+)": executable file not found in \$PATH'),
        "no-command",
        QT_TRANSLATE_NOOP("Containers", "The image has no such program"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "Set the container's entrypoint, or the profile's executable, to the server "
            "program inside the image",
        ),
    ),
    (
        # runc, under docker and podman alike: exit code 127 from `docker run`.
        re.compile(r'exec: "([^"]+)": stat [^:]*: no such file or directory'),
        "no-command",
        QT_TRANSLATE_NOOP("Containers", "The image has no such program"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "Set the container's entrypoint, or the profile's executable, to the server "
            "program inside the image",
        ),
    ),
    (
        # A directory, or a file without the execute bit: exit code 126.
        re.compile(r'exec: "([^"]+)": permission denied'),
        "not-executable",
        QT_TRANSLATE_NOOP("Containers", "The image's program cannot be run"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "The entrypoint (or the profile's executable) must name an executable file inside "
            "the image, not a directory or a data file",
        ),
    ),
    (
        re.compile(r"no space left on device", re.I),
        "disk-full",
        QT_TRANSLATE_NOOP("Containers", "The disk holding the images is full"),
        QT_TRANSLATE_NOOP(
            "Containers",
            "Free space, e.g. `docker system prune`",
        ),
    ),
)


def diagnose(text: str) -> Diagnosis | None:
    """The runtime's error text in the user's words, with the fix; None when unknown."""
    for pattern, code, english, english_hint in _DIAGNOSES:
        match = pattern.search(text)
        if match:
            message = translate("Containers", english)
            hint = translate("Containers", english_hint)
            if code == "no-command":
                message = translate("Containers", "The image has no program {program}").format(
                    program=repr(match.group(1))
                )
            elif code == "not-executable":
                message = translate(
                    "Containers", "{program} in the image is not an executable program"
                ).format(program=repr(match.group(1)))
            elif code == "name-clash":
                hint = hint.replace("NAME", match.group(1))
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
            both = translate("Containers", "{message}: {hint}")
            return both.format(message=found.message, hint=found.hint)
        if exit_code == 125:
            return translate(
                "Containers", "the container runtime could not start the container (see the log)"
            )
        return translate(
            "Containers", "the command inside the container could not be run (see the log)"
        )
    return None
