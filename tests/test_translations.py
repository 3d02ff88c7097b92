"""Every window string goes through Qt's translation: a zh_CN catalogue changes the window."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from panel.core.config.store import Config, ConfigStore
from panel.core.gpu.nvml import Nvml
from panel.core.gpu.sampler import GpuSampler
from panel.ui.window.main_window import MainWindow
from tests.conftest import installed_catalogue
from tests.fakes.fake_nvml import FakeNvml

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context><name>MainWindow</name>
<message><source>Inference Panel</source><translation>推理面板</translation></message>
<message><source>Start</source><translation>启动</translation></message>
<message><source>No servers running</source><translation>没有运行中的服务器</translation></message>
</context>
</TS>
"""


def test_a_chinese_catalogue_translates_the_window(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with installed_catalogue(TS, tmp_path):
        store = ConfigStore(tmp_path / "config.toml")
        window = MainWindow(
            store, config=Config(), sampler=GpuSampler(Nvml(FakeNvml(init_error=12)))
        )
        qtbot.addWidget(window)
        assert window.windowTitle() == "推理面板"
        assert window.act_start.text() == "启动"
        assert window.status_servers.text() == "没有运行中的服务器"
        window.close()


def test_the_translation_template_is_shipped() -> None:
    ts = Path(__file__).parent.parent / "resources" / "i18n" / "inference_panel_zh_CN.ts"
    text = ts.read_text(encoding="utf-8")
    assert "<name>MainWindow</name>" in text and "<source>Start</source>" in text
