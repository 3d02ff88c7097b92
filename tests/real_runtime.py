"""Helpers for tests/test_real_docker.py: the real docker or podman CLI, test images built
offline, and a local registry (Debian's ``docker-registry``) behind a link that can be slowed.

Every container these tests make has :data:`SESSION` in its name, so the clean-up after
each test removes only those: other test runs may use the same daemon at the same time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from panel.core.servers import containers
from panel.core.servers.ports import pick_free_port
from tests.conftest import EngineKit

SESSION = secrets.token_hex(3)  # in every container name (and profile name) of this run
REPO = "inference-panel-test/llama"

NOT_SET_UP = {
    "docker": (
        "These tests need a real Docker engine. Run them through scripts/test.sh, which "
        "installs docker.io and starts dockerd when none answers; or start one yourself "
        "(../shared/PLATFORM.md has the recipe) and set PANEL_REAL_DOCKER=1."
    ),
    "podman": (
        "These tests need real podman. Run them through scripts/test.sh, which installs "
        "and configures it (scripts/podman_engine.sh); or source that file, run "
        "ensure_podman and keep the CONTAINERS_CONF and PANEL_REAL_PODMAN=1 it exports."
    ),
}
NOT_SET_UP["podman-rootless"] = (
    "These tests need podman and an unprivileged user to run it rootless. Run them through "
    "scripts/test.sh, which makes the user and a wrapper that runs podman as that user; or "
    "source scripts/podman_engine.sh, run ensure_podman and ensure_rootless_podman and keep "
    "the PANEL_ROOTLESS_PODMAN (the wrapper), CONTAINERS_CONF and PANEL_REAL_PODMAN=1 they "
    "export."
)
ENV_FLAG = {"docker": "PANEL_REAL_DOCKER", "podman": "PANEL_REAL_PODMAN"}


@dataclass(frozen=True)
class Runtime:
    """The real ``docker`` or ``podman`` CLI; ``rootless``: podman run as an unprivileged
    user through a wrapper named ``podman`` (:func:`rootless_podman`), with ``shared`` a
    folder that user can read (the tests' models and build contexts live under root's
    0700 folders)."""

    exe: str
    name: str  # "docker" or "podman"
    rootless: bool = False
    shared: Path | None = None

    @property
    def label(self) -> str:
        return f"rootless {self.name}" if self.rootless else self.name

    @property
    def spec(self) -> str:
        """What a profile's ContainerSpec.runtime names: the wrapper's path when rootless
        (its name, podman, tells the panel which runtime it is)."""
        return self.exe if self.rootless else self.name

    def folder(self, name: str) -> Path | None:
        """A folder the runtime's user can read, or None: the caller's own will do."""
        if self.shared is None:
            return None
        made = self.shared / name
        made.mkdir(exist_ok=True)
        made.chmod(0o755)
        return made

    def models(self, engines: EngineKit) -> Path:
        """The folder holding tiny-llama.gguf, as the container's user can read it."""
        folder = self.folder("models")
        source = Path(engines.model("tiny-llama.gguf"))
        if folder is None:
            return source.parent
        if not (folder / source.name).exists():
            shutil.copy2(source, folder / source.name)
            (folder / source.name).chmod(0o644)
        return folder

    def run(
        self, *args: str, timeout: float = 60, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        # The legacy builder: Debian's docker.io has no buildx, and FROM scratch needs none.
        full = {**os.environ, "DOCKER_BUILDKIT": "0", **(env or {})}
        return subprocess.run(
            [self.exe, *args], capture_output=True, text=True, timeout=timeout, env=full
        )

    def exists(self, name: str) -> bool:
        """Whether the runtime still has the container (running or not)."""
        return self.run("container", "inspect", name).returncode == 0

    def pid(self, name: str) -> int:
        found = self.run("inspect", "--format", "{{.State.Pid}}", name)
        assert found.returncode == 0, found.stderr
        return int(found.stdout.strip())

    def image_exists(self, image: str) -> bool:
        return self.run("image", "inspect", image).returncode == 0

    def ours(self) -> list[str]:
        """This session's containers, running or not (names are matched as substrings)."""
        found = self.run("ps", "-a", "--format", "{{.Names}}", "--filter", f"name={SESSION}")
        return [n for n in found.stdout.split() if SESSION in n]

    def managed(self) -> list[str]:
        """Names of the running containers with the panel's label (any session's)."""
        found = self.run(
            "ps", "--format", "{{.Names}}", "--filter", f"label={containers.LABEL_MANAGED}=true"
        )
        return found.stdout.split()

    def build(self, image: str, context: Path, dockerfile: str) -> None:
        (context / "Dockerfile").write_text(dockerfile)
        built = self.run("build", "-q", "-t", image, str(context), timeout=300)
        assert built.returncode == 0, built.stderr


def find_runtime(name: str) -> Runtime | str:
    """The runtime, or why it cannot be used here."""
    if name == "podman-rootless":
        return rootless_podman()
    if not os.environ.get(ENV_FLAG[name]):
        return NOT_SET_UP[name]
    exe = shutil.which(name)
    if exe is None:
        return f"{ENV_FLAG[name]} is set but no `{name}` is on PATH. " + NOT_SET_UP[name]
    runtime = Runtime(exe, name)
    info = runtime.run("version", "--format", "{{.Server.Version}}")
    if info.returncode != 0:
        return f"{ENV_FLAG[name]} is set but `{name} version` fails: {info.stderr}"
    return runtime


def rootless_podman() -> Runtime | str:
    """Podman run by root's tests as an unprivileged user, through the wrapper named by
    PANEL_ROOTLESS_PODMAN (scripts/podman_engine.sh writes it: it execs podman with that
    user's ids, home and runtime folder, so the panel's signals reach podman itself).
    Rootless podman differs where the tests can see it: no container cgroup on cgroup v1
    or cgroupfs, files read as that user, another image store."""
    wrapper = os.environ.get("PANEL_ROOTLESS_PODMAN")
    if not wrapper or not os.access(wrapper, os.X_OK) or not os.environ.get(ENV_FLAG["podman"]):
        return NOT_SET_UP["podman-rootless"]
    shared = Path(tempfile.mkdtemp(prefix="panel-rootless-"))
    shared.chmod(0o755)
    runtime = Runtime(wrapper, "podman", rootless=True, shared=shared)
    info = runtime.run("info", "--format", "{{.Host.Security.Rootless}}")
    if info.returncode != 0 or info.stdout.strip() != "true":
        return f"{wrapper} does not run podman rootless here: {info.stdout}{info.stderr}"
    return runtime


@dataclass(frozen=True)
class Images:
    plain: str  # no ENTRYPOINT: the profile names /llama-server
    own_entrypoint: str  # ENTRYPOINT ["/llama-server"], as llama.cpp's server images


def image_context(binary: Path, into: Path) -> str:
    """The llama-server ``binary``, the libraries ``ldd`` lists and the loader, laid out as
    on the host; returns a hash of it all, which tags the image (bench/orphans.py builds
    its image from the same recipe, so an image the tests built is reused)."""
    listed = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True)
    libs = sorted(
        {word for line in listed.stdout.splitlines() for word in line.split() if word[0] == "/"}
    )
    digest = hashlib.sha256()
    for source, target in [(str(binary), "/llama-server"), *((lib, lib) for lib in libs)]:
        dest = into / target.lstrip("/")
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(source).resolve(), dest)  # the file, not the link
        digest.update(target.encode() + b"\0" + dest.read_bytes())
    return digest.hexdigest()[:16]


