"""Pulling a container image with progress (layers and bytes) that can be cancelled.

The NGC vLLM image is about 10 GB: a pull without progress looks like a hang. The
runtime's CLI prints byte counts only to a terminal (through a pipe docker prints one
line per layer state, with no bytes), so the pull runs on a pseudo-terminal and the
redrawn progress lines are parsed::

    docker:  3f1a2b4c5d6e: Downloading [=====>      ]  25.17MB/120.4MB
    podman:  Copying blob 3f1a2b4c5d6e [=====>------] 12.3MiB / 45.6MiB

Both forms, and the plain pipe form (``3f1a2b4c5d6e: Pull complete``), are understood.
Podman writes its progress to stderr, docker to stdout: both go to the terminal.
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import re
import signal
import struct
import subprocess
import termios
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from panel.core.i18n import translate
from panel.core.servers.containers import diagnose

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_SIZE = r"[\d.]+\s?[kKMGTP]?i?[Bb]"  # podman writes bytes as "807.0b"
_BYTES = re.compile(rf"(?P<cur>{_SIZE})\s*/\s*(?P<tot>{_SIZE})")
_DOCKER_LAYER = re.compile(r"^(?P<id>[0-9a-f]{12,64}): (?P<status>[A-Za-z][A-Za-z ]*?)(?:\s+\[|$)")
_PODMAN_BLOB = re.compile(r"^Copying blob (?:sha256:)?(?P<id>[0-9a-f]{12,64})(?P<rest>.*)$")
_DONE = ("Pull complete", "Already exists", "done", "skipped")
OUTPUT_TAIL = 2000  # characters of output kept for error messages
_UNITS = {"": 1, "k": 1000, "m": 1000**2, "g": 1000**3, "t": 1000**4, "p": 1000**5}
_IUNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4, "p": 1024**5}


def parse_size(text: str) -> int:
    """``25.17MB`` -> 25170000, ``12.3MiB`` -> 12897484 (docker: decimal; podman: binary)."""
    match = re.fullmatch(r"([\d.]+)\s?([kKMGTP]?)(i?)[Bb]", text.strip())
    if not match:
        raise ValueError(f"not a size: {text!r}")
    number, unit, binary = match.groups()
    table = _IUNITS if binary else _UNITS
    return int(float(number) * table[unit.lower()])


@dataclass
class Layer:
    status: str = ""
    current: int | None = None
    total: int | None = None
    done: bool = False


@dataclass(frozen=True)
class PullProgress:
    """A summary for a progress bar: bytes where the runtime says them, else layers."""

    layers_total: int
    layers_done: int
    bytes_done: int | None
    bytes_total: int | None
    status: str  # the latest line that is not about one layer ("Digest: ...")

    @property
    def fraction(self) -> float | None:
        if self.bytes_total:
            return min(1.0, (self.bytes_done or 0) / self.bytes_total)
        if self.layers_total:
            return self.layers_done / self.layers_total
        return None


@dataclass
class PullParser:
    """Feeds on the pull's output, in any chunking; keeps each layer's latest state."""

    layers: dict[str, Layer] = field(default_factory=dict)
    status: str = ""
    _rest: str = ""

    def feed(self, text: str) -> bool:
        """Parse more output; True when something changed."""
        text = _ANSI.sub("\n", self._rest + text)
        *lines, self._rest = re.split(r"[\r\n]", text)
        changed = False
        for line in lines:
            changed |= self.line(line)
        return changed

    def line(self, line: str) -> bool:
        line = line.strip()
        if not line:
            return False
        docker = _DOCKER_LAYER.match(line)
        podman = _PODMAN_BLOB.match(line) if docker is None else None
        if docker is None and podman is None:
            self.status = line
            return True
        match = docker or podman
        assert match is not None
        layer = self.layers.setdefault(match.group("id")[:12], Layer())
        status = docker.group("status") if docker else "Copying"
        if podman:
            # "done", or "skipped: already exists" for a layer this machine has.
            rest = podman.group("rest").strip()
            status = next((word for word in _DONE if rest.startswith(word)), status)
        layer.status = status
        sizes = _BYTES.search(line)
        if sizes and status in ("Downloading", "Copying"):
            with contextlib.suppress(ValueError):
                layer.current = parse_size(sizes.group("cur"))
                layer.total = parse_size(sizes.group("tot"))
        elif status != "Downloading" and layer.total is not None:
            # Past the download ("Extracting" redraws count extraction, not download).
            layer.current = layer.total
        if status in _DONE:
            layer.done = True
        return True

    def progress(self) -> PullProgress:
        layers = list(self.layers.values())
        sized = [layer for layer in layers if layer.total]
        return PullProgress(
            layers_total=len(layers),
            layers_done=sum(layer.done for layer in layers),
            bytes_done=sum(layer.current or 0 for layer in sized) if sized else None,
            bytes_total=sum(layer.total or 0 for layer in sized) if sized else None,
            status=self.status,
        )


@dataclass(frozen=True)
class PullResult:
    ok: bool
    cancelled: bool = False
    message: str = ""
    hint: str = ""


ProgressListener = Callable[[PullProgress], None]


class ImagePull:
    """``docker pull IMAGE`` on a pseudo-terminal, on a thread. Listeners run on it."""

    def __init__(
        self,
        runtime: str,
        image: str,
        *,
        on_progress: ProgressListener | None = None,
        environ: dict[str, str] | None = None,
    ) -> None:
        self.runtime = runtime
        self.image = image
        self._on_progress = on_progress
        self._environ = environ
        self._parser = PullParser()
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._cancelled = False
        self._result: PullResult | None = None
        self._done = threading.Event()
        self._tail = ""  # the last of the output, for an error without stderr
        self._podman = os.path.basename(runtime) == "podman"

    def start(self) -> None:
        controller, terminal = os.openpty()
        # A wide terminal: docker shortens the progress lines to the terminal's width.
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
        env = dict(os.environ if self._environ is None else self._environ)
        env.setdefault("TERM", "xterm")
        try:
            self._proc = subprocess.Popen(
                [self.runtime, "pull", self.image],
                stdin=subprocess.DEVNULL,
                stdout=terminal,
                # Podman draws its progress on stderr; docker keeps stderr for errors.
                stderr=terminal if self._podman else subprocess.PIPE,
                env=env,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as exc:
            os.close(controller)
            text = translate("Containers", "cannot run {program}: {error}")
            self._finish(
                PullResult(False, message=text.format(program=self.runtime, error=exc.strerror))
            )
            return
        finally:
            os.close(terminal)
        self._thread = threading.Thread(
            target=self._read, args=(controller,), daemon=True, name=f"pull:{self.image}"
        )
        self._thread.start()

    def cancel(self) -> None:
        """Stop the pull; docker cancels the download when its client goes away."""
        self._cancelled = True
        proc = self._proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGINT)

    def wait(self, timeout: float | None = None) -> PullResult | None:
        if not self._done.wait(timeout):
            return None
        return self._result

    @property
    def progress(self) -> PullProgress:
        return self._parser.progress()

    def _read(self, controller: int) -> None:
        proc = self._proc
        assert proc is not None
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        while True:
            try:
                data = os.read(controller, 65536)
            except OSError:  # EIO: the terminal's other end closed
                break
            if not data:
                break
            text = decoder.decode(data)
            # Bounded: a terminal pull of a 10 GB image redraws its lines for minutes.
            self._tail = (self._tail + text)[-OUTPUT_TAIL:]
            if self._parser.feed(text) and self._on_progress is not None:
                self._on_progress(self._parser.progress())
        os.close(controller)
        errors = ""
        if proc.stderr is not None:  # docker's: podman's went to the terminal
            errors = proc.stderr.read().decode("utf-8", errors="replace")
            proc.stderr.close()
        code = proc.wait()
        if self._cancelled:
            result = PullResult(
                False, cancelled=True, message=translate("Containers", "Pull cancelled")
            )
        elif code == 0:
            result = PullResult(True, message=self._parser.status)
        else:
            text = errors.strip() or _ANSI.sub("", self._tail)
            found = diagnose(text)
            if found:
                result = PullResult(False, message=found.message, hint=found.hint)
            else:
                exit_code = translate("ExitReason", "exit code {code}").format(code=code)
                last = text.strip().splitlines()[-1] if text.strip() else exit_code
                failed = translate("Containers", "{runtime} {command} failed: {error}")
                failed = failed.format(runtime=self.runtime, command="pull", error=last)
                result = PullResult(False, message=failed)
        self._finish(result)

    def _finish(self, result: PullResult) -> None:
        self._result = result
        self._done.set()
