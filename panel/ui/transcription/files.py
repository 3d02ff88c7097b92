"""The three ways an audio file reaches the transcription tab besides the microphone:
the Open dialog (a button and Ctrl+O), drag-and-drop, and paste (Ctrl+V).

:class:`AudioFileInput` watches its widget for drops and owns the two shortcuts; every
file it gets goes out as :attr:`AudioFileInput.chosen`, and what it cannot take as
:attr:`AudioFileInput.problem`. Which files are audio and what pasted text names is the
Qt-free :mod:`panel.core.speech.audio_files`'s call.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QFileDialog, QWidget

from panel.core.speech.audio_files import (
    AUDIO_SUFFIXES,
    audio_paths,
    is_audio_path,
    paths_from_text,
)


def local_files(urls: list[QUrl]) -> list[Path]:
    return [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]


class AudioFileInput(QObject):
    """Drops on ``widget``, Open and Paste while ``widget`` is shown."""

    chosen = Signal(object)  # a Path
    problem = Signal(str)  # a sentence for the user, as a warning

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._open_dir = ""  # where the dialog was left; home the first time
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)
        # Window-wide while the widget is shown (a hidden tab's shortcuts never fire); a
        # text field with the focus keeps its own Ctrl+V.
        self.open_action = QAction(self.tr("Open audio files…"), widget)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.open_dialog)
        self.paste_action = QAction(self.tr("Paste audio files"), widget)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.paste_action.triggered.connect(self.paste)
        for action in (self.open_action, self.paste_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            widget.addAction(action)

    # -- drops -------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kinds = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
        if watched is not self._widget or event.type() not in kinds:
            return super().eventFilter(watched, event)
        assert isinstance(event, QDropEvent)  # the enter and move events are drop events too
        paths = audio_paths(local_files(event.mimeData().urls()))
        if not paths:
            event.ignore()
            return True
        event.acceptProposedAction()
        if event.type() == QEvent.Type.Drop:
            for path in paths:
                self.chosen.emit(path)
        return True

    # -- open --------------------------------------------------------------------------
    @Slot()
    def open_dialog(self) -> None:
        """Ask for audio files, window-modal: the window keeps painting meanwhile."""
        shown = self._widget.findChild(QFileDialog, "OpenAudioDialog")
        if shown is not None and shown.isVisible():
            shown.raise_()
            shown.activateWindow()
            return
        patterns = " ".join(f"*{suffix}" for suffix in AUDIO_SUFFIXES)
        dialog = QFileDialog(
            self._widget,
            self.tr("Transcribe audio files"),
            self._open_dir or str(Path.home()),
            self.tr("Audio ({patterns});;All files (*)").format(patterns=patterns),
        )
        dialog.setObjectName("OpenAudioDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.filesSelected.connect(self._on_files_selected)
        dialog.open()

    @Slot(list)
    def _on_files_selected(self, names: list[str]) -> None:
        if names:
            self._open_dir = str(Path(names[0]).parent)
        for name in names:
            # The dialog offers "All files" too: the decoder says if one is not audio.
            self.chosen.emit(Path(name))

    # -- paste -------------------------------------------------------------------------
    @Slot()
    def paste(self) -> None:
        """The audio files on the clipboard: copied in a file manager (URLs) or named by
        their paths in text."""
        mime = QGuiApplication.clipboard().mimeData()
        paths = local_files(mime.urls()) if mime is not None and mime.hasUrls() else []
        if not paths and mime is not None and mime.hasText():
            paths = paths_from_text(mime.text())
        if not paths:
            self.problem.emit(
                self.tr(
                    "The clipboard holds no file to transcribe: copy an audio file in the"
                    " file manager, or its full path."
                )
            )
            return
        others = [p.name for p in paths if not is_audio_path(p)]
        if others:
            self.problem.emit(
                self.tr("Not an audio file (WAV, MP3, FLAC, OGG or Opus): {names}").format(
                    names=", ".join(others)
                )
            )
        for path in audio_paths(paths):
            self.chosen.emit(path)
