"""The "Models on disk" view: what :func:`scan_models` finds, with a memory-fit estimate.

The scan runs off the GUI thread (:class:`panel.ui.workers.OffThread` on a one-thread pool
of the view's own: a big Hugging Face cache takes a while to walk), with each model's
memory estimate. Its results are made into a new table a few milliseconds at a time, so
the window never stalls on a big scan (a 10,000-file tree gives about 500 rows, ~50 ms
of rows to build), and the new table replaces the shown one in one go. The fit column
compares
:func:`estimate_gguf_memory` at the context a new profile would get with the first GPU's
free memory, or with the system's RAM when there is no GPU, so the user can see before
making a profile whether a model is worth trying.
"""

from __future__ import annotations

import logging
import time
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QIcon,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from panel.core.gpu.nvml import GpuSnapshot
from panel.core.gpu.sampler import GpuSampler
from panel.core.models.discovery import DiscoveredModel, ModelKind, default_model_dirs
from panel.core.models.fit_target import fit_target
from panel.core.models.labels import display_path, format_context, format_parameters
from panel.core.models.memory_fit import (
    DEFAULT_CTX_SIZE,
    FitLevel,
    MemoryEstimate,
    check_fit,
    format_bytes,
)
from panel.ui.models.scan_job import Fill, ScanResult, scan
from panel.ui.models.widgets import ElidedLabel, SpacedTree, dot_icon
from panel.ui.workers import OffThread

__all__ = ["Column", "ModelsView", "display_path", "format_context", "format_parameters"]

_log = logging.getLogger(__name__)

MODEL_ROLE = Qt.ItemDataRole.UserRole + 1  # the DiscoveredModel, on the Model column
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # numbers sort as numbers, not as text
#: The most time (s) one turn of the event loop spends building rows.
_FILL_SLICE_S = 0.008


class Column(IntEnum):
    MODEL = 0
    KIND = 1
    SIZE = 2
    PARAMETERS = 3
    QUANTISATION = 4
    CONTEXT = 5
    FITS = 6
    PATH = 7


_KIND_COLOURS = {"gguf": "#3b82f6", "mmproj": "#8b5cf6", "whisper": "#10b981", "hf": "#f59e0b"}
_FIT_ORDER = {FitLevel.FITS: 0, FitLevel.TIGHT: 1, FitLevel.WILL_NOT_FIT: 2}
# (light theme, dark theme) text colours of the fit verdicts
_FIT_COLOURS = {
    FitLevel.FITS: ("#1b7f3b", "#6fd48c"),
    FitLevel.TIGHT: ("#a86500", "#f0b44c"),
    FitLevel.WILL_NOT_FIT: ("#c62828", "#ff7b72"),
}


# --- the view ------------------------------------------------------------------------


