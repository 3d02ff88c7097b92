"""The seed's two vLLM media profiles, for real: vision (Qwen2.5-VL in the seed; a tiny
random LLaVA here) and speech (whisper-small with ``language=zh``; a tiny random Whisper),
served by the real vLLM on the CPU and used as a user does: images dropped into the Chat
tab and given to ``inference-panel ask``, audio dropped, recorded and given to
``inference-panel transcribe``. Random models answer junk (control characters, ESC,
U+FFFD): the chat view, the transcript list and the command line show it safely.

Each server starts once for the module (about 20 s and 1.8 GB each).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import pty
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import soundfile
from PIL import Image
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from panel.core.chat.errors import classified
from panel.core.chat.payload import (
    ImageTransport,
    MediaPathError,
    file_url_image,
)
from panel.core.config.profiles import ContainerSpec, Engine, Role, ServerProfile
from panel.core.config.store import Config, ConfigStore
from panel.core.net.server_text import for_display, for_terminal, json_for_terminal
from panel.core.servers.ports import pick_free_port
from panel.core.servers.supervisor import ServerProcess
from panel.core.speech.subtitles import display_text
from panel.core.speech.transcribe import WHISPER_MAX_TOKENS
from panel.ui.chat.tab import ChatTab
from tests.conftest import (
    ROOT,
    VLLM_TEST_ARGS,
    VLLM_TEST_ENV,
    EngineKit,
    VllmKit,
    llama_profile,
    running,
    wait_until,
)
from tests.test_chat_tab import drop_files
from tests.test_transcribe_tab import FakeSounddevice, drop, hold, make_tab, sine

pytestmark = [pytest.mark.real_vllm, pytest.mark.timeout(300)]

VISION_NAME = "Qwen2.5-VL-7B AWQ (vLLM)"  # the seed's names, for the seed's shapes
SPEECH_NAME = "whisper-small (vLLM)"
# Greedy answers of the tiny LLaVA (temperature 0) that carry control characters:
# "describe" gives DLE, ENQ and U+FFFD; "what yes" an ESC.
JUNK_PROMPT = "describe"
ESC_PROMPT = "what yes"


def cpu_args(max_model_len: int) -> list[str]:
    """The test settings (tests/conftest.py) with the model's own context length."""
    args = list(VLLM_TEST_ARGS)
    args[args.index("--max-model-len") + 1] = str(max_model_len)
    return args


