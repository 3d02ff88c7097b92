"""The container layer without a runtime: the run line, mounts, errors, cgroups, config."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from panel.core.config.defaults import default_profiles
from panel.core.config.profiles import ContainerSpec, Engine, GpuAccess, Network, ServerProfile
from panel.core.config.store import Config, ConfigError, dump_config, parse_config
from panel.core.doctor import cdi_line
from panel.core.engines import LaunchPlan, adapter_for
from panel.core.gpu.attribution import gpu_usage_by_process_tree
from panel.core.gpu.nvml import (
    GpuProcess,
    GpuSample,
    GpuSnapshot,
    GpuStatus,
)
from panel.core.servers import containers
from panel.core.servers.containers.cdi import nvidia_cdi_specs
from panel.core.servers.launch import image_entrypoint, make_plan
from panel.core.servers.preflight import preflight

HEX = "0123456789abcdef" * 4


def seed_vision() -> ServerProfile:
    [profile] = [p for p in default_profiles() if p.name.startswith("Qwen2.5-VL")]
    return profile


def plan_for(profile: ServerProfile) -> LaunchPlan:
    return containers.container_plan(
        profile, adapter_for(profile.engine), "docker", name="inference-panel-x-000000"
    )


def test_seed_vllm_profile_runs_like_the_seeds_docker_command() -> None:
    profile = seed_vision()
    assert profile.container is not None, "the seed runs vLLM in NVIDIA's container"
    argv = plan_for(profile).argv
    home = Path.home()
    # Every option of the seed's `docker run`, in our non-interactive form.
    for word in (
        "--runtime=nvidia",
        "--ipc=host",
        "--net=host",
        "/models:/models",
        f"{home}/.cache/huggingface:/root/.cache/huggingface",
        f"{home}/.cache/modelscope:/root/.cache/modelscope",
    ):
        assert word in argv
    assert argv[:6] == [
        "docker",
        "run",
        "--rm",
        "--name",
        "inference-panel-x-000000",
        "--pull=never",
    ]
    assert "-it" not in argv and "bash" not in argv
    image_at = argv.index("nvcr.io/nvidia/vllm:25.09-py3")
    assert argv[image_at + 1 :] == [
        "vllm",
        "serve",
        "Qwen/Qwen2.5-VL-7B-Instruct-AWQ",
        "--host",
        "127.0.0.1",
        "--port",
        "8002",
        *profile.args,
    ]
    labels = [argv[i + 1] for i, word in enumerate(argv) if word == "--label"]
    assert f"{containers.LABEL_MANAGED}=true" in labels
    assert f"{containers.LABEL_PROFILE}={profile.name}" in labels
    assert f"{containers.LABEL_PORT}=8002" in labels
    # vLLM inside must not buffer its log through the pipe.
    assert argv[argv.index("PYTHONUNBUFFERED=1") - 1] == "-e"


def test_the_api_key_goes_by_environment_never_in_the_command_line() -> None:
    profile = seed_vision().copy(api_key_ref="env:MY_KEY")
    plan = plan_for(profile)
    line = plan.command_line()
    assert "-e VLLM_API_KEY " in line  # docker copies the value from its own environment
    # The plan names the key; the supervisor reads it at start into the client's env.
    assert plan.env == {}
    assert (plan.api_key_env, plan.api_key_ref) == ("VLLM_API_KEY", "env:MY_KEY")
    assert plan.secret_env == frozenset({"VLLM_API_KEY"})
    assert plan.shell_line() == 'VLLM_API_KEY="$MY_KEY" ' + line


def test_stop_and_kill_commands_name_the_container() -> None:
    plan = plan_for(seed_vision().copy(stop_grace=7))
    assert plan.container == "inference-panel-x-000000"
    assert plan.stop_command == ("docker", "stop", "-t", "7", "inference-panel-x-000000")
    assert plan.kill_command == ("docker", "kill", "inference-panel-x-000000")
    assert plan.health_url == "http://127.0.0.1:8002/health"


def test_published_port_binds_all_addresses_inside_and_only_loopback_outside() -> None:
    profile = seed_vision()
    assert profile.container is not None
    profile.container.network = Network.PUBLISH
    argv = plan_for(profile).argv
    assert "--net=host" not in argv
    assert argv[argv.index("-p") + 1] == "127.0.0.1:8002:8002"
    assert argv[argv.index("--host") + 1] == "0.0.0.0"


def test_gpu_access_options() -> None:
    spec = ContainerSpec()
    assert containers.gpu_options(spec) == ["--runtime=nvidia"]
    spec.gpus = GpuAccess.ALL
    assert containers.gpu_options(spec) == ["--gpus", "all"]
    spec.gpus, spec.gpu_devices = GpuAccess.DEVICES, "0, 1"
    # docker splits --gpus on commas unless the device list is quoted inside the value.
    assert containers.gpu_options(spec) == ["--gpus", '"device=0,1"']
    assert shlex.split(shlex.join(["--gpus", '"device=0,1"'])) == ["--gpus", '"device=0,1"']
    spec.gpus = GpuAccess.NONE
    assert containers.gpu_options(spec) == []


def test_llama_cpp_image_entrypoint_is_the_server_and_paths_are_mapped(tmp_path: Path) -> None:
    models = tmp_path / "models"
    (models / "sub").mkdir(parents=True)
    model = models / "sub" / "q.gguf"
    projector = models / "sub" / "mmproj.gguf"
    profile = ServerProfile(
        name="Qwen3 (docker)",
        engine=Engine.LLAMA_CPP,
        model=str(model),
        port=8000,
        args=["--mmproj", str(projector), "--ctx-size", "4096"],
        container=ContainerSpec(mounts=[f"{models}:/models:ro"]),
    )
    argv = plan_for(profile).argv
    image_at = argv.index("ghcr.io/ggml-org/llama.cpp:server-cuda")
    assert argv[image_at - 2 : image_at] == ["--entrypoint", "/app/llama-server"]
    inner = argv[image_at + 1 :]
    assert inner[:2] == ["-m", "/models/sub/q.gguf"]  # no binary: the entrypoint is it
    assert inner[inner.index("--mmproj") + 1] == "/models/sub/mmproj.gguf"
    assert f"{models}:/models:ro" in argv


def test_own_image_keeps_its_entrypoint_unless_one_is_given() -> None:
    profile = ServerProfile(
        name="l",
        engine=Engine.LLAMA_CPP,
        model="/models/m.gguf",
        container=ContainerSpec(image="mine:1"),
    )
    argv = plan_for(profile).argv
    assert "--entrypoint" not in argv
    assert argv[argv.index("mine:1") + 1] == "llama-server"
    assert profile.container is not None
    profile.container.entrypoint = "/opt/bin/llama-server"
    argv = plan_for(profile).argv
    assert argv[argv.index("mine:1") - 1] == "/opt/bin/llama-server"
    assert argv[argv.index("mine:1") + 1] == "-m"


def test_container_path_picks_the_most_specific_mount() -> None:
    mounts = [containers.parse_mount(m) for m in ("/data:/d", "/data/models:/models")]
    assert containers.container_path("/data/models/a.gguf", mounts) == "/models/a.gguf"
    assert containers.container_path("/data/x/a.gguf", mounts) == "/d/x/a.gguf"
    assert containers.container_path("/data", mounts) == "/d"
    assert containers.container_path("/elsewhere/a.gguf", mounts) is None


@pytest.mark.parametrize("text", ["models", "/a", "/a:relative", "relative:/b", "/a:/b:ro:x"])
def test_malformed_mounts_are_refused_with_the_form(text: str) -> None:
    with pytest.raises(ValueError, match=r"HOST_PATH:CONTAINER_PATH|absolute"):
        containers.parse_mount(text)


@pytest.mark.parametrize(
    ("profile_name", "prefix"), [("视觉 tiny vision", "tiny-vision"), ("解释图像", "server")]
)
def test_cjk_profile_names_give_valid_docker_names(profile_name: str, prefix: str) -> None:
    name = containers.new_container_name(profile_name)
    # docker: [a-zA-Z0-9][a-zA-Z0-9_.-]+
    assert re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+", name)
    assert name.startswith(f"inference-panel-{prefix}-")


def test_container_names_are_unique_and_readable() -> None:
    names = {containers.new_container_name("Qwen2.5-VL-7B AWQ (vLLM)") for _ in range(50)}
    assert len(names) == 50
    for name in names:
        assert name.startswith("inference-panel-qwen2-5-vl-7b-awq-vllm-")


# -- the runtime's errors, in the user's words ----------------------------------------------

REAL_ERRORS = {
    "daemon-down": "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
    "Is the docker daemon running?",
    "socket-permission": "permission denied while trying to connect to the Docker daemon socket "
    'at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/version": '
    "dial unix /var/run/docker.sock: connect: permission denied",
    "no-nvidia-runtime": "docker: Error response from daemon: unknown or invalid runtime name: nvidia.",
    "name-clash": 'docker: Error response from daemon: Conflict. The container name "/vllm" is '
    f'already in use by container "{HEX}". You have to remove (or rename) that container to be '
    "able to reuse that name.",
    "image-missing": "docker: Error response from daemon: No such image: nvcr.io/nvidia/vllm:25.09-py3.",
    "pull-denied": "Error response from daemon: pull access denied for nope, repository does not "
    "exist or may require 'docker login': denied: requested access to the resource is denied",
    "no-command": "docker: Error response from daemon: failed to create task for container: "
    "failed to create shim task: OCI runtime create failed: runc create failed: unable to start "
    'container process: exec: "vllm": executable file not found in $PATH: unknown.',
}


@pytest.mark.parametrize("code", sorted(REAL_ERRORS))
def test_runtime_errors_get_a_message_and_a_fix(code: str) -> None:
    found = containers.diagnose(REAL_ERRORS[code])
    assert found is not None and found.code == code
    assert found.hint, "every diagnosis says how to fix it"


def test_gpu_driver_error_points_at_the_toolkit() -> None:
    found = containers.diagnose(
        'docker: Error response from daemon: could not select device driver "" with '
        "capabilities: [[gpu]]."
    )
    assert found is not None and "NVIDIA Container Toolkit" in found.hint


def test_exit_125_is_explained_from_the_runtime_error() -> None:
    reason = containers.explain_exit(125, [REAL_ERRORS["name-clash"], "See 'docker run --help'."])
    assert reason is not None and reason.startswith("A container with this name already exists")
    assert containers.explain_exit(127, [REAL_ERRORS["no-command"]]) == (
        "The image has no program 'vllm': Set the container's entrypoint, or the profile's "
        "executable, to the server program inside the image"
    )
    assert containers.explain_exit(1, ["Traceback"]) is None  # the engine's own failure


class FakeRunner:
    """Stands in for subprocess.run: answers per subcommand."""

    def __init__(self, answers: dict[str, tuple[int, str, str]]) -> None:
        self.answers = answers
        self.calls: list[list[str]] = []

    def __call__(self, argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        self.calls.append(argv)
        code, out, err = self.answers.get(argv[1], (0, "", ""))
        return subprocess.CompletedProcess(argv, code, out, err)


def test_check_raises_with_the_fix_when_the_daemon_is_down() -> None:
    runtime = containers.ContainerRuntime(
        "/usr/bin/docker", FakeRunner({"version": (1, "", REAL_ERRORS["daemon-down"] + "\n")})
    )
    with pytest.raises(containers.ContainerRuntimeError) as err:
        runtime.check()
    assert err.value.code == "daemon-down"
    assert "systemctl start docker" in err.value.hint


def test_list_managed_reads_inspect_of_labelled_running_containers() -> None:
    inspected = [
        {
            "Id": HEX,
            "Name": "/inference-panel-qwen-1a2b3c",
            "State": {"Running": True, "Pid": 4321},
            "Config": {
                "Image": "nvcr.io/nvidia/vllm:25.09-py3",
                "Labels": {
                    containers.LABEL_MANAGED: "true",
                    containers.LABEL_PROFILE: "Qwen",
                    containers.LABEL_PORT: "8002",
                    containers.LABEL_PANEL_PID: "777",
                },
            },
        }
    ]
    runner = FakeRunner({"ps": (0, HEX + "\n", ""), "inspect": (0, json.dumps(inspected), "")})
    [info] = containers.ContainerRuntime("docker", runner).list_managed()
    assert runner.calls[0] == [
        "docker",
        "ps",
        "-q",
        "--no-trunc",
        "--filter",
        f"label={containers.LABEL_MANAGED}=true",
    ]
    assert (info.name, info.profile_name, info.port, info.panel_pid, info.pid) == (
        "inference-panel-qwen-1a2b3c",
        "Qwen",
        8002,
        777,
        4321,
    )


# -- GPU memory of container processes ---------------------------------------------------------

CGROUPS = {
    "docker, cgroup v2 + systemd": f"0::/system.slice/docker-{HEX}.scope\n",
    "docker, cgroupfs driver": f"0::/docker/{HEX}\n",
    "docker, cgroup v1": f"12:memory:/docker/{HEX}\n11:cpu,cpuacct:/docker/{HEX}\n",
    "podman rootless": "0::/user.slice/user-1000.slice/user@1000.service/user.slice/"
    f"libpod-{HEX}.scope/container\n",
}


@pytest.mark.parametrize("case", sorted(CGROUPS))
def test_a_pid_is_mapped_to_its_container_by_cgroup(case: str) -> None:
    assert containers.container_id_in_cgroup(CGROUPS[case]) == HEX


def test_host_processes_are_in_no_container() -> None:
    assert (
        containers.container_id_in_cgroup("0::/user.slice/user-1000.slice/session-2.scope\n")
        is None
    )
    assert containers.container_id_of(os.getpid()) is None  # this test runs on the host


def test_gpu_memory_counts_container_processes_outside_the_tree() -> None:
    # 500: vLLM under the container's first process (100); 900: a `docker exec` child of
    # the shim, in the container's cgroup but not in the tree; 300: someone else's.
    processes = (GpuProcess(500, 2 << 30), GpuProcess(900, 1 << 30), GpuProcess(300, 4 << 30))
    sample = GpuSample(0, "GPU 0", "GPU-0", 7 << 30, 80 << 30, 0.0, processes)
    gpu = GpuSnapshot(0.0, (sample,), GpuStatus(True, ""))
    usage = gpu_usage_by_process_tree(
        gpu,
        {"vllm": 100},
        lambda pid: {100: [500]}.get(pid, []),
        containers={"vllm": HEX},
        container_of=lambda pid: HEX if pid in (500, 900) else None,
    )
    assert usage["vllm"].total == 3 << 30
    assert usage["vllm"].pids == frozenset({500, 900})


# -- config -----------------------------------------------------------------------------------


def test_container_profiles_round_trip_through_the_config_file() -> None:
    spec = ContainerSpec(
        runtime="podman",
        image="ghcr.io/x/y:1",
        gpus=GpuAccess.DEVICES,
        gpu_devices="1",
        ipc_host=False,
        network=Network.PUBLISH,
        mounts=["/srv/models:/models:ro"],
        entrypoint="/bin/server",
        extra_args=["--shm-size", "8g"],
    )
    profiles = [seed_vision(), ServerProfile(name="x", engine=Engine.LLAMA_CPP, container=spec)]
    text = dump_config(Config(profiles=profiles))
    assert "[profiles.container]" in text
    assert parse_config(text, Path("config.toml")).profiles == profiles


def test_a_bad_container_value_names_its_line() -> None:
    text = '[[profiles]]\nname = "v"\nengine = "vllm"\n\n[profiles.container]\ngpus = "some"\n'
    with pytest.raises(ConfigError) as err:
        parse_config(text, Path("config.toml"))
    assert err.value.line == 6
    assert "gpus must be one of runtime, all, devices, none" in str(err.value)


# -- preflight --------------------------------------------------------------------------------


def test_no_runtime_says_so_and_how_to_get_one(tmp_path: Path) -> None:
    problems = preflight(seed_vision(), check_port=False, environ={"PATH": str(tmp_path)})
    assert problems[0].code == "missing-runtime"
    assert problems[0].message == "Neither docker nor podman was found on PATH"
    assert "NVIDIA Container Toolkit" in problems[0].hint


def test_a_local_model_outside_the_mounts_is_a_problem(tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF")
    profile = ServerProfile(
        name="l", engine=Engine.LLAMA_CPP, model=str(model), container=ContainerSpec(mounts=[])
    )
    problems = preflight(profile, check_port=False, probe_runtime=False)
    codes = [p.code for p in problems]
    assert "model-not-mounted" in codes
    [problem] = [p for p in problems if p.code == "model-not-mounted"]
    assert f"{tmp_path}:{tmp_path}" in problem.hint


def test_a_missing_mount_source_outside_home_is_a_problem() -> None:
    profile = seed_vision()
    assert profile.container is not None
    profile.container.mounts = ["/nonexistent-models-dir:/models"]
    problems = preflight(profile, check_port=False, probe_runtime=False)
    assert any(
        p.code == "mount" and "/nonexistent-models-dir does not exist" in p.message
        for p in problems
    )


@pytest.mark.skipif(shutil.which("docker") is None, reason="no docker client on PATH")
def test_the_real_docker_client_without_a_daemon_is_diagnosed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The client is installed on our CI machines, the engine is not: this is the message a
    # user with a stopped daemon gets, from the real CLI.
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/docker.sock")
    docker = shutil.which("docker")
    assert docker is not None
    with pytest.raises(containers.ContainerRuntimeError) as err:
        containers.ContainerRuntime(docker).check()
    assert err.value.code == "daemon-down"
    assert "sudo systemctl start docker" in err.value.hint


# -- the image's own ENTRYPOINT (issue 13): decided at start, without a daemon here ------


def own_image_llama() -> ServerProfile:
    return ServerProfile(
        name="l",
        engine=Engine.LLAMA_CPP,
        model="/models/m.gguf",
        container=ContainerSpec(image="ghcr.io/ggml-org/llama.cpp:server"),
    )


@pytest.mark.parametrize(
    ("entrypoint", "runs_engine"),
    [
        (["/app/llama-server"], True),  # llama.cpp's official server images
        (["llama-server"], True),
        (["/usr/bin/tini", "--", "/app/llama-server"], True),  # an init in front
        (["/bin/sh", "-c"], False),
        (["/app/llama-server-wrapper.sh"], False),
        ([], False),  # no ENTRYPOINT: the command is the whole argv
    ],
)
def test_an_image_entrypoint_that_is_the_engine_is_recognised_by_its_basename(
    entrypoint: list[str], runs_engine: bool
) -> None:
    assert containers.image_runs_engine(entrypoint, "llama-server") is runs_engine
    assert containers.image_runs_engine(entrypoint, "/opt/bin/llama-server") is runs_engine


def argv_with_image_entrypoint(profile: ServerProfile, entrypoint: str) -> list[str]:
    """The `docker run` words for ``profile`` when its image's ENTRYPOINT is ``entrypoint``."""
    plan = containers.container_plan(
        profile,
        adapter_for(profile.engine),
        "docker",
        name="inference-panel-x-000000",
        image_entrypoint=[entrypoint],
    )
    return list(plan.argv)


