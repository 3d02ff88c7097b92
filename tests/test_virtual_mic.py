"""Recorder: with a stand-in sounddevice, and end to end through a PulseAudio virtual
microphone (PLATFORM.md recipe) into the real whisper-server."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from panel.core.speech.recorder import (
    DISCONNECTED,
    NO_MICROPHONE,
    NO_PORTAUDIO,
    Recorder,
    RecorderError,
    import_sounddevice,
)
from panel.core.speech.transcribe import TranscriptionClient
from tests.conftest import ROOT, EngineKit, wait_until

# -- a stand-in sounddevice -----------------------------------------------------------------


class FakePortAudioError(Exception):
    pass


class Status:
    def __init__(self, overflow: bool = False) -> None:
        self.input_overflow = overflow

    def __bool__(self) -> bool:
        return self.input_overflow


class FakeStream:
    def __init__(self, sd: FakeSd, **kwargs: Any) -> None:
        self.sd, self.kwargs = sd, kwargs
        self.callback = kwargs["callback"]
        self.active = False
        self.closed = False

    def start(self) -> None:
        self.active = True

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        self.closed = True

    def feed(self, block: np.ndarray, overflow: bool = False) -> None:
        self.callback(block.reshape(-1, 1), len(block), None, Status(overflow))


class FakeSd:
    PortAudioError = FakePortAudioError

    def __init__(self, rates: tuple[int, ...] = (16000,), default_rate: int = 48000) -> None:
        self.rates, self.default_rate = rates, default_rate
        self.has_input = True
        self.streams: list[FakeStream] = []

    def query_devices(self, device: Any = None, kind: str | None = None) -> dict[str, Any]:
        if not self.has_input:
            raise FakePortAudioError("Error querying device -1")
        return {"index": 0, "name": "fake", "default_samplerate": float(self.default_rate)}

    def check_input_settings(self, *, samplerate: int, **_: Any) -> None:
        if samplerate not in self.rates:
            raise FakePortAudioError("Invalid sample rate")

    def InputStream(self, **kwargs: Any) -> FakeStream:
        stream = FakeStream(self, **kwargs)
        self.streams.append(stream)
        return stream


def test_no_portaudio_is_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> Any:
        raise OSError("PortAudio library not found")

    monkeypatch.setattr("panel.core.speech.recorder.importlib.import_module", missing)
    with pytest.raises(RecorderError) as caught:
        import_sounddevice()
    assert str(caught.value) == NO_PORTAUDIO
    with pytest.raises(RecorderError, match="install libportaudio2"):
        Recorder().start()


def test_no_microphone() -> None:
    sd = FakeSd()
    sd.has_input = False
    with pytest.raises(RecorderError) as caught:
        Recorder(sd_module=sd).start()
    assert str(caught.value) == NO_MICROPHONE


def test_records_at_16k_counts_overflows_and_levels() -> None:
    sd = FakeSd()
    rec = Recorder(sd_module=sd)
    rec.start()
    stream = sd.streams[0]
    assert stream.kwargs["samplerate"] == 16000 and stream.kwargs["channels"] == 1
    assert rec.level() == -120.0
    tone = (0.5 * np.sin(np.arange(1600) / 5)).astype(np.float32)
    for i in range(10):
        stream.feed(tone, overflow=i in (3, 7))
    assert abs(rec.level() - (-9.03)) < 0.1 and rec.elapsed() == 1.0
    recording = rec.stop()
    assert stream.closed and recording.overflows == 2 and recording.duration == 1.0
    assert recording.source_rate == 16000 and not recording.is_silent()
    assert recording.wav()[:4] == b"RIFF" and not recording.too_short


def test_other_rate_is_resampled_and_short_presses_are_visible() -> None:
    sd = FakeSd(rates=(), default_rate=48000)
    rec = Recorder(sd_module=sd)
    rec.start()
    sd.streams[0].feed(np.zeros(4800, dtype=np.float32))
    recording = rec.stop()
    assert recording.source_rate == 48000 and recording.samples16k.shape == (1600,)
    assert recording.too_short and recording.is_silent()


def test_buffer_is_bounded_at_max_seconds() -> None:
    sd = FakeSd()
    rec = Recorder(sd_module=sd, max_seconds=2.0)
    rec.start()
    buffer_id = id(rec._buffer)
    for _ in range(50):
        sd.streams[0].feed(np.full(1600, 0.1, dtype=np.float32))
    assert id(rec._buffer) == buffer_id and rec._buffer.shape == (32000,)
    recording = rec.stop()
    assert recording.duration == 2.0 and recording.truncated


def test_disconnect_and_cancel() -> None:
    sd = FakeSd()
    rec = Recorder(sd_module=sd)
    rec.start()
    sd.streams[0].feed(np.full(8000, 0.1, dtype=np.float32))
    sd.streams[0].active = False  # PortAudio stopped it: the device went away
    with pytest.raises(RecorderError) as caught:
        rec.stop()
    assert str(caught.value) == DISCONNECTED
    assert caught.value.recording is not None and caught.value.recording.duration == 0.5
    rec.start()
    rec.cancel()
    rec.cancel()
    assert sd.streams[1].closed and not rec.recording


# -- the real thing: PulseAudio null sink as a microphone ----------------------------------

PULSE_CONFIG = """\
load-module module-native-protocol-unix socket={d}/run/native auth-anonymous=1
load-module module-null-sink sink_name=vspeaker rate=16000 channels=1 norewinds=1
set-default-sink vspeaker
set-default-source vspeaker.monitor
"""


@pytest.fixture
def pulse(tmp_path: Path) -> Iterator[dict[str, str]]:
    missing = [tool for tool in ("pulseaudio", "paplay", "espeak-ng") if not shutil.which(tool)]
    if missing:
        reason = f"{', '.join(missing)} not installed (apt-get install pulseaudio espeak-ng)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    d = tmp_path / "pulse"
    (d / "run").mkdir(parents=True)
    (d / "home").mkdir()
    (d / "ci.pa").write_text(PULSE_CONFIG.format(d=d))
    env = {**os.environ, "HOME": str(d / "home"), "XDG_RUNTIME_DIR": str(d / "run")}
    daemon = subprocess.Popen(
        ["pulseaudio", "--daemonize=no", "--system=false", "--exit-idle-time=-1", "-n",
         "-F", str(d / "ci.pa"), "--disable-shm=yes", f"--log-target=file:{d / 'pulse.log'}"],
        env=env,
    )  # fmt: skip
    try:
        wait_until(lambda: (d / "run" / "native").exists() or daemon.poll() is not None, 15)
        if daemon.poll() is not None:
            pytest.fail(f"pulseaudio exited: {(d / 'pulse.log').read_text()[-2000:]}")
        yield {**env, "PULSE_SERVER": f"unix:{d}/run/native"}
    finally:
        daemon.terminate()
        try:
            daemon.wait(10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()


RECORD_SCRIPT = textwrap.dedent(
    """
    import subprocess, sys, time
    import sounddevice as sd  # after PulseAudio is up: devices are enumerated now
    from panel.core.speech.recorder import Recorder

    speech, out = sys.argv[1], sys.argv[2]
    names = [d["name"] for d in sd.query_devices()]
    device = next(i for name in ("pulse", "default") for i, n in enumerate(names) if n == name)
    rec = Recorder(device=device)

    def until(condition, what):
        deadline = time.monotonic() + 10
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit("timed out waiting for " + what)
            time.sleep(0.01)

    rec.start()
    # The device's start-up latency: play only once audio is arriving.
    until(lambda: rec.elapsed() > 0.3, "the first 0.3 s of audio")
    subprocess.run(["paplay", "--device=vspeaker", speech], check=True, timeout=30)
    captured = rec.elapsed()  # the same latency at the other end: let the tail arrive
    until(lambda: rec.elapsed() > captured + 0.5, "the end of the speech")
    recording = rec.stop()
    open(out, "wb").write(recording.wav())
    print(f"{recording.duration:.2f} {recording.overflows} {recording.source_rate}")
    """
)


@pytest.mark.engines
def test_virtual_microphone_into_whisper(
    pulse: dict[str, str], tmp_path: Path, engines: EngineKit
) -> None:
    from tests.test_transcribe_client import start_whisper

    speech, out = tmp_path / "hello.wav", tmp_path / "recorded.wav"
    subprocess.run(["espeak-ng", "-w", str(speech), "hello world"], check=True, timeout=30)
    done = subprocess.run(
        [sys.executable, "-c", RECORD_SCRIPT, str(speech), str(out)],
        env={**pulse, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seconds, overflows, _rate = done.stdout.split()
    assert float(seconds) > 1.0 and int(overflows) == 0
    server = start_whisper(engines)
    try:
        with TranscriptionClient(server.profile.base_url) as client:
            result = client.transcribe(out.read_bytes(), "recorded.wav", response_format="json")
    finally:
        server.stop_and_wait(30)
    assert "hello world" in " ".join(re.sub(r"[^a-z ]", " ", result.text.lower()).split())


# The whole path a user takes: the tab, a press-and-hold on its button, a real (virtual)
# microphone, the real whisper-server. In a subprocess, because sounddevice lists the
# audio devices once, at import, and PulseAudio must be up by then.
TAB_SCRIPT = textwrap.dedent(
    """
    import os, subprocess, sys, time
    from pathlib import Path
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import sounddevice  # noqa: F401 - enumerate the devices now that PulseAudio runs
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from panel.core.config.profiles import Engine, Role, ServerProfile
    from panel.core.speech.transcript_store import TranscriptStore
    from panel.ui.transcription.tab import TranscribeTab

    speech, port, store_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    app = QApplication([])
    tab = TranscribeTab(store=TranscriptStore(Path(store_dir)))
    tab.show()

    levels = {"quiet": [], "speech": [], "after": []}  # the meter, read as a user sees it
    phase = ["quiet"]

    def until(condition, seconds):
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit("timed out: " + condition.__doc__)
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if tab.is_recording():
                levels[phase[0]].append(tab.meter.level())

    def devices_listed():
        "the device list"
        return tab.device_combo.count() > 0
    until(devices_listed, 20)
    names = [tab.device_combo.itemText(i) for i in range(tab.device_combo.count())]
    tab.device_combo.setCurrentIndex(next(i for n in ("pulse", "default")
                                          for i, name in enumerate(names) if name == n))
    tab.set_targets([ServerProfile("whisper tiny.en", Engine.WHISPER_CPP, port=port,
                                   role=Role.TRANSCRIPTION)])
    QTest.mousePress(tab.talk_button, Qt.MouseButton.LeftButton)
    def recording():
        "half a second of captured audio (the device's start-up latency)"
        return tab.is_recording() and tab._recorder.elapsed() > 0.5
    until(recording, 10)
    phase[0] = "speech"
    player = subprocess.Popen(["paplay", "--device=vspeaker", speech])
    def played():
        "paplay to finish"
        return player.poll() is not None
    until(played, 30)
    assert player.returncode == 0, player.returncode
    captured = tab._recorder.elapsed()
    phase[0] = "after"
    def tail():
        "the end of the speech to arrive (the same latency, at the other end)"
        return tab._recorder.elapsed() > captured + 0.5
    until(tail, 10)
    print("meter", max(levels["quiet"]), max(levels["speech"]), levels["after"][-1])
    QTest.mouseRelease(tab.talk_button, Qt.MouseButton.LeftButton)
    def transcribed():
        "the transcript"
        return bool(tab.results()) and not tab.is_busy()
    until(transcribed, 60)
    print(tab.results()[0].text.text())
    tab.shutdown()
    """
)


@pytest.mark.engines
def test_press_and_hold_in_the_tab_with_a_virtual_microphone(
    pulse: dict[str, str], tmp_path: Path, engines: EngineKit
) -> None:
    from tests.test_transcribe_client import start_whisper

    speech = tmp_path / "hello.wav"
    subprocess.run(["espeak-ng", "-w", str(speech), "hello world"], check=True, timeout=30)
    server = start_whisper(engines)
    try:
        done = subprocess.run(
            [sys.executable, "-c", TAB_SCRIPT, str(speech), str(server.profile.port),
             str(tmp_path / "store")],
            env={**pulse, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
            timeout=120, check=False,
        )  # fmt: skip
    finally:
        server.stop_and_wait(30)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    *_, meter, text = done.stdout.strip().splitlines()
    # The meter rests at its floor before the speech, rises with it and falls back after.
    word, quiet, loud, after = meter.split()
    assert word == "meter" and float(quiet) == -60.0 and float(after) == -60.0, meter
    assert float(loud) > -30.0, meter
    assert "hello world" in " ".join(re.sub(r"[^a-z ]", " ", text.lower()).split()), text
    assert list((tmp_path / "store").glob("*.wav")), "the recording was not kept"