def controls(text: str) -> list[str]:
    """The control characters in ``text`` other than tab and newline."""
    return [c for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n"]


def requests_to(server: ServerProcess, route: str) -> int:
    """How many requests for ``route`` vLLM's access log shows so far."""
    return sum(f'"POST {route} HTTP/1.1"' in line for line in server.log.texts(100_000))


def log_caught_up(server: ServerProcess) -> None:
    """Wait until the log has every request answered so far. vLLM logs a request once its
    answer has gone (a client can be gone before that), in order: a request of ours with
    a mark of its own showing up means the ones before it have."""
    mark = f"/v1/models?caught-up={os.urandom(4).hex()}"
    httpx.get(server.profile.base_url + mark, timeout=30)  # any status is logged
    wait_until(lambda: any(mark in line for line in server.log.texts(2_000)), what=mark)


def panel(*args: str, **kw: Any) -> subprocess.CompletedProcess[str]:
    """The real ``inference-panel`` command."""
    return subprocess.run(
        [sys.executable, "-m", "panel", *args],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
        **kw,
    )  # fmt: skip


def png(path: Path, colour: tuple[int, int, int]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (80, 60), colour).save(path)
    return path


# -- the servers ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder vLLM may read images from (the seed's /models)."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def vision(vllm_kit: VllmKit, media: Path) -> Iterator[ServerProcess]:
    """The seed's vision profile, GPU flags left out (--gpu-memory-utilization), on the
    tiny LLaVA: its --max-model-len is the model's own 2048 (the seed asks 16384)."""
    profile = ServerProfile(
        name=VISION_NAME, engine=Engine.VLLM, executable=vllm_kit.vllm,
        model=vllm_kit.model("tiny-llava"), port=pick_free_port(),
        args=[
            "--served-model-name", "qwen3", *cpu_args(2048),
            "--allowed-local-media-path", str(media), "--limit-mm-per-prompt", '{"image":2}',
        ],
        env=dict(VLLM_TEST_ENV), role=Role.VISION, ready_timeout=240.0, stop_grace=10.0,
    )  # fmt: skip
    with running(profile, timeout=240) as server:
        yield server


@pytest.fixture(scope="module")
def whisper(vllm_kit: VllmKit) -> Iterator[ServerProcess]:
    """The seed's `vllm serve ... whisper` profile on the tiny Whisper (448 tokens long)."""
    profile = ServerProfile(
        name=SPEECH_NAME, engine=Engine.VLLM, executable=vllm_kit.vllm,
        model=vllm_kit.model("tiny-whisper"), port=pick_free_port(),
        args=["--served-model-name", "whisper", *cpu_args(448)],
        env=dict(VLLM_TEST_ENV), role=Role.TRANSCRIPTION, ready_timeout=240.0, stop_grace=10.0,
    )  # fmt: skip
    with running(profile, timeout=240) as server:
        yield server


def raw_answer(server: ServerProcess, prompt: str, max_tokens: int) -> str:
    """What vLLM itself answers, greedy, with nothing in between."""
    body = {
        "model": "qwen3",
        "messages": [{"role": "user", "content": prompt}],
        "temperature": 0,
        "max_tokens": max_tokens,
    }
    reply = httpx.post(server.profile.base_url + "/v1/chat/completions", json=body, timeout=60)
    reply.raise_for_status()
    return str(reply.json()["choices"][0]["message"]["content"])


# -- vision in the Chat tab ----------------------------------------------------------------


def ask_in_tab(qtbot: Any, tab: ChatTab, text: str) -> None:
    tab.prompt.clear()
    if text.isascii():
        qtbot.keyClicks(tab.prompt, text)
    else:  # QTest types Latin-1 only (anything else aborts): this comes from an input method
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(tab.prompt, event)
    with qtbot.waitSignal(tab.answer_finished, timeout=120_000):
        qtbot.keyClick(tab.prompt, Qt.Key.Key_Return)


def set_options(qtbot: Any, tab: ChatTab, *, temperature: str, max_tokens: str) -> None:
    """Open Options and type the values in, as a user does."""
    if not tab.options_bar.options_button.isChecked():
        qtbot.mouseClick(tab.options_bar.options_button, Qt.MouseButton.LeftButton)
    for box, value in ((tab.temperature, temperature), (tab.max_tokens, max_tokens)):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(box, value)


def sent_image_urls(tab: ChatTab) -> list[str]:
    request = tab.last_request()
    assert request is not None
    parts = request["messages"][-1]["content"]
    return [p["image_url"]["url"] for p in parts if p["type"] == "image_url"]


def test_a_dropped_image_goes_inline_and_the_answer_streams(
    qtbot: Any, tab: ChatTab, vision: ServerProcess, tmp_path: Path
) -> None:
    tab.set_targets([vision.profile])
    # Outside the allowed folder: vLLM could not read it, so the picture itself goes.
    drop_files(tab.strip, png(tmp_path / "照片.png", (30, 30, 200)))
    qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10_000)
    ask_in_tab(qtbot, tab, "What is in this image?")
    assert tab.banner_text() == "", tab.banner_text()
    [url] = sent_image_urls(tab)
    assert url.startswith("data:image/png;base64,")
    assert tab.last_request()["model"] == "qwen3"  # type: ignore[index]  # --served-model-name
    answer = tab.conversation_data()[-1]
    assert answer["content"] and answer["stats"]["completion_tokens"] > 0
    assert tab.deltas_received > 1  # streamed, not in one piece
    assert "tokens/s" in tab.conversation_text()


def test_an_image_under_the_allowed_folder_goes_as_a_file_url(
    qtbot: Any, tab: ChatTab, vision: ServerProcess, media: Path
) -> None:
    tab.set_targets([vision.profile])
    picture = png(media / "红色.png", (200, 30, 30))
    drop_files(tab.strip, picture)
    qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10_000)
    assert tab.attachments()[0].image.transport is ImageTransport.FILE_URL
    ask_in_tab(qtbot, tab, "Describe the picture.")
    assert tab.banner_text() == "", tab.banner_text()
    assert sent_image_urls(tab) == [picture.resolve().as_uri()]
    assert tab.conversation_data()[-1]["stats"]["completion_tokens"] > 0


