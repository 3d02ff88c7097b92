"""Fault matrix, configuration: a disk that is really full (a small tmpfs) when the window
or the CLI saves the config. The file on disk stays as it was, the message names the file,
the cause and the next step, and the change the user made is not thrown away. See
docs/fault-matrix.md (corrupt TOML, unwritable and unreadable folders are tested in
test_config_io.py, test_config_io_window.py and test_cli.py; the window on a corrupt
file is tested here too)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from panel.core.config.store import Config, ConfigStore
from panel.core.gpu.nvml import Nvml
from panel.core.gpu.sampler import GpuSampler
from panel.ui.window.main_window import MainWindow, initial_config
from tests.conftest import ROOT
from tests.fakes.fake_nvml import FakeNvml
from tests.test_fault_matrix_speech import fill, tiny_disk
from tests.test_supervisor import scripted
from tests.window_helpers import answering


def test_a_full_disk_when_the_window_saves_keeps_the_file_and_the_change(
    qtbot: Any, tmp_path: Path
) -> None:
    with tiny_disk(tmp_path / "disk", "256k") as disk:
        store = ConfigStore(disk / "panel" / "config.toml")
        store.save(Config(profiles=[scripted(name="kept")]))
        before = store.path.read_bytes()
        window = MainWindow(
            store,
            config=store.load(),
            sampler=GpuSampler(Nvml(FakeNvml(init_error=12))),
            leftover_check=list,
        )
        qtbot.addWidget(window)
        window.show()
        fill(disk)
        window.select("kept")
        seen: list[str] = []

        def read(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            seen.append(box.text())

        with answering(read):
            window.act_duplicate.trigger()
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
        assert str(store.path) in seen[0] and "No space left on device" in seen[0]
        assert "free some space" in seen[0] and "kept in this window" in seen[0]
        assert store.path.read_bytes() == before  # the old file, whole
        assert sorted(p.name for p in store.path.parent.iterdir()) == ["config.toml"]
        assert [p.name for p in window.config.profiles] == ["kept", "kept (2)"]

        (disk / "filler").unlink()  # the user frees some space and goes on
        window.select("kept (2)")
        window.act_duplicate.trigger()
        saved = [p.name for p in ConfigStore(store.path).load().profiles]
        assert saved == ["kept", "kept (2)", "kept (2) (2)"]  # the first change was not lost
        window.hub.supervisor.stop_all(timeout=10)
        window._quitting = True
        window.close()


def test_a_full_disk_on_the_clis_first_run_is_one_line(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk", "64k") as disk:
        fill(disk)
        config = disk / "config.toml"
        done = subprocess.run(
            [sys.executable, "-m", "panel", "--config", str(config), "list"],
            capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode != 0
        assert "Traceback" not in done.stderr
        [line] = done.stderr.strip().splitlines()
        assert str(config) in line and "No space left on device" in line
        assert not config.exists() and sorted(p.name for p in disk.iterdir()) == ["filler"]


def test_a_corrupt_config_opens_the_window_and_names_the_line(qtbot: Any, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    broken = '[[profiles]]\nname = "mine"\nengine = "llama.cpp\n'
    path.write_text(broken)
    store = ConfigStore(path)
    config, error = initial_config(store)  # no exception escapes
    assert error is not None and config.profiles == []
    seen: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())

    with answering(read):
        window = MainWindow(
            store,
            config=config,
            config_error=error,
            sampler=GpuSampler(Nvml(FakeNvml(init_error=12))),
            leftover_check=list,
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert f"{path}, line 3" in seen[0] and "TOML" in seen[0]  # where, and what
    assert "a copy was kept" in seen[0]  # the user's text is safe
    assert path.read_text() == broken  # and not overwritten
    assert window.act_new.isEnabled()  # the window is usable
