"""Pieces of the transcription tab: the level meter, the push-to-talk button, one card per
transcript, and the off-thread jobs (decode a dropped file, send a request).

Nothing here decides anything about transcription: :mod:`panel.core.speech.transcribe`,
:mod:`panel.core.speech.wav` and :mod:`panel.core.speech.transcript_store` do.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from panel.core.config.profiles import Engine, ServerProfile, first_flag_value
from panel.core.speech.subtitles import write_srt, write_txt, write_vtt
from panel.core.speech.transcribe import Segment, Transcript, TranscriptionApi, TranscriptionClient
from panel.core.speech.transcript_store import Entry
from panel.core.speech.wav import WHISPER_RATE, encode_wav, resample, to_mono

AUDIO_SUFFIXES = (".wav", ".mp3", ".flac", ".ogg", ".oga", ".opus")
MAX_FILE_BYTES = 200 * 1024 * 1024  # a longer file belongs in a batch tool, not this tab
METER_FLOOR_DBFS = -60.0


class FileTooLarge(Exception):
    """A dropped file over :data:`MAX_FILE_BYTES`; ``str()`` is the user's sentence."""


@dataclass(frozen=True)
class Target:
    """Where and how to send audio: a ready transcription server and its API."""

    profile: ServerProfile
    api: TranscriptionApi
    inference_path: str | None = None
    model: str | None = None

    @property
    def name(self) -> str:
        return self.profile.name


def target_for(profile: ServerProfile) -> Target:
    """whisper.cpp speaks its own API (at ``--inference-path`` when set); vLLM, llama.cpp
    and custom servers speak OpenAI's ``/v1/audio/transcriptions``."""
    if profile.engine is Engine.WHISPER_CPP:
        return Target(
            profile,
            TranscriptionApi.WHISPER_CPP,
            first_flag_value(profile.args, "--inference-path"),
        )
    model = first_flag_value(profile.args, "--served-model-name") or profile.model or None
    return Target(profile, TranscriptionApi.OPENAI, None, model)


@dataclass
class Options:
    """What the user chose in the options row, as :meth:`TranscriptionClient.transcribe`
    takes it."""

    language: str | None = None
    translate: bool = False
    prompt: str | None = None
    response_format: str = "verbose_json"

    def kwargs(self, target: Target) -> dict[str, Any]:
        return {
            "language": self.language,
            "translate": self.translate,
            "prompt": self.prompt,
            "response_format": self.response_format,
            "model": target.model,
        }


@dataclass
class Request:
    """One request, kept for Copy as curl and Retry."""

    entry_id: str
    target: Target
    options: Options
    api_key: str | None
    wav_path: Path
    filename: str = "audio.wav"
    extra: dict[str, Any] = field(default_factory=dict)


def run_transcription(request: Request, audio: bytes) -> Transcript:
    """Off the GUI thread: send ``audio`` and wait for the transcript."""
    target = request.target
    client = TranscriptionClient(
        target.profile.base_url,
        api=target.api,
        api_key=request.api_key,
        inference_path=target.inference_path,
    )
    try:
        return client.transcribe(audio, request.filename, **request.options.kwargs(target))
    finally:
        client.close()


def curl_for(request: Request, api_key_env: str | None = None) -> str:
    target = request.target
    client = TranscriptionClient(
        target.profile.base_url,
        api=target.api,
        api_key=request.api_key,
        inference_path=target.inference_path,
    )
    try:
        return str(
            client.curl_command(
                request.wav_path, api_key_env=api_key_env, **request.options.kwargs(target)
            )
        )
    finally:
        client.close()


def decode_audio_file(path: Path) -> tuple[bytes, float]:
    """Off the GUI thread: a dropped file as 16 kHz mono WAV bytes, and its duration."""
    import soundfile

    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise FileTooLarge(
            f"{path.name} is {size / 1e6:.0f} MB; files up to "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB can be transcribed here"
        )
    try:
        samples, rate = soundfile.read(io.BytesIO(path.read_bytes()), dtype="float32")
    except (RuntimeError, soundfile.LibsndfileError) as exc:
        raise ValueError(f"{path.name} could not be read as audio: {exc}") from exc
    mono = to_mono(samples)
    if rate != WHISPER_RATE:
        mono = resample(mono, int(rate))
    return encode_wav(mono, WHISPER_RATE), mono.shape[0] / WHISPER_RATE


