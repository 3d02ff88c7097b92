"""The editor's checks, in core and without Qt: what is wrong with a profile, by field."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from panel.core.config.profiles import ContainerSpec, Engine, GpuAccess, Role, ServerProfile
from panel.core.engines import adapter_for
from panel.core.engines.flag_hints import FlagRow
from panel.core.models.discovery import DiscoveredModel, ModelKind
from panel.core.profile_editor.profile_checks import (
    Field,
    FieldCheck,
    KeySource,
    Level,
    ProfileDraft,
    check_profile,
    key_choice,
    key_ref,
    projector_to_offer,
    split_options,
)


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "models" / "tiny.gguf"
    path.parent.mkdir()
    path.write_bytes(b"GGUF")
    return path


@pytest.fixture
def binary(tmp_path: Path) -> Path:
    path = tmp_path / "bin" / "llama-server"
    path.parent.mkdir()
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def llama(model_file: Path, binary: Path, /, **changes: object) -> ServerProfile:
    profile = ServerProfile(
        "chat", Engine.LLAMA_CPP, model=str(model_file), executable=str(binary), port=free_port()
    )
    return profile.copy(**changes)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def at(checks: list[FieldCheck], where: Field) -> list[tuple[Level, str]]:
    return [(c.level, c.text) for c in checks if c.field is where]


def errors(checks: list[FieldCheck]) -> list[str]:
    return [c.text for c in checks if c.level is Level.ERROR]


def test_a_good_profile_has_only_notes(model: Path, binary: Path) -> None:
    checks = check_profile(ProfileDraft(llama(model, binary)))
    assert [(c.field, c.level) for c in checks] == [(Field.EXECUTABLE, Level.INFO)]
    assert checks[0].text == f"Found at {binary}"
    assert checks[0].template == "Found at {path}"  # what the window translates


def test_names(model: Path, binary: Path) -> None:
    nameless = check_profile(ProfileDraft(llama(model, binary, name="")))
    assert at(nameless, Field.NAME) == [(Level.ERROR, "Give the profile a name.")]
    taken = check_profile(ProfileDraft(llama(model, binary)), existing_names={"chat"})
    assert at(taken, Field.NAME) == [(Level.ERROR, "Another profile is already named “chat”.")]


def test_missing_model_is_an_error_unless_llama_fetches_it(
    model: Path, binary: Path, tmp_path: Path
) -> None:
    gone = check_profile(ProfileDraft(llama(model, binary, model=str(tmp_path / "gone.gguf"))))
    assert at(gone, Field.MODEL)[0][0] is Level.ERROR
    assert "Model not found" in at(gone, Field.MODEL)[0][1]
    for args in (["-hf", "org/repo"], ["--hf-repo=org/repo"]):
        fetching = llama(model, binary, model="", args=args)
        assert at(check_profile(ProfileDraft(fetching)), Field.MODEL) == []


def test_missing_binary_only_warns(model: Path, tmp_path: Path) -> None:
    profile = llama(model, tmp_path / "nope" / "llama-server")
    [(level, text)] = at(check_profile(ProfileDraft(profile)), Field.EXECUTABLE)
    assert level is Level.WARNING
    assert "does not exist" in text and adapter_for(Engine.LLAMA_CPP).install_hint in text


def test_host_and_port(model: Path, binary: Path) -> None:
    wildcard = check_profile(ProfileDraft(llama(model, binary, host="0.0.0.0")))
    assert at(wildcard, Field.HOST)[0][0] is Level.WARNING
    assert "Anyone on the network" in at(wildcard, Field.API_KEY)[0][1]
    assert errors(check_profile(ProfileDraft(llama(model, binary, host="")))) == [
        "Enter the address to listen on (127.0.0.1 keeps it on this machine)."
    ]
    port = free_port()
    clash = check_profile(ProfileDraft(llama(model, binary, port=port)), taken_ports={port: "b"})
    assert at(clash, Field.PORT) == [
        (Level.WARNING, f"Profile “b” uses port {port} too: the two cannot run at the same time.")
    ]
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        profile = llama(model, binary, port=port)
        assert "in use right now" in at(check_profile(ProfileDraft(profile)), Field.PORT)[0][1]
        # Without the probe nothing binds the port.
        assert at(check_profile(ProfileDraft(profile), probe_port=False), Field.PORT) == []


def test_flags(model: Path, binary: Path) -> None:
    profile = llama(model, binary, args=["--port", "1", "--ctx-size", "-c", "8"])
    rows = [FlagRow("--gpu-layers 99"), FlagRow("--port", "1"), FlagRow("--ctx-size")]
    rows.append(FlagRow("-c", "8"))
    found = at(check_profile(ProfileDraft(profile, flag_rows=rows)), Field.FLAGS)
    levels = [level for level, _ in found]
    assert levels == [Level.ERROR, Level.ERROR, Level.WARNING, Level.WARNING]
    assert "One flag per row" in found[0][1] and "--port" in found[1][1]
    assert found[2][1] == "--ctx-size usually takes a value."
    assert "given more than once" in found[3][1]


def test_environment(model: Path, binary: Path) -> None:
    profile = llama(model, binary)
    bad = check_profile(ProfileDraft(profile, env_rows=[("1BAD", "x")]))
    assert at(bad, Field.ENV)[0][0] is Level.ERROR
    twice = check_profile(ProfileDraft(profile, env_rows=[("A", "1"), ("A", "2")]))
    assert at(twice, Field.ENV) == [(Level.ERROR, "A is set twice.")]
    key_env = adapter_for(Engine.LLAMA_CPP).api_key_env
    assert key_env
    key = check_profile(ProfileDraft(profile.copy(env={key_env: "sk"})))
    assert at(key, Field.ENV)[0][0] is Level.WARNING


def test_api_key(model: Path, binary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = llama(model, binary)
    unnamed = ProfileDraft(profile, key_source=KeySource.ENV, key_text="")
    assert at(check_profile(unnamed), Field.API_KEY)[0][0] is Level.ERROR
    no_file = ProfileDraft(profile, key_source=KeySource.FILE, key_text=" ")
    assert at(check_profile(no_file), Field.API_KEY)[0][0] is Level.ERROR
    monkeypatch.delenv("NOT_SET_KEY", raising=False)
    unset = check_profile(ProfileDraft(profile.copy(api_key_ref="env:NOT_SET_KEY")))
    assert at(unset, Field.API_KEY)[0][0] is Level.WARNING  # set it before starting


def test_attached(model: Path, binary: Path) -> None:
    ticked = ProfileDraft(llama(model, binary), attach=True)
    assert at(check_profile(ticked), Field.ATTACH_URL)[0][0] is Level.ERROR
    attached = llama(model, binary, attach_url="http://10.0.0.5:8080", model="")
    assert errors(check_profile(ProfileDraft(attached))) == []


def test_container(model: Path, binary: Path, tmp_path: Path) -> None:
    spec = ContainerSpec(
        runtime=str(tmp_path / "no" / "docker"),
        gpus=GpuAccess.DEVICES,
        gpu_devices="first",
        mounts=["/elsewhere:/m"],
        extra_args=["-d"],
    )
    checks = check_profile(ProfileDraft(llama(model, binary, container=spec)))
    assert [level for level, _ in at(checks, Field.RUNTIME)] == [Level.WARNING]
    assert at(checks, Field.GPU) == [(Level.ERROR, "List the GPUs by number, e.g. 0 or 0,1.")]
    assert "outside the container's mounts" in at(checks, Field.MOUNTS)[0][1]
    assert at(checks, Field.EXTRA_ARGS)[0][0] is Level.WARNING
    unsplit = ProfileDraft(llama(model, binary, container=spec), extra_args_error="No closing")
    assert at(check_profile(unsplit), Field.EXTRA_ARGS)[0][0] is Level.ERROR
    bad_mount = llama(model, binary, container=ContainerSpec(mounts=["no-colon"]))
    [(level, text)] = at(check_profile(ProfileDraft(bad_mount)), Field.MOUNTS)
    assert level is Level.ERROR and "HOST_PATH:CONTAINER_PATH" in text


def test_a_picked_model_with_a_problem_warns_and_its_projector_is_offered(
    model: Path, binary: Path, tmp_path: Path
) -> None:
    mmproj = tmp_path / "models" / "mmproj.gguf"
    found = DiscoveredModel(
        ModelKind.GGUF, model, "tiny", 4, Engine.LLAMA_CPP, Role.VISION, mmproj=mmproj,
        problem="missing shard(s)",
    )  # fmt: skip
    profile = llama(model, binary)
    checks = check_profile(ProfileDraft(profile), picked_model=found)
    assert at(checks, Field.MODEL) == [
        (Level.WARNING, "This model has a problem: missing shard(s)")
    ]
    assert projector_to_offer(profile, found) == mmproj
    with_it = profile.copy(args=["--mmproj", str(mmproj)])
    assert projector_to_offer(with_it, found) is None
    assert projector_to_offer(profile.copy(args=[f"-mm={mmproj}"]), found) is None
    assert projector_to_offer(profile, None) is None


def test_key_choice_round_trip() -> None:
    for ref in ("", "env:MY_KEY", "file:/keys/k"):
        source, value = key_choice(ref)
        assert key_ref(source, value) == ref
    assert key_choice("weird:x") == (KeySource.NONE, "")
    assert key_ref(KeySource.ENV, "  ") == ""


def test_split_options() -> None:
    assert split_options("--shm-size 16g --label 'a b=c'") == (
        ["--shm-size", "16g", "--label", "a b=c"],
        "",
    )
    words, error = split_options("--label 'open")
    assert words == ["--label", "'open"] and error
