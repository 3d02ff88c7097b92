"""The docker stand-in (tests/fakes/fake_docker.py) behaves like the real CLI and daemon.

Every test talks to a real fake daemon (a child of the test process) through the
``docker`` wrapper on a PATH built in tmp_path. Waits are deadline loops on conditions;
the fixture stops the daemon, which SIGKILLs and reaps its containers.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import pids_alive, wait_until
from tests.fakes.fake_docker import CANNOT_CONNECT, PERMISSION_DENIED, FakeDockerDaemon, install

HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass
class Docker:
    """A daemon plus the ``docker`` command that talks to it."""

    daemon: FakeDockerDaemon
    bin_dir: Path
    env: dict[str, str] = field(default_factory=dict)

    def cli_env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        env = {**os.environ, **self.env, "PATH": f"{self.bin_dir}{os.pathsep}{os.environ['PATH']}"}
        env.update(extra or {})
        return env

    def __call__(
        self, *args: str, env: Mapping[str, str] | None = None, timeout: float = 30
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["docker", *args],
            env=self.cli_env(env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def popen(
        self, *args: str, env: Mapping[str, str] | None = None, **kw: Any
    ) -> subprocess.Popen[bytes]:
        kw.setdefault("stdout", subprocess.PIPE)
        kw.setdefault("stderr", subprocess.PIPE)
        return subprocess.Popen(["docker", *args], env=self.cli_env(env), **kw)

    def inspect(self, name: str) -> dict[str, Any]:
        done = self("inspect", name)
        assert done.returncode == 0, done.stderr
        info: dict[str, Any] = json.loads(done.stdout)[0]
        return info


@pytest.fixture
def make_docker(tmp_path: Path) -> Iterator[Callable[..., Docker]]:
    """Start a daemon with the given daemon environment; all are stopped at teardown."""
    started: list[FakeDockerDaemon] = []

    def make(daemon_env: Mapping[str, str] | None = None, name: str = "d") -> Docker:
        state = tmp_path / name  # short: unix socket paths are limited to 108 bytes
        bin_dir = tmp_path / f"{name}-bin"
        install(bin_dir, state, names=("docker", "podman"))
        daemon = FakeDockerDaemon(state, env=daemon_env)
        started.append(daemon)
        daemon.start()
        daemon.add_image("alpine")
        return Docker(daemon, bin_dir, {"FAKE_DOCKER_PULL_SECONDS": "0.1"})

    yield make
    for daemon in started:
        daemon.stop()


@pytest.fixture
def docker(make_docker: Callable[..., Docker]) -> Docker:
    return make_docker()


class Reader:
    """Collects a pipe's bytes without blocking, for waiting on partial output."""

    def __init__(self, pipe: Any) -> None:
        self.pipe = pipe
        self.fd = pipe.fileno()
        os.set_blocking(self.fd, False)
        self.data = b""

    def poll(self) -> bytes:
        try:
            while chunk := os.read(self.fd, 65536):
                self.data += chunk
        except BlockingIOError:
            pass
        return self.data

    def has(self, needle: bytes) -> bool:
        return needle in self.poll()

    def rest(self, proc: subprocess.Popen[bytes], timeout: float = 30) -> bytes:
        """Everything until EOF (the process is expected to finish)."""
        os.set_blocking(self.fd, True)
        deadline = time.monotonic() + timeout
        while select.select([self.fd], [], [], max(deadline - time.monotonic(), 0))[0]:
            chunk = os.read(self.fd, 65536)
            if not chunk:
                break
            self.data += chunk
        self.pipe.close()
        proc.wait(max(deadline - time.monotonic(), 1))
        return self.data


def finish(proc: subprocess.Popen[bytes], timeout: float = 30) -> tuple[bytes, bytes]:
    out, err = proc.communicate(timeout=timeout)
    return out, err


def container_running(docker: Docker, name: str) -> bool:
    record = docker.daemon.container(name)
    return bool(record and record["running"])


# -- run: streams, exit codes, signals ---------------------------------------------------------


