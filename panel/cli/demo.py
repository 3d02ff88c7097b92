"""``inference-panel demo``: add the CPU demo profiles, building the engines first if asked."""

from __future__ import annotations

import sys

from panel.cli.exit_codes import EXIT_CONFIG, EXIT_FAILED, EXIT_OK
from panel.core.config.store import ConfigError, ConfigStore


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
