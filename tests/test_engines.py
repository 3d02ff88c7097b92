from __future__ import annotations

import signal

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
    plan = adapter_for(Engine.LLAMA_CPP).plan(profile, "/bin/llama-server", {"K": "sekrit"})
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
    assert "sekrit" not in " ".join(plan.argv)
    assert plan.env["LLAMA_API_KEY"] == "sekrit"
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
    plan = adapter_for(Engine.VLLM).plan(v, "vllm", {"K": "k2"})
    assert plan.argv[:3] == ["vllm", "serve", "openai/whisper-small"]
    assert plan.env["VLLM_API_KEY"] == "k2" and "k2" not in plan.argv
    assert adapter_for(Engine.VLLM).loading is LoadingBehaviour.REFUSES


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
