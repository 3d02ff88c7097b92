"""`inference-panel demo`: the CPU demo's engines, cache and profiles."""

from __future__ import annotations

import fcntl
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from panel.core import demo
from panel.core.config.store import ConfigStore
from panel.core.demo import DEMO_WHISPER
from panel.core.servers.preflight import preflight
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import ServerProcess, Supervisor
from panel.core.speech.transcribe import TranscriptionClient
from tests.conftest import SETUP_ENGINES, SETUP_SPEECH, EngineKit, pids_alive

LAPS = """\
[test-engines] venv + gguf numpy: 8s
[test-engines] sources: 20s
noise from cmake
[test-engines] models: 26s
[test-engines] whisper-server: 139s
[test-engines] llama-server: 468s
"""


def test_progress_follows_the_script_laps() -> None:
    steps = list(demo.parse_progress(LAPS.splitlines()))
    assert [s.step for s in steps][-1] == "llama-server"
    assert [round(s.fraction, 2) for s in steps] == [0.02, 0.05, 0.1, 0.35, 1.0]
    assert steps[-1].seconds == 468


def test_estimate_scales_with_cores() -> None:
    assert demo.estimated_minutes(2) == 12
    assert demo.estimated_minutes(8) == 3


@pytest.mark.engines
def test_cache_key_is_the_scripts_own(engines: EngineKit) -> None:
    assert engines.root.name == demo.cache_key()


def test_speech_cache_key_is_the_scripts_own(tmp_path: Path) -> None:
    dest = tmp_path / demo.speech_cache_key()
    dest.mkdir()
    (dest / ".complete").touch()  # a finished fetch: the script only says where it is
    done = subprocess.run(["bash", str(SETUP_SPEECH), str(tmp_path)], capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == str(dest)
    assert demo.speech_models_dir().name == dest.name


@pytest.mark.engines
def test_demo_profiles_are_added_once_and_can_start(
    engines: EngineKit, speech_models: Path, tmp_path: Path
) -> None:
    store = ConfigStore(tmp_path / "config.toml")
    store.load()  # the seed catalog
    added = demo.add_demo_profiles(store, engines.root, speech_models)
    assert len(added) == 3 and demo.add_demo_profiles(store, engines.root, speech_models) == []
    config = store.load()
    demos = [p for p in config.profiles if p.name in added]
    assert [p.name for p in config.profiles[:3]] == added  # first in the list, in order
    assert len({p.port for p in config.profiles}) == len(config.profiles)
    for profile in demos:
        assert preflight(profile) == [], profile.name
    assert {p.role.value for p in demos} == {"chat", "vision", "transcription"}

    # Started as the panel starts them: all three at once, each ready, nothing left after.
    supervisor = Supervisor()
    servers = [supervisor.server(profile) for profile in demos]
    try:
        for server in servers:
            server.start()
        for server in servers:
            ready = server.wait_ready(120)
            assert ready and server.state is ServerState.READY, server.log.texts(30)
        pids = [pid for server in servers for pid in [*server.server_pids(), server.pid or 0]]
        assert len(pids) >= 2 * len(servers), pids  # each a guard and its server
    finally:
        assert supervisor.stop_all(60)
    assert all(server.state is ServerState.STOPPED for server in servers)
    assert supervisor.running() == [] and pids_alive(pids) == []


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.mark.engines
def test_the_demo_transcribes_any_language_with_the_multilingual_model(
    engines: EngineKit, speech_models: Path
) -> None:
    """whisper base, not tiny.en: with language=auto (the profile's default, and asked
    for) it detects the English of the guide's sample, test-2.mp3, and writes its words."""
    (profile,) = [
        p for p in demo.demo_profiles(engines.root, speech=speech_models) if p.name == DEMO_WHISPER
    ]
    assert Path(profile.model).name == "ggml-base.bin" and "tiny.en" not in profile.model
    assert profile.args[profile.args.index("--language") + 1] == "auto"
    assert preflight(profile) == []
    server = ServerProcess(profile)
    server.start()
    try:
        assert server.wait_ready(90), server.log.texts(20)
        audio = (speech_models / demo.SPEECH_SAMPLE).read_bytes()
        with TranscriptionClient(profile.base_url) as client:
            for language in (None, "auto"):
                transcript = client.transcribe(audio, demo.SPEECH_SAMPLE, language=language)
                heard = words(transcript.text)
                assert "new york times" in heard and "1969" in heard, transcript.text
                if transcript.language:
                    assert transcript.language.lower() in ("english", "en"), transcript.language
    finally:
        server.stop_and_wait(30)


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "panel", *args], capture_output=True,
                          text=True, env=env, timeout=120, check=False)  # fmt: skip


