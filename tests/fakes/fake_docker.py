#!/usr/bin/env python3
"""A stand-in for the docker CLI and its daemon, for tests on machines without a container engine.

Standard library only. It is a real client/daemon pair, because that is the shape the panel
has to cope with: ``docker run`` is only a client, the container is a child of the daemon
(containerd-shim in real life), so killing the client -- even with SIGKILL, even under a
child-subreaper guard -- does not end the container.

Processes
  * ``fake_docker.py daemon --state DIR``: creates DIR, listens on the unix socket
    ``DIR/docker.sock`` (one JSON request line, then JSON reply lines), writes
    ``DIR/daemon.pid``. Containers are its children, each in a new session (own process
    group), stdout and stderr going to ``DIR/containers/<id>/stdout.log`` and
    ``stderr.log``. On SIGTERM or SIGINT it SIGKILLs every container's process group,
    reaps them, removes the socket and exits 0.
  * ``fake_docker.py client --state DIR ARGS...``: the ``docker`` command. ``install()``
    writes ``docker`` (and ``podman``) wrapper scripts that exec this.
  * A container's command runs ON THE HOST as an ordinary process: no namespaces, mounts,
    networks and ports are only recorded. Its environment is the daemon's plus the ``-e``
    values, its working directory the daemon's. When the main process exits, the rest of
    its process group is SIGKILLed (real docker kills the whole container when its init
    exits).
  * Known difference: the command is not PID 1 of a namespace, so a process without a
    SIGTERM handler (``sleep``) dies of ``docker stop``'s SIGTERM at once (as under
    ``--init``); real docker would wait for the stop timeout.

State (readable by tests)
  * ``DIR/containers/<id>/state.json``: id, name, image, labels, env, mounts, cmd, pid,
    running, status (created/running/exited), exit_code, created, started, finished,
    auto_remove, host_config...
  * ``DIR/images.json``: canonical reference -> image record (Id, RepoTags, Entrypoint,
    Cmd, Env). Persisted across daemon restarts.

CLI subset (exit codes and messages as docker 27.3.1 prints them)
  * ``version [--format T]`` (server version ``27.3.1``), ``--version``,
    ``info [--format '{{json .Runtimes}}']``.
  * ``run`` with ``--rm -d -i -t --init --name -l/--label -e/--env (K=V or K, taken from
    the client's environment and dropped when unset) --env-file -v/--volume --ipc
    --net/--network -p/--publish --runtime --gpus --entrypoint --pull never|missing|always
    --stop-timeout --sig-proxy`` and a few recorded-only options; ``--opt=value``,
    ``--opt value``, ``-eK=V`` and combined ``-dit`` forms. Unknown flag: ``unknown flag:
    --x`` + ``See 'docker run --help'.``, exit 125. Daemon errors print ``docker: Error
    response from daemon: MSG.`` + ``See 'docker run --help'.`` and exit 125 (name
    conflict, no such image with ``--pull=never``, pull denied, unknown runtime, ``--gpus``
    without the nvidia runtime, no command); a command that is not found or not executable
    exits 127 / 126 with the runc message and leaves a ``created`` container behind (unless
    ``--rm``), like real docker.
  * Attached ``run`` streams the container's stdout/stderr byte for byte to the client's
    stdout/stderr while they are written, exits with the container's exit code (128+N
    when it died of signal N), and proxies SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1 and
    SIGUSR2 to the container's main process (``--sig-proxy=true``). ``-d`` prints the
    64-hex id. ``--rm`` is done by the daemon (AutoRemove): after the attached client
    has drained the output, or at once when detached or when the client is gone.
  * A missing image is pulled first (``Unable to find image 'x:latest' locally`` and the
    pull progress on stderr).
  * ``stop [-t N]``: SIGTERM to the process group, SIGKILL after N s (default: the
    container's ``--stop-timeout``, else 10). ``kill [-s SIG]``, ``rm [-f]``,
    ``ps [-a] [-q] [--no-trunc] [--filter label=K[=V] | name=N | id=I | status=S]
    [--format T]`` (label filters are ANDed, name filters ORed, like docker),
    ``inspect`` / ``container inspect`` (JSON array, or ``--format`` with ``{{.A.B}}``,
    ``{{json .A.B}}``, ``{{index .Config.Labels "k"}}``), ``logs [-f] [--tail N]``,
    ``wait``, ``top``, ``pull``, ``images [-q] [REF]``, ``image inspect``, ``rmi``.
    ``container X`` and ``image X`` forms of these work too.
  * ``pull`` simulates a registry: three layers (30 MB, 120 MB, 2.5 GB; nothing is
    downloaded) over ``FAKE_DOCKER_PULL_SECONDS`` seconds. The daemon streams docker's
    JSON progress messages and the client renders them like docker's jsonmessage: plain
    status lines when stdout is not a terminal, cursor-addressed redraws with progress
    bars (bars only on terminals wider than 110 columns, like docker) when it is. If the
    client goes away mid-pull, the daemon aborts and the image is not added.

Environment
  * ``FAKE_DOCKER_DENY=1`` (client): the "permission denied ... docker.sock" error.
  * ``FAKE_DOCKER_RUNTIMES`` (daemon): comma list of extra runtimes; ``nvidia`` enables
    ``--runtime=nvidia`` and ``--gpus``.
  * ``FAKE_DOCKER_PULL_SECONDS`` (client, else daemon; default 0.5): how long a pull takes.
  * ``FAKE_DOCKER_DENIED_IMAGES`` (client and daemon, merged): comma list of references
    whose pull is denied; so is any name containing ``doesnotexist``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

Json = dict[str, Any]  # a request, reply or record

SERVER_VERSION = "27.3.1"
API_VERSION = "1.47"
HERE = Path(__file__).resolve()

CANNOT_CONNECT = (
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
    "Is the docker daemon running?"
)
PERMISSION_DENIED = (
    "permission denied while trying to connect to the Docker daemon socket at "
    'unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/version": '
    "dial unix /var/run/docker.sock: connect: permission denied"
)
DEFAULT_IMAGE_ENV = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
ZERO_TIME = "0001-01-01T00:00:00Z"
# Sizes of the three simulated layers: small base, medium libraries, huge CUDA layer.
LAYER_SIZES = (30_120_000, 120_400_000, 2_500_000_000)
PROXIED_SIGNALS = (
    signal.SIGTERM,
    signal.SIGINT,
    signal.SIGHUP,
    signal.SIGQUIT,
    signal.SIGUSR1,
    signal.SIGUSR2,
)


class DockerError(Exception):
    """A daemon error: message as docker prints it after "Error response from daemon: "."""

    def __init__(self, message: str, code: int = 125) -> None:
        super().__init__(message)
        self.code = code


# -- shared helpers -----------------------------------------------------------------------


def now_iso() -> str:
    """RFC 3339 with nanoseconds, as docker writes Created/StartedAt."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f000Z")


