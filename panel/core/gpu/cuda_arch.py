"""Which CUDA architectures an engine binary carries, and whether any runs on this GPU.

A llama.cpp build holds its CUDA code as a *fat binary*: SASS (machine code for one
architecture, ``sm_89``) and PTX (an intermediate form the driver compiles for newer
GPUs). It sits in the ``.nv_fatbin`` section of the ELF file that has the CUDA code:
``llama-server`` itself for a static build, else ``libggml-cuda.so`` (found through the
binary's ``DT_NEEDED`` and ``RUNPATH``, or beside the binary, where ggml's
``GGML_BACKEND_DL`` builds load it from). A build for the wrong architectures starts,
then fails with "no kernel image is available for execution on the device".

The section holds one or more fatbin blobs, each a 16-byte header (magic ``0xBA55ED50``,
version, header size, size of the entries) and entries. Each entry starts with a header
that says its kind (1 PTX, 2 ELF cubin), its header and payload sizes, the PTX or cubin
format version and the architecture number, and flags (``0x8000`` zstd-compressed,
``0x100000`` an ``a`` variant, ``0x200000`` an ``f`` variant). That layout is not
documented by NVIDIA; it is the one read by open tools (e.g. gpuocelot's fatbin
decompressor, ``cuobjdump`` clones) and checked in tests/test_cuda_arch.py against
objects nvcc 13.0 builds. Payloads are skipped, never decompressed.
"""

from __future__ import annotations

import functools
import io
import os
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.gpu.capability import ComputeCapability
from panel.core.i18n import translate
from panel.core.servers.preflight import Problem

if TYPE_CHECKING:
    from panel.core.engines import EngineAdapter
    from panel.core.gpu.nvml import GpuSnapshot

__all__ = [
    "BinaryCuda",
    "CudaCode",
    "NotElfError",
    "arch_mismatch",
    "can_run",
    "cmake_fix",
    "cuda_arch_problem",
    "cuda_code_of",
    "parse_fatbin",
    "read_fatbin",
]

FATBIN_MAGIC = 0xBA55ED50
_FATBIN_SECTIONS = (b".nv_fatbin", b"__nv_relfatbin")
_KIND_PTX = 1
_KIND_CUBIN = 2
_FLAG_COMPRESSED = 0x8000
_FLAG_ARCH_SPECIFIC = 0x100000  # sm_90a
_FLAG_FAMILY = 0x200000  # sm_120f
# No engine library carries more; a corrupt file must not make us loop for long.
_MAX_ENTRIES = 4096
_DT_NEEDED, _DT_RPATH, _DT_RUNPATH, _DT_STRTAB = 1, 15, 29, 5
_SHT_DYNAMIC = 6


class NotElfError(ValueError):
    """The file is not an ELF binary (a script, a Python entry point, a missing file)."""


@dataclass(frozen=True, slots=True, order=True)
class CudaCode:
    """One entry of a fat binary: SASS or PTX for one architecture."""

    major: int
    minor: int
    ptx: bool
    variant: str = ""  # "", "a" or "f"

    @property
    def name(self) -> str:
        """'sm_89', 'sm_90a', or 'PTX compute_120'."""
        arch = f"{self.major}{self.minor}{self.variant}"
        return f"PTX compute_{arch}" if self.ptx else f"sm_{arch}"

    def runs_on(self, cc: ComputeCapability) -> bool:
        """Whether the driver can run this entry on a GPU of capability ``cc``."""
        if self.variant == "a":
            return (cc.major, cc.minor) == (self.major, self.minor)
        if self.variant == "f" or not self.ptx:
            return cc.major == self.major and cc.minor >= self.minor
        return (cc.major, cc.minor) >= (self.major, self.minor)  # PTX: JIT for newer GPUs


