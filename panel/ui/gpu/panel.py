"""The GPU tab: one live card per GPU of memory (stacked by server) and utilisation.

Data flow. :class:`GpuSampler` calls a :class:`SnapshotFeed` on its own thread (about
4 Hz); the feed attributes GPU memory to servers there (so psutil never runs on the GUI
thread) and wakes this panel through a :class:`ToGui` once per batch. The GUI thread
drains the batch into the per-GPU history (:class:`GpuTimeline`, in core) and repaints
at most every ``min_repaint_interval`` seconds, whatever the sampling rate.

Sampling runs only while the panel is shown: showEvent subscribes, hideEvent (and the
panel's destruction) unsubscribes, and the sampler stops with its last subscriber.
:meth:`GpuPanel.set_sampling_while_hidden` keeps the figures (and history) coming for a
widget elsewhere that shows per-server GPU memory; nothing is drawn while hidden.

Without NVML (no driver, no GPU) the tab shows a notice that says what is missing, that
the rest of the panel works regardless, and how to check; the window selector is hidden
until there are graphs to choose a window for.
"""

from __future__ import annotations

import functools
import math
import time
import zlib
from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from panel.core.gpu.attribution import ServerAttribution, unknown_servers_on
from panel.core.gpu.feed import SnapshotFeed
from panel.core.gpu.history import MAX_PLOT_POINTS, AttributedSnapshot, GpuTimeline, gpu_key
from panel.core.gpu.nvml import GpuStatus
from panel.core.gpu.sampler import GpuSampler
from panel.ui.gpu.card import GpuCard
from panel.ui.gpu.notice import NoGpuNotice
from panel.ui.gpu.plot import ERROR_COLOUR, OTHER_PROCESSES, PALETTE, WINDOWS
from panel.ui.gpu.server_metrics import ServerMetricsGraphs
from panel.ui.workers import ToGui

__all__ = [
    "MAX_PLOT_POINTS",
    "OTHER_PROCESSES",
    "WINDOWS",
    "GpuCard",
    "GpuPanel",
]

# NVML reasons come from panel.core in English; listed here so lupdate offers them for
# translation under this context. Other reasons are shown as they are.
_KNOWN_REASONS = (
    QT_TRANSLATE_NOOP("GpuPanel", "No NVIDIA GPU detected (NVML: library not found)"),
    QT_TRANSLATE_NOOP("GpuPanel", "No NVIDIA GPU detected (NVML: driver not loaded)"),
    QT_TRANSLATE_NOOP("GpuPanel", "No NVIDIA GPU detected (NVML: no devices)"),
    QT_TRANSLATE_NOOP("GpuPanel", "No NVIDIA GPU detected (NVML: nvidia-ml-py is not installed)"),
    QT_TRANSLATE_NOOP("GpuPanel", "NVIDIA GPU not accessible (NVML: insufficient permissions)"),
)


def _release(sampler: GpuSampler, feed: SnapshotFeed) -> None:
    # Connected to the panel's destroyed signal, which a QWidget emits before deleting its
    # children: the feed stops waking the ToGui before it goes. Must not touch the panel.
    feed.close()
    sampler.unsubscribe(feed)