def write_json(path: Path, data: Any) -> None:
    """Atomic write, so a test reading the state never sees half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(data, indent=2))
    os.replace(tmp, path)


@contextlib.contextmanager
def images_lock(state: Path) -> Iterator[Path]:
    """images.json is shared by the daemon and the test helpers: lock read-modify-write."""
    state.mkdir(parents=True, exist_ok=True)
    with open(state / "images.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield state / "images.json"


def load_images(state: Path) -> dict[str, dict[str, Any]]:
    try:
        return dict(json.loads((state / "images.json").read_text()))
    except FileNotFoundError:
        return {}


def parse_ref(ref: str) -> dict[str, str]:
    """Split an image reference like docker's reference.ParseNormalizedNamed.

    Returns canonical (``docker.io/library/ubuntu:latest``), familiar (``ubuntu:latest``),
    repo (familiar name without tag: ``ubuntu``), path (``library/ubuntu``) and tag.
    """
    digest = ""
    if "@" in ref:
        ref, digest = ref.split("@", 1)
    tag = ""
    if ":" in ref.rsplit("/", 1)[-1]:
        ref, tag = ref.rsplit(":", 1)
    parts = ref.split("/")
    if len(parts) > 1 and ("." in parts[0] or ":" in parts[0] or parts[0] == "localhost"):
        domain, path = parts[0], "/".join(parts[1:])
    else:
        domain, path = "docker.io", ref
    if domain == "docker.io" and "/" not in path:
        path = "library/" + path
    if not tag and not digest:
        tag = "latest"
    name = f"{domain}/{path}"
    repo = name
    if domain == "docker.io":
        repo = path.removeprefix("library/")
    suffix = (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")
    return {
        "canonical": name + suffix,
        "familiar": repo + suffix,
        "repo": repo,
        "path": path,
        "tag": tag or digest,
    }


def image_record(ref: str, entrypoint: Sequence[str] | None = None, **extra: Any) -> Json:
    parsed = parse_ref(ref)
    digest = hashlib.sha256(parsed["canonical"].encode()).hexdigest()
    record = {
        "Id": "sha256:" + hashlib.sha256(("id" + parsed["canonical"]).encode()).hexdigest(),
        "RepoTags": [parsed["familiar"]],
        "RepoDigests": [f"{parsed['repo']}@sha256:{digest}"],
        "Created": now_iso(),
        "Size": sum(LAYER_SIZES),
        "Entrypoint": list(entrypoint) if entrypoint else None,
        "Cmd": None,
        "Env": list(DEFAULT_IMAGE_ENV),
    }
    record.update(extra)
    return record


def human_size(size: float) -> str:
    """docker/go-units HumanSize: decimal units, 4 significant digits (``25.17MB``)."""
    units = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"]
    i = 0
    while size >= 1000 and i < len(units) - 1:
        size /= 1000
        i += 1
    return f"{size:.4g}{units[i]}"


def signal_number(value: str) -> int:
    value = value.upper()
    if value.isdigit():
        return int(value)
    if not value.startswith("SIG"):
        value = "SIG" + value
    try:
        return int(signal.Signals[value])
    except KeyError:
        raise DockerError(f"Invalid signal: {value}") from None


# -- daemon --------------------------------------------------------------------------------


class Container:
    """One container: its record (what inspect shows) and, while it runs, its process."""

    def __init__(self, daemon: Daemon, record: dict[str, Any]) -> None:
        self.daemon = daemon
        self.record = record
        self.proc: subprocess.Popen[bytes] | None = None
        self.exited = threading.Event()
        self.holds = 0  # attached clients still draining the output (delays --rm)
        self.removed = False

    @property
    def id(self) -> str:
        return str(self.record["id"])

    @property
    def dir(self) -> Path:
        return self.daemon.state / "containers" / self.id

    def save(self) -> None:
        if not self.removed:
            write_json(self.dir / "state.json", self.record)

    def signal_group(self, signum: int) -> None:
        """Signal every process of the container (its process group)."""
        pid = self.record["pid"]
        if pid:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signum)


class Daemon:
    def __init__(self, state: Path) -> None:
        self.state = state
        self.lock = threading.RLock()
        self.containers: dict[str, Container] = {}
        runtimes = {"io.containerd.runc.v2": {"path": "runc"}, "runc": {"path": "runc"}}
        for name in filter(None, os.environ.get("FAKE_DOCKER_RUNTIMES", "").split(",")):
            runtimes[name.strip()] = {"path": f"{name.strip()}-container-runtime"}
        self.runtimes = runtimes
        (state / "containers").mkdir(parents=True, exist_ok=True)
        self._load()

    def _load(self) -> None:
        """Containers of a previous daemon are shown as exited (their processes are gone)."""
        for path in (self.state / "containers").glob("*/state.json"):
            record = json.loads(path.read_text())
            container = Container(self, record)
            container.exited.set()
            if record["running"]:
                record.update(running=False, status="exited", pid=0, exit_code=137)
                record["finished"] = now_iso()
                container.save()
            self.containers[record["id"]] = container

    # -- lookup

    def find(self, key: str) -> Container:
        with self.lock:
            live = [c for c in self.containers.values() if not c.removed]
            for c in live:
                if key in (c.id, c.record["name"], "/" + c.record["name"]):
                    return c
            matches = [c for c in live if key and c.id.startswith(key)]
            if len(matches) == 1:
                return matches[0]
        raise DockerError(f"No such container: {key}", 1)

    # -- operations (one per request "op")

    def op_ping(self, req: Json, send: Callable[[Json], None]) -> None:
        send({"ok": True})

    def op_version(self, req: Json, send: Callable[[Json], None]) -> None:
        send({"Version": SERVER_VERSION, "ApiVersion": API_VERSION, "Os": "linux"})

    def op_info(self, req: Json, send: Callable[[Json], None]) -> None:
        with self.lock:
            running = sum(1 for c in self.containers.values() if c.record["running"])
            total = sum(1 for c in self.containers.values() if not c.removed)
        send(
            {
                "Runtimes": self.runtimes,
                "DefaultRuntime": "runc",
                "ServerVersion": SERVER_VERSION,
                "Containers": total,
                "ContainersRunning": running,
                "Images": len(load_images(self.state)),
                "Driver": "overlay2",
                "OperatingSystem": "Fake Docker",
            }
        )

    def op_image_inspect(self, req: Json, send: Callable[[Json], None]) -> None:
        canonical = parse_ref(req["image"])["canonical"]
        send({"image": load_images(self.state).get(canonical)})

    def op_images(self, req: Json, send: Callable[[Json], None]) -> None:
        send({"images": load_images(self.state)})

    def op_rmi(self, req: Json, send: Callable[[Json], None]) -> None:
        parsed = parse_ref(req["image"])
        with images_lock(self.state) as path:
            images = load_images(self.state)
            record = images.pop(parsed["canonical"], None)
            if record is None:
                raise DockerError(f"No such image: {req['image']}", 1)
            write_json(path, images)
        send({"untagged": parsed["familiar"], "deleted": record["Id"]})

    def op_pull(self, req: Json, send: Callable[[Json], None]) -> None:
        """Simulate a registry pull, streaming docker's JSON progress messages.

        The image is added only after the last progress message was delivered: a client
        that went away (cancelled pull) makes ``send`` fail and the pull is abandoned.
        """
        image = req["image"]
        parsed = parse_ref(image)
        denied = {
            d.strip()
            for d in os.environ.get("FAKE_DOCKER_DENIED_IMAGES", "").split(",")
            + list(req.get("denied", []))
            if d.strip()
        }
        names = {image, parsed["canonical"], parsed["familiar"], parsed["repo"]}
        if "doesnotexist" in image or names & denied:
            raise DockerError(
                f"pull access denied for {parsed['repo']}, repository does not exist or "
                "may require 'docker login': denied: requested access to the resource is denied",
                1,
            )
        seconds = req.get("seconds")
        if seconds is None:
            seconds = float(os.environ.get("FAKE_DOCKER_PULL_SECONDS", "0.5"))
        digest = "sha256:" + hashlib.sha256(parsed["canonical"].encode()).hexdigest()
        send({"status": f"Pulling from {parsed['path']}", "id": parsed["tag"]})
        if parsed["canonical"] in load_images(self.state):
            send({"status": f"Digest: {digest}"})
            send({"status": f"Status: Image is up to date for {parsed['familiar']}"})
            send({"done": True, "ref": parsed["canonical"]})
            return
        layers = [
            hashlib.sha256(f"{parsed['canonical']}#{i}".encode()).hexdigest()[:12]
            for i in range(len(LAYER_SIZES))
        ]
        steps: list[dict[str, Any]] = [
            {"status": "Pulling fs layer", "progressDetail": {}, "id": layer} for layer in layers
        ]
        for k in range(1, 5):  # parallel downloads, four updates each
            for layer, size in zip(layers, LAYER_SIZES, strict=True):
                steps.append(
                    {
                        "status": "Downloading",
                        "progressDetail": {"current": size * k // 5, "total": size},
                        "id": layer,
                    }
                )
        for layer in layers:
            steps.append({"status": "Verifying Checksum", "progressDetail": {}, "id": layer})
            steps.append({"status": "Download complete", "progressDetail": {}, "id": layer})
        for layer, size in zip(layers, LAYER_SIZES, strict=True):  # extraction is sequential
            for k in range(1, 4):
                steps.append(
                    {
                        "status": "Extracting",
                        "progressDetail": {"current": size * k // 3, "total": size},
                        "id": layer,
                    }
                )
            steps.append({"status": "Pull complete", "progressDetail": {}, "id": layer})
        pause = max(float(seconds), 0.0) / len(steps)
        try:
            for step in steps:
                time.sleep(pause)  # the simulated transfer time
                send(step)  # raises OSError when the client is gone: abandon the pull
        except OSError:
            # Logged so that tests can tell the abandoned pull is really over.
            print(f"pull of {parsed['canonical']} aborted: client went away", file=sys.stderr)
            sys.stderr.flush()
            raise
        with images_lock(self.state) as path:
            images = load_images(self.state)
            images[parsed["canonical"]] = image_record(image)
            write_json(path, images)
        send({"status": f"Digest: {digest}"})
        send({"status": f"Status: Downloaded newer image for {parsed['familiar']}"})
        send({"done": True, "ref": parsed["canonical"]})

    def op_run(self, req: Json, send: Callable[[Json], None]) -> None:
        """Create and start a container; attached clients keep the connection for the exit."""
        opts = req["opts"]
        image_ref = req["image"]
        image = load_images(self.state).get(parse_ref(image_ref)["canonical"])
        if image is None:
            raise DockerError(f"No such image: {parse_ref(image_ref)['familiar']}")
        runtime = opts.get("runtime") or "runc"
        if runtime not in self.runtimes:
            raise DockerError(f"unknown or invalid runtime name: {runtime}")
        if opts.get("gpus") and "nvidia" not in self.runtimes:
            raise DockerError('could not select device driver "" with capabilities: [[gpu]]')
        entrypoint = [opts["entrypoint"]] if opts.get("entrypoint") else image["Entrypoint"]
        cmd = list(req["cmd"]) or (image.get("Cmd") or [])
        argv = list(entrypoint or []) + cmd
        if not argv:
            raise DockerError("No command specified")
        with self.lock:
            name = opts.get("name") or self._generate_name()
            if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name):
                raise DockerError(
                    f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
                )
            for other in self.containers.values():
                if other.record["name"] == name and not other.removed:
                    raise DockerError(
                        f'Conflict. The container name "/{name}" is already in use by '
                        f'container "{other.id}". You have to remove (or rename) that '
                        "container to be able to reuse that name."
                    )
            cid = secrets.token_hex(32)
            env = dict(kv.split("=", 1) for kv in image.get("Env") or [])
            env.update(opts.get("env", {}))
            record: dict[str, Any] = {
                "id": cid,
                "name": name,
                "image": image_ref,
                "image_id": image["Id"],
                "labels": dict(opts.get("labels", {})),
                "env": [f"{k}={v}" for k, v in env.items()],
                "user_env": dict(opts.get("env", {})),
                "mounts": list(opts.get("volumes", [])),
                "cmd": cmd,
                "entrypoint": entrypoint,
                "argv": argv,
                "pid": 0,
                "running": False,
                "status": "created",
                "exit_code": 0,
                "created": now_iso(),
                "started": ZERO_TIME,
                "finished": ZERO_TIME,
                "auto_remove": bool(opts.get("rm")),
                "runtime": runtime,
                "opts": opts,
            }
            container = Container(self, record)
            # An attached client holds the container from the start, so that an AutoRemove
            # cannot delete the logs before the client has read them.
            container.holds = 1 if req.get("attach") else 0
            container.dir.mkdir(parents=True)
            self.containers[cid] = container
            container.save()
        error = self._start(container)
        if error:
            with self.lock:
                record.update(exit_code=error.code, status="created", error=str(error))
                container.exited.set()
                container.save()
                if record["auto_remove"]:
                    self._remove(container)
            raise error
        try:
            send({"id": cid, "name": name, "pid": record["pid"], "dir": str(container.dir)})
            if req.get("attach"):
                # Report the exit code, then wait until the client has drained the logs
                # (it closes the connection) before an AutoRemove may delete them.
                container.exited.wait()
                send({"exit_code": record["exit_code"]})
                req["_rfile"].readline()
        finally:
            with self.lock:
                container.holds = 0
                if record["auto_remove"] and container.exited.is_set():
                    self._remove(container)

    def _generate_name(self) -> str:
        adjectives = ["eager", "festive", "jolly", "quirky", "brave", "serene", "vibrant"]
        surnames = ["hopper", "turing", "lovelace", "curie", "noether", "ritchie", "knuth"]
        taken = {c.record["name"] for c in self.containers.values() if not c.removed}
        while True:
            name = f"{secrets.choice(adjectives)}_{secrets.choice(surnames)}"
            if name in taken:
                name += f"{secrets.randbelow(10)}"
            if name not in taken:
                return name

    def _start(self, container: Container) -> DockerError | None:
        record = container.record
        argv = record["argv"]
        # The image's ENV (PATH above all) and the -e values, as in a real container; the
        # daemon's own environment underneath, since the "container" runs on the host.
        env = dict(os.environ)
        env.update(kv.split("=", 1) for kv in record["env"])
        exe = argv[0]
        if "/" in exe:
            found = exe if os.path.exists(exe) else None
        else:
            found = shutil.which(exe, mode=os.F_OK, path=env.get("PATH", os.defpath))
        prefix = (
            "failed to create task for container: failed to create shim task: OCI runtime "
            "create failed: runc create failed: unable to start container process: "
        )
        if found is None:
            return DockerError(
                f'{prefix}exec: "{exe}": executable file not found in $PATH: unknown', 127
            )
        if os.path.isdir(found) or not os.access(found, os.X_OK):
            return DockerError(f'{prefix}exec: "{exe}": permission denied: unknown', 126)
        with (
            open(container.dir / "stdout.log", "wb") as out,
            open(container.dir / "stderr.log", "wb") as err,
        ):
            try:
                # A session of its own: the container is a process group we can signal,
                # and the client's terminal signals never reach it directly.
                proc = subprocess.Popen(
                    [found, *argv[1:]],
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=err,
                    env=env,
                    start_new_session=True,
                )
            except OSError as exc:
                return DockerError(f'{prefix}exec: "{exe}": {exc.strerror}: unknown', 126)
        container.proc = proc
        record.update(pid=proc.pid, running=True, status="running", started=now_iso())
        container.save()
        threading.Thread(target=self._reap, args=(container,), daemon=True).start()
        return None

    def _reap(self, container: Container) -> None:
        """Wait for the main process; then the whole container is gone (like a pid ns)."""
        assert container.proc is not None
        code = container.proc.wait()
        container.signal_group(signal.SIGKILL)
        with self.lock:
            record = container.record
            record.update(
                running=False,
                status="exited",
                pid=0,
                exit_code=128 - code if code < 0 else code,
                finished=now_iso(),
            )
            container.save()
            container.exited.set()
            if record["auto_remove"] and container.holds == 0:
                self._remove(container)

    def _remove(self, container: Container) -> None:
        with self.lock:
            if container.removed:
                return
            container.removed = True
            self.containers.pop(container.id, None)
            shutil.rmtree(container.dir, ignore_errors=True)

    def op_stop(self, req: Json, send: Callable[[Json], None]) -> None:
        container = self.find(req["container"])
        timeout = req.get("timeout")
        if timeout is None:
            timeout = container.record["opts"].get("stop_timeout", 10)
        self.stop(container, float(timeout))
        send({"ok": True})

    def stop(self, container: Container, timeout: float) -> None:
        if container.exited.is_set():
            return
        container.signal_group(signal.SIGTERM)
        if not container.exited.wait(timeout):
            container.signal_group(signal.SIGKILL)
            container.exited.wait()

    def op_kill(self, req: Json, send: Callable[[Json], None]) -> None:
        container = self.find(req["container"])
        signum = signal_number(str(req.get("signal") or "KILL"))
        if not container.record["running"]:
            raise DockerError(
                f"cannot kill container: {req['container']}: container {container.id} is not running",
                1,
            )
        if req.get("main_only"):  # the client's signal proxy: the main process only
            with contextlib.suppress(ProcessLookupError):
                os.kill(container.record["pid"], signum)
        else:
            container.signal_group(signum)
        send({"ok": True})

    def op_rm(self, req: Json, send: Callable[[Json], None]) -> None:
        container = self.find(req["container"])
        if container.record["running"]:
            if not req.get("force"):
                raise DockerError(
                    f'cannot remove container "/{container.record["name"]}": container is '
                    "running: stop the container before removing or force remove",
                    1,
                )
            container.signal_group(signal.SIGKILL)
            container.exited.wait()
        self._remove(container)
        send({"ok": True})

    def op_list(self, req: Json, send: Callable[[Json], None]) -> None:
        with self.lock:
            records = [dict(c.record) for c in self.containers.values() if not c.removed]
        records.sort(key=lambda r: r["created"], reverse=True)
        send({"containers": records})

    def op_inspect(self, req: Json, send: Callable[[Json], None]) -> None:
        container = self.find(req["container"])
        send({"container": container.record})

    def op_wait(self, req: Json, send: Callable[[Json], None]) -> None:
        container = self.find(req["container"])
        container.exited.wait()
        send({"exit_code": container.record["exit_code"]})

    def shutdown(self) -> None:
        """SIGKILL every container and reap it (tests must not leak processes)."""
        with self.lock:
            containers = list(self.containers.values())
        for container in containers:
            if container.record["running"]:
                container.signal_group(signal.SIGKILL)
        for container in containers:
            container.exited.wait(10)


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        line = self.rfile.readline()
        if not line:
            return
        req = json.loads(line)
        req["_rfile"] = self.rfile

        def send(obj: Json) -> None:
            self.wfile.write(json.dumps(obj).encode() + b"\n")

        try:
            getattr(self.server.daemon, "op_" + req["op"])(req, send)
        except DockerError as exc:
            with contextlib.suppress(OSError):
                send({"error": str(exc), "code": exc.code})
        except OSError:
            pass  # the client went away


class _Server(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True
    daemon: Daemon


def serve(state_dir: Path) -> int:
    state_dir.mkdir(parents=True, exist_ok=True)
    sock_path = state_dir / "docker.sock"
    with contextlib.suppress(FileNotFoundError):
        sock_path.unlink()
    daemon = Daemon(state_dir)
    server = _Server(str(sock_path), _Handler)
    server.daemon = daemon
    stopping = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopping.set())
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    (state_dir / "daemon.pid").write_text(f"{os.getpid()}\n")
    while not stopping.wait(0.2):  # a bounded wait, so the signal handler gets to run
        pass
    daemon.shutdown()
    server.shutdown()
    server.server_close()
    with contextlib.suppress(FileNotFoundError):
        sock_path.unlink()
    return 0


# -- client --------------------------------------------------------------------------------


class ClientExit(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def err(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def out(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


class Client:
    def __init__(self, state: Path, prog: str) -> None:
        self.state = state
        self.prog = prog

    def connect(self) -> socket.socket:
        if os.environ.get("FAKE_DOCKER_DENY") == "1":
            err(PERMISSION_DENIED)
            raise ClientExit(1)
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(str(self.state / "docker.sock"))
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
            err(CANNOT_CONNECT)
            raise ClientExit(1) from None
        return sock

    def stream(self, req: Json) -> Generator[Json, None, None]:
        """Send one request; yield the reply lines."""
        with self.connect() as sock, sock.makefile("rb") as reader:
            sock.sendall(json.dumps(req).encode() + b"\n")
            for line in reader:
                yield json.loads(line)

    def call(self, req: Json) -> Json:
        for reply in self.stream(req):
            return reply
        err("error during connect: unexpected EOF")
        raise ClientExit(1)

    def call_each(self, op: str, names: Iterable[str], done: Callable[[str, Json], None],
                  **extra: Any) -> int:  # fmt: skip
        """docker's multi-container commands: go on after errors, exit 1 if any failed."""
        status = 0
        for name in names:
            reply = self.call({"op": op, "container": name, **extra})
            if "error" in reply:
                err(f"Error response from daemon: {reply['error']}")
                status = 1
            else:
                done(name, reply)
        return status


