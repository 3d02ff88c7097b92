"""The transcription tab with a stand-in microphone (jfk.wav, a sine, silence) against the
real whisper-server with tiny.en, plus the states that need no server."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib.abc
import importlib.machinery
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest
import soundfile
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.servers.ports import pick_free_port
from panel.core.speech.transcribe import Segment, Transcript, TranscriptionApi
from panel.core.speech.transcript_store import TranscriptStore
from panel.core.speech.wav import encode_wav
from panel.ui.transcribe_tab import TranscribeTab
from panel.ui.transcribe_widgets import target_for
from tests.conftest import EngineKit, running, script_server_argv, wait_until, whisper_profile

JFK = "ask not what your country can do for you"
RATE = 16000
BLOCK = 1600  # 0.1 s


def words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z ]", " ", text.lower()).split())


# -- a stand-in sounddevice ----------------------------------------------------------------
class PortAudioError(Exception):
    pass


class FakeStream:
    """Calls ``callback`` from its own thread with blocks of ``source``, ``pace`` seconds
    of wall time per 0.1 s block, until the source runs out or the stream stops."""

    def __init__(self, sd: FakeSounddevice, *, callback: Any, samplerate: float, **_: Any):
        self.sd = sd
        self.callback = callback
        self.samplerate = samplerate
        self.active = False
        self.drained = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-portaudio")

    def _run(self) -> None:
        source = self.sd.source
        for start in range(0, len(source), BLOCK):
            if self._stop.is_set():
                return
            block = source[start : start + BLOCK].reshape(-1, 1)
            self.callback(block, len(block), None, self.sd.status)
            if self.sd.pace and self._stop.wait(self.sd.pace):  # the device's clock
                return
        self.drained.set()

    def start(self) -> None:
        self.active = True
        self.sd.streams.append(self)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self.active = False

    def close(self) -> None:
        self.stop()


class FakeSounddevice(ModuleType):
    PortAudioError = PortAudioError

    def __init__(self, source: np.ndarray, pace: float = 0.004, devices: bool = True) -> None:
        super().__init__("sounddevice")
        self.source = source.astype(np.float32)
        self.pace = pace
        self.status = type(
            "CallbackFlags", (), {"input_overflow": False, "__bool__": lambda s: False}
        )()
        self.streams: list[FakeStream] = []
        self.played: list[tuple[int, int]] = []
        self.devices = (
            [
                {
                    "index": 0,
                    "name": "Speakers",
                    "max_input_channels": 0,
                    "max_output_channels": 2,
                    "default_samplerate": 48000.0,
                },
                {
                    "index": 1,
                    "name": "USB microphone",
                    "max_input_channels": 1,
                    "max_output_channels": 0,
                    "default_samplerate": 16000.0,
                },
            ]
            if devices
            else []
        )
        self.default = type("default", (), {"device": [1 if devices else -1, 0]})()

    def query_devices(self, device: int | None = None, kind: str | None = None) -> Any:
        if kind == "input" and device is None:
            device = self.default.device[0]
        if device is None:
            return list(self.devices)
        if not 0 <= device < len(self.devices):
            raise PortAudioError(f"Error querying device {device}")
        return self.devices[device]

    def check_input_settings(self, *, samplerate: float = RATE, **_: Any) -> None:
        if samplerate != RATE:
            raise PortAudioError("Invalid sample rate")

    def InputStream(self, **kwargs: Any) -> FakeStream:
        return FakeStream(self, **kwargs)

    def play(self, samples: np.ndarray, rate: int) -> None:
        self.played.append((len(samples), rate))

    def stop(self) -> None:
        pass

    @property
    def stream(self) -> FakeStream:
        return self.streams[-1]


def jfk_samples(engines: EngineKit) -> np.ndarray:
    samples, rate = soundfile.read(engines.model("jfk.wav"), dtype="float32")
    assert rate == RATE
    return samples


def sine(seconds: float, freq: float = 440.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.3 * np.sin(2 * np.pi * freq * t)).astype(np.float32)


# -- fixtures ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def whisper(engines: EngineKit) -> Iterator[ServerProfile]:
    with running(whisper_profile(engines, name="whisper tiny.en")) as server:
        yield server.profile


def nowhere() -> ServerProfile:
    """A transcription server that refuses connections."""
    return ServerProfile(
        name="gone",
        engine=Engine.WHISPER_CPP,
        port=pick_free_port(),
        role=Role.TRANSCRIPTION,
    )


def make_tab(qtbot: Any, tmp_path: Path, sd: Any, targets: list[ServerProfile]) -> TranscribeTab:
    tab = TranscribeTab(sd_module=sd, store=TranscriptStore(tmp_path / "store"))
    qtbot.addWidget(tab)
    tab.resize(900, 640)
    tab.set_targets(targets)
    qtbot.waitUntil(lambda: tab.audio_message() != "Looking for microphones…")
    return tab


def hold(
    qtbot: Any, tab: TranscribeTab, sd: FakeSounddevice, *, key: bool = False, shot: str = ""
) -> None:
    """Press, wait until the stand-in microphone has played its source, release."""
    if key:
        qtbot.keyPress(tab, Qt.Key.Key_Space)
    else:
        qtbot.mousePress(tab.talk_button, Qt.MouseButton.LeftButton)
    assert tab.is_recording()
    qtbot.waitUntil(lambda: bool(sd.streams) and sd.stream.drained.is_set(), timeout=10000)
    qtbot.waitUntil(lambda: tab.meter.level() > -60.0 or tab.elapsed_label.text() != "")
    if shot:
        tab.grab().save(shot)
    if key:
        qtbot.keyRelease(tab, Qt.Key.Key_Space)
    else:
        qtbot.mouseRelease(tab.talk_button, Qt.MouseButton.LeftButton)
    assert not tab.is_recording()


def drop(tab: TranscribeTab, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        QPoint(10, 10), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(tab, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        QPoint(10, 10), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(tab, event)


def shoot(qtbot: Any, tab: TranscribeTab, path: str) -> None:
    """A screenshot with a CJK transcript beside jfk's (the store's own API adds it)."""
    extra = tab.store.save_recording(encode_wav(sine(2.5), RATE), "会议.wav")
    cjk = "我们今天讨论一下推理服务器的配置。\n明天再测试语音识别的速度。"
    segments = [Segment(0.0, 1.2, cjk.splitlines()[0]), Segment(1.2, 2.5, cjk.splitlines()[1])]
    transcript = Transcript(cjk, segments, "zh", 2.5, 0.4, TranscriptionApi.WHISPER_CPP)
    tab.store.attach_transcript(extra.id, transcript, "whisper small")
    tab._transcripts[extra.id] = transcript
    tab._add_card(tab.store.get(extra.id))
    qtbot.waitExposed(tab)
    QApplication.processEvents()
    tab.grab().save(path)


# -- against the real whisper-server -------------------------------------------------------
@pytest.mark.engines
def test_hold_to_talk_transcribes_jfk(
    qtbot: Any, tmp_path: Path, engines: EngineKit, whisper: ServerProfile
) -> None:
    sd = FakeSounddevice(jfk_samples(engines))
    tab = make_tab(qtbot, tmp_path, sd, [whisper])
    assert tab.talk_button.isEnabled()
    assert tab.device_combo.currentText() == "USB microphone"
    assert not tab._meter_timer.isActive()  # the meter polls only while recording
    tab.show()
    with qtbot.waitSignal(tab.transcription_finished, timeout=60000):
        hold(qtbot, tab, sd, shot=os.environ.get("TRANSCRIBE_TAB_REC_SHOT", ""))
        assert not tab._meter_timer.isActive()
        [entry] = tab.store.entries()  # saved before it was sent
        assert Path(entry.wav_path).is_file()
    [card] = tab.results()
    assert JFK in words(card.text.text()), card.text.text()
    assert "\n" not in card.text.text()  # one paragraph, not one line per segment
    assert "RTF" in card.meta.text() and "round trip" in card.meta.text()
    assert "audio 11." in card.meta.text()
    [entry] = tab.store.entries()
    assert JFK in words(entry.text or "") and entry.server == whisper.name and not entry.error
    assert tab.banner_text() == ""
    if os.environ.get("TRANSCRIBE_TAB_SHOT"):
        shoot(qtbot, tab, os.environ["TRANSCRIBE_TAB_SHOT"])

    # Export: SRT with timings; an existing file is never replaced without asking.
    srt = tmp_path / "jfk.srt"
    tab.export(entry.id, srt, "srt")
    text = srt.read_text(encoding="utf-8")
    assert "-->" in text and JFK in words(text)
    kept = tmp_path / "kept.vtt"
    kept.write_text("mine", encoding="utf-8")
    chosen = (str(tmp_path / "kept"), "VTT (*.vtt)")
    asked: list[str] = []

    def say_no(*args: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: chosen)
        mp.setattr(QMessageBox, "question", say_no)
        tab.export_dialog(entry.id, "vtt")
    assert asked and kept.read_text(encoding="utf-8") == "mine"

    command = tab.curl_command()
    assert command is not None and "curl" in command and "/inference" in command
    tab.copy_as_curl()
    assert QGuiApplication.clipboard().text() == command
    tab.play(entry.id)
    assert sd.played == [(176000, RATE)]
    tab.shutdown()


@pytest.mark.engines
def test_space_key_records_while_held(
    qtbot: Any, tmp_path: Path, engines: EngineKit, whisper: ServerProfile
) -> None:
    sd = FakeSounddevice(jfk_samples(engines))
    tab = make_tab(qtbot, tmp_path, sd, [whisper])
    with qtbot.waitSignal(tab.transcription_finished, timeout=60000):
        hold(qtbot, tab, sd, key=True)
    [card] = tab.results()
    assert JFK in words(card.text.text())
    tab.shutdown()


@pytest.mark.engines
def test_dropped_file_is_transcribed(
    qtbot: Any, tmp_path: Path, engines: EngineKit, whisper: ServerProfile
) -> None:
    sd = FakeSounddevice(sine(1))
    tab = make_tab(qtbot, tmp_path, sd, [whisper])
    with qtbot.waitSignal(tab.transcription_finished, timeout=60000):
        drop(tab, Path(engines.model("jfk.mp3")))
    [entry] = tab.store.entries()
    assert entry.source == "jfk.mp3" and JFK in words(entry.text or "")
    tab.shutdown()


# -- no server needed ----------------------------------------------------------------------
def test_a_press_too_short_sends_nothing(qtbot: Any, tmp_path: Path) -> None:
    sd = FakeSounddevice(sine(5), pace=0.1)
    tab = make_tab(qtbot, tmp_path, sd, [nowhere()])
    qtbot.mousePress(tab.talk_button, Qt.MouseButton.LeftButton)
    qtbot.mouseRelease(tab.talk_button, Qt.MouseButton.LeftButton)
    assert "Hold the button while you speak" in tab.banner_text()
    assert tab.store.entries() == [] and tab.results() == [] and not tab.is_busy()
    tab.shutdown()


def test_silence_is_not_sent(qtbot: Any, tmp_path: Path) -> None:
    sd = FakeSounddevice(np.zeros(RATE), pace=0.04)
    tab = make_tab(qtbot, tmp_path, sd, [nowhere()])
    hold(qtbot, tab, sd)
    assert "Nothing was heard" in tab.banner_text()
    assert tab.store.entries() == [] and not tab.is_busy()
    tab.shutdown()


def test_toggle_mode_and_a_failing_server_keep_the_recording(qtbot: Any, tmp_path: Path) -> None:
    sd = FakeSounddevice(sine(2), pace=0.02)
    tab = make_tab(qtbot, tmp_path, sd, [nowhere()])
    tab.toggle_mode.setChecked(True)
    qtbot.mouseClick(tab.talk_button, Qt.MouseButton.LeftButton)
    assert tab.is_recording()
    qtbot.waitUntil(lambda: sd.stream.drained.is_set())
    with qtbot.waitSignal(tab.transcription_finished, timeout=30000):
        qtbot.mouseClick(tab.talk_button, Qt.MouseButton.LeftButton)
    [entry] = tab.store.entries()
    assert Path(entry.wav_path).is_file() and entry.error and not entry.text
    assert "gone" in tab.banner_text() and "kept" in tab.banner_text()
    assert "Traceback" not in tab.banner_text()
    [card] = tab.results()
    assert card.text.text() == entry.error
    assert card.retry_button.isEnabled()
    tab.delete(entry.id)
    assert tab.store.entries() == [] and tab.results() == []
    tab.shutdown()


def test_no_microphone_disables_the_button(qtbot: Any, tmp_path: Path) -> None:
    sd = FakeSounddevice(sine(1), devices=False)
    tab = make_tab(qtbot, tmp_path, sd, [nowhere()])
    assert tab.audio_message() == "No microphone found"
    assert not tab.talk_button.isEnabled()
    qtbot.keyPress(tab, Qt.Key.Key_Space)
    assert not tab.is_recording()
    tab.shutdown()


class _NoPortAudio(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Importing sounddevice fails the way it does without libportaudio."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name == "sounddevice":
            return importlib.machinery.ModuleSpec(name, self)
        return None

    def create_module(self, spec: Any) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        raise OSError("PortAudio library not found")


def test_no_portaudio_is_a_plain_message(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "sounddevice", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPortAudio(), *sys.meta_path])
    tab = make_tab(qtbot, tmp_path, None, [nowhere()])
    assert tab.audio_message().startswith("No audio support: PortAudio library not found")
    assert not tab.talk_button.isEnabled()
    tab.shutdown()


def test_targets_pick_the_api(qtbot: Any, tmp_path: Path) -> None:
    whisper = ServerProfile(
        name="w",
        engine=Engine.WHISPER_CPP,
        role=Role.TRANSCRIPTION,
        args=["--inference-path", "/v1/audio/transcriptions"],
    )
    vllm = ServerProfile(
        name="v", engine=Engine.VLLM, role=Role.TRANSCRIPTION, model="openai/whisper-large-v3"
    )
    chat = ServerProfile(name="c", engine=Engine.LLAMA_CPP, role=Role.CHAT)
    assert target_for(whisper).api is TranscriptionApi.WHISPER_CPP
    assert target_for(whisper).inference_path == "/v1/audio/transcriptions"
    assert target_for(vllm).api is TranscriptionApi.OPENAI
    assert target_for(vllm).model == "openai/whisper-large-v3"
    tab = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1)), [whisper, vllm, chat])
    assert [tab.target_combo.itemText(i) for i in range(tab.target_combo.count())] == ["w", "v"]
    qtbot.mousePress(tab.talk_button, Qt.MouseButton.LeftButton)
    assert tab.is_recording()
    tab.set_targets([])  # the server went away mid-press: the recording is dropped
    assert not tab.is_recording() and not tab._meter_timer.isActive()
    assert not tab.talk_button.isEnabled()
    assert "No transcription server" in tab.target_label.text()
    tab.shutdown()


def test_unreadable_and_oversized_drops_are_refused(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1)), [nowhere()])
    garbage = tmp_path / "notes.wav"
    garbage.write_bytes(b"this is not audio" * 100)
    drop(tab, garbage)
    qtbot.waitUntil(lambda: "could not be read as audio" in tab.banner_text())
    monkeypatch.setattr("panel.ui.transcribe_widgets.MAX_FILE_BYTES", 1000)
    drop(tab, garbage)
    qtbot.waitUntil(lambda: "files up to" in tab.banner_text())
    assert tab.store.entries() == [] and tab.results() == []
    tab.shutdown()


@pytest.mark.engines
def test_a_server_error_is_a_banner_and_retry_goes_elsewhere(
    qtbot: Any, tmp_path: Path, engines: EngineKit
) -> None:
    """A server that answers 503 to everything (loading), then a retry on another."""
    portfile = tmp_path / "port"
    proc = subprocess.Popen(
        script_server_argv(
            "--portfile", str(portfile), "--loading-mode", "503", "--load-seconds", "600"
        ),
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: portfile.is_file() and portfile.read_text().strip(), what="port")
        port = int(portfile.read_text())
        busy = ServerProfile(name="busy", engine=Engine.CUSTOM, port=port, role=Role.TRANSCRIPTION)
        tab = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1), pace=0.04), [busy, nowhere()])
        with qtbot.waitSignal(tab.transcription_finished, timeout=30000):
            drop(tab, Path(engines.model("jfk.wav")))
        [entry] = tab.store.entries()
        assert entry.error and "busy" in tab.banner_text()
        assert "Traceback" not in tab.banner_text()
        with qtbot.waitSignal(tab.transcription_finished, timeout=30000):
            tab.retry(entry.id, "gone")
        [entry] = tab.store.entries()
        assert entry.error and "gone" in tab.banner_text()
        tab.shutdown()
    finally:
        proc.terminate()
        proc.wait(10)