STREAM_SCRIPT = r"""
import os, sys, time
os.write(1, "解释图像 first line\n".encode())
os.write(2, b"err \xff\xfe not utf-8\r\n")
os.write(1, b"progress 10%\rprogress 100%\n")
os.write(1, b"split ")
while not os.path.exists(sys.argv[1]):
    time.sleep(0.01)
os.write(1, b"line\n")
os.write(2, b"bye\n")
sys.exit(3)
"""


def test_run_attached_streams_stdout_and_stderr_byte_exact(docker: Docker, tmp_path: Path) -> None:
    script = tmp_path / "stream.py"
    script.write_text(STREAM_SCRIPT, encoding="utf-8")
    gate = tmp_path / "gate"
    proc = docker.popen("run", "--rm", "alpine", sys.executable, str(script), str(gate))
    out = Reader(proc.stdout)
    # Output arrives while the container still runs (it waits for the gate).
    wait_until(lambda: out.has(b"split "), 10, "the first half of the split line")
    assert proc.poll() is None
    gate.touch()
    stdout = out.rest(proc)
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert stdout == "解释图像 first line\n".encode() + b"progress 10%\rprogress 100%\nsplit line\n"
    assert stderr == b"err \xff\xfe not utf-8\r\nbye\n"
    assert proc.returncode == 3


def test_run_exit_code_and_missing_command(docker: Docker) -> None:
    assert docker("run", "--rm", "alpine", "sh", "-c", "exit 3").returncode == 3
    done = docker("run", "--rm", "alpine", "no-such-command-xyz")
    assert done.returncode == 127
    assert done.stderr == (
        "docker: Error response from daemon: failed to create task for container: failed to "
        "create shim task: OCI runtime create failed: runc create failed: unable to start "
        'container process: exec: "no-such-command-xyz": executable file not found in $PATH: '
        "unknown.\n"
    )
    done = docker("run", "alpine")
    assert done.returncode == 125
    assert "docker: Error response from daemon: No command specified.\n" in done.stderr
    done = docker("run", "--bogus", "alpine", "true")
    assert (done.returncode, done.stderr) == (
        125,
        "unknown flag: --bogus\nSee 'docker run --help'.\n",
    )


def test_sigkill_of_the_client_leaves_the_container_running(docker: Docker) -> None:
    client = docker.popen("run", "--name", "survivor", "alpine", "sleep", "60")
    wait_until(lambda: container_running(docker, "survivor"), 10, "the container to start")
    client.kill()
    finish(client)
    assert client.returncode == -signal.SIGKILL
    listed = docker("ps", "--format", "{{.Names}}").stdout.split()
    assert listed == ["survivor"]
    pid = docker.inspect("survivor")["State"]["Pid"]
    assert pids_alive([pid]) == [pid]
    assert docker("stop", "survivor").stdout == "survivor\n"
    assert pids_alive([pid]) == []


def test_stop_escalates_to_sigkill_after_the_timeout(docker: Docker) -> None:
    cid = docker(
        "run", "-d", "--name", "stubborn", "alpine",
        "sh", "-c", 'trap "" TERM; while :; do sleep 0.1; done',
    ).stdout.strip()  # fmt: skip
    assert HEX64.fullmatch(cid)
    pid = docker.inspect("stubborn")["State"]["Pid"]
    started = time.monotonic()
    done = docker("stop", "-t", "1", "stubborn")
    elapsed = time.monotonic() - started
    assert (done.returncode, done.stdout) == (0, "stubborn\n")
    assert elapsed >= 1.0
    assert pids_alive([pid]) == []
    state = docker.inspect(cid)["State"]
    assert (state["Status"], state["Running"], state["Pid"], state["ExitCode"]) == (
        "exited", False, 0, 137,
    )  # fmt: skip
    # Stopping a stopped container is fine, an unknown one is not.
    assert docker("stop", "stubborn").stdout == "stubborn\n"
    done = docker("stop", "nope", "stubborn")
    assert done.returncode == 1
    assert done.stdout == "stubborn\n"
    assert done.stderr == "Error response from daemon: No such container: nope\n"


