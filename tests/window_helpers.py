"""Driving the main window as a user does: shortcuts, menus, context menus, modal dialogs.

``expect_triggered(window, "act_new")`` wraps a user's gesture and fails unless that
action fired during it. tests/test_window_commands.py reads every test's source for these
calls and fails when one of the window's actions appears in none (see its docstring).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QWidget

if TYPE_CHECKING:
    from panel.ui.window.main_window import MainWindow


def action_key(action: QAction) -> str:
    """The action's objectName, else "ParentClass:text" (actions other widgets own)."""
    if action.objectName():
        return action.objectName()
    return f"{type(action.parent()).__name__}:{action.text().replace('&', '')}"


def window_actions(window: QWidget) -> dict[str, QAction]:
    """Every action in the window a user can trigger: those with text, except the
    actions that stand for a whole menu (the menu bar's titles; opening them is tested)."""
    found: dict[str, QAction] = {}
    for action in window.findChildren(QAction):
        parent = action.parent()
        is_menu_title = isinstance(parent, QMenu) and parent.menuAction() is action
        if action.text() and not is_menu_title:
            found[action_key(action)] = action
    return found


@contextmanager
def expect_triggered(window: QWidget, *keys: str) -> Iterator[None]:
    actions = window_actions(window)
    missing = [key for key in keys if key not in actions]
    assert not missing, f"no such actions: {missing}; the window has {sorted(actions)}"
    fired: list[str] = []
    slots = []
    for key in keys:

        def record(_checked: bool = False, key: str = key) -> None:
            fired.append(key)

        actions[key].triggered.connect(record)
        slots.append((actions[key], record))
    try:
        yield
    finally:
        for action, slot in slots:
            action.triggered.disconnect(slot)
    assert set(fired) == set(keys), f"not triggered: {sorted(set(keys) - set(fired))}"


def activate(qtbot: object, window: QWidget) -> None:
    """Window shortcuts only reach the active window."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)  # type: ignore[attr-defined]


def press(window: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier | None = None) -> None:
    """A key press in the window, as its shortcuts see it: the window must be the active
    one (a dialog that just closed may have left no window active)."""
    if QApplication.activeWindow() is not window:
        window.activateWindow()
        assert QTest.qWaitForWindowActive(window, 5000), "the window did not become active"
    QTest.keyClick(window, key, modifiers or Qt.KeyboardModifier.NoModifier)


@contextmanager
def answering(*answers: Callable[[QWidget], None]) -> Iterator[list[QWidget]]:
    """Answer the next modal dialogs or popup menus, in turn, with ``answers``.

    A modal ``exec()`` runs its own event loop; this timer runs inside it. Whatever an
    answer does, its widget is closed afterwards, so a failed answer cannot leave a test
    hanging in that loop. The list holds the widgets answered.
    """
    seen: list[QWidget] = []
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        widget = QApplication.activePopupWidget() or QApplication.activeModalWidget()
        if widget is None or widget in seen or not widget.isVisible():
            return
        seen.append(widget)
        if len(seen) == len(answers):
            timer.stop()
        # Answer from a fresh call, not from this timer's: an answer may open the next
        # modal dialog, whose loop must still see this timer fire (a timer never fires
        # again while its own slot runs).
        answer = answers[len(seen) - 1]
        QTimer.singleShot(0, lambda: _answer(widget, answer))

    timer.timeout.connect(poll)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()


def _answer(widget: QWidget, answer: Callable[[QWidget], None]) -> None:
    try:
        answer(widget)
    finally:
        if widget.isVisible():
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()


def leave(_widget: QWidget) -> None:
    """An answer that only looks: the dialog is then closed (Cancel)."""


def click_menu_entry(menu: QMenu, text: str) -> None:
    """Click the entry as a mouse would (an action that is disabled does nothing)."""
    entries = [a for a in menu.actions() if a.text() == text]
    assert entries, f"{text!r} not in {[a.text() for a in menu.actions()]}"
    QTest.mouseClick(
        menu,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        menu.actionGeometry(entries[0]).center(),
    )


def click_button(box: QWidget, text: str) -> None:
    assert isinstance(box, QMessageBox | QDialog), box
    buttons = [b for b in box.findChildren(QWidget) if getattr(b, "text", None)]
    [button] = [b for b in buttons if b.text().replace("&", "") == text]  # type: ignore[attr-defined]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def context_menu(
    window: MainWindow, row: int | None, choose: str, *then: Callable[[QWidget], None]
) -> list[QWidget]:
    """Right-click a row of the server list (None: the empty space below the rows), click
    ``choose`` in the menu that opens, and answer the dialogs that follow with ``then``.
    Returns the menu and those dialogs."""
    view = window.list
    if row is None:
        rows = window.model.rowCount()
        bottom = view.visualRect(window.model.index(rows - 1)).bottom() if rows else 0
        pos = QPoint(10, bottom + 10)
    else:
        pos = view.visualRect(window.model.index(row)).center()

    return right_click(view.viewport(), pos, choose, *then)


def right_click(
    widget: QWidget, pos: QPoint, choose: str, *then: Callable[[QWidget], None]
) -> list[QWidget]:
    """Right-click ``widget`` at ``pos``, click ``choose`` in the menu that opens, and answer
    the dialogs that follow with ``then``. Returns the menu and those dialogs."""

    def pick(menu: QWidget) -> None:
        assert isinstance(menu, QMenu)
        click_menu_entry(menu, choose)

    with answering(pick, *then) as seen:
        event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
        QApplication.sendEvent(widget, event)
    return seen


def menu_bar_entry(window: MainWindow, menu_name: str, choose: str) -> None:
    """Open a menu of the menu bar with the mouse and click an entry."""
    bar = window.menuBar()
    menu = window.findChild(QMenu, menu_name)
    assert menu is not None
    QTest.mouseClick(
        bar,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        bar.actionGeometry(menu.menuAction()).center(),
    )
    assert menu.isVisible()
    click_menu_entry(menu, choose)
