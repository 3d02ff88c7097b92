from __future__ import annotations

import signal
from pathlib import Path

import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.engines import LoadingBehaviour, adapter_for
from panel.core.engines.custom import CustomAdapter


def test_llama_argv_binds_loopback_and_keeps_the_key_off_the_command_line() -> None:
    profile = ServerProfile(
        "q",
        Engine.LLAMA_CPP,
        model="/m/q.gguf",
        port=8000,
        args=["--alias", "qwen3"],
        api_key_ref="env:K",
    )
    plan = adapter_for(Engine.LLAMA_CPP).plan(profile, "/bin/llama-server")
    assert plan.argv == [
        "/bin/llama-server",
        "-m",
        "/m/q.gguf",
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        "--alias",
        "qwen3",
    ]
    # The plan names the key and where it lives; the supervisor reads it at start.
    assert "LLAMA_API_KEY" not in plan.env
    assert (plan.api_key_env, plan.api_key_ref) == ("LLAMA_API_KEY", "env:K")
    assert plan.secret_env == {"LLAMA_API_KEY"}
    assert plan.health_url == "http://127.0.0.1:8000/health"
    assert adapter_for(Engine.LLAMA_CPP).loading is LoadingBehaviour.ANSWERS_503


def test_whisper_and_vllm_argv() -> None:
    w = ServerProfile("w", Engine.WHISPER_CPP, model="/m/ggml.bin", port=8080, args=["-l", "auto"])
    assert adapter_for(Engine.WHISPER_CPP).plan(w, "ws").argv == [
        "ws",
        "-m",
        "/m/ggml.bin",
        "--host",
        "127.0.0.1",
        "--port",
        "8080",
        "-l",
        "auto",
    ]
    v = ServerProfile(
        "v",
        Engine.VLLM,
        model="openai/whisper-small",
        port=8001,
        args=["--served-model-name", "whisper"],
        api_key_ref="env:K",
    )
    plan = adapter_for(Engine.VLLM).plan(v, "vllm")
    assert plan.argv[:3] == ["vllm", "serve", "openai/whisper-small"]
    assert (plan.api_key_env, plan.api_key_ref) == ("VLLM_API_KEY", "env:K")
    assert adapter_for(Engine.VLLM).loading is LoadingBehaviour.REFUSES


def test_planning_reads_no_secret_and_never_fails_on_a_missing_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PANEL_UNSET_KEY", raising=False)
    unset = ServerProfile(
        "q", Engine.LLAMA_CPP, model="/m/q.gguf", api_key_ref="env:PANEL_UNSET_KEY"
    )
    plan = adapter_for(Engine.LLAMA_CPP).plan(unset, "llama-server")
    # A pasted line still fetches the key where the variable is set; it never holds it.
    assert plan.env_words()[-1] == 'LLAMA_API_KEY="$PANEL_UNSET_KEY"'
    assert plan.shell_line().startswith('PYTHONUNBUFFERED=1 LLAMA_API_KEY="$PANEL_UNSET_KEY" ')
    assert plan.shell_line().endswith(plan.command_line())
    assert plan.env_words(mask="***")[-1] == "LLAMA_API_KEY=***"
    key_file = tmp_path / "my key"
    key_file.write_text("sk-in-a-file")
    key_file.chmod(0)  # unreadable: planning must not even try
    from_file = unset.copy(api_key_ref=f"file:{key_file}")
    plan = adapter_for(Engine.VLLM).plan(from_file.copy(engine=Engine.VLLM), "vllm")
    assert plan.env_words()[-1] == f"VLLM_API_KEY=\"$(cat '{key_file}')\""
    assert "sk-in-a-file" not in plan.shell_line()
    # A reference a shell cannot spell is masked rather than pasted half-right.
    odd = adapter_for(Engine.LLAMA_CPP).plan(unset.copy(api_key_ref="env:NOT A NAME"), "x")
    assert odd.env_words()[-1] == "LLAMA_API_KEY=********"
    # Engines without a key variable carry no secret at all.
    whisper = adapter_for(Engine.WHISPER_CPP).plan(unset.copy(engine=Engine.WHISPER_CPP), "w")
    assert whisper.secret_env == frozenset() and whisper.api_key_ref == ""


