"""``inference-panel transcribe``: an audio file, or the microphone, to a running server."""

from __future__ import annotations

import argparse
import signal
import sys

from panel.cli.exit_codes import EXIT_OK, fail
from panel.cli.profile_key import profile_and_key
from panel.core.config.store import ConfigStore
from panel.core.i18n import translate


def _record_until_enter() -> tuple[bytes, float] | str:
    """Record the default microphone until Enter; (WAV, seconds) or a reason."""
    from panel.core.speech.recorder import Recorder, RecorderError

    recorder = Recorder()
    try:
        recorder.start()
    except RecorderError as exc:
        return str(exc)
    print(translate("Cli", "Recording... press Enter to stop."), file=sys.stderr, flush=True)
    try:
        sys.stdin.readline()
    except KeyboardInterrupt:
        recorder.cancel()
        return translate("Cli", "cancelled")
    try:
        recording = recorder.stop()
    except RecorderError as exc:
        return str(exc)
    if recording.too_short:
        return translate("Cli", "the recording is too short ({seconds:.2f} s)").format(
            seconds=recording.duration
        )
    if recording.overflows:
        print(
            translate("Cli", "warning: {count} input overflows").format(count=recording.overflows),
            file=sys.stderr,
        )
    return recording.wav(), recording.duration


def cmd_transcribe(store: ConfigStore, args: argparse.Namespace) -> int:
    from panel.core.net.server_text import for_terminal, json_for_terminal
    from panel.core.speech.subtitles import write_srt, write_txt, write_vtt
    from panel.core.speech.transcribe import (
        TranscriptionApi,
        TranscriptionClient,
        TranscriptionError,
    )

    api = TranscriptionApi(args.api) if args.api else None
    cap = None if args.max_upload_mb is None else int(args.max_upload_mb * 1024 * 1024)
    if args.profile:
        found = profile_and_key(store, args.profile)
        if isinstance(found, int):
            return found
        profile, api_key = found
        client = TranscriptionClient.for_profile(profile, api_key=api_key, timeout=args.timeout)
        if api is not None:
            client.api = api
        if args.inference_path:
            client.inference_path = args.inference_path
        client.max_upload_bytes = cap
    else:
        client = TranscriptionClient(
            args.url,
            api=api,
            timeout=args.timeout,
            inference_path=args.inference_path,
            max_upload_bytes=cap,
        )
    try:
        if args.record:
            recorded = _record_until_enter()
            if isinstance(recorded, str):
                return fail(recorded)
            audio, filename = recorded[0], "recording.wav"
        else:
            try:
                # A file over the cap is refused before it is read into memory.
                client.check_size(args.file.stat().st_size)
                audio = args.file.read_bytes()
            except OSError as exc:
                return fail(
                    translate("Cli", "cannot read {path}: {reason}").format(
                        path=args.file, reason=exc.strerror or exc
                    )
                )
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
        if exc.kind == "too-large" and exc.status is None:
            return fail(
                translate("Cli", "{problem} (--max-upload-mb MB sends it anyway)").format(
                    problem=exc
                )
            )  # our cap, not theirs
        return fail(for_terminal(str(exc)))  # the server's own words are in it
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    finally:
        client.close()
    # A model's text may hold control characters: none reaches the terminal raw.
    if args.format == "srt":
        sys.stdout.write(for_terminal(write_srt(result.segments)))
    elif args.format == "vtt":
        sys.stdout.write(for_terminal(write_vtt(result.segments)))
    elif args.format == "json":
        body = {
            "text": result.text.strip(),
            "language": result.language,
            "duration": result.duration,
            "segments": [{"start": s.start, "end": s.end, "text": s.text} for s in result.segments],
        }
        sys.stdout.write(json_for_terminal(body) + "\n")
    else:
        sys.stdout.write(for_terminal(write_txt(result)))
    sys.stdout.flush()
    rtf = result.real_time_factor
    audio_len = (
        "?"
        if result.duration is None
        else translate("Cli", "{seconds:.1f} s audio").format(seconds=result.duration)
    )
    print(
        translate("Cli", "round trip {seconds:.2f} s, {audio}, RTF {rtf} ({api})").format(
            seconds=result.round_trip,
            audio=audio_len,
            rtf="?" if rtf is None else f"{rtf:.2f}",
            api=result.api,
        ),
        file=sys.stderr,
    )
    return EXIT_OK
