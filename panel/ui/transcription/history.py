"""The transcripts under the transcription tab's controls: one card per kept recording,
newest first, each as wide as the list and never wider.

A card renders a :class:`~panel.core.speech.transcript_store.Entry` and nothing else, so a
transcript reads the same before and after a relaunch. The list does what a card's buttons
ask (copy, play, open, export, delete) with the store; Retry needs a server, so it goes
out as :attr:`TranscriptList.retry_requested` for the tab.

With thousands of transcripts kept, the list opens with one page of cards and builds the
next page when the user scrolls near its end (:data:`PAGE`): a card costs a few
milliseconds to build and lay out, so building them all would hold the window for seconds.

Playback uses the injected (or imported) ``sounddevice`` module's non-blocking ``play()``:
QtMultimedia is not part of PySide6-Essentials. "Open WAV" hands the file to the desktop's
player instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont, QGuiApplication, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from panel.core.speech.audio_files import play_file
from panel.core.speech.subtitles import display_text, export_text
from panel.core.speech.transcript_store import Entry, TranscriptStore

PAGE = 12  # cards built at a time: more than a tall window shows, and ~50 ms of work


def _seconds(value: float) -> str:
    return f"{value:.1f} s"


def _fitting_label(parent: QWidget) -> QLabel:
    """A wrapping label that takes the width it is given: its own idea of its width (a
    long file name, a long unbroken word) must never widen the card past the list."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(1)
    return label


