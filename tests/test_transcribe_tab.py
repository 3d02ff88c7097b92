"""The transcription tab with a stand-in microphone (jfk.wav, a sine, silence) against the
real whisper-server with tiny.en, plus the states that need no server."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib.abc
import importlib.machinery
import json
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
from PySide6.QtCore import QMimeData, QPoint, QRect, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMenu, QMessageBox, QWidget

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.servers.ports import pick_free_port
from panel.core.speech.request import target_for
from panel.core.speech.transcribe import Segment, Transcript, TranscriptionApi
from panel.core.speech.transcript_store import TranscriptStore
from panel.core.speech.wav import encode_wav
from panel.ui.transcription.history import ResultCard
from panel.ui.transcription.tab import TranscribeTab
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
@pytest.fixture(autouse=True)
def widget_dialogs(qapp: QApplication) -> Iterator[None]:
    """File dialogs as Qt's own widgets (QFileDialog.Option.DontUseNativeDialog for every
    dialog), which a test can find and type into."""
    before = QApplication.testAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    yield
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, before)


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
    qtbot.waitUntil(lambda: tab.elapsed_label.text() != "")  # the meter has ticked
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
    tab.history.add(tab.store.get(extra.id))
    qtbot.waitExposed(tab)
    QApplication.processEvents()
    tab.grab().save(path)


def menu_action(menu: QMenu, text: str) -> QAction:
    """The action of a card's menu, by its text, as the user picks it."""
    [action] = [a for a in menu.actions() if a.text() == text]
    return action


def modal_dialog(qtbot: Any, kind: type[QWidget], name: str = "") -> Any:
    """The dialog of ``kind`` the window just opened (non-native, so a widget we can drive)."""
    found: list[QWidget] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, kind) and w.isVisible() and (not name or w.objectName() == name)
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    # A window manager hands the new dialog the keyboard; offscreen, we do.
    found[0].activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is found[0])
    return found[0]


def choose_file(qtbot: Any, dialog: QFileDialog, name: str) -> None:
    """Type a file name into the dialog and press Enter, as a user does."""
    edit = dialog.findChild(QLineEdit, "fileNameEdit")
    assert edit is not None, "a native dialog: the test cannot drive it"
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClicks(edit, name)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def export(
    qtbot: Any,
    card: ResultCard,
    fmt: str,
    name: str,
    answer: QMessageBox.StandardButton | None = None,
) -> str:
    """Export ``card`` through its menu and the save dialog; ``answer`` the question
    whether to replace a file, returning its text."""
    menu_action(card.export_menu, fmt).trigger()
    dialog = modal_dialog(qtbot, QFileDialog, "ExportDialog")
    asked: list[str] = []
    if answer is not None:

        def reply() -> None:  # the question runs its own event loop inside Enter
            box = QApplication.activeModalWidget()
            assert isinstance(box, QMessageBox)
            asked.append(box.text())
            box.button(answer).click()

        QTimer.singleShot(0, reply)
    choose_file(qtbot, dialog, name)
    if answer is not None:
        assert asked
        dialog.reject()
    return asked[0] if asked else ""


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
    export(qtbot, card, "SRT", str(srt))
    qtbot.waitUntil(srt.is_file)
    text = srt.read_text(encoding="utf-8")
    assert "-->" in text and JFK in words(text)
    kept = tmp_path / "kept.vtt"
    kept.write_text("mine", encoding="utf-8")
    asked = export(qtbot, card, "VTT", str(tmp_path / "kept"), answer=QMessageBox.StandardButton.No)
    assert "kept.vtt" in asked and kept.read_text(encoding="utf-8") == "mine"

    qtbot.mouseClick(tab.curl_button, Qt.MouseButton.LeftButton)
    command = QGuiApplication.clipboard().text()
    assert "curl" in command and "/inference" in command and str(entry.wav_path) in command
    assert "Copied a curl command" in tab.banner_text()
    qtbot.mouseClick(card.play_button, Qt.MouseButton.LeftButton)
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


