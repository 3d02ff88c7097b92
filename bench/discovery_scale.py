"""Model discovery over a big folder tree: scan time, and the window while it runs.

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/discovery_scale.py
       [--files 10000] [--runs 5]

Builds, in a temporary folder, a tree of about ``--files`` files the way model folders
look: GGUF models by quantisation with projectors (real tiny GGUF files), whisper.cpp
ggml files, a Hugging Face hub cache (repos with two snapshots of symlinks into blobs/,
tokenizer files, a dataset), ModelScope-style Org/Name folders, and the clutter such
folders gather (READMEs, images, notes, a source checkout), at most 4 levels deep.

Measured alternately in one process (median of ``--runs``):

- walk: ``os.walk`` over the same roots, listing every name (the baseline: the least any
  scan that looks at every folder costs);
- scan: :func:`panel.core.models.discovery.scan_models` over them;
- view: the Models tab's view (``ModelsView``) shown, from Rescan to the table filled,
  with a 10 ms timer ticking on the GUI thread all along and 200 ms after (the new table's
  first layout and paint): the stall is the lateness of every tick due
  (bench/tick_lateness.py). The scan runs on the view's worker thread.

Goal: scan <= 1 s over 10,000 files, and the window keeps ticking (stall p99 <= 30 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tick_lateness import lateness_ms, summary  # noqa: E402

GOAL_SCAN_S = 1.0
GOAL_STALL_P99_MS = 30.0
TICK_S = 0.010


def build_tree(top: Path, files: int) -> list[Path]:
    """The model folders (the roots to scan); returns them."""
    import json

    import gguf
    import numpy as np

    def tiny_gguf(path: Path, arch: str, mmproj: bool = False) -> bytes:
        writer = gguf.GGUFWriter(path, arch)
        if mmproj:
            writer.add_type("mmproj")
            writer.add_bool("clip.has_vision_encoder", True)
            writer.add_uint32("clip.vision.projection_dim", 64)
        else:
            writer.add_context_length(4096)
            writer.add_embedding_length(64)
            writer.add_block_count(2)
            writer.add_head_count(4)
            writer.add_head_count_kv(2)
        writer.add_tensor("w.weight", np.zeros((16, 64), np.float16))
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_tensors_to_file()
        writer.close()
        return path.read_bytes()

    top.mkdir(parents=True, exist_ok=True)
    model_bytes = tiny_gguf(top / "seed.gguf", "llama")
    proj_bytes = tiny_gguf(top / "seed-mmproj.gguf", "clip", mmproj=True)
    (top / "seed.gguf").unlink()
    (top / "seed-mmproj.gguf").unlink()
    written = 0

    def put(path: Path, data: bytes = b"x") -> None:
        nonlocal written
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written += 1

    models = top / "models"
    for n in range(60):
        folder = models / f"family-{n % 6}" / f"Model-{n}-GGUF"
        for quant in ("Q4_K_M", "Q5_K_M", "Q8_0", "F16", "IQ3_XS"):
            put(folder / f"model-{n}-{quant}.gguf", model_bytes)
        put(folder / f"mmproj-model-{n}-f16.gguf", proj_bytes)
        put(folder / "README.md", b"# a model card\n" * 40)
    header = (0x67676D6C).to_bytes(4, "little") + b"".join(
        v.to_bytes(4, "little") for v in (51864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1)
    )
    for n in range(40):
        put(models / "whisper" / f"ggml-model-{n}.bin", header + b"\0" * 256)
    hub = top / "hub"
    config = json.dumps({"model_type": "llama", "architectures": ["LlamaForCausalLM"]})
    tokenizer = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                 "generation_config.json", "vocab.json", "merges.txt")  # fmt: skip
    for n in range(100):
        repo = hub / f"models--org{n % 10}--model-{n}"
        for number, revision in enumerate(("a" * 40, "b" * 40)):
            snapshot = repo / "snapshots" / revision
            snapshot.mkdir(parents=True, exist_ok=True)
            for name in ("config.json", "model.safetensors", *tokenizer):
                blob = repo / "blobs" / f"{name}-{number}"
                put(blob, config.encode() if name == "config.json" else b"\0" * 64)
                (snapshot / name).symlink_to(os.path.relpath(blob, snapshot))
                written += 1
        (repo / "refs").mkdir(exist_ok=True)
        (repo / "refs" / "main").write_text("b" * 40)
    for n in range(400):
        put(hub / "datasets--org--big" / "blobs" / f"part-{n}.parquet")
    modelscope = top / "modelscope"
    for n in range(50):
        folder = modelscope / f"Org{n % 5}" / f"Name-{n}"
        put(folder / "config.json", config.encode())
        put(folder / "model.safetensors", b"\0" * 64)
        for name in tokenizer:
            put(folder / name, b"{}")
    clutter = top / "models" / "clutter"
    n = 0
    while written < files:
        put(clutter / f"project-{n // 400}" / f"src-{n // 40 % 10}" / f"file-{n}.py", b"pass\n")
        n += 1
    return [models, hub, modelscope]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from panel.core.models.discovery import scan_models
    from panel.ui.models.view import ModelsView

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        roots = build_tree(Path(tmp) / "tree", args.files)
        total = sum(len(f) for r in roots for _, _, f in os.walk(r))  # symlinks included
        links = sum(1 for r in roots for p in r.rglob("*") if p.is_symlink())
        print(
            f"tree: {total} files ({links} of them symlinks into blobs/) under {len(roots)} roots"
        )

        def walk() -> float:
            t = time.perf_counter()
            for root in roots:
                for _ in os.walk(root):
                    pass
            return time.perf_counter() - t

        def scan() -> tuple[float, int]:
            t = time.perf_counter()
            found = scan_models(roots)
            return time.perf_counter() - t, len(found)

        view = ModelsView(folders=roots, scan_when_shown=True)
        view.resize(1000, 700)
        view.show()
        view.wait_for_scan(60_000)

        def in_view() -> tuple[float, dict[str, float]]:
            ticks: list[float] = []
            timer = QTimer()
            timer.setTimerType(Qt.TimerType.PreciseTimer)
            timer.setInterval(int(TICK_S * 1000))
            timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
            timer.start()
            t = time.perf_counter()
            view.rescan_button.click()
            while view.is_scanning():
                app.processEvents()
            elapsed = time.perf_counter() - t
            # The new table is laid out and painted after it is filled: count that too.
            settle = time.perf_counter() + 0.2
            while time.perf_counter() < settle:
                app.processEvents()
            timer.stop()
            return elapsed, summary(lateness_ms(ticks, TICK_S))

        walk(), scan()  # warm the page cache and the imports
        walks, scans, views, stalls = [], [], [], []
        models = 0
        for _ in range(args.runs):
            walks.append(walk())
            elapsed, models = scan()
            scans.append(elapsed)
            elapsed, stall = in_view()
            views.append(elapsed)
            stalls.append(stall)
        shown = len(view.models())
        view.close()
    w, s, v = (statistics.median(x) for x in (walks, scans, views))
    p99 = statistics.median(st["stall_p99"] for st in stalls)
    worst = max(st["stall_max"] for st in stalls)
    print(f"\nmedian of {args.runs}, alternating; {models} models found, {shown} in the table")
    print(f"{'walk: os.walk over the roots (baseline)':<44}{w * 1000:>8.0f} ms   1x")
    print(f"{'scan: scan_models':<44}{s * 1000:>8.0f} ms   {s / w:.1f}x")
    print(f"{'view: Rescan -> table filled':<44}{v * 1000:>8.0f} ms   {v / w:.1f}x")
    print(
        f"GUI stall during the view's scans: p99 {p99:.1f} ms (median of runs), max {worst:.0f} ms"
    )
    print(
        f"goal scan <= {GOAL_SCAN_S:g} s: {s:.2f} s {'ok' if s <= GOAL_SCAN_S else 'MISSED'}; "
        f"stall p99 <= {GOAL_STALL_P99_MS:g} ms: {p99:.1f} ms "
        f"{'ok' if p99 <= GOAL_STALL_P99_MS else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