def split_opts(
    args: list[str],
    value_opts: Mapping[str, str],
    bool_opts: Mapping[str, str],
    command: str,
    *,
    interspersed: bool = True,
) -> tuple[dict[str, list[str]], list[str]]:
    """Parse docker-style options; returns ({key: [values]}, positional args).

    ``value_opts``/``bool_opts`` map every spelling (``-e``, ``--env``) to a key. Like
    cobra, options may follow positional arguments, except for ``run`` (interspersed
    false: everything after the image is the container's command).
    """
    found: dict[str, list[str]] = {}
    positional: list[str] = []
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            positional += args[i + 1 :]
            break
        if not arg.startswith("-") or arg == "-":
            if not interspersed:
                positional += args[i:]
                break
            positional.append(arg)
            i += 1
            continue
        name, eq, value = arg.partition("=")
        if name in value_opts:
            if not eq:
                if i + 1 >= len(args):
                    flag_error(f"flag needs an argument: {arg}", command)
                i += 1
                value = args[i]
            found.setdefault(value_opts[name], []).append(value)
        elif name in bool_opts:
            found.setdefault(bool_opts[name], []).append(value if eq else "true")
        elif not arg.startswith("--") and arg[:2] in value_opts:  # -eK=V, -p8000:8000
            found.setdefault(value_opts[arg[:2]], []).append(arg[2:])
        elif not arg.startswith("--") and all(f"-{ch}" in bool_opts for ch in arg[1:]):
            for ch in arg[1:]:  # -dit
                found.setdefault(bool_opts[f"-{ch}"], []).append("true")
        else:
            flag = name if name.startswith("--") else name[:2]
            flag_error(f"unknown flag: {flag}" if flag.startswith("--") else
                       f"unknown shorthand flag: {flag[1]!r} in {arg}", command)  # fmt: skip
        i += 1
    return found, positional