def test_stop_of_an_attached_sleep_is_quick_and_the_client_reports_143(docker: Docker) -> None:
    client = docker.popen("run", "--name", "napper", "alpine", "sleep", "60")
    wait_until(lambda: container_running(docker, "napper"), 10, "the container to start")
    started = time.monotonic()
    assert docker("stop", "napper").returncode == 0
    assert time.monotonic() - started < 5
    finish(client)
    assert client.returncode == 128 + signal.SIGTERM


TERM_SCRIPT = r"""
import signal, sys
def on_term(signum, frame):
    print("got TERM", flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, on_term)
print("ready", flush=True)
while True:
    signal.pause()
"""


def test_sigterm_to_the_attached_client_is_proxied_to_the_container(
    docker: Docker, tmp_path: Path
) -> None:
    script = tmp_path / "term.py"
    script.write_text(TERM_SCRIPT)
    client = docker.popen("run", "--rm", "alpine", sys.executable, str(script))
    out = Reader(client.stdout)
    wait_until(lambda: out.has(b"ready\n"), 10, "the container to install its handler")
    client.send_signal(signal.SIGTERM)
    assert out.rest(client) == b"ready\ngot TERM\n"
    assert client.stderr is not None
    client.stderr.close()
    assert client.returncode == 0


def test_name_conflict_and_rm_frees_the_name(docker: Docker) -> None:
    cid = docker("run", "-d", "--name", "dup", "alpine", "sleep", "60").stdout.strip()
    done = docker("run", "--name", "dup", "alpine", "true")
    assert done.returncode == 125
    assert done.stderr == (
        'docker: Error response from daemon: Conflict. The container name "/dup" is already '
        f'in use by container "{cid}". You have to remove (or rename) that container to be '
        "able to reuse that name.\nSee 'docker run --help'.\n"
    )
    # A stopped container keeps its name until removed.
    docker("stop", "-t", "0", "dup")
    assert docker("run", "--name", "dup", "alpine", "true").returncode == 125
    done = docker("rm", "dup")
    assert (done.returncode, done.stdout) == (0, "dup\n")
    assert docker("run", "--name", "dup", "alpine", "true").returncode == 0
    # --rm: the daemon removes the container after exit, so the name is free again.
    for _ in range(2):
        assert (
            docker("run", "--rm", "--name", "once", "alpine", "sh", "-c", "exit 4").returncode == 4
        )
    assert "once" not in docker("ps", "-a", "--format", "{{.Names}}").stdout.split()


def test_detached_rm_is_removed_after_exit(docker: Docker) -> None:
    cid = docker("run", "-d", "--rm", "alpine", "sh", "-c", "exit 0").stdout.strip()
    wait_until(lambda: docker.daemon.container(cid) is None, 10, "the auto-removal")
    done = docker("inspect", cid)
    assert (done.returncode, done.stdout) == (1, "[]\n")


def test_rm_and_kill_of_running_containers(docker: Docker) -> None:
    docker("run", "-d", "--name", "busy", "alpine", "sleep", "60")
    done = docker("rm", "busy")
    assert done.returncode == 1
    assert done.stderr == (
        'Error response from daemon: cannot remove container "/busy": container is running: '
        "stop the container before removing or force remove\n"
    )
    assert docker("kill", "-s", "TERM", "busy").returncode == 0
    wait_until(lambda: not container_running(docker, "busy"), 10, "the kill")
    assert docker.inspect("busy")["State"]["ExitCode"] == 143
    done = docker("kill", "busy")
    assert done.returncode == 1
    assert done.stderr.startswith(
        "Error response from daemon: cannot kill container: busy: container "
    )
    assert done.stderr.endswith(" is not running\n")
    docker("run", "-d", "--name", "busy2", "alpine", "sleep", "60")
    pid = docker.inspect("busy2")["State"]["Pid"]
    assert docker("rm", "-f", "busy2").returncode == 0
    assert pids_alive([pid]) == []
    assert docker("ps", "-aq").stdout.split() == [docker.inspect("busy")["Id"][:12]]


