"""The Flags tab: one row per flag (flag, value, what it does), plus a completing line to
add more. What each flag does comes from :mod:`panel.core.engines.flag_hints`."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panel.core.config.profiles import Engine
from panel.core.engines import adapter_for
from panel.core.engines.flag_hints import (
    FlagHint,
    FlagRow,
    all_names,
    args_from_rows,
    completions,
    hint_for,
    rows_from_args,
)
from panel.core.profile_editor.profile_checks import split_options
from panel.ui.profile_editor.form_parts import (
    FieldMessage,
    keeps_enter,
    set_tab_order,
    small_button,
)


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

        self.up_button = small_button(self.tr("Move up"))
        self.down_button = small_button(self.tr("Move down"))
        self.remove_button = small_button(self.tr("Remove"))
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

        self.add_button = small_button(self.tr("Add"))
        self.add_button.clicked.connect(self.add_from_entry)

        self.hint_label = QLabel()
        self.hint_label.setObjectName("flagHint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextFormat(Qt.TextFormat.RichText)
        self.message = FieldMessage()

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
        set_tab_order(
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
        if not keeps_enter(event):
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
        # An unbalanced quote leaves the words as typed.
        words = split_options(text)[0] if any(c.isspace() for c in text) else [text]
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