def flag_error(message: str, command: str) -> None:
    err(message)
    err(f"See 'docker {command} --help'.")
    raise ClientExit(125)  # docker's exit status for every flag error


def last(found: Mapping[str, list[str]], key: str) -> str | None:
    """The value of an option given several times: the last one wins, as in docker."""
    values = found.get(key)
    return values[-1] if values else None


def is_true(values: list[str] | None) -> bool:
    return bool(values) and values[-1].lower() not in ("false", "0")  # type: ignore[index]


RUN_VALUE_OPTS = {
    "--name": "name",
    "-l": "label",
    "--label": "label",
    "-e": "env",
    "--env": "env",
    "--env-file": "env_file",
    "-v": "volume",
    "--volume": "volume",
    "--ipc": "ipc",
    "--net": "network",
    "--network": "network",
    "-p": "publish",
    "--publish": "publish",
    "--runtime": "runtime",
    "--gpus": "gpus",
    "--entrypoint": "entrypoint",
    "--pull": "pull",
    "--stop-timeout": "stop_timeout",
    "--stop-signal": "stop_signal",
    "--shm-size": "shm_size",
    "--ulimit": "ulimit",
    "-w": "workdir",
    "--workdir": "workdir",
    "-u": "user",
    "--user": "user",
    "--hostname": "hostname",
    "--add-host": "add_host",
    "--device": "device",
    "--cap-add": "cap_add",
    "--security-opt": "security_opt",
    "--platform": "platform",
    "--cpus": "cpus",
    "-m": "memory",
    "--memory": "memory",
    "--restart": "restart",
    "--mount": "mount",
    "--log-driver": "log_driver",
    "--log-opt": "log_opt",
}
RUN_BOOL_OPTS = {
    "--rm": "rm",
    "-d": "detach",
    "--detach": "detach",
    "-i": "interactive",
    "--interactive": "interactive",
    "-t": "tty",
    "--tty": "tty",
    "--init": "init",
    "--privileged": "privileged",
    "--read-only": "read_only",
    "--sig-proxy": "sig_proxy",
}


