"""The engines' own words when their CUDA code does not fit the GPU, said plainly with the
fix. Read from the log when a server ends (:mod:`panel.core.servers.exit_reasons`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from panel.core.i18n import translate

__all__ = ["explain_cuda_failure"]

# ggml-cuda.cu's ggml_cuda_error, and PyTorch's RuntimeError, for a build without code for
# this GPU: "CUDA error: no kernel image is available for execution on the device".
_NO_KERNEL_IMAGE = re.compile(r"no kernel image is available for execution on the device", re.I)
# PyTorch's warning (torch/cuda/__init__.py, _check_capability):
# "NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current
# PyTorch installation.\nThe current PyTorch install supports CUDA capabilities sm_50 ..."
# The GPU's name is bounded ({0,200}): an unbounded lazy ".*?" made each search cost the
# square of the line's length (25 s for one 64 KiB line of a crashed server's log).
_TORCH_CAPABILITY = re.compile(
    r"(?:(?P<gpu>\S.{0,200}?) with )?CUDA capability sm_(?P<sm>\d+) is not compatible with the "
    r"current PyTorch installation",
    re.I,
)
_TORCH_SUPPORTS = re.compile(r"PyTorch install supports CUDA capabilities (?P<list>[sm_\d ]+)")


def explain_cuda_failure(lines: Sequence[str]) -> str | None:
    """A plain sentence, with the fix, when a server's log shows that its CUDA code does
    not fit the GPU; None otherwise."""
    # Only lines with the words in them reach the pattern: a search is linear, but 200
    # times the line's length, and a log may hold 64 KiB lines.
    named = (line for line in reversed(lines) if "capability sm_" in line.lower())
    torch = next((m for m in map(_TORCH_CAPABILITY.search, named) if m), None)
    if torch is not None:
        sm = torch.group("sm")
        gpu = (torch.group("gpu") or "").strip() or translate("ExitReason", "the GPU")
        supports = next((m for m in map(_TORCH_SUPPORTS.search, reversed(lines)) if m), None)
        if supports:
            text = translate(
                "ExitReason",
                "this PyTorch build has no code for {gpu} (compute capability {capability}, "
                "sm_{sm}; it has {built}). Install a PyTorch and vLLM built for it (for "
                "Blackwell GPUs, wheels for CUDA 12.8 or newer), or use an image made for "
                "this GPU",
            )
        else:
            text = translate(
                "ExitReason",
                "this PyTorch build has no code for {gpu} (compute capability {capability}, "
                "sm_{sm}). Install a PyTorch and vLLM built for it (for Blackwell GPUs, "
                "wheels for CUDA 12.8 or newer), or use an image made for this GPU",
            )
        return text.format(
            gpu=gpu,
            capability=f"{sm[:-1]}.{sm[-1]}",
            sm=sm,
            built=supports.group("list").strip() if supports else "",
        )
    if any(_NO_KERNEL_IMAGE.search(line) for line in lines):
        return translate(
            "ExitReason",
            "the engine's CUDA code was built for other GPUs ("
            '"no kernel image is available for execution on the device"). Rebuild it'
            " for this GPU's compute capability "
            "without the dot (the GPU tab and `inference-panel doctor` show it; 89 here is "
            'an example): cmake -B build -DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES="89"',
        )
    return None
