"""The chat view renders a streaming answer incrementally (issue 15): only the last
turn's answer changes while it streams, and what it ends with is exactly what a full
render of the streamed text shows. Driven as a user does, against a real SSE server on
127.0.0.1 (tests/fakes/fake_chat_server.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment

from panel.core.chat.markdown_blocks import last_safe_cut, piece
from panel.ui.chat.conversation import ConversationView
from panel.ui.chat.tab import ChatTab
from tests.fakes.fake_chat_server import FakeChatServer
from tests.test_chat_tab import drop_files, make_png

MARKDOWN = (
    "# A heading\n\nSome **bold** text, `code` and a [link](https://example.org).\n\n"
    "```python\ndef f(x):\n\n    return x * 2  # a blank line inside the block\n```\n\n"
    "- one\n- two 解释图像\n\n  still the second item\n\n"
    "1. first\n2. second 😀🚀👍🏽\n\n> quoted 中文 text\n\n"
    "~~~\nanother fence\n~~~\n\nThe end: emoji 🇫🇷 and CJK 日本語."
)


def streamed(answer: str) -> str:
    """What the fake server streams for ``answer``: each word followed by a space."""
    return "".join(word + " " for word in answer.split(" "))


def full_render(tab: ChatTab) -> ConversationView:
    """A fresh view of the same turns: its first render builds the whole document."""
    view = ConversationView()
    view.resize(tab.view.size())
    view.turns = list(tab.view.turns)
    view.refresh()
    return view


def images_in(view: ConversationView, end: int) -> int:
    doc = view.document()
    count = 0
    block = doc.begin()
    while block.isValid() and block.position() < end:
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                count += 1
            it += 1
        block = block.next()
    return count


def ask(qtbot: Any, tab: ChatTab, text: str) -> None:
    tab.prompt.clear()
    qtbot.keyClicks(tab.prompt, text)
    qtbot.keyClick(tab.prompt, Qt.Key.Key_Return)


def test_the_final_document_is_the_full_render_of_the_stream(qtbot, tab: ChatTab) -> None:  # type: ignore[no-untyped-def]
    with FakeChatServer("md", vision=True, answer=MARKDOWN, pause=0.01) as server:
        tab.set_targets([server.profile])
        qtbot.waitUntil(lambda: tab.vision()[0] is True, timeout=10_000)
        renders: list[str] = []
        tab.view.document().contentsChanged.connect(lambda: renders.append(""))
        with qtbot.waitSignal(tab.answer_finished, timeout=20_000):
            ask(qtbot, tab, "Show me some Markdown")
            # Shown while it streams, not only at the end.
            qtbot.waitUntil(lambda: "A heading" in tab.conversation_text(), timeout=10_000)
        assert not tab.is_streaming()
    answer = tab.conversation_data()[-1]["content"]
    assert answer == streamed(MARKDOWN)
    text = tab.conversation_text()
    assert QTextDocumentFragment.fromMarkdown(answer).toPlainText().strip() in text
    for expected in (
        "def f(x):",
        "return x * 2",
        "解释图像",
        "😀🚀👍🏽",
        "🇫🇷",
        "日本語",
        "another fence",
    ):
        assert expected in text
    expected = full_render(tab)
    assert text == expected.toPlainText()
    assert tab.view.toHtml() == expected.toHtml()
    assert len(renders) > 3  # it was rendered in several ticks


def test_earlier_turns_and_images_are_untouched_while_streaming(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, tmp_path: Path
) -> None:
    with FakeChatServer("eyes", vision=True, answer=MARKDOWN, pause=0.005) as server:
        tab.set_targets([server.profile])
        qtbot.waitUntil(lambda: tab.vision()[0] is True, timeout=10_000)
        drop_files(tab.strip, make_png(tmp_path / "red.png"))
        qtbot.waitUntil(lambda: len(tab.attachments()) == 1, timeout=10_000)
        with qtbot.waitSignal(tab.answer_finished, timeout=20_000):
            ask(qtbot, tab, "What is it?")
        server.answer = " ".join(["word"] * 150 + [MARKDOWN])
        doc = tab.view.document()
        changes: list[int] = []
        with qtbot.waitSignal(tab.answer_finished, timeout=20_000):
            ask(qtbot, tab, "And now a long one")
            # The new turn was laid out at once; from here on the answer streams in.
            before = tab.conversation_text()
            answer_at = before.rindex("…")
            images_before = images_in(tab.view, answer_at)
            doc.contentsChange.connect(lambda position, _removed, _added: changes.append(position))
    assert images_before == 1 and images_in(tab.view, answer_at) == 1
    assert len(changes) > 3
    # Only the last answer changed (its block starts one character before the "…").
    assert min(changes) >= answer_at - 1
    assert tab.conversation_text()[: answer_at - 1] == before[: answer_at - 1]
    assert tab.conversation_text() == full_render(tab).toPlainText()


def test_stop_mid_stream_keeps_the_partial_text(qtbot, tab: ChatTab) -> None:  # type: ignore[no-untyped-def]
    answer = " ".join(f"word{n}" for n in range(2000))
    with FakeChatServer("slow", vision=True, answer=answer, pause=0.01) as server:
        tab.set_targets([server.profile])
        qtbot.waitUntil(lambda: tab.vision()[0] is True, timeout=10_000)
        ask(qtbot, tab, "Go on forever")
        qtbot.waitUntil(lambda: "word20" in tab.conversation_text(), timeout=10_000)
        with qtbot.waitSignal(tab.answer_finished, timeout=10_000):
            qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    partial = tab.conversation_data()[-1]["content"]
    assert partial.startswith("word0 word1 ") and "word1999" not in partial
    text = tab.conversation_text()
    assert partial.strip() in text and "Stopped" in text
    assert text == full_render(tab).toPlainText()


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("one\n\ntwo\n\nthree", "three"),
        ("one\n\ntwo", "two"),
        ("one\n\n  tw", "one\n\n  tw"),  # an indented line may belong to the one above
        ("one\n\n```\na\n\nb\n```\n\nafter", "after"),
        ("one\n\n```py\na\n\nb", "```py\nb"),  # inside a code block, with its fence
        ("one\n\n````\n```\n\nx\n````\n\ny", "y"),  # a shorter run does not close it
        ("- item\n\n  more of the item\n\nz", "z"),  # nor is an indented line cut off
        ("- item\n\n  more of the item", "- item\n\n  more of the item"),
        ("x\n```\nc\n```\nafter", "after"),  # a closed block ends what it was in
        ("no cut at all", "no cut at all"),
    ],
)
def test_a_streaming_answer_is_cut_only_where_markdown_cannot_join(text: str, rest: str) -> None:
    cut = last_safe_cut(text)
    assert piece(text, cut) == rest
    assert last_safe_cut(text, cut) == cut