def test_meter_rises_with_sound_and_rests_in_silence(qtbot: Any, tmp_path: Path) -> None:
    # Each part is a whole number of blocks, so every block the recorder sees is one part.
    rng = np.random.default_rng(7)
    hiss = (3e-4 * rng.standard_normal(int(0.6 * RATE))).astype(np.float32)  # about -70 dBFS
    source = np.concatenate([hiss, sine(0.6), hiss])  # the sine is about -13.5 dBFS
    sd = FakeSounddevice(source, pace=0.1)  # as a real device: 0.6 s of sine
    tab = make_tab(qtbot, tmp_path, sd, [nowhere()])
    seen: list[float] = []

    def heard_it_rise_and_fall() -> bool:
        if not seen or tab.meter.level() != seen[-1]:
            seen.append(tab.meter.level())
        played = bool(sd.streams) and sd.stream.drained.is_set()
        return played and seen[-1] <= -60.0 and any(level > -60.0 for level in seen)

    qtbot.mousePress(tab.talk_button, Qt.MouseButton.LeftButton)
    assert tab.is_recording()
    qtbot.waitUntil(heard_it_rise_and_fall, timeout=10000)
    assert all(level <= -60.0 or -16.0 <= level <= -11.0 for level in seen), seen
    parts = [level > -60.0 for level in seen]
    runs = [loud for i, loud in enumerate(parts) if i == 0 or parts[i - 1] != loud]
    assert runs == [False, True, False], seen
    assert tab.meter.fraction() == 0.0
    with qtbot.waitSignal(tab.transcription_finished, timeout=30000):
        qtbot.mouseRelease(tab.talk_button, Qt.MouseButton.LeftButton)
    assert tab.meter.level() == -60.0 and not tab._meter_timer.isActive()
    tab.shutdown()


def test_toggle_mode_and_a_failing_server_keep_the_recording(qtbot: Any, tmp_path: Path) -> None:
    sd = FakeSounddevice(sine(2), pace=0.02)
    tab = make_tab(qtbot, tmp_path, sd, [nowhere()])
    qtbot.mouseClick(tab.toggle_mode, Qt.MouseButton.LeftButton)
    assert tab.toggle_mode.isChecked() and tab.talk_button.text() == "● Click to record"
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
    menu_action(card.more_menu, "Delete").trigger()
    assert tab.store.entries() == [] and tab.results() == []
    assert tab.history.placeholder.isVisibleTo(tab)
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
    text = tmp_path / "notes.txt"
    text.write_text("not audio by its name")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(text))])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(tab, enter)
    assert not enter.isAccepted()  # the pointer says "no" before anything is read
    garbage = tmp_path / "notes.wav"
    garbage.write_bytes(b"this is not audio" * 100)
    drop(tab, garbage)
    qtbot.waitUntil(lambda: "could not be read as audio" in tab.banner_text())
    monkeypatch.setattr("panel.core.speech.audio_files.MAX_FILE_BYTES", 1000)
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
        [card] = tab.results()
        with qtbot.waitSignal(tab.transcription_finished, timeout=30000):
            menu_action(card.retry_menu, "gone").trigger()
        [entry] = tab.store.entries()
        assert entry.error and "gone" in tab.banner_text()
        tab.shutdown()
    finally:
        proc.terminate()
        proc.wait(10)


# -- opening and pasting files -------------------------------------------------------------
def write_flac(path: Path, seconds: float) -> Path:
    soundfile.write(path, sine(seconds), RATE, format="FLAC")
    return path


def show(qtbot: Any, tab: TranscribeTab) -> None:
    tab.show()
    tab.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is tab)