def test_a_file_url_image_goes_inline_to_the_next_server(
    qtbot: Any, tab: ChatTab, vision: ServerProcess, media: Path, engines: EngineKit
) -> None:
    """An image attached by path for vLLM, then the user switches to a llama-server with a
    projector: the conversation's image goes to it inline (it cannot read vLLM's folder)."""
    projector = engines.model("tiny-mmproj.gguf")
    llama = llama_profile(
        engines, name="tiny vision", args=["-c", "8192", "-t", "2", "--mmproj", projector],
        role=Role.VISION,
    )  # fmt: skip
    with running(llama):
        tab.set_targets([vision.profile, llama])
        assert tab.current_target() == vision.profile
        drop_files(tab.strip, png(media / "蓝色.png", (30, 30, 220)))
        qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10_000)
        set_options(qtbot, tab, temperature="0", max_tokens="16")  # the next context is small
        ask_in_tab(qtbot, tab, "What is it?")
        assert sent_image_urls(tab)[0].startswith("file://")

        tab.target_combo.setFocus()
        qtbot.keyClick(tab.target_combo, Qt.Key.Key_Down)
        assert tab.current_target() == llama
        ask_in_tab(qtbot, tab, "And now?")
        assert tab.banner_text() == "", tab.banner_text()
        request = tab.last_request()
        assert request is not None
        [earlier] = [p for p in request["messages"][0]["content"] if p["type"] == "image_url"]
        assert earlier["image_url"]["url"].startswith("data:image/png;base64,")
        assert tab.conversation_data()[-1]["content"] == "Hello from a tiny model."


def test_junk_answers_show_safely_in_the_chat_view(
    qtbot: Any, tab: ChatTab, vision: ServerProcess
) -> None:
    """Greedy junk with DLE, ENQ and U+FFFD: kept as the server sent it (saved, copied),
    shown as control pictures, and the layout below it (the stats line) intact."""
    tab.set_targets([vision.profile])
    raw = raw_answer(vision, JUNK_PROMPT, 120)
    assert controls(raw) and "\ufffd" in raw, f"the model's greedy answer changed: {raw!r}"
    set_options(qtbot, tab, temperature="0", max_tokens="120")
    ask_in_tab(qtbot, tab, JUNK_PROMPT)
    assert tab.banner_text() == "", tab.banner_text()
    kept = tab.conversation_data()[-1]["content"]
    assert kept == raw  # the server's own text, for saving and copying
    shown = tab.conversation_text()
    assert controls(shown) == []
    assert "\u2410" in shown and "\ufffd" in shown  # ␐ for DLE; U+FFFD as it came
    assert shown.rstrip().splitlines()[-1].endswith("out")  # "… tokens in, N out"
    # Right-to-left and zero-width text, an unclosed RLO among it: that paragraph reads
    # right to left, and no other turns with it.
    ask_in_tab(qtbot, tab, RTL_PROMPT)
    ask_in_tab(qtbot, tab, "hi")
    assert tab.conversation_text().count("tokens/s") == 3
    blocks = text_blocks(tab)
    assert (RTL_PROMPT, Qt.LayoutDirection.RightToLeft) in blocks
    fixed = [(t, d) for t, d in blocks if t in ("You", VISION_NAME) or "tokens/s" in t]
    assert len(fixed) == 9
    assert all(d is Qt.LayoutDirection.LeftToRight for _, d in fixed), fixed


RTL_PROMPT = "\u05e9\u05dc\u05d5\u05dd \u202eevil\u200b \u0645\u0631\u062d\u0628\u0627"


def text_blocks(tab: ChatTab) -> list[tuple[str, Qt.LayoutDirection]]:
    """Each paragraph of the conversation with the direction it is laid out in."""
    out = []
    block = tab.view.document().begin()
    while block.isValid():
        out.append((block.text(), block.textDirection()))
        block = block.next()
    return out


# -- vision from the command line ----------------------------------------------------------


def save_profiles(*servers: ServerProcess) -> None:
    ConfigStore().save(Config(profiles=[s.profile for s in servers]))


def test_ask_file_urls_under_and_outside_the_allowed_folder(
    vision: ServerProcess, media: Path, tmp_path: Path
) -> None:
    save_profiles(vision)
    inside = png(media / "inside.png", (10, 200, 10))
    outside = png(tmp_path / "outside.png", (10, 10, 10))

    log_caught_up(vision)
    before = requests_to(vision, "/v1/chat/completions")
    answered = panel("ask", "--profile", VISION_NAME, "--image", inside.as_uri(),
                     "--max-tokens", "16", "describe")  # fmt: skip
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.strip() and "tokens/s" in answered.stderr

    refused = panel("ask", "--profile", VISION_NAME, "--image", outside.as_uri(), "describe")
    assert refused.returncode == 1 and refused.stdout == ""
    [line] = refused.stderr.splitlines()
    assert line.startswith("inference-panel: " + outside.as_uri() + " is outside the folder")
    assert f"--allowed-local-media-path {media.resolve()}" in line
    assert "without file://" in line  # and what to do instead

    # The same picture by its path goes inline, and answers.
    inline = panel("ask", "--profile", VISION_NAME, "--image", str(outside),
                   "--max-tokens", "16", "describe")  # fmt: skip
    assert inline.returncode == 0, inline.stderr
    log_caught_up(vision)
    # The first ask and the inline one: the refused ask sent nothing.
    assert requests_to(vision, "/v1/chat/completions") == before + 2