def parse_env(values: list[str], env_files: list[str]) -> dict[str, str]:
    """``-e K=V`` as is; ``-e K`` takes K from the client's environment, or is dropped."""
    lines: list[str] = []
    for path in env_files:
        for line in Path(path).read_text().splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                lines.append(line.strip())
    lines += values
    env: dict[str, str] = {}
    for item in lines:
        key, eq, value = item.partition("=")
        if eq:
            env[key] = value
        elif key in os.environ:
            env[key] = os.environ[key]
    return env


def parse_port(spec: str) -> tuple[str, dict[str, str]]:
    proto = "tcp"
    if "/" in spec:
        spec, proto = spec.rsplit("/", 1)
    parts = spec.rsplit(":", 2)
    if len(parts) == 3:
        ip, host, port = parts
    elif len(parts) == 2:
        ip, (host, port) = "", parts
    else:
        ip, host, port = "", "", parts[0]
    return f"{port}/{proto}", {"HostIp": ip, "HostPort": host}


def go_str(value: Any) -> str:
    """How Go's text/template prints a value."""
    if value is None:
        return "<no value>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{go_str(v)}" for k, v in sorted(value.items())) + "]"
    if isinstance(value, list):
        return "[" + " ".join(go_str(v) for v in value) + "]"
    return str(value)


TEMPLATE_ACTION = re.compile(r"\{\{\s*(.*?)\s*\}\}")


def render_template(
    template: str, data: Any, extra: Callable[[str], str | None] | None = None
) -> str:
    """The part of Go templates docker users write: ``{{.A.B}}``, ``{{json .A}}``,
    ``{{index .A "k"}}``, ``{{.Label "k"}}`` (via ``extra``)."""
    template = template.replace("\\n", "\n").replace("\\t", "\t")

    def lookup(path: str) -> Any:
        value = data
        for part in filter(None, path.strip().lstrip(".").split(".")):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def action(match: re.Match[str]) -> str:
        expr = match.group(1)
        if extra is not None and (special := extra(expr)) is not None:
            return special
        if expr.startswith("json "):
            return json.dumps(lookup(expr[5:]), separators=(",", ":"))
        if m := re.fullmatch(r'index\s+(\S+)\s+"([^"]*)"', expr):
            container = lookup(m.group(1))
            return go_str(container.get(m.group(2)) if isinstance(container, dict) else None)
        if expr.startswith("."):
            return go_str(lookup(expr))
        return ""

    return TEMPLATE_ACTION.sub(action, template)


