"""Scale (issue 15): the transcript list with many saved transcripts opens with one page
of cards and builds the rest as the user scrolls; model discovery over a big folder tree
runs off the GUI thread while the window keeps ticking."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import dataclasses
import itertools
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer

from panel.core.models import discovery
from panel.core.speech.transcribe import Segment, Transcript, TranscriptionApi
from panel.core.speech.transcript_store import TranscriptStore
from panel.core.speech.wav import WHISPER_RATE, encode_wav
from panel.ui.models.view import ModelsView
from panel.ui.transcription.history import PAGE, TranscriptList
from tests.test_discovery import write_gguf, write_hf_dir, write_whisper


def saved(root: Path, count: int) -> TranscriptStore:
    store = TranscriptStore(root)
    wav = encode_wav(np.zeros(WHISPER_RATE // 10, dtype=np.float32), WHISPER_RATE)
    for n in range(count):
        entry = store.save_recording(wav, f"take-{n}.wav")
        transcript = Transcript(
            f"transcript {n}", [Segment(0.0, 0.1, f"transcript {n}")], "en", 0.1, 0.05,
            TranscriptionApi.WHISPER_CPP,
        )  # fmt: skip
        store.attach_transcript(entry.id, transcript, "whisper")
    return store


def shown_ids(view: TranscriptList) -> list[str]:
    return [card.entry_id for card in view.cards()]


def test_many_transcripts_open_with_a_page_and_scrolling_builds_the_rest(
    qtbot: Any, tmp_path: Path
) -> None:
    store = saved(tmp_path / "transcripts", 150)
    expected = [entry.id for entry in store.entries()]
    view = TranscriptList(store)
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    first = shown_ids(view)
    assert PAGE <= len(first) <= 3 * PAGE  # enough to fill the window, far from all
    assert first == expected[: len(first)]  # newest first, as before
    assert not view.placeholder.isVisible()
    bar = view.verticalScrollBar()
    bar.setFocus()
    for _ in range(100):  # the user presses End until the list stops growing
        if len(view.cards()) == len(expected):
            break
        end = bar.maximum()
        qtbot.keyClick(bar, Qt.Key.Key_End)
        assert bar.value() == end
        qtbot.waitUntil(lambda end=end: bar.maximum() > end, timeout=5000)
    assert shown_ids(view) == expected


def test_a_damaged_transcript_is_left_out_and_deleting_builds_more(
    qtbot: Any, tmp_path: Path
) -> None:
    store = saved(tmp_path / "transcripts", PAGE + 3)
    ids = [entry.id for entry in store.entries()]
    (store.root / f"{ids[1]}.json").write_text("{not json", encoding="utf-8")
    view = TranscriptList(store)
    qtbot.addWidget(view)
    view.resize(700, 2000)  # tall enough for every card: all of them are built
    view.show()
    qtbot.waitUntil(lambda: len(view.cards()) == len(ids) - 1, timeout=5000)
    assert ids[1] not in shown_ids(view) and shown_ids(view)[0] == ids[0]
    # Deleting through the card's menu removes the files; the list stays in order.
    card = view.card(ids[0])
    assert card is not None
    [delete] = [a for a in card.more_menu.actions() if a.text() == "Delete"]
    delete.trigger()
    assert not (store.root / f"{ids[0]}.json").exists()
    assert shown_ids(view) == [i for i in ids[2:]]


def big_model_tree(top: Path, files: int) -> Path:
    """A few real models among thousands of other files, up to 4 levels deep."""
    write_gguf(top / "llama" / "tiny-Q4_K_M.gguf")
    write_whisper(top / "whisper" / "ggml-tiny.bin")
    write_hf_dir(top / "Org" / "Name")
    for n in range(files):
        folder = top / "clutter" / f"p{n // 500}" / f"s{n // 50 % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"f{n}.txt").write_bytes(b"x")
    return top


def test_discovery_runs_off_the_gui_thread_while_the_window_ticks(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = big_model_tree(tmp_path / "models", 6000)
    scanned_on: list[bool] = []
    real_scan = discovery.scan_models

    def slow_scan(dirs: Any, max_depth: int = 4) -> list[discovery.DiscoveredModel]:
        found = real_scan(dirs, max_depth)
        # Long enough that a scan on the GUI thread would stop the ticks outright.
        time.sleep(0.5)
        scanned_on.append(threading.current_thread() is threading.main_thread())
        return found

    monkeypatch.setattr("panel.ui.models.scan_job.scan_models", slow_scan)
    view = ModelsView(folders=[root], scan_when_shown=True)
    qtbot.addWidget(view)
    ticks: list[float] = []
    timer = QTimer(view)
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    view.resize(900, 600)
    view.show()
    assert view.is_scanning()
    qtbot.waitUntil(lambda: not view.is_scanning(), timeout=30_000)
    timer.stop()
    assert scanned_on and scanned_on[-1] is False  # not the GUI thread
    assert len(ticks) >= 30  # the loop kept running through the 0.5 s and more
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert max(gaps) < 0.25
    names = sorted(m.display_name for m in view.models())
    assert names == ["Org/Name", "tiny-Q4_K_M", "whisper tiny"]


def test_a_big_scan_fills_the_table_a_slice_at_a_time(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 3,000 models (the few of a small tree, many times over): building their rows takes
    # a few hundred ms, which the table does in slices while the window keeps ticking.
    root = big_model_tree(tmp_path / "models", 200)
    few = discovery.scan_models([root])
    many = [
        dataclasses.replace(m, path=m.path.with_name(f"{i}-{m.path.name}"))
        for i in range(1000)
        for m in few
    ]
    monkeypatch.setattr("panel.ui.models.scan_job.scan_models", lambda dirs: many)
    view = ModelsView(folders=[root], scan_when_shown=True)
    qtbot.addWidget(view)
    filling: list[bool] = []  # at each tick of the window's loop: was the table being filled?
    timer = QTimer(view)
    timer.setInterval(5)
    timer.timeout.connect(lambda: filling.append(view._fill is not None))
    view.resize(900, 600)
    view.show()
    timer.start()
    qtbot.waitUntil(lambda: not view.is_scanning(), timeout=30_000)
    timer.stop()
    assert view.tree.model().rowCount() == len(many)
    assert view.status_label.text().startswith(f"{len(many)} models")
    # In one go, the rows were one ~300 ms stall and no tick saw a table half built; a
    # slice at a time, the loop ticks between slices. (How long a stall lasts is the
    # bench's to measure, bench/discovery_scale.py, not a test's on a loaded machine.)
    assert sum(filling) >= 3, f"{sum(filling)} of {len(filling)} ticks during the fill"


def test_discovery_over_ten_thousand_files_takes_under_a_second(tmp_path: Path) -> None:
    root = big_model_tree(tmp_path / "models", 10_000)
    discovery.scan_models([root])  # the page cache warm, as on a second scan
    started = time.perf_counter()
    found = discovery.scan_models([root])
    elapsed = time.perf_counter() - started
    assert len(found) == 3
    # 1 s is the goal on a quiet machine; tests share 2 cores with other runs.
    assert elapsed < 2.0, f"{elapsed:.2f} s"