def test_the_command_leaves_the_engines_name_out_when_the_images_entrypoint_is_the_engine() -> None:
    profile = own_image_llama()
    image = "ghcr.io/ggml-org/llama.cpp:server"
    argv = argv_with_image_entrypoint(profile, "/app/llama-server")
    assert "--entrypoint" not in argv
    assert argv[argv.index(image) + 1 :][:2] == ["-m", "/models/m.gguf"]
    # Any other entrypoint (a script that execs its command) still gets the whole argv.
    argv = argv_with_image_entrypoint(profile, "/opt/nvidia/nvidia_entrypoint.sh")
    assert argv[argv.index(image) + 1] == "llama-server"


def test_a_profile_entrypoint_wins_over_the_images() -> None:
    profile = own_image_llama()
    assert profile.container is not None
    profile.container.entrypoint = "/opt/bin/llama-server"
    argv = argv_with_image_entrypoint(profile, "/app/llama-server")
    image = "ghcr.io/ggml-org/llama.cpp:server"
    assert argv[argv.index(image) - 2 : argv.index(image)] == [
        "--entrypoint",
        "/opt/bin/llama-server",
    ]
    assert argv[argv.index(image) + 1] == "-m"  # dropped once, not twice


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"Entrypoint": ["/app/llama-server"], "Cmd": None}, ["/app/llama-server"]),
        ({"Entrypoint": None, "Cmd": ["llama-server"]}, []),
        ({"Entrypoint": "/app/llama-server"}, ["/app/llama-server"]),
        ({}, []),
    ],
)
def test_image_entrypoint_reads_image_inspect(
    config: dict[str, object], expected: list[str]
) -> None:
    runner = FakeRunner({"image": (0, json.dumps([{"Id": HEX, "Config": config}]), "")})
    runtime = containers.ContainerRuntime("/usr/bin/podman", runner)
    assert runtime.image_entrypoint("mine:1") == expected
    assert runner.calls == [["/usr/bin/podman", "image", "inspect", "mine:1"]]