def test_demo_without_engines_says_how_long_setup_takes() -> None:
    done = cli("demo", env=dict(os.environ))  # the test's cache dir is empty
    assert done.returncode == 1
    assert "inference-panel demo --setup" in done.stderr and "minutes" in done.stderr


def cache_with(tmp_path: Path, **built: Path) -> dict[str, str]:
    """An environment whose cache holds ``built`` (test_engines=..., speech_models=...)
    where the demo looks for them, as a finished setup leaves them."""
    cache = tmp_path / "cache"
    for kind, folder in built.items():
        (cache / "inference-panel" / kind.replace("_", "-")).mkdir(parents=True)
        (cache / "inference-panel" / kind.replace("_", "-") / folder.name).symlink_to(folder)
    return {**os.environ, "XDG_CACHE_HOME": str(cache)}


@pytest.mark.engines
def test_demo_setup_uses_the_cache(engines: EngineKit, speech_models: Path, tmp_path: Path) -> None:
    env = cache_with(tmp_path, test_engines=engines.root, speech_models=speech_models)
    done = cli("demo", "--setup", env=env)
    assert done.returncode == 0, done.stderr
    assert "added profile: demo: SmolLM2-135M chat (CPU)" in done.stdout
    assert f"added profile: {DEMO_WHISPER}" in done.stdout
    assert "Fetching" not in done.stdout  # both found in the cache: nothing fetched
    sample = Path(env["XDG_CACHE_HOME"], "inference-panel", "speech-models", speech_models.name)
    assert f"{sample / demo.SPEECH_SAMPLE}\n" in done.stdout  # the sample to try
    listing = cli("list", env=env).stdout
    assert DEMO_WHISPER in listing and "tiny.en" not in listing


@pytest.mark.engines
def test_a_demo_set_up_before_the_multilingual_model_says_what_is_missing(
    engines: EngineKit, tmp_path: Path
) -> None:
    done = cli("demo", env=cache_with(tmp_path, test_engines=engines.root))
    assert done.returncode == 1 and done.stdout == ""
    assert "multilingual whisper model" in done.stderr
    assert "inference-panel demo --setup" in done.stderr


# -- two setups at once ----------------------------------------------------------------------
def no_build_env(tmp_path: Path) -> dict[str, str]:
    """A PATH whose python3 fails at once and says so: a run that went on to build (its
    first step makes a venv) ends quickly and visibly instead of building for minutes."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    fake = bin_dir / "python3"
    fake.write_text(f'#!/bin/sh\ntouch "{tmp_path / "built"}"\nexit 97\n')
    fake.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}


def setup_run(cache: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["bash", str(SETUP_ENGINES), str(cache)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_two_setups_at_once_against_a_complete_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    dest = cache / demo.cache_key()  # the script's key and the panel's agree
    dest.mkdir(parents=True)
    (dest / ".complete").touch()
    runs = [setup_run(cache, no_build_env(tmp_path / str(i))) for i in (1, 2)]
    for run in runs:
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
        assert out.splitlines()[-1] == str(dest)
    assert sorted(p.name for p in cache.iterdir()) == [dest.name]
    assert not (tmp_path / "1" / "built").exists() and not (tmp_path / "2" / "built").exists()


def test_a_second_setup_waits_for_the_first_and_takes_its_result(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    dest = cache / demo.cache_key()
    with open(f"{dest}.lock", "w") as first:  # the first run is building
        fcntl.flock(first, fcntl.LOCK_EX)
        second = setup_run(cache, no_build_env(tmp_path))
        assert second.stderr is not None
        said = second.stderr.readline()  # '' if it went on without waiting
        assert f"waiting for another run building {dest}" in said, said
        assert second.poll() is None and not Path(f"{dest}.partial").exists()
        dest.mkdir()  # the first run's result...
        (dest / ".complete").touch()
    # ... and its lock let go: the second finds the result complete and builds nothing.
    out, err = second.communicate(timeout=60)
    assert second.returncode == 0, err
    assert out.splitlines()[-1] == str(dest)
    assert not Path(f"{dest}.partial").exists() and not (tmp_path / "built").exists()
