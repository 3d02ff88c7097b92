"""The Help menu's contents: the documentation, the config folder, `doctor`, About."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

import panel
from panel import __version__
from panel.ui.workers import OffThread

if TYPE_CHECKING:
    from panel.core.doctor import DoctorReport  # loaded with the report, not the window

# Where a source checkout keeps its documentation (an installed wheel has none of it).
SOURCE_ROOT = Path(panel.__file__).resolve().parent.parent

# The functions' ``parent`` is the main window: their strings are in its "MainWindow" context,
# written out because lupdate would file ``parent.tr(…)`` under "parent".


def docs_location(root: Path = SOURCE_ROOT) -> Path | None:
    """The README (it links every page of docs/), else the docs folder; None if neither."""
    for candidate in (root / "README.md", root / "docs"):
        if candidate.exists():
            return candidate
    return None


def open_docs(parent: QWidget, root: Path = SOURCE_ROOT) -> None:
    where = docs_location(root)
    if where is None:
        QMessageBox.information(
            parent,
            QCoreApplication.translate("MainWindow", "Documentation"),
            QCoreApplication.translate(
                "MainWindow",
                "This installation has no documentation files. The README and the docs/ "
                "folder of the project's source describe every feature.",
            ),
        )
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(where)))


def open_folder(parent: QWidget, folder: Path) -> None:
    """Open ``folder`` in the file manager, creating it first (a fresh config's folder
    exists only once something was saved)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.warning(
            parent, QCoreApplication.translate("MainWindow", "Cannot open the folder"), str(exc)
        )
        return
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class DoctorDialog(QDialog):
    """``inference-panel doctor`` in a window: it runs off the GUI thread (it asks the GPU
    driver, each engine's ``--version`` and the container daemon, any of which can be slow)."""

    def __init__(self, run: Callable[[], DoctorReport], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doctorDialog")
        # Gone once closed, and a report that arrives later with it (OffThread's parent).
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Check this machine"))
        self.status = QLabel(self.tr("Checking the GPU, engines, containers and profiles…"))
        self.status.setObjectName("doctorStatus")
        self.text = QPlainTextEdit()
        self.text.setObjectName("doctorText")
        self.text.setReadOnly(True)
        self.text.setUndoRedoEnabled(False)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 520)
        self.finished_checks = False
        OffThread(run, self._on_report, self)

    def _on_report(self, outcome: object) -> None:
        from panel.core.doctor import DoctorReport

        self.finished_checks = True
        if isinstance(outcome, DoctorReport):
            self.status.setText(self.tr("The same report as `inference-panel doctor`:"))
            self.text.setPlainText(outcome.text())
        else:
            self.status.setText(self.tr("The checks failed: {0}").format(outcome))


def about_box(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("aboutBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(QCoreApplication.translate("MainWindow", "About Inference Panel"))
    box.setText(QCoreApplication.translate("MainWindow", "Inference Panel {0}").format(__version__))
    box.setInformativeText(
        QCoreApplication.translate(
            "MainWindow",
            "Starts, watches and stops local inference servers (llama.cpp, whisper.cpp, "
            "vLLM, containers), with their logs, GPU memory, a vision chat and "
            "transcription. MIT licence.",
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box
