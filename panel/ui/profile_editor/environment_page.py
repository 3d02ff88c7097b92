"""The "Environment & lifecycle" tab: variables for the server, how long it may take to
start and to stop, and what the router does with it when idle."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from panel.core.config.profiles import ServerProfile
from panel.ui.profile_editor.form_parts import (
    FieldMessage,
    keeps_enter,
    set_tab_order,
    small_button,
)
from panel.ui.profile_editor.router_fields import RouterFields


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
        self.add_button = small_button(self.tr("Add variable"))
        self.remove_button = small_button(self.tr("Remove"))
        self.add_button.clicked.connect(self._add_row)
        self.remove_button.clicked.connect(self._remove_selected)
        self.message = FieldMessage()
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
        set_tab_order([self.table, self.add_button, self.remove_button])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not keeps_enter(event):
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


class EnvironmentPage(QWidget):
    """The variables table, the ready timeout, the stop grace and automatic restarts."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("&Environment variables added for the server:"))
        self.env = EnvEditor()
        self.env.setObjectName("envEditor")
        self.env.changed.connect(self.changed)
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
            spin.valueChanged.connect(self.changed)
        self.auto_restart_check = QCheckBox(self.tr("Restart &automatically after a crash"))
        self.auto_restart_check.setObjectName("autoRestartCheck")
        self.auto_restart_check.toggled.connect(self.changed)
        form.addRow("", self.auto_restart_check)
        self.router = RouterFields()
        self.router.setObjectName("routerFields")
        self.router.changed.connect(self.changed)
        form.addRow(self.tr("When idle (router):"), self.router)
        form.addRow(self.tr("&Unload by:"), self.router.unload_combo)
        form.addRow("", self.router.pin_check)
        layout.addLayout(form)
        set_tab_order(
            [
                self.env.table,
                self.env.add_button,
                self.env.remove_button,
                self.ready_timeout_spin,
                self.stop_grace_spin,
                self.auto_restart_check,
                self.router.idle_combo,
                self.router.idle_spin,
                self.router.unload_combo,
                self.router.pin_check,
            ]
        )

    def load(self, profile: ServerProfile) -> None:
        self.env.set_env(profile.env)
        self.ready_timeout_spin.setValue(profile.ready_timeout)
        self.stop_grace_spin.setValue(profile.stop_grace)
        self.auto_restart_check.setChecked(profile.auto_restart)
        self.router.load(profile)

    def set_attached(self, attached: bool) -> None:
        """An attached server is not started by the panel: its variables and stop do not
        apply."""
        for widget in (self.env, self.stop_grace_spin, self.auto_restart_check):
            widget.setEnabled(not attached)
        self.router.set_attached(attached)