def test_a_profile_variable_named_like_the_key_never_shadows_the_reference() -> None:
    profile = ServerProfile(
        "q", Engine.LLAMA_CPP, env={"LLAMA_API_KEY": "typed-in", "A": "b c"}, api_key_ref="env:K"
    )
    plan = adapter_for(Engine.LLAMA_CPP).plan(profile, "llama-server")
    assert plan.env == {"A": "b c", "PYTHONUNBUFFERED": "1"}
    assert plan.env_words() == ["A='b c'", "PYTHONUNBUFFERED=1", 'LLAMA_API_KEY="$K"']


def test_custom_fills_placeholders_and_uses_its_health_path() -> None:
    c = ServerProfile(
        "c",
        Engine.CUSTOM,
        model="m",
        port=7000,
        health_path="ping",
        args=["--listen", "{host}:{port}", "--model={model}"],
    )
    plan = CustomAdapter().plan(c, "srv")
    assert plan.argv == ["srv", "--listen", "127.0.0.1:7000", "--model=m"]
    assert plan.health_url == "http://127.0.0.1:7000/ping"


def test_reserved_flags_are_reported() -> None:
    p = ServerProfile("q", Engine.LLAMA_CPP, args=["--port=9", "-c", "1", "--host", "x"])
    assert adapter_for(Engine.LLAMA_CPP).misplaced_flags(p) == ["--port", "--host"]
    # A flag left at the very end, still waiting for its value, conflicts all the same.
    p = ServerProfile("v", Engine.VLLM, args=["--model=x", "--dtype", "auto", "--api-key"])
    assert adapter_for(Engine.VLLM).misplaced_flags(p) == ["--model", "--api-key"]


def test_exit_explanations_from_real_log_lines() -> None:
    llama = adapter_for(Engine.LLAMA_CPP)
    assert "port 8080" in llama.explain_exit(
        1, None, ["couldn't bind HTTP server socket, hostname: 127.0.0.1, port: 8080"]
    )
    assert "failed to load" in llama.explain_exit(
        1,
        None,
        [
            "srv load_model: failed to load model, '/x.gguf'",
            "srv main: exiting due to model loading error",
        ],
    )
    whisper = adapter_for(Engine.WHISPER_CPP)
    assert "model failed to load" in whisper.explain_exit(3, None, ["error: failed to open"])
    assert "unknown language 'xx'" in whisper.explain_exit(
        0, None, ["error: unknown language 'xx'", "usage: whisper-server [options]"]
    )
    vllm = adapter_for(Engine.VLLM)
    assert "--gpu-memory-utilization" in vllm.explain_exit(
        1,
        None,
        [
            "ValueError: Free memory on device (3.1/79.1 GiB) on startup is less than desired "
            "GPU memory utilization (0.9, 71.2 GiB)."
        ],
    )
    assert "OOM killer" in llama.explain_exit(None, signal.SIGKILL, [])
    assert "segmentation fault" in llama.explain_exit(None, signal.SIGSEGV, [])
    assert llama.explain_exit(2, None, ["all fine", "Error: bad flag"]) == (
        "exited with code 2: Error: bad flag"
    )


def test_progress_from_logs() -> None:
    vllm = adapter_for(Engine.VLLM)
    p = vllm.parse_progress(
        "(EngineCore_DP0 pid=7) Loading safetensors checkpoint shards:  50% Completed | 1/2"
    )
    assert p is not None and p.fraction == 0.5 and p.phase == "loading weights"
    assert vllm.parse_progress("(APIServer pid=1) INFO unrelated") is None
    llama = adapter_for(Engine.LLAMA_CPP)
    got = llama.parse_progress("0.00.004 I srv    load_model: loading model '/m.gguf'")
    assert got is not None and got.phase == "loading model"
    whisper = adapter_for(Engine.WHISPER_CPP)
    assert whisper.parse_progress("whisper_model_load: n_vocab = 51864") is not None
    wrapped = CustomAdapter(like=llama)
    assert wrapped.parse_progress("load_model: loading model 'x'") is not None