class GpuPanel(QWidget):
    """Live memory and utilisation graphs of every NVIDIA GPU, memory split by server.

    ``sampler`` is shared; the panel subscribes only while shown. :meth:`set_servers`
    says which process trees belong to which server. ``serverMemoryChanged`` carries
    name -> bytes across all GPUs (every server named in set_servers, 0 when it holds
    none) whenever a figure changes.
    """

    serverMemoryChanged = Signal(dict)

    def __init__(
        self,
        sampler: GpuSampler,
        parent: QWidget | None = None,
        *,
        min_repaint_interval: float = 0.25,
    ) -> None:
        super().__init__(parent)
        self._sampler = sampler
        self._min_repaint = min_repaint_interval
        self._feed = SnapshotFeed(ServerAttribution(), ToGui(self._on_frames_pending, self))
        # Not a method of self: it runs while the C++ panel is being destroyed.
        self.destroyed.connect(functools.partial(_release, sampler, self._feed))

        self._roots: dict[str, int] = {}
        self._server_order: list[str] = []
        self._colours: dict[str, str] = {}
        self._timeline = GpuTimeline()
        self._cards: dict[str, GpuCard] = {}
        self._last_frame: AttributedSnapshot | None = None
        self._server_memory: dict[str, int] = {}
        self._window = WINDOWS[0]
        self._last_render = -math.inf
        self._render_count = 0
        self._sample_while_hidden = False
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.timeout.connect(self._render)

        heading = QLabel(self.tr("GPU memory and utilisation"))
        heading_font = QFont(self.font())
        heading_font.setBold(True)
        heading.setFont(heading_font)
        header = QHBoxLayout()
        header.addWidget(heading)
        header.addStretch(1)
        header.addWidget(self._build_window_selector())

        self._notice = NoGpuNotice()

        self._cards_box = QWidget()
        self._cards_layout = QVBoxLayout(self._cards_box)
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        self._cards_layout.setSpacing(8)
        self._cards_layout.addStretch(1)
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setWidget(self._cards_box)
        self._scroll.hide()

        self._errors = QLabel()
        self._errors.setWordWrap(True)
        self._errors.setStyleSheet(f"color: {ERROR_COLOUR};")
        self._errors.hide()

        layout = QVBoxLayout(self)
        # Cards come and go; as a top-level window the panel must not re-impose its
        # minimum size each time (the offscreen platform even warns about it).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(header)
        layout.addWidget(self._notice, 1)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._errors)
        # Each server's tokens/s beside its memory, in the same colour; fed by the window.
        self.server_metrics = ServerMetricsGraphs(self.server_colour, self)
        layout.addWidget(self.server_metrics)

    def _build_window_selector(self) -> QWidget:
        """The "Window: [1 min|10 min|1 h]" segmented control, hidden until graphs show."""
        self._window_selector = QWidget()
        row = QHBoxLayout(self._window_selector)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Window:")))
        segments = QHBoxLayout()
        segments.setSpacing(0)
        self._window_group = QButtonGroup(self)
        self._window_group.setExclusive(True)
        labels = {60: self.tr("1 min"), 600: self.tr("10 min"), 3600: self.tr("1 h")}
        for seconds in WINDOWS:
            button = QPushButton(labels[seconds])
            button.setCheckable(True)
            button.setChecked(seconds == self._window)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setToolTip(self.tr("Show the last {0}").format(labels[seconds]))
            self._window_group.addButton(button, seconds)
            segments.addWidget(button)
        self._window_group.idClicked.connect(self.set_window_seconds)
        row.addLayout(segments)
        self._window_selector.hide()
        return self._window_selector

    # -- public ----------------------------------------------------------------------

    def set_servers(
        self, roots: Mapping[str, int], containers: Mapping[str, str] | None = None
    ) -> None:
        """Server name -> root pid; memory is summed over each tree.

        ``containers`` maps containerised servers to their container ids: GPU processes
        in the container's cgroup count too (see ``panel.core.gpu.attribution``).
        """
        self._roots = dict(roots)
        for name in roots:
            if name not in self._server_order:
                self._server_order.append(name)
            self.server_colour(name)
        self._feed.attribution.set_servers(self._roots, containers)

    def server_colour(self, name: str) -> str:
        """A server's colour ("#rrggbb"), the same on every card for the whole session.

        Chosen from the name's hash, moving on to the next free palette colour when
        taken, so a name usually gets the same colour from one run to the next too.
        """
        colour = self._colours.get(name)
        if colour is None:
            preferred = zlib.crc32(name.encode()) % len(PALETTE)
            taken = set(self._colours.values())
            for step in range(len(PALETTE)):
                candidate = PALETTE[(preferred + step) % len(PALETTE)]
                if candidate not in taken:
                    colour = candidate
                    break
            else:
                colour = PALETTE[preferred]
            self._colours[name] = colour
        return colour

    def server_memory(self) -> dict[str, int]:
        """The figures last sent with serverMemoryChanged."""
        return dict(self._server_memory)

    def cards(self) -> list[GpuCard]:
        """The GPU cards shown, in GPU index order."""
        return [
            self._cards[key]
            for key in sorted(self._cards, key=lambda k: self._cards[k].gpu_index())
        ]

    def message_text(self) -> str:
        """The notice's headline ("No NVIDIA GPU detected (...)"), or "" when graphs show."""
        return self._notice.headline() if not self._notice.isHidden() else ""

    def notice_text(self) -> str:
        """The whole notice as plain text, or "" when graphs show."""
        return self._notice.plain_text() if not self._notice.isHidden() else ""

    def errors_text(self) -> str:
        return self._errors.text() if not self._errors.isHidden() else ""

    def render_count(self) -> int:
        """How many times the cards were refreshed (for tests and the cost benchmark)."""
        return self._render_count

    def window_seconds(self) -> int:
        return self._window

    def window_button(self, seconds: int) -> QAbstractButton:
        button = self._window_group.button(seconds)
        if button is None:
            raise KeyError(seconds)
        return button

    @Slot(int)
    def set_window_seconds(self, seconds: int) -> None:
        if seconds not in WINDOWS:
            raise ValueError(f"window must be one of {WINDOWS}, not {seconds}")
        self._window = seconds
        self.window_button(seconds).setChecked(True)
        for card in self._cards.values():
            card.set_window(seconds)
        self._render()

    # -- showing and hiding ----------------------------------------------------------

    def set_sampling_while_hidden(self, enabled: bool) -> None:
        """Keep sampling (history, serverMemoryChanged) while the panel is hidden, for
        when another widget shows the per-server figures; graphs are still drawn only
        while shown. Off by default: nothing showing GPU data means no sampling."""
        self._sample_while_hidden = enabled
        if enabled:
            self._sampler.subscribe(self._feed)
        elif not self.isVisible():
            self._sampler.unsubscribe(self._feed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sampler.subscribe(self._feed)
        if self._last_frame is not None:
            self._render_timer.start(0)  # what arrived while hidden

    def hideEvent(self, event: QHideEvent) -> None:
        if not self._sample_while_hidden:
            self._sampler.unsubscribe(self._feed)
        self._render_timer.stop()
        super().hideEvent(event)

    # -- GUI thread ------------------------------------------------------------------

    def _on_frames_pending(self) -> None:
        frames = self._feed.take()
        if not frames:
            return
        for frame in frames:
            self._timeline.add(frame)
        self._last_frame = frames[-1]
        self._publish_server_memory(frames[-1])
        if self.isVisible() and not self._render_timer.isActive():
            since = time.monotonic() - self._last_render
            delay = min(max(self._min_repaint - since, 0.0), self._min_repaint)
            self._render_timer.start(round(delay * 1000))

    def _publish_server_memory(self, frame: AttributedSnapshot) -> None:
        figures = {
            name: frame.usage[name].total if name in frame.usage else 0 for name in self._roots
        }
        if figures != self._server_memory:
            self._server_memory = figures
            self.serverMemoryChanged.emit(dict(figures))

    @Slot()
    def _render(self) -> None:
        self._last_render = time.monotonic()
        self._render_count += 1
        frame = self._last_frame
        if frame is None:
            return
        snapshot = frame.snapshot
        if not snapshot.status.available:
            self._show_notice(snapshot.status)
            return
        self._notice.hide()
        self._scroll.show()
        self._window_selector.show()

        errors = snapshot.unreadable()
        self._errors.setText("\n".join(snapshot.errors))
        self._errors.setVisible(bool(snapshot.errors))

        present = {gpu_key(sample): sample for sample in snapshot.gpus}
        for key in list(self._cards):
            if key not in present and self._cards[key].gpu_index() not in errors:
                self._remove_card(key)  # the GPU is gone, not just unreadable for now
        plot_interval = max(0.0, self._window / 1800 - 0.05)  # ~ one pixel's worth of time
        for key, sample in present.items():
            card = self._cards.get(key)
            if card is None:
                card = self._add_card(key)
            history = self._timeline[key]
            unknown = unknown_servers_on(sample, frame.usage)
            # Short windows: a few seconds more than shown, so the oldest samples leave
            # the graph beyond its left edge and the plot need not redraw that edge.
            margin = 5.0 if self._window <= 600 else 0.0
            points, gap = history.points(self._window + margin, snapshot.timestamp)
            card.plot(
                points,
                history.latest,
                snapshot.timestamp,
                gap,
                self._server_order,
                plot_interval,
                self._window,
            )
            card.set_sample(sample, history.latest, None, unknown)
        for key, card in self._cards.items():
            if key not in present:
                card.set_sample(None, None, errors.get(card.gpu_index()), set())
        self._timeline.keep_only(self._cards)  # GPUs that came and went between repaints
        self._reorder_cards()

    def _show_notice(self, status: GpuStatus) -> None:
        for key in list(self._cards):
            self._remove_card(key)
        self._scroll.hide()
        self._errors.hide()
        self._window_selector.hide()  # no graphs: nothing to choose a window for
        self._notice.set_status(status)
        self._notice.show()

    def _add_card(self, key: str) -> GpuCard:
        card = GpuCard(key, self.server_colour, self._cards_box)
        card.set_window(self._window)
        self._cards[key] = card
        self._cards_layout.insertWidget(self._cards_layout.count() - 1, card)
        return card

    def _remove_card(self, key: str) -> None:
        card = self._cards.pop(key)
        self._timeline.forget(key)
        self._cards_layout.removeWidget(card)
        card.hide()
        card.deleteLater()

    def _reorder_cards(self) -> None:
        for position, card in enumerate(self.cards()):
            if self._cards_layout.indexOf(card) != position:
                self._cards_layout.removeWidget(card)
                self._cards_layout.insertWidget(position, card)
