"""The window in Simplified Chinese, with the catalogue that ships (resources/i18n): every
tab, menu and dialog shows Chinese, and nothing is cut off or sticks out at 1366×768.

"English" here is a word of three or more Latin letters that is not a name the user
types or reads as is (engine, model and file names, flags, units, shortcuts): ALLOWED.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from panel.core import i18n
from panel.core.config.defaults import default_profiles
from panel.core.config.profiles import ServerProfile
from panel.ui.app import install_translations
from panel.ui.window.main_window import MainWindow
from tests.conftest import Window
from tests.test_layout import TABS, horizontal_scrolling, sticking_out
from tests.window_helpers import answering, expect_triggered, press

# Names, not words: engines and programs, formats, units, hardware, shortcuts, protocols.
_NAMES = """
    llama cpp llama-server whisper whisper-server vllm vLLM serve gguf ggml bin mmproj
    nvidia gpu gpus cpu cuda nvml api url http https json markdown curl wav mp3 flac ogg
    opus png jpg jpeg webp gif bmp ttft rtf tok tokens kv gib mib ctrl shift enter esc
    docker podman hugging face huggingface mit readme docs pid ipc shm net host runtime
    sigterm sigkill path ids ms qwen coder awq instruct turbo large small tiny base chat
    models org name inference panel doctor ctx size toml utf log txt all del
    srt vtt text verbose_json
"""
ALLOWED = {word.lower() for word in _NAMES.split()}
WORD = re.compile(r"(?<![\w./\-{])[A-Za-z][A-Za-z]{2,}(?![\w/{}])")
ENDONYM = re.compile(r"^\S+ \([a-z]{2,3}\)$")
FLAG_OR_PATH = re.compile(r"--?[\w-]+(=\S*)?|\S*/\S*|\S+\.\w+|\{\w*\}|%\d|\([^)]*\*[^)]*\)")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The shipped zh_CN catalogue, as ``LANG=zh_CN.UTF-8`` or the [ui] setting installs it."""
    before = QLocale()
    translators = install_translations(qapp, "zh_CN")
    assert len(translators) >= 1, "the shipped .qm did not load"
    try:
        yield
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        i18n.set_language(None)
        QLocale.setDefault(before)


