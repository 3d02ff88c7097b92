"""The chat tab against the real llama-server (tiny scripted model, with and without a
multimodal projector), plus the states that need no server."""

from __future__ import annotations

import os
from contextlib import ExitStack

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget

from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.ui.chat.tab import ChatTab
from tests.conftest import EngineKit, llama_profile, running

SCRIPT = "Hello from a tiny model."


def make_png(path: Path, colour: str = "#e53935") -> Path:
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path


def drop_files(widget: QWidget, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    drop_mime(widget, mime)


def drop_mime(widget: QWidget, mime: QMimeData) -> None:
    pos = widget.rect().center()
    action, button, mods = (
        Qt.DropAction.CopyAction,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(pos, action, mime, button, mods)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(widget, QDropEvent(pos, action, mime, button, mods))


def llama(engines: EngineKit, name: str, model: str, *args: str) -> ServerProfile:
    return llama_profile(
        engines, model, name=name, args=["-t", "2", *args],
        role=Role.VISION if "--mmproj" in args else Role.CHAT,
    )  # fmt: skip


@pytest.fixture(scope="module")
def servers(engines: EngineKit) -> Iterator[dict[str, ServerProfile]]:
    """Three real servers for the module: with a projector, without one, and SmolLM2."""
    profiles = {
        "vision": llama(
            engines,
            "tiny vision",
            "tiny-llama.gguf",
            "-c",
            "512",
            "--mmproj",
            engines.model("tiny-mmproj.gguf"),
        ),
        "text": llama(engines, "tiny text", "tiny-llama.gguf", "-c", "512"),
        "smol": llama(engines, "smol", "SmolLM2-135M-Instruct.Q4_1.gguf", "-c", "2048"),
    }
    with ExitStack() as stack:
        for profile in profiles.values():
            stack.enter_context(running(profile))
        yield profiles


def test_no_ready_server_is_a_clear_state(tab: ChatTab) -> None:
    tab.set_targets([])
    assert "No chat server is ready: start one in the list" in tab.vision_label.text()
    assert not tab.send_button.isEnabled()
    assert tab.target_combo.count() == 0
    tab.send()  # does nothing, raises nothing
    assert tab.conversation_text() == ""


def test_transcription_servers_are_not_targets(tab: ChatTab) -> None:
    whisper = ServerProfile("whisper", Engine.WHISPER_CPP, role=Role.TRANSCRIPTION)
    tab.set_targets([whisper])
    assert tab.target_combo.count() == 0 and not tab.send_button.isEnabled()


def test_vllm_target_accepts_images_by_role(tab: ChatTab) -> None:
    vl = ServerProfile("qwen vl", Engine.VLLM, model="Qwen/Qwen2.5-VL-3B", role=Role.VISION)
    text = ServerProfile("qwen", Engine.VLLM, model="Qwen/Qwen2.5-3B", port=8001)
    tab.set_targets([vl, text])
    assert tab.vision()[0] is True and tab.send_button.isEnabled()
    assert [tab.target_combo.itemText(i) for i in range(2)] == ["qwen vl", "qwen (text only)"]
    tab.target_combo.setCurrentIndex(1)
    assert tab.vision()[0] is False
    assert "make it a vision profile" in tab.vision_label.text()
    tab.set_targets([text, vl])  # the choice survives a reorder
    assert tab.current_target() == text


@pytest.mark.parametrize(
    ("content", "words"),
    [(b"", "empty"), (b"this is not a picture", "not an image"), (None, "corrupt")],
)
def test_bad_image_drop_shows_a_clear_message(
    qtbot,  # type: ignore[no-untyped-def]
    tab: ChatTab,
    tmp_path: Path,
    content: bytes | None,
    words: str,
) -> None:
    path = tmp_path / "broken.png"
    if content is None:  # a real PNG cut short
        whole = make_png(tmp_path / "whole.png").read_bytes()
        content = whole[: whole.index(b"IDAT") + 10]
    path.write_bytes(content)
    drop_files(tab.strip, path)
    qtbot.waitUntil(lambda: tab.banner_text() != "" and tab.pending_images() == 0)
    message = tab.banner_text()
    assert words in message.lower() and "broken.png" in message
    assert "Traceback" not in message
    assert tab.attachments() == []


@pytest.mark.engines
def test_image_and_cjk_prompt_stream_an_answer(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, servers: dict[str, ServerProfile], tmp_path: Path
) -> None:
    tab.set_targets([servers["vision"]])
    qtbot.waitUntil(lambda: tab.vision()[0] is True, timeout=15000)
    drop_files(tab.strip, make_png(tmp_path / "red.png"))
    qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10000)
    tab.prompt.setPlainText("解释图像")
    with qtbot.waitSignal(tab.answer_finished, timeout=60000):
        tab.send_button.click()
    assert SCRIPT in tab.conversation_text()
    assert "解释图像" in tab.conversation_text()
    assert tab.deltas_received > 1
    request = tab.last_request()
    assert request is not None
    parts = request["messages"][-1]["content"]
    assert any(
        p["type"] == "image_url" and p["image_url"]["url"].startswith("data:image/") for p in parts
    )
    assert {"type": "text", "text": "解释图像"} in parts
    # Sent: the composer is empty again, the tokens are counted.
    assert tab.prompt.toPlainText() == "" and tab.attachments() == []
    assert "tokens/s" in tab.conversation_text()
    assert tab.send_button.isEnabled() and not tab.stop_button.isEnabled()
    if shot := os.environ.get("PANEL_CHAT_SCREENSHOT"):
        tab.prompt.setPlainText("解释图像")
        drop_files(tab.strip, make_png(tmp_path / "green.png", "#43a047"))
        qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10000)
        tab.grab().save(shot)
        tab.remove_image(0)

    tab.copy_as_curl()
    command = QGuiApplication.clipboard().text()
    assert command.startswith("curl") and "/v1/chat/completions" in command

    saved = tmp_path / "chat.json"
    tab.save_conversation(saved)
    messages = json.loads(saved.read_text(encoding="utf-8"))["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant"]
    assert messages[1]["content"] == SCRIPT

    tab.new_chat()
    assert tab.conversation_text() == "" and tab.last_request() is None


