"""Which microphones can be recorded from, as plain data with a reason when none.

``sounddevice`` is injected (``sd_module``) so tests can pass a stand-in, in the manner of
buzz's ``tests/mock_sounddevice.py``. By default it is imported on first use: importing it
loads PortAudio, which may be missing, and that must become a message, not a crash.

PortAudio enumerates devices once, when ``sounddevice`` is imported; a microphone plugged
in later appears only after the panel restarts.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from panel.core.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["NO_MICROPHONE", "AudioDevice", "AudioStatus", "list_input_devices"]

NO_MICROPHONE = QT_TRANSLATE_NOOP("Audio", "No microphone found")


@dataclass(frozen=True, slots=True)
class AudioDevice:
    """One capture device. ``index`` is PortAudio's device id, as ``sounddevice`` takes it."""

    index: int
    name: str
    channels: int
    default_samplerate: float
    is_default: bool


@dataclass(frozen=True, slots=True)
class AudioStatus:
    """Whether recording is possible; ``reason`` is a sentence for the UI (empty when
    ``available``). ``devices`` lists the input devices, default first."""

    available: bool
    reason: str
    devices: tuple[AudioDevice, ...] = ()


def _import_sounddevice() -> Any | AudioStatus:
    try:
        return importlib.import_module("sounddevice")
    except OSError as exc:
        # sounddevice raises OSError("PortAudio library not found") when libportaudio is
        # absent; on Debian/Ubuntu the package that provides it is libportaudio2.
        why = translate("Audio", "No audio support: {error} (install libportaudio2)")
        return AudioStatus(False, why.format(error=exc))
    except ImportError:
        return AudioStatus(
            False, translate("Audio", "No audio support: the sounddevice package is not installed")
        )


def _default_input_index(sd: Any, portaudio_error: type[BaseException]) -> int | None:
    try:
        info = sd.query_devices(kind="input")
    except (portaudio_error, ValueError):
        # PortAudioError("Error querying device -1"): there is no default input.
        # ValueError: the configured default is an output-only device.
        return None
    try:
        return int(info["index"])
    except (KeyError, TypeError, ValueError):
        return None


def list_input_devices(sd_module: Any | None = None) -> AudioStatus:
    """List the devices that can record. Never raises."""
    if sd_module is None:
        imported = _import_sounddevice()
        if isinstance(imported, AudioStatus):
            return imported
        sd_module = imported
    portaudio_error: type[BaseException] = getattr(sd_module, "PortAudioError", OSError)
    try:
        devices = list(sd_module.query_devices())
        default_index = _default_input_index(sd_module, portaudio_error)
        found: list[AudioDevice] = []
        for position, info in enumerate(devices):
            channels = int(info.get("max_input_channels", 0))
            if channels < 1:
                continue
            index = int(info.get("index", position))
            found.append(
                AudioDevice(
                    index=index,
                    name=str(info.get("name", f"Device {index}")),
                    channels=channels,
                    default_samplerate=float(info.get("default_samplerate", 0.0)),
                    is_default=index == default_index,
                )
            )
    except portaudio_error as exc:
        if "device -1" in str(exc):
            return AudioStatus(False, translate("Audio", NO_MICROPHONE))
        why = translate("Audio", "Audio devices could not be listed: {error}")
        return AudioStatus(False, why.format(error=exc))
    except Exception as exc:
        why = translate("Audio", "Audio devices could not be listed: {error}")
        return AudioStatus(False, why.format(error=exc))
    if not found:
        return AudioStatus(False, translate("Audio", NO_MICROPHONE))
    found.sort(key=lambda device: not device.is_default)  # stable: PortAudio order otherwise
    return AudioStatus(True, "", tuple(found))