@dataclass(frozen=True, slots=True)
class BinaryCuda:
    """What an engine binary carries. ``path`` is the file that holds the CUDA code (the
    binary or its libggml-cuda), None for a CPU build. ``error`` says why nothing could be
    read (not an ELF file, unreadable)."""

    binary: str
    path: str | None
    code: tuple[CudaCode, ...]
    error: str = ""

    @property
    def is_cuda(self) -> bool:
        return bool(self.code)

    def names(self) -> list[str]:
        """SASS first, then PTX, each by architecture: ['sm_89', 'sm_110', 'PTX compute_120']."""
        return [c.name for c in sorted(self.code, key=lambda c: (c.ptx, c.major, c.minor))]

    def describe(self) -> str:
        """One line for doctor: 'CUDA sm_87, sm_89, PTX compute_89 (in …/libggml-cuda.so)'."""
        if self.error:
            return translate("Doctor", "architectures not read: {error}").format(error=self.error)
        if not self.code:
            return translate("Doctor", "CPU build (no CUDA code)")
        names = ", ".join(self.names())
        if self.path and self.path != self.binary:
            return translate("Doctor", "CUDA {names} (in {path})").format(
                names=names, path=self.path
            )
        return f"CUDA {names}"


def can_run(code: Iterable[CudaCode], cc: ComputeCapability) -> list[CudaCode]:
    """The entries that can run on ``cc``: SASS that matches, or PTX the driver compiles."""
    return [c for c in code if c.runs_on(cc)]


def cmake_fix(cc: ComputeCapability) -> str:
    """The rebuild the llama.cpp build guide gives for a GPU the build does not cover."""
    return f'cmake -B build -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES="{cc.sm}"'


# -- ELF ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Section:
    name: bytes
    kind: int
    offset: int
    size: int
    link: int


class _Elf:
    """The little an ELF reader needs here: section headers and the dynamic section."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        ident = file.read(16)
        if len(ident) < 16 or ident[:4] != b"\x7fELF":
            raise NotElfError(translate("Doctor", "not an ELF binary"))
        if ident[4] not in (1, 2) or ident[5] not in (1, 2):
            raise NotElfError(translate("Doctor", "unknown ELF class or byte order"))
        self.wide = ident[4] == 2
        self.end = "<" if ident[5] == 1 else ">"
        header = file.read(48 if self.wide else 36)
        if self.wide:
            fields = struct.unpack(self.end + "HHIQQQIHHHHHH", header)
        else:
            fields = struct.unpack(self.end + "HHIIIIIHHHHHH", header)
        shoff, shentsize, shnum, shstrndx = fields[5], fields[10], fields[11], fields[12]
        self.sections = self._read_sections(shoff, shentsize, shnum, shstrndx)

    def _read_sections(
        self, shoff: int, shentsize: int, shnum: int, shstrndx: int
    ) -> list[_Section]:
        if not shoff or not shnum or shnum > 65000:
            return []
        self.file.seek(shoff)
        table = self.file.read(shentsize * shnum)
        if len(table) < shentsize * shnum:
            raise NotElfError(translate("Doctor", "truncated section table"))
        form = self.end + ("IIQQQQIIQQ" if self.wide else "IIIIIIIIII")
        raw = [struct.unpack_from(form, table, i * shentsize) for i in range(shnum)]
        names = b""
        if 0 <= shstrndx < shnum:
            names = self._read(raw[shstrndx][4], raw[shstrndx][5])
        sections = []
        for entry in raw:
            name_at = entry[0]
            name = names[name_at : names.find(b"\0", name_at)] if name_at < len(names) else b""
            sections.append(_Section(name, entry[1], entry[4], entry[5], entry[6]))
        return sections

    def _read(self, offset: int, size: int) -> bytes:
        self.file.seek(offset)
        return self.file.read(size)

    def section(self, name: bytes) -> _Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def read(self, section: _Section) -> bytes:
        return self._read(section.offset, section.size)

    def dynamic(self) -> tuple[list[str], list[str]]:
        """(DT_NEEDED names, RUNPATH/RPATH folders) of a dynamically linked binary."""
        dyn = next((s for s in self.sections if s.kind == _SHT_DYNAMIC), None)
        if dyn is None or not 0 <= dyn.link < len(self.sections):
            return [], []
        strings = self.read(self.sections[dyn.link])
        data = self.read(dyn)
        form = self.end + ("qQ" if self.wide else "iI")
        step = struct.calcsize(form)
        needed: list[str] = []
        paths: list[str] = []
        for at in range(0, len(data) - step + 1, step):
            tag, value = struct.unpack_from(form, data, at)
            if tag == 0:
                break
            if tag in (_DT_NEEDED, _DT_RPATH, _DT_RUNPATH) and value < len(strings):
                text = strings[value : strings.find(b"\0", value)].decode("utf-8", "replace")
                if tag == _DT_NEEDED:
                    needed.append(text)
                else:
                    paths += [p for p in text.split(":") if p]
        return needed, paths


# -- fat binaries ------------------------------------------------------------------------


class _Window:
    """A section of the file read on demand: libggml-cuda's fat binary can be hundreds of
    MB, of which only the entry headers are read."""

    def __init__(self, file: BinaryIO, offset: int, size: int) -> None:
        self.file, self.offset, self.size = file, offset, size

    def read(self, at: int, size: int) -> bytes:
        if at < 0 or at + size > self.size:
            return b""
        self.file.seek(self.offset + at)
        return self.file.read(size)


def parse_fatbin(data: bytes) -> list[CudaCode]:
    """The entries of a fat binary section's contents, in order (duplicates kept)."""
    return _parse_fatbin(_Window(io.BytesIO(data), 0, len(data)))