def test_open_button_and_ctrl_o_open_audio_files(qtbot: Any, tmp_path: Path) -> None:
    tab = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1)), [nowhere()])
    show(qtbot, tab)
    memo = write_flac(tmp_path / "memo 1.flac", 1.5)

    # The button: a dialog showing audio files; cancelling it sends nothing.
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    dialog = modal_dialog(qtbot, QFileDialog, "OpenAudioDialog")
    assert "*.flac" in dialog.selectedNameFilter() and "*.wav" in dialog.selectedNameFilter()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: modal_or_none() is None)
    assert tab.store.entries() == [] and tab.results() == []
    show(qtbot, tab)  # the window has the keyboard again

    # Ctrl+O: the chosen file is decoded, kept and sent like a recording.
    qtbot.keyClick(tab, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = modal_dialog(qtbot, QFileDialog, "OpenAudioDialog")
    with qtbot.waitSignal(tab.transcription_finished, timeout=30000):
        choose_file(qtbot, dialog, str(memo))
    [entry] = tab.store.entries()
    assert entry.source == "memo 1.flac" and entry.duration == pytest.approx(1.5, abs=0.01)
    assert entry.error and "gone" in tab.banner_text()  # nowhere to send it; kept anyway
    assert [c.entry_id for c in tab.results()] == [entry.id]
    show(qtbot, tab)

    # The dialog comes back where it was left; a file that is not audio is said so.
    qtbot.keyClick(tab, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = modal_dialog(qtbot, QFileDialog, "OpenAudioDialog")
    assert Path(dialog.directory().absolutePath()) == tmp_path
    notes = tmp_path / "notes.wav"
    notes.write_text("meeting at ten")
    choose_file(qtbot, dialog, str(notes))
    qtbot.waitUntil(lambda: "notes.wav could not be read as audio" in tab.banner_text())
    assert len(tab.store.entries()) == 1
    tab.shutdown()


def modal_or_none() -> QWidget | None:
    return QApplication.activeModalWidget()


def test_ctrl_v_pastes_audio_files_from_the_clipboard(qtbot: Any, tmp_path: Path) -> None:
    tab = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1)), [nowhere()])
    show(qtbot, tab)
    memo = write_flac(tmp_path / "memo.flac", 1.0)
    talk = write_flac(tmp_path / "talk.flac", 2.0)
    notes = tmp_path / "notes.txt"
    notes.write_text("x")
    clipboard = QGuiApplication.clipboard()

    clipboard.setText("just some words")
    qtbot.keyClick(tab, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "The clipboard holds no file to transcribe" in tab.banner_text()

    # Copied in a file manager: URLs. The audio one is sent, the other one named.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(memo)), QUrl.fromLocalFile(str(notes))])
    clipboard.setMimeData(mime)
    with qtbot.waitSignal(tab.transcription_finished, timeout=30000):
        qtbot.keyClick(tab, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert "Not an audio file (WAV, MP3, FLAC, OGG or Opus): notes.txt" in tab.banner_text()
    assert [e.source for e in tab.store.entries()] == ["memo.flac"]

    # A path copied as text.
    clipboard.setText(f"  {talk}\n")
    with qtbot.waitSignal(tab.transcription_finished, timeout=30000):
        qtbot.keyClick(tab, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [e.source for e in tab.store.entries()] == ["talk.flac", "memo.flac"]
    assert tab.store.entries()[0].duration == pytest.approx(2.0, abs=0.01)

    # In the prompt field Ctrl+V pastes text, as everywhere else.
    clipboard.setText(str(notes))
    tab.show_banner("before", "info")
    tab.prompt.setFocus()
    qtbot.waitUntil(tab.prompt.hasFocus)
    qtbot.keyClick(tab.prompt, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert tab.prompt.text() == str(notes)
    assert tab.banner_text() == "before" and len(tab.store.entries()) == 2
    tab.shutdown()


def test_transcripts_from_before_this_version_still_show(qtbot: Any, tmp_path: Path) -> None:
    """A sidecar without round trip, language or timings: the card shows what is known,
    and subtitles are one cue over the recording."""
    root = tmp_path / "store"
    root.mkdir()
    entry_id = "20260101-120000-000000"
    (root / f"{entry_id}.wav").write_bytes(encode_wav(sine(2.0), RATE))
    old = {
        "id": entry_id,
        "wav": f"{entry_id}.wav",
        "created": "2026-01-01T12:00:00+00:00",
        "source": "microphone",
        "text": " Hello from last year.",
        "error": None,
        "server": "whisper",
        "duration": 2.0,
    }
    (root / f"{entry_id}.json").write_text(json.dumps(old), encoding="utf-8")
    tab = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1)), [])
    [card] = tab.results()
    assert card.text.text() == "Hello from last year."
    assert "audio 2.0 s · whisper" in card.meta.text() and "round trip" not in card.meta.text()
    srt = tmp_path / "old.srt"
    export(qtbot, card, "SRT", str(srt))
    qtbot.waitUntil(srt.is_file)
    assert srt.read_text(encoding="utf-8") == (
        "1\n00:00:00,000 --> 00:00:02,000\nHello from last year.\n"
    )
    tab.shutdown()


# -- the transcripts fit the window ----------------------------------------------------------
def test_cards_fit_the_list_from_1024_px_up(qtbot: Any, make_window: Any) -> None:
    """Long names wrap inside the card: no sideways scrolling, the "⋯" menu in reach."""
    store = TranscriptStore()  # the panel's own folder (a temporary one in tests)
    first = store.save_recording(encode_wav(sine(2.0), RATE), "a" * 120 + ".wav")
    transcript = Transcript(
        "word " * 80 + "https://example.com/" + "x" * 200,
        [],
        "en",
        2.0,
        0.4,
        TranscriptionApi.WHISPER_CPP,
    )
    store.attach_transcript(first.id, transcript, "whisper large-v3 turbo on the GPU box")
    store.save_recording(encode_wav(sine(1.0), RATE), "USB Audio Device Analog Stereo (hw:2,0)")
    window = make_window([])
    tab = window.transcribe_tab
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert not tab.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert modal_or_none() is None  # Ctrl+O belongs to the tab only while it is shown

    window.act_show_transcribe.trigger()  # View ▸ Show transcription
    qtbot.waitUntil(tab.isVisible)
    for width in (1024, 1200, 1600):
        window.resize(width, 760)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        QApplication.processEvents()
        scroll = tab.history
        viewport = scroll.viewport().rect()
        assert not scroll.horizontalScrollBar().isVisible(), width
        for card in tab.results():
            more = card.more_button
            where = more.mapTo(scroll.viewport(), QPoint(0, 0))
            assert viewport.contains(QRect(where, more.size())), (width, where, viewport)

    # In reach, so it opens: the card's own menu, with Delete.
    card = tab.results()[0]
    seen: list[list[str]] = []

    def look_and_close() -> None:  # the menu runs its own event loop inside the click
        menu = QApplication.activePopupWidget()
        assert menu is card.more_menu
        seen.append([a.text() for a in card.more_menu.actions()])
        qtbot.keyClick(menu, Qt.Key.Key_Escape)

    QTimer.singleShot(0, look_and_close)
    qtbot.mouseClick(card.more_button, Qt.MouseButton.LeftButton)
    assert seen == [["Open WAV", "Delete"]] and not card.more_menu.isVisible()

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    dialog = modal_dialog(qtbot, QFileDialog, "OpenAudioDialog")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: modal_or_none() is None)