def test_image_entrypoint_of_a_missing_image_raises_the_runtimes_error() -> None:
    stderr = "Error: No such image: mine:1\n"
    runtime = containers.ContainerRuntime("docker", FakeRunner({"image": (1, "[]", stderr)}))
    with pytest.raises(containers.ContainerRuntimeError):
        runtime.image_entrypoint("mine:1")


def test_planning_never_asks_the_daemon_for_the_images_entrypoint(tmp_path: Path) -> None:
    """A preview of an own-image profile runs no runtime command: only start does."""
    calls = tmp_path / "calls"
    docker = tmp_path / "docker"
    docker.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexit 1\n')
    docker.chmod(0o755)
    profile = own_image_llama()
    environ = {"PATH": str(tmp_path)}
    plan = make_plan(profile, adapter_for(profile.engine), None, environ)
    assert plan.argv[plan.argv.index("ghcr.io/ggml-org/llama.cpp:server") + 1] == "llama-server"
    assert not calls.exists()
    found, note = image_entrypoint(profile, environ)
    assert found == []
    assert note.startswith("cannot read the image's entrypoint")
    assert calls.read_text().split() == ["image", "inspect", "ghcr.io/ggml-org/llama.cpp:server"]


def test_docker_20_10s_words_for_a_missing_nvidia_runtime_are_understood() -> None:
    # Debian 12's docker.io, as the real-daemon tests met it.
    found = containers.diagnose(
        "docker: Error response from daemon: Unknown runtime specified nvidia\n"
    )
    assert found is not None and found.code == "no-nvidia-runtime"


