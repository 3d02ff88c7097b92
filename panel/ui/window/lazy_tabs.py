"""Tabs built the first time they are shown or asked for, so the window paints first.

A tab's module (and what it imports: pyqtgraph, numpy, httpx, ...) loads only when the
tab is opened, or when code asks for the widget (:meth:`LazyTabs.get`); adding a tab,
even the first (current) one, does not build it. Until then an
empty placeholder holds its place in the tab bar, with its label; building swaps the
real widget in at the same index, current if the placeholder was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QTabWidget, QWidget

__all__ = ["LazyTabs"]


@dataclass
class _Slot:
    build: Callable[[], QWidget]
    placeholder: QWidget | None
    widget: QWidget | None = None


class LazyTabs(QObject):
    """Lazily built pages of ``tabs``. ``built(key, widget)`` follows each build, once
    the widget is in its place (so a handler may ask :meth:`get` for it)."""

    built = Signal(str, QWidget)

    def __init__(self, tabs: QTabWidget, prepare: Callable[[], None] | None = None) -> None:
        """``prepare``: run before a tab is built (once it has run, a cheap no-op): the
        window's deferred start-up, which a tab's builder would otherwise set off from
        inside the build, asking for the very tab being built."""
        super().__init__(tabs)
        self._tabs = tabs
        self._prepare = prepare
        self._slots: dict[str, _Slot] = {}
        self._building = False
        tabs.currentChanged.connect(self._on_current)

    def add(self, key: str, label: str, build: Callable[[], QWidget]) -> None:
        placeholder = QWidget()
        placeholder.setObjectName(f"{key}Placeholder")
        self._slots[key] = _Slot(build, placeholder)
        # Adding is not opening: the first tab added becomes current by itself, and the
        # window builds its first tab (the log) after the first paint.
        self._building = True
        try:
            self._tabs.addTab(placeholder, label)
        finally:
            self._building = False

    def get(self, key: str) -> QWidget:
        """The tab's widget, built now if it was not yet."""
        slot = self._slots[key]
        if slot.widget is None and self._prepare is not None:
            self._prepare()
        if slot.widget is None:
            self._build(key, slot)
        assert slot.widget is not None
        return slot.widget

    def built_widget(self, key: str) -> QWidget | None:
        """The tab's widget if it was built, without building it."""
        return self._slots[key].widget

    def _build(self, key: str, slot: _Slot) -> None:
        widget = slot.build()
        placeholder = slot.placeholder
        assert placeholder is not None
        tabs = self._tabs
        index = tabs.indexOf(placeholder)
        was_current = tabs.currentIndex() == index
        slot.widget, slot.placeholder = widget, None
        self._building = True
        try:
            # In after the placeholder, made current, then the placeholder out: the tab
            # bar never moves the current tab to a neighbour meanwhile.
            tabs.insertTab(index + 1, widget, tabs.tabIcon(index), tabs.tabText(index))
            tabs.setTabToolTip(index + 1, tabs.tabToolTip(index))
            if was_current:
                tabs.setCurrentIndex(index + 1)
            tabs.removeTab(index)
        finally:
            self._building = False
        placeholder.deleteLater()
        self.built.emit(key, widget)

    @Slot(int)
    def _on_current(self, index: int) -> None:
        if self._building:
            return
        shown = self._tabs.widget(index)
        for key, slot in self._slots.items():
            if slot.placeholder is not None and slot.placeholder is shown:
                self.get(key)
                return
