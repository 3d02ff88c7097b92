"""The conversation of the chat tab: the turns, rendered with Markdown answers, inline
thumbnails and folded reasoning, and saved as Markdown or JSON."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFrameFormat,
    QTextImageFormat,
)
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTextBrowser, QWidget

from panel.core.chat.client import ChatResult
from panel.core.chat.markdown_blocks import Cut, last_safe_cut, piece
from panel.core.chat.payload import ChatMessage
from panel.core.net.server_text import for_display


@dataclass
class Turn:
    """One exchange: the user's message and the answer (while streaming: so far)."""

    user: ChatMessage
    thumbs: list[QImage]
    model: str = ""
    answer: str = ""
    reasoning: str = ""
    result: ChatResult | None = None
    note: str = ""
    show_reasoning: bool = False
    images: list[str] = field(default_factory=list)  # sources, for saving
    removed_images: int = 0  # taken out so a text-only server can go on


def _key(turn: Turn) -> tuple[object, ...]:
    """What a turn's rendering depends on; the first :data:`_TAIL` items are what comes
    before its answer, then the answer, and what else follows it."""
    return (
        id(turn),
        turn.user.text,
        len(turn.thumbs),
        turn.removed_images,
        turn.model,
        turn.answer,
        turn.reasoning,
        id(turn.result),
        turn.note,
        turn.show_reasoning,
    )


_TAIL = 5  # see _key


def _streaming(turn: Turn) -> bool:
    return turn.result is None and not turn.note


def _markdown(answer: str) -> QTextDocumentFragment:
    # A model's control characters show as control pictures, not as nothing.
    return QTextDocumentFragment.fromMarkdown(for_display(answer))


