"""``inference-panel doctor``: what this machine has, and what stands in each profile's way."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import Config, ConfigError, ConfigStore
from panel.core.engines import adapter_for
from panel.core.gpu.capability import ComputeCapability
from panel.core.gpu.cuda_arch import BinaryCuda, arch_mismatch, cuda_code_of
from panel.core.gpu.nvml import Nvml
from panel.core.i18n import translate
from panel.core.models.memory_fit import format_bytes
from panel.core.servers.preflight import Problem, preflight
from panel.core.speech.audio_devices import AudioStatus, list_input_devices


@dataclass(frozen=True)
class EngineFound:
    engine: Engine
    binary: str
    path: str | None
    version: str | None
    install_hint: str
    cuda: BinaryCuda | None = None  # native engines only: the CUDA code the binary carries


@dataclass
class DoctorReport:
    gpu_lines: list[str] = field(default_factory=list)
    engines: list[EngineFound] = field(default_factory=list)
    audio: AudioStatus | None = None
    config_path: Path | None = None
    config_error: str | None = None
    profiles: list[tuple[ServerProfile, list[Problem]]] = field(default_factory=list)
    container_lines: list[str] = field(default_factory=list)
    capabilities: list[ComputeCapability] = field(default_factory=list)

    def text(self) -> str:
        out = [translate("Doctor", "GPU")]
        out += [f"  {line}" for line in self.gpu_lines]
        out.append(translate("Doctor", "Engines"))
        for found in self.engines:
            if found.path:
                version = f" ({found.version})" if found.version else ""
                out.append(f"  {found.binary}: {found.path}{version}")
                if found.cuda is not None:
                    out.append(f"    {found.cuda.describe()}")
                    mismatch = arch_mismatch(found.cuda, self.capabilities)
                    if mismatch:
                        warning = translate("Doctor", "WARNING: {problem}")
                        out.append("    " + warning.format(problem=mismatch))
            else:
                missing = translate("Doctor", "{binary}: not found. {hint}")
                hint = translate("Engines", found.install_hint)
                out.append("  " + missing.format(binary=found.binary, hint=hint))
        out.append(translate("Doctor", "Containers"))
        out += [f"  {line}" for line in self.container_lines]
        out.append(translate("Doctor", "Audio input"))
        if self.audio is None or not self.audio.available:
            unchecked = translate("Doctor", "not checked")
            out.append(f"  {self.audio.reason if self.audio else unchecked}")
        else:
            for dev in self.audio.devices:
                mark = translate("Doctor", " (default)") if dev.is_default else ""
                out.append(
                    f"  [{dev.index}] {dev.name}{mark}, {dev.channels} ch, "
                    f"{dev.default_samplerate:g} Hz"
                )
        out.append(translate("Doctor", "Config"))
        out.append(f"  {self.config_path}")
        if self.config_error:
            error = translate("Doctor", "ERROR: {error}")
            out.append("  " + error.format(error=self.config_error))
        out.append(translate("Doctor", "Profiles"))
        if not self.profiles and not self.config_error:
            out.append("  " + translate("Doctor", "none"))
        for profile, problems in self.profiles:
            where = profile.attach_url or f"{profile.host}:{profile.port}"
            status = translate("Doctor", "ok") if not problems else "; ".join(map(str, problems))
            out.append(f"  {profile.name} [{profile.engine.value}, {where}]: {status}")
        return "\n".join(out) + "\n"


def engine_version(path: str, engine: Engine, timeout: float = 20.0) -> str | None:
    """The first useful line of ``--version``; whisper-server has no such flag."""
    if engine is Engine.WHISPER_CPP:
        return None
    try:
        done = subprocess.run(
            [path, "--version"], capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (done.stdout + done.stderr).decode("utf-8", "replace")
    for line in text.splitlines():
        line = line.strip()
        if line and "ggml_" not in line and "load_backend" not in line:
            return line[:120]
    return None


def gpu_lines(nvml: Nvml) -> list[str]:
    snapshot = nvml.snapshot()
    if not snapshot.status.available:
        # The same words as the GPU tab's (its catalogue entries, context GpuPanel).
        return [translate("GpuPanel", snapshot.status.reason)]
    lines = []
    if snapshot.status.driver_version:
        driver = translate("Doctor", "NVIDIA driver {version}")
        lines.append(driver.format(version=snapshot.status.driver_version))
    for gpu in snapshot.gpus:
        util = (
            translate("Doctor", ", {percent} % busy").format(percent=f"{gpu.utilization:.0f}")
            if gpu.utilization is not None
            else ""
        )
        kind = translate("Doctor", " (unified memory)") if gpu.unified_memory else ""
        cc = gpu.compute_capability
        capability = (
            translate("Doctor", ", compute capability {cc}").format(cc=cc.describe()) if cc else ""
        )
        line = translate("Doctor", "GPU {index}: {name}{kind}{capability}, {used} of {total} used")
        lines.append(
            line.format(
                index=gpu.index,
                name=gpu.name,
                kind=kind,
                capability=capability,
                used=format_bytes(gpu.memory_used),
                total=format_bytes(gpu.memory_total),
            )
            + util
        )
    return lines


def run_doctor(
    store: ConfigStore,
    *,
    nvml: Nvml | None = None,
    audio: Callable[[], AudioStatus] = list_input_devices,
) -> DoctorReport:
    report = DoctorReport(config_path=store.path)
    nvml = nvml or Nvml()
    try:
        report.gpu_lines = gpu_lines(nvml)
        report.capabilities = [
            gpu.compute_capability for gpu in nvml.snapshot().gpus if gpu.compute_capability
        ]
    finally:
        nvml.shutdown()
    engines = [e for e in Engine if e is not Engine.CUSTOM]
    with ThreadPoolExecutor(max_workers=len(engines)) as pool:
        report.engines = list(pool.map(_find_engine, engines))
    report.container_lines = container_lines()
    report.audio = audio()
    config: Config | None = None
    try:
        config = store.load()
    except ConfigError as exc:
        report.config_error = str(exc)
    if config is not None:
        for profile in config.profiles:
            report.profiles.append((profile, preflight(profile)))
    return report


def cdi_line(folders: Sequence[Path] | None = None) -> str:
    """Whether the NVIDIA Container Toolkit's CDI spec is there: podman's way (rootless
    too) to a GPU, and newer Docker's."""
    from panel.core.servers.containers.cdi import CDI_FOLDERS, nvidia_cdi_specs

    folders = CDI_FOLDERS if folders is None else folders
    specs = nvidia_cdi_specs(folders)
    if specs:
        found = translate("Doctor", "NVIDIA CDI spec (--device nvidia.com/gpu=all): {paths}")
        return found.format(paths=", ".join(str(path) for path in specs))
    missing = translate(
        "Doctor",
        "NVIDIA CDI spec: none in {folders} (podman gives a container the GPU through "
        "it: sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml)",
    )
    return missing.format(folders=", ".join(str(folder) for folder in folders))