# -- ps, inspect, logs, wait -------------------------------------------------------------------


def test_ps_label_filters_are_anded(docker: Docker) -> None:
    ids = {}
    for name, labels in (
        ("llm", ["app=panel", "role=llm"]),
        ("asr", ["app=panel", "role=asr"]),
        ("other", ["app=other", "role=llm"]),
    ):
        args = [arg for label in labels for arg in ("--label", label)]
        ids[name] = docker(
            "run", "-d", "--name", name, *args, "alpine", "sleep", "60"
        ).stdout.strip()
    done = docker(
        "ps", "-q", "--no-trunc", "--filter", "label=app=panel", "--filter", "label=role=llm"
    )
    assert done.stdout == ids["llm"] + "\n"
    names = docker("ps", "--filter", "label=app=panel", "--format", "{{.Names}}").stdout.split()
    assert sorted(names) == ["asr", "llm"]
    by_key = docker("ps", "-q", "--filter", "label=role").stdout.split()
    assert sorted(by_key) == sorted(cid[:12] for cid in ids.values())
    rows = [json.loads(line) for line in docker("ps", "--format", "{{json .}}").stdout.splitlines()]
    assert {row["Names"] for row in rows} == {"llm", "asr", "other"}
    assert all(row["State"] == "running" for row in rows)
    # Not running: only with -a.
    docker("stop", "-t", "0", "other")
    assert "other" not in docker("ps", "--format", "{{.Names}}").stdout.split()
    assert "other" in docker("ps", "-a", "--format", "{{.Names}}").stdout.split()
    table = docker("ps").stdout.splitlines()
    assert table[0].split() == [
        "CONTAINER",
        "ID",
        "IMAGE",
        "COMMAND",
        "CREATED",
        "STATUS",
        "PORTS",
        "NAMES",
    ]


def test_inspect_fields(docker: Docker) -> None:
    cid = docker(
        "run", "-d", "--name", "server", "-l", "panel.profile=tiny", "--label=panel.owner=me",
        "-e", "GIVEN=1", "-e", "FROM_CLIENT", "-e", "UNSET_IN_CLIENT", "--net=host", "--ipc=host",
        "-p", "127.0.0.1:8001:8000", "-v", "/models:/models:ro", "alpine", "sleep", "60",
        env={"FROM_CLIENT": "hello from the client"},
    ).stdout.strip()  # fmt: skip
    info = docker.inspect("server")
    assert info["Id"] == cid
    assert info["Name"] == "/server"
    assert info["Config"]["Labels"] == {"panel.profile": "tiny", "panel.owner": "me"}
    env = info["Config"]["Env"]
    assert "GIVEN=1" in env
    assert "FROM_CLIENT=hello from the client" in env
    assert not any(item.startswith("UNSET_IN_CLIENT") for item in env)
    assert info["Config"]["Cmd"] == ["sleep", "60"]
    assert info["Config"]["Image"] == "alpine"
    state = info["State"]
    assert (state["Status"], state["Running"]) == ("running", True)
    assert pids_alive([state["Pid"]]) == [state["Pid"]]
    host = info["HostConfig"]
    assert host["NetworkMode"] == "host"
    assert host["IpcMode"] == "host"
    assert host["Binds"] == ["/models:/models:ro"]
    assert host["PortBindings"] == {"8000/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8001"}]}
    assert (host["AutoRemove"], host["Runtime"]) == (False, "runc")
    # The container process really has the resolved environment.
    environ = Path(f"/proc/{state['Pid']}/environ").read_bytes().split(b"\0")
    assert b"FROM_CLIENT=hello from the client" in environ
    # --format templates.
    done = docker("inspect", "--format", "{{.State.Pid}} {{json .Config.Labels}}", "server")
    pid, labels = done.stdout.strip().split(" ", 1)
    assert int(pid) == state["Pid"]
    assert json.loads(labels) == {"panel.profile": "tiny", "panel.owner": "me"}
    done = docker("container", "inspect", "-f", '{{index .Config.Labels "panel.owner"}}', "server")
    assert done.stdout == "me\n"
    # Unknown: [] and an error.
    done = docker("inspect", "nope")
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "[]\n",
        "Error: No such object: nope\n",
    )
    done = docker("image", "inspect", "nope:1")
    assert (done.returncode, done.stdout) == (1, "[]\n")
    assert done.stderr == "Error response from daemon: No such image: nope:1\n"
    assert (
        docker("image", "inspect", "alpine", "--format", "{{.RepoTags}}").stdout
        == "[alpine:latest]\n"
    )


