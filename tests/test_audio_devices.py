"""list_input_devices with a stand-in sounddevice, a failing import and the real module."""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from panel.core.speech.audio_devices import (
    NO_MICROPHONE,
    AudioDevice,
    AudioStatus,
    list_input_devices,
)
from tests.conftest import ROOT
from tests.test_virtual_mic import pulse  # noqa: F401 - the fixture


class PortAudioError(Exception):
    """Shaped like sounddevice.PortAudioError (its own class, not an OSError)."""


def device(
    index: int, name: str, inputs: int, outputs: int = 0, rate: float = 48000.0
) -> dict[str, Any]:
    # The keys sounddevice.query_devices() returns for each device.
    return {
        "name": name,
        "index": index,
        "hostapi": 0,
        "max_input_channels": inputs,
        "max_output_channels": outputs,
        "default_low_input_latency": 0.01,
        "default_low_output_latency": 0.01,
        "default_high_input_latency": 0.1,
        "default_high_output_latency": 0.1,
        "default_samplerate": rate,
    }


class StubSoundDevice:
    """The parts of the sounddevice module that list_input_devices uses.

    ``default_input`` is the index PortAudio reports as default input, or -1 for none,
    in which case ``query_devices(kind="input")`` raises like the real module does.
    """

    PortAudioError = PortAudioError

    def __init__(
        self,
        devices: Sequence[dict[str, Any]],
        default_input: int = -1,
        list_error: Exception | None = None,
    ) -> None:
        self.devices = list(devices)
        self.default_input = default_input
        self.list_error = list_error

    def query_devices(self, device: int | None = None, kind: str | None = None) -> Any:
        if self.list_error is not None:
            raise self.list_error
        if device is None and kind is None:
            return tuple(self.devices)
        index = self.default_input if device is None else device
        if index < 0 or index >= len(self.devices):
            raise PortAudioError(f"Error querying device {index}")
        info = self.devices[index]
        if kind and info[f"max_{kind}_channels"] < 1:
            raise ValueError(f"Not an {kind} device: {info['name']!r}")
        return info


def test_lists_input_devices_default_first() -> None:
    sd = StubSoundDevice(
        [
            device(0, "HDA Intel PCH: ALC892 Analog (hw:0,0)", 2, 2, 44100.0),
            device(1, "HDMI 0", 0, 8),
            device(2, "USB Microphone", 1, 0, 16000.0),
        ],
        default_input=2,
    )
    assert list_input_devices(sd) == AudioStatus(
        True,
        "",
        (
            AudioDevice(2, "USB Microphone", 1, 16000.0, True),
            AudioDevice(0, "HDA Intel PCH: ALC892 Analog (hw:0,0)", 2, 44100.0, False),
        ),
    )


def test_no_default_input_still_lists_devices() -> None:
    sd = StubSoundDevice([device(0, "mic", 1)], default_input=-1)
    status = list_input_devices(sd)
    assert status.available
    assert status.devices == (AudioDevice(0, "mic", 1, 48000.0, False),)


def test_output_only_default_is_not_marked() -> None:
    sd = StubSoundDevice([device(0, "speaker", 0, 2), device(1, "mic", 1)], default_input=0)
    status = list_input_devices(sd)
    assert [(d.name, d.is_default) for d in status.devices] == [("mic", False)]


def test_only_output_devices_means_no_microphone() -> None:
    sd = StubSoundDevice([device(0, "HDMI 0", 0, 8)], default_input=-1)
    assert list_input_devices(sd) == AudioStatus(False, NO_MICROPHONE, ())


def test_no_devices_at_all_means_no_microphone() -> None:
    assert list_input_devices(StubSoundDevice([])) == AudioStatus(False, "No microphone found")


def test_portaudio_error_querying_device_minus_one() -> None:
    sd = StubSoundDevice([], list_error=PortAudioError("Error querying device -1"))
    assert list_input_devices(sd) == AudioStatus(False, "No microphone found")


def test_other_portaudio_error_is_reported() -> None:
    sd = StubSoundDevice([], list_error=PortAudioError("PortAudio not initialized"))
    status = list_input_devices(sd)
    assert not status.available
    assert status.reason == "Audio devices could not be listed: PortAudio not initialized"


def test_unexpected_error_never_escapes() -> None:
    sd = StubSoundDevice([], list_error=RuntimeError("cffi exploded"))
    status = list_input_devices(sd)
    assert not status.available and "cffi exploded" in status.reason


class _FailingLoader(importlib.abc.Loader):
    def __init__(self, error: Exception) -> None:
        self.error = error

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        raise self.error


class _FailingFinder(importlib.abc.MetaPathFinder):
    """Makes ``import sounddevice`` fail the way it does without libportaudio."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "sounddevice":
            return None
        return importlib.machinery.ModuleSpec(name, _FailingLoader(self.error))


def fail_import(monkeypatch: pytest.MonkeyPatch, error: Exception) -> None:
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_FailingFinder(error), *sys.meta_path])


def test_missing_portaudio_library(monkeypatch: pytest.MonkeyPatch) -> None:
    fail_import(monkeypatch, OSError("PortAudio library not found"))
    assert list_input_devices() == AudioStatus(
        False, "No audio support: PortAudio library not found (install libportaudio2)"
    )


def test_missing_sounddevice_package(monkeypatch: pytest.MonkeyPatch) -> None:
    fail_import(monkeypatch, ImportError("No module named 'sounddevice'"))
    status = list_input_devices()
    assert not status.available
    assert status.reason == "No audio support: the sounddevice package is not installed"


# The real sounddevice, in a subprocess: PortAudio lists the devices once, at import, so
# each test sets up what the process can reach before it starts.
LIST_SCRIPT = """
import dataclasses, json
from panel.core.speech.audio_devices import list_input_devices
print(json.dumps(dataclasses.asdict(list_input_devices())))
"""


def real_devices(env: dict[str, str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", LIST_SCRIPT],
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.skipif(Path("/dev/snd").exists(), reason="this machine has a sound card")
def test_real_sounddevice_without_a_sound_server_finds_no_microphone(tmp_path: Path) -> None:
    # No card (CI, containers) and no PulseAudio to reach, nor one to start on demand.
    (tmp_path / "client.conf").write_text("autospawn = no\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PULSE")}
    env |= {
        "XDG_RUNTIME_DIR": str(tmp_path),
        "HOME": str(tmp_path),
        "PULSE_CLIENTCONFIG": str(tmp_path / "client.conf"),
    }
    assert real_devices(env) == {"available": False, "reason": NO_MICROPHONE, "devices": []}


def test_real_sounddevice_lists_a_pulseaudio_microphone(pulse: dict[str, str]) -> None:  # noqa: F811
    status = real_devices(pulse)
    assert status["available"] and status["reason"] == "", status
    devices = status["devices"]
    assert {"pulse", "default"} & {d["name"] for d in devices}, devices
    assert all(d["channels"] >= 1 and d["default_samplerate"] > 0 for d in devices)
    assert [d["is_default"] for d in devices].count(True) == 1
    assert devices[0]["is_default"]  # the default comes first