# -- a relaunch ------------------------------------------------------------------------------
@pytest.mark.engines
def test_a_relaunch_shows_the_same_transcripts(
    qtbot: Any, tmp_path: Path, engines: EngineKit, whisper: ServerProfile
) -> None:
    tab = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1)), [whisper])
    with qtbot.waitSignal(tab.transcription_finished, timeout=60000):
        drop(tab, Path(engines.model("jfk.wav")))
    [card] = tab.results()
    meta, text = card.meta.text(), card.text.text()
    assert "round trip" in meta and "RTF" in meta and JFK in words(text)
    [entry] = tab.store.entries()
    assert entry.language and meta.endswith(f" · {entry.language}")
    before = tmp_path / "before.srt"
    export(qtbot, card, "SRT", str(before))
    qtbot.waitUntil(before.is_file)
    tab.close()  # as the window does when the panel quits

    again = make_tab(qtbot, tmp_path, FakeSounddevice(sine(1)), [])
    assert again is not tab
    [card] = again.results()
    assert (card.meta.text(), card.text.text()) == (meta, text)
    after = tmp_path / "after.srt"
    export(qtbot, card, "SRT", str(after))
    qtbot.waitUntil(after.is_file)
    assert after.read_text(encoding="utf-8") == before.read_text(encoding="utf-8")
    again.shutdown()
