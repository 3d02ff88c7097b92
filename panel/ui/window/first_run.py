"""The "what to do first" page: shown when no profile can start on this machine yet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

DEMO_COMMAND = "inference-panel demo --setup"


class FirstRunPage(QWidget):
    """Three ways to a server that runs: the demo, a model on disk, a server elsewhere.

    The page only asks; the window does the work (``showModelsRequested``: the Models on
    disk tab, ``attachRequested``: the profile editor set to attach).
    """

    showModelsRequested = Signal()
    attachRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FirstRunPage")
        title = QLabel(self.tr("What to do first"))
        title.setObjectName("FirstRunTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.intro = QLabel()
        self.intro.setObjectName("FirstRunIntro")
        self.intro.setWordWrap(True)

        self.demo_text = QLabel()  # filled when first shown: the estimate's module waits
        self.copy_demo = QPushButton(self.tr("Copy the command"))
        self.copy_demo.setObjectName("copyDemoCommand")
        self.copy_demo.clicked.connect(self._copy_demo_command)

        self.models_text = QLabel(
            self.tr(
                "<b>Use a model you have</b>: Models on disk lists the GGUF, whisper.cpp "
                "and Hugging Face models found here; “New profile from this model” fills "
                "in the rest."
            )
        )
        self.show_models = QPushButton(self.tr("Show models on disk"))
        self.show_models.setObjectName("firstRunModels")
        self.show_models.clicked.connect(self.showModelsRequested)

        self.attach_text = QLabel(
            self.tr(
                "<b>Attach to a running server</b>: one started by hand or on another "
                "machine; the panel watches it and chats with it."
            )
        )
        self.attach = QPushButton(self.tr("Attach to a server…"))
        self.attach.setObjectName("firstRunAttach")
        self.attach.clicked.connect(self.attachRequested)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(self.intro)
        for text, button in (
            (self.demo_text, self.copy_demo),
            (self.models_text, self.show_models),
            (self.attach_text, self.attach),
        ):
            layout.addWidget(self._step(text, button))
        layout.addStretch(1)

    def showEvent(self, event: QShowEvent) -> None:
        if not self.demo_text.text():
            from panel.core import demo

            minutes = max(1, round(demo.estimated_minutes()))
            self.demo_text.setText(
                self.tr(
                    "<b>Try the demo</b>: real servers with small models, on the CPU. In a "
                    "terminal, run <nobr><code>{0}</code></nobr> (about {1} minutes, once); "
                    "the three demo profiles then appear in the list, ready to start with F5."
                ).format(DEMO_COMMAND, minutes)
            )
        super().showEvent(event)

    def _step(self, text: QLabel, button: QPushButton) -> QFrame:
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(frame)
        row.addWidget(text, 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        return frame

    def set_profile_count(self, count: int) -> None:
        self.intro.setText(
            self.tr(
                "None of the {0} profiles can start on this machine yet (the list says why)."
            ).format(count)
            if count
            else self.tr("There are no profiles yet.")
        )

    def _copy_demo_command(self) -> None:
        QGuiApplication.clipboard().setText(DEMO_COMMAND)