@pytest.mark.engines
def test_stop_keeps_the_partial_answer(
    qtbot, tab: ChatTab, servers: dict[str, ServerProfile]
) -> None:  # type: ignore[no-untyped-def]
    tab.set_targets([servers["smol"]])
    tab.max_tokens.setValue(1500)
    tab.prompt.setPlainText("Write a very long story about a cat who travels the world.")
    tab.send_button.click()
    assert tab.is_streaming() and not tab.send_button.isEnabled()
    qtbot.waitUntil(lambda: tab.deltas_received >= 3, timeout=30000)
    with qtbot.waitSignal(tab.answer_finished, timeout=30000):
        tab.stop_button.click()
    assert tab.send_button.isEnabled() and not tab.is_streaming()
    assert "Stopped" in tab.conversation_text()
    assert tab.banner_text() == ""
    data = tab.conversation_data()
    assert data[-1]["content"].strip()  # the partial text is kept


@pytest.mark.engines
def test_image_to_a_server_without_mmproj_explains_and_keeps_the_draft(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, servers: dict[str, ServerProfile], tmp_path: Path
) -> None:
    tab.set_targets([servers["text"]])
    qtbot.waitUntil(lambda: tab.vision()[0] is False, timeout=15000)
    assert "--mmproj" in tab.vision_label.text()
    drop_files(tab.strip, make_png(tmp_path / "blue.png", "#1e88e5"))
    qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10000)
    tab.prompt.setPlainText("What is unusual here?")
    tab.send_button.click()
    assert not tab.is_streaming()  # warned first
    assert "--mmproj" in tab.banner_text()
    assert tab.banner_action.isVisible()
    with qtbot.waitSignal(tab.answer_finished, timeout=60000):
        tab.banner_action.click()  # "Send anyway": the server refuses
    assert "mmproj" in tab.banner_text(), tab.banner_text()
    assert tab.prompt.toPlainText() == "What is unusual here?"
    assert len(tab.attachments()) == 1
    assert tab.conversation_text() == ""