def build_images(runtime: Runtime, engines: EngineKit, context: Path) -> Images:
    """The test images, built once per engine build (an earlier session's are reused)."""
    tag = image_context(Path(engines.llama_server), context)
    found = Images(f"{REPO}:{tag}", f"{REPO}:{tag}-entrypoint")
    dockerfiles = {
        found.plain: "FROM scratch\nCOPY . /\n",
        found.own_entrypoint: f'FROM {found.plain}\nENTRYPOINT ["/llama-server"]\n',
    }
    for image, dockerfile in dockerfiles.items():
        if not runtime.image_exists(image):
            runtime.build(image, context, dockerfile)
    return found


# -- a local registry ------------------------------------------------------------------------


@dataclass
class SlowLink:
    """A TCP relay in front of the registry whose answers can be slowed to ``rate``
    bytes/s: over loopback a layer arrives in milliseconds, too fast to watch a
    progress bar move or to cancel a pull halfway."""

    target: int
    rate: float | None = None
    relayed: int = 0  # bytes from the registry to its clients
    last_byte: float = 0.0  # time.monotonic() of the latest of them
    _listener: socket.socket = field(init=False)
    _open: list[socket.socket] = field(default_factory=list, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._accept, daemon=True, name="slow-link").start()

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def quiet_for(self, seconds: float) -> bool:
        """Whether nothing came from the registry for ``seconds``."""
        return time.monotonic() - self.last_byte >= seconds

    def close(self) -> None:
        self._listener.close()
        with self._lock:
            for sock in self._open:
                with contextlib.suppress(OSError):
                    sock.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, True), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, answers: bool) -> None:
        try:
            while data := source.recv(16384):
                if answers:
                    self.relayed += len(data)
                    self.last_byte = time.monotonic()
                    if self.rate:
                        time.sleep(len(data) / self.rate)
                sink.sendall(data)
        except OSError:
            pass  # either end went away: the other learns by the close below
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@dataclass
class Registry:
    """Debian's docker-registry on 127.0.0.1, reached through :class:`SlowLink`."""

    process: subprocess.Popen[bytes]
    link: SlowLink

    @property
    def host(self) -> str:
        # Docker treats 127.0.0.0/8 registries as insecure (plain HTTP) by default.
        return f"127.0.0.1:{self.link.port}"


def start_registry(storage: Path) -> Registry:
    exe = shutil.which("docker-registry")
    if exe is None:
        raise RuntimeError(
            "Debian's docker-registry is not installed: scripts/test.sh installs it "
            "(scripts/docker_engine.sh, docker_packages)"
        )
    port = pick_free_port()
    config = storage / "registry.yml"
    config.write_text(
        "version: 0.1\n"
        "log: {level: error, accesslog: {disabled: true}}\n"
        f"storage: {{filesystem: {{rootdirectory: {storage / 'data'}}}, delete: {{enabled: true}}}}\n"
        f"http: {{addr: '127.0.0.1:{port}'}}\n"
    )
    log = (storage / "registry.log").open("wb")
    process = subprocess.Popen([exe, "serve", str(config)], stdout=log, stderr=log)
    log.close()
    deadline = time.monotonic() + 30
    while True:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/v2/", timeout=2).status_code == 200:
                break
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise RuntimeError(
                f"docker-registry did not answer: {(storage / 'registry.log').read_text()}"
            )
        time.sleep(0.1)
    return Registry(process, SlowLink(port))


def stop_registry(registry: Registry) -> None:
    registry.link.close()
    registry.process.terminate()
    try:
        registry.process.wait(10)
    except subprocess.TimeoutExpired:
        registry.process.kill()
        registry.process.wait()