def test_ask_shows_vllms_own_refusals_clearly(
    vision: ServerProcess, media: Path, tmp_path: Path
) -> None:
    """Without a profile the panel cannot know the folder: vLLM's 400 (which hides both
    paths) is said in words that tell what to do."""
    url = vision.profile.base_url
    outside = png(tmp_path / "elsewhere.png", (90, 90, 90))
    done = panel("ask", "--url", url, "--image", outside.as_uri(), "describe")
    assert done.returncode == 1 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith("inference-panel: the server answered 400: the image is outside")
    assert "--allowed-local-media-path" in line and "without file://" in line

    inside = png(media / "one.png", (1, 2, 3))
    three = [a for _ in range(3) for a in ("--image", inside.as_uri())]
    done = panel("ask", "--url", url, *three, "describe")
    assert done.returncode == 1
    assert "At most 2 image(s) may be provided in one prompt" in done.stderr


def test_ask_never_writes_control_characters_to_the_terminal(vision: ServerProcess) -> None:
    """The answer holds ESC: on a terminal (a pty here) and in a pipe alike, every control
    character but newline arrives as \\xNN. The escaping is the whole difference."""
    raw = raw_answer(vision, ESC_PROMPT, 60)
    assert "\x1b" in raw, f"the model's greedy answer changed: {raw!r}"
    args = ["ask", "--url", vision.profile.base_url, "--temperature", "0", "--max-tokens", "60"]

    piped = panel(*args, ESC_PROMPT)
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == for_terminal(raw) + "\n"
    assert "\\x1b" in piped.stdout and controls(piped.stdout) == []

    main, side = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "panel", *args, ESC_PROMPT],
            cwd=ROOT, stdout=side, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(side)
        side = -1
        seen = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        assert proc.wait(60) == 0
    finally:
        os.close(main)
        if side != -1:
            os.close(side)
    on_tty = seen.decode("utf-8").replace("\r\n", "\n")  # the terminal's own newline mapping
    assert on_tty == piped.stdout and b"\x1b" not in seen


# -- speech in the Transcription tab -------------------------------------------------------


def choose(qtbot: Any, combo: Any, data: str) -> None:
    """Pick an item the way a keyboard user does: focus, arrow keys."""
    combo.setFocus()
    while combo.currentData() != data and combo.currentText() != data:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"no {data!r} in {combo}"


def test_transcription_tab_sends_zh_and_a_token_cap_to_vllm(
    qtbot: Any, whisper: ServerProcess, tmp_path: Path
) -> None:
    """A WAV dropped and a recording from the (virtual) microphone, language 中文 (zh), as
    verbose_json and json: vLLM answers junk ("namename…", empty segments past the end of
    the audio); the cards show it within the list, and the cap bounds it."""
    sd = FakeSounddevice(sine(1.5), pace=0.04)  # held 0.6 s: longer than a slip
    tab = make_tab(qtbot, tmp_path, sd, [whisper.profile])
    choose(qtbot, tab.language, "zh")

    hold(qtbot, tab, sd, key=True)  # verbose_json, the tab's default
    qtbot.waitUntil(lambda: not tab.is_busy(), timeout=60_000)
    assert tab.banner_text() == "", tab.banner_text()
    [card] = tab.results()
    entry = tab.history.entry(card.entry_id)
    assert entry is not None and entry.error is None
    assert entry.language == "zh" and "zh" in card.meta.text()
    assert 0 < len(entry.segments) <= WHISPER_MAX_TOKENS  # 437 without the cap

    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(tab.curl_button, Qt.MouseButton.LeftButton)
    curl = QGuiApplication.clipboard().text()
    assert "/v1/audio/transcriptions" in curl and "-F model=whisper" in curl
    assert "-F language=zh" in curl and f"-F max_completion_tokens={WHISPER_MAX_TOKENS}" in curl

    choose(qtbot, tab.response_format, "json")
    wav = tmp_path / "会议.wav"
    soundfile.write(wav, sine(2.0, 300.0), 16000, subtype="PCM_16")
    drop(tab, wav)
    qtbot.waitUntil(lambda: len(tab.results()) == 2 and not tab.is_busy(), timeout=60_000)
    assert tab.banner_text() in ("", "Copied a curl command for the last request.")
    newest = tab.results()[0]
    entry = tab.history.entry(newest.entry_id)
    assert entry is not None and entry.source == "会议.wav"
    assert entry.text and len(entry.text) < 448 * 4  # one long junk word, capped
    assert newest.text.text() == display_text(entry.text)
    # The unbroken junk word wraps or clips inside its card: nothing scrolls sideways and
    # the card's own buttons stay in reach.
    tab.show()
    qtbot.waitExposed(tab)
    QApplication.processEvents()
    assert not tab.history.horizontalScrollBar().isVisible()
    viewport = tab.history.viewport().rect()
    where = newest.more_button.mapTo(tab.history.viewport(), QPoint(0, 0))
    assert viewport.contains(QRect(where, newest.more_button.size())), (where, viewport)
    tab.shutdown()


