"""Container profiles against a real Docker engine: the real llama-server in real images.

scripts/test.sh installs Debian's docker.io, starts dockerd when no daemon answers, and
exports PANEL_REAL_DOCKER=1. The images are built offline ``FROM scratch`` with the test
llama-server and the libraries it links, once per engine build (tagged by a hash of
their content). The container gets no GPU and the host's network, as the seed's profiles
do (``--net=host``). tests/test_container_servers.py keeps the stand-in for what no real
engine shows here; docs/containers.md says which test uses which.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest

from panel.core.config.profiles import ContainerSpec, GpuAccess, Network, ServerProfile
from panel.core.servers import containers
from panel.core.servers.preflight import PreflightError
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import (
    EngineKit,
    llama_profile,
    pids_alive,
    supervising_process,
    wait_until,
)

pytestmark = [pytest.mark.engines, pytest.mark.real_docker]

NO_DAEMON = (
    "These tests need a real Docker engine. Run them through scripts/test.sh, which "
    "installs docker.io and starts dockerd when none answers; or start one yourself "
    "(../shared/PLATFORM.md has the recipe) and set PANEL_REAL_DOCKER=1."
)
REPO = "inference-panel-test/llama"


@dataclass(frozen=True)
class RealDocker:
    exe: str

    def run(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        # The legacy builder: Debian's docker.io has no buildx, and FROM scratch needs none.
        env = {**os.environ, "DOCKER_BUILDKIT": "0"}
        return subprocess.run(
            [self.exe, *args], capture_output=True, text=True, timeout=timeout, env=env
        )

    def exists(self, name: str) -> bool:
        """Whether ``docker ps -a`` still lists the container (running or not)."""
        found = self.run("ps", "-a", "-q", "--filter", f"name=^/?{name}$")
        assert found.returncode == 0, found.stderr
        return bool(found.stdout.strip())

    def ours(self) -> list[str]:
        found = self.run("ps", "-a", "-q", "--filter", f"label={containers.LABEL_MANAGED}=true")
        return found.stdout.split()


@dataclass(frozen=True)
class Images:
    plain: str  # no ENTRYPOINT: the profile names /llama-server
    own_entrypoint: str  # ENTRYPOINT ["/llama-server"], as llama.cpp's server images


@pytest.fixture(scope="session")
def real_docker() -> RealDocker:
    if not os.environ.get("PANEL_REAL_DOCKER"):
        pytest.fail(NO_DAEMON, pytrace=False)
    exe = shutil.which("docker")
    if exe is None:
        pytest.fail("PANEL_REAL_DOCKER is set but no `docker` is on PATH. " + NO_DAEMON)
    docker = RealDocker(exe)
    info = docker.run("info", "--format", "{{.ServerVersion}}")
    if info.returncode != 0:
        pytest.fail(f"PANEL_REAL_DOCKER is set but `docker info` fails: {info.stderr}")
    return docker


def image_context(engines: EngineKit, into: Path) -> str:
    """The test llama-server, the libraries ``ldd`` lists and the loader, laid out as on
    the host; returns a hash of it all, which tags the image."""
    binary = Path(engines.llama_server)
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


@pytest.fixture(scope="session")
def images(
    real_docker: RealDocker, engines: EngineKit, tmp_path_factory: pytest.TempPathFactory
) -> Images:
    context = tmp_path_factory.mktemp("image")
    tag = image_context(engines, context)
    found = Images(f"{REPO}:{tag}", f"{REPO}:{tag}-entrypoint")
    dockerfiles = {
        found.plain: "FROM scratch\nCOPY . /\n",
        found.own_entrypoint: f'FROM {found.plain}\nENTRYPOINT ["/llama-server"]\n',
    }
    started = time.monotonic()
    for image, dockerfile in dockerfiles.items():
        if real_docker.run("image", "inspect", image).returncode == 0:
            continue  # built by an earlier session from the same files
        (context / "Dockerfile").write_text(dockerfile)
        built = real_docker.run("build", "-q", "-t", image, str(context), timeout=300)
        assert built.returncode == 0, built.stderr
    print(f"\n[real docker] images ready in {time.monotonic() - started:.2f} s")
    return found


@pytest.fixture(autouse=True)
def no_container_left(real_docker: RealDocker) -> Iterator[None]:
    """A failed test must not leave a container to confuse the next one."""
    yield
    left = real_docker.ours()
    if left:
        real_docker.run("rm", "-f", *left)


def boxed_llama(
    engines: EngineKit, image: str, entrypoint: str = "/llama-server", **kw: object
) -> ServerProfile:
    models = str(Path(engines.model("tiny-llama.gguf")).parent)
    spec = ContainerSpec(
        image=image,
        entrypoint=entrypoint,
        gpus=GpuAccess.NONE,
        network=Network.HOST,
        ipc_host=False,
        mounts=[f"{models}:{models}:ro"],
    )
    base: dict[str, object] = {"name": "tiny llama (real docker)", "container": spec}
    base.update(kw)
    return llama_profile(engines, **base)


def start_ready(server: ServerProcess) -> float:
    started = time.monotonic()
    server.start()
    if not server.wait_ready(60):
        pytest.fail(f"not ready: {server.log.texts(40)}")
    return time.monotonic() - started


def chat(profile: ServerProfile) -> str:
    reply = httpx.post(
        profile.base_url + "/v1/chat/completions",
        json={"messages": [{"role": "user", "content": "Hi"}], "max_tokens": 4},
        timeout=60,
    )
    assert reply.status_code == 200, reply.text
    return str(reply.json()["choices"][0]["message"]["content"])


def gone_after(docker: RealDocker, name: str, timeout: float) -> float:
    started = time.monotonic()
    wait_until(lambda: not docker.exists(name), timeout=timeout, what=f"{name} gone")
    return time.monotonic() - started


def test_a_container_runs_answers_and_is_gone_after_stop(
    real_docker: RealDocker, images: Images, engines: EngineKit
) -> None:
    profile = boxed_llama(engines, images.plain)
    server = ServerProcess(profile)
    ready_in = start_ready(server)
    name = server.container_name
    try:
        assert real_docker.exists(name)
        assert isinstance(chat(profile), str)
        inspected = real_docker.run("inspect", "--format", "{{.Id}} {{.State.Pid}}", name)
        container_id, pid = inspected.stdout.split()
        # The real shim's child, found through the real daemon: GPU attribution uses it.
        assert server.container_id == container_id
        assert server.gpu_root == int(pid)
        assert int(pid) in server.server_pids()
        labels = real_docker.run("inspect", "--format", "{{json .Config.Labels}}", name)
        assert f'"{containers.LABEL_PROFILE}":"tiny llama (real docker)"' in labels.stdout
    finally:
        stopped = time.monotonic()
        outcome = server.stop_and_wait(30)
    assert outcome is not None and outcome.requested and outcome.reason == "stopped"
    gone = gone_after(real_docker, name, 10) + (time.monotonic() - stopped)
    assert not pids_alive([int(pid)])
    print(f"\n[real docker] READY in {ready_in:.2f} s; gone {gone:.2f} s after Stop")


def test_a_sigkilled_panel_leaves_no_container(
    real_docker: RealDocker, images: Images, engines: EngineKit
) -> None:
    profile = boxed_llama(engines, images.plain, stop_grace=2.0)
    with supervising_process(profile) as (driver, name):
        pid = real_docker.run("inspect", "--format", "{{.State.Pid}}", name).stdout.strip()
        assert int(pid) > 0
        killed_at = time.monotonic()
        os.kill(driver.pid, signal.SIGKILL)
        driver.wait(10)
        # The guard's `docker stop -t 2`, then --rm: gone within the grace and a margin.
        wait_until(lambda: not real_docker.exists(name), timeout=15, what="container gone")
        print(f"\n[real docker] gone {time.monotonic() - killed_at:.2f} s after SIGKILL")
        assert not pids_alive([int(pid)])


def test_the_images_own_entrypoint_is_honoured(
    real_docker: RealDocker, images: Images, engines: EngineKit
) -> None:
    # The bug, as the daemon shows it: the engine's name given again as an argument.
    naive = real_docker.run("run", "--rm", images.own_entrypoint, "llama-server", "--version")
    assert naive.returncode != 0
    assert "invalid argument: llama-server" in naive.stdout + naive.stderr

    profile = boxed_llama(engines, images.own_entrypoint, entrypoint="")
    server = ServerProcess(profile)
    start_ready(server)
    try:
        assert isinstance(chat(profile), str)
        argv = list(server.launch_plan().argv)
        assert "--entrypoint" not in argv
        assert argv[argv.index(images.own_entrypoint) + 1] == "-m"
        assert "the image's entrypoint: /llama-server" in server.log.texts(400)
    finally:
        server.stop_and_wait(30)


def test_no_nvidia_runtime_gets_the_daemons_error_explained(
    real_docker: RealDocker, images: Images, engines: EngineKit
) -> None:
    profile = boxed_llama(engines, images.plain)
    assert profile.container is not None
    profile.container.gpus = GpuAccess.RUNTIME  # the seed's --runtime=nvidia
    server = ServerProcess(profile)
    # Start asks the real daemon which runtimes it has, before any docker run.
    with pytest.raises(PreflightError) as err:
        server.start()
    [problem] = err.value.problems
    assert problem.code == "no-nvidia-runtime"
    assert "nvidia-ctk runtime configure" in problem.hint
    # What the daemon itself says to the same docker run line, and the panel's reading.
    argv = server.launch_plan().argv
    ran = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False)
    assert ran.returncode == 125, ran.stderr
    # Debian's docker.io 20.10: "Unknown runtime specified nvidia"; Docker 23+: "unknown
    # or invalid runtime name: nvidia". Both must read as the missing toolkit.
    assert "runtime" in ran.stderr and "nvidia" in ran.stderr
    found = containers.diagnose(ran.stderr)
    assert found is not None and found.code == "no-nvidia-runtime"
    assert found.message == "Docker has no NVIDIA runtime (--runtime=nvidia)"
    assert not real_docker.exists(argv[argv.index("--name") + 1])


def test_killing_the_docker_run_client_leaves_no_container(
    real_docker: RealDocker, images: Images, engines: EngineKit
) -> None:
    server = ServerProcess(boxed_llama(engines, images.plain))
    start_ready(server)
    name = server.container_name
    pid = server.gpu_root
    client = next(p for p in server.server_pids() if p != pid and p not in _container_tree(pid))
    os.kill(client, signal.SIGKILL)  # what a naive "stop" would do: the container stays
    outcome = server.wait(30)
    assert outcome is not None and outcome.crashed
    # The guard saw its client die and ran `docker stop` itself.
    gone_after(real_docker, name, 15)
    assert pid is not None and not pids_alive([pid])


def test_kill_removes_the_container_at_once(
    real_docker: RealDocker, images: Images, engines: EngineKit
) -> None:
    server = ServerProcess(boxed_llama(engines, images.plain, stop_grace=30.0))
    start_ready(server)
    name = server.container_name
    killed_at = time.monotonic()
    server.kill()
    assert server.wait(15) is not None
    gone_after(real_docker, name, 10)
    assert time.monotonic() - killed_at < 10, "Kill must not wait for the 30 s grace"


def _container_tree(pid: int | None) -> set[int]:
    if not pid:
        return set()
    return {pid, *(child.pid for child in psutil.Process(pid).children(recursive=True))}
