"""CUDA compute capability: which architecture a GPU is, and what code can run on it.

The table follows NVIDIA's "CUDA GPUs - Compute Capability" page
(https://developer.nvidia.com/cuda-gpus) and the CUDA C++ Programming Guide's
"Compute Capabilities" appendix as of CUDA 13.0. Two entries moved in CUDA 13: Jetson
Thor reports 11.0 (CUDA 12.8/12.9 called it 10.1, ``sm_101``), and 12.1 is the GB10 of
DGX Spark.

Compatibility rules (Programming Guide, "Binary Compatibility" and "PTX Compatibility"):

* SASS built for ``sm_XY`` runs on compute capability ``X.Z`` with ``Z >= Y``: same
  major, equal or newer minor. Never across majors.
* ``sm_XYa`` (architecture-specific, e.g. ``sm_90a``) runs on ``X.Y`` only.
* ``sm_XYf`` (family-specific, CUDA 12.9+, e.g. ``sm_120f``) runs on ``X.Z`` with
  ``Z >= Y``, like plain SASS.
* PTX for ``compute_XY`` is compiled by the driver for any ``X'.Y' >= X.Y``; the ``a`` and
  ``f`` PTX variants only within the same scope as their SASS.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ComputeCapability", "architecture_name"]

# (major, minor) -> architecture, with the product line where one number means one line.
_ARCHITECTURES: dict[tuple[int, int], str] = {
    (5, 0): "Maxwell",
    (5, 2): "Maxwell",
    (5, 3): "Maxwell, Jetson Nano",
    (6, 0): "Pascal",
    (6, 1): "Pascal",
    (6, 2): "Pascal, Jetson TX2",
    (7, 0): "Volta",
    (7, 2): "Volta, Jetson Xavier",
    (7, 5): "Turing",
    (8, 0): "Ampere",
    (8, 6): "Ampere",
    (8, 7): "Ampere, Jetson Orin",
    (8, 9): "Ada Lovelace",
    (9, 0): "Hopper",
    (10, 0): "Blackwell, B200 and GB200",
    (10, 1): "Blackwell, Jetson Thor under CUDA 12",
    (10, 3): "Blackwell, B300 and GB300",
    (11, 0): "Blackwell, Jetson Thor",
    (12, 0): "Blackwell, RTX 50 series and RTX PRO",
    (12, 1): "Blackwell, GB10 (DGX Spark)",
}
# A major alone, for minors the table does not know yet.
_FAMILIES = {
    5: "Maxwell",
    6: "Pascal",
    7: "Volta/Turing",
    8: "Ampere/Ada",
    9: "Hopper",
    10: "Blackwell",
    11: "Blackwell",
    12: "Blackwell",
}


def architecture_name(major: int, minor: int) -> str:
    """'Ada Lovelace' for 8.9; the family for an unknown minor; '' for an unknown major."""
    return _ARCHITECTURES.get((major, minor)) or _FAMILIES.get(major, "")


@dataclass(frozen=True, slots=True, order=True)
class ComputeCapability:
    """A GPU's CUDA compute capability, e.g. 8.9."""

    major: int
    minor: int

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}"

    @property
    def sm(self) -> str:
        """'89': the number in ``sm_89`` and in ``CMAKE_CUDA_ARCHITECTURES``."""
        return f"{self.major}{self.minor}"

    @property
    def architecture(self) -> str:
        return architecture_name(self.major, self.minor)

    def describe(self) -> str:
        """'8.9 (Ada Lovelace)', or '8.8' when the table does not know it."""
        name = self.architecture
        return f"{self} ({name})" if name else str(self)

    @classmethod
    def parse(cls, text: str) -> ComputeCapability | None:
        """'8.9', '89', 'sm_89', '120' -> a capability; None for anything else."""
        text = text.strip().lower().removeprefix("sm_").removeprefix("compute_").rstrip("af")
        major, dot, minor = text.partition(".")
        if dot:
            if major.isdigit() and minor.isdigit():
                return cls(int(major), int(minor))
            return None
        if text.isdigit() and len(text) >= 2:
            return cls(int(text[:-1]), int(text[-1]))
        return None