def container_lines(
    path_env: str | None = None, cdi_folders: Sequence[Path] | None = None
) -> list[str]:
    """The container runtime: found? daemon up? rootless? NVIDIA runtime or CDI spec? our
    containers running?"""
    from panel.core.config.profiles import ContainerSpec
    from panel.core.servers.containers import (
        INSTALL_HINT,
        ContainerRuntime,
        ContainerRuntimeError,
        resolve_runtime,
    )

    exe = resolve_runtime(ContainerSpec(), path_env)
    if exe is None:
        missing = translate("Doctor", "docker / podman: not found. {hint}")
        return [missing.format(hint=translate("Containers", INSTALL_HINT))]
    runtime = ContainerRuntime(exe)
    try:
        version = runtime.check()
        found = translate("Doctor", "{runtime}: {path} (server {version})")
        lines = [found.format(runtime=runtime.name, path=exe, version=version)]
        known = runtime.runtimes()
        if known is not None:
            has = "nvidia" in known
            answer = translate("Doctor", "yes") if has else translate("Doctor", "no")
            lines.append(
                translate("Doctor", "NVIDIA runtime (--runtime=nvidia): {answer}").format(
                    answer=answer
                )
            )
        rootless = runtime.rootless()
        if rootless is not None:
            answer = translate("Doctor", "yes") if rootless else translate("Doctor", "no")
            lines.append(translate("Doctor", "rootless: {answer}").format(answer=answer))
        lines.append(cdi_line(cdi_folders))
        running = runtime.list_managed()
        lines.append(
            translate("Doctor", "panel containers running: {count}").format(count=len(running))
        )
        lines += [f"  {info.name} ({info.profile_name})" for info in running]
        return lines
    except ContainerRuntimeError as exc:
        return [f"{runtime.name}: {exe}: {exc}"]


def _find_engine(engine: Engine) -> EngineFound:
    adapter = adapter_for(engine)
    probe = ServerProfile(name="", engine=engine)
    path = adapter.resolve_executable(probe)
    version = engine_version(path, engine) if path else None
    # vLLM is a Python entry point: its CUDA code is PyTorch's, not in the script.
    native = engine in (Engine.LLAMA_CPP, Engine.WHISPER_CPP)
    cuda = cuda_code_of(path) if path and native else None
    return EngineFound(engine, adapter.binary, path, version, adapter.install_hint, cuda)
