"""Record the microphone into a bounded buffer, for push-to-talk transcription.

``sounddevice`` is injected (``sd_module``) so tests can pass a stand-in; by default it
is imported on first use, and a missing PortAudio becomes a :class:`RecorderError` with a
sentence for the user rather than a crash.

The PortAudio callback only copies the block into a buffer allocated at ``start()``
(``max_seconds`` long; audio past it is dropped and counted as ``truncated``), and
counts input overflows. Recording is at 16 kHz mono when the device accepts it, else at
the device's default rate and resampled to 16 kHz by ``stop()``.
"""

from __future__ import annotations

import importlib
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from panel.core.i18n import QT_TRANSLATE_NOOP, translate
from panel.core.speech.wav import WHISPER_RATE, encode_wav, is_silent, level_dbfs, resample

__all__ = [
    "DISCONNECTED",
    "NO_MICROPHONE",
    "NO_PORTAUDIO",
    "Recorder",
    "RecorderError",
    "Recording",
]

# English here, translated where raised (context Audio).
NO_PORTAUDIO = QT_TRANSLATE_NOOP(
    "Audio", "No audio support: PortAudio library not found (install libportaudio2)"
)
NO_SOUNDDEVICE = QT_TRANSLATE_NOOP(
    "Audio", "No audio support: the sounddevice package is not installed"
)
NO_MICROPHONE = QT_TRANSLATE_NOOP("Audio", "No microphone found")
DISCONNECTED = QT_TRANSLATE_NOOP("Audio", "The microphone was disconnected while recording")
SHORTEST_USEFUL = 0.3  # seconds; callers treat shorter presses as accidental


class RecorderError(Exception):
    """Recording failed; ``str()`` is one sentence for the user. ``recording`` holds what
    was captured before a disconnection, if anything."""

    def __init__(self, message: str, recording: Recording | None = None) -> None:
        super().__init__(message)
        self.recording = recording


@dataclass
class Recording:
    samples16k: npt.NDArray[np.float32]
    rate: int = WHISPER_RATE
    duration: float = 0.0
    overflows: int = 0
    source_rate: int = WHISPER_RATE
    truncated: bool = False  # the press outlasted max_seconds; the rest was dropped

    def wav(self) -> bytes:
        return encode_wav(self.samples16k, self.rate)

    def is_silent(self, threshold_dbfs: float = -50.0) -> bool:
        return is_silent(self.samples16k, threshold_dbfs)

    @property
    def too_short(self) -> bool:
        return self.duration < SHORTEST_USEFUL


def import_sounddevice() -> Any:
    """``sounddevice``, or :class:`RecorderError` with the reason it is unusable."""
    try:
        return importlib.import_module("sounddevice")
    except OSError as exc:
        raise RecorderError(translate("Audio", NO_PORTAUDIO)) from exc
    except ImportError as exc:
        raise RecorderError(translate("Audio", NO_SOUNDDEVICE)) from exc