def test_logs_and_wait(docker: Docker) -> None:
    cid = docker(
        "run", "-d", "alpine", "sh", "-c", "echo one; echo two; echo oops >&2; exit 5"
    ).stdout.strip()
    done = docker("wait", cid)
    assert (done.returncode, done.stdout) == (0, "5\n")
    done = docker("logs", cid)
    assert (done.stdout, done.stderr) == ("one\ntwo\n", "oops\n")
    assert docker("logs", "--tail", "1", cid).stdout == "two\n"
    done = docker("logs", "nope")
    assert (done.returncode, done.stderr) == (
        1,
        "Error response from daemon: No such container: nope\n",
    )


def test_logs_follow_ends_when_the_container_exits(docker: Docker, tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    docker("run", "-d", "--name", "talker", "alpine", "sh", "-c",
           f"echo before; while [ ! -e {gate} ]; do sleep 0.05; done; echo after")  # fmt: skip
    follower = docker.popen("logs", "-f", "talker")
    out = Reader(follower.stdout)
    wait_until(lambda: out.has(b"before\n"), 10, "the first line")
    assert follower.poll() is None
    gate.touch()
    assert out.rest(follower) == b"before\nafter\n"
    assert follower.stderr is not None
    follower.stderr.close()
    assert follower.returncode == 0


# -- images and pulls --------------------------------------------------------------------------


def test_pull_without_a_terminal_prints_status_lines(docker: Docker) -> None:
    done = docker("pull", "nvcr.io/nvidia/vllm:25.09-py3")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "25.09-py3: Pulling from nvidia/vllm"
    layers = [line.split(":")[0] for line in lines if line.endswith(": Pulling fs layer")]
    assert len(layers) == 3
    assert all(re.fullmatch(r"[0-9a-f]{12}", layer) for layer in layers)
    for layer in layers:
        assert f"{layer}: Download complete" in lines
        assert f"{layer}: Pull complete" in lines
    assert re.fullmatch(r"Digest: sha256:[0-9a-f]{64}", lines[-3])
    assert lines[-2] == "Status: Downloaded newer image for nvcr.io/nvidia/vllm:25.09-py3"
    assert lines[-1] == "nvcr.io/nvidia/vllm:25.09-py3"
    assert "Downloading" not in done.stdout
    assert "\x1b" not in done.stdout
    assert "nvcr.io/nvidia/vllm:25.09-py3" in docker.daemon.images()
    again = docker("pull", "nvcr.io/nvidia/vllm:25.09-py3").stdout.splitlines()
    assert again[0] == "25.09-py3: Pulling from nvidia/vllm"
    assert again[-2:] == [
        "Status: Image is up to date for nvcr.io/nvidia/vllm:25.09-py3",
        "nvcr.io/nvidia/vllm:25.09-py3",
    ]
    short = docker("pull", "busybox").stdout.splitlines()
    assert short[:2] == ["Using default tag: latest", "latest: Pulling from library/busybox"]
    assert short[-2:] == [
        "Status: Downloaded newer image for busybox:latest",
        "docker.io/library/busybox:latest",
    ]


def test_pull_on_a_terminal_redraws_progress_bars(docker: Docker) -> None:
    master, slave = pty.openpty()
    # docker draws the bar only when the terminal is wider than 110 columns.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 132, 0, 0))
    try:
        proc = docker.popen("pull", "nvidia/cuda:12.4", stdout=slave, stderr=subprocess.PIPE)
        os.close(slave)
        slave = -1
        data = b""
        deadline = time.monotonic() + 30
        while select.select([master], [], [], max(deadline - time.monotonic(), 0))[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the client closed the terminal
                break
            if not chunk:
                break
            data += chunk
        finish(proc)
    finally:
        os.close(master)
        if slave >= 0:
            os.close(slave)
    assert proc.returncode == 0
    text = data.decode()
    assert "12.4: Pulling from nvidia/cuda" in text
    assert "Downloading [" in text
    assert re.search(r"\x1b\[2K\r[0-9a-f]{12}: Downloading \[=+>\s*\]\s+[\d.]+MB/120.4MB\r", text)
    assert re.search(r"Extracting \[=+>\s*\]\s+[\d.]+GB/2.5GB", text)
    assert re.search(r"\x1b\[\d+A", text) and re.search(r"\x1b\[\d+B", text)
    assert "Pull complete" in text
    assert text.rstrip().endswith("docker.io/nvidia/cuda:12.4")


def test_cancelled_pull_does_not_add_the_image(docker: Docker) -> None:
    proc = docker.popen("pull", "big/model:1", env={"FAKE_DOCKER_PULL_SECONDS": "20"})
    out = Reader(proc.stdout)
    wait_until(lambda: out.has(b"Pulling fs layer"), 10, "the pull to start")
    proc.send_signal(signal.SIGINT)
    finish(proc)
    assert proc.returncode == 130
    log = docker.daemon.state_dir / "daemon.log"
    wait_until(lambda: b"aborted: client went away" in log.read_bytes(), 10, "the daemon to abort")
    assert "docker.io/big/model:1" not in docker.daemon.images()
    assert docker("image", "inspect", "big/model:1").returncode == 1


def test_denied_pulls(docker: Docker) -> None:
    done = docker("pull", "someone/doesnotexist:1")
    assert done.returncode == 1
    assert done.stderr == (
        "Error response from daemon: pull access denied for someone/doesnotexist, repository does "
        "not exist or may require 'docker login': denied: requested access to the resource is "
        "denied\n"
    )
    done = docker("pull", "private/img", env={"FAKE_DOCKER_DENIED_IMAGES": "private/img"})
    assert done.returncode == 1
    assert "pull access denied for private/img" in done.stderr
    assert docker.daemon.images() == ["docker.io/library/alpine:latest"]


def test_run_pulls_a_missing_image_unless_told_not_to(docker: Docker) -> None:
    done = docker("run", "--pull=never", "--rm", "missing/img", "true")
    assert done.returncode == 125
    assert done.stderr == (
        "docker: Error response from daemon: No such image: missing/img:latest.\n"
        "See 'docker run --help'.\n"
    )
    done = docker("run", "--rm", "fresh/img:2", "sh", "-c", "echo ran")
    assert (done.returncode, done.stdout) == (0, "ran\n")
    assert done.stderr.startswith(
        "Unable to find image 'fresh/img:2' locally\n2: Pulling from fresh/img\n"
    )
    assert "Status: Downloaded newer image for fresh/img:2\n" in done.stderr
    assert "docker.io/fresh/img:2" in docker.daemon.images()
    done = docker("run", "--rm", "nope/doesnotexist", "true")
    assert done.returncode == 125
    assert done.stderr.endswith(
        "docker: Error response from daemon: pull access denied for nope/doesnotexist, repository "
        "does not exist or may require 'docker login': denied: requested access to the resource "
        "is denied.\nSee 'docker run --help'.\n"
    )


def test_image_entrypoint_and_entrypoint_override(docker: Docker) -> None:
    docker.daemon.add_image("nvidia/vllm:1", entrypoint=["sh", "-c", 'echo "entry $0"'])
    assert docker("run", "--rm", "nvidia/vllm:1", "arg").stdout == "entry arg\n"
    done = docker("run", "--rm", "--entrypoint", "echo", "nvidia/vllm:1", "plain")
    assert done.stdout == "plain\n"


# -- daemon, runtimes, errors ------------------------------------------------------------------


def test_daemon_down_and_permission_denied(docker: Docker, tmp_path: Path) -> None:
    nowhere = tmp_path / "nowhere"
    install(tmp_path / "down-bin", nowhere)
    down = Docker(docker.daemon, tmp_path / "down-bin")
    for args in (
        ("ps",),
        ("version", "--format", "{{.Server.Version}}"),
        ("run", "alpine", "true"),
    ):
        done = down(*args)
        assert (done.returncode, done.stderr) == (1, CANNOT_CONNECT + "\n")
    # A stale socket file (daemon died): connection refused, same message.
    nowhere.mkdir()
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(nowhere / "docker.sock"))
    done = down("ps")
    assert (done.returncode, done.stderr) == (1, CANNOT_CONNECT + "\n")
    done = docker("ps", env={"FAKE_DOCKER_DENY": "1"})
    assert (done.returncode, done.stderr) == (1, PERMISSION_DENIED + "\n")
    assert docker("version", "--format", "{{.Server.Version}}").stdout == "27.3.1\n"
    assert docker("ps").returncode == 0


def test_runtimes_without_and_with_nvidia(make_docker: Callable[..., Docker]) -> None:
    plain = make_docker()
    done = plain("info", "--format", "{{json .Runtimes}}")
    assert json.loads(done.stdout) == {
        "io.containerd.runc.v2": {"path": "runc"},
        "runc": {"path": "runc"},
    }
    done = plain("run", "--rm", "--runtime=nvidia", "alpine", "true")
    assert done.returncode == 125
    assert done.stderr == (
        "docker: Error response from daemon: unknown or invalid runtime name: nvidia.\n"
        "See 'docker run --help'.\n"
    )
    done = plain("run", "--rm", "--gpus", "all", "alpine", "true")
    assert done.returncode == 125
    assert done.stderr.startswith(
        'docker: Error response from daemon: could not select device driver "" with '
        "capabilities: [[gpu]].\n"
    )
    gpu = make_docker({"FAKE_DOCKER_RUNTIMES": "nvidia"}, name="g")
    runtimes = json.loads(gpu("info", "--format", "{{json .Runtimes}}").stdout)
    assert runtimes["nvidia"] == {"path": "nvidia-container-runtime"}
    done = gpu("run", "--name", "gpu", "--runtime", "nvidia", "--gpus=all", "alpine", "true")
    assert done.returncode == 0, done.stderr
    assert gpu.inspect("gpu")["HostConfig"]["Runtime"] == "nvidia"


def test_podman_wrapper_uses_the_same_daemon(docker: Docker) -> None:
    cid = docker("run", "-d", "alpine", "sleep", "60").stdout.strip()
    done = subprocess.run(
        ["podman", "ps", "-q", "--no-trunc"], env=docker.cli_env(), capture_output=True,
        text=True, check=False, timeout=30,
    )  # fmt: skip
    assert done.stdout == cid + "\n"


def test_daemon_stop_kills_every_container(docker: Docker) -> None:
    docker("run", "-d", "--name", "bg", "alpine", "sh", "-c", 'trap "" TERM; sleep 60')
    client = docker.popen("run", "--name", "fg", "alpine", "sleep", "60")
    wait_until(lambda: container_running(docker, "fg"), 10, "the attached container")
    pids = [r["pid"] for r in docker.daemon.running_containers()]
    assert len(pids_alive(pids)) == 2
    daemon_proc = docker.daemon.proc
    assert daemon_proc is not None
    # The daemon itself, on SIGTERM, SIGKILLs and reaps its containers.
    daemon_proc.send_signal(signal.SIGTERM)
    assert daemon_proc.wait(10) == 0
    assert pids_alive(pids) == []
    docker.daemon.stop()  # nothing left to do, but must not fail
    finish(client)
    assert client.returncode != 0  # its container was killed, or its daemon vanished
    assert not docker.daemon.socket_path.exists()
    done = docker("ps")
    assert (done.returncode, done.stderr) == (1, CANNOT_CONNECT + "\n")
