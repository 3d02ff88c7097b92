"""Starting the window: the QApplication, icon, translations and orderly signal handling."""

from __future__ import annotations

import os
import signal
import socket
import sys

import shiboken6
from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QObject,
    QSocketNotifier,
    QThreadPool,
    QTimer,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QSystemTrayIcon

from panel import __version__
from panel.core import i18n
from panel.core.config.store import ConfigStore
from panel.core.desktop.app_id import APP_ID, APP_NAME
from panel.resource_files import FOLDER as RESOURCES
from panel.ui.cjk_font import ensure_chinese_font
from panel.ui.single_instance import SingleInstance, instance_name
from panel.ui.window.main_window import MainWindow, initial_config

# How long quitting waits for work still running off the GUI thread. Checks and loads end
# well within it; a hung container daemon's answer (up to 30 s) is not waited for.
WORKERS_GRACE_MS = 5_000


def app_icon() -> QIcon:
    icons = RESOURCES / "icons"
    icon = QIcon()
    for entry in icons.iterdir():
        if entry.name.endswith((".svg", ".png")):
            icon.addFile(str(entry))
    return icon


def install_translations(app: QApplication, language: str | None = None) -> list[QTranslator]:
    """Qt's own strings (qtbase) and ours, in ``language`` ("en", "zh_CN"; "" or None: the
    system locale's, decided by :func:`panel.core.i18n.system_language` so the core's
    messages and the widgets always agree)."""
    i18n.set_language(language)
    code = i18n.current_language()
    installed: list[QTranslator] = []
    if code == "en":
        return installed
    locale = QLocale(code)
    QLocale.setDefault(locale)  # numbers and dates as the language writes them
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    ours = QTranslator(app)
    folder = RESOURCES / "i18n"
    if ours.load(locale, "inference_panel", "_", str(folder)):
        app.installTranslator(ours)
        installed.append(ours)
    return installed


class SignalWakeup(QObject):
    """Run Python signal handlers promptly while Qt's C++ loop runs.

    Python only runs handlers between bytecodes; inside ``app.exec()`` that can be never.
    A wakeup fd written by the C-level handler wakes a QSocketNotifier instead (the
    approach of qutebrowser's crashsignal.py).
    """

    #: After a wakeup was drained: the handlers that ran meanwhile may have left work.
    woke = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._previous = signal.set_wakeup_fd(self._write.fileno())
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        try:
            while self._read.recv(64):
                pass
        except BlockingIOError:
            pass  # the handler itself has run by now
        self.woke.emit()

    def close(self) -> None:
        signal.set_wakeup_fd(self._previous)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()


def dismiss_dialogs(app: QApplication) -> None:
    """Answer every open modal dialog with Cancel, innermost first.

    Each runs a nested event loop, and Qt ignores a close asked from inside the window's
    own closeEvent: SIGTERM while "Stop them and quit?" waited for an answer stopped the
    servers but left the panel running, its question on screen (bench/orphans.py,
    mode ``question``).
    """
    for _ in range(16):  # a bound, should a dialog refuse to go
        modal = app.activeModalWidget()
        if modal is None:
            return
        if isinstance(modal, QDialog):
            modal.done(QDialog.DialogCode.Rejected)
        else:
            modal.close()


class QuitOnSignals:
    """Ctrl-C and SIGTERM quit the window in order (servers stopped, dialogs answered),
    promptly (:class:`SignalWakeup`); :meth:`uninstall` puts the previous handlers back."""

    def __init__(self, app: QApplication, window: MainWindow) -> None:
        self._app = app
        self._window = window
        self._wakeup = SignalWakeup(app)
        self._wakeup.woke.connect(self._quit_if_asked)
        self._asked = False
        self._previous = {
            s: signal.signal(s, self._on_signal) for s in (signal.SIGINT, signal.SIGTERM)
        }

    def _on_signal(self, signum: int, frame: object) -> None:
        # Only a note: the handler runs inside whatever Python code the GUI thread was
        # running, maybe under a lock that stopping the servers takes too (a second
        # Ctrl-C hung `inference-panel serve` that way; panel/cli/interrupts.py). The
        # wakeup's slot, a plain event of the loop, acts on it.
        self._asked = True

    def _quit_if_asked(self) -> None:
        if self._asked:
            self._asked = False
            dismiss_dialogs(self._app)
            self._window.request_quit(confirm=False)

    def uninstall(self) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._wakeup.close()


def after_first_paint(app: QApplication, window: MainWindow) -> None:
    """What waits for the window's deferred start-up (it follows the first paint, and
    comes before any server can start): the tray, and the collector told to leave the
    start-up's objects alone."""
    import gc

    if QSystemTrayIcon.isSystemTrayAvailable():
        from panel.ui.window.tray import ServerTray

        tray = ServerTray(window.model, app.windowIcon(), window)
        window.set_tray(tray)
        tray.show()
    # Tens of thousands of long-lived objects (modules, classes, widgets' wrappers) out
    # of the full collections: they no longer pause the GUI thread under a log flood.
    gc.freeze()


def run_gui(store: ConfigStore) -> int:
    if sys.stdout is None:  # a windowed (frozen) build has no console
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)  # X11's WM_CLASS: the .desktop's StartupWMClass
    app.setApplicationVersion(__version__)
    app.setOrganizationName("inference-panel")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())  # before the window maps: a task bar may read it only then
    config, error = initial_config(store)
    install_translations(app, config.language)
    if i18n.current_language() == "en":
        # Only a model's answer may need it: not worth 4 ms before the first paint.
        QTimer.singleShot(0, lambda: ensure_chinese_font(app, warn=False))
    else:
        ensure_chinese_font(app, warn=True)

    single = SingleInstance(instance_name(store.path), app)
    if not single.claim():
        print(f"Inference Panel is already running for {store.path}; raised its window.")
        return 0

    window = MainWindow(store, config=config, config_error=error)
    single.activated.connect(window.bring_to_front)
    signals = QuitOnSignals(app, window)
    window.startupFinished.connect(lambda: after_first_paint(app, window))
    window.show()
    try:
        return app.exec()
    finally:
        window.hide()  # while every part of it stands: its event filters run on the Hide
        signals.uninstall()
        single.release()
        # Belt and braces: nothing the panel started outlives it, whatever closed the loop.
        if window.started:  # else no server was ever started
            window.hub.supervisor.stop_all(timeout=30)
        # Work still running off the GUI thread (the daemon checks, the router's modules
        # loading) ends before the interpreter does: a pool thread running Python while
        # it finalizes crashed it (SIGTERM a second after the start, test_launcher).
        pool = QThreadPool.globalInstance()
        pool.clear()
        pool.waitForDone(WORKERS_GRACE_MS)
        # The window goes while Python still runs. Kept alive by its start-up's references
        # until the interpreter's exit, it was deleted there, and its widgets' Python event
        # filters, called as it closed, crashed the exit (SIGSEGV after SIGTERM, 1 in 10).
        shiboken6.delete(window)
