"""Every command of the main window: its action, shortcut, menu bar, toolbar and the
server list's context menu.

Each action has an ``objectName`` (``act_start`` …) that names it in tests, and the
window keeps it as the attribute of the same name. Strings are translated in the
``MainWindow`` context, where the window's ``tr()`` looks them up; the context is written
out (``QCoreApplication.translate("MainWindow", …)``) because lupdate files a
``window.tr(…)`` in a function under the variable's name, "window".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QStyle, QToolBar

if TYPE_CHECKING:
    from panel.ui.window.main_window import MainWindow

Shortcut = QKeySequence | QKeySequence.StandardKey | str | None


class WindowActions:
    """The window's actions, as attributes (made by :func:`build_actions`)."""

    act_start: QAction
    act_stop: QAction
    act_restart: QAction
    act_new: QAction
    act_edit: QAction
    act_duplicate: QAction
    act_delete: QAction
    act_copy_url: QAction
    act_copy_cmd: QAction
    act_open_log: QAction
    act_show_chat: QAction
    act_show_transcribe: QAction
    act_show_gpu: QAction
    act_show_models: QAction
    act_first_steps: QAction
    act_quit: QAction
    act_docs: QAction
    act_config_folder: QAction
    act_doctor: QAction
    act_about: QAction


def _action(
    window: MainWindow,
    name: str,
    text: str,
    slot: Callable[[], object],
    shortcut: Shortcut = None,
    tip: str = "",
) -> QAction:
    act = QAction(text, window)
    act.setObjectName(name)
    if shortcut:
        act.setShortcut(QKeySequence(shortcut))
    native = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    act.setToolTip(f"{tip or text} ({native})" if shortcut else tip or text)

    # triggered(bool) carries "checked": it must not land in a slot's first parameter
    # (new_profile(initial) once received False and failed with an AttributeError).
    def run(_checked: bool = False) -> None:
        slot()

    act.triggered.connect(run)
    window.addAction(act)  # shortcuts work wherever the focus is in the window
    setattr(window, name, act)
    return act


def build_actions(window: MainWindow) -> None:
    """Create ``window.act_*``; the slots are the window's public commands."""
    w = window
    _action(
        w,
        "act_start",
        QCoreApplication.translate("MainWindow", "Start"),
        w.start_selected,
        "F5",
        QCoreApplication.translate("MainWindow", "Start the server"),
    )
    _action(
        w,
        "act_stop",
        QCoreApplication.translate("MainWindow", "Stop"),
        w.stop_selected,
        "Shift+F5",
        QCoreApplication.translate("MainWindow", "Stop the server"),
    )
    _action(
        w,
        "act_restart",
        QCoreApplication.translate("MainWindow", "Restart"),
        w.restart_selected,
        "Ctrl+Shift+F5",
    )
    _action(
        w,
        "act_new",
        QCoreApplication.translate("MainWindow", "New profile…"),
        w.new_profile,
        QKeySequence.StandardKey.New,
    )
    _action(
        w,
        "act_edit",
        QCoreApplication.translate("MainWindow", "Edit profile…"),
        w.edit_selected,
        "F2",
    )
    _action(
        w,
        "act_duplicate",
        QCoreApplication.translate("MainWindow", "Duplicate"),
        w.duplicate_selected,
        "Ctrl+D",
    )
    _action(
        w,
        "act_delete",
        QCoreApplication.translate("MainWindow", "Delete"),
        w.delete_selected,
        QKeySequence.StandardKey.Delete,
    )
    _action(
        w,
        "act_copy_url",
        QCoreApplication.translate("MainWindow", "Copy URL"),
        w.copy_url,
        "Ctrl+Shift+U",
    )
    _action(
        w,
        "act_copy_cmd",
        QCoreApplication.translate("MainWindow", "Copy command line"),
        w.copy_command,
        "Ctrl+Shift+C",
    )
    _action(
        w,
        "act_open_log",
        QCoreApplication.translate("MainWindow", "Show log"),
        w.show_log,
        "Ctrl+L",
    )
    _action(
        w,
        "act_show_chat",
        QCoreApplication.translate("MainWindow", "Show vision chat"),
        w.show_chat,
        "Ctrl+J",
    )
    _action(
        w,
        "act_show_transcribe",
        QCoreApplication.translate("MainWindow", "Show transcription"),
        w.show_transcribe,
        "Ctrl+T",
    )
    _action(
        w,
        "act_show_gpu",
        QCoreApplication.translate("MainWindow", "Show GPU memory"),
        w.show_gpu,
        "Ctrl+G",
    )
    _action(
        w,
        "act_show_models",
        QCoreApplication.translate("MainWindow", "Show models on disk"),
        w.show_models,
        "Ctrl+M",
    )
    _action(
        w,
        "act_first_steps",
        QCoreApplication.translate("MainWindow", "First steps"),
        w.show_first_steps,
    )
    # Ctrl+Q spelled out: StandardKey.Quit is empty on some platforms (offscreen, Windows).
    _action(w, "act_quit", QCoreApplication.translate("MainWindow", "Quit"), w.close, "Ctrl+Q")
    _action(
        w,
        "act_docs",
        QCoreApplication.translate("MainWindow", "Documentation"),
        w.open_docs,
        QKeySequence.StandardKey.HelpContents,
    )
    _action(
        w,
        "act_config_folder",
        QCoreApplication.translate("MainWindow", "Open the config folder"),
        w.open_config_folder,
    )
    _action(
        w,
        "act_doctor",
        QCoreApplication.translate("MainWindow", "Check this machine (doctor)…"),
        w.show_doctor,
    )
    _action(
        w,
        "act_about",
        QCoreApplication.translate("MainWindow", "About Inference Panel"),
        w.show_about,
    )


