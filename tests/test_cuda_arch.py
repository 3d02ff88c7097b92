"""Reading the CUDA architectures a binary carries, on real fat binaries built by nvcc.

nvcc 13.0 is installed on these machines (../shared/PLATFORM.md, "CUDA compiler without
a GPU") and builds code for any architecture without a GPU or driver, so every test here
reads what nvcc really wrote: SASS and PTX, compressed or not, ``a`` and ``f`` variants, a
shared libggml-cuda found through RUNPATH or beside the binary, a static executable.
Without nvcc these tests fail (they do not skip) and say how to get it. Built files are
cached under ~/.cache/inference-panel/cuda-objects, keyed by source, flags and nvcc
version.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import ConfigStore
from panel.core.doctor import run_doctor
from panel.core.engines import adapter_for
from panel.core.engines.cuda_errors import explain_cuda_failure
from panel.core.gpu.capability import ComputeCapability
from panel.core.gpu.cuda_arch import (
    BinaryCuda,
    CudaCode,
    NotElfError,
    arch_mismatch,
    can_run,
    cmake_fix,
    cuda_arch_problem,
    cuda_code_of,
    parse_fatbin,
    read_fatbin,
)
from panel.core.gpu.nvml import GpuSnapshot, Nvml
from panel.core.servers.exit_reasons import explain_exit
from panel.core.servers.ports import pick_free_port
from panel.core.servers.preflight import preflight
from panel.core.speech.audio_devices import AudioStatus
from tests.fakes.fake_nvml import FakeGpu, FakeNvml

CACHE = Path.home() / ".cache" / "inference-panel" / "cuda-objects"

KERNEL = r"""
__global__ void add(float *a, const float *b, int n) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) a[i] += b[i];
}
extern "C" void ggml_cuda_launch(float *a, const float *b, int n) {
    add<<<(n + 255) / 256, 256>>>(a, b, n);
}
"""
MAIN_CU = KERNEL + "int main() { return 0; }\n"
# Calls into the library, or a linker with --as-needed drops the DT_NEEDED entry.
MAIN_C = """void ggml_cuda_launch(float *, const float *, int);
int main(int argc, char **argv) { if (argc > 99) ggml_cuda_launch(0, 0, 0); return 0; }
"""


def gencode(arch: str, code: str) -> list[str]:
    return ["-gencode", f"arch={arch},code={code}"]


# name -> (kind, nvcc flags); kind "so" (shared library), "o" (object), "exe".
BUILDS: dict[str, tuple[str, list[str]]] = {
    # A consumer build for Orin and Ada: SASS only.
    "orin_ada": ("so", gencode("compute_87", "sm_87") + gencode("compute_89", "sm_89")),
    # Thor under CUDA 13, with PTX, all entries compressed (cubin too).
    "thor": ("so", [*gencode("compute_110", "[sm_110,compute_110]"), "-Xfatbin", "-compress-all"]),
    # Only PTX for RTX 50: runs wherever the driver can compile it (12.0 and newer).
    "ptx_only": ("o", gencode("compute_120", "compute_120")),
    # Architecture- and family-specific code, and no compression at all.
    "variants": (
        "o",
        [
            *gencode("compute_90a", "sm_90a"),
            *gencode("compute_120f", "sm_120f"),
            "--compress-mode=none",
        ],
    ),
    # A static llama-server: the CUDA code is in the executable itself.
    "static_exe": ("exe", gencode("compute_89", "sm_89")),
}


def nvcc_or_fail() -> str:
    nvcc = shutil.which("nvcc")
    if nvcc is None:
        pytest.fail(
            "nvcc is not on PATH: these tests read fat binaries nvcc builds. Install the CUDA "
            "toolkit's compiler (no GPU needed; ../shared/PLATFORM.md) and put its bin on PATH."
        )
    return nvcc


def build(nvcc: str, version: str, name: str, kind: str, flags: list[str]) -> Path:
    source = MAIN_CU if kind == "exe" else KERNEL
    key = hashlib.sha256("\0".join([version, kind, source, *flags]).encode()).hexdigest()[:16]
    suffix = {"so": ".so", "o": ".o", "exe": ""}[kind]
    out = CACHE / key / f"{name}{suffix}"
    if out.is_file():
        return out
    work = out.parent.with_name(out.parent.name + f".tmp{os.getpid()}")
    work.mkdir(parents=True, exist_ok=True)
    (work / "k.cu").write_text(source)
    shape = {"so": ["-shared", "-Xcompiler", "-fPIC"], "o": ["-c"], "exe": []}[kind]
    target = work / out.name
    done = subprocess.run(
        [nvcc, *shape, "-o", str(target), str(work / "k.cu"), *flags],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"nvcc failed for {name}:\n{done.stderr[-3000:]}"
    out.parent.mkdir(parents=True, exist_ok=True)
    os.replace(target, out)  # atomic: a parallel session never reads half a file
    shutil.rmtree(work, ignore_errors=True)
    return out


@pytest.fixture(scope="session")
def cuda_objects() -> dict[str, Path]:
    nvcc = nvcc_or_fail()
    version = subprocess.run([nvcc, "--version"], capture_output=True, text=True, check=True).stdout
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            name: pool.submit(build, nvcc, version, name, kind, flags)
            for name, (kind, flags) in BUILDS.items()
        }
        return {name: future.result() for name, future in futures.items()}


def cc(text: str) -> ComputeCapability:
    found = ComputeCapability.parse(text)
    assert found is not None
    return found


def sass(major: int, minor: int, variant: str = "") -> CudaCode:
    return CudaCode(major, minor, False, variant)


def ptx(major: int, minor: int, variant: str = "") -> CudaCode:
    return CudaCode(major, minor, True, variant)


@pytest.fixture
def engine_dir(tmp_path: Path, cuda_objects: dict[str, Path]) -> Callable[[str, str], Path]:
    """A llama.cpp install: bin/llama-server linked against lib/libggml-cuda.so through
    RUNPATH $ORIGIN/../lib (how cmake --install lays it out), or a binary with the
    library beside it and no link (ggml's GGML_BACKEND_DL)."""

    def make(library: str, layout: str) -> Path:
        root = tmp_path / f"{library}-{layout}"
        lib = root / ("lib" if layout == "runpath" else "bin")
        (root / "bin").mkdir(parents=True)
        lib.mkdir(exist_ok=True)
        shutil.copy(cuda_objects[library], lib / "libggml-cuda.so")
        (root / "main.c").write_text(MAIN_C)
        binary = root / "bin" / "llama-server"
        link = (
            ["-L", str(lib), "-lggml-cuda", "-Wl,-rpath,$ORIGIN/../lib"]
            if layout == "runpath"
            else []
        )
        source = root / "main.c"
        if layout != "runpath":
            source.write_text("int main(void) { return 0; }\n")
        subprocess.run(
            ["gcc", "-o", str(binary), str(source), *link], check=True, capture_output=True
        )
        return binary

    return make


# -- reading what nvcc wrote -------------------------------------------------------------


def test_sass_only_library(cuda_objects: dict[str, Path]) -> None:
    assert read_fatbin(cuda_objects["orin_ada"]) == (sass(8, 7), sass(8, 9))


def test_compressed_sass_and_ptx_for_thor(cuda_objects: dict[str, Path]) -> None:
    code = read_fatbin(cuda_objects["thor"])
    assert code == (sass(11, 0), ptx(11, 0))
    assert BinaryCuda("x", "x", code).names() == ["sm_110", "PTX compute_110"]


def test_ptx_only_object(cuda_objects: dict[str, Path]) -> None:
    assert read_fatbin(cuda_objects["ptx_only"]) == (ptx(12, 0),)


def test_architecture_and_family_specific_variants(cuda_objects: dict[str, Path]) -> None:
    code = read_fatbin(cuda_objects["variants"])
    assert set(code) == {sass(9, 0, "a"), sass(12, 0, "f")}
    assert sorted(c.name for c in code) == ["sm_120f", "sm_90a"]


def test_static_executable_carries_its_own_code(cuda_objects: dict[str, Path]) -> None:
    found = cuda_code_of(cuda_objects["static_exe"])
    assert found.code == (sass(8, 9),)
    assert found.path == str(cuda_objects["static_exe"].resolve())
    assert found.describe() == "CUDA sm_89"


@pytest.mark.parametrize("layout", ["runpath", "beside"])
def test_library_found_from_the_binary(engine_dir: Callable[[str, str], Path], layout: str) -> None:
    binary = engine_dir("orin_ada", layout)
    found = cuda_code_of(binary)
    assert found.code == (sass(8, 7), sass(8, 9))
    assert found.path is not None and found.path.endswith("libggml-cuda.so")
    assert found.describe().startswith("CUDA sm_87, sm_89 (in ")


def test_cpu_build_and_non_elf_files(tmp_path: Path) -> None:
    cpu = cuda_code_of(shutil.which("true") or "/bin/true")
    assert not cpu.is_cuda and not cpu.error
    assert cpu.describe() == "CPU build (no CUDA code)"
    script = tmp_path / "vllm"
    script.write_text("#!/usr/bin/env python3\n")
    found = cuda_code_of(script)
    assert found.error.startswith("not an ELF binary")
    assert found.describe().startswith("architectures not read: not an ELF binary")
    with pytest.raises(NotElfError):
        read_fatbin(script)
    assert cuda_code_of(tmp_path / "missing").error  # an unreadable path is said, not raised


def test_damaged_fatbin_is_not_believed(cuda_objects: dict[str, Path]) -> None:
    data = bytearray(cuda_objects["orin_ada"].read_bytes())
    start = bytes(data).find((0xBA55ED50).to_bytes(4, "little"))
    assert start > 0
    size = 16 + int.from_bytes(data[start + 8 : start + 16], "little")
    blob = bytes(data[start : start + size])  # the first blob alone
    assert sass(8, 7) in parse_fatbin(blob)
    # An entry header whose architecture is nonsense ends the blob's parse.
    broken = bytearray(blob)
    broken[16 + 28 : 16 + 32] = (7).to_bytes(4, "little")
    assert sass(8, 7) not in parse_fatbin(bytes(broken))
    assert parse_fatbin(b"\0" * 64) == []
    assert parse_fatbin(blob[:20]) == []  # cut short


# -- what runs where ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gpu", "runs"),
    [
        ("8.7", ["sm_87"]),  # Orin: its own SASS
        ("8.9", ["sm_87", "sm_89"]),  # SASS runs on the same major, newer minor
        ("8.6", []),  # an older minor does not
        ("9.0", []),  # nor another major
    ],
)
def test_sass_runs_within_its_major(gpu: str, runs: list[str]) -> None:
    code = [sass(8, 7), sass(8, 9)]
    assert [c.name for c in can_run(code, cc(gpu))] == runs


