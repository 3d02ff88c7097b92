"""The editor's model field: an editable list of the models found on this machine.

The scan (:func:`panel.core.models.discovery.scan_models`) runs off the GUI thread,
since a big Hugging Face cache takes a while to walk; until it ends the field is a plain
line edit with a "Looking for models…" note under it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from panel.core.config.profiles import Engine
from panel.core.models.discovery import DiscoveredModel, scan_models
from panel.core.models.labels import display_path
from panel.core.models.memory_fit import format_size
from panel.ui.profile_editor.form_parts import FormField, small_button
from panel.ui.workers import OffThread


class ModelField(FormField):
    """The model combo, its Browse button, its message line and a status line with the
    scan's outcome (and, for a model with a projector beside it, a link to add it)."""

    edited = Signal()  # the text changed, by typing or by picking
    picked = Signal()  # a discovered model was chosen from the list
    modelsFound = Signal()  # the scan ended; the list follows the engine from now on
    projectorRequested = Signal(object)  # Path: the user asked to add this projector

    def __init__(self, model_dirs: Sequence[Path], parent: QWidget | None = None) -> None:
        combo = QComboBox()
        browse = small_button("")
        super().__init__(combo, browse)
        if parent is not None:
            self.setParent(parent)
        self.combo, self.browse = combo, browse
        self.browse.setText(self.tr("Browse…"))
        self.combo.setObjectName("modelCombo")
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(20)
        self.status = QLabel()
        self.status.setObjectName("modelStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(self._on_link)
        self.status.hide()
        self.column.addWidget(self.status)
        self.combo.editTextChanged.connect(self.edited)
        self.combo.activated.connect(self._on_activated)

        self._engine = Engine.LLAMA_CPP
        self._dirs = list(model_dirs)
        self._discovered: list[DiscoveredModel] | None = None  # None: scan not finished
        self._status_text = ""
        self._offer: Path | None = None
        self._pool = QThreadPool(self)  # its destructor waits for the scan: no stray thread
        self._pool.setMaxThreadCount(1)

    # -- public -------------------------------------------------------------------------
    def text(self) -> str:
        return self.combo.currentText().strip()

    def set_text(self, text: str) -> None:
        self.combo.setEditText(text)

    def start_scan(self) -> None:
        if not self._dirs:
            self._discovered = []
            return
        folders = ", ".join(display_path(d) for d in self._dirs)
        self._status_text = self.tr("Looking for models in {folders}…").format(folders=folders)
        self._show_status()
        dirs = list(self._dirs)
        OffThread(lambda: scan_models(dirs), self._on_scan_done, self, pool=self._pool)

    def wait_for_scan(self, msecs: int = -1) -> bool:
        """Block until the scan has finished and its models are listed."""
        if not self._pool.waitForDone(msecs):
            return False
        for job in self.findChildren(OffThread):
            # The outcome is a queued call on this thread: deliver it now.
            QCoreApplication.sendPostedEvents(job, QEvent.Type.MetaCall)
        return True

    def set_engine(self, engine: Engine) -> None:
        self._engine = engine
        placeholder = {
            Engine.LLAMA_CPP: self.tr("A .gguf file"),
            Engine.WHISPER_CPP: self.tr("A whisper.cpp ggml-*.bin file"),
            Engine.VLLM: self.tr("A model folder or a Hugging Face id (Org/Name)"),
            Engine.CUSTOM: self.tr("Optional: fills {model} in the flags"),
        }[engine]
        line_edit = self.combo.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(placeholder)
        self._fill()

    def picked_model(self) -> DiscoveredModel | None:
        """The discovered model the field names, if it names one."""
        text = self.text()
        return next((m for m in self._models_for_engine() if m.profile_model == text), None)

    def offer_projector(self, projector: Path | None) -> None:
        """Offer to add ``projector`` (a link in the status line); None takes it back."""
        self._offer = projector
        self._show_status()

    # -- the list -------------------------------------------------------------------------
    def _on_scan_done(self, outcome: object) -> None:
        # A scan skips bad files itself; anything else leaves the list empty.
        self._discovered = list(outcome) if isinstance(outcome, list) else []
        self._fill()
        self.modelsFound.emit()

    def _models_for_engine(self) -> list[DiscoveredModel]:
        engine = self._engine
        return [m for m in self._discovered or [] if engine is Engine.CUSTOM or m.engine is engine]

    def _fill(self) -> None:
        if self._discovered is None:
            return
        models = self._models_for_engine()
        text = self.combo.currentText()
        self.combo.blockSignals(True)
        self.combo.clear()
        for model in models:
            self.combo.addItem(model.profile_model)
            tip = f"{model.display_name}, {format_size(model.size_bytes)}"
            if model.problem:
                tip += "\n" + self.tr("Problem: {problem}").format(problem=model.problem)
            self.combo.setItemData(self.combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.combo.setCurrentIndex(-1)
        self.combo.setEditText(text)
        self.combo.blockSignals(False)
        if not self._dirs:
            self._status_text = ""
        elif models:
            self._status_text = self.tr(
                "Models for this engine found on this machine: {count} (open the list)."
            ).format(count=len(models))
        else:
            folders = ", ".join(display_path(d) for d in self._dirs)
            self._status_text = self.tr("No models for this engine found in {folders}.").format(
                folders=folders
            )
        self._show_status()

    def _show_status(self) -> None:
        parts = [html.escape(self._status_text)] if self._status_text else []
        if self._offer is not None:
            text = self.tr("Its projector {name} is in the same folder:").format(
                name=self._offer.name
            )
            link = self.tr("add --mmproj for image input")
            parts.append(f'{html.escape(text)} <a href="add-mmproj">{html.escape(link)}</a>')
        self.status.setText("<br>".join(parts))
        self.status.setVisible(bool(parts))

    def _on_activated(self, _index: int) -> None:
        self.picked.emit()

    def _on_link(self, link: str) -> None:
        if link == "add-mmproj" and self._offer is not None:
            self.projectorRequested.emit(self._offer)