class ConversationView(QTextBrowser):
    """The turns so far. :meth:`refresh` shows them; the tab throttles it while streaming."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.turns: list[Turn] = []
        self.setObjectName("ChatConversation")
        self.setOpenLinks(False)
        self.setAcceptDrops(False)
        self.document().setDocumentMargin(10)
        # Streaming edits the document in place: an undo history would only grow.
        self.document().setUndoRedoEnabled(False)
        # What the document shows (see refresh): each turn's _key, the turns themselves
        # (so an id in a key is never a new turn's), and where the last turn's parts begin.
        self._shown: list[tuple[object, ...]] = []
        self._shown_turns: list[Turn] = []
        self._tail_pos = 0  # after the last assistant's name: reasoning, answer, stats
        self._live_pos = 0  # the part of a streaming answer rebuilt on each tick
        self._answer_done = Cut(0)  # how much of the streaming answer is rendered for good
        self.anchorClicked.connect(self._on_anchor)

    def image_count(self) -> int:
        """How many images the turns carry (every request sends them all again)."""
        return sum(len(turn.user.images) for turn in self.turns)

    def drop_images(self) -> int:
        """Take the images out of every turn, keeping the text; returns how many."""
        removed = 0
        for turn in self.turns:
            count = len(turn.user.images)
            removed += count
            turn.removed_images += count
            turn.user.images, turn.thumbs, turn.images = [], [], []
        self.refresh()
        return removed

    def refresh(self) -> None:
        """Show the turns. While only the last turn's answer or reasoning changes (an
        answer streaming in), only that part of the document is rebuilt; any other change
        (a turn added or removed, images dropped, reasoning folded) rebuilds it all."""
        bar = self.verticalScrollBar()
        at_bottom = bar.value() >= bar.maximum() - 4
        old = bar.value()
        if not self._update_last_turn():
            self.render_all()
        bar.setValue(bar.maximum() if at_bottom else old)

    def render_all(self) -> None:
        """Rebuild the whole document from the turns."""
        doc = self.document()
        doc.clear()
        cursor = QTextCursor(doc)
        for index, turn in enumerate(self.turns):
            self._insert_turn(cursor, index, turn)
        self._shown = [_key(turn) for turn in self.turns]
        self._shown_turns = list(self.turns)

    def _update_last_turn(self) -> bool:
        """Bring the document up to date by rebuilding only the last turn's answer part;
        False when the change is not one this can do."""
        turns = self.turns
        if not turns or len(turns) != len(self._shown) or self._shown_turns[-1] is not turns[-1]:
            return False
        if any(_key(t) != k for t, k in zip(turns[:-1], self._shown, strict=False)):
            return False
        last = turns[-1]
        key, was = _key(last), self._shown[-1]
        if key[:_TAIL] != was[:_TAIL]:
            return False
        if key == was:
            return True
        shown_answer = was[_TAIL]
        growing = (
            key[_TAIL + 1 :] == was[_TAIL + 1 :]
            and _streaming(last)
            and isinstance(shown_answer, str)
            and last.answer.startswith(shown_answer)
        )
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._live_pos if growing else self._tail_pos)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if growing:
            self._insert_answer(cursor, last)
        else:
            self._insert_tail(cursor, len(turns) - 1, last)
        self._shown[-1] = key
        return True

    def _insert_turn(self, cursor: QTextCursor, index: int, turn: Turn) -> None:
        doc = self.document()
        grey = QTextCharFormat()
        grey.setForeground(QColor("#8a8f98"))
        plain = QTextCharFormat()
        body_block = QTextBlockFormat()

        # The user's part sits in a tinted box, so the turns are easy to tell apart.
        box = QTextFrameFormat()
        box.setBackground(self.palette().color(QPalette.ColorRole.AlternateBase))
        box.setPadding(6)
        box.setTopMargin(0 if index == 0 else 14)
        box.setBottomMargin(6)
        frame = cursor.insertFrame(box)
        self._header(cursor, self.tr("You"), "#3f51b5")
        if turn.user.text:
            cursor.insertBlock(body_block, plain)
            cursor.insertText(turn.user.text, plain)
        if turn.thumbs:
            cursor.insertBlock(body_block, plain)
            for number, thumb in enumerate(turn.thumbs):
                name = f"chat-image://{index}/{number}"
                doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), thumb)
                image = QTextImageFormat()
                image.setName(name)
                image.setWidth(thumb.width())
                image.setHeight(thumb.height())
                cursor.insertImage(image)
                cursor.insertText("  ", plain)
        if turn.removed_images:
            cursor.insertBlock(body_block, grey)
            cursor.insertText(self.tr("({n} image(s) removed)").format(n=turn.removed_images), grey)
        cursor.setPosition(frame.lastPosition() + 1)
        self._header(cursor, turn.model or self.tr("Assistant"), "#1b7f3b")
        self._insert_tail(cursor, index, turn)

    @staticmethod
    def _header(cursor: QTextCursor, text: str, colour: str) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setForeground(QColor(colour))
        block = QTextBlockFormat()
        block.setTopMargin(0)
        cursor.setBlockFormat(block)
        cursor.insertText(text, fmt)

    def _insert_tail(self, cursor: QTextCursor, index: int, turn: Turn) -> None:
        """The part of a turn after the assistant's name: reasoning, answer, statistics.
        For the last turn, :meth:`_update_last_turn` rebuilds it from :attr:`_tail_pos`."""
        self._tail_pos = cursor.position()
        grey = QTextCharFormat()
        grey.setForeground(QColor("#8a8f98"))
        small = QTextCharFormat(grey)
        small.setFontPointSize(max(7.0, self.font().pointSizeF() * 0.85))
        body_block = QTextBlockFormat()
        if turn.reasoning:
            cursor.insertBlock(body_block, grey)
            link = QTextCharFormat(grey)
            link.setAnchor(True)
            link.setAnchorHref(f"think:{index}")
            arrow = "▾" if turn.show_reasoning else "▸"
            words = len(turn.reasoning.split())
            cursor.insertText(f"{arrow} " + self.tr("Thinking… ({n} words)").format(n=words), link)
            if turn.show_reasoning:
                italic = QTextCharFormat(grey)
                italic.setFontItalic(True)
                cursor.insertBlock(body_block, italic)
                cursor.insertText(for_display(turn.reasoning.strip()), italic)
        cursor.insertBlock(body_block, QTextCharFormat())
        self._live_pos = cursor.position()
        self._answer_done = Cut(0)
        if _streaming(turn):
            self._insert_answer(cursor, turn)
            return
        if turn.answer:
            # Finished: rendered whole, whatever pieces it was shown in while it streamed.
            cursor.insertFragment(_markdown(turn.answer))
        stats = self.stats_text(turn)
        if stats:
            cursor.insertBlock(body_block, small)
            cursor.insertText(stats, small)

    def _insert_answer(self, cursor: QTextCursor, turn: Turn) -> None:
        """The answer still streaming, at :attr:`_live_pos`: what lies before the last safe
        cut (:func:`last_safe_cut`) is rendered once and stays; only the rest is rebuilt
        on each tick, so a tick costs the same at the 4,000th token as at the 10th."""
        answer = turn.answer
        done = self._answer_done
        cut = last_safe_cut(answer, done)
        if cut.offset > done.offset:
            if done.offset:
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            cursor.insertFragment(_markdown(piece(answer, done, cut.offset)))
            self._answer_done = cut
            self._live_pos = cursor.position()
        if len(answer) > cut.offset:
            if cut.offset:
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            cursor.insertFragment(_markdown(piece(answer, cut)))
        elif not cut.offset:
            grey = QTextCharFormat()
            grey.setForeground(QColor("#8a8f98"))
            cursor.insertText("…", grey)

    def stats_text(self, turn: Turn) -> str:
        parts: list[str] = []
        if turn.note:
            parts.append(turn.note)
        result = turn.result
        if result is not None:
            if result.ttft is not None:
                parts.append(self.tr("first token {s:.2f} s").format(s=result.ttft))
            if result.tokens_per_second:
                parts.append(self.tr("{r:.1f} tokens/s").format(r=result.tokens_per_second))
            if result.prompt_tokens is not None or result.completion_tokens is not None:
                parts.append(
                    self.tr("{i} tokens in, {o} out").format(
                        i=result.prompt_tokens if result.prompt_tokens is not None else "?",
                        o=result.completion_tokens if result.completion_tokens is not None else "?",
                    )
                )
        return " · ".join(parts)

    @Slot(QUrl)
    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("think:"):
            index = int(text.partition(":")[2])
            if 0 <= index < len(self.turns):
                self.turns[index].show_reasoning = not self.turns[index].show_reasoning
                self.refresh()

    def data(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for turn in self.turns:
            out.append({"role": "user", "content": turn.user.text, "images": turn.images})
            answer: dict[str, Any] = {
                "role": "assistant",
                "content": turn.answer,
                "server": turn.model,
            }
            if turn.reasoning:
                answer["reasoning"] = turn.reasoning
            if turn.result is not None:
                r = turn.result
                answer["stats"] = {
                    "ttft_s": r.ttft,
                    "total_s": r.total,
                    "prompt_tokens": r.prompt_tokens,
                    "completion_tokens": r.completion_tokens,
                    "tokens_per_second": r.tokens_per_second,
                }
            out.append(answer)
        return out

    def save(self, path: Path) -> None:
        """Write the conversation as JSON (``.json``) or Markdown (anything else)."""
        data = self.data()
        if path.suffix.lower() == ".json":
            text = json.dumps({"messages": data}, ensure_ascii=False, indent=2) + "\n"
        else:
            chunks: list[str] = []
            for message in data:
                who = (
                    self.tr("You")
                    if message["role"] == "user"
                    else message.get("server") or "Assistant"
                )
                chunks.append(f"## {who}\n\n{message['content']}\n")
                chunks += [f"![image]({html.escape(src)})\n" for src in message.get("images", [])]
                if message.get("reasoning"):
                    quoted = "\n".join("> " + line for line in message["reasoning"].splitlines())
                    chunks.append(
                        f"<details><summary>Thinking</summary>\n\n{quoted}\n\n</details>\n"
                    )
            text = "\n".join(chunks)
        path.write_text(text, encoding="utf-8")


def ask_save_path(parent: QWidget) -> Path | None:
    """Where to save the conversation, from a save dialog; None when cancelled. The strings
    are the chat tab's (``parent``), in its "ChatTab" context."""
    name, chosen = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ChatTab", "Save conversation"),
        "conversation.md",
        QCoreApplication.translate("ChatTab", "Markdown (*.md);;JSON (*.json)"),
    )
    if not name:
        return None
    path = Path(name)
    if not path.suffix:
        # The dialog confirmed the name without a suffix, not this one: ask ourselves.
        path = path.with_suffix(".json" if "json" in chosen.lower() else ".md")
        if (
            path.exists()
            and QMessageBox.question(
                parent,
                QCoreApplication.translate("ChatTab", "Replace file?"),
                QCoreApplication.translate("ChatTab", "{name} exists. Replace it?").format(
                    name=path.name
                ),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return None
    return path