def _parse_fatbin(window: _Window) -> list[CudaCode]:
    size, read = window.size, window.read
    found: list[CudaCode] = []
    at = 0
    entries = 0
    while at + 16 <= size:
        head = read(at, 16)
        if len(head) < 16:
            break
        magic, _version, header_size, blob_size = struct.unpack("<IHHQ", head)
        if magic != FATBIN_MAGIC:
            at += 8  # blobs are 8-byte aligned; padding between them is zeros
            continue
        entry = at + header_size
        end = min(entry + blob_size, size)
        while entry + 48 <= end and entries < _MAX_ENTRIES:
            fields = read(entry, 48)
            kind, _ver, entry_header, payload = struct.unpack_from("<HHIQ", fields)
            arch = struct.unpack_from("<I", fields, 28)[0]
            flags = struct.unpack_from("<Q", fields, 40)[0]
            if entry_header < 48 or not 10 <= arch < 1000:
                break  # not an entry header: the rest of this blob cannot be trusted
            if kind in (_KIND_PTX, _KIND_CUBIN):
                variant = (
                    "a" if flags & _FLAG_ARCH_SPECIFIC else "f" if flags & _FLAG_FAMILY else ""
                )
                found.append(CudaCode(arch // 10, arch % 10, kind == _KIND_PTX, variant))
            entries += 1
            entry += entry_header + payload
        at = max(end, at + 16)
    return found


def read_fatbin(path: str | os.PathLike[str]) -> tuple[CudaCode, ...]:
    """The distinct CUDA entries in an ELF file's fat binaries (empty: no CUDA code).

    Raises :class:`NotElfError` for a file that is not ELF and OSError when unreadable.
    Results are cached per file version (path, size, modification time).
    """
    stat = os.stat(path)
    return _read_fatbin_cached(os.fspath(path), stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _read_fatbin_cached(path: str, size: int, mtime_ns: int) -> tuple[CudaCode, ...]:
    with open(path, "rb") as file:
        elf = _Elf(file)
        code: set[CudaCode] = set()
        for name in _FATBIN_SECTIONS:
            section = elf.section(name)
            if section is not None:
                code.update(_parse_fatbin(_Window(file, section.offset, section.size)))
    return tuple(sorted(code))


def _cuda_libraries(binary: Path) -> list[Path]:
    """libggml-cuda files the binary loads: by DT_NEEDED through RUNPATH/RPATH (with
    $ORIGIN) or beside it, then any beside it (ggml's dynamic backends)."""
    try:
        with open(binary, "rb") as file:
            needed, paths = _Elf(file).dynamic()
    except (OSError, NotElfError, struct.error):
        needed, paths = [], []
    origin = str(binary.parent)
    folders = [Path(p.replace("$ORIGIN", origin).replace("${ORIGIN}", origin)) for p in paths]
    folders += [binary.parent, binary.parent.parent / "lib"]
    found: list[Path] = []
    for name in needed:
        if "ggml-cuda" not in name:
            continue
        for folder in folders:
            candidate = folder / name
            if candidate.is_file():
                found.append(candidate)
                break
    for candidate in sorted(binary.parent.glob("libggml-cuda*.so*")):
        if candidate not in found:
            found.append(candidate)
    return found


def cuda_code_of(binary: str | os.PathLike[str]) -> BinaryCuda:
    """What ``binary`` (llama-server, whisper-server) can run on: its own fat binary, or
    its libggml-cuda's. Never raises."""
    path = Path(binary).resolve()
    try:
        own = read_fatbin(path)
    except NotElfError as exc:
        return BinaryCuda(str(binary), None, (), f"{exc} ({path.name})")
    except (OSError, struct.error) as exc:
        return BinaryCuda(str(binary), None, (), str(exc) or type(exc).__name__)
    if own:
        return BinaryCuda(str(binary), str(path), own)
    for library in _cuda_libraries(path):
        try:
            code = read_fatbin(library)
        except (OSError, NotElfError, struct.error):
            continue
        if code:
            return BinaryCuda(str(binary), str(library), code)
    return BinaryCuda(str(binary), None, ())


def arch_mismatch(found: BinaryCuda, ccs: Sequence[ComputeCapability]) -> str | None:
    """A warning when ``found`` carries CUDA code and none of it runs on any of ``ccs``;
    None when something runs, for a CPU build, or when nothing is known."""
    if not found.code or not ccs:
        return None
    if any(can_run(found.code, cc) for cc in ccs):
        return None
    cc = ccs[0]
    gpu = cc.describe()
    text = translate(
        "Preflight",
        "The CUDA code in {file} ({names}) cannot run on this GPU (compute capability {gpu}); "
        'it would fail with "no kernel image is available". Rebuild llama.cpp for it: {fix}',
    )
    return text.format(
        file=Path(found.path or found.binary).name,
        names=", ".join(found.names()),
        gpu=gpu,
        fix=cmake_fix(cc),
    )


def cuda_arch_problem(
    profile: ServerProfile,
    snapshot: GpuSnapshot | None,
    adapter: EngineAdapter | None = None,
    path_env: str | None = None,
) -> Problem | None:
    """The check before a start, as a warning to confirm rather than a refusal: the engine
    binary (or its libggml-cuda) has CUDA code and none of it runs on the GPUs the server
    will see. Such a build starts, then fails with "no kernel image is available". None
    when nothing is known (no GPU read, a CPU build, a container, an attached server).

    It lives here, not in :mod:`panel.core.servers.preflight`, because the servers layer
    sits below the GPU layer (the import contract in pyproject.toml)."""
    from panel.core.engines import adapter_for

    native = profile.engine in (Engine.LLAMA_CPP, Engine.WHISPER_CPP)
    if not native or profile.attached or profile.container is not None or snapshot is None:
        return None
    visible = profile.env.get("CUDA_VISIBLE_DEVICES")
    gpus = list(snapshot.gpus)
    if visible is not None:
        wanted = {int(i) for i in visible.split(",") if i.strip().isdigit()}
        gpus = [gpu for gpu in gpus if gpu.index in wanted]
    ccs = [gpu.compute_capability for gpu in gpus if gpu.compute_capability is not None]
    exe = (adapter or adapter_for(profile.engine)).resolve_executable(profile, path_env)
    if not ccs or exe is None:
        return None
    message = arch_mismatch(cuda_code_of(exe), ccs)
    return Problem("cuda-arch", message) if message else None