class ResultCard(QFrame):
    """One transcript (or failure) with its actions. Signals carry the entry id."""

    play_requested = Signal(str)
    open_requested = Signal(str)
    copy_requested = Signal(str)
    delete_requested = Signal(str)
    retry_requested = Signal(str, str)  # entry id, server name
    export_requested = Signal(str, str)  # entry id, "txt" | "srt" | "vtt"

    def __init__(self, entry_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry_id = entry_id
        self.setObjectName("ResultCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "QFrame#ResultCard { border: 1px solid palette(mid); border-radius: 6px;"
            " background: palette(base); }"
        )
        self.meta = _fitting_label(self)
        self.meta.setStyleSheet("color: palette(placeholder-text); font-size: 9pt;")
        self.text = _fitting_label(self)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.text.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.text.setFont(font)
        self.play_button = self._tool(self.tr("▶ Play"), self.tr("Play the recording"))
        self.play_button.clicked.connect(lambda: self.play_requested.emit(self.entry_id))
        self.copy_button = self._tool(self.tr("Copy"), self.tr("Copy the text"))
        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(self.entry_id))
        self.retry_button = self._tool(self.tr("Retry on…"), self.tr("Send it again"))
        self.retry_menu = QMenu(self)
        self.retry_button.setMenu(self.retry_menu)
        self.retry_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.retry_menu.triggered.connect(
            lambda action: self.retry_requested.emit(self.entry_id, action.data())
        )
        self.export_button = self._tool(self.tr("Export"), self.tr("Save as text or subtitles"))
        self.export_menu = QMenu(self)
        for fmt, label in (("txt", "TXT"), ("srt", "SRT"), ("vtt", "VTT")):
            action = self.export_menu.addAction(label)
            action.triggered.connect(
                lambda _=False, fmt=fmt: self.export_requested.emit(self.entry_id, fmt)
            )
        self.export_button.setMenu(self.export_menu)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button = self._tool("⋯", self.tr("More"))
        self.more_menu = QMenu(self)
        self.more_menu.addAction(self.tr("Open WAV")).triggered.connect(
            lambda: self.open_requested.emit(self.entry_id)
        )
        self.more_menu.addAction(self.tr("Delete")).triggered.connect(
            lambda: self.delete_requested.emit(self.entry_id)
        )
        self.more_button.setMenu(self.more_menu)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.meta, 1)
        for button in (
            self.play_button,
            self.copy_button,
            self.retry_button,
            self.export_button,
            self.more_button,
        ):
            top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 6, 8)
        box.setSpacing(4)
        box.addLayout(top)
        box.addWidget(self.text)

    def _tool(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def set_servers(self, names: list[str]) -> None:
        self.retry_menu.clear()
        for name in names:
            self.retry_menu.addAction(name).setData(name)
        self.retry_button.setEnabled(bool(names))

    def show_entry(self, entry: Entry, *, busy: bool = False) -> None:
        # Kept in UTC; read in the user's own clock.
        parts = [entry.created.astimezone().strftime("%H:%M:%S"), entry.source]
        parts.append(self.tr("audio {d}").format(d=_seconds(entry.duration or 0.0)))
        if entry.server:
            parts.append(entry.server)
        if entry.round_trip is not None:
            parts.append(self.tr("round trip {t}").format(t=_seconds(entry.round_trip)))
        rtf = entry.real_time_factor
        if rtf is not None:
            parts.append(self.tr("RTF {rtf:.2f}").format(rtf=rtf))
        if entry.language:
            parts.append(entry.language)
        self.meta.setText(" · ".join(parts))
        self.meta.setToolTip(self.meta.text())
        text = entry.text or ""
        if busy:
            self.text.setText(self.tr("Transcribing…"))
            self.text.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        elif entry.error:
            self.text.setText(entry.error)
            self.text.setStyleSheet("color: #8a1c1c;")
        else:
            self.text.setText(display_text(text) or self.tr("(no speech recognised)"))
            self.text.setStyleSheet("")
        self.copy_button.setEnabled(bool(text) and not busy)
        self.export_button.setEnabled(bool(text) and not busy)
        self.retry_button.setEnabled(not busy and bool(self.retry_menu.actions()))


class TranscriptList(QScrollArea):
    """The cards, newest first, with a hint while there are none. Each card shows its
    entry in ``store``; a card whose request is running is busy and cannot be deleted."""

    retry_requested = Signal(str, str)  # entry id, server name
    problem = Signal(str)  # a sentence for the user: a file could not be played or saved

    def __init__(
        self, store: TranscriptStore, parent: QWidget | None = None, *, sd_module: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TranscriptList")
        self.store = store
        self._unsaved: dict[str, Entry] = {}  # entries the store could not write
        self._sd = sd_module
        self._cards: dict[str, ResultCard] = {}
        self._busy: set[str] = set()
        self._servers: list[str] = []
        self._playable = False
        self._column = QVBoxLayout()
        self._column.setContentsMargins(4, 4, 4, 4)
        self._column.setSpacing(6)
        self._column.addStretch(1)
        self.placeholder = QLabel(
            self.tr(
                "Transcripts appear here, newest first. Open, drop or paste an audio file"
                " to transcribe it."
            ),
            self,
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self._column.insertWidget(0, self.placeholder)
        inner = QWidget(self)
        inner.setLayout(self._column)
        self.setWidget(inner)
        self.setWidgetResizable(True)
        self._later = store.ids()  # saved entries without a card yet, newest first
        self.verticalScrollBar().valueChanged.connect(self._build_more_if_near_the_end)
        self._build_more()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._build_more_if_near_the_end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._build_more_if_near_the_end()

    def _build_more_if_near_the_end(self) -> None:
        """Keep at least half a screen of cards below what is shown, while any are left.
        The column's height for its width counts new cards at once, where the scroll
        bar's range waits for the next layout pass."""
        bar, column = self.verticalScrollBar(), self.widget()
        if not self.isVisible() or column is None:
            return  # the sizes are not known yet: showing asks again
        while self._later and (
            column.heightForWidth(self.viewport().width()) - bar.value()
            < self.viewport().height() * 3 // 2
        ):
            self._build_more()

    def _build_more(self) -> None:
        """The next :data:`PAGE` saved entries as cards, below the others."""
        batch, self._later = self._later[:PAGE], self._later[PAGE:]
        for entry_id in batch:
            entry = self.entry(entry_id)  # one that cannot be read is left out, as before
            if entry is not None and entry_id not in self._cards:
                self.add(entry, newest_first=False)

    # -- the cards ---------------------------------------------------------------------
    def add(self, entry: Entry, *, newest_first: bool = True) -> ResultCard:
        card = ResultCard(entry.id, self.widget())
        card.set_servers(self._servers)
        card.play_button.setEnabled(self._playable)
        card.play_requested.connect(self.play)
        card.open_requested.connect(self.open_wav)
        card.copy_requested.connect(self.copy_text)
        card.delete_requested.connect(self.delete)
        card.retry_requested.connect(self.retry_requested)
        card.export_requested.connect(self.export_dialog)
        self._cards[entry.id] = card
        # Index 0 is the placeholder; the last item is the stretch that keeps cards on top.
        self._column.insertWidget(1 if newest_first else self._column.count() - 1, card)
        card.show_entry(entry, busy=entry.id in self._busy)
        card.show()  # now, not on the layout's next pass: the column's size counts it
        self.placeholder.hide()
        return card

    def keep_unsaved(self, entry: Entry) -> None:
        """Show (and copy, export) ``entry`` as it is in memory: the store could not
        write it (a full disk), and the text must not be lost before the user takes it."""
        self._unsaved[entry.id] = entry
        self.refresh(entry.id)

    def entry(self, entry_id: str) -> Entry | None:
        if entry_id in self._unsaved:
            return self._unsaved[entry_id]
        try:
            return self.store.get(entry_id)
        except (KeyError, OSError, ValueError):
            return None

    def refresh(self, entry_id: str) -> None:
        """Show the entry as the store has it now."""
        card, entry = self._cards.get(entry_id), self.entry(entry_id)
        if card is not None and entry is not None:
            card.show_entry(entry, busy=entry_id in self._busy)

    def set_busy(self, entry_id: str, busy: bool) -> None:
        if busy:
            self._busy.add(entry_id)
        else:
            self._busy.discard(entry_id)
        self.refresh(entry_id)

    def is_busy(self, entry_id: str | None = None) -> bool:
        """Whether ``entry_id`` (or, without one, any entry) is being transcribed."""
        return entry_id in self._busy if entry_id is not None else bool(self._busy)

    def card(self, entry_id: str) -> ResultCard | None:
        return self._cards.get(entry_id)

    def cards(self) -> list[ResultCard]:
        """Newest first."""
        items = [self._column.itemAt(i) for i in range(self._column.count())]
        return [c for i in items if i is not None and isinstance(c := i.widget(), ResultCard)]

    def set_servers(self, names: list[str]) -> None:
        """Where a card may retry: the ready transcription servers."""
        self._servers = list(names)
        for card in self._cards.values():
            card.set_servers(self._servers)

    def set_playable(self, playable: bool) -> None:
        self._playable = playable
        for card in self._cards.values():
            card.play_button.setEnabled(playable)

    # -- what the cards ask ------------------------------------------------------------
    def copy_text(self, entry_id: str) -> None:
        entry = self.entry(entry_id)
        QGuiApplication.clipboard().setText((entry.text or "") if entry is not None else "")

    def delete(self, entry_id: str) -> None:
        if entry_id in self._busy:
            return  # its answer is on the way and has somewhere to land
        self.store.delete(entry_id)
        card = self._cards.pop(entry_id, None)
        if card is not None:
            self._column.removeWidget(card)
            card.deleteLater()
        self.placeholder.setVisible(not self._cards)

    def play(self, entry_id: str) -> None:
        """Play a recording through sounddevice (non-blocking; PortAudio's own thread)."""
        entry = self.entry(entry_id)
        if entry is None or not self._playable:
            return
        try:
            play_file(entry.wav_path, self._sd)
        except Exception as exc:  # never a traceback in the window
            self.problem.emit(self.tr("Could not play the recording: {e}").format(e=exc))

    def open_wav(self, entry_id: str) -> None:
        entry = self.entry(entry_id)
        if entry is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(entry.wav_path)))

    def export(self, entry_id: str, path: Path, fmt: str) -> None:
        """Write the transcript as ``fmt`` ("txt", "srt" or "vtt") to ``path``."""
        entry = self.entry(entry_id)
        if entry is None:
            return
        body = export_text(fmt, entry.text or "", entry.segments, entry.duration or 0.0)
        path.write_text(body, encoding="utf-8")

    def export_dialog(self, entry_id: str, fmt: str) -> None:
        """Ask where to export (window-modal); an existing file is replaced only when the
        user said so."""
        entry = self.entry(entry_id)
        if entry is None:
            return
        dialog = QFileDialog(self, self.tr("Export transcript"), "", f"{fmt.upper()} (*.{fmt})")
        dialog.setObjectName("ExportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(fmt)
        dialog.selectFile(f"{Path(entry.source).stem or 'transcript'}.{fmt}")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda name: self._export_to(entry_id, Path(name), fmt))
        dialog.open()

    def _export_to(self, entry_id: str, path: Path, fmt: str) -> None:
        if path.suffix.lower() != f".{fmt}":
            # A native dialog may ignore the default suffix and confirm the name it was
            # given, not this one: ask ourselves.
            path = path.with_name(path.name + f".{fmt}")
            if path.exists() and (
                QMessageBox.question(
                    self,
                    self.tr("Replace file?"),
                    self.tr("{name} exists. Replace it?").format(name=path.name),
                )
                != QMessageBox.StandardButton.Yes
            ):
                return
        try:
            self.export(entry_id, path, fmt)
        except OSError as exc:
            self.problem.emit(
                self.tr("Could not save {path}: {error}").format(path=path, error=exc.strerror)
            )