def test_answers_render_markdown_and_fold_the_reasoning(qtbot) -> None:  # type: ignore[no-untyped-def]
    from panel.core.chat.payload import ChatMessage
    from panel.ui.chat.conversation import ConversationView, Turn

    view = ConversationView()
    qtbot.addWidget(view)
    turn = Turn(ChatMessage("user", "hi", []), [], answer="**bold** and `code`")
    turn.reasoning = "first I think about it"
    view.turns.append(turn)
    view.refresh()
    text = view.toPlainText()
    assert "bold and code" in text and "**" not in text
    assert "Thinking" in text and "first I think" not in text
    view.anchorClicked.emit(QUrl("think:0"))
    assert "first I think about it" in view.toPlainText()


def test_remove_button_drops_the_image(qtbot, tab: ChatTab, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QToolButton

    drop_files(tab.strip, make_png(tmp_path / "a.png"), make_png(tmp_path / "b.png", "#000"))
    qtbot.waitUntil(lambda: len(tab.attachments()) == 2)
    qtbot.waitUntil(lambda: tab.strip.findChild(QToolButton, "RemoveImage1") is not None)
    button = tab.strip.findChild(QToolButton, "RemoveImage1")
    assert isinstance(button, QToolButton)
    button.click()
    assert [a.label for a in tab.attachments()] == ["a.png"]


def test_enter_sends_and_shift_enter_breaks_the_line(qtbot, tab: ChatTab) -> None:  # type: ignore[no-untyped-def]
    tab.prompt.clear()
    qtbot.keyClicks(tab.prompt, "one")
    qtbot.keyClick(tab.prompt, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(tab.prompt, "two")
    assert tab.prompt.toPlainText() == "one\ntwo"
    with qtbot.waitSignal(tab.prompt.submitted, timeout=1000):
        qtbot.keyClick(tab.prompt, Qt.Key.Key_Return)
    assert tab.prompt.toPlainText() == "one\ntwo"  # no server: nothing sent, nothing lost


def test_presets_fill_the_prompt(qtbot, tab: ChatTab) -> None:  # type: ignore[no-untyped-def]
    assert tab.prompt.toPlainText() == "Explain this image"
    tab.presets.setFocus()
    while tab.presets.currentText() != "解释图像":
        with qtbot.waitSignal(tab.presets.activated, timeout=1000):
            qtbot.keyClick(tab.presets, Qt.Key.Key_Down)
    assert tab.prompt.toPlainText() == "解释图像"


def test_presets_are_editable_and_remembered(qtbot) -> None:  # type: ignore[no-untyped-def]
    tab = ChatTab()
    qtbot.addWidget(tab)
    bar = tab.options_bar
    assert "解释图像" in bar.preset_texts()
    tab.prompt.setPlainText("数一数图里有几只猫")  # typed through an input method
    qtbot.mouseClick(bar.save_preset_button, Qt.MouseButton.LeftButton)
    assert bar.preset_texts()[-1] == "数一数图里有几只猫"
    assert tab.presets.currentText() == "数一数图里有几只猫"
    tab.presets.setCurrentIndex(0)
    removed = bar.preset_texts()[0]
    qtbot.mouseClick(bar.remove_preset_button, Qt.MouseButton.LeftButton)
    again = ChatTab()
    qtbot.addWidget(again)
    texts = again.options_bar.preset_texts()
    assert texts[-1] == "数一数图里有几只猫" and removed not in texts
    tab.shutdown()
    again.shutdown()
