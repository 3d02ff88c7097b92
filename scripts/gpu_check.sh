#!/usr/bin/env bash
# The GPU check, for when a machine with an NVIDIA GPU is at hand (under 5 minutes).
#
# usage: scripts/gpu_check.sh [LLAMA_SERVER] [MODEL.gguf]
#
# 1. The panel's NVML readings (name, compute capability, memory, utilisation) against
#    nvidia-smi's, GPU by GPU.
# 2. The CUDA architectures LLAMA_SERVER (default: llama-server on PATH) carries, and
#    whether one runs on each GPU.
# 3. With a MODEL: starts llama-server on it (-ngl 99, -lv 4), attributes its memory the
#    way the GPU tab does and compares with nvidia-smi's per-process figures, reads back
#    what loaded and sets the memory-fit estimate beside it; then stops it.
# Prints one line per check (ok / DIFF / FAIL) and a summary; exit status 0 when all
# checks passed, 1 when one failed, 2 when there is no GPU to check.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=python3
cd "$ROOT" || exit 1
exec timeout 300 "$PY" - "$@" <<'PYTHON'
import os, shutil, subprocess, sys, time, urllib.request
from pathlib import Path

from panel.core.gpu.attribution import gpu_usage_by_process_tree
from panel.core.gpu.cuda_arch import arch_mismatch, cuda_code_of
from panel.core.gpu.nvml import Nvml
from panel.core.models.loaded import read_load_report
from panel.core.models.memory_fit import MIB, estimate_gguf_memory, format_bytes, gguf_info
from panel.core.servers.ports import pick_free_port

results: list[tuple[str, str, str]] = []  # (status, check, detail)


def note(status: str, check: str, detail: str = "") -> None:
    results.append((status, check, detail))
    print(f"[{status:>4}] {check}" + (f": {detail}" if detail else ""), flush=True)


def smi(query: str, kind: str = "gpu") -> list[list[str]]:
    flag = "--query-gpu" if kind == "gpu" else "--query-compute-apps"
    done = subprocess.run(
        ["nvidia-smi", f"{flag}={query}", "--format=csv,noheader,nounits"],
        capture_output=True, text=True, timeout=30,
    )
    if done.returncode != 0:
        return []
    return [[c.strip() for c in line.split(",")] for line in done.stdout.splitlines() if line]


def close(a: float, b: float, slack: float) -> bool:
    return abs(a - b) <= slack


args = sys.argv[1:]
binary = args[0] if args else shutil.which("llama-server")
model = Path(args[1]) if len(args) > 1 else None

print("== GPUs: the panel's NVML readings against nvidia-smi")
nvml = Nvml()
snapshot = nvml.snapshot()
if not snapshot.status.available:
    note("FAIL", "NVML", snapshot.status.reason)
if shutil.which("nvidia-smi") is None:
    note("FAIL", "nvidia-smi", "not found")
rows = smi("index,name,uuid,memory.used,memory.total,utilization.gpu,compute_cap") if shutil.which("nvidia-smi") else []
by_uuid = {row[2]: row for row in rows if len(row) >= 7}
for gpu in snapshot.gpus:
    row = by_uuid.get(gpu.uuid)
    cc = gpu.compute_capability
    print(f"GPU {gpu.index}: {gpu.name}, compute capability {cc.describe() if cc else '?'}"
          f"{', unified memory' if gpu.unified_memory else ''}")
    if row is None:
        note("DIFF", f"GPU {gpu.index} in nvidia-smi", f"no GPU with UUID {gpu.uuid}")
        continue
    note("ok" if row[1] == gpu.name else "DIFF", f"GPU {gpu.index} name", f"{gpu.name} / {row[1]}")
    note("ok" if cc and row[6] == str(cc) else "DIFF", f"GPU {gpu.index} compute capability",
         f"{cc} / {row[6]}")
    if row[3].replace(".", "").isdigit():
        used_mib, total_mib = gpu.memory_used / MIB, gpu.memory_total / MIB
        # Both read the same counters a moment apart: 1 % or 64 MiB is the same reading.
        ok = close(used_mib, float(row[3]), max(64, used_mib * 0.01)) and close(
            total_mib, float(row[4]), 2)
        note("ok" if ok else "DIFF", f"GPU {gpu.index} memory MiB used/total",
             f"{used_mib:.0f}/{total_mib:.0f} / {row[3]}/{row[4]}")
    else:
        note("ok" if gpu.unified_memory else "DIFF", f"GPU {gpu.index} memory",
             f"nvidia-smi says {row[3]!r}; the panel shows system RAM "
             f"({format_bytes(gpu.memory_used)} of {format_bytes(gpu.memory_total)})")
    util = "?" if gpu.utilization is None else f"{gpu.utilization:.0f}"
    note("ok", f"GPU {gpu.index} utilisation %", f"{util} / {row[5]} (sampled apart)")