def export_text(fmt: str, entry: Entry, transcript: Transcript | None) -> str:
    """The body of an export: "txt", "srt" or "vtt". A transcript from an earlier session
    has no timings kept; it becomes one cue over the whole recording."""
    segments = (
        list(transcript.segments)
        if transcript is not None and transcript.segments
        else single_segment(entry.text or "", entry.duration or 0.0)
    )
    if fmt == "srt":
        return write_srt(segments)
    if fmt == "vtt":
        return write_vtt(segments)
    if transcript is not None:
        return write_txt(transcript)
    return (entry.text or "").strip() + "\n"


def play_wav(sd: Any | None, path: Path) -> None:
    """Start playing a WAV file; ``sounddevice.play`` returns at once (PortAudio plays
    it on its own thread)."""
    import soundfile

    samples, rate = soundfile.read(str(path), dtype="float32")
    if sd is None:
        sd = importlib.import_module("sounddevice")
    sd.stop()
    sd.play(samples, rate)


def audio_paths(urls: list[QUrl]) -> list[Path]:
    """The local audio files among dropped URLs."""
    paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
    return [p for p in paths if p.suffix.lower() in AUDIO_SUFFIXES]


def ask_export_path(parent: QWidget, suggested: str, fmt: str) -> Path | None:
    """Ask where to export; an existing file is replaced only when the user said so."""
    name, _ = QFileDialog.getSaveFileName(
        parent, parent.tr("Export transcript"), suggested, f"{fmt.upper()} (*.{fmt})"
    )
    if not name:
        return None
    path = Path(name)
    if path.suffix.lower() != f".{fmt}":
        # The dialog confirmed the name it was given, not this one: ask ourselves.
        path = path.with_name(path.name + f".{fmt}")
        if (
            path.exists()
            and QMessageBox.question(
                parent,
                parent.tr("Replace file?"),
                parent.tr("{name} exists. Replace it?").format(name=path.name),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return None
    return path


def _wide(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" or char >= "\uff00"


def display_text(text: str) -> str:
    """Servers put each segment on its own line; read it as one paragraph. CJK lines join
    without a space, as the script is written."""
    joined = ""
    for line in (part.strip() for part in text.splitlines()):
        if not line:
            continue
        if joined and not (_wide(joined[-1]) and _wide(line[0])):
            joined += " "
        joined += line
    return joined


def single_segment(text: str, duration: float) -> list[Segment]:
    """For a transcript kept without timings: one cue over the whole recording."""
    return [Segment(0.0, max(duration, 0.1), text.strip())] if text.strip() else []


LANGUAGES = (
    ("", "Auto-detect"),
    ("en", "English"),
    ("zh", "中文"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("de", "Deutsch"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("pt", "Português"),
    ("ru", "Русский"),
    ("nl", "Nederlands"),
)
FORMATS = ("verbose_json", "json", "text", "srt", "vtt")


class OptionsRow(QWidget):
    """Mode, key, length limit and what to ask of the server, on two lines."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr = self.tr
        self.toggle_mode = QCheckBox(tr("Toggle mode"), self)
        self.toggle_mode.setToolTip(tr("Click once to start and once to stop"))
        self.key_edit = QKeySequenceEdit(QKeySequence(Qt.Key.Key_Space), self)
        self.key_edit.setMaximumSequenceLength(1)
        self.key_edit.setMaximumWidth(110)
        self.key_edit.setToolTip(tr("The key that records while held (when the tab has focus)"))
        self.max_seconds = QDoubleSpinBox(self)
        self.max_seconds.setRange(1.0, 600.0)
        self.max_seconds.setValue(120.0)
        self.max_seconds.setSuffix(tr(" s"))
        self.max_seconds.setDecimals(0)
        self.max_seconds.setToolTip(tr("Recording stops and is sent after this long"))
        self.language = QComboBox(self)
        for code, label in LANGUAGES:
            self.language.addItem(tr(label) if not code else f"{label} ({code})", code)
        self.translate = QCheckBox(tr("Translate to English"), self)
        self.prompt = QLineEdit(self)
        self.prompt.setPlaceholderText(tr("Prompt: names, spelling, style (optional)"))
        self.response_format = QComboBox(self)
        self.response_format.addItems(FORMATS)
        self.response_format.setToolTip(tr("The response format asked of the server"))
        first = QHBoxLayout()
        second = QHBoxLayout()
        for row, widgets in (
            (
                first,
                (
                    self.toggle_mode,
                    QLabel(tr("Key:"), self),
                    self.key_edit,
                    QLabel(tr("Max length:"), self),
                    self.max_seconds,
                ),
            ),
            (
                second,
                (
                    QLabel(tr("Language:"), self),
                    self.language,
                    self.translate,
                    QLabel(tr("Format:"), self),
                    self.response_format,
                    self.prompt,
                ),
            ),
        ):
            row.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                row.addWidget(widget)
        first.addStretch(1)
        second.setStretchFactor(self.prompt, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(first)
        box.addLayout(second)


class LevelMeter(QWidget):
    """A horizontal bar of the input level in dBFS, green to amber to red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dbfs = METER_FLOOR_DBFS
        self.setMinimumSize(160, 12)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip(self.tr("Input level"))

    def set_level(self, dbfs: float) -> None:
        dbfs = max(METER_FLOOR_DBFS, min(0.0, dbfs))
        if dbfs != self._dbfs:
            self._dbfs = dbfs
            self.update()

    def level(self) -> float:
        return self._dbfs

    def fraction(self) -> float:
        return 1.0 - self._dbfs / METER_FLOOR_DBFS

    def sizeHint(self) -> QSize:
        return QSize(240, 12)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(self.palette().mid().color())
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(rect, 4, 4)
        fraction = self.fraction()
        if fraction > 0:
            colour = "#2e9d4f" if self._dbfs < -12 else "#d99a00" if self._dbfs < -3 else "#d2352b"
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(
                rect.adjusted(1, 1, -1, -1).adjusted(0, 0, -(rect.width() - 2) * (1 - fraction), 0),
                3,
                3,
            )
        painter.end()


class TalkButton(QPushButton):
    """The big push-to-talk button. It takes no focus, so the tab keeps the keyboard and
    its configurable key works after a click."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TalkButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(220, 64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.setFont(font)
        self.set_recording(False)

    def set_recording(self, on: bool) -> None:
        colour = "#d2352b" if on else "#1f6feb"
        self.setStyleSheet(
            f"QPushButton#TalkButton {{ background: {colour}; color: white; border: none;"
            " border-radius: 10px; padding: 10px 24px; }"
            "QPushButton#TalkButton:disabled { background: palette(mid); color: palette(dark); }"
        )


def _seconds(value: float) -> str:
    return f"{value:.1f} s"


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
        self.meta = QLabel(self)
        self.meta.setStyleSheet("color: palette(placeholder-text); font-size: 9pt;")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
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
        export_menu = QMenu(self)
        for fmt, label in (("txt", "TXT"), ("srt", "SRT"), ("vtt", "VTT")):
            action = export_menu.addAction(label)
            action.triggered.connect(
                lambda _=False, fmt=fmt: self.export_requested.emit(self.entry_id, fmt)
            )
        self.export_button.setMenu(export_menu)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button = self._tool("⋯", self.tr("More"))
        more = QMenu(self)
        more.addAction(self.tr("Open WAV")).triggered.connect(
            lambda: self.open_requested.emit(self.entry_id)
        )
        more.addAction(self.tr("Delete")).triggered.connect(
            lambda: self.delete_requested.emit(self.entry_id)
        )
        self.more_button.setMenu(more)
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
            top.addWidget(button)
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

    def show_state(
        self,
        *,
        created: dt.datetime | None,
        source: str,
        duration: float,
        server: str = "",
        text: str = "",
        error: str = "",
        transcript: Transcript | None = None,
        busy: bool = False,
    ) -> None:
        parts = [created.strftime("%H:%M:%S")] if created else []
        parts += [source, self.tr("audio {d}").format(d=_seconds(duration))]
        if server:
            parts.append(server)
        if transcript is not None:
            parts.append(self.tr("round trip {t}").format(t=_seconds(transcript.round_trip)))
            rtf = transcript.real_time_factor
            if rtf is not None:
                parts.append(self.tr("RTF {rtf:.2f}").format(rtf=rtf))
            if transcript.language:
                parts.append(transcript.language)
        self.meta.setText(" · ".join(parts))
        self.meta.setToolTip(self.meta.text())
        if busy:
            self.text.setText(self.tr("Transcribing…"))
            self.text.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        elif error:
            self.text.setText(error)
            self.text.setStyleSheet("color: #8a1c1c;")
        else:
            self.text.setText(display_text(text) or self.tr("(no speech recognised)"))
            self.text.setStyleSheet("")
        self.copy_button.setEnabled(bool(text) and not busy)
        self.export_button.setEnabled(bool(text) and not busy)
        self.retry_button.setEnabled(not busy and bool(self.retry_menu.actions()))
