"""View ▸ Language: follow the system, English or 简体中文, kept in the config's [ui] table.

Every widget builds its text once, so a new language shows from the next start; the
status bar says so rather than leaving the user wondering.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from panel.core.config.store import ConfigError
from panel.core.i18n import LANGUAGES

if TYPE_CHECKING:
    from panel.ui.window.main_window import MainWindow


def language_names() -> dict[str, str]:
    # Each language is named in itself, so a user who cannot read the current one finds
    # their own; only "follow the system" is translated.
    return {
        "": QCoreApplication.translate("MainWindow", "Follow the system"),
        "en": "English",
        "zh_CN": "简体中文",
    }


def add_language_menu(window: MainWindow) -> QMenu:
    view = window.findChild(QMenu, "menu_view")
    parent = view if view is not None else window.menuBar()
    menu = QMenu(QCoreApplication.translate("MainWindow", "&Language"), parent)
    menu.setObjectName("menu_language")
    group = QActionGroup(menu)
    for code, name in language_names().items():
        assert code in LANGUAGES
        act = QAction(name, menu)
        act.setObjectName(f"act_language_{code or 'system'}")
        act.setCheckable(True)
        act.setChecked(window.config.language == code)
        act.setData(code)
        group.addAction(act)
        menu.addAction(act)
    group.triggered.connect(lambda act: _choose(window, str(act.data())))
    if view is not None:
        view.addSeparator()
        view.addMenu(menu)
    else:
        window.menuBar().addMenu(menu)
    return menu


def _choose(window: MainWindow, code: str) -> None:
    if window.config.language == code:
        return
    previous = window.config.language
    window.config.language = code
    try:
        window.store.save(window.config)
    except ConfigError as exc:
        window.config.language = previous
        window.statusBar().showMessage(str(exc), 10000)
        return
    window.statusBar().showMessage(
        QCoreApplication.translate(
            "MainWindow", "The new language is used from the next start of the panel."
        ),
        10000,
    )
