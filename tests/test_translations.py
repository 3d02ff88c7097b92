"""Translation as it stands today: no translation is shipped yet (a later issue), so these
check that the shipped template holds every tr() string of the widgets, so that translators
are not handed a stale one, and that a zh_CN catalogue changes the window."""

from __future__ import annotations

import importlib
import os
import pkgutil
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

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


ROOT = Path(__file__).parent.parent
TEMPLATE = Path("resources") / "i18n" / "inference_panel_zh_CN.ts"


def source_strings(ts: Path) -> set[tuple[str, str, str]]:
    """(context, source, disambiguation) of every message of a .ts file."""
    found = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            found.add((name, message.findtext("source", ""), message.findtext("comment", "")))
    return found


def test_the_shipped_template_holds_every_tr_string(tmp_path: Path) -> None:
    # scripts/update_translations.sh itself, run in a copy whose code and venv are the
    # project's own, so the template in the tree is left as it is.
    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "update_translations.sh", tmp_path / "scripts")
    (tmp_path / "panel").symlink_to(ROOT / "panel")
    (tmp_path / ".venv").symlink_to(ROOT / ".venv")
    (tmp_path / TEMPLATE).parent.mkdir(parents=True)
    shutil.copy2(ROOT / TEMPLATE, tmp_path / TEMPLATE)
    done = subprocess.run(
        ["bash", str(tmp_path / "scripts" / "update_translations.sh")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    shipped, current = source_strings(ROOT / TEMPLATE), source_strings(tmp_path / TEMPLATE)
    assert ("ChatTab", "New chat", "") in current and len(current) > 100
    assert sorted(current - shipped) == [], "not in the template: run update_translations.sh"
    assert sorted(shipped - current) == [], "gone from the code: run update_translations.sh"


def translatable_contexts() -> set[str]:
    """The contexts Qt can look a string up in: the name of every class of ``panel.ui``
    that is a QObject or in the MRO of one (``QObject.tr()`` tries each class of the
    object's MRO, mixins included), and each context the code names itself for text known
    only at run time (``QCoreApplication.translate("ProfileChecks", check.template)``)."""
    import panel.ui

    classes = set()
    for module in pkgutil.walk_packages(panel.ui.__path__, "panel.ui."):
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and value.__module__.startswith("panel.ui."):
                classes.add(value)
    named = {
        ancestor.__name__
        for cls in classes
        if issubclass(cls, QObject)
        for ancestor in cls.__mro__
        if ancestor.__module__.startswith("panel.ui.")
    }
    looked_up = {
        match.group(1)
        for source in (ROOT / "panel" / "ui").rglob("*.py")
        for match in re.finditer(
            r'\btranslate\(\s*"(\w+)",\s*[A-Za-z_][\w.]*\s*[,)]', source.read_text("utf-8")
        )
    }
    return named | looked_up


def test_every_template_string_has_the_context_it_is_looked_up_in() -> None:
    # lupdate files tr() under the class it finds the call in, and gets it wrong quietly:
    # ``window.tr("x")`` in a function goes under "window", an alias ``tr("x")`` under no
    # context at all. Qt would never find such a translation.
    contexts = {context for context, _, _ in source_strings(ROOT / TEMPLATE)}
    allowed = translatable_contexts()
    assert {"MainWindow", "ServerControl", "WindowLifetime", "ProfileChecks"} <= allowed
    assert sorted(contexts - allowed) == []


TS_ACTION = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context><name>{context}</name>
<message><source>Copy command line</source><translation>复制命令行</translation></message>
</context>
</TS>
"""


def test_a_template_entry_translates_its_action(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The action's entry in the shipped template gives the context, as it would a
    # translator (the same words are also a message box's title, elsewhere).
    (context,) = {
        context.findtext("name", "")
        for context in ET.parse(ROOT / TEMPLATE).getroot().iter("context")
        for message in context.iter("message")
        if message.findtext("source") == "Copy command line"
        for location in message.iter("location")
        if location.get("filename", "").endswith("window/actions.py")
    }
    assert context == "MainWindow"
    with installed_catalogue(TS_ACTION.format(context=context), tmp_path):
        window = MainWindow(
            ConfigStore(tmp_path / "config.toml"),
            config=Config(),
            sampler=GpuSampler(Nvml(FakeNvml(init_error=12))),
        )
        qtbot.addWidget(window)
        assert window.act_copy_cmd.text() == "复制命令行"
        menu = window.findChild(QMenu, "menu_servers")
        assert menu is not None
        assert "复制命令行" in [act.text() for act in menu.actions()]
        window.close()