# -- speech from the command line ----------------------------------------------------------


def test_transcribe_command_with_language_zh(whisper: ServerProcess, tmp_path: Path) -> None:
    save_profiles(whisper)
    wav = tmp_path / "speech.wav"
    noise = np.random.default_rng(7).normal(0, 0.2, 32000).astype(np.float32)
    soundfile.write(wav, noise, 16000, subtype="PCM_16")

    done = panel("transcribe", "--profile", SPEECH_NAME, "--language", "zh",
                 "--format", "json", str(wav))  # fmt: skip
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["language"] == "zh" and body["duration"] == pytest.approx(2.0)
    assert 0 < len(body["segments"]) <= WHISPER_MAX_TOKENS
    assert controls(done.stdout.replace("\n", "")) == []
    assert "(openai)" in done.stderr and "RTF" in done.stderr

    # By address alone: the route is found, the served name asked of /v1/models.
    text = panel("transcribe", "--url", whisper.profile.base_url, "--language", "zh", str(wav))
    assert text.returncode == 0, text.stderr
    assert text.stdout.strip() and controls(text.stdout) == []
    assert len(text.stdout) < 448 * 4


# -- the pieces, without a server ----------------------------------------------------------


def test_server_text_is_escaped_for_terminals_and_pictured_for_the_window() -> None:
    junk = "a\x1b[31mred\x07\r\nnext\rover\x9b2J\x7f\ufffd\u202eevil\u200b\tend\n"
    term = for_terminal(junk)
    assert term == ("a\\x1b[31mred\\x07\nnext\\x0dover\\x9b2J\\x7f\ufffd\u202eevil\u200b\tend\n")
    assert controls(term) == []
    assert for_display("bell\x07 del\x7f c1\x85 tab\tline\n") == "bell␇ del␡ c1\ufffd tab\tline\n"
    data = {"text": "x\x1b\x9by", "n": 1}
    dumped = json_for_terminal(data)
    assert json.loads(dumped) == data and controls(dumped.replace("\n", "")) == []
    assert display_text("第一\x10\n second\x1b") == "第一␐ second␛"


def test_file_urls_are_checked_against_the_profiles_folder(tmp_path: Path) -> None:
    media = tmp_path / "models"
    media.mkdir()
    local = ServerProfile(
        "vl", Engine.VLLM, args=["--allowed-local-media-path", str(media)], role=Role.VISION
    )
    inside = file_url_image(local, (media / "a b.png").as_uri())
    assert inside.transport is ImageTransport.FILE_URL and inside.source == str(media / "a b.png")
    for escape in (f"file://{media}/../x.png", (tmp_path / "x.png").as_uri()):
        with pytest.raises(MediaPathError, match=f"--allowed-local-media-path {media}"):
            file_url_image(local, escape)
    boxed = ServerProfile(
        "vl", Engine.VLLM, args=["--allowed-local-media-path", "/models"],
        container=ContainerSpec(mounts=[f"{media}:/models"]),
    )  # fmt: skip
    assert file_url_image(boxed, "file:///models/a.png").source == "/models/a.png"
    with pytest.raises(MediaPathError, match="/models"):
        file_url_image(boxed, "file:///models/../etc/a.png")
    with pytest.raises(MediaPathError, match="reads no local files"):
        file_url_image(ServerProfile("plain", Engine.VLLM), "file:///models/a.png")
    passed = file_url_image(None, "file:///anywhere.png")  # --url: the server decides
    assert passed.transport is ImageTransport.URL and passed.source == "file:///anywhere.png"
    said = classified(
        "The file path <path> must be a subpath of `--allowed-local-media-path <path>`.",
        status=400,
    )
    assert "outside the folder" in str(said) and said.status == 400