def english_words(text: str, names: set[str]) -> list[str]:
    if ENDONYM.match(text) or text == "English":
        return []  # a language named in itself, as a language menu lists it
    for name in names:
        text = text.replace(name, " ")
    text = FLAG_OR_PATH.sub(" ", text)
    text = re.sub(r"<[^>]+>", " ", text)  # markup
    text = re.sub(r"`[^`]*`", " ", text)  # a command to type
    return [w for w in WORD.findall(text) if w.lower() not in ALLOWED]


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of what a user reads in ``root``: labels, buttons, titles, tabs,
    placeholders, tooltips, combo entries, column headers."""
    found: list[tuple[str, str]] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible():
            continue
        where = f"{type(widget).__name__}({widget.objectName()})"
        if widget.toolTip():
            found.append((where + ".toolTip", widget.toolTip()))
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((where, widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append((where, widget.title()))
        elif isinstance(widget, QLineEdit):
            found.append((where + ".placeholder", widget.placeholderText()))
        elif isinstance(widget, QComboBox):
            found += [(where, widget.itemText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            found += [(where, widget.tabText(i)) for i in range(widget.count())]
        elif isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            found += [
                (where + ".header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(model.columnCount(QModelIndex()))
            ]
    return found


def menu_texts(window: MainWindow) -> list[tuple[str, str]]:
    found = []
    for menu in window.menuBar().findChildren(QMenu):
        found.append((f"menu {menu.objectName()}", menu.title()))
        for action in menu.actions():
            if not action.isSeparator():
                found.append((f"menu {menu.objectName()}", action.text()))
                if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
                    found.append((f"menu {menu.objectName()}.toolTip", action.toolTip()))
    return found


def untranslated(texts: list[tuple[str, str]], names: set[str]) -> list[str]:
    return [
        f"{where}: {text!r} {words}"
        for where, text in texts
        if text and (words := english_words(text, names))
    ]


def cut_off(root: QWidget) -> list[str]:
    """Visible one-line labels and buttons narrower than their text needs."""
    out = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
            need = widget.minimumSizeHint().width()
        elif isinstance(widget, QAbstractButton) and widget.text():
            need = widget.sizeHint().width()
        else:
            continue
        if widget.width() + 2 < need:
            out.append(f"{type(widget).__name__}({widget.text()!r}) {widget.width()} < {need}")
    return out


def profile_names(profiles: list[ServerProfile]) -> set[str]:
    names = {p.name for p in profiles}
    names |= {p.model for p in profiles if p.model}
    return names


def test_every_tab_and_menu_is_chinese_and_fits_1366x768(
    qtbot: QtBot, chinese: None, make_window: Window
) -> None:
    profiles = default_profiles()
    # Presets saved by an English session (as the whole suite's earlier tests leave
    # them): the built-in ones are shown in Chinese all the same.
    QSettings("inference-panel", "inference-panel").setValue(
        "chat/presets", ["Explain this image", "解释图像", "What is unusual here?"]
    )
    window = make_window(profiles)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366, timeout=5000)
    assert window.windowTitle() == "推理面板"
    names = profile_names(profiles)
    problems = untranslated(menu_texts(window), names)
    assert "语言(&L)" in [text for _, text in menu_texts(window)]
    for key, attribute in TABS.items():
        press(window, key, Qt.KeyboardModifier.ControlModifier)
        tab = getattr(window, attribute)
        qtbot.waitUntil(lambda tab=tab: window.tabs.currentWidget() is tab, timeout=5000)

        def settled(tab: QWidget = tab, attribute: str = attribute) -> None:
            assert sticking_out(window, tab) == [], attribute
            assert horizontal_scrolling(tab) == [], attribute
            assert cut_off(tab) == [], attribute

        qtbot.waitUntil(settled, timeout=3000)
        problems += untranslated(visible_texts(window), names)
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_dialogs_are_chinese(qtbot: QtBot, chinese: None, make_window: Window) -> None:
    profiles = default_profiles()
    window = make_window(profiles)
    names = profile_names(profiles)
    seen: dict[str, list[str]] = {}

    def look(name: str):  # type: ignore[no-untyped-def]
        def answer(dialog: QWidget) -> None:
            seen[name] = untranslated(visible_texts(dialog), names)
            assert dialog.windowTitle(), name
            seen[name] += untranslated([("title", dialog.windowTitle())], names)

        return answer

    window.list.setCurrentIndex(window.model.index(0, 0))
    for name in ("act_edit", "act_new", "act_about", "act_doctor"):
        with answering(look(name)):
            getattr(window, name).trigger()
            qtbot.waitUntil(lambda name=name: name in seen, timeout=10000)
    assert set(seen) == {"act_edit", "act_new", "act_about", "act_doctor"}
    left = [f"{name}: {words}" for name, found in seen.items() for words in found]
    assert not left, "\n".join(left)


def test_the_language_menu_keeps_the_choice_in_the_config(
    qtbot: QtBot, make_window: Window
) -> None:
    window = make_window([])
    menu = window.findChild(QMenu, "menu_language")
    assert menu is not None and menu.menuAction() in window.findChild(QMenu, "menu_view").actions()
    actions = {a.objectName(): a for a in menu.actions()}
    assert [a.text() for a in menu.actions()] == ["Follow the system", "English", "简体中文"]
    assert actions["act_language_system"].isChecked()
    with expect_triggered(window, "act_language_zh_CN"):
        actions["act_language_zh_CN"].trigger()
    assert window.store.load().language == "zh_CN"
    assert "next start" in window.statusBar().currentMessage()
    with expect_triggered(window, "act_language_en"):
        actions["act_language_en"].trigger()
    assert window.store.load().language == "en"
    with expect_triggered(window, "act_language_system"):
        actions["act_language_system"].trigger()
    assert window.store.load().language == ""
    assert actions["act_language_system"].isChecked()