def test_ptx_is_compiled_for_newer_gpus_only() -> None:
    assert can_run([ptx(8, 9)], cc("12.0")) == [ptx(8, 9)]
    assert can_run([ptx(12, 0)], cc("8.9")) == []
    assert can_run([ptx(9, 0, "a")], cc("10.0")) == []  # compute_90a is Hopper's alone
    assert can_run([sass(9, 0, "a")], cc("9.0")) == [sass(9, 0, "a")]
    assert can_run([sass(12, 0, "f")], cc("12.1")) == [sass(12, 0, "f")]  # GB10
    assert can_run([sass(12, 0, "f")], cc("11.0")) == []


def test_mismatch_warning_names_the_fix(cuda_objects: dict[str, Path]) -> None:
    found = cuda_code_of(cuda_objects["orin_ada"])
    warning = arch_mismatch(found, [cc("11.0")])
    assert warning is not None
    assert "sm_87, sm_89" in warning and "11.0 (Blackwell, Jetson Thor)" in warning
    assert "no kernel image is available" in warning
    assert warning.endswith('cmake -B build -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES="110"')
    assert arch_mismatch(found, [cc("8.9")]) is None
    assert arch_mismatch(cuda_code_of(shutil.which("true") or "/bin/true"), [cc("8.9")]) is None
    assert cmake_fix(cc("12.1")).endswith('"121"')


