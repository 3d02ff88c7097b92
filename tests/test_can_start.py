"""Which profiles can start here, and which one a window opens on (no Qt)."""

from __future__ import annotations

import sys
from pathlib import Path

from panel.core.config.profiles import ContainerSpec, Engine, ServerProfile
from panel.core.servers.can_start import check_all, first_choice, headline, start_blockers
from panel.core.servers.preflight import Problem


def runnable(name: str, tmp_path: Path, **fields: object) -> ServerProfile:
    model = tmp_path / f"{len(name)}.gguf"
    model.write_bytes(b"GGUF")
    base: dict[str, object] = dict(executable=sys.executable, model=str(model))
    base.update(fields)
    return ServerProfile(name, Engine.LLAMA_CPP, **base)  # type: ignore[arg-type]


def test_a_busy_port_and_a_missing_image_do_not_block(tmp_path: Path) -> None:
    profile = runnable("ok", tmp_path)
    assert start_blockers(profile) == []
    missing = runnable("no model", tmp_path, model=str(tmp_path / "nope.gguf"))
    assert [p.code for p in start_blockers(missing)] == ["missing-model"]


def test_an_unset_api_key_blocks(tmp_path: Path) -> None:
    profile = runnable("keyed", tmp_path, api_key_ref="env:PANEL_TEST_SURELY_UNSET")
    assert [p.code for p in start_blockers(profile, environ={"PATH": ""})] == ["api-key"]


def test_a_missing_runtime_blocks_without_asking_any_daemon(tmp_path: Path) -> None:
    profile = runnable("boxed", tmp_path, container=ContainerSpec(image="x"))
    codes = [p.code for p in start_blockers(profile, environ={"PATH": str(tmp_path)})]
    assert codes[0] == "missing-runtime"


def test_the_headline_is_the_missing_model_first() -> None:
    binary, model = Problem("missing-binary", "b"), Problem("missing-model", "m")
    assert headline([binary, model]) is model
    assert headline([binary]) is binary
    assert headline([]) is None


def test_first_choice_prefers_a_demo_then_any_that_can_start_then_attached() -> None:
    seed = ServerProfile("seed", Engine.LLAMA_CPP)
    mine = ServerProfile("mine", Engine.LLAMA_CPP)
    demo = ServerProfile("demo: chat", Engine.LLAMA_CPP)
    broken_demo = ServerProfile("demo: broken", Engine.LLAMA_CPP)
    attached = ServerProfile("there", Engine.LLAMA_CPP, attach_url="http://127.0.0.1:1")
    blocked = {"seed": [Problem("missing-model", "m")], "demo: broken": [Problem("x", "y")]}
    assert first_choice([seed, mine, broken_demo, demo], blocked) is demo
    assert first_choice([seed, mine, broken_demo], blocked) is mine
    assert first_choice([attached, seed], blocked) is attached
    assert first_choice([seed, broken_demo], blocked) is None


def test_a_daemon_that_is_down_is_asked_once_for_all_its_profiles(tmp_path: Path) -> None:
    """A hung daemon costs a timeout per question: the second profile reuses the answer."""
    calls = tmp_path / "calls"
    docker = tmp_path / "bin" / "docker"
    docker.parent.mkdir()
    docker.write_text(
        f"#!{sys.executable}\nimport sys\n"
        f"open({str(calls)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n"
        "sys.stderr.write('Cannot connect to the Docker daemon at unix:///var/run/docker.sock.'"
        " ' Is the docker daemon running?\\n')\nsys.exit(1)\n"
    )
    docker.chmod(0o755)
    spec = ContainerSpec(runtime=str(docker), image="x", mounts=[f"{tmp_path}:{tmp_path}"])
    profiles = [runnable(name, tmp_path, container=spec) for name in ("one", "two")]
    found = check_all(profiles, environ={"PATH": str(docker.parent)})
    assert [p.code for p in found["one"]] == ["daemon-down"]
    assert [p.code for p in found["two"]] == ["daemon-down"]
    assert calls.read_text().splitlines() == ["version --format {{.Server.Version}}"]
