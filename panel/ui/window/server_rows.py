"""What the server list shows on each line: a server (:class:`ServerRow`) or, under a
running router-mode llama-server, one of its models (:class:`ModelRow`); the badge colours
and the engines' icons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.servers.server_state import ServerState

if TYPE_CHECKING:
    from panel.core.engines.llama_router import RouterModel
    from panel.core.servers.preflight import Problem  # loads after the first paint

# Badge colours: background, text.
BADGE_COLOURS = {
    "stopped": ("#e4e7ec", "#4a5160"),
    "starting": ("#dbe7ff", "#1f4fb5"),
    "loading": ("#dbe7ff", "#1f4fb5"),
    "ready": ("#d5f2e3", "#13734a"),
    "stopping": ("#fdecc8", "#8a5a00"),
    "crashed": ("#fbd9d7", "#b42318"),
    "attached": ("#e9defc", "#5b2fb0"),
    "problem": ("#fdecc8", "#8a5a00"),
    "sleeping": ("#e1e6f0", "#3d4f73"),  # loaded but asleep: calmer than ready
}
LOAD_BAR_COLOUR = "#a9c4fb"  # the loading badge's filled part, a deeper tone of its blue
ENGINE_COLOURS = {
    Engine.LLAMA_CPP: ("#2f6fde", "L"),
    Engine.WHISPER_CPP: ("#0f9d77", "W"),
    Engine.VLLM: ("#7a3fd1", "V"),
    Engine.CUSTOM: ("#667085", "C"),
}


def engine_icon(engine: Engine, size: int = 32) -> QIcon:
    """A round letter badge per engine: recognisable at a glance, no artwork to ship."""
    colour, letter = ENGINE_COLOURS[engine]
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(colour))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(0, 0, size, size, size * 0.28, size * 0.28)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(int(size * 0.55))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)


@dataclass
class ServerRow:
    profile: ServerProfile
    state: ServerState = ServerState.STOPPED
    progress_text: str = ""  # "loading model 40 %" while loading
    gpu_bytes: int | None = None
    problem: Problem | None = None  # e.g. model missing, binary missing
    reason: str = ""  # last crash reason
    container: str = ""  # the running container's name, for containerised profiles
    metrics: str = ""  # live figures of a ready server (panel.ui.window.live_figures)
    load_fraction: float | None = None  # how far loading is, where known: the badge's bar
    sleep: str = ""  # "sleeping" / "waking": a ready vLLM the router put to sleep (runner.py)


@dataclass(frozen=True)
class ModelRow:
    """One model of a running router-mode llama-server, shown under its server's row."""

    server: str  # the profile's name
    model: RouterModel
    reason: str = ""  # why its last load failed, from its lines in the server's log


# Keyed by the values of llama_router.ModelState, a StrEnum whose members find these keys:
# importing that module before the first paint would load every engine adapter (5 ms).
MODEL_BADGES = {
    "unloaded": "stopped",
    "loading": "loading",
    "loaded": "ready",
    "failed": "crashed",
}
