"""``inference-panel demo``: add the CPU demo profiles, building the engines first if asked."""

from __future__ import annotations

import sys

from panel.cli.exit_codes import EXIT_CONFIG, EXIT_FAILED, EXIT_OK
from panel.core.config.store import ConfigError, ConfigStore
from panel.core.i18n import translate


def cmd_demo(store: ConfigStore, *, setup: bool) -> int:
    from panel.core import demo

    root, speech = demo.built_engines(), demo.built_speech_models()
    minutes = demo.estimated_minutes()
    if root is None and not setup:
        print(
            translate(
                "Cli",
                "The demo engines are not built yet. `inference-panel demo --setup` builds "
                "llama-server and whisper-server and fetches small models: about "
                "{minutes:.0f} minutes on this machine, once.",
            ).format(minutes=minutes),
            file=sys.stderr,
        )
        return EXIT_FAILED
    if speech is None and not setup:
        # A demo set up before it had the multilingual model: only that is missing.
        print(
            translate(
                "Cli",
                "The demo's multilingual whisper model is not there yet. "
                "`inference-panel demo --setup` fetches it (about a minute, once).",
            ),
            file=sys.stderr,
        )
        return EXIT_FAILED
    if root is None:
        print(
            translate(
                "Cli", "Building the demo engines: about {minutes:.0f} minutes on this machine."
            ).format(minutes=minutes)
        )

        def show(progress: demo.SetupProgress) -> None:
            bar = "#" * round(progress.fraction * 30)
            left = max(0.0, minutes * (1 - progress.fraction))
            status = translate("Cli", "{step} done, about {left:.0f} min left").format(
                step=translate("Cli", progress.step),
                left=left,  # demo.STEP_WORDS
            )
            print(f"\r[{bar:<30}] {progress.fraction:4.0%} {status} ", end="", flush=True)

        try:
            root = demo.run_setup(show)
        except demo.SetupError as exc:
            print(f"\ninference-panel: {exc}", file=sys.stderr)
            return EXIT_FAILED
        print()
    if speech is None:
        print(translate("Cli", "Fetching the multilingual whisper model (whisper base, 148 MB)..."))
        try:
            speech = demo.run_speech_setup()
        except demo.SetupError as exc:
            print(f"inference-panel: {exc}", file=sys.stderr)
            return EXIT_FAILED
    try:
        added = demo.add_demo_profiles(store, root, speech)
    except ConfigError as exc:
        print(f"inference-panel: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    for name in added:
        print(translate("Cli", "added profile: {name}").format(name=name))
    print(
        translate(
            "Cli", "Demo ready ({folder}). Open the panel and start a demo profile with F5."
        ).format(folder=root)
    )
    sample = speech / demo.SPEECH_SAMPLE
    if sample.is_file():
        print(
            translate(
                "Cli",
                "A speech sample for the Transcription tab (the deployment guide's, English; "
                "try language auto, en or zh): {path}",
            ).format(path=sample)
        )
    return EXIT_OK
