#!/usr/bin/env python3
"""A stand-in for ``vllm serve MODEL`` on a GPU that has too little free memory.

Everything else vLLM does is tested against the real vLLM on the CPU (tests/test_real_vllm*.py,
tests/test_vllm_adapter.py; resources/vllm/setup_vllm.sh). What no machine without a GPU
shows is vLLM's refusal to start when the GPU's free memory is below
``--gpu-memory-utilization`` × its total: this prints that start-up as vLLM 0.11 does on a
GPU (the API server's and EngineCore's lines with their ``(Role pid=N)`` prefixes, the
engine's traceback, the API server's ``RuntimeError``) and exits 1, as the real one does.

GPU figures: ``FAKE_VLLM_GPU_TOTAL_GIB`` (default 79.19, an H100) and
``FAKE_VLLM_GPU_FREE_GIB`` (default: 9.37 GiB short of what the flag asks for).
Other arguments are accepted and ignored.
"""

from __future__ import annotations

import os
import sys
import time

SITE = "/usr/local/lib/python3.12/dist-packages"


def record(role: str, level: str, where: str, message: str) -> str:
    stamp = time.strftime("%m-%d %H:%M:%S")
    prefix = f"({role} pid={os.getpid()}) "
    return "".join(f"{prefix}{level} {stamp} [{where}] {line}\n" for line in message.split("\n"))


def traceback(frames: list[tuple[str, int, str, str]], error: str) -> str:
    lines = ["Traceback (most recent call last):"]
    for path, lineno, func, code in frames:
        lines += [f'  File "{path}", line {lineno}, in {func}', f"    {code}"]
    return "\n".join([*lines, error])


def main(argv: list[str]) -> int:
    util = 0.9
    if "--gpu-memory-utilization" in argv:
        util = float(argv[argv.index("--gpu-memory-utilization") + 1])
    model = argv[1] if len(argv) > 1 and argv[0] == "serve" else "?"
    total = float(os.environ.get("FAKE_VLLM_GPU_TOTAL_GIB", "79.19"))
    wanted = util * total
    free = float(os.environ.get("FAKE_VLLM_GPU_FREE_GIB", max(0.5, wanted - 9.37)))
    out = sys.stdout
    out.write(record("APIServer", "INFO", "api_server.py:1839", "vLLM API server version 0.11.0"))
    out.write(
        record("APIServer", "INFO", "utils.py:233", f"non-default args: {{'model': {model!r}}}")
    )
    out.write(
        record("EngineCore_DP0", "INFO", "core.py:654", "Waiting for init message from front-end.")
    )
    out.flush()
    if free >= wanted:  # enough memory: nothing this stand-in is for
        out.write(record("APIServer", "ERROR", "fake_vllm.py:1", "fake_vllm only fails to start"))
        return 2
    error = (
        f"ValueError: Free memory on device cuda:0 ({free:.2f}/{total:.2f} GiB) on startup is "
        f"less than desired GPU memory utilization ({util}, {wanted:.2f} GiB). Decrease GPU "
        f"memory utilization or reduce GPU memory used by other processes."
    )
    frames = [
        (f"{SITE}/vllm/v1/engine/core.py", 699, "run_engine_core", "engine_core = EngineCoreProc(*args, **kwargs)"),
        (f"{SITE}/vllm/v1/engine/core.py", 83, "__init__", "self.model_executor = executor_class(vllm_config)"),
        (f"{SITE}/vllm/v1/worker/gpu_worker.py", 190, "init_device", "raise ValueError("),
    ]  # fmt: skip
    out.write(
        record("EngineCore_DP0", "ERROR", "core.py:708", "EngineCore failed to start.\n" + traceback(frames, error))
    )  # fmt: skip
    out.flush()
    api = [
        (f"{SITE}/vllm/v1/engine/utils.py", 880, "wait_for_engine_startup", "raise RuntimeError("),
    ]
    failed = "RuntimeError: Engine core initialization failed. See root cause above. "
    sys.stderr.write(traceback(api, failed + "Failed core proc(s): {}") + "\n")
    sys.stderr.flush()
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
