"""One streamed answer at a time, run off the GUI thread.

The call runs through :class:`panel.ui.workers.OffThread` on a pool of its own (so closing
the tab waits for this stream and nothing else), the pieces of the answer come back
through :class:`panel.ui.workers.ToGui`, and Stop sets a :data:`panel.ui.workers.Cancel`
that makes the core cut the socket.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from panel.core.chat.client import ChatError, ChatResult, stream_answer
from panel.ui.workers import Cancel, OffThread, ToGui

SHUTDOWN_WAIT_MS = 30_000  # Stop cuts the socket at once; this only bounds a wedged worker


class AnswerStream(QObject):
    """:meth:`start` an answer; :attr:`delta` for each piece, then :attr:`done` once."""

    delta = Signal(str, str)  # text, reasoning
    done = Signal(object)  # ChatResult, or ChatError (also for Stop: kind "cancelled")

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._cancel: Cancel | None = None
        self._id = 0  # what an earlier, abandoned stream still sends is dropped

    def is_running(self) -> bool:
        return self._cancel is not None

    def start(self, base_url: str, api_key: str | None, request: dict[str, Any]) -> None:
        if self._cancel is not None:
            raise RuntimeError("an answer is already streaming")
        self._id += 1
        stream_id = self._id
        cancel = Cancel()
        self._cancel = cancel
        deltas = ToGui(lambda text, reasoning: self._on_delta(stream_id, text, reasoning), self)
        # Deltas and the outcome are queued to the GUI thread in the order the worker sent
        # them: every delta is handled before the outcome.
        OffThread(
            lambda: stream_answer(
                base_url, api_key, request, lambda d: deltas(d.text, d.reasoning), cancel
            ),
            lambda outcome: self._on_done(stream_id, deltas, outcome),
            self,
            pool=self._pool,
        )

    def stop(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def shutdown(self) -> None:
        """Stop, and wait for the worker; nothing more is emitted."""
        self.stop()
        self._pool.waitForDone(SHUTDOWN_WAIT_MS)
        self._cancel = None
        self._id += 1

    def _on_delta(self, stream_id: int, text: str, reasoning: str) -> None:
        if stream_id == self._id:
            self.delta.emit(text, reasoning)

    def _on_done(self, stream_id: int, deltas: ToGui, outcome: object) -> None:
        deltas.deleteLater()
        if stream_id != self._id:
            return
        self._cancel = None
        if not isinstance(outcome, ChatResult | ChatError):  # never a traceback in the window
            outcome = ChatError(f"the request failed: {outcome}", "http")
        self.done.emit(outcome)