# -- doctor ---------------------------------------------------------------------------------


def test_doctor_prints_the_architectures_and_warns_on_a_mismatch(
    engine_dir: Callable[[str, str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    binary = engine_dir("orin_ada", "runpath")
    monkeypatch.setenv("PATH", f"{binary.parent}:/usr/bin:/bin")
    report = run_doctor(
        ConfigStore(tmp_path / "config.toml"),
        nvml=Nvml(FakeNvml([FakeGpu.thor()]), load_file=None),
        audio=lambda: AudioStatus(False, "no PortAudio"),
    )
    text = report.text()
    assert "GPU 0: NVIDIA Thor (unified memory), compute capability 11.0 (Blackwell, " in text
    lines = text.splitlines()
    at = lines.index(f"  llama-server: {binary}")
    assert lines[at + 1].startswith("    CUDA sm_87, sm_89 (in ")
    assert lines[at + 2].startswith("    WARNING: The CUDA code in libggml-cuda.so")
    assert "vllm: not found" in text


# -- before start: a warning to confirm ------------------------------------------------------


def llama_profile(binary: Path, tmp_path: Path, **kw: object) -> ServerProfile:
    model = tmp_path / "model.gguf"
    model.write_bytes(b"not read here")
    return ServerProfile(
        name="thor llama",
        engine=Engine.LLAMA_CPP,
        executable=str(binary),
        model=str(model),
        port=pick_free_port(),
        **kw,  # type: ignore[arg-type]
    )


def snapshot_of(*gpus: FakeGpu) -> GpuSnapshot:
    nvml = Nvml(FakeNvml(list(gpus)), load_file=None)
    try:
        return nvml.snapshot()
    finally:
        nvml.shutdown()


def test_preflight_warns_only_when_no_code_runs_on_the_gpus_in_use(
    engine_dir: Callable[[str, str], Path], tmp_path: Path
) -> None:
    profile = llama_profile(engine_dir("orin_ada", "runpath"), tmp_path)
    problem = cuda_arch_problem(profile, snapshot_of(FakeGpu.thor()))
    assert problem is not None and problem.code == "cuda-arch"
    assert 'CMAKE_CUDA_ARCHITECTURES="110"' in problem.message
    assert cuda_arch_problem(profile, snapshot_of(FakeGpu(compute_capability=(8, 9)))) is None
    # Two GPUs, the server sees only the Thor one: warned.
    both = snapshot_of(FakeGpu(compute_capability=(8, 9)), FakeGpu.thor())
    assert cuda_arch_problem(profile, both) is None
    only_thor = replace(profile, env={"CUDA_VISIBLE_DEVICES": "1"})
    assert cuda_arch_problem(only_thor, both) is not None
    # Nothing known, nothing said: no GPU read, or a CPU build.
    assert cuda_arch_problem(profile, None) is None
    cpu = llama_profile(Path(shutil.which("true") or "/bin/true"), tmp_path)
    assert cuda_arch_problem(cpu, snapshot_of(FakeGpu.thor())) is None
    # Blocking checks are unchanged: this is a warning to confirm, not a refusal.
    assert all(p.code != "cuda-arch" for p in preflight(profile, check_port=False))


def test_start_asks_before_launching_a_build_for_other_gpus(
    engine_dir: Callable[[str, str], Path],
    tmp_path: Path,
    make_window: Any,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    profile = llama_profile(engine_dir("orin_ada", "runpath"), tmp_path)
    window = make_window([profile], FakeNvml([FakeGpu.thor()]))
    window.show_gpu()  # sample, so the check knows the GPU
    qtbot.waitUntil(lambda: window.sampler.latest() is not None, timeout=5000)
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        window, "_confirm", lambda title, text, yes: asked.append((title, text)) or False
    )
    window.act_start.trigger()
    assert [title for title, _ in asked] == ["Built for other GPUs"]
    assert "no kernel image is available" in asked[0][1]
    assert window.hub.running() == []  # the user said no


# -- after a failure: the engines' words, explained ---------------------------------------

# As ggml-cuda.cu's ggml_cuda_error prints it (llama.cpp b6000 and later).
LLAMA_NO_KERNEL = [
    "ggml_cuda_compute_forward: ADD failed",
    "CUDA error: no kernel image is available for execution on the device",
    "  current device: 0, in function ggml_cuda_compute_forward at "
    "/llama.cpp/ggml/src/ggml-cuda/ggml-cuda.cu:2522",
    "  err",
    "/llama.cpp/ggml/src/ggml-cuda/ggml-cuda.cu:84: CUDA error",
]
# torch/cuda/__init__.py's _check_capability warning, as vLLM's log shows it.
TORCH_TOO_OLD = [
    "/usr/local/lib/python3.12/dist-packages/torch/cuda/__init__.py:287: UserWarning: ",
    "NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current "
    "PyTorch installation.",
    "The current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_70 sm_75 sm_80 "
    "sm_86 sm_90.",
    "If you want to use the NVIDIA GeForce RTX 5090 GPU with PyTorch, please check the "
    "instructions at https://pytorch.org/get-started/locally/",
    "RuntimeError: CUDA error: no kernel image is available for execution on the device",
]


def test_llama_cpp_no_kernel_image_is_explained_with_the_fix() -> None:
    reason = explain_exit(None, adapter_for(Engine.LLAMA_CPP), None, 6, (*LLAMA_NO_KERNEL,))
    assert reason.startswith("the engine's CUDA code was built for other GPUs")
    assert '-DCMAKE_CUDA_ARCHITECTURES="89"' in reason and "doctor" in reason


def test_pytorch_capability_error_is_explained() -> None:
    reason = explain_exit(None, adapter_for(Engine.VLLM), 1, None, ("noise", *TORCH_TOO_OLD))
    assert reason.startswith(
        "this PyTorch build has no code for NVIDIA GeForce RTX 5090 (compute capability "
        "12.0, sm_120; it has sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 sm_90). Install a PyTorch"
    )
    assert "CUDA 12.8 or newer" in reason


def test_other_failures_are_left_to_the_engine() -> None:
    assert explain_cuda_failure(["error: failed to open model"]) is None
    reason = explain_exit(None, adapter_for(Engine.LLAMA_CPP), 1, None, ("x: failed",))
    assert "CUDA" not in reason