def build_menu_bar(window: MainWindow) -> QMenuBar:
    """File, Servers, View, Help: every action, with its shortcut beside it."""
    w = window
    bar = window.menuBar()
    sections = [
        (
            "menu_file",
            QCoreApplication.translate("MainWindow", "&File"),
            [w.act_new, w.act_edit, w.act_duplicate, w.act_delete, None, w.act_quit],
        ),
        (
            "menu_servers",
            QCoreApplication.translate("MainWindow", "&Servers"),
            [w.act_start, w.act_stop, w.act_restart, None, w.act_copy_url, w.act_copy_cmd],
        ),
        (
            "menu_view",
            QCoreApplication.translate("MainWindow", "&View"),
            [
                w.act_open_log,
                w.act_show_chat,
                w.act_show_transcribe,
                w.act_show_gpu,
                w.act_show_models,
                None,
                w.act_first_steps,
            ],
        ),
        (
            "menu_help",
            QCoreApplication.translate("MainWindow", "&Help"),
            [w.act_docs, w.act_config_folder, w.act_doctor, None, w.act_about],
        ),
    ]
    for name, title, actions in sections:
        menu = bar.addMenu(title)
        menu.setObjectName(name)
        for act in actions:
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
    return bar


def build_toolbar(window: MainWindow) -> QToolBar:
    w = window
    toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Servers"), w)
    toolbar.setObjectName("ServersToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.toggleViewAction().setObjectName("act_toolbar")  # right-click the bars to hide it
    style = w.style()
    icons = {
        w.act_start: QStyle.StandardPixmap.SP_MediaPlay,
        w.act_stop: QStyle.StandardPixmap.SP_MediaStop,
        w.act_restart: QStyle.StandardPixmap.SP_BrowserReload,
    }
    for act, pixmap in icons.items():
        act.setIcon(style.standardIcon(pixmap))
        toolbar.addAction(act)
    toolbar.addSeparator()
    toolbar.addAction(w.act_new)
    toolbar.addAction(w.act_edit)
    w.addToolBar(toolbar)
    return toolbar


def list_context_menu(window: MainWindow, on_row: bool) -> QMenu:
    """The server list's right-click menu: for a server, or for the empty space below."""
    w = window
    menu = QMenu(w)
    menu.setObjectName("ServerListMenu")
    if not on_row:
        menu.addAction(w.act_new)
        return menu
    groups = [
        (w.act_start, w.act_stop, w.act_restart),
        (w.act_open_log, w.act_copy_url, w.act_copy_cmd),
        (w.act_edit, w.act_duplicate, w.act_delete),
    ]
    for i, group in enumerate(groups):
        if i:
            menu.addSeparator()
        for act in group:
            menu.addAction(act)
    return menu