# -- the NVIDIA CDI spec `doctor` looks for ----------------------------------------------------
NVIDIA_YAML = """cdiVersion: 0.5.0
kind: nvidia.com/gpu
devices:
- name: all
"""


def test_nvidia_cdi_specs_are_found_by_their_kind(tmp_path: Path) -> None:
    etc, run = tmp_path / "etc-cdi", tmp_path / "run-cdi"
    etc.mkdir()
    run.mkdir()
    (etc / "nvidia.yaml").write_text(NVIDIA_YAML)
    (etc / "other.yaml").write_text("cdiVersion: 0.5.0\nkind: vendor.example/fpga\n")
    (etc / "notes.txt").write_text(NVIDIA_YAML)  # not a spec by its name
    (run / "nvidia.json").write_text('{"cdiVersion": "0.6.0", "kind": "nvidia.com/gpu"}')
    folders = [etc, run, tmp_path / "missing"]
    assert nvidia_cdi_specs(folders) == [etc / "nvidia.yaml", run / "nvidia.json"]
    assert cdi_line(folders) == (
        "NVIDIA CDI spec (--device nvidia.com/gpu=all): "
        f"{etc / 'nvidia.yaml'}, {run / 'nvidia.json'}"
    )
    line = cdi_line([tmp_path / "missing"])
    assert line.startswith(f"NVIDIA CDI spec: none in {tmp_path / 'missing'} (")
    assert "sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml" in line
