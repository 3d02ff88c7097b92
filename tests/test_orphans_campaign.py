"""bench/orphans.py, in small: the campaign still runs, still finds the servers, still counts.

The full campaign (50 trials a cell, docs/reliability.md) takes most of an hour; two trials
of SIGKILL (both launchers), of an exception escaping a Qt slot and of SIGTERM while the
window asks "Stop them and quit?" (the panel once stayed up, its question on screen) keep
the script from rotting unseen.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, EngineKit

pytestmark = pytest.mark.engines

# Per trial: three guards, llama-server, whisper-server, the script server and its four
# descendants (three children, one with a child of its own, one in a session of its own).
WATCHED_PER_TRIAL = 10


def test_a_short_campaign_counts_no_survivors(engines: EngineKit, tmp_path: Path) -> None:
    trials_file = tmp_path / "trials.json"
    done = subprocess.run(
        [
            sys.executable, str(ROOT / "bench" / "orphans.py"), "--trials", "2",
            "--modes", "sigkill,exception,question", "--launchers", "serve,window",
            "--engines", str(engines.root), "--json", str(trials_file),
        ],
        capture_output=True, text=True, timeout=600, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    trials = json.loads(trials_file.read_text())
    cells = sorted({(t["mode"], t["launcher"]) for t in trials})
    # An exception in a Qt slot, a question on screen: only the window has them.
    assert cells == [
        ("exception", "window"),
        ("question", "window"),
        ("sigkill", "serve"),
        ("sigkill", "window"),
    ]
    assert len(trials) == 8
    for trial in trials:
        assert trial["error"] == "", trial
        assert trial["watched"] == WATCHED_PER_TRIAL, trial
        assert trial["survivors"] == 0, trial
        assert trial["cleanup"] is not None and trial["cleanup"] < 10, trial
    assert "| sigkill | window | 2 | 0 | 0 |" in done.stdout
