"""The main window's widgets that are painted first: list, header, tabs, status bar.

Everything here is built from the config alone, before the first paint. What needs the
servers, the GPU or the log view (and their modules) comes right after it
(:mod:`panel.ui.window.startup`); the tabs but the log are built when first opened
(:mod:`panel.ui.window.lazy_tabs`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from panel.ui.window.first_run import FirstRunPage
from panel.ui.window.lazy_tabs import LazyTabs
from panel.ui.window.server_list import ServerDelegate, ServerListModel

if TYPE_CHECKING:
    from panel.ui.window.main_window import MainWindow

WARNING_STYLE = (
    "QLabel#HeaderWarning { background: #fff4e0; color: #7a4b00; border: 1px solid #f3c77b;"
    " border-radius: 4px; padding: 4px 8px; }"
)


def build_skeleton(window: MainWindow) -> None:
    """Create the window's list, header, tabs, first-steps page and status bar.

    Strings are in the ``MainWindow`` context, written out: lupdate files a
    ``window.tr(…)`` in a function under the variable's name."""
    w = window
    w.model = ServerListModel(w)
    w.list = QListView()
    w.list.setObjectName("ServerList")
    w.list.setModel(w.model)
    w.list.setItemDelegate(ServerDelegate(w.list))
    w.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    w.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    w.list.setUniformItemSizes(True)
    w.list.setMinimumWidth(220)
    w.list.setAccessibleName(QCoreApplication.translate("MainWindow", "Servers"))

    w.header_title = QLabel()
    w.header_title.setObjectName("HeaderTitle")
    font = w.header_title.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    font.setBold(True)
    w.header_title.setFont(font)
    w.header_title.setWordWrap(True)  # a long name wraps instead of widening the window
    w.header_detail = QLabel()
    w.header_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    w.header_detail.setOpenExternalLinks(True)
    w.header_detail.setWordWrap(True)
    w.header_warning = QLabel()
    w.header_warning.setObjectName("HeaderWarning")
    w.header_warning.setWordWrap(True)
    w.header_warning.setStyleSheet(WARNING_STYLE)
    w.header_warning.hide()

    w.tabs = QTabWidget()
    w.tabs.setObjectName("MainTabs")
    w.tabs.setDocumentMode(True)
    # Every tab is built when first opened or asked for (window.chat_tab, ...); the log's
    # right after the first paint, with the servers whose lines it shows.
    w.lazy_tabs = LazyTabs(w.tabs, prepare=w.finish_startup)
    w.lazy_tabs.add("log", QCoreApplication.translate("MainWindow", "Log"), w._build_log)
    w.lazy_tabs.add("chat", QCoreApplication.translate("MainWindow", "Vision chat"), w._build_chat)
    w.lazy_tabs.add(
        "transcribe", QCoreApplication.translate("MainWindow", "Transcription"), w._build_transcribe
    )
    w.lazy_tabs.add("gpu", QCoreApplication.translate("MainWindow", "GPU memory"), w._build_gpu)
    w.lazy_tabs.add(
        "models", QCoreApplication.translate("MainWindow", "Models on disk"), w._build_models
    )
    w.lazy_tabs.add("router", QCoreApplication.translate("MainWindow", "Router"), w._build_router)
    w.lazy_tabs.built.connect(w._on_tab_built)

    w.details = QWidget()
    right_layout = QVBoxLayout(w.details)
    right_layout.setContentsMargins(10, 8, 8, 4)
    right_layout.setSpacing(4)
    right_layout.addWidget(w.header_title)
    right_layout.addWidget(w.header_detail)
    right_layout.addWidget(w.header_warning)
    right_layout.addWidget(w.tabs, 1)
    w.first_run = FirstRunPage()
    w.right = QStackedWidget()
    w.right.setObjectName("DetailStack")
    w.right.addWidget(w.details)
    w.right.addWidget(w.first_run)
    # A fixed minimum, raised only as tabs are built: otherwise the splitter follows
    # the tabs' minimums as they change (a tab filling in when first shown, a longer
    # server name in a combo box), and the divider jumps.
    w.right.setMinimumWidth(w.right.minimumSizeHint().width())

    w.splitter = QSplitter(Qt.Orientation.Horizontal)
    w.splitter.setObjectName("MainSplitter")
    w.splitter.setChildrenCollapsible(False)
    w.splitter.addWidget(w.list)
    w.splitter.addWidget(w.right)
    # The list grows with the window too (a quarter of any extra width): long profile
    # names stay readable on a large screen.
    w.splitter.setStretchFactor(0, 1)
    w.splitter.setStretchFactor(1, 3)
    w.splitter.setSizes([300, 900])
    w.setCentralWidget(w.splitter)

    w.status_servers = QLabel()
    w.status_gpu = QLabel()
    # Well apart from the count: the bar's few pixels between them read as a space, and
    # in Chinese, which has none between words, the two became one sentence.
    w.status_gpu.setContentsMargins(24, 0, 0, 0)
    w.status_config = QLabel()
    w.status_config.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    bar = w.statusBar()
    bar.addWidget(w.status_servers)
    bar.addWidget(w.status_gpu)
    bar.addPermanentWidget(w.status_config)
    w.resize(1200, 760)
