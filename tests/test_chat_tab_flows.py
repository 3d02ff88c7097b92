"""The chat tab driven as a user does, against OpenAI-style servers on 127.0.0.1 (one that
reads images, one that reads text only): marking text-only servers, the way out when an
image conversation meets one, image links, Stop, and the bounded Copy-as-curl files."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from platformdirs import user_cache_dir
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QToolButton

from panel.core.chat.curl_export import MAX_REQUEST_FILES
from panel.ui.chat.tab import ChatTab
from tests.fakes.fake_chat_server import ANSWER, FakeChatServer, has_images
from tests.test_chat_tab import drop_files, drop_mime, make_png


@pytest.fixture
def eyes() -> Iterator[FakeChatServer]:
    with FakeChatServer("eyes", vision=True) as server:
        yield server


@pytest.fixture
def plain() -> Iterator[FakeChatServer]:
    with FakeChatServer("plain", vision=False) as server:
        yield server


def noisy_png(path: Path, side: int = 200) -> Path:
    """A picture that does not compress: its request is too big to put on a command line."""
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path, "PNG")
    return path


def banner_button(tab: ChatTab, label: str) -> QPushButton:
    button = tab.banner.button(label)
    assert button is not None, f"no {label!r} button in the banner: {tab.banner_text()!r}"
    assert button.isVisible()
    return button


def click(qtbot: Any, widget: Any) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def ask_with_an_image(qtbot: Any, tab: ChatTab, tmp_path: Path, text: str = "What is it?") -> None:
    """Attach a picture, type a question, press Enter, wait for the answer."""
    drop_files(tab.strip, make_png(tmp_path / "red.png"))
    qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10_000)
    tab.prompt.clear()
    qtbot.keyClicks(tab.prompt, text)
    with qtbot.waitSignal(tab.answer_finished, timeout=15_000):
        qtbot.keyClick(tab.prompt, Qt.Key.Key_Return)
    assert ANSWER in tab.conversation_text()


def pick_next_server(qtbot: Any, tab: ChatTab) -> None:
    tab.target_combo.setFocus()
    qtbot.keyClick(tab.target_combo, Qt.Key.Key_Down)


# -- the server box ------------------------------------------------------------------------


def test_text_only_servers_are_marked_in_the_box(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, eyes: FakeChatServer, plain: FakeChatServer
) -> None:
    tab.set_targets([eyes.profile, plain.profile])
    qtbot.waitUntil(lambda: tab.target_combo.itemText(1) == "plain (text only)", timeout=10_000)
    qtbot.waitUntil(lambda: tab.vision()[0] is True, timeout=10_000)
    assert tab.target_combo.itemText(0) == "eyes" and "Accepts images" in tab.vision_label.text()
    assert "multimodal projector" in str(tab.target_combo.itemData(1, Qt.ItemDataRole.ToolTipRole))
    pick_next_server(qtbot, tab)
    assert tab.current_target() == plain.profile
    assert tab.vision()[0] is False and "--mmproj" in tab.vision_label.text()


def test_a_server_that_comes_back_is_asked_again(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, plain: FakeChatServer
) -> None:
    tab.set_targets([plain.profile])
    qtbot.waitUntil(lambda: tab.vision()[0] is False, timeout=10_000)
    tab.set_targets([])  # it stopped...
    assert tab.target_combo.count() == 0 and not tab.send_button.isEnabled()
    plain.vision = True  # ...and was restarted with a projector
    tab.set_targets([plain.profile])
    qtbot.waitUntil(lambda: tab.vision()[0] is True, timeout=10_000)
    assert tab.target_combo.itemText(0) == "plain"


# -- an image conversation meets a text-only server -----------------------------------------


@pytest.fixture
def image_conversation_on_text_only(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, eyes: FakeChatServer, plain: FakeChatServer, tmp_path: Path
) -> ChatTab:
    """A question with a picture answered by ``eyes``; then the user picks ``plain``."""
    tab.set_targets([eyes.profile, plain.profile])
    qtbot.waitUntil(lambda: "(text only)" in tab.target_combo.itemText(1), timeout=10_000)
    ask_with_an_image(qtbot, tab, tmp_path)
    assert has_images(eyes.requests[-1])
    pick_next_server(qtbot, tab)
    assert tab.current_target() == plain.profile
    assert "plain reads text only, and this conversation has images" in tab.banner_text()
    return tab


def test_new_chat_from_the_banner_starts_over_on_the_text_only_server(  # type: ignore[no-untyped-def]
    qtbot, image_conversation_on_text_only: ChatTab, plain: FakeChatServer
) -> None:
    tab = image_conversation_on_text_only
    assert banner_button(tab, "Remove the images").isVisible()
    click(qtbot, banner_button(tab, "New chat"))
    assert tab.conversation_text() == "" and tab.banner_text() == ""
    qtbot.keyClicks(tab.prompt, "Hello?")
    with qtbot.waitSignal(tab.answer_finished, timeout=15_000):
        click(qtbot, tab.send_button)
    assert ANSWER in tab.conversation_text() and tab.banner_text() == ""
    assert len(plain.requests) == 1 and not has_images(plain.requests[0])


def test_remove_the_images_keeps_the_text_and_goes_on(  # type: ignore[no-untyped-def]
    qtbot, image_conversation_on_text_only: ChatTab, plain: FakeChatServer
) -> None:
    tab = image_conversation_on_text_only
    # Sending first is refused with the same way out, before anything reaches the server.
    qtbot.keyClicks(tab.prompt, "And in words?")
    click(qtbot, tab.send_button)
    assert not tab.is_streaming() and plain.requests == []
    click(qtbot, banner_button(tab, "Remove the images"))
    assert "(1 image(s) removed)" in tab.conversation_text()
    assert "What is it?" in tab.conversation_text() and "Removed 1 image(s)" in tab.banner_text()
    with qtbot.waitSignal(tab.answer_finished, timeout=15_000):
        qtbot.keyClick(tab.prompt, Qt.Key.Key_Return)
    request = plain.requests[-1]
    assert not has_images(request)
    assert [m["content"].strip() for m in request["messages"]] == [
        "What is it?",
        ANSWER,
        "And in words?",
    ]
    assert tab.conversation_data()[0]["images"] == []


def test_the_servers_refusal_offers_to_remove_the_images(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, plain: FakeChatServer, tmp_path: Path
) -> None:
    tab.set_targets([plain.profile])
    qtbot.waitUntil(lambda: tab.vision()[0] is False, timeout=10_000)
    drop_files(tab.strip, make_png(tmp_path / "blue.png", "#1e88e5"))
    qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10_000)
    click(qtbot, tab.send_button)
    assert "does not accept images" in tab.banner_text()
    with qtbot.waitSignal(tab.answer_finished, timeout=15_000):
        click(qtbot, banner_button(tab, "Send anyway"))
    assert "cannot read images" in tab.banner_text() and "--mmproj FILE" in tab.banner_text()
    assert "<nobr><code>--mmproj&nbsp;FILE</code></nobr>" in tab.banner.label.text()
    assert tab.banner.button("New chat") is None  # nothing in the conversation to drop
    click(qtbot, banner_button(tab, "Remove the images"))
    assert tab.attachments() == [] and tab.prompt.toPlainText() != ""
    with qtbot.waitSignal(tab.answer_finished, timeout=15_000):
        click(qtbot, tab.send_button)
    assert ANSWER in tab.conversation_text()


def test_the_mmproj_hint_keeps_the_flag_whole_and_short_at_1024_px(  # type: ignore[no-untyped-def]
    qtbot, make_window, plain: FakeChatServer
) -> None:
    window = make_window([plain.attached_profile])
    window.resize(1024, 700)
    window.hub.watch_attached(window.config.profiles)  # probe now, not in 5 s
    bar = window.tabs.tabBar()
    index = window.tabs.indexOf(window.chat_tab)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    tab = window.chat_tab
    qtbot.waitUntil(lambda: tab.vision()[0] is False, timeout=15_000)
    label = tab.vision_label
    qtbot.waitUntil(lambda: label.isVisible() and label.width() > 0)
    assert "<nobr><code>--mmproj&nbsp;FILE</code></nobr>" in label.text()
    assert "without a multimodal projector" in label.toolTip()  # the whole story on hover
    lines = label.heightForWidth(label.width()) / label.fontMetrics().lineSpacing()
    assert lines <= 2.2, f"{lines:.1f} lines at {label.width()} px: {label.text()!r}"


# -- images from links ----------------------------------------------------------------------


def test_a_dropped_image_link_is_downloaded(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, eyes: FakeChatServer, tmp_path: Path
) -> None:
    eyes.files["/pictures/red.png"] = make_png(tmp_path / "red.png").read_bytes()
    mime = QMimeData()
    mime.setText(f"http://127.0.0.1:{eyes.port}/pictures/red.png")
    drop_mime(tab.strip, mime)
    qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10_000)
    assert tab.attachments()[0].label == "red.png"
    mime = QMimeData()
    mime.setText(f"http://127.0.0.1:{eyes.port}/pictures/gone.png")
    drop_mime(tab.strip, mime)
    qtbot.waitUntil(lambda: tab.banner_text() != "" and tab.pending_images() == 0)
    assert tab.banner_text() == "Could not download gone.png: the server answered 404 Not Found"
    assert len(tab.attachments()) == 1


def test_a_pasted_image_is_attached_and_its_button_removes_it(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, tmp_path: Path
) -> None:
    mime = QMimeData()
    mime.setImageData(Image.open(make_png(tmp_path / "p.png")).toqimage())
    QGuiApplication.clipboard().setMimeData(mime)
    tab.prompt.setFocus()
    qtbot.keyClick(tab.prompt, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(tab.attachments()) == 1)
    assert tab.attachments()[0].image.data.startswith(b"\x89PNG")
    qtbot.waitUntil(lambda: tab.strip.findChild(QToolButton, "RemoveImage0") is not None)
    button = tab.strip.findChild(QToolButton, "RemoveImage0")
    assert isinstance(button, QToolButton)
    click(qtbot, button)
    assert tab.attachments() == []


# -- Stop and closing -----------------------------------------------------------------------


def test_stop_keeps_the_partial_answer(qtbot, tab: ChatTab) -> None:  # type: ignore[no-untyped-def]
    words = " ".join(f"word{n}" for n in range(200))
    with FakeChatServer("slow", vision=False, answer=words, pause=0.05) as slow:
        tab.set_targets([slow.profile])
        tab.prompt.clear()
        qtbot.keyClicks(tab.prompt, "Talk for a long time.")
        click(qtbot, tab.send_button)
        assert tab.is_streaming() and not tab.send_button.isEnabled()
        qtbot.waitUntil(lambda: tab.deltas_received >= 3, timeout=10_000)
        with qtbot.waitSignal(tab.answer_finished, timeout=10_000):
            click(qtbot, tab.stop_button)
    assert not tab.is_streaming() and tab.send_button.isEnabled()
    assert "Stopped" in tab.conversation_text() and "word2" in tab.conversation_text()
    assert "word199" not in tab.conversation_text() and tab.banner_text() == ""


def test_closing_the_tab_mid_answer_stops_the_stream(qtbot, tab: ChatTab) -> None:  # type: ignore[no-untyped-def]
    with FakeChatServer("slow", vision=False, answer="a " * 500, pause=0.05) as slow:
        tab.set_targets([slow.profile])
        click(qtbot, tab.send_button)
        qtbot.waitUntil(lambda: tab.deltas_received >= 1, timeout=10_000)
        tab.close()
        assert not tab.is_streaming()


# -- Copy as curl -----------------------------------------------------------------------------


def request_files() -> list[Path]:
    folder = Path(user_cache_dir("inference-panel")) / "curl-requests"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_copy_as_curl_keeps_its_request_files_bounded(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, eyes: FakeChatServer, tmp_path: Path
) -> None:
    tab.set_targets([eyes.profile])
    drop_files(tab.strip, noisy_png(tmp_path / "noise.png"))
    qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10_000)
    commands: list[str] = []
    for _ in range(MAX_REQUEST_FILES + 3):
        click(qtbot, tab.curl_button)
        commands.append(QGuiApplication.clipboard().text())
    assert len(set(commands)) == len(commands)  # each click wrote a request of its own
    files = request_files()
    assert len(files) == MAX_REQUEST_FILES
    newest = Path(shlex.split(commands[-1])[-1].removeprefix("@"))
    oldest = Path(shlex.split(commands[0])[-1].removeprefix("@"))
    assert newest in files and not oldest.exists()
    assert newest.parent.name == "curl-requests"
    assert "Copied a curl command" in tab.banner_text()

    again = ChatTab()  # the next start of the panel
    qtbot.addWidget(again)
    assert request_files() == []
    again.shutdown()


def test_a_small_request_is_copied_inline(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, eyes: FakeChatServer
) -> None:
    tab.set_targets([eyes.profile])
    tab.prompt.clear()
    qtbot.keyClicks(tab.prompt, "Just text")
    click(qtbot, tab.curl_button)
    words = shlex.split(QGuiApplication.clipboard().text())
    assert words[2] == f"http://127.0.0.1:{eyes.port}/v1/chat/completions"
    assert "Just text" in words[-1] and request_files() == []
