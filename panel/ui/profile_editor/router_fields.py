"""The router's three keys of a profile (docs/router.md): when an idle server it started
is unloaded, how (stopped, or put to sleep where vLLM can), and whether it is pinned."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QHBoxLayout, QWidget

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.router_settings import MAX_IDLE_TIMEOUT


class RouterFields(QWidget):
    """``idle_timeout`` (None: the router's default, 0: never), ``unload``, ``pinned``."""

    changed = Signal()
    DEFAULT, NEVER, AFTER = range(3)  # the rows of the idle choice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.idle_combo = QComboBox()
        self.idle_combo.setObjectName("idleCombo")
        self.idle_combo.addItems(
            [self.tr("the router's default"), self.tr("never"), self.tr("after")]
        )
        self.idle_combo.setToolTip(
            self.tr(
                "When a server the router started has had no request for this long, the "
                "router unloads it ([router] default_idle_timeout is the default)"
            )
        )
        self.idle_spin = QDoubleSpinBox()
        self.idle_spin.setObjectName("idleSpin")
        self.idle_spin.setRange(1, MAX_IDLE_TIMEOUT)
        self.idle_spin.setDecimals(0)
        self.idle_spin.setSuffix(self.tr(" s"))
        self.idle_spin.setMinimumWidth(110)
        self.idle_spin.setValue(300)
        self.unload_combo = QComboBox()
        self.unload_combo.setObjectName("unloadCombo")
        self.unload_combo.addItem(self.tr("stop the server"), "stop")
        self.unload_combo.addItem(self.tr("put it to sleep (vLLM sleep mode)"), "sleep")
        self.unload_combo.setToolTip(
            self.tr(
                "Sleep keeps vLLM's process and frees the GPU's memory; waking is faster than "
                "a start. It needs --enable-sleep-mode and VLLM_SERVER_DEV_MODE=1 (a CUDA or "
                "ROCm GPU)"
            )
        )
        self.pin_check = QCheckBox(self.tr("&Pinned: keep loaded"))
        self.pin_check.setObjectName("pinCheck")
        self.pin_check.setToolTip(
            self.tr("Never unloaded when idle, never stopped to free memory for another")
        )
        # This widget is the idle row; the page puts the other two on rows of their own.
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.idle_combo)
        row.addWidget(self.idle_spin)
        row.addStretch(1)
        self._engine = Engine.LLAMA_CPP
        self._attached = False
        self.idle_combo.currentIndexChanged.connect(self._on_idle_choice)
        self.idle_spin.valueChanged.connect(self.changed)
        self.unload_combo.currentIndexChanged.connect(self.changed)
        self.pin_check.toggled.connect(self.changed)
        self._on_idle_choice()

    def load(self, profile: ServerProfile) -> None:
        timeout = profile.idle_timeout
        if timeout is None:
            self.idle_combo.setCurrentIndex(self.DEFAULT)
        elif timeout == 0:
            self.idle_combo.setCurrentIndex(self.NEVER)
        else:
            self.idle_combo.setCurrentIndex(self.AFTER)
            self.idle_spin.setValue(timeout)
        self.unload_combo.setCurrentIndex(max(0, self.unload_combo.findData(profile.unload)))
        self.pin_check.setChecked(profile.pinned)
        self.set_engine(profile.engine)

    def set_engine(self, engine: Engine) -> None:
        """Only vLLM can sleep; another engine's profile keeps "stop"."""
        self._engine = engine
        can_sleep = engine is Engine.VLLM
        if not can_sleep:
            self.unload_combo.setCurrentIndex(0)
        self.unload_combo.setEnabled(can_sleep and not self._attached)

    def set_attached(self, attached: bool) -> None:
        """The router never starts nor unloads an attached server: nothing here applies."""
        self._attached = attached
        for widget in (self, self.pin_check):
            widget.setEnabled(not attached)
        self.set_engine(self._engine)

    def idle_timeout(self) -> float | None:
        choice = self.idle_combo.currentIndex()
        if choice == self.DEFAULT:
            return None
        return 0.0 if choice == self.NEVER else float(self.idle_spin.value())

    def unload(self) -> str:
        return str(self.unload_combo.currentData())

    def pinned(self) -> bool:
        return self.pin_check.isChecked()

    def _on_idle_choice(self) -> None:
        self.idle_spin.setVisible(self.idle_combo.currentIndex() == self.AFTER)
        self.changed.emit()
