"""The NVIDIA Container Toolkit's CDI spec: how podman (rootless too) and newer Docker give
a container the GPU (``--device nvidia.com/gpu=all``). ``nvidia-ctk cdi generate`` writes
it to /etc/cdi (or the toolkit's service to /var/run/cdi); a runtime reads every spec in
those folders, YAML or JSON, and one whose ``kind`` is ``nvidia.com/gpu`` names the GPUs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

__all__ = ["CDI_FOLDERS", "nvidia_cdi_specs"]

#: Where container runtimes look for CDI specs, in their order.
CDI_FOLDERS = (Path("/etc/cdi"), Path("/var/run/cdi"))

# `kind: nvidia.com/gpu` in YAML, `"kind": "nvidia.com/gpu"` in JSON.
_NVIDIA_KIND = re.compile(r"""["']?kind["']?\s*:\s*["']?nvidia\.com/gpu["']?""")
#: A spec names its kind at the top: no need to read a big one whole.
_HEAD = 64 * 1024


def nvidia_cdi_specs(folders: Sequence[Path] = CDI_FOLDERS) -> list[Path]:
    """The CDI spec files of NVIDIA GPUs in ``folders`` (none readable: an empty list)."""
    found: list[Path] = []
    for folder in folders:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue  # no such folder, or not ours to read
        for path in entries:
            if path.suffix not in (".yaml", ".yml", ".json"):
                continue
            try:
                with path.open(encoding="utf-8", errors="replace") as spec:
                    head = spec.read(_HEAD)
            except OSError:
                continue
            if _NVIDIA_KIND.search(head):
                found.append(path)
    return found
