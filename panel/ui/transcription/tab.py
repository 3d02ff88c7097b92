"""The transcription tab: hold a button (or a key), speak, release, read the transcript.

Recording, decoding files, the HTTP request and the history on disk belong to the Qt-free
core (:mod:`panel.core.speech`); this widget drives them and renders. Every recording or
file is saved to the store *before* it is sent, so a failing server loses nothing. The
level meter is polled by a ~30 Hz timer that runs only while recording.

The transcripts below are :class:`~panel.ui.transcription.history.TranscriptList`; files
arrive through :class:`~panel.ui.transcription.files.AudioFileInput` (Open, drop, paste).
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from panel.core.config.profiles import ApiKeyError, Role, ServerProfile, resolve_api_key
from panel.core.metrics.panel_requests import PANEL_REQUESTS
from panel.core.speech.audio_devices import AudioStatus, list_input_devices
from panel.core.speech.audio_files import AudioFileError, DecodedAudio, decode_audio_file
from panel.core.speech.recorder import Recorder, RecorderError, Recording
from panel.core.speech.request import Request, Target, curl_for, send, target_for
from panel.core.speech.transcribe import Transcript
from panel.core.speech.transcript_store import TranscriptStore, UnsavedEntryError
from panel.ui.banner import Banner
from panel.ui.combos import refill
from panel.ui.transcription.files import AudioFileInput
from panel.ui.transcription.history import ResultCard, TranscriptList
from panel.ui.transcription.widgets import LevelMeter, OptionsRow, TalkButton
from panel.ui.workers import OffThread

METER_INTERVAL_MS = 33  # ~30 Hz, only while recording
SHORTEST_PRESS = 0.3  # seconds


class TranscribeTab(QWidget):
    """Push-to-talk transcription with one of the ready transcription servers."""

    devices_loaded = Signal()
    transcription_finished = Signal()  # a request ended: transcribed or failed

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        sd_module: Any | None = None,
        store: TranscriptStore | None = None,
    ) -> None:
        super().__init__(parent)
        self._sd = sd_module
        self.store = store if store is not None else TranscriptStore()
        self._targets: list[Target] = []
        self._audio = AudioStatus(False, "")
        self._recorder: Recorder | None = None
        self._pressed_at = 0.0
        self._pending_jobs = 0
        self._last: Request | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build()
        self._meter_timer = QTimer(self)
        self._meter_timer.setObjectName("TranscribeMeter")
        self._meter_timer.setInterval(METER_INTERVAL_MS)
        self._meter_timer.timeout.connect(self._on_meter_tick)
        self._update_controls()
        self.refresh_devices()

    # -- construction ------------------------------------------------------------------
    def _build(self) -> None:
        self.target_combo = QComboBox(self)
        self.target_combo.setMinimumWidth(140)
        self.target_combo.setToolTip(self.tr("The server that transcribes"))
        self.target_combo.currentIndexChanged.connect(self._update_controls)
        self.target_label = QLabel(self)
        self.target_label.setWordWrap(True)
        self.device_combo = QComboBox(self)
        self.device_combo.setMinimumWidth(140)
        self.device_combo.setToolTip(self.tr("The microphone to record from"))
        self.audio_label = QLabel(self)
        self.audio_label.setWordWrap(True)
        self.curl_button = QPushButton(self.tr("Copy as curl"), self)
        self.curl_button.setToolTip(self.tr("Copy the last request as a curl command"))
        self.curl_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.curl_button.clicked.connect(self.copy_as_curl)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Server:"), self))
        top.addWidget(self.target_combo)
        top.addWidget(self.target_label, 1)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Microphone:"), self))
        top.addWidget(self.device_combo)
        top.addWidget(self.audio_label, 1)
        top.addWidget(self.curl_button)

        self.banner = Banner(self)

        self.talk_button = TalkButton(self)
        self.talk_button.pressed.connect(self._on_talk_pressed)
        self.talk_button.released.connect(self._on_talk_released)
        self.meter = LevelMeter(self)
        self.elapsed_label = QLabel(self)
        self.elapsed_label.setMinimumWidth(90)
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: palette(placeholder-text);")
        self.open_button = QPushButton(self.tr("Open…"), self)
        self.open_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tab keeps its talk key
        meter_box = QVBoxLayout()
        meter_row = QHBoxLayout()
        meter_row.addWidget(self.meter, 1)
        meter_row.addWidget(self.elapsed_label)
        hint_row = QHBoxLayout()
        hint_row.addWidget(self.hint_label, 1)
        hint_row.addWidget(self.open_button)
        meter_box.addLayout(meter_row)
        meter_box.addLayout(hint_row)
        talk_row = QHBoxLayout()
        talk_row.addWidget(self.talk_button, 2)
        talk_row.addLayout(meter_box, 3)

        self.options_row = OptionsRow(self)
        self.toggle_mode = self.options_row.toggle_mode
        self.key_edit = self.options_row.key_edit
        self.max_seconds = self.options_row.max_seconds
        self.language = self.options_row.language
        self.translate = self.options_row.translate
        self.prompt = self.options_row.prompt
        self.response_format = self.options_row.response_format
        self.toggle_mode.toggled.connect(self._update_controls)
        self.key_edit.keySequenceChanged.connect(self._update_controls)

        self.history = TranscriptList(self.store, self, sd_module=self._sd)
        self.history.retry_requested.connect(self.retry)
        self.history.problem.connect(self.show_banner)
        self.files = AudioFileInput(self)
        self.files.chosen.connect(self.transcribe_file)
        self.files.problem.connect(lambda text: self.show_banner(text, "warning"))
        self.open_button.clicked.connect(self.files.open_dialog)
        key = self.files.open_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.open_button.setToolTip(self.tr("Transcribe audio files ({key})").format(key=key))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(talk_row)
        layout.addWidget(self.options_row)
        layout.addWidget(self.history, 1)

    # -- targets and devices -----------------------------------------------------------
    def set_targets(self, profiles: list[ServerProfile]) -> None:
        """The ready transcription servers; the current one stays chosen while present."""
        targets = [target_for(p) for p in profiles if p.role is Role.TRANSCRIPTION]
        if targets == self._targets:
            return
        current = self.current_target()
        self._targets = targets
        names = [t.name for t in targets]
        refill(self.target_combo, names, current.name if current else None)
        self.history.set_servers(names)
        if not targets and self._recorder is not None:
            # Nowhere to send it: a button disabled mid-press never reports the release.
            self._recorder.cancel()
            self._recorder = None
            self._meter_timer.stop()
        self._update_controls()

    def current_target(self) -> Target | None:
        index = self.target_combo.currentIndex()
        return self._targets[index] if 0 <= index < len(self._targets) else None

    def refresh_devices(self) -> None:
        """List the microphones off the GUI thread (importing PortAudio can be slow)."""
        self.audio_label.setText(self.tr("Looking for microphones…"))
        self._pending_jobs += 1
        sd = self._sd
        OffThread(lambda: list_input_devices(sd), self._on_devices, self)

    def _on_devices(self, outcome: object) -> None:
        self._pending_jobs -= 1
        if isinstance(outcome, AudioStatus):
            self._audio = outcome
        else:
            self._audio = AudioStatus(False, self.tr("No audio support: {e}").format(e=outcome))
        self.device_combo.clear()
        for device in self._audio.devices:
            self.device_combo.addItem(device.name, device.index)
        self.history.set_playable(self._audio.available)
        self._update_controls()
        self.devices_loaded.emit()

    def audio_message(self) -> str:
        return self.audio_label.text()

    def _update_controls(self) -> None:
        recording = self._recorder is not None
        audio = self._audio.available
        target = self.current_target()
        if not self._audio.available and self._audio.reason:
            self.audio_label.setText(self._audio.reason)
            self.audio_label.setStyleSheet("color: #8a1c1c; font-weight: bold;")
        elif audio:
            self.audio_label.setText("")
        self.device_combo.setEnabled(audio and not recording)
        self.device_combo.setVisible(audio)
        self.talk_button.setEnabled(audio and target is not None)
        self.talk_button.set_recording(recording)
        if recording:
            label = self.tr("● Release to send") if not self.toggle_mode.isChecked() else None
            self.talk_button.setText(label or self.tr("■ Click to send"))
        elif self.toggle_mode.isChecked():
            self.talk_button.setText(self.tr("● Click to record"))
        else:
            self.talk_button.setText(self.tr("● Hold to talk"))
        if target is None:
            self.target_label.setText(self.tr("No transcription server is ready"))
            self.target_label.setStyleSheet("color: #9a5a00; font-weight: bold;")
        else:
            self.target_label.setText("")
        key = self.key_edit.keySequence().toString(QKeySequence.SequenceFormat.NativeText)
        self.hint_label.setText(
            self.tr(
                "Or hold {key} while this tab has focus. Open, drop or paste audio files."
            ).format(key=key or "—")
        )
        self.curl_button.setEnabled(self._last is not None)

    # -- banner ------------------------------------------------------------------------
    def show_banner(self, text: str, kind: str = "error") -> None:
        self.banner.show_message(text, kind)

    def banner_text(self) -> str:
        return self.banner.text()

    # -- recording ---------------------------------------------------------------------
    def is_recording(self) -> bool:
        return self._recorder is not None

    @Slot()
    def _on_talk_pressed(self) -> None:
        if self.toggle_mode.isChecked() and self._recorder is not None:
            self.stop_and_send()
        else:
            self.start_recording()

    @Slot()
    def _on_talk_released(self) -> None:
        if not self.toggle_mode.isChecked():
            self.stop_and_send()

    def _is_talk_key(self, event: QKeyEvent) -> bool:
        sequence = self.key_edit.keySequence()
        if sequence.isEmpty():
            return False
        pressed = QKeySequence(event.keyCombination())
        return sequence.matches(pressed) == QKeySequence.SequenceMatch.ExactMatch

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_talk_key(event) and self.talk_button.isEnabled():
            if not event.isAutoRepeat():
                self._on_talk_pressed()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if self._is_talk_key(event) and self.talk_button.isEnabled():
            if not event.isAutoRepeat():
                self._on_talk_released()
            return
        super().keyReleaseEvent(event)

    def start_recording(self) -> None:
        if self._recorder is not None or not self.talk_button.isEnabled():
            return
        recorder = Recorder(
            sd_module=self._sd,
            device=cast(int | None, self.device_combo.currentData()),
            max_seconds=self.max_seconds.value(),
        )
        try:
            recorder.start()
        except RecorderError as exc:
            self.show_banner(str(exc), "error")
            return
        if self.banner.tag in ("error", "warning"):
            self.banner.hide()
        self._recorder = recorder
        self._pressed_at = time.monotonic()
        self._meter_timer.start()
        self._update_controls()

    def stop_and_send(self) -> None:
        recorder, self._recorder = self._recorder, None
        if recorder is None:
            return
        self._meter_timer.stop()
        self.meter.set_level(-120.0)
        self.elapsed_label.setText("")
        held = time.monotonic() - self._pressed_at
        self._update_controls()
        try:
            recording = recorder.stop()
        except RecorderError as exc:
            partial = exc.recording
            self.show_banner(str(exc), "error")
            if partial is None or partial.duration < SHORTEST_PRESS or partial.is_silent():
                return
            recording = partial
        self._send_recording(recording, min(held, recording.duration))

    def _send_recording(self, recording: Recording, held: float) -> None:
        if held < SHORTEST_PRESS:
            self.show_banner(self.tr("Hold the button while you speak."), "warning")
            return
        if recording.is_silent():
            self.show_banner(
                self.tr("Nothing was heard: check the microphone and its input level."), "warning"
            )
            return
        source = self.device_combo.currentText() or self.tr("microphone")
        self._save_and_send(recording.wav(), source)

    @Slot()
    def _on_meter_tick(self) -> None:
        recorder = self._recorder
        if recorder is None:
            return
        self.meter.set_level(recorder.level())
        elapsed = recorder.elapsed()
        limit = self.max_seconds.value()
        self.elapsed_label.setText(f"{elapsed:4.1f} / {limit:.0f} s")
        if elapsed >= limit:
            self.stop_and_send()

    # -- files -------------------------------------------------------------------------
    def transcribe_file(self, path: Path) -> None:
        """Decode ``path`` off the GUI thread, then save and send it like a recording."""
        if self.current_target() is None:
            self.show_banner(self.tr("Start a transcription server first."), "warning")
            return
        self._pending_jobs += 1
        OffThread(
            lambda: decode_audio_file(path),
            lambda outcome: self._on_file_decoded(path, outcome),
            self,
        )

    def _on_file_decoded(self, path: Path, outcome: object) -> None:
        self._pending_jobs -= 1
        if isinstance(outcome, DecodedAudio):
            self._save_and_send(outcome.wav, path.name)
        elif isinstance(outcome, AudioFileError):
            self.show_banner(str(outcome), "error")
        else:
            self.show_banner(
                self.tr("Could not read {name}: {error}").format(name=path.name, error=outcome)
            )

    # -- sending -----------------------------------------------------------------------
    def _save_and_send(self, wav: bytes, source: str) -> None:
        target = self.current_target()
        try:
            entry = self.store.save_recording(wav, source)
        except OSError as exc:
            self.show_banner(
                self.tr(
                    "Could not save the recording in {folder}: {error}. Free some space "
                    "there and try again."
                ).format(folder=self.store.root, error=exc.strerror or exc),
                "error",
            )
            return
        self.history.add(entry)
        self._update_controls()
        if target is None:
            self.store.attach_error(entry.id, self.tr("No transcription server was ready"))
            self.history.refresh(entry.id)
            return
        self._send(entry.id, wav, target)

    def _send(self, entry_id: str, wav: bytes, target: Target) -> None:
        try:
            key = resolve_api_key(target.profile.api_key_ref)
        except ApiKeyError as exc:
            self.store.attach_error(entry_id, str(exc))
            self.history.refresh(entry_id)
            self.show_banner(str(exc), "error")
            return
        entry = self.history.entry(entry_id)
        wav_path = entry.wav_path if entry is not None else Path("audio.wav")
        request = Request(entry_id, target, self.options_row.options(), key, wav_path)
        self._last = request
        self._pending_jobs += 1
        PANEL_REQUESTS.started(target.profile.name)  # whisper-server's only figures
        self.history.set_busy(entry_id, True)
        self._update_controls()
        OffThread(
            lambda: send(request, wav),
            lambda outcome: self._on_transcribed(request, outcome),
            self,
        )

    def _on_transcribed(self, request: Request, outcome: object) -> None:
        self._pending_jobs -= 1
        PANEL_REQUESTS.finished(
            request.target.profile.name,
            outcome.round_trip if isinstance(outcome, Transcript) else None,
        )
        unsaved: UnsavedEntryError | None = None
        if isinstance(outcome, Transcript):
            try:
                self.store.attach_transcript(request.entry_id, outcome, request.target.name)
            except UnsavedEntryError as exc:
                unsaved = exc
            except KeyError:
                pass  # its files went away meanwhile (deleted outside the panel)
            if self.banner.tag in ("error", "warning"):
                self.banner.hide()
        else:
            message = str(outcome) or type(outcome).__name__
            message = message[:1].upper() + message[1:]
            with contextlib.suppress(OSError, KeyError):  # the banner below says it
                self.store.attach_error(request.entry_id, message)
            self.show_banner(
                self.tr("{server}: {message} The recording is kept; retry it below.").format(
                    server=request.target.name, message=message
                ),
                "error",
            )
        self.history.set_busy(request.entry_id, False)
        if unsaved is not None:
            self.history.keep_unsaved(unsaved.entry)
            self.show_banner(
                self.tr(
                    "Could not save the transcript in {folder}: {error}. It is shown below "
                    "until the panel closes: copy or export it, and free some space."
                ).format(folder=self.store.root, error=unsaved.strerror),
                "error",
            )
        self.transcription_finished.emit()

    def is_busy(self) -> bool:
        return self.history.is_busy()

    def retry(self, entry_id: str, server_name: str) -> None:
        """Send a kept recording again, to ``server_name``."""
        entry = self.history.entry(entry_id)
        targets = [t for t in self._targets if t.name == server_name]
        if entry is None or not targets or self.history.is_busy(entry_id):
            return
        try:
            wav = Path(entry.wav_path).read_bytes()
        except OSError as exc:
            self.show_banner(self.tr("Could not read the recording: {e}").format(e=exc.strerror))
            return
        self._send(entry_id, wav, targets[0])

    # -- history -----------------------------------------------------------------------
    def results(self) -> list[ResultCard]:
        """The cards, newest first."""
        return self.history.cards()

    # -- curl --------------------------------------------------------------------------
    def curl_command(self) -> str | None:
        request = self._last
        if request is None:
            return None
        return curl_for(request)

    def copy_as_curl(self) -> None:
        command = self.curl_command()
        if command is None:
            return
        QGuiApplication.clipboard().setText(command)
        self.show_banner(self.tr("Copied a curl command for the last request."), "info")

    # -- lifetime ----------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stop recording (discarding it) and wait for running requests."""
        self._meter_timer.stop()
        recorder, self._recorder = self._recorder, None
        if recorder is not None:
            recorder.cancel()
        if self._pending_jobs:
            QThreadPool.globalInstance().waitForDone()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
