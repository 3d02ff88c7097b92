"""ModelsView over a real (tiny) models tree, with a GpuSampler over FakeNvml."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gguf
import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt

from panel.core.config.profiles import Engine
from panel.core.gpu.nvml import Nvml
from panel.core.gpu.sampler import GpuSampler
from panel.core.models.discovery import DiscoveredModel, ModelKind, profile_from_model
from panel.core.models.memory_fit import estimate_gguf_memory
from panel.ui.models.view import (
    Column,
    ModelsView,
    display_path,
    format_context,
    format_parameters,
)
from tests.fakes.fake_nvml import FakeGpu, FakeNvml, GiB, MiB
from tests.test_discovery import write_gguf, write_hf_dir, write_mmproj, write_whisper

LLAMA = "tiny-llama-f16"
CJK = "千问-tiny"
WHISPER = "whisper tiny"
HF = "Qwen/Qwen2.5-0.5B-Instruct"
BROKEN = "broken"


def parameter_count(count: int) -> Callable[[gguf.GGUFWriter], None]:
    return lambda writer: writer.add_uint64("general.parameter_count", count)


def models_tree(root: Path) -> Path:
    write_gguf(root / "llama" / f"{LLAMA}.gguf", extra=parameter_count(135_000_000))
    write_mmproj(root / "llama" / "mmproj-tiny-llama-f16.gguf")
    write_gguf(root / "模型" / f"{CJK}.gguf", ctx=2048, extra=parameter_count(30_500_000_000))
    write_whisper(root / "whisper" / "ggml-tiny.bin")
    write_hf_dir(root / "Qwen" / "Qwen2.5-0.5B-Instruct")
    (root / "junk").mkdir()
    (root / "junk" / f"{BROKEN}.gguf").write_bytes(b"this is not a GGUF file at all")
    return root


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return models_tree(tmp_path / "models")


@pytest.fixture
def make_view(qtbot: Any) -> Iterator[Callable[..., ModelsView]]:
    samplers: list[GpuSampler] = []

    def make(
        folders: list[Path], gpus: list[FakeGpu] | None = None, *, nvml: FakeNvml | None = None
    ) -> ModelsView:
        sampler = None
        if gpus is not None or nvml is not None:
            sampler = GpuSampler(Nvml(nvml or FakeNvml(gpus), load_file=None), interval=0.02)
            samplers.append(sampler)
        view = ModelsView(sampler, folders=folders)
        qtbot.addWidget(view)
        view.resize(1100, 400)
        qtbot.waitUntil(lambda: not view.is_scanning())
        return view

    yield make
    for sampler in samplers:
        assert sampler.stop()
        sampler.nvml.shutdown()


def rows(view: ModelsView) -> dict[str, list[str]]:
    """Cell texts of the rows the view shows, by model name."""
    model = view.tree.model()
    shown: dict[str, list[str]] = {}
    for row in range(model.rowCount()):
        cells = [str(model.index(row, c).data() or "") for c in Column]
        shown[cells[Column.MODEL]] = cells
    return shown


def index_of(view: ModelsView, name: str, column: Column = Column.MODEL) -> QModelIndex:
    model = view.tree.model()
    for row in range(model.rowCount()):
        if model.index(row, Column.MODEL).data() == name:
            return model.index(row, column)
    raise AssertionError(f"{name} is not listed")


def gguf_only(view: ModelsView, name: str) -> DiscoveredModel:
    return next(m for m in view.models() if m.display_name == name)


# --- listing ---------------------------------------------------------------------------


def test_lists_every_kind_with_its_columns(
    make_view: Callable[..., ModelsView], tree: Path
) -> None:
    view = make_view([tree])
    shown = rows(view)
    assert set(shown) == {LLAMA, CJK, WHISPER, HF, BROKEN}
    headers = [view.tree.model().headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == [
        "Model", "Kind", "Size", "Parameters", "Quantisation", "Context", "Fits?", "Path"
    ]  # fmt: skip
    llama = shown[LLAMA]
    assert llama[Column.KIND] == "GGUF + projector"
    assert llama[Column.PARAMETERS] == "135 M"
    assert llama[Column.QUANTISATION] == "F16"
    assert llama[Column.CONTEXT] == "32K"
    assert llama[Column.SIZE].endswith("KiB")
    assert llama[Column.PATH] == display_path(tree / "llama" / f"{LLAMA}.gguf")
    assert "mmproj-tiny-llama-f16.gguf" in str(
        index_of(view, LLAMA, Column.KIND).data(Qt.ItemDataRole.ToolTipRole)
    )
    cjk = shown[CJK]
    assert (cjk[Column.KIND], cjk[Column.PARAMETERS], cjk[Column.CONTEXT]) == (
        "GGUF",
        "30.5 B",
        "2K",
    )
    assert "模型" in cjk[Column.PATH]
    assert shown[WHISPER][Column.KIND] == "whisper.cpp"
    assert shown[HF][Column.KIND] == "Hugging Face"
    assert shown[HF][Column.PARAMETERS] == shown[HF][Column.FITS] == ""
    for name in shown:
        icon = index_of(view, name).data(Qt.ItemDataRole.DecorationRole)
        assert icon is not None and not icon.isNull()
    assert view.tree.isSortingEnabled() and view.tree.alternatingRowColors()
    assert view.status_label.text().startswith("5 models")
    assert [m.display_name for m in view.models()] == sorted(shown, key=str.casefold)


def test_a_broken_model_is_greyed_out_with_its_problem(
    make_view: Callable[..., ModelsView], tree: Path, qtbot: Any
) -> None:
    view = make_view([tree])
    broken = index_of(view, BROKEN)
    assert not broken.flags() & Qt.ItemFlag.ItemIsEnabled
    problem = gguf_only(view, BROKEN).problem
    assert problem
    for column in Column:
        tooltip = index_of(view, BROKEN, column).data(Qt.ItemDataRole.ToolTipRole)
        assert problem in tooltip
    view.tree.setCurrentIndex(broken)
    assert not view.new_profile_button.isEnabled()
    with qtbot.assertNotEmitted(view.newProfileRequested):
        view.tree.doubleClicked.emit(broken)


def test_sizes_sort_as_numbers(make_view: Callable[..., ModelsView], tree: Path) -> None:
    (tree / "whisper" / "ggml-big.bin").write_bytes(
        (tree / "whisper" / "ggml-tiny.bin").read_bytes() + b"\0" * 200_000
    )
    view = make_view([tree])
    view.tree.sortByColumn(Column.SIZE, Qt.SortOrder.AscendingOrder)
    names = list(rows(view))
    sizes = [next(m.size_bytes for m in view.models() if m.display_name == n) for n in names]
    assert sizes == sorted(sizes)
    assert names[-1] == "whisper big"


# --- memory fit ------------------------------------------------------------------------


def test_a_tiny_model_fits_an_empty_gpu(make_view: Callable[..., ModelsView], tree: Path) -> None:
    view = make_view([tree], [FakeGpu(memory_total=24 * GiB, memory_used=1 * GiB)])
    shown = rows(view)
    assert shown[LLAMA][Column.FITS] == shown[CJK][Column.FITS] == "fits"
    tooltip = index_of(view, LLAMA, Column.FITS).data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("GPU 0 (NVIDIA GeForce RTX 4090): Fits:")
    assert "(4096 ctx)" in tooltip  # min(32768, 4096)
    assert "(2048 ctx)" in index_of(view, CJK, Column.FITS).data(Qt.ItemDataRole.ToolTipRole)
    assert shown[WHISPER][Column.FITS] == shown[BROKEN][Column.FITS] == ""
    assert "GPU 0" in view.status_label.text()


def test_nothing_fits_a_full_gpu(make_view: Callable[..., ModelsView], tree: Path) -> None:
    view = make_view([tree], [FakeGpu(memory_total=24 * GiB, memory_used=24 * GiB - 64 * MiB)])
    assert rows(view)[LLAMA][Column.FITS] == "will not fit"
    tooltip = index_of(view, LLAMA, Column.FITS).data(Qt.ItemDataRole.ToolTipRole)
    assert "Will not fit now" in tooltip and "only 64 MiB of 24.0 GiB" in tooltip


def test_a_tight_fit(make_view: Callable[..., ModelsView], tree: Path) -> None:
    probe = make_view([tree / "模型"])
    info = gguf_only(probe, CJK).gguf
    assert info is not None
    need = estimate_gguf_memory(info, 2048).total_bytes
    total = 8 * GiB
    view = make_view([tree / "模型"], [FakeGpu(memory_total=total, memory_used=total - need - 1)])
    assert rows(view)[CJK][Column.FITS] == "tight"


def test_without_a_gpu_the_fit_is_against_system_memory(
    make_view: Callable[..., ModelsView], tree: Path
) -> None:
    for view in (make_view([tree]), make_view([tree], nvml=FakeNvml(init_error=12))):
        assert rows(view)[LLAMA][Column.FITS] == "fits"
        tooltip = index_of(view, LLAMA, Column.FITS).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip.startswith("System memory: Fits:")


def test_the_fit_follows_the_running_sampler(
    make_view: Callable[..., ModelsView], tree: Path, qtbot: Any
) -> None:
    gpu = FakeGpu(memory_total=24 * GiB, memory_used=1 * GiB)
    view = make_view([tree], [gpu])
    assert rows(view)[LLAMA][Column.FITS] == "fits"
    sampler = view._sampler
    assert sampler is not None
    gpu.memory_used = 24 * GiB - 10 * MiB  # another server took the memory
    sampler.subscribe(_ignore)
    try:
        qtbot.waitUntil(
            lambda: (s := sampler.latest()) is not None and s.gpus[0].memory_used == gpu.memory_used
        )
        view.refresh_fit()
        assert rows(view)[LLAMA][Column.FITS] == "will not fit"
    finally:
        sampler.unsubscribe(_ignore)


def _ignore(_snapshot: object) -> None:
    pass


# --- filter, rescan, folders -----------------------------------------------------------


def test_filter(make_view: Callable[..., ModelsView], tree: Path, qtbot: Any) -> None:
    view = make_view([tree])
    qtbot.keyClicks(view.filter_edit, "WHISPER")
    assert list(rows(view)) == [WHISPER]
    assert view.status_label.text().startswith("1 of 5 models shown")
    view.filter_edit.setText("模型")  # the folder name, in the Path column
    assert list(rows(view)) == [CJK]
    view.filter_edit.setText("projector")
    assert list(rows(view)) == [LLAMA]
    view.filter_edit.clear()
    assert len(rows(view)) == 5


def test_rescan_finds_a_new_file(
    make_view: Callable[..., ModelsView], tree: Path, qtbot: Any
) -> None:
    view = make_view([tree])
    write_whisper(tree / "whisper" / "ggml-base.en.bin")
    view.rescan()
    assert view.is_scanning()
    assert view.status_label.text() == "Scanning…"
    assert not view.rescan_button.isEnabled()
    assert len(rows(view)) == 5  # the old results stay until the new ones arrive
    qtbot.waitUntil(lambda: not view.is_scanning())
    assert "whisper base.en" in rows(view)
    assert view.rescan_button.isEnabled()


def test_only_the_newest_scan_is_shown(make_view: Callable[..., ModelsView], tree: Path) -> None:
    view = make_view([tree])
    view.set_folders([tree / "whisper"])
    view.rescan()
    assert view.wait_for_scan(10_000)
    assert list(rows(view)) == [WHISPER]
    assert [m.display_name for m in view.models()] == [WHISPER]


def test_folders_label_and_tooltip(
    make_view: Callable[..., ModelsView], tree: Path, qtbot: Any
) -> None:
    missing = tree.parent / "nowhere"
    view = make_view([tree, missing])
    assert view.folders() == [tree, missing]
    label = view.folders_label.full_text()
    assert label == f"Folders: {display_path(tree)}, {display_path(missing)}"
    assert view.folders_label.toolTip().splitlines() == [str(tree), f"{missing}  (not found)"]
    view.resize(1600, 300)
    view.show()
    qtbot.waitExposed(view)
    assert view.folders_label.text() == label
    view.resize(400, 300)  # the label shortens itself; the tooltip has it all
    qtbot.waitUntil(lambda: "…" in view.folders_label.text())


def test_empty_state(make_view: Callable[..., ModelsView], tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    view = make_view([empty])
    assert view.models() == []
    assert view.stack.currentWidget() is view.message
    text = view.message.text()
    assert f"No models found in {display_path(empty)}" in text
    assert "Put GGUF or ggml files in /models or ~/models, or set [discovery] folders" in text


def test_scanning_message_before_the_first_results(qtbot: Any, tree: Path) -> None:
    view = ModelsView(folders=[tree])
    qtbot.addWidget(view)
    assert view.is_scanning()  # results come through the event loop, which has not run
    assert view.message.text().startswith(f"Scanning {display_path(tree)}")
    assert view.wait_for_scan(10_000)
    assert view.stack.currentWidget() is view.tree
    assert len(view.models()) == 5


def test_default_folders(qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("panel.ui.models.view.default_model_dirs", lambda: [tmp_path / "d"])
    view = ModelsView()
    qtbot.addWidget(view)
    assert view.folders() == [tmp_path / "d"]
    assert view.wait_for_scan(10_000)


# --- new profile -----------------------------------------------------------------------


def test_new_profile_from_the_selected_model(
    make_view: Callable[..., ModelsView], tree: Path, qtbot: Any
) -> None:
    view = make_view([tree])
    assert not view.new_profile_button.isEnabled()
    view.tree.setCurrentIndex(index_of(view, LLAMA))
    assert view.new_profile_button.isEnabled()
    with qtbot.waitSignal(view.newProfileRequested) as blocker:
        qtbot.mouseClick(view.new_profile_button, Qt.MouseButton.LeftButton)
    model = blocker.args[0]
    assert isinstance(model, DiscoveredModel)
    assert model.kind is ModelKind.GGUF and model.display_name == LLAMA
    profile = profile_from_model(model, 8081)
    assert profile.engine is Engine.LLAMA_CPP and profile.port == 8081
    assert profile.model == str(tree / "llama" / f"{LLAMA}.gguf")
    mmproj = profile.args[profile.args.index("--mmproj") + 1]
    assert mmproj == str(tree / "llama" / "mmproj-tiny-llama-f16.gguf")


def test_double_click_asks_for_a_profile(
    make_view: Callable[..., ModelsView], tree: Path, qtbot: Any
) -> None:
    view = make_view([tree])
    view.show()
    qtbot.waitExposed(view)
    rect = view.tree.visualRect(index_of(view, WHISPER, Column.KIND))
    # QTest's double click alone has no press for the view to match it with.
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.newProfileRequested) as blocker:
        qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args[0].kind is ModelKind.WHISPER_GGML
    assert profile_from_model(blocker.args[0], 9000).engine is Engine.WHISPER_CPP


def test_selection_survives_a_rescan(make_view: Callable[..., ModelsView], tree: Path) -> None:
    view = make_view([tree])
    view.tree.setCurrentIndex(index_of(view, HF))
    view.rescan()
    assert view.wait_for_scan(10_000)
    selected = view.selected_model()
    assert selected is not None and selected.display_name == HF


# --- formatting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (None, ""),
        (0, ""),
        (999, "999"),
        (1024, "1 K"),
        (135_000_000, "135 M"),
        (494_032_768, "494 M"),
        (1_544_000_000, "1.5 B"),
        (8_030_261_248, "8 B"),
        (30_532_122_624, "30.5 B"),
        (1_026_000_000_000, "1 T"),
    ],
)
def test_format_parameters(count: int | None, text: str) -> None:
    assert format_parameters(count) == text


@pytest.mark.parametrize(
    ("tokens", "text"),
    [(None, ""), (2048, "2K"), (131072, "128K"), (40960, "40K"), (1000, "1,000"), (1500, "1,500")],
)
def test_format_context(tokens: int | None, text: str) -> None:
    assert format_context(tokens) == text


def test_a_view_deleted_mid_scan_waits_for_it(qtbot: Any, tree: Path) -> None:
    view = ModelsView(folders=[tree])
    assert view.is_scanning()
    shiboken6.delete(view)  # its pool waits for the scan; the result goes nowhere
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()


def test_closing_waits_for_the_scan(qtbot: Any, tree: Path) -> None:
    view = ModelsView(folders=[tree])
    qtbot.addWidget(view)
    view.rescan()
    view.close()
    assert view.wait_for_scan(0)
