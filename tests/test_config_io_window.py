"""The window on a config it cannot write or read: today's config error dialog, with the
path and the cause, and the panel still opens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from panel.core.config.store import ConfigStore
from panel.core.gpu.nvml import Nvml
from panel.core.gpu.sampler import GpuSampler
from panel.ui.window.main_window import MainWindow, initial_config
from tests.fakes.fake_nvml import FakeNvml


@pytest.mark.parametrize("case", ["folder cannot be made", "folder where the file should be"])
def test_the_window_shows_config_io_errors(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    if case == "folder cannot be made":
        blocker = tmp_path / "file"
        blocker.write_text("")
        path, needle = blocker / "config.toml", "cannot save: "
    else:
        path = tmp_path / "config.toml"
        path.mkdir()
        needle = "cannot read: Is a directory"
    store = ConfigStore(path)
    config, error = initial_config(store)  # no OSError escapes
    assert error is not None and config.profiles == []
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    window = MainWindow(
        store, config=config, config_error=error, sampler=GpuSampler(Nvml(FakeNvml(init_error=12)))
    )
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(warnings))
    assert str(path) in warnings[0] and needle in warnings[0]
    window.close()
