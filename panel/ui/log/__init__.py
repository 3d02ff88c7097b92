"""The Log tab: one server's live log, pulled from its ``LogBuffer``.

- :mod:`.view`: :class:`LogView`, the widget: pulling, pause, filter, copy, save, crash.
- :mod:`.document`: the bounded text document and how batches go into it.
- :mod:`.search`: the search field (Ctrl+F), match count, previous/next.
- :mod:`.banner`: the crash banner (reason and last lines).
- :mod:`.highlighter`: line and search-hit colours.
- :mod:`.lines`: what a line is (error, warning, ready, plain) and how filters see it.
"""

from panel.ui.log.lines import PANEL_PREFIX, LineKind, LogFilter, classify
from panel.ui.log.view import LogView, LogViewStats

__all__ = ["PANEL_PREFIX", "LineKind", "LogFilter", "LogView", "LogViewStats", "classify"]