class ModelsView(QWidget):
    """Models found in ``folders`` (None: :func:`default_model_dirs`), with a fit column
    against the first GPU of ``sampler`` (None, or no GPU: the system's RAM)."""

    newProfileRequested = Signal(object)  # DiscoveredModel

    def __init__(
        self,
        sampler: GpuSampler | None = None,
        parent: QWidget | None = None,
        *,
        folders: list[Path] | None = None,
        scan_when_shown: bool = False,
    ) -> None:
        """``scan_when_shown``: wait for the first show to scan (a tab the user may never
        open should not walk the disk at start-up)."""
        super().__init__(parent)
        self.setObjectName("modelsView")
        self._sampler = sampler
        self._folders = default_model_dirs() if folders is None else [Path(f) for f in folders]
        self._models: list[DiscoveredModel] = []
        self._snapshot: GpuSnapshot | None = None
        self._missing: list[Path] = []
        self._fit_against = ""
        self._generation = 0  # of the newest scan asked for
        self._shown_generation = 0  # of the scan whose results the table shows
        self._pool = QThreadPool(self)  # created first, so destroyed first: waits for scans
        self._pool.setMaxThreadCount(1)
        self._estimates: dict[Path, MemoryEstimate] = {}
        self._fill: Fill | None = None
        self._fill_timer = QTimer(self)
        self._fill_timer.setSingleShot(True)
        self._fill_timer.timeout.connect(self._fill_slice)
        self._build()
        self._scan_pending = scan_when_shown
        if not scan_when_shown:
            self.rescan()

    # -- public -------------------------------------------------------------------------

    def rescan(self) -> None:
        """Scan the folders again; the table keeps the old results until the new arrive."""
        self._generation += 1
        generation, folders, sampler = self._generation, list(self._folders), self._sampler
        OffThread(
            lambda: scan(generation, folders, sampler),
            self._on_scan_finished,
            self,
            pool=self._pool,
        )
        self._update_state()

    def set_folders(self, folders: list[Path]) -> None:
        self._folders = [Path(f) for f in folders]
        self._missing = []
        self.rescan()

    def folders(self) -> list[Path]:
        return list(self._folders)

    def models(self) -> list[DiscoveredModel]:
        """The models of the last finished scan."""
        return list(self._models)

    def is_scanning(self) -> bool:
        return self._shown_generation != self._generation

    def wait_for_scan(self, msecs: int = -1) -> bool:
        """Block until the scans asked for have finished and their results are shown."""
        if not self._pool.waitForDone(msecs):
            return False
        # The results are queued calls on this thread: deliver them now.
        for job in self.findChildren(OffThread):
            QCoreApplication.sendPostedEvents(job, QEvent.Type.MetaCall)
        while self._fill is not None:  # and build the table now, not a slice a turn
            self._fill_slice(budget=None)
        return not self.is_scanning()

    def selected_model(self) -> DiscoveredModel | None:
        rows = self.tree.selectionModel().selectedRows(Column.MODEL)
        return self._model_at(rows[0]) if rows else None

    def refresh_fit(self) -> None:
        """Recompute the fit column against the memory free now."""
        fit = self._fit_texts()
        for row in range(self._model.rowCount()):
            model: DiscoveredModel = self._model.item(row, Column.MODEL).data(MODEL_ROLE)
            self._set_fit(self._model.item(row, Column.FITS), model, fit)
        self._update_state()

    # -- events -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._scan_pending:
            self._scan_pending = False
            self.rescan()
        elif self._model.rowCount():
            self.refresh_fit()  # servers may have started since the table was filled

    def closeEvent(self, event: QCloseEvent) -> None:
        self._pool.waitForDone()  # no scan may outlive the view
        super().closeEvent(event)

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.folders_label = ElidedLabel(self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Filter models…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(260)
        self.rescan_button = QPushButton(self.tr("Rescan"), self)
        self.rescan_button.clicked.connect(self.rescan)
        header = QHBoxLayout()
        header.addWidget(self.folders_label, 1)
        header.addWidget(self.filter_edit)
        header.addWidget(self.rescan_button)

        self._model = self._new_table()
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self._model)
        self._proxy.setSortRole(SORT_ROLE)
        self._proxy.setFilterKeyColumn(-1)
        self._proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self._on_filter_changed)

        self.tree = SpacedTree(self)
        self.tree.setModel(self._proxy)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # keep file names in view
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(Column.MODEL, Qt.SortOrder.AscendingOrder)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        columns = self.tree.header()
        columns.setStretchLastSection(True)
        columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(Column.MODEL, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(Column.MODEL, 250)
        self.tree.doubleClicked.connect(self._on_double_clicked)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.message = QLabel(self)
        self.message.setObjectName("modelsMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.message)

        self.status_label = QLabel(self)
        self.new_profile_button = QPushButton(self.tr("New profile from this model"), self)
        self.new_profile_button.setEnabled(False)
        self.new_profile_button.clicked.connect(
            lambda: self._request_profile(self.selected_model())
        )
        footer = QHBoxLayout()
        footer.addWidget(self.status_label, 1)
        footer.addWidget(self.new_profile_button)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        layout.addLayout(footer)

        self._icons = {key: dot_icon(colour) for key, colour in _KIND_COLOURS.items()}

    def _new_table(self) -> QStandardItemModel:
        table = QStandardItemModel(0, len(Column), self)
        headers = [self.tr("Model"), self.tr("Kind"), self.tr("Size"), self.tr("Parameters")]
        headers += [self.tr("Quantisation"), self.tr("Context"), self.tr("Fits?"), self.tr("Path")]
        table.setHorizontalHeaderLabels(headers)
        fits_header = table.horizontalHeaderItem(Column.FITS)
        fits_header.setToolTip(
            self.tr(
                "Estimated memory at the model's context, up to {ctx} tokens, against the"
                " first GPU's free memory (or the system's RAM without a GPU)"
            ).format(ctx=DEFAULT_CTX_SIZE)
        )
        return table

    def _fit_texts(self) -> tuple[int, int, str, bool, dict[FitLevel, str]]:
        """What every row's fit verdict needs: free and total bytes, where, the theme."""
        free, total, where, self._fit_against = self._fit_device()
        light = self.palette().window().color().lightness() >= 128
        texts = {FitLevel.FITS: self.tr("fits"), FitLevel.TIGHT: self.tr("tight")}
        texts[FitLevel.WILL_NOT_FIT] = self.tr("will not fit")
        return free, total, where, light, texts

    def _set_fit(
        self,
        item: QStandardItem,
        model: DiscoveredModel,
        fit: tuple[int, int, str, bool, dict[FitLevel, str]],
    ) -> None:
        estimate = self._estimates.get(model.path)
        if estimate is None or model.gguf is None or model.problem:
            return
        free, total, where, light, texts = fit
        verdict = check_fit(estimate, free, total)
        item.setText(texts[verdict.level])
        tip = self.tr("{where}: {verdict}\n{estimate}")
        item.setToolTip(
            tip.format(where=where, verdict=verdict.message, estimate=estimate.describe())
        )
        item.setForeground(QColor(_FIT_COLOURS[verdict.level][0 if light else 1]))
        item.setData(_FIT_ORDER[verdict.level], SORT_ROLE)

    def _row(self, model: DiscoveredModel) -> list[QStandardItem]:
        info = model.gguf
        kind, icon, kind_tip = self._kind(model)
        params = (info.parameter_count if info else None) or 0
        ctx = (info.context_length if info else None) or 0
        quant = (info.quantization if info else None) or ""
        cells: list[tuple[str, Any, str]] = [  # text, sort key, tooltip
            (model.display_name, model.display_name.casefold(), _model_tooltip(model)),
            (kind, kind, kind_tip),
            (format_bytes(model.size_bytes), model.size_bytes, f"{model.size_bytes:,} bytes"),
            (format_parameters(params), params, f"{params:,}" if params else ""),
            (quant, quant, ""),
            (format_context(ctx), ctx, self.tr("{n} tokens").format(n=f"{ctx:,}") if ctx else ""),
            ("", -1, ""),
            (display_path(model.path), str(model.path), str(model.path)),
        ]
        items = []
        for text, sort_key, tooltip in cells:
            item = QStandardItem(text)
            item.setEditable(False)
            item.setData(sort_key, SORT_ROLE)
            if tooltip:
                item.setToolTip(tooltip)
            if model.problem:
                item.setEnabled(False)  # greyed out, and not selectable for a profile
                item.setToolTip(self.tr("Cannot be used: {problem}").format(problem=model.problem))
            items.append(item)
        items[Column.MODEL].setData(model, MODEL_ROLE)
        items[Column.MODEL].setIcon(icon)
        return items

    def _kind(self, model: DiscoveredModel) -> tuple[str, QIcon, str]:
        if model.kind is ModelKind.GGUF and model.mmproj is not None:
            tip = self.tr("Projector: {path}").format(path=display_path(model.mmproj))
            if model.mmproj_info is not None:
                tip += f" ({format_bytes(model.mmproj_info.file_size)})"
            return self.tr("GGUF + projector"), self._icons["mmproj"], tip
        if model.kind is ModelKind.GGUF:
            return self.tr("GGUF"), self._icons["gguf"], self.tr("llama.cpp model")
        if model.kind is ModelKind.WHISPER_GGML:
            return self.tr("whisper.cpp"), self._icons["whisper"], self.tr("whisper.cpp model")
        return self.tr("Hugging Face"), self._icons["hf"], self.tr("Hugging Face model for vLLM")

    # -- slots --------------------------------------------------------------------------

    def _on_scan_finished(self, result: object) -> None:
        if not isinstance(result, ScanResult):
            # A scan skips bad files itself; anything else leaves the table as it was.
            _log.error("model scan failed: %s", result)
            self._shown_generation = self._generation
            self._update_state()
            return
        if result.generation != self._generation:
            return  # a newer scan is on its way; showing this one would flicker
        # The rows are built into a new table a slice per turn of the event loop (the
        # shown one stays until then), and it replaces the shown one in one go.
        self._snapshot, self._estimates = result.snapshot, result.estimates
        self._fill = Fill(result, self._new_table(), iter(result.models))
        self._fill_slice()

    def _fill_slice(self, budget: float | None = _FILL_SLICE_S) -> None:
        fill = self._fill
        if fill is None:
            return
        fit = self._fit_texts()
        deadline = time.perf_counter() + budget if budget is not None else None
        for model in fill.rows:
            row = self._row(model)
            self._set_fit(row[Column.FITS], model, fit)
            fill.table.appendRow(row)
            if deadline is not None and time.perf_counter() > deadline:
                self._fill_timer.start(0)
                return
        self._fill = None
        result = fill.result
        self._shown_generation = result.generation
        self._models, self._missing = result.models, result.missing
        selected = self.selected_model()
        shown, self._model = self._model, fill.table
        self._proxy.setSourceModel(fill.table)
        shown.deleteLater()
        if selected is not None:
            self._select_path(selected.path)
        self._update_state()

    def _on_filter_changed(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        self._update_state()

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        model = self.selected_model()
        self.new_profile_button.setEnabled(model is not None and not model.problem)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self._request_profile(self._model_at(index))

    def _request_profile(self, model: DiscoveredModel | None) -> None:
        if model is not None and not model.problem:
            self.newProfileRequested.emit(model)

    # -- helpers ------------------------------------------------------------------------

    def _model_at(self, index: QModelIndex) -> DiscoveredModel | None:
        if not index.isValid():
            return None
        model = index.siblingAtColumn(Column.MODEL).data(MODEL_ROLE)
        return model if isinstance(model, DiscoveredModel) else None

    def _select_path(self, path: Path) -> None:
        for row in range(self._proxy.rowCount()):
            index = self._proxy.index(row, Column.MODEL)
            model = self._model_at(index)
            if model is not None and model.path == path and not model.problem:
                self.tree.setCurrentIndex(index)
                return

    def _fit_device(self) -> tuple[int, int, str, str]:
        """Free and total bytes of what a new profile would load into, and its name
        (to start a sentence with, and within one)."""
        target = fit_target(self._snapshot, self._sampler.latest() if self._sampler else None)
        if target.gpu_index is not None:
            where = self.tr("GPU {index} ({name})").format(
                index=target.gpu_index, name=target.gpu_name
            )
            return target.free_bytes, target.total_bytes, where, where
        system = self.tr("System memory"), self.tr("system memory")
        return target.free_bytes, target.total_bytes, *system

    def _update_state(self) -> None:
        folders = ", ".join(display_path(f) for f in self._folders)
        self.folders_label.set_full_text(self.tr("Folders: {list}").format(list=folders))
        missing, not_found = set(self._missing), self.tr("(not found)")
        self.folders_label.setToolTip(
            "\n".join(f"{f}  {not_found}" if f in missing else str(f) for f in self._folders)
        )
        scanning, total, shown = self.is_scanning(), self._model.rowCount(), self._proxy.rowCount()
        self.rescan_button.setEnabled(not scanning)
        self.stack.setCurrentWidget(self.tree if total else self.message)
        if scanning:
            message = self.tr("Scanning {folders}…").format(folders=folders)
        elif not self._folders:
            message = self.tr("No folders to scan. Set [discovery] folders in the config.")
        else:
            message = self.tr("No models found in {folders}.").format(folders=folders)
            message += "\n\n" + self.tr(
                "Put GGUF or ggml files in /models or ~/models,"
                " or set [discovery] folders in the config."
            )
        self.message.setText(message)
        if scanning or not total:
            status = self.tr("Scanning…") if scanning else ""  # the message says the rest
        else:
            status = self.tr("{n} models").format(n=total) if total > 1 else self.tr("1 model")
            if shown != total:
                status = self.tr("{shown} of {total} models shown").format(shown=shown, total=total)
            status += " · " + self.tr("fit estimated against {device}").format(
                device=self._fit_against
            )
        self.status_label.setText(status)


def _model_tooltip(model: DiscoveredModel) -> str:
    lines = [model.display_name]
    if model.gguf is not None and model.gguf.architecture:
        lines.append(model.gguf.architecture)
    if model.hf_id and model.hf_id != model.display_name:
        lines.append(model.hf_id)
    return "\n".join(lines)