def ago(iso: str) -> str:
    """docker's units.HumanDuration, roughly."""
    if iso == ZERO_TIME:
        return ""
    then = dt.datetime.strptime(iso[:26], "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=dt.UTC)
    seconds = (dt.datetime.now(dt.UTC) - then).total_seconds()
    if seconds < 1:
        return "Less than a second"
    if seconds < 60:
        return f"{int(seconds)} seconds"
    if seconds < 3600:
        minutes = int(seconds // 60)
        return "About a minute" if minutes == 1 else f"{minutes} minutes"
    hours = int(seconds // 3600)
    return "About an hour" if hours == 1 else f"{hours} hours"


def inspect_json(record: dict[str, Any]) -> dict[str, Any]:
    """The docker inspect shape of a container record."""
    opts = record.get("opts", {})
    ports: dict[str, list[dict[str, str]]] = {}
    for spec in opts.get("publish", []):
        key, binding = parse_port(spec)
        ports.setdefault(key, []).append(binding)
    mounts = []
    for spec in opts.get("volumes", []):
        parts = spec.split(":")
        source, dest = parts[0], parts[1] if len(parts) > 1 else parts[0]
        mode = parts[2] if len(parts) > 2 else ""
        named = "/" not in source
        mounts.append(
            {
                "Type": "volume" if named else "bind",
                "Name": source if named else "",
                "Source": source,
                "Destination": dest,
                "Mode": mode,
                "RW": "ro" not in mode.split(","),
            }
        )
    gpus = opts.get("gpus")
    network = opts.get("network") or "bridge"
    return {
        "Id": record["id"],
        "Created": record["created"],
        "Path": record["argv"][0] if record["argv"] else "",
        "Args": record["argv"][1:],
        "State": {
            "Status": record["status"],
            "Running": record["running"],
            "Paused": False,
            "Restarting": False,
            "OOMKilled": False,
            "Dead": False,
            "Pid": record["pid"] if record["running"] else 0,
            "ExitCode": record["exit_code"],
            "Error": record.get("error", ""),
            "StartedAt": record["started"],
            "FinishedAt": record["finished"],
        },
        "Image": record["image_id"],
        "Name": "/" + record["name"],
        "RestartCount": 0,
        "HostConfig": {
            "Binds": list(opts.get("volumes", [])) or None,
            "NetworkMode": network,
            "PortBindings": ports,
            "AutoRemove": record["auto_remove"],
            "IpcMode": opts.get("ipc") or "private",
            "Runtime": record["runtime"],
            "Init": opts.get("init"),
            "ShmSize": 67108864,
            "DeviceRequests": (
                [{"Driver": "", "Count": -1, "Capabilities": [["gpu"]], "Options": {}}]
                if gpus
                else None
            ),
        },
        "Mounts": mounts,
        "Config": {
            "Hostname": record["id"][:12],
            "Tty": bool(opts.get("tty")),
            "OpenStdin": bool(opts.get("interactive")),
            "Env": record["env"],
            "Cmd": record["cmd"] or None,
            "Image": record["image"],
            "Entrypoint": record["entrypoint"],
            "Labels": record["labels"],
            "StopTimeout": opts.get("stop_timeout"),
        },
        "NetworkSettings": {"Ports": {k: v for k, v in ports.items()}},
    }


def ps_row(record: dict[str, Any], no_trunc: bool) -> dict[str, str]:
    """docker ps's fields ({{json .}} shape)."""
    command = " ".join(record["argv"])
    if not no_trunc and len(command) > 20:
        command = command[:19] + "…"
    if record["running"]:
        status = f"Up {ago(record['started'])}"
    elif record["status"] == "created":
        status = "Created"
    else:
        status = f"Exited ({record['exit_code']}) {ago(record['finished'])} ago"
    ports = []
    for spec in record.get("opts", {}).get("publish", []):
        key, binding = parse_port(spec)
        ports.append(f"{binding['HostIp'] or '0.0.0.0'}:{binding['HostPort']}->{key}")
    return {
        "Command": f'"{command}"',
        "CreatedAt": record["created"][:19].replace("T", " ") + " +0000 UTC",
        "ID": record["id"] if no_trunc else record["id"][:12],
        "Image": record["image"],
        "Labels": ",".join(f"{k}={v}" for k, v in record["labels"].items()),
        "LocalVolumes": "0",
        "Mounts": ",".join(m.split(":")[0] for m in record.get("mounts", [])),
        "Names": record["name"],
        "Networks": record.get("opts", {}).get("network") or "bridge",
        "Ports": ", ".join(ports),
        "RunningFor": f"{ago(record['created'])} ago",
        "Size": "0B",
        "State": record["status"],
        "Status": status,
    }


class ProgressRenderer:
    """docker's jsonmessage.DisplayJSONMessagesStream for pull progress."""

    def __init__(self, stream: Any, fd: int) -> None:
        self.stream = stream
        self.tty = os.isatty(fd)
        try:
            self.width = os.get_terminal_size(fd).columns
        except OSError:
            self.width = 0
        self.lines: dict[str, int] = {}

    def progress(self, detail: dict[str, int]) -> str:
        current, total = detail.get("current", 0), detail.get("total", 0)
        if current <= 0 and total <= 0:
            return ""
        if total <= 0:
            return f"{human_size(current):>8}"
        bar = ""
        if self.width > 110:  # docker draws the bar only on wide terminals
            filled = min(int(current / total * 100) // 2, 50)
            bar = f"[{'=' * filled}>{' ' * (50 - filled)}] "
        numbers = f"{human_size(current):>8}/{human_size(total)}"
        if current > total:
            numbers = f"{human_size(current):>8}"
        return bar + numbers

    def show(self, msg: dict[str, Any]) -> None:
        write = self.stream.write
        detail = msg.get("progressDetail")
        ident = msg.get("id", "")
        diff = 0
        if ident and detail is not None:
            if ident not in self.lines:
                self.lines[ident] = len(self.lines)
                if self.tty:
                    write("\n")
            diff = len(self.lines) - self.lines[ident]
            if self.tty and diff:
                write(f"\x1b[{diff}A")
        else:
            self.lines = {}  # a line that is not progress ends the redrawn block
        if detail is not None and self.tty:
            write("\x1b[2K\r")
            write(f"{ident}: {msg['status']} {self.progress(detail)}\r")
        elif detail is not None and self.progress(detail):
            pass  # no progress bars when not on a terminal
        else:
            write(f"{ident}: " if ident else "")
            write(f"{msg['status']}\n")
        if ident and self.tty and diff:
            write(f"\x1b[{diff}B")
        self.stream.flush()


def run_pull(client: Client, image: str, stream: Any, fd: int) -> str | None:
    """Pull through the daemon, rendering its progress; returns an error or None."""
    req: dict[str, Any] = {"op": "pull", "image": image}
    if "FAKE_DOCKER_PULL_SECONDS" in os.environ:
        req["seconds"] = float(os.environ["FAKE_DOCKER_PULL_SECONDS"])
    req["denied"] = [d for d in os.environ.get("FAKE_DOCKER_DENIED_IMAGES", "").split(",") if d]
    renderer = ProgressRenderer(stream, fd)
    for msg in client.stream(req):
        if "error" in msg:
            return str(msg["error"])
        if msg.get("done"):
            return None
        renderer.show(msg)
    return "unexpected EOF"


# -- client commands -----------------------------------------------------------------------


def cmd_version(client: Client, args: list[str]) -> int:
    found, _ = split_opts(args, {"-f": "format", "--format": "format"}, {}, "version")
    info = client.call({"op": "version"})
    if found.get("format"):
        # The panel asks for {{.Server.Version}}; any template gets the server version.
        out(str(info["Version"]))
        return 0
    out(f"Client:\n Version:           {SERVER_VERSION}\n API version:       {API_VERSION}\n")
    out(f"Server: Fake Docker Engine\n Engine:\n  Version:          {SERVER_VERSION}")
    out(f"  API version:      {API_VERSION} (minimum version 1.24)")
    return 0


def cmd_info(client: Client, args: list[str]) -> int:
    found, _ = split_opts(args, {"-f": "format", "--format": "format"}, {}, "info")
    info = client.call({"op": "info"})
    if found.get("format"):
        out(render_template(found["format"][-1], info))
        return 0
    out(f"Server:\n Containers: {info['Containers']}\n  Running: {info['ContainersRunning']}")
    out(f" Images: {info['Images']}\n Server Version: {SERVER_VERSION}")
    out(f" Runtimes: {' '.join(sorted(info['Runtimes']))}\n Default Runtime: runc")
    return 0


def cmd_pull(client: Client, args: list[str]) -> int:
    _, rest = split_opts(args, {"--platform": "platform"}, {"-q": "quiet", "--quiet": "quiet"},
                         "pull")  # fmt: skip
    if len(rest) != 1:
        flag_error('"docker pull" requires exactly 1 argument.', "pull")
    image = rest[0]
    parsed = parse_ref(image)
    if ":" not in image.rsplit("/", 1)[-1] and "@" not in image:
        out(f"Using default tag: {parsed['tag']}")
    try:
        error = run_pull(client, image, sys.stdout, 1)
    except KeyboardInterrupt:
        return 130
    if error:
        err(f"Error response from daemon: {error}")
        return 1
    out(parsed["canonical"])
    return 0


def cmd_run(client: Client, args: list[str]) -> int:
    found, rest = split_opts(args, RUN_VALUE_OPTS, RUN_BOOL_OPTS, "run", interspersed=False)
    if not rest:
        flag_error('"docker run" requires at least 1 argument.', "run")
    image, command = rest[0], rest[1:]
    labels = {}
    for item in found.get("label", []):
        key, _, value = item.partition("=")
        labels[key] = value
    opts: dict[str, Any] = {
        "name": last(found, "name"),
        "labels": labels,
        "env": parse_env(found.get("env", []), found.get("env_file", [])),
        "volumes": found.get("volume", []),
        "publish": found.get("publish", []),
        "ipc": last(found, "ipc"),
        "network": last(found, "network"),
        "runtime": last(found, "runtime"),
        "gpus": last(found, "gpus"),
        "entrypoint": last(found, "entrypoint"),
        "rm": is_true(found.get("rm")),
        "init": is_true(found.get("init")) or None,
        "tty": is_true(found.get("tty")),
        "interactive": is_true(found.get("interactive")),
        "extra": {k: v for k, v in found.items() if k not in ("label", "env", "volume")},
    }
    if found.get("stop_timeout"):
        opts["stop_timeout"] = int(found["stop_timeout"][-1])
    detach = is_true(found.get("detach"))
    pull = (found.get("pull") or ["missing"])[-1]
    if pull not in ("never", "missing", "always"):
        return run_error(
            f'invalid pull option: \'{pull}\': must be one of "always", "missing" or "never"'
        )
    parsed = parse_ref(image)
    have = client.call({"op": "image_inspect", "image": image}).get("image")
    if have is None and pull == "never":
        return run_error(f"Error response from daemon: No such image: {parsed['familiar']}")
    if have is None or pull == "always":
        if have is None:
            err(f"Unable to find image '{parsed['familiar']}' locally")
        error = run_pull(client, image, sys.stderr, 2)  # docker run pulls on stderr
        if error:
            return run_error(f"Error response from daemon: {error}")
    req = {"op": "run", "image": image, "cmd": command, "opts": opts, "attach": not detach}
    replies = client.stream(req)
    first = next(replies, None)
    if first is None:
        return run_error("error during connect: unexpected EOF")
    if "error" in first:
        if first["code"] in (126, 127):
            err(f"docker: Error response from daemon: {first['error'].rstrip('.')}.")
            return int(first["code"])
        return run_error(f"Error response from daemon: {first['error']}")
    if detach:
        out(first["id"])
        return 0
    return attach(client, first, replies, proxy=found.get("sig_proxy", ["true"])[-1] != "false")


def run_error(message: str) -> int:
    err(f"docker: {message.rstrip('.')}.")
    err("See 'docker run --help'.")
    return 125


def attach(client: Client, started: Json, replies: Generator[Json, None, None], proxy: bool) -> int:
    """Stream the container's output until it exits; proxy signals meanwhile."""
    cid = started["id"]
    if proxy:

        def forward(signum: int, _frame: object) -> None:
            with contextlib.suppress(ClientExit, OSError):
                client.call({"op": "kill", "container": cid, "signal": str(signum),
                             "main_only": True})  # fmt: skip

        for signum in PROXIED_SIGNALS:
            signal.signal(signum, forward)
    cdir = Path(started["dir"])
    # The generator holds the connection; the daemon answers with the exit code when the
    # container is gone. Read it in a thread so the main loop can keep copying output.
    result: dict[str, Any] = {}
    done = threading.Event()

    def wait_exit() -> None:
        for reply in replies:
            result.update(reply)
            break
        done.set()

    with (
        open(cdir / "stdout.log", "rb", buffering=0) as cout,
        open(cdir / "stderr.log", "rb", buffering=0) as cerr,
    ):
        pumps = ((cout, sys.stdout.buffer), (cerr, sys.stderr.buffer))

        def pump() -> bool:
            moved = False
            for src, dst in pumps:
                while chunk := src.read(65536):
                    dst.write(chunk)
                    dst.flush()
                    moved = True
            return moved

        waiter = threading.Thread(target=wait_exit, daemon=True)
        waiter.start()
        while not done.is_set():
            if not pump():
                done.wait(0.02)  # a log file has nothing to wait on: poll it
        pump()  # what was written before the exit
    replies.close()  # closing the connection tells the daemon we drained (--rm may go)
    if "exit_code" not in result:
        err("error waiting for container: unexpected EOF")
        return 125
    return int(result["exit_code"])


def cmd_stop(client: Client, args: list[str]) -> int:
    found, rest = split_opts(args, {"-t": "time", "--time": "time", "-s": "signal",
                                    "--signal": "signal"}, {}, "stop")  # fmt: skip
    timeout = int(found["time"][-1]) if found.get("time") else None
    return client.call_each("stop", rest, lambda name, _: out(name), timeout=timeout)


def cmd_kill(client: Client, args: list[str]) -> int:
    found, rest = split_opts(args, {"-s": "signal", "--signal": "signal"}, {}, "kill")
    sig = (found.get("signal") or ["KILL"])[-1]
    return client.call_each("kill", rest, lambda name, _: out(name), signal=sig)


def cmd_rm(client: Client, args: list[str]) -> int:
    found, rest = split_opts(args, {}, {"-f": "force", "--force": "force", "-v": "volumes",
                                        "--volumes": "volumes"}, "rm")  # fmt: skip
    return client.call_each(
        "rm", rest, lambda name, _: out(name), force=is_true(found.get("force"))
    )


def cmd_wait(client: Client, args: list[str]) -> int:
    _, rest = split_opts(args, {}, {}, "wait")
    return client.call_each("wait", rest, lambda _, reply: out(str(reply["exit_code"])))


def cmd_ps(client: Client, args: list[str]) -> int:
    found, _ = split_opts(
        args,
        {"-f": "filter", "--filter": "filter", "--format": "format", "-n": "last"},
        {"-a": "all", "--all": "all", "-q": "quiet", "--quiet": "quiet",
         "--no-trunc": "no_trunc", "-s": "size", "-l": "latest"},
        "ps",
    )  # fmt: skip
    records = client.call({"op": "list"})["containers"]
    show_all = is_true(found.get("all"))
    no_trunc = is_true(found.get("no_trunc"))
    filters: dict[str, list[str]] = {}
    for item in found.get("filter", []):
        key, _, value = item.partition("=")
        filters.setdefault(key, []).append(value)
    if "status" in filters and "running" not in filters["status"]:
        show_all = True

    def keep(record: dict[str, Any]) -> bool:
        if not show_all and not record["running"]:
            return False
        for want in filters.get("label", []):  # labels: all must match
            key, eq, value = want.partition("=")
            if key not in record["labels"] or (eq and record["labels"][key] != value):
                return False
        if "name" in filters and not any(re.search(n, record["name"]) for n in filters["name"]):
            return False
        if "id" in filters and not any(record["id"].startswith(i) for i in filters["id"]):
            return False
        return "status" not in filters or record["status"] in filters["status"]

    rows = [ps_row(r, no_trunc) for r in records if keep(r)]
    if is_true(found.get("quiet")):
        for row in rows:
            out(row["ID"])
        return 0
    if found.get("format"):
        template = found["format"][-1]
        for row, record in zip(rows, [r for r in records if keep(r)], strict=True):

            def label(expr: str, record: Json = record) -> str | None:
                m = re.fullmatch(r'\.Label\s+"([^"]*)"', expr)
                return record["labels"].get(m.group(1), "") if m else None

            out(render_template(template.removeprefix("table "), row, label))
        return 0
    columns = ["ID", "Image", "Command", "RunningFor", "Status", "Ports", "Names"]
    header = ["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]
    table = [header] + [[row[c] for c in columns] for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(columns))]
    for line in table:
        out("   ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
    return 0


def cmd_inspect(client: Client, args: list[str], images_too: bool = True) -> int:
    found, rest = split_opts(args, {"-f": "format", "--format": "format", "--type": "type"},
                             {"-s": "size", "--size": "size"}, "inspect")  # fmt: skip
    if found.get("type", ["container"])[-1] == "image":
        return cmd_image_inspect(client, args)
    results, status = [], 0
    for name in rest:
        reply = client.call({"op": "inspect", "container": name})
        if "container" in reply:
            results.append(inspect_json(reply["container"]))
            continue
        image = client.call({"op": "image_inspect", "image": name}).get("image")
        if images_too and image is not None:
            results.append(image)
            continue
        err(f"Error: No such object: {name}")
        status = 1
    print_inspect(results, found.get("format"))
    return status


def print_inspect(results: list[Json], fmt: list[str] | None) -> None:
    if fmt:
        for item in results:
            out(render_template(fmt[-1], item))
    else:
        out(json.dumps(results, indent=4, ensure_ascii=False))


def cmd_image_inspect(client: Client, args: list[str]) -> int:
    found, rest = split_opts(args, {"-f": "format", "--format": "format", "--type": "type"}, {},
                             "image inspect")  # fmt: skip
    results, status = [], 0
    for name in rest:
        image = client.call({"op": "image_inspect", "image": name}).get("image")
        if image is None:
            err(f"Error response from daemon: No such image: {name}")
            status = 1
        else:
            results.append(image)
    print_inspect(results, found.get("format"))
    return status


def cmd_images(client: Client, args: list[str]) -> int:
    found, rest = split_opts(args, {"--format": "format", "-f": "filter", "--filter": "filter"},
                             {"-q": "quiet", "--quiet": "quiet", "-a": "all",
                              "--no-trunc": "no_trunc"}, "images")  # fmt: skip
    images = client.call({"op": "images"})["images"]
    if rest:
        want = parse_ref(rest[0])
        images = {
            k: v for k, v in images.items()
            if k == want["canonical"] or (":" not in rest[0] and parse_ref(k)["repo"] == want["repo"])
        }  # fmt: skip
    for canonical, image in images.items():
        short = image["Id"].removeprefix("sha256:")[:12]
        if is_true(found.get("quiet")):
            out(short)
        else:
            parsed = parse_ref(canonical)
            out(f"{parsed['repo']}   {parsed['tag']}   {short}   {human_size(image['Size'])}")
    return 0


def cmd_rmi(client: Client, args: list[str]) -> int:
    _, rest = split_opts(args, {}, {"-f": "force", "--force": "force"}, "rmi")
    status = 0
    for name in rest:
        reply = client.call({"op": "rmi", "image": name})
        if "error" in reply:
            err(f"Error response from daemon: {reply['error']}")
            status = 1
        else:
            out(f"Untagged: {reply['untagged']}")
            out(f"Deleted: {reply['deleted']}")
    return status


def cmd_logs(client: Client, args: list[str]) -> int:
    found, rest = split_opts(args, {"-n": "tail", "--tail": "tail", "--since": "since"},
                             {"-f": "follow", "--follow": "follow", "-t": "timestamps",
                              "--timestamps": "timestamps"}, "logs")  # fmt: skip
    if len(rest) != 1:
        flag_error('"docker logs" requires exactly 1 argument.', "logs")
    reply = client.call({"op": "inspect", "container": rest[0]})
    if "error" in reply:
        err(f"Error response from daemon: {reply['error']}")
        return 1
    cdir = client.state / "containers" / reply["container"]["id"]
    tail = (found.get("tail") or ["all"])[-1]
    pumps = []
    for fname, dst in (("stdout.log", sys.stdout.buffer), ("stderr.log", sys.stderr.buffer)):
        src = open(cdir / fname, "rb", buffering=0)  # noqa: SIM115 (closed below)
        if tail != "all":
            lines = src.read().splitlines(keepends=True)
            dst.write(b"".join(lines[-int(tail) :] if int(tail) else []))
            dst.flush()
        pumps.append((src, dst))
    try:
        if not is_true(found.get("follow")):
            for src, dst in pumps:
                dst.write(src.read())
                dst.flush()
            return 0
        waiter = client.stream({"op": "wait", "container": rest[0]})
        done = threading.Event()

        def wait_exit() -> None:
            next(waiter, None)
            done.set()

        threading.Thread(target=wait_exit, daemon=True).start()
        while True:
            finished = done.is_set()
            for src, dst in pumps:
                while chunk := src.read(65536):
                    dst.write(chunk)
                    dst.flush()
            if finished:
                return 0
            done.wait(0.05)  # a log file has nothing to wait on: poll it
    finally:
        for src, _ in pumps:
            src.close()


def cmd_top(client: Client, args: list[str]) -> int:
    _, rest = split_opts(args, {}, {}, "top")
    reply = client.call({"op": "inspect", "container": rest[0] if rest else ""})
    if "error" in reply:
        err(f"Error response from daemon: {reply['error']}")
        return 1
    record = reply["container"]
    if not record["running"]:
        err(f"Error response from daemon: container {record['id']} is not running")
        return 1
    out("UID                 PID                 PPID                CMD")
    for entry in sorted(Path("/proc").iterdir(), key=lambda p: p.name):
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != record["pid"]:
                continue
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
            ppid = (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
            uid = (entry / "status").read_text().split("Uid:")[1].split()[0]
        except (OSError, IndexError):
            continue
        out(f"{uid:<20}{entry.name:<20}{ppid:<20}{cmd}")
    return 0


COMMANDS: dict[str, Callable[[Client, list[str]], int]] = {
    "version": cmd_version,
    "info": cmd_info,
    "pull": cmd_pull,
    "run": cmd_run,
    "stop": cmd_stop,
    "kill": cmd_kill,
    "rm": cmd_rm,
    "wait": cmd_wait,
    "ps": cmd_ps,
    "inspect": cmd_inspect,
    "logs": cmd_logs,
    "top": cmd_top,
    "images": cmd_images,
    "rmi": cmd_rmi,
}
CONTAINER_SUBCOMMANDS = {"ls": "ps", "list": "ps", **{k: k for k in COMMANDS}}
IMAGE_SUBCOMMANDS = {"ls": "images", "list": "images", "pull": "pull", "rm": "rmi"}


def main(argv: list[str]) -> int:
    """The docker client: ``main(["client", "--state", DIR, *docker_args])``."""
    if len(argv) >= 2 and argv[0] == "daemon" and argv[1] == "--state":
        return serve(Path(argv[2]))
    if len(argv) < 3 or argv[0] != "client" or argv[1] != "--state":
        err("usage: fake_docker.py client --state DIR ARGS... | daemon --state DIR")
        return 2
    client = Client(Path(argv[2]), os.environ.get("FAKE_DOCKER_PROG", "docker"))
    args = argv[3:]
    if args[:1] in (["--version"], ["-v"]):
        out(f"Docker version {SERVER_VERSION}, build ce12230")
        return 0
    if not args:
        err("Usage:  docker [OPTIONS] COMMAND")
        return 0
    command, rest = args[0], args[1:]
    if command == "container" and rest:
        command, rest = CONTAINER_SUBCOMMANDS.get(rest[0], rest[0]), rest[1:]
    elif command == "image" and rest:
        if rest[0] == "inspect":
            return guarded(cmd_image_inspect, client, rest[1:])
        command, rest = IMAGE_SUBCOMMANDS.get(rest[0], rest[0]), rest[1:]
    handler = COMMANDS.get(command)
    if handler is None:
        err(f"docker: '{command}' is not a docker command.\nSee 'docker --help'")
        return 1
    return guarded(handler, client, rest)


def guarded(handler: Callable[[Client, list[str]], int], client: Client, args: list[str]) -> int:
    try:
        return handler(client, args)
    except ClientExit as exc:
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1


# -- test helpers --------------------------------------------------------------------------


def install(bin_dir: Path, state_dir: Path, *, names: Sequence[str] = ("docker",)) -> None:
    """Write ``docker`` (and e.g. ``podman``) wrapper scripts into ``bin_dir``."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    for name in names:
        script = bin_dir / name
        script.write_text(
            "#!/bin/sh\n"
            f"FAKE_DOCKER_PROG={name}; export FAKE_DOCKER_PROG\n"
            f'exec "{sys.executable}" "{HERE}" client --state "{state_dir}" "$@"\n'
        )
        script.chmod(0o755)


class FakeDockerDaemon:
    """The daemon as a child of the test process; a context manager."""

    def __init__(self, state_dir: Path, env: Mapping[str, str] | None = None) -> None:
        self.state_dir = Path(state_dir)
        self.socket_path = self.state_dir / "docker.sock"
        self.env = dict(env or {})
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> FakeDockerDaemon:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        with open(self.state_dir / "daemon.log", "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(HERE), "daemon", "--state", str(self.state_dir)],
                env={**os.environ, **self.env},
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        deadline = time.monotonic() + 10
        while True:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                try:
                    sock.connect(str(self.socket_path))
                    return
                except (FileNotFoundError, ConnectionRefusedError):
                    pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                log_text = (self.state_dir / "daemon.log").read_text(errors="replace")
                raise RuntimeError(f"fake docker daemon did not start:\n{log_text}")
            time.sleep(0.02)  # nothing announces the socket: poll it

    def stop(self) -> None:
        """SIGKILL every container still running, then stop the daemon and reap it."""
        for record in self.running_containers():
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(record["pid"], signal.SIGKILL)
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def containers(self) -> list[dict[str, Any]]:
        """Every container record in the state dir (running or not)."""
        records = []
        for path in (self.state_dir / "containers").glob("*/state.json"):
            with contextlib.suppress(FileNotFoundError, json.JSONDecodeError):
                records.append(json.loads(path.read_text()))
        return records

    def running_containers(self) -> list[dict[str, Any]]:
        return [r for r in self.containers() if r.get("running") and r.get("pid")]

    def container(self, name_or_id: str) -> dict[str, Any] | None:
        for record in self.containers():
            if name_or_id in (record["id"], record["name"]):
                return record
        return None

    def add_image(
        self,
        name: str,
        *,
        entrypoint: Sequence[str] | None = None,
        cmd: Sequence[str] | None = None,
        env: Sequence[str] | None = None,
    ) -> None:
        """Make an image present locally (as if pulled before)."""
        extra: dict[str, Any] = {"Cmd": list(cmd) if cmd else None}
        if env is not None:
            extra["Env"] = list(env)
        with images_lock(self.state_dir) as path:
            images = load_images(self.state_dir)
            images[parse_ref(name)["canonical"]] = image_record(name, entrypoint, **extra)
            write_json(path, images)

    def images(self) -> list[str]:
        """Canonical references of the local images (``docker.io/library/x:latest``)."""
        return sorted(load_images(self.state_dir))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
