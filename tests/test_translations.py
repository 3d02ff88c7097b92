"""The shipped catalogue (resources/i18n, docs/i18n.md): it holds every string of the
widgets, the core and the CLI, every entry is translated with its placeholders kept, the
compiled .qm is the .ts's, and the core and the command line speak Chinese from it."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from panel.core import i18n
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
QM = TEMPLATE.with_suffix(".qm")


def _load_script(name: str):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
    shutil.copy2(ROOT / QM, tmp_path / QM)
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
    object's MRO, mixins included), and each context the code names itself, for text known
    only at run time (``QCoreApplication.translate("ProfileChecks", check.template)``) or
    outside any widget (``translate("ChineseFont", "…")`` before the window exists)."""
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
            r'\btranslate\(\s*"(\w+)",\s*(?:[A-Za-z_][\w.]*\s*[,)]|")', source.read_text("utf-8")
        )
    }
    return named | looked_up | core_contexts()


def core_contexts() -> set[str]:
    """The contexts the Qt-free core and the CLI name (panel.core.i18n.translate reads
    the catalogue by the context it is given, so any name is found)."""
    return {
        match.group(1)
        for folder in ("core", "cli")
        for source in (ROOT / "panel" / folder).rglob("*.py")
        for match in re.finditer(
            r'\b(?:translate|QT_TRANSLATE_NOOP)\(\s*"(\w+)",', source.read_text("utf-8")
        )
    }


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


# -- the finished catalogue ------------------------------------------------------------
translate_status = _load_script("translate_status")


def test_no_entry_is_unfinished_or_obsolete() -> None:
    # RED WHILE STRINGS ARE ADDED WITHOUT THEIR TRANSLATION: run
    # scripts/update_translations.sh and scripts/translate_status.py (docs/i18n.md,
    # "The last strings") to see and fill in what is left.
    entries = translate_status.entries((ROOT / TEMPLATE).read_text("utf-8"))
    left = [f"{context}: {source!r} ({state})" for context, source, _, state in entries if state]
    assert len(entries) > 600
    assert left == [], "\n".join(left)


def test_every_translation_keeps_its_placeholders_markup_and_mnemonic() -> None:
    entries = translate_status.entries((ROOT / TEMPLATE).read_text("utf-8"))
    wrong = [
        f"{context}: {source!r} -> {text!r}: {why}"
        for context, source, text, state in entries
        if not state and (why := translate_status.problem(source, text))
    ]
    assert wrong == [], "\n".join(wrong)


def test_the_placeholder_check_catches_a_lost_one() -> None:
    assert translate_status.problem("Port {port} is busy", "端口已被占用")
    assert translate_status.problem("%1 of %2", "%1 / %3")
    assert translate_status.problem("<b>Try</b> it", "试试")
    assert translate_status.problem("&File", "文件")
    assert translate_status.problem("first token {s:.2f} s", "首字延迟 {s:.2f} 秒") is None


def test_the_committed_qm_is_the_ts_compiled(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(lrelease), "-silent", str(ROOT / TEMPLATE), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == (ROOT / QM).read_bytes(), "run scripts/update_translations.sh"


def test_the_core_speaks_the_chosen_language() -> None:
    try:
        i18n.set_language("zh_CN")
        assert i18n.translate("Preflight", "Port {port} is already in use").format(port=8000) == (
            "端口 8000 已被占用"
        )
        assert i18n.translate("Preflight", "never in the catalogue") == "never in the catalogue"
        i18n.set_language("en")
        assert i18n.translate("Preflight", "No model is set") == "No model is set"
    finally:
        i18n.set_language(None)


def test_the_system_locale_picks_the_catalogue() -> None:
    pick = i18n.system_language
    assert pick({"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert pick({"LANG": "en_US.UTF-8", "LC_ALL": "zh_SG.UTF-8"}) == "zh_CN"
    assert pick({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "C"}) == "en"
    assert pick({"LANGUAGE": "fr:zh_CN", "LANG": "fr_FR.UTF-8"}) == "zh_CN"
    assert pick({"LANG": "de_DE.UTF-8"}) == "en"
    assert pick({}) == "en"


def test_no_core_message_is_an_f_string_lupdate_cannot_read() -> None:
    found = [
        f"{source.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}"
        for folder in ("core", "cli")
        for source in (ROOT / "panel" / folder).rglob("*.py")
        for text in [source.read_text("utf-8")]
        for match in re.finditer(r'\b(?:translate|QT_TRANSLATE_NOOP)\(\s*"\w+",\s*f"', text)
    ]
    assert found == []


def run_cli(*args: str, lang: str, config: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env["LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "panel", "--config", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_cli_speaks_chinese_under_a_chinese_locale(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    listed = run_cli("list", lang="zh_CN.UTF-8", config=config)
    assert listed.returncode == 0, listed.stderr
    assert "名称" in listed.stdout and "个配置" in listed.stdout
    doctor = run_cli("doctor", lang="zh_CN.UTF-8", config=config)
    assert "引擎" in doctor.stdout and "配置文件" in doctor.stdout, doctor.stdout
    english = run_cli("list", lang="en_US.UTF-8", config=config)
    assert "NAME" in english.stdout and "名称" not in english.stdout


def test_the_config_language_overrides_the_locale(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[ui]\nlanguage = "zh_CN"\n', "utf-8")
    listed = run_cli("list", lang="en_US.UTF-8", config=config)
    assert "名称" in listed.stdout, listed.stdout + listed.stderr
    config.write_text('[ui]\nlanguage = "en"\n', "utf-8")
    assert "NAME" in run_cli("list", lang="zh_CN.UTF-8", config=config).stdout


def test_the_catalogue_ships_as_package_data() -> None:
    # importlib.resources finds it in the tree, a wheel and the bundle alike (the
    # pyproject package-data and the PyInstaller spec name the folder).
    assert Path(i18n.catalogue_path("zh_CN")).is_file()
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    spec = (ROOT / "packaging" / "inference-panel.spec").read_text("utf-8")
    assert '"i18n/*"' in pyproject and '"resources" / "i18n"' in spec
    assert json.dumps(i18n.LANGUAGES, ensure_ascii=False)
