"""The profile editor: one dialog to create or change a :class:`ServerProfile`.

Everything it decides comes from the Qt-free core: the command line from the engine
adapter, problems from :mod:`panel.core.servers.preflight`, flag hints from
:mod:`panel.core.engines.flag_hints`, models from :mod:`panel.core.models.discovery` (scanned off the GUI
thread, since a big Hugging Face cache takes a while to walk). The dialog only edits
fields, shows what is wrong next to the field that is wrong, and refuses OK while a
problem would make the profile unusable. A missing binary is only a warning: the user
may install the engine after writing its profile.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import os
import re
import shlex
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import ClassVar, Literal

from PySide6.QtCore import QObject, QRunnable, QStringListModel, Qt, QThreadPool, Signal
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from panel.core.config.profiles import (
    DEFAULT_HOST,
    ContainerSpec,
    Engine,
    GpuAccess,
    Network,
    Role,
    ServerProfile,
)
from panel.core.engines import adapter_for
from panel.core.engines.flag_hints import (
    FlagHint,
    FlagRow,
    all_names,
    args_from_rows,
    completions,
    hint_for,
    is_flag_word,
    rows_from_args,
)
from panel.core.models.discovery import DiscoveredModel, ModelKind, default_model_dirs, scan_models
from panel.core.models.memory_fit import format_size
from panel.core.servers import containers
from panel.core.servers.ports import is_port_free, next_free_port
from panel.core.servers.preflight import Problem, preflight

Level = Literal["", "info", "warning", "error"]

_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_WILDCARD_HOSTS = ("0.0.0.0", "::", "[::]")
# llama-server flags that fetch the model themselves, so an empty model field is fine.
_LLAMA_MODEL_SOURCES = ("-hf", "-hfr", "--hf-repo", "-mu", "--model-url", "-dr", "--docker-repo")
_MASK = "********"


class _Message(QLabel):
    """A line under a field: an error (red), a warning (amber) or a note; hidden if empty."""

    _COLORS: ClassVar[dict[str, str]] = {"error": "#c62828", "warning": "#9a5b00"}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level: Level = ""
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, level: Level, text: str) -> None:
        self.level = level if text else ""
        self.setText(text)
        color = self._COLORS.get(self.level, "")
        self.setStyleSheet(f"color: {color};" if color else "")
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("", "")


class _Field(QWidget):
    """A form field: widgets side by side (``row``), with a message line under them."""

    def __init__(self, *widgets: QWidget, stretch_first: bool = True) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(2)
        self.row = QHBoxLayout()
        self.row.setSpacing(6)
        for index, widget in enumerate(widgets):
            self.row.addWidget(widget, 1 if index == 0 and stretch_first else 0)
        self.column.addLayout(self.row)
        self.message = _Message()
        self.column.addWidget(self.message)


def _small_button(text: str) -> QPushButton:
    button = QPushButton(text)
    # Enter belongs to OK; only Space presses a focused helper button.
    button.setAutoDefault(False)
    return button


def _set_tab_order(widgets: Sequence[QWidget]) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def _keeps_enter(event: QKeyEvent) -> bool:
    """Swallow an Enter its child widgets left unhandled (they pass it up to the dialog).

    In the flag and variable tables Enter adds or finishes a row; it must not also press
    OK and close the dialog under the user's hands.
    """
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        event.accept()
        return True
    return False


# --- model discovery off the GUI thread ------------------------------------------------


class _DiscoveryRelay(QObject):
    """Lives in the GUI thread; the worker emits through it (a queued connection)."""

    found = Signal(object)  # list[DiscoveredModel]


class _DiscoveryTask(QRunnable):
    def __init__(self, dirs: list[Path], relay: _DiscoveryRelay) -> None:
        super().__init__()
        self._dirs = dirs
        self._relay = relay

    def run(self) -> None:
        try:
            models = scan_models(self._dirs)
        except Exception:  # a scan skips bad files itself; never kill the pool thread
            models = []
        self._relay.found.emit(models)


# --- flags -------------------------------------------------------------------------------


class FlagsEditor(QWidget):
    """One row per flag (flag, value, what it does), plus a completing "add" line."""

    changed = Signal()

    FLAG, VALUE, HINT = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._engine = Engine.LLAMA_CPP

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("flagsTable")
        self.table.setHorizontalHeaderLabels([self.tr("Flag"), self.tr("Value"), self.tr("Hint")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as in the rest of the form
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.FLAG, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.VALUE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.HINT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(self.FLAG, 150)
        self.table.setColumnWidth(self.VALUE, 190)
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.up_button = _small_button(self.tr("Move up"))
        self.down_button = _small_button(self.tr("Move down"))
        self.remove_button = _small_button(self.tr("Remove"))
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.remove_button.clicked.connect(self._remove_selected)

        self.flag_entry = QLineEdit()
        self.flag_entry.setObjectName("flagEntry")
        self.flag_entry.setPlaceholderText(self.tr("Flag, e.g. --ctx-size"))
        self._flag_names = QStringListModel(self)
        self.flag_completer = QCompleter(self._flag_names, self)
        self.flag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.flag_completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.flag_entry.setCompleter(self.flag_completer)
        self.flag_entry.textChanged.connect(self._on_entry_changed)
        self.flag_completer.highlighted.connect(self._show_hint_for)
        self.flag_entry.returnPressed.connect(self._on_flag_return)

        self.value_entry = QLineEdit()
        self.value_entry.setObjectName("valueEntry")
        self.value_entry.setPlaceholderText(self.tr("Value"))
        self._choices = QStringListModel(self)
        value_completer = QCompleter(self._choices, self)
        value_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        value_completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.value_entry.setCompleter(value_completer)
        self.value_entry.returnPressed.connect(self.add_from_entry)

        self.add_button = _small_button(self.tr("Add"))
        self.add_button.clicked.connect(self.add_from_entry)

        self.hint_label = QLabel()
        self.hint_label.setObjectName("flagHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextFormat(Qt.TextFormat.RichText)
        self.message = _Message()

        side = QVBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addLayout(side)
        entry = QHBoxLayout()
        entry.addWidget(self.flag_entry, 3)
        entry.addWidget(self.value_entry, 3)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.message)
        layout.addLayout(entry)
        layout.addWidget(self.hint_label)
        _set_tab_order(
            [
                self.table,
                self.up_button,
                self.down_button,
                self.remove_button,
                self.flag_entry,
                self.value_entry,
                self.add_button,
            ]
        )
        self._on_entry_changed("")
        self._update_buttons()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not _keeps_enter(event):
            super().keyPressEvent(event)

    # -- data -------------------------------------------------------------------------
    def set_engine(self, engine: Engine) -> None:
        self._engine = engine
        self._flag_names.setStringList(all_names(engine))
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            self._update_hint_cell(row)
        self.table.blockSignals(False)
        self._on_entry_changed(self.flag_entry.text())

    def set_args(self, args: Sequence[str]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for flag_row in rows_from_args(self._engine, args):
            self._append(flag_row)
        self.table.blockSignals(False)
        self._update_buttons()
        self.changed.emit()

    def rows(self) -> list[FlagRow]:
        rows = []
        for row in range(self.table.rowCount()):
            flag_item, value_item = (
                self.table.item(row, self.FLAG),
                self.table.item(row, self.VALUE),
            )
            flag = flag_item.text().strip() if flag_item else ""
            value = value_item.text() if value_item else ""
            if not flag and not value:
                continue
            joined = bool(flag_item.data(Qt.ItemDataRole.UserRole)) if flag_item else False
            rows.append(FlagRow(flag, value or None, joined=joined and bool(flag)))
        return rows

    def args(self) -> list[str]:
        return args_from_rows(self.rows())

    # -- adding -------------------------------------------------------------------------
    def add_from_entry(self) -> None:
        """Add what the entry line holds; several pasted words become several rows."""
        text = self.flag_entry.text().strip()
        value = self.value_entry.text()
        if not text:
            return
        try:
            words = shlex.split(text) if any(c.isspace() for c in text) else [text]
        except ValueError:  # an unbalanced quote: take the words as typed
            words = text.split()
        if value:
            words.append(value)
        new_rows = rows_from_args(self._engine, words)
        self.table.blockSignals(True)
        for flag_row in new_rows:
            self._append(flag_row)
        self.table.blockSignals(False)
        self.table.selectRow(self.table.rowCount() - 1)
        self.flag_entry.clear()
        self.value_entry.clear()
        self.flag_entry.setFocus()
        self.changed.emit()

    def _on_flag_return(self) -> None:
        hint = hint_for(self._engine, self.flag_entry.text().strip())
        if hint and hint.takes_value and not self.value_entry.text():
            self.value_entry.setFocus()  # Enter after a completed flag moves on to its value
            return
        self.add_from_entry()

    def _append(self, flag_row: FlagRow) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        flag_item = QTableWidgetItem(flag_row.flag)
        flag_item.setData(Qt.ItemDataRole.UserRole, flag_row.joined)
        self.table.setItem(row, self.FLAG, flag_item)
        self.table.setItem(row, self.VALUE, QTableWidgetItem(flag_row.value or ""))
        hint_item = QTableWidgetItem()
        hint_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        hint_item.setForeground(self.palette().placeholderText())
        self.table.setItem(row, self.HINT, hint_item)
        self._update_hint_cell(row)

    def _update_hint_cell(self, row: int) -> None:
        flag_item, hint_item = self.table.item(row, self.FLAG), self.table.item(row, self.HINT)
        if flag_item is None or hint_item is None:
            return
        hint = hint_for(self._engine, flag_item.text().strip())
        hint_item.setText(hint.hint if hint else "")
        hint_item.setToolTip(hint.hint if hint else "")
        flag_item.setToolTip(hint.usage() if hint else "")

    # -- editing ------------------------------------------------------------------------
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == self.FLAG:
            self.table.blockSignals(True)
            self._update_hint_cell(item.row())
            self.table.blockSignals(False)
        self.changed.emit()

    def _selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def _remove_selected(self) -> None:
        rows = self._selected_rows()
        for row in reversed(rows):
            self.table.removeRow(row)
        if rows and self.table.rowCount():
            self.table.selectRow(min(rows[0], self.table.rowCount() - 1))
        self._update_buttons()
        self.changed.emit()

    def _move(self, step: int) -> None:
        rows = self._selected_rows()
        if len(rows) != 1:
            return
        row, target = rows[0], rows[0] + step
        if not 0 <= target < self.table.rowCount():
            return
        self.table.blockSignals(True)
        items = [self.table.takeItem(row, col) for col in range(3)]
        others = [self.table.takeItem(target, col) for col in range(3)]
        for col in range(3):
            self.table.setItem(target, col, items[col])
            self.table.setItem(row, col, others[col])
        self.table.blockSignals(False)
        self.table.selectRow(target)
        self.changed.emit()

    def _update_buttons(self) -> None:
        rows = self._selected_rows()
        self.remove_button.setEnabled(bool(rows))
        one = len(rows) == 1
        self.up_button.setEnabled(one and rows[0] > 0)
        self.down_button.setEnabled(one and rows[0] < self.table.rowCount() - 1)

    # -- the hint line ------------------------------------------------------------------
    def _on_entry_changed(self, text: str) -> None:
        flag = text.strip().split("=", 1)[0]
        reserved = adapter_for(self._engine).reserved_flags
        if flag in reserved:
            self._set_hint(
                self.tr("{flag} has its own field on the General tab; set it there.").format(
                    flag=html.escape(flag)
                ),
                warning=True,
            )
            self._set_value_hint(None)
            return
        matches = completions(self._engine, flag)
        if matches:
            self._show_hint(matches[0])
            exact = hint_for(self._engine, flag)
            self._set_value_hint(exact)
        elif flag.startswith("-"):
            self._set_hint(
                self.tr("Not a flag the panel knows for this engine; it is passed on as typed.")
            )
            self._set_value_hint(None)
        elif self._engine is Engine.CUSTOM:
            self._set_hint(
                self.tr(
                    "Custom command: each row is one or two words of the command line; "
                    "{host}, {port} and {model} are filled in from the profile."
                )
            )
            self._set_value_hint(None)
        else:
            self._set_hint(
                self.tr("Type a flag: the engine's known flags are offered as you type.")
            )
            self._set_value_hint(None)

    def _show_hint_for(self, highlighted: object) -> None:
        # PySide may hand over either overload of highlighted(): the text or its index.
        name = (
            highlighted
            if isinstance(highlighted, str)
            else str(getattr(highlighted, "data", str)())
        )
        hint = hint_for(self._engine, name)
        if hint:
            self._show_hint(hint)

    def _show_hint(self, hint: FlagHint) -> None:
        also = ", ".join(hint.aliases)
        text = f"<b>{html.escape(hint.usage())}</b> — {html.escape(hint.hint)}"
        if also:
            text += " " + html.escape(self.tr("(also {names})").format(names=also))
        self._set_hint(text)

    def _set_hint(self, rich_text: str, *, warning: bool = False) -> None:
        self.hint_label.setText(rich_text)
        self.hint_label.setStyleSheet("color: #9a5b00;" if warning else "")

    def _set_value_hint(self, hint: FlagHint | None) -> None:
        self._choices.setStringList(list(hint.choices) if hint else [])
        if hint is not None and not hint.takes_value:
            self.value_entry.clear()
            self.value_entry.setEnabled(False)
            self.value_entry.setPlaceholderText(self.tr("(no value)"))
        else:
            self.value_entry.setEnabled(True)
            self.value_entry.setPlaceholderText(hint.value_name if hint else self.tr("Value"))


# --- environment variables -------------------------------------------------------------


class EnvEditor(QWidget):
    """Extra environment variables for the server, as a name/value table."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("envTable")
        self.table.setHorizontalHeaderLabels([self.tr("Variable"), self.tr("Value")])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 220)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = _small_button(self.tr("Add variable"))
        self.remove_button = _small_button(self.tr("Remove"))
        self.add_button.clicked.connect(self._add_row)
        self.remove_button.clicked.connect(self._remove_selected)
        self.message = _Message()
        side = QVBoxLayout()
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addWidget(self.message)
        _set_tab_order([self.table, self.add_button, self.remove_button])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not _keeps_enter(event):
            super().keyPressEvent(event)

    def set_env(self, env: Mapping[str, str]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for name, value in env.items():
            self._append(name, value)
        self.table.blockSignals(False)
        self.changed.emit()

    def rows(self) -> list[tuple[str, str]]:
        rows = []
        for row in range(self.table.rowCount()):
            name_item, value_item = self.table.item(row, 0), self.table.item(row, 1)
            name = name_item.text().strip() if name_item else ""
            value = value_item.text() if value_item else ""
            if name or value:
                rows.append((name, value))
        return rows

    def env(self) -> dict[str, str]:
        return {name: value for name, value in self.rows() if name}

    def _append(self, name: str, value: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(value))
        return row

    def _add_row(self) -> None:
        self.table.blockSignals(True)
        row = self._append("", "")
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        item = self.table.item(row, 0)
        if item is not None:
            self.table.editItem(item)

    def _remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        for row in reversed(rows):
            self.table.removeRow(row)
        self.changed.emit()


# --- the command line preview ----------------------------------------------------------


class CommandPreview(QPlainTextEdit):
    """The exact command, read-only and selectable, in monospace.

    Long commands break only between flags, with shell line continuations, so what is
    shown (or selected and copied) still runs as is; ``command_line()`` is the one-line
    form the Copy button takes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._env: list[str] = []
        self._argv: list[str] = []
        self._note = ""
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        margin = self.document().documentMargin()
        lines = 5
        self.setFixedHeight(
            int(self.fontMetrics().lineSpacing() * lines + 2 * margin) + 2 * self.frameWidth()
        )

    def set_command(self, env_words: Sequence[str], argv: Sequence[str]) -> None:
        """``env_words`` are shell-ready ``NAME=value`` words; ``argv`` is quoted here."""
        self._env, self._argv, self._note = list(env_words), list(argv), ""
        self._render()

    def set_note(self, text: str) -> None:
        self._env, self._argv, self._note = [], [], text
        self._render()

    def command_line(self) -> str:
        if self._note:
            return ""
        return " ".join([*self._env, shlex.join(self._argv)])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()

    def _render(self) -> None:
        if self._note:
            text = self._note
        else:
            columns = self.viewport().width() // max(1, self.fontMetrics().horizontalAdvance("m"))
            text = wrap_command(self._env, self._argv, max(40, columns - 1))
        if text != self.toPlainText():
            self.setPlainText(text)


def wrap_command(env_words: Sequence[str], argv: Sequence[str], width: int) -> str:
    """The command as shell lines of about ``width`` characters, broken before flags only."""
    groups: list[str] = list(env_words)
    for index, word in enumerate(argv):
        quoted = shlex.quote(word)
        if index == 0 or is_flag_word(word) or not groups:
            groups.append(quoted)
        else:
            groups[-1] += " " + quoted  # a value stays on its flag's line
    lines: list[str] = []
    current = ""
    for group in groups:
        if current and len(current) + 1 + len(group) > width - 2:  # room for " \\"
            lines.append(current)
            current = "  " + group
        else:
            current = f"{current} {group}" if current else group
    lines.append(current)
    return " \\\n".join(lines)


# --- the dialog --------------------------------------------------------------------------


class ProfileEditor(QDialog):
    """Create (``profile=None``) or edit a server profile; ``profile()`` gives the result.

    ``existing_names`` are the profiles' names (the edited profile's own name may be among
    them). ``model_dirs`` are the folders to scan for models (None: the usual ones; an
    empty list: no scan). ``taken_ports`` maps the ports of other profiles to their names,
    so "Next free" skips them and a clash is pointed out.
    """

    API_NONE, API_ENV, API_FILE = range(3)
    GENERAL_TAB, FLAGS_TAB, ENV_TAB, CONTAINER_TAB = range(4)

    def __init__(
        self,
        profile: ServerProfile | None,
        existing_names: Collection[str],
        parent: QWidget | None = None,
        *,
        model_dirs: list[Path] | None = None,
        taken_ports: Mapping[int, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("profileEditor")
        self._existing = {n for n in existing_names if profile is None or n != profile.name}
        self._taken_ports = dict(taken_ports or {})
        self._model_dirs = default_model_dirs() if model_dirs is None else list(model_dirs)
        self._discovered: list[DiscoveredModel] | None = None  # None: scan not finished
        self._model_status_text = ""
        self._errors: list[str] = []
        self._tab_levels: dict[int, list[Level]] = {}
        self._loading = True

        if profile is None:
            self.setWindowTitle(self.tr("New profile"))
        else:
            self.setWindowTitle(self.tr("Edit profile — {name}").format(name=profile.name))
        self._build()
        self._load(profile or self._new_profile())
        self._loading = False
        self._revalidate()

        self._pool = QThreadPool(self)  # its destructor waits for the scan: no stray thread
        self._pool.setMaxThreadCount(1)
        self._relay = _DiscoveryRelay(self)
        self._relay.found.connect(self._on_models_found)
        self._start_discovery()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    # -- public -------------------------------------------------------------------------
    def profile(self) -> ServerProfile:
        """The profile as the form shows it now."""
        kind = self.api_key_kind.currentIndex()
        key_value = self.api_key_edit.text().strip()
        api_key_ref = ""
        if kind == self.API_ENV and key_value:
            api_key_ref = f"env:{key_value}"
        elif kind == self.API_FILE and key_value:
            api_key_ref = f"file:{key_value}"
        attach_url = self.attach_url_edit.text().strip() if self.attach_check.isChecked() else ""
        return ServerProfile(
            name=self.name_edit.text().strip(),
            engine=self._engine(),
            model=self.model_combo.currentText().strip(),
            executable=self.executable_edit.text().strip(),
            host=self.host_edit.text().strip(),
            port=self.port_spin.value(),
            args=self.flags.args(),
            env=self.env.env(),
            role=Role(self.role_combo.currentData()),
            ready_timeout=self.ready_timeout_spin.value(),
            stop_grace=self.stop_grace_spin.value(),
            api_key_ref=api_key_ref,
            attach_url=attach_url,
            health_path=self.health_path_edit.text().strip(),
            auto_restart=self.auto_restart_check.isChecked(),
            container=self.container_spec(),
        )

    def container_spec(self) -> ContainerSpec | None:
        """The Container tab as a spec; None when the server runs on the host."""
        if not self.container_check.isChecked():
            return None
        return ContainerSpec(
            runtime=str(self.runtime_combo.currentData() or ""),
            image=self.image_edit.text().strip(),
            gpus=GpuAccess(self.gpu_combo.currentData()),
            gpu_devices=self.gpu_devices_edit.text().strip(),
            ipc_host=self.ipc_check.isChecked(),
            network=Network(self.network_combo.currentData()),
            mounts=self._mount_lines(),
            entrypoint=self.entrypoint_edit.text().strip(),
            extra_args=self._extra_args()[0],
        )

    def _mount_lines(self) -> list[str]:
        return [
            line.strip() for line in self.mounts_edit.toPlainText().splitlines() if line.strip()
        ]

    def _extra_args(self) -> tuple[list[str], str]:
        """The extra ``docker run`` options as argv words, and the quoting error if any."""
        text = self.extra_args_edit.text().strip()
        try:
            return shlex.split(text), ""
        except ValueError as exc:  # an unbalanced quote: keep the words as typed
            return text.split(), str(exc)

    def problems(self) -> list[str]:
        """What keeps OK disabled; empty when the profile can be saved."""
        return list(self._errors)

    def wait_for_discovery(self, msecs: int = -1) -> bool:
        """Block until the model scan has finished (tests, orderly shutdown)."""
        return self._pool.waitForDone(msecs)

    def accept(self) -> None:
        self._revalidate()
        if not self._errors:
            super().accept()

    # -- building -----------------------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget()
        # The general page scrolls rather than growing the dialog when several of its
        # messages show at once (install hints wrap over three lines).
        general = QScrollArea()
        general.setWidgetResizable(True)
        general.setFrameShape(QFrame.Shape.NoFrame)
        general.setWidget(self._build_general())
        self.tabs.addTab(general, self.tr("General"))
        self.flags = FlagsEditor()
        self.flags.setObjectName("flagsEditor")
        self.flags.changed.connect(self._revalidate)
        self.tabs.addTab(self.flags, self.tr("Flags"))
        self.tabs.addTab(self._build_environment(), self.tr("Environment && lifecycle"))
        self.tabs.addTab(self._build_container(), self.tr("Co&ntainer"))

        self.preview = CommandPreview()
        self.preview.setObjectName("commandPreview")
        self.copy_button = _small_button(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the command line (the API key stays masked)"))
        self.copy_button.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(self.preview.command_line())
        )
        preview_title = QLabel(self.tr("&Command line:"))
        preview_title.setBuddy(self.preview)
        preview_row = QHBoxLayout()
        preview_row.addWidget(self.preview, 1)
        preview_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)

        self.summary = _Message()
        self.summary.setObjectName("problemSummary")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(preview_title)
        layout.addLayout(preview_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.resize(800, 640)

    def _build_general(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # The form's minimum height assumes every wrapped message at its narrowest; let
        # the scroll area size it by height-for-width instead, so it scrolls only when
        # the messages really do not fit.
        form.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        page.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)

        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("nameEdit")
        self.name_edit.setPlaceholderText(self.tr("e.g. qwen3-coder (llama.cpp)"))
        box = _Field(self.name_edit)
        self.name_message = box.message
        form.addRow(self.tr("&Name:"), box)
        self.name_edit.textChanged.connect(self._revalidate)

        self.engine_combo = QComboBox()
        self.engine_combo.setObjectName("engineCombo")
        for engine, label in (
            (Engine.LLAMA_CPP, self.tr("llama.cpp (llama-server)")),
            (Engine.WHISPER_CPP, self.tr("whisper.cpp (whisper-server)")),
            (Engine.VLLM, self.tr("vLLM (vllm serve)")),
            (Engine.CUSTOM, self.tr("Custom command")),
        ):
            self.engine_combo.addItem(label, engine.value)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("roleCombo")
        for role, label in (
            (Role.CHAT, self.tr("Chat")),
            (Role.VISION, self.tr("Vision (images)")),
            (Role.TRANSCRIPTION, self.tr("Transcription (speech to text)")),
        ):
            self.role_combo.addItem(label, role.value)
        role_label = QLabel(self.tr("&Role:"))
        role_label.setBuddy(self.role_combo)
        engine_row = QWidget()
        engine_layout = QHBoxLayout(engine_row)
        engine_layout.setContentsMargins(0, 0, 0, 0)
        engine_layout.addWidget(self.engine_combo, 1)
        engine_layout.addSpacing(12)
        engine_layout.addWidget(role_label)
        engine_layout.addWidget(self.role_combo, 1)
        form.addRow(self.tr("&Engine:"), engine_row)
        self.engine_combo.currentIndexChanged.connect(self._on_engine_changed)
        self.role_combo.currentIndexChanged.connect(self._revalidate)

        self.attach_check = QCheckBox(self.tr("&Attach to a server started elsewhere:"))
        self.attach_check.setObjectName("attachCheck")
        self.attach_url_edit = QLineEdit()
        self.attach_url_edit.setObjectName("attachUrlEdit")
        self.attach_url_edit.setPlaceholderText("http://127.0.0.1:8080")
        box = _Field(self.attach_check, self.attach_url_edit, stretch_first=False)
        box.row.setStretch(1, 1)
        self.attach_message = box.message
        form.addRow("", box)
        self.attach_check.toggled.connect(self._on_attach_toggled)
        self.attach_url_edit.textChanged.connect(self._revalidate)

        self.executable_edit = QLineEdit()
        self.executable_edit.setObjectName("executableEdit")
        self.executable_browse = _small_button(self.tr("Browse…"))
        self.executable_browse.clicked.connect(self._browse_executable)
        box = _Field(self.executable_edit, self.executable_browse)
        self.executable_status = box.message
        self._executable_label = QLabel(self.tr("E&xecutable:"))
        self._executable_label.setBuddy(self.executable_edit)
        form.addRow(self._executable_label, box)
        self.executable_edit.textChanged.connect(self._revalidate)

        self.model_combo = QComboBox()
        self.model_combo.setObjectName("modelCombo")
        self.model_combo.setEditable(True)
        self.model_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.model_combo.setMinimumContentsLength(20)
        self.model_browse = _small_button(self.tr("Browse…"))
        self.model_browse.clicked.connect(self._browse_model)
        box = _Field(self.model_combo, self.model_browse)
        self.model_message = box.message
        self.model_status = QLabel()
        self.model_status.setObjectName("modelStatus")
        self.model_status.setWordWrap(True)
        self.model_status.setTextFormat(Qt.TextFormat.RichText)
        self.model_status.linkActivated.connect(self._on_model_link)
        self.model_status.hide()
        box.column.addWidget(self.model_status)
        self._model_label = QLabel(self.tr("&Model:"))
        self._model_label.setBuddy(self.model_combo)
        form.addRow(self._model_label, box)
        self.model_combo.editTextChanged.connect(self._revalidate)
        self.model_combo.activated.connect(self._on_model_picked)

        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("hostEdit")
        self.host_edit.setPlaceholderText(DEFAULT_HOST)
        box = _Field(self.host_edit)
        self.host_message = box.message
        form.addRow(self.tr("&Host:"), box)
        self.host_edit.textChanged.connect(self._revalidate)

        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("portSpin")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setMinimumWidth(100)
        self.next_free_button = _small_button(self.tr("Next free"))
        self.next_free_button.setObjectName("nextFreeButton")
        self.next_free_button.setToolTip(self.tr("Pick the first free port from this one up"))
        self.next_free_button.clicked.connect(self._pick_next_free_port)
        box = _Field(self.port_spin, self.next_free_button, stretch_first=False)
        box.row.addStretch(1)
        self.port_message = box.message
        form.addRow(self.tr("&Port:"), box)
        self.port_spin.valueChanged.connect(self._revalidate)

        self.api_key_kind = QComboBox()
        self.api_key_kind.setObjectName("apiKeyKind")
        self.api_key_kind.addItems(
            [self.tr("None"), self.tr("Environment variable"), self.tr("File")]
        )
        self.api_key_edit = QLineEdit()
        self.api_key_edit.setObjectName("apiKeyEdit")
        self.api_key_browse = _small_button(self.tr("Browse…"))
        self.api_key_browse.clicked.connect(self._browse_key_file)
        box = _Field(self.api_key_kind, self.api_key_edit, self.api_key_browse, stretch_first=False)
        box.row.setStretch(1, 1)
        self.api_key_message = box.message
        form.addRow(self.tr("API &key:"), box)
        self.api_key_kind.currentIndexChanged.connect(self._on_api_kind_changed)
        self.api_key_edit.textChanged.connect(self._revalidate)

        self.health_path_edit = QLineEdit()
        self.health_path_edit.setObjectName("healthPathEdit")
        self.health_path_edit.setPlaceholderText("/health")
        self._health_label = QLabel(self.tr("Health &path:"))
        self._health_label.setBuddy(self.health_path_edit)
        form.addRow(self._health_label, self.health_path_edit)
        self.health_path_edit.textChanged.connect(self._revalidate)

        _set_tab_order(
            [
                self.name_edit,
                self.engine_combo,
                self.role_combo,
                self.attach_check,
                self.attach_url_edit,
                self.executable_edit,
                self.executable_browse,
                self.model_combo,
                self.model_browse,
                self.host_edit,
                self.port_spin,
                self.next_free_button,
                self.api_key_kind,
                self.api_key_edit,
                self.api_key_browse,
                self.health_path_edit,
            ]
        )
        return page

    def _build_environment(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(self.tr("&Environment variables added for the server:"))
        self.env = EnvEditor()
        self.env.setObjectName("envEditor")
        self.env.changed.connect(self._revalidate)
        title.setBuddy(self.env.table)
        layout.addWidget(title)
        layout.addWidget(self.env, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.ready_timeout_spin = QDoubleSpinBox()
        self.ready_timeout_spin.setObjectName("readyTimeoutSpin")
        self.ready_timeout_spin.setRange(1, 24 * 3600)
        self.ready_timeout_spin.setToolTip(
            self.tr("How long the model may take to load before the start counts as failed")
        )
        form.addRow(self.tr("&Ready timeout:"), self.ready_timeout_spin)
        self.stop_grace_spin = QDoubleSpinBox()
        self.stop_grace_spin.setObjectName("stopGraceSpin")
        self.stop_grace_spin.setRange(0, 3600)
        self.stop_grace_spin.setToolTip(
            self.tr("Time between asking the server to stop (SIGTERM) and killing it")
        )
        form.addRow(self.tr("&Stop grace:"), self.stop_grace_spin)
        for spin in (self.ready_timeout_spin, self.stop_grace_spin):
            spin.setDecimals(1)
            spin.setSuffix(self.tr(" s"))
            spin.setMinimumWidth(110)
            spin.valueChanged.connect(self._revalidate)
        self.auto_restart_check = QCheckBox(self.tr("Restart &automatically after a crash"))
        self.auto_restart_check.setObjectName("autoRestartCheck")
        self.auto_restart_check.toggled.connect(self._revalidate)
        form.addRow("", self.auto_restart_check)
        layout.addLayout(form)
        _set_tab_order(
            [
                self.env.table,
                self.env.add_button,
                self.env.remove_button,
                self.ready_timeout_spin,
                self.stop_grace_spin,
                self.auto_restart_check,
            ]
        )
        return page

    def _build_container(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.container_check = QCheckBox(self.tr("Run in a &container (docker / podman)"))
        self.container_check.setObjectName("containerCheck")
        self.container_check.setToolTip(
            self.tr(
                "The server runs inside a container image (docker run); the profile's "
                "environment variables go into the container."
            )
        )
        self.container_check.toggled.connect(self._on_container_toggled)
        layout.addWidget(self.container_check)

        self.container_form = QWidget()
        form = QFormLayout(self.container_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.runtime_combo = QComboBox()
        self.runtime_combo.setObjectName("runtimeCombo")
        self.runtime_combo.addItem(self.tr("Automatic (docker, else podman)"), "")
        for name in containers.RUNTIMES:
            self.runtime_combo.addItem(name, name)
        box = _Field(self.runtime_combo, stretch_first=False)
        box.row.addStretch(1)
        self.runtime_message = box.message
        form.addRow(self.tr("R&untime:"), box)
        self.runtime_combo.currentIndexChanged.connect(self._revalidate)

        self.image_edit = QLineEdit()
        self.image_edit.setObjectName("imageEdit")
        form.addRow(self.tr("&Image:"), self.image_edit)
        self.image_edit.textChanged.connect(self._on_image_changed)

        self.gpu_combo = QComboBox()
        self.gpu_combo.setObjectName("gpuCombo")
        for access, label in (
            (GpuAccess.RUNTIME, self.tr("--runtime=nvidia (as NVIDIA documents it)")),
            (GpuAccess.ALL, self.tr("--gpus all")),
            (GpuAccess.DEVICES, self.tr("Selected GPUs:")),
            (GpuAccess.NONE, self.tr("No GPU")),
        ):
            self.gpu_combo.addItem(label, access.value)
        self.gpu_devices_edit = QLineEdit()
        self.gpu_devices_edit.setObjectName("gpuDevicesEdit")
        self.gpu_devices_edit.setPlaceholderText(self.tr("GPU ids, e.g. 0,1"))
        box = _Field(self.gpu_combo, self.gpu_devices_edit, stretch_first=False)
        box.row.setStretch(1, 1)
        self.gpu_message = box.message
        form.addRow(self.tr("&GPU access:"), box)
        self.gpu_combo.currentIndexChanged.connect(self._on_gpu_changed)
        self.gpu_devices_edit.textChanged.connect(self._revalidate)

        self.ipc_check = QCheckBox(self.tr("Share the host's IPC namespace (--ipc=host)"))
        self.ipc_check.setObjectName("ipcCheck")
        self.ipc_check.setToolTip(
            self.tr(
                "PyTorch workers share tensors through /dev/shm; vLLM needs this or a big --shm-size"
            )
        )
        self.ipc_check.toggled.connect(self._revalidate)
        form.addRow("", self.ipc_check)

        self.network_combo = QComboBox()
        self.network_combo.setObjectName("networkCombo")
        self.network_combo.addItem(self.tr("Host network (--net=host)"), Network.HOST.value)
        self.network_combo.addItem(
            self.tr("Publish the port (-p host:port:port)"), Network.PUBLISH.value
        )
        form.addRow(self.tr("Net&work:"), self.network_combo)
        self.network_combo.currentIndexChanged.connect(self._revalidate)

        self.mounts_edit = QPlainTextEdit()
        self.mounts_edit.setObjectName("mountsEdit")
        self.mounts_edit.setTabChangesFocus(True)
        self.mounts_edit.setPlaceholderText(self.tr("One per line: HOST_PATH:CONTAINER_PATH[:ro]"))
        self.mounts_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.mounts_edit.setFixedHeight(self.mounts_edit.fontMetrics().lineSpacing() * 5 + 12)
        self.mounts_edit.setToolTip(
            self.tr(
                "Folders the container sees (docker run -v), one per line. Model paths under "
                "a mount are translated to the container's path."
            )
        )
        box = _Field(self.mounts_edit)
        self.mounts_message = box.message
        form.addRow(self.tr("&Mounts:"), box)
        self.mounts_edit.textChanged.connect(self._revalidate)

        self.entrypoint_edit = QLineEdit()
        self.entrypoint_edit.setObjectName("entrypointEdit")
        self.entrypoint_edit.setToolTip(
            self.tr("Replaces the image's entrypoint and the engine's program name")
        )
        form.addRow(self.tr("&Entrypoint:"), self.entrypoint_edit)
        self.entrypoint_edit.textChanged.connect(self._revalidate)

        self.extra_args_edit = QLineEdit()
        self.extra_args_edit.setObjectName("extraArgsEdit")
        self.extra_args_edit.setPlaceholderText(self.tr("e.g. --shm-size 16g --ulimit memlock=-1"))
        box = _Field(self.extra_args_edit)
        self.extra_args_message = box.message
        form.addRow(self.tr("More docker run &options:"), box)
        self.extra_args_edit.textChanged.connect(self._revalidate)

        layout.addWidget(self.container_form)
        layout.addStretch(1)
        _set_tab_order(
            [
                self.container_check,
                self.runtime_combo,
                self.image_edit,
                self.gpu_combo,
                self.gpu_devices_edit,
                self.ipc_check,
                self.network_combo,
                self.mounts_edit,
                self.entrypoint_edit,
                self.extra_args_edit,
            ]
        )
        return page

    # -- loading ------------------------------------------------------------------------
    def _new_profile(self) -> ServerProfile:
        try:
            port = next_free_port(DEFAULT_HOST, 8080, self._taken_ports)
        except OSError:
            port = 8080
        return ServerProfile(name="", engine=Engine.LLAMA_CPP, port=port)

    def _load(self, profile: ServerProfile) -> None:
        self.name_edit.setText(profile.name)
        self.engine_combo.setCurrentIndex(self.engine_combo.findData(profile.engine.value))
        self._apply_engine(profile.engine)
        self.role_combo.setCurrentIndex(self.role_combo.findData(profile.role.value))
        self.attach_check.setChecked(profile.attached)
        self.attach_url_edit.setText(profile.attach_url)
        self.executable_edit.setText(profile.executable)
        self.model_combo.setEditText(profile.model)
        self.host_edit.setText(profile.host)
        self.port_spin.setValue(profile.port)
        self.flags.set_args(profile.args)
        self.env.set_env(profile.env)
        kind, _, value = profile.api_key_ref.partition(":")
        index = {"env": self.API_ENV, "file": self.API_FILE}.get(kind, self.API_NONE)
        self.api_key_kind.setCurrentIndex(index)
        self.api_key_edit.setText(value if index != self.API_NONE else "")
        self._on_api_kind_changed(index)
        self.health_path_edit.setText(profile.health_path)
        self.ready_timeout_spin.setValue(profile.ready_timeout)
        self.stop_grace_spin.setValue(profile.stop_grace)
        self.auto_restart_check.setChecked(profile.auto_restart)
        self._load_container(profile.container)
        self._on_attach_toggled(profile.attached)

    def _load_container(self, spec: ContainerSpec | None) -> None:
        shown = spec or ContainerSpec()  # unticked: the usual settings, ready to tick
        self.container_check.setChecked(spec is not None)
        index = self.runtime_combo.findData(shown.runtime)
        if index < 0:  # a path to the runtime: keep it as a choice of its own
            self.runtime_combo.addItem(shown.runtime, shown.runtime)
            index = self.runtime_combo.count() - 1
        self.runtime_combo.setCurrentIndex(index)
        self.image_edit.setText(shown.image)
        self.gpu_combo.setCurrentIndex(self.gpu_combo.findData(shown.gpus.value))
        self.gpu_devices_edit.setText(shown.gpu_devices)
        self.ipc_check.setChecked(shown.ipc_host)
        self.network_combo.setCurrentIndex(self.network_combo.findData(shown.network.value))
        self.mounts_edit.setPlainText("\n".join(shown.mounts))
        self.entrypoint_edit.setText(shown.entrypoint)
        self.extra_args_edit.setText(shlex.join(shown.extra_args))
        self._on_container_toggled(spec is not None)

    # -- reacting -----------------------------------------------------------------------
    def _engine(self) -> Engine:
        return Engine(self.engine_combo.currentData())

    def _on_engine_changed(self) -> None:
        engine = self._engine()
        self._apply_engine(engine)
        if not self._loading:
            # The usual role follows the engine; the user may still change it after.
            role = Role(self.role_combo.currentData())
            if engine is Engine.WHISPER_CPP:
                role = Role.TRANSCRIPTION
            elif engine is Engine.LLAMA_CPP and role is Role.TRANSCRIPTION:
                role = Role.CHAT
            self.role_combo.setCurrentIndex(self.role_combo.findData(role.value))
            self._on_api_kind_changed(self.api_key_kind.currentIndex())
        self._fill_models()
        self._revalidate()

    def _apply_engine(self, engine: Engine) -> None:
        self.flags.set_engine(engine)
        is_custom = engine is Engine.CUSTOM
        self._health_label.setVisible(is_custom)
        self.health_path_edit.setVisible(is_custom)
        placeholder = {
            Engine.LLAMA_CPP: self.tr("A .gguf file"),
            Engine.WHISPER_CPP: self.tr("A whisper.cpp ggml-*.bin file"),
            Engine.VLLM: self.tr("A model folder or a Hugging Face id (Org/Name)"),
            Engine.CUSTOM: self.tr("Optional: fills {model} in the flags"),
        }[engine]
        line_edit = self.model_combo.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(placeholder)
        self._update_container_hints()

    def _update_container_hints(self) -> None:
        """Placeholders that depend on the engine and the image: what runs by default."""
        engine = self._engine()
        default_image = containers.DEFAULT_IMAGES.get(engine, "")
        self.image_edit.setPlaceholderText(
            default_image or self.tr("The image to run, e.g. registry.example.com/server:1.0")
        )
        probe = ServerProfile(
            name="",
            engine=engine,
            container=ContainerSpec(image=self.image_edit.text().strip()),
        )
        entrypoint = containers.entrypoint_for(probe)
        self.entrypoint_edit.setPlaceholderText(entrypoint or self.tr("The image's own entrypoint"))
        adapter = adapter_for(engine)
        if self.container_check.isChecked():
            self._executable_label.setText(self.tr("E&xecutable (in the image):"))
            if entrypoint:
                text = self.tr("Not used: the entrypoint {entrypoint} starts the server")
                self.executable_edit.setPlaceholderText(text.format(entrypoint=entrypoint))
            else:
                text = self.tr("{binary}, inside the image")
                self.executable_edit.setPlaceholderText(
                    text.format(binary=adapter.binary or self.tr("the program"))
                )
            self.executable_edit.setToolTip(
                self.tr("The server program inside the container image, not on this machine")
            )
        else:
            self._executable_label.setText(self.tr("E&xecutable:"))
            self.executable_edit.setPlaceholderText(
                adapter.binary or self.tr("The program to run, e.g. /opt/server/bin/serve")
            )
            self.executable_edit.setToolTip("")

    def _on_container_toggled(self, checked: bool) -> None:
        self.container_form.setEnabled(checked)
        self.executable_browse.setEnabled(not checked and not self.attach_check.isChecked())
        self._on_gpu_changed()
        self._update_container_hints()
        self._revalidate()

    def _on_gpu_changed(self) -> None:
        devices = self.gpu_combo.currentData() == GpuAccess.DEVICES.value
        self.gpu_devices_edit.setEnabled(devices)
        self._revalidate()

    def _on_image_changed(self) -> None:
        self._update_container_hints()
        self._revalidate()

    def _on_attach_toggled(self, attached: bool) -> None:
        self.attach_url_edit.setEnabled(attached)
        for widget in (
            self._executable_label,
            self.executable_edit,
            self.executable_browse,
            self._model_label,
            self.model_combo,
            self.model_browse,
            self.host_edit,
            self.port_spin,
            self.next_free_button,
            self.flags,
            self.env,
            self.stop_grace_spin,
            self.auto_restart_check,
            self.container_check,
        ):
            widget.setEnabled(not attached)
        self.container_form.setEnabled(not attached and self.container_check.isChecked())
        if not attached and self.container_check.isChecked():
            self.executable_browse.setEnabled(False)  # the program is inside the image
        if attached and not self.attach_url_edit.text() and not self._loading:
            host = self.host_edit.text().strip() or DEFAULT_HOST
            probe = ServerProfile(name="", engine=self._engine(), host=host)
            probe.port = self.port_spin.value()
            self.attach_url_edit.setText(probe.base_url)
        self._revalidate()

    def _on_api_kind_changed(self, index: int) -> None:
        self.api_key_edit.setEnabled(index != self.API_NONE)
        self.api_key_browse.setVisible(index == self.API_FILE)
        if index == self.API_ENV:
            self.api_key_edit.setPlaceholderText(
                self.tr("Name of the variable that holds the key, e.g. MY_LLM_KEY")
            )
        elif index == self.API_FILE:
            self.api_key_edit.setPlaceholderText(self.tr("File that holds the key"))
        else:
            self.api_key_edit.setPlaceholderText(
                self.tr("No key: anyone who can connect may use it")
            )
        self._revalidate()

    def _pick_next_free_port(self) -> None:
        host = self.host_edit.text().strip() or DEFAULT_HOST
        try:
            port = next_free_port(host, self.port_spin.value(), self._taken_ports)
        except OSError as exc:
            self.port_message.show_message(
                "error",
                self.tr("Cannot look for a free port on {host}: {error}").format(
                    host=host, error=exc.strerror or exc
                ),
            )
            return
        self.port_spin.setValue(port)
        self._revalidate()

    # -- files --------------------------------------------------------------------------
    def _start_dir(self, current: str) -> str:
        if current:
            path = Path(os.path.expanduser(current))
            for candidate in (path, path.parent):
                if candidate.is_dir():
                    return str(candidate)
        for folder in self._model_dirs:
            if Path(folder).is_dir():
                return str(folder)
        return str(Path.home())

    def _browse_executable(self) -> None:
        start = self._start_dir(self.executable_edit.text())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the server program"), start)
        if path:
            self.executable_edit.setText(path)

    def _browse_model(self) -> None:
        engine = self._engine()
        start = self._start_dir(self.model_combo.currentText())
        if engine is Engine.VLLM:
            path = QFileDialog.getExistingDirectory(self, self.tr("Choose the model folder"), start)
        else:
            filters = {
                Engine.LLAMA_CPP: self.tr("GGUF models (*.gguf);;All files (*)"),
                Engine.WHISPER_CPP: self.tr("whisper.cpp models (*.bin);;All files (*)"),
                Engine.CUSTOM: self.tr("All files (*)"),
            }[engine]
            title = self.tr("Choose the model file")
            path, _ = QFileDialog.getOpenFileName(self, title, start, filters)
        if path:
            self.model_combo.setEditText(path)

    def _browse_key_file(self) -> None:
        start = self._start_dir(self.api_key_edit.text())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the API key file"), start)
        if path:
            self.api_key_edit.setText(path)

    # -- model discovery ----------------------------------------------------------------
    def _start_discovery(self) -> None:
        if not self._model_dirs:
            self._discovered = []
            return
        folders = ", ".join(_short_path(d) for d in self._model_dirs)
        self._model_status_text = self.tr("Looking for models in {folders}…").format(
            folders=folders
        )
        self._show_model_status()
        self._pool.start(_DiscoveryTask(list(self._model_dirs), self._relay))

    def _on_models_found(self, models: list[DiscoveredModel]) -> None:
        self._discovered = models
        self._fill_models()
        self._revalidate()

    def _models_for_engine(self) -> list[DiscoveredModel]:
        engine = self._engine()
        return [m for m in self._discovered or [] if engine is Engine.CUSTOM or m.engine is engine]

    def _fill_models(self) -> None:
        if self._discovered is None:
            return
        models = self._models_for_engine()
        text = self.model_combo.currentText()
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for model in models:
            self.model_combo.addItem(_model_value(model))
            tip = f"{model.display_name}, {format_size(model.size_bytes)}"
            if model.problem:
                tip += "\n" + self.tr("Problem: {problem}").format(problem=model.problem)
            self.model_combo.setItemData(
                self.model_combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole
            )
        self.model_combo.setCurrentIndex(-1)
        self.model_combo.setEditText(text)
        self.model_combo.blockSignals(False)
        if not self._model_dirs:
            self._model_status_text = ""
        elif models:
            self._model_status_text = self.tr(
                "Models for this engine found on this machine: {count} (open the list)."
            ).format(count=len(models))
        else:
            folders = ", ".join(_short_path(d) for d in self._model_dirs)
            self._model_status_text = self.tr(
                "No models for this engine found in {folders}."
            ).format(folders=folders)
        self._show_model_status()

    def _show_model_status(self, extra_html: str = "") -> None:
        text = "<br>".join(t for t in (html.escape(self._model_status_text), extra_html) if t)
        self.model_status.setText(text)
        self.model_status.setVisible(bool(text))

    def _picked_model(self) -> DiscoveredModel | None:
        text = self.model_combo.currentText().strip()
        return next((m for m in self._models_for_engine() if _model_value(m) == text), None)

    def _on_model_picked(self, _index: int) -> None:
        model = self._picked_model()
        if model is not None and model.engine is self._engine():
            self.role_combo.setCurrentIndex(self.role_combo.findData(model.role.value))
        self._revalidate()

    def _on_model_link(self, link: str) -> None:
        model = self._picked_model()
        if link == "add-mmproj" and model is not None and model.mmproj is not None:
            self.flags.set_args([*self.flags.args(), "--mmproj", str(model.mmproj)])
            self.role_combo.setCurrentIndex(self.role_combo.findData(Role.VISION.value))

    # -- validation ---------------------------------------------------------------------
    def _revalidate(self) -> None:
        if self._loading:
            return
        profile = self.profile()
        self._errors = []
        self._tab_levels = {
            self.GENERAL_TAB: [],
            self.FLAGS_TAB: [],
            self.ENV_TAB: [],
            self.CONTAINER_TAB: [],
        }
        for message in (
            self.name_message,
            self.attach_message,
            self.executable_status,
            self.model_message,
            self.host_message,
            self.port_message,
            self.api_key_message,
            self.flags.message,
            self.env.message,
            self.runtime_message,
            self.gpu_message,
            self.mounts_message,
            self.extra_args_message,
        ):
            message.clear_message()
        self._show_model_status()

        if not profile.name:
            self._show(self.name_message, "error", self.tr("Give the profile a name."))
        elif profile.name in self._existing:
            text = self.tr("Another profile is already named “{name}”.")
            self._show(self.name_message, "error", text.format(name=profile.name))

        # No runtime probes here: `docker` must not run on every keystroke.
        problems = preflight(
            profile, adapter_for(profile.engine), check_port=False, probe_runtime=False
        )
        if profile.attached or self.attach_check.isChecked():
            if not re.match(r"^https?://[^/\s:]+", profile.attach_url):
                text = self.tr("Enter the server's address, e.g. http://192.168.1.20:8080")
                self._show(self.attach_message, "error", text)
        else:
            self._check_executable(profile)
            self._check_model(profile, problems)
            self._check_host_and_port(profile)
            self._check_flags(profile, problems)
            self._check_env(profile)
            self._check_container(profile, problems)
        self._check_api_key(profile, problems)

        self.ok_button.setEnabled(not self._errors)
        summary = self.tr("Fix before saving: {problem}")
        self.summary.show_message(
            "error" if self._errors else "",
            summary.format(problem=self._errors[0]) if self._errors else "",
        )
        self._mark_tabs()
        if self.attach_check.isChecked():
            text = self.tr("Not started by the panel: it only talks to {url}")
            self.preview.set_note(text.format(url=profile.attach_url))
        else:
            self.preview.set_command(*command_words(profile))

    def _show(self, message: _Message, level: Level, text: str, tab: int = 0) -> None:
        message.show_message(level, text)
        self._tab_levels[tab].append(level)
        if level == "error":
            self._errors.append(text.splitlines()[0])

    def _check_executable(self, profile: ServerProfile) -> None:
        adapter = adapter_for(profile.engine)
        if profile.container is not None:
            # The program is inside the image; what must be on this machine is the runtime.
            runtime = containers.resolve_runtime(profile.container)
            if runtime:
                text = self.tr("Runs inside the image, started by {runtime}")
                self._show(self.executable_status, "info", text.format(runtime=runtime))
            return
        found = adapter.resolve_executable(profile)
        exe = adapter.executable(profile)
        if found:
            text = self.tr("Found at {path}").format(path=found)
            self._show(self.executable_status, "info", text)
        elif not exe:
            text = self.tr("Choose the program that runs this server.")
            self._show(self.executable_status, "error", text)
        else:
            if os.sep in exe:
                text = self.tr("{exe} does not exist or is not executable — {hint}")
            else:
                text = self.tr("{exe} not found on PATH — {hint}")
            # Only a warning: the engine may be installed after the profile is written.
            self._show(
                self.executable_status, "warning", text.format(exe=exe, hint=adapter.install_hint)
            )

    def _check_container(self, profile: ServerProfile, problems: Sequence[Problem]) -> None:
        spec = profile.container
        if spec is None:
            return
        tab = self.CONTAINER_TAB
        missing = next((p for p in problems if p.code == "missing-runtime"), None)
        if missing is not None:
            # Only a warning, like a missing binary: docker may be installed later.
            self._show(self.runtime_message, "warning", str(missing), tab)
        if spec.gpus is GpuAccess.DEVICES and not re.fullmatch(
            r"\s*\d+(\s*,\s*\d+)*\s*", spec.gpu_devices
        ):
            text = self.tr("List the GPUs by number, e.g. 0 or 0,1.")
            self._show(self.gpu_message, "error", text, tab)
        try:
            containers.mounts_of(spec)
        except ValueError as exc:
            text = self.tr("{problem}. Write one mount per line as HOST_PATH:CONTAINER_PATH.")
            self._show(self.mounts_message, "error", text.format(problem=exc), tab)
        else:
            errors = [str(p) for p in problems if p.code == "model-not-mounted"]
            warnings = [str(p) for p in problems if p.code == "mount"]
            if errors or warnings:
                level: Level = "error" if errors else "warning"
                self._show(self.mounts_message, level, "\n".join(errors + warnings), tab)
        words, error = self._extra_args()
        if error:
            text = self.tr("The options cannot be split into words: {error}.")
            self._show(self.extra_args_message, "error", text.format(error=error), tab)
        elif any(word in ("-d", "--detach", "-it", "-t", "--tty", "-i") for word in words):
            text = self.tr(
                "The panel runs the container in the foreground without a terminal: "
                "-d, -i and -t would break its log and stop handling."
            )
            self._show(self.extra_args_message, "warning", text, tab)
        if not containers.image_for(profile):
            text = self.tr("Enter the image to run.")
            self._show(self.runtime_message, "error", text, tab)

    def _check_model(self, profile: ServerProfile, problems: Sequence[Problem]) -> None:
        problem = next((p for p in problems if p.code == "missing-model"), None)
        fetches_own = profile.engine is Engine.LLAMA_CPP and any(
            arg.split("=", 1)[0] in _LLAMA_MODEL_SOURCES for arg in profile.args
        )
        if problem is not None and not (fetches_own and not profile.model):
            self._show(self.model_message, "error", str(problem))
            return
        model = self._picked_model()
        if model is None:
            return
        if model.problem:
            text = self.tr("This model has a problem: {problem}").format(problem=model.problem)
            self._show(self.model_message, "warning", text)
        has_mmproj = any(arg.split("=", 1)[0] in ("--mmproj", "-mm") for arg in profile.args)
        if model.mmproj is not None and not has_mmproj and profile.engine is Engine.LLAMA_CPP:
            text = self.tr("Its projector {name} is in the same folder:").format(
                name=model.mmproj.name
            )
            link = self.tr("add --mmproj for image input")
            self._show_model_status(
                f'{html.escape(text)} <a href="add-mmproj">{html.escape(link)}</a>'
            )

    def _check_host_and_port(self, profile: ServerProfile) -> None:
        host, port = profile.host, profile.port
        if not host:
            text = self.tr("Enter the address to listen on (127.0.0.1 keeps it on this machine).")
            self._show(self.host_message, "error", text)
            return
        if host in _WILDCARD_HOSTS:
            text = self.tr(
                "{host} listens on every network interface: the server is reachable from "
                "other machines."
            )
            self._show(self.host_message, "warning", text.format(host=host))
        if not 0 < port < 65536:
            text = self.tr("The port must be between 1 and 65535.")
            self._show(self.port_message, "error", text)
            return
        other = self._taken_ports.get(port)
        if other:
            text = self.tr(
                "Profile “{name}” uses port {port} too: the two cannot run at the same time."
            )
            self._show(self.port_message, "warning", text.format(name=other, port=port))
            return
        try:
            free = is_port_free(host, port)
        except OSError:
            text = self.tr("{host} is not an address of this machine.").format(host=host)
            self._show(self.host_message, "warning", text)
            return
        if not free:
            text = self.tr(
                "Port {port} is in use right now (by another program, or by this profile's "
                "running server). “Next free” finds another."
            )
            self._show(self.port_message, "warning", text.format(port=port))
        elif port < 1024:
            text = self.tr("Ports below 1024 need administrator rights on most systems.")
            self._show(self.port_message, "warning", text)

    def _check_flags(self, profile: ServerProfile, problems: Sequence[Problem]) -> None:
        rows = self.flags.rows()
        errors: list[str] = []
        warnings: list[str] = []
        spaced = [row.flag for row in rows if any(c.isspace() for c in row.flag)]
        if spaced:
            text = self.tr("One flag per row: put the value of “{flag}” in the Value column.")
            errors.append(text.format(flag=spaced[0]))
        for problem in problems:
            if problem.code == "misplaced-flag":
                errors.append(str(problem))
            elif problem.code == "missing-file":
                warnings.append(str(problem))
        hints = [(row, hint_for(profile.engine, row.flag)) for row in rows]
        needs_value = [
            row.flag for row, hint in hints if hint and hint.takes_value and row.value is None
        ]
        if needs_value:
            text = self.tr("{flags} usually takes a value.")
            warnings.append(text.format(flags=", ".join(needs_value)))
        names = [hint.flag for _, hint in hints if hint is not None]
        repeated = [name for index, name in enumerate(names) if name in names[:index]]
        if repeated:
            text = self.tr("{flag} is given more than once; the engine uses the last one.")
            warnings.append(text.format(flag=repeated[0]))
        if errors or warnings:
            level: Level = "error" if errors else "warning"
            self._show(self.flags.message, level, "\n".join(errors + warnings), self.FLAGS_TAB)

    def _check_env(self, profile: ServerProfile) -> None:
        names = [name for name, _ in self.env.rows()]
        bad = [name for name in names if not _ENV_NAME.match(name)]
        repeated = [name for index, name in enumerate(names) if name in names[:index]]
        key_env = adapter_for(profile.engine).api_key_env
        if bad:
            text = self.tr(
                "“{name}” is not a variable name: use letters, digits and _, "
                "and do not start with a digit."
            )
            self._show(self.env.message, "error", text.format(name=bad[0]), self.ENV_TAB)
        elif repeated:
            text = self.tr("{name} is set twice.").format(name=repeated[0])
            self._show(self.env.message, "error", text, self.ENV_TAB)
        elif key_env and key_env in names:
            text = self.tr(
                "{name} holds the API key: use the API key field on the General tab, "
                "so the key stays out of the config file."
            )
            self._show(self.env.message, "warning", text.format(name=key_env), self.ENV_TAB)

    def _check_api_key(self, profile: ServerProfile, problems: Sequence[Problem]) -> None:
        kind = self.api_key_kind.currentIndex()
        value = self.api_key_edit.text().strip()
        problem = next((p for p in problems if p.code == "api-key"), None)
        if kind == self.API_ENV and not _ENV_NAME.match(value):
            text = self.tr("Enter the name of the variable that holds the key.")
            self._show(self.api_key_message, "error", text)
        elif kind == self.API_FILE and not value:
            text = self.tr("Choose the file that holds the key.")
            self._show(self.api_key_message, "error", text)
        elif problem is not None:
            self._show(self.api_key_message, "warning", str(problem))
        elif kind != self.API_NONE and not profile.attached:
            if adapter_for(profile.engine).api_key_env is None:
                text = self.tr("This engine does not check keys; the panel only sends it.")
                self._show(self.api_key_message, "info", text)
        elif not profile.attached and profile.host in _WILDCARD_HOSTS:
            text = self.tr("Anyone on the network can use this server: consider an API key.")
            self._show(self.api_key_message, "warning", text)

    def _mark_tabs(self) -> None:
        style = self.style()
        for tab, levels in self._tab_levels.items():
            if "error" in levels:
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical)
            elif "warning" in levels:
                icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            else:
                icon = QIcon()
            self.tabs.setTabIcon(tab, icon)


def command_words(profile: ServerProfile) -> tuple[list[str], list[str]]:
    """What the panel would run: shell-ready environment words (the API key masked) and
    the argv, exactly as the engine adapter plans it (``docker run ...`` for a container)."""
    adapter = adapter_for(profile.engine)
    if profile.containerised and profile.container is not None:
        return _container_words(profile)
    # A preview never resolves the key: it would end up on screen and in the clipboard.
    plan = adapter.plan(profile.copy(api_key_ref=""))
    env = [f"{name}={shlex.quote(value)}" for name, value in profile.env.items()]
    env = [word for word in env if _ENV_NAME.match(word.split("=", 1)[0])]
    if profile.api_key_ref and adapter.api_key_env:
        env.append(f"{adapter.api_key_env}={_MASK}")
    return env, plan.argv


def _container_words(profile: ServerProfile) -> tuple[list[str], list[str]]:
    """The ``docker run`` line; a secret reaches docker through its environment only."""
    adapter = adapter_for(profile.engine)
    spec = profile.container or ContainerSpec()
    name = containers.new_container_name(profile.name)[:-6] + "xxxxxx"
    try:
        # The plan only names the key (`-e NAME`); it never reads it.
        plan = containers.container_plan(profile, adapter, containers.runtime_name(spec), name=name)
    except ValueError:  # a mount the user is still typing: show it without mounts
        plan = containers.container_plan(
            profile.copy(container=dataclasses.replace(spec, mounts=[])),
            adapter,
            containers.runtime_name(spec),
            name=name,
        )
    env = [f"{key}={_MASK}" for key in sorted(plan.secret_env)]
    return env, plan.argv


def _model_value(model: DiscoveredModel) -> str:
    """What goes into the profile's model field for a discovered model."""
    if model.kind is ModelKind.HF_DIR and model.hf_id:
        return model.hf_id
    return str(model.path)


def _short_path(path: Path | str) -> str:
    text, home = str(path), str(Path.home())
    if text == home or text.startswith(home + os.sep):
        return "~" + text[len(home) :]
    return text