class Recorder:
    def __init__(
        self,
        *,
        sd_module: Any | None = None,
        device: int | None = None,
        samplerate: int | None = None,
        max_seconds: float = 600.0,
    ) -> None:
        if max_seconds <= 0:
            raise ValueError("max_seconds must be positive")
        self._sd = sd_module
        self.device = device
        self.requested_rate = samplerate
        self.max_seconds = max_seconds
        self.rate = WHISPER_RATE
        self._buffer: npt.NDArray[np.float32] = np.zeros(0, dtype=np.float32)
        self._pos = 0
        self._last = (0, 0)  # the latest block, as buffer positions
        self._overflows = 0
        self._truncated = False
        self._stream: Any = None
        self._started_at = 0.0
        self._lock = threading.Lock()

    # -- setup -------------------------------------------------------------------------

    def _module(self) -> Any:
        if self._sd is None:
            self._sd = import_sounddevice()
        return self._sd

    def _portaudio_error(self, sd: Any) -> type[BaseException]:
        error = getattr(sd, "PortAudioError", None)
        return error if isinstance(error, type) and issubclass(error, BaseException) else OSError

    def _pick_rate(self, sd: Any) -> int:
        if self.requested_rate:
            return int(self.requested_rate)
        try:
            sd.check_input_settings(
                device=self.device, channels=1, samplerate=WHISPER_RATE, dtype="float32"
            )
            return WHISPER_RATE
        except Exception:
            info = sd.query_devices(self.device, "input")
            return int(float(info["default_samplerate"]) or WHISPER_RATE)

    @property
    def recording(self) -> bool:
        return self._stream is not None

    def start(self) -> None:
        """Open the microphone and start filling the buffer. Raises :class:`RecorderError`."""
        if self._stream is not None:
            raise RuntimeError("already recording")
        sd = self._module()
        portaudio_error = self._portaudio_error(sd)
        try:
            if self.device is None:
                sd.query_devices(kind="input")  # PortAudioError "device -1": no default input
            self.rate = self._pick_rate(sd)
            self._buffer = np.zeros(round(self.max_seconds * self.rate), dtype=np.float32)
            self._pos = 0
            self._last = (0, 0)
            self._overflows = 0
            self._truncated = False
            stream = sd.InputStream(
                device=self.device,
                channels=1,
                samplerate=self.rate,
                dtype="float32",
                callback=self._callback,
            )
            stream.start()
        except RecorderError:
            raise
        except (portaudio_error, ValueError) as exc:
            text = str(exc)
            if "device -1" in text or "No input device" in text or "No such device" in text:
                raise RecorderError(translate("Audio", NO_MICROPHONE)) from exc
            unopened = translate("Audio", "The microphone could not be opened: {error}")
            raise RecorderError(unopened.format(error=text)) from exc
        self._stream = stream
        self._started_at = time.monotonic()

    # -- the PortAudio thread ------------------------------------------------------------

    def _callback(self, indata: Any, frames: int, _time: Any, status: Any) -> None:
        if status and getattr(status, "input_overflow", False):
            self._overflows += 1
        pos = self._pos
        room = self._buffer.shape[0] - pos
        count = min(int(frames), room)
        if count > 0:
            block = indata[:count, 0] if getattr(indata, "ndim", 1) == 2 else indata[:count]
            self._buffer[pos : pos + count] = block
            self._pos = pos + count
            self._last = (pos, pos + count)
        if count < frames:
            self._truncated = True

    # -- for the GUI -----------------------------------------------------------------------

    def level(self) -> float:
        """The latest block's RMS level in dBFS (-120 before any audio)."""
        start, end = self._last
        return level_dbfs(self._buffer[start:end])

    def elapsed(self) -> float:
        """Seconds of audio captured so far."""
        return self._pos / self.rate if self.rate else 0.0

    @property
    def overflows(self) -> int:
        return self._overflows

    # -- finishing -------------------------------------------------------------------------

    def _close(self) -> bool:
        """Stop and close the stream; True when it had died on its own (unplugged)."""
        stream, self._stream = self._stream, None
        if stream is None:
            return False
        died = not bool(getattr(stream, "active", True))
        try:
            stream.stop()
        except Exception:
            died = True
        try:
            stream.close()
        except Exception:
            died = True
        return died

    def stop(self) -> Recording:
        """Stop and return the audio at 16 kHz. Callers check ``.duration`` for presses
        too short to mean anything (``Recording.too_short``)."""
        with self._lock:
            if self._stream is None:
                raise RuntimeError("not recording")
            died = self._close()
            captured = self._buffer[: self._pos]
            samples = (
                captured.copy() if self.rate == WHISPER_RATE else resample(captured, self.rate)
            )
            self._buffer = np.zeros(0, dtype=np.float32)
            recording = Recording(
                samples16k=samples,
                rate=WHISPER_RATE,
                duration=samples.shape[0] / WHISPER_RATE,
                overflows=self._overflows,
                source_rate=self.rate,
                truncated=self._truncated,
            )
        if died:
            raise RecorderError(translate("Audio", DISCONNECTED), recording)
        return recording

    def cancel(self) -> None:
        """Stop and discard; harmless when not recording."""
        with self._lock:
            self._close()
            self._buffer = np.zeros(0, dtype=np.float32)
            self._pos = 0
            self._last = (0, 0)
