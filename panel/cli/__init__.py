"""The command line: ``inference-panel [doctor|list|serve|ask|transcribe] ...``; no command opens the window.

Everything here is Qt-free so it works over ssh; only ``gui`` imports the UI. Each
command's module is imported when that command runs: ``--version`` or ``list`` must
not pay for httpx, the supervisor or numpy (``bench/cold_start.py`` times them).

Each command lives in its own module: :mod:`~panel.cli.serve`, :mod:`~panel.cli.ask`,
:mod:`~panel.cli.transcribe`, :mod:`~panel.cli.listing` (list, doctor, containers),
:mod:`~panel.cli.demo` and :mod:`~panel.cli.launcher`; :mod:`~panel.cli.parser` holds the
grammar and :mod:`~panel.cli.exit_codes` the exit codes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from panel.cli.exit_codes import EXIT_CONFIG, EXIT_OK, EXIT_OUTPUT_LOST, EXIT_USAGE
from panel.cli.parser import build_parser
from panel.core.i18n import translate

if TYPE_CHECKING:
    from panel.core.config.store import ConfigStore


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    _choose_language(words)  # before the parser, whose help is translated too
    parser = build_parser()
    # Everything after "--" is a server's own command line, never our options.
    wrapped: list[str] = []
    if "--" in words:
        cut = words.index("--")
        words, wrapped = words[:cut], words[cut + 1 :]
    args = parser.parse_args(words)  # --version and --help end here
    args.cmd = wrapped
    from panel.core.config.store import ConfigError, ConfigStore

    store = ConfigStore(args.config)
    try:
        return _run(store, args, parser)
    except BrokenPipeError:
        # `inference-panel list | head -3`: the reader has what it wanted. No traceback,
        # and none from the interpreter's last flush either (the Python docs' advice).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_OUTPUT_LOST
    except ConfigError as exc:
        # Each command reports its own config errors; this catches any that slips past
        # (a save deep inside a command), so no config problem ends in a traceback.
        print(f"inference-panel: {exc}", file=sys.stderr)
        return EXIT_CONFIG


def _choose_language(words: list[str]) -> None:
    """The config's [ui] language (the window's choice), else the locale's: the same
    choice as the window's (docs/i18n.md)."""
    from panel.core import i18n
    from panel.core.config.store import default_config_path

    path: str | None = None
    for at, word in enumerate(words):
        if word == "--":
            break
        if word == "--config" and at + 1 < len(words):
            path = words[at + 1]
        elif word.startswith("--config="):
            path = word.split("=", 1)[1]
    i18n.set_language(i18n.configured_language(path or default_config_path()))


def _run(store: ConfigStore, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.command in (None, "gui"):
        from panel.ui.app import run_gui

        return run_gui(store)
    if args.command in ("doctor", "list", "containers"):
        from panel.cli.listing import cmd_containers, cmd_doctor, cmd_list

        if args.command == "doctor":
            return cmd_doctor(store)
        if args.command == "list":
            return cmd_list(store)
        return cmd_containers(runtime=args.runtime, stop=args.stop, stop_all=args.all)
    if args.command == "serve":
        from panel.cli.serve import cmd_serve

        return cmd_serve(store, args, parser)
    if args.command == "router":
        from panel.cli.router import cmd_router

        return cmd_router(store, args)
    if args.command == "install-launcher":
        from panel.cli.launcher import cmd_install_launcher

        return cmd_install_launcher(uninstall=args.uninstall)
    if args.command == "demo":
        from panel.cli.demo import cmd_demo

        code = cmd_demo(store, setup=args.setup)
        if code == EXIT_OK and args.open:
            from panel.ui.app import run_gui

            return run_gui(store)
        return code
    if args.command == "ask":
        if not args.url and not args.profile:
            parser.error(translate("Cli", "ask needs --url URL or --profile NAME"))
        from panel.cli.ask import cmd_ask

        return cmd_ask(store, args)
    if args.command == "metrics":
        from panel.cli.metrics import cmd_metrics

        return cmd_metrics(store, args)
    if args.command == "transcribe":
        if not args.url and not args.profile:
            parser.error(translate("Cli", "transcribe needs --url URL or --profile NAME"))
        if bool(args.file) == bool(args.record):
            parser.error(translate("Cli", "transcribe needs FILE or --record (one of them)"))
        from panel.cli.transcribe import cmd_transcribe

        return cmd_transcribe(store, args)
    parser.error(translate("Cli", "unknown command {command}").format(command=args.command))
    return EXIT_USAGE