for line in snapshot.errors:
    note("FAIL", "NVML", line)

print("== CUDA architectures in the engine")
ccs = [g.compute_capability for g in snapshot.gpus if g.compute_capability]
if binary is None:
    note("FAIL", "llama-server", "not on PATH; pass its path as the first argument")
else:
    found = cuda_code_of(binary)
    print(f"{binary}: {found.describe()}")
    mismatch = arch_mismatch(found, ccs)
    if found.error or not found.is_cuda:
        note("FAIL", "CUDA build", found.describe())
    elif not ccs:
        note("DIFF", "code for this GPU", "no GPU read to compare with")
    else:
        note("FAIL" if mismatch else "ok", "code for this GPU", mismatch or ", ".join(found.names()))

if model is not None and binary is not None:
    print(f"== A real server: {model.name}")
    port = pick_free_port()
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"gpu_check_{port}.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [binary, "-m", str(model), "--port", str(port), "-ngl", "99", "-c", "4096", "-lv", "4"],
            stdout=log, stderr=subprocess.STDOUT,
        )
    ready = False
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                ready = r.status == 200
        except OSError:
            pass
        if ready:
            break
        time.sleep(1)
    try:
        if not ready:
            note("FAIL", "server ready", f"not ready; log: {log_path}")
        else:
            time.sleep(2)  # let the compute buffers settle
            after = nvml.snapshot()
            usage = gpu_usage_by_process_tree(after, {"llama": server.pid})["llama"]
            apps = {int(r[0]): float(r[1]) for r in smi("pid,used_memory", "apps")
                    if r and r[0].isdigit() and r[1].replace(".", "").isdigit()}
            smi_mib = apps.get(server.pid)
            panel_mib = usage.total / MIB
            if smi_mib is None:
                note("DIFF", "server memory", f"panel {panel_mib:.0f} MiB; nvidia-smi lists no "
                     f"figure for pid {server.pid} (unified memory or no permission)")
            else:
                note("ok" if close(panel_mib, smi_mib, 64) else "DIFF",
                     "server memory MiB (panel / nvidia-smi)", f"{panel_mib:.0f} / {smi_mib:.0f}")
            report = read_load_report(log_path.read_text(errors="replace").splitlines())
            info = gguf_info(model)
            estimate = estimate_gguf_memory(info, 4096) if info else None
            print(f"loaded: {report.describe() or 'nothing said'}")
            if estimate is not None:
                print(f"estimate: {format_bytes(estimate.total_bytes)} ({estimate.describe()})")
                if usage.total:
                    error = (estimate.total_bytes - usage.total) / usage.total
                    note("ok" if abs(error) < 0.25 else "DIFF", "estimate vs measured",
                         f"{error * 100:+.0f} %")
            if report.layers_total is not None:
                whole = report.layers_on_gpu == report.layers_total
                note("ok" if whole else "DIFF", "layers on the GPU",
                     f"{report.layers_on_gpu}/{report.layers_total}")
            else:
                note("FAIL", "layers on the GPU", "the log says none were offloaded")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
nvml.shutdown()

failed = [r for r in results if r[0] in ("FAIL", "DIFF")]
print(f"== {len(results) - len(failed)} ok, {len(failed)} not: "
      + ("all checks passed" if not failed else "; ".join(f"{c}" for _, c, _ in failed)))
sys.exit(2 if not snapshot.gpus else (1 if failed else 0))
PYTHON
