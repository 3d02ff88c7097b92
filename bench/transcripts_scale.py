"""The transcript list with many saved transcripts: time to open it.

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/transcripts_scale.py
       [--count 1000] [--runs 5]

Saves ``count`` transcripts through the real store (TranscriptStore.save_recording and
attach_transcript: a 0.5 s WAV and its JSON sidecar each, text of a few sentences with
segments) in a temporary folder, then, alternating in one process, measures:

- raw: reading every sidecar's bytes (``Path.read_bytes``), the floor for anything that
  looks at them all; the baseline;
- open: building the transcription tab's list (``TranscriptList``) on that store, showing
  it at 900x700 and processing events until it has painted.

Goal: open <= 200 ms with 1,000 transcripts. Prints medians and the ratio to raw.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_OPEN_S = 0.200


def fill(root: Path, count: int) -> None:
    import numpy as np

    from panel.core.speech.transcribe import Segment, Transcript, TranscriptionApi
    from panel.core.speech.transcript_store import TranscriptStore
    from panel.core.speech.wav import WHISPER_RATE, encode_wav

    store = TranscriptStore(root)
    wav = encode_wav(np.zeros(WHISPER_RATE // 2, dtype=np.float32), WHISPER_RATE)
    for n in range(count):
        entry = store.save_recording(wav, f"meeting-{n}.wav")
        text = f"Recording {n}: the quick brown fox jumps over the lazy dog. 解释图像。" * 3
        segments = [Segment(0.0, 0.25, text[:40]), Segment(0.25, 0.5, text[40:])]
        transcript = Transcript(text, segments, "en", 0.5, 0.2, TranscriptionApi.WHISPER_CPP)
        store.attach_transcript(entry.id, transcript, "whisper tiny")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    from panel.core.speech.transcript_store import TranscriptStore
    from panel.ui.transcription.history import TranscriptList

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "transcripts"
        t0 = time.perf_counter()
        fill(root, args.count)
        print(f"{args.count} transcripts saved in {time.perf_counter() - t0:.1f} s")

        class Painted(QObject):
            seen = False

            def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint:
                    self.seen = True
                return False

        def raw() -> float:
            t = time.perf_counter()
            for path in root.glob("*.json"):
                path.read_bytes()
            return time.perf_counter() - t

        def open_list() -> tuple[float, int]:
            t = time.perf_counter()
            view = TranscriptList(TranscriptStore(root))
            painted = Painted()
            view.widget().installEventFilter(painted)
            view.resize(900, 700)
            view.show()
            while not painted.seen:
                app.processEvents()
            elapsed = time.perf_counter() - t
            cards = len(view.cards())
            view.close()
            view.deleteLater()
            app.processEvents()
            return elapsed, cards

        open_list()  # warm up: fonts, style, imports
        raws, opens = [], []
        cards = 0
        for _ in range(args.runs):
            raws.append(raw())
            elapsed, cards = open_list()
            opens.append(elapsed)
    r, o = statistics.median(raws), statistics.median(opens)
    print(f"\nmedian of {args.runs}, alternating, {args.count} transcripts")
    print(f"{'raw: read every sidecar (baseline)':<40}{r * 1000:>9.1f} ms   1x")
    print(f"{'open: TranscriptList shown and painted':<40}{o * 1000:>9.1f} ms   {o / r:.1f}x")
    print(f"cards built at open: {cards}")
    ok = o <= GOAL_OPEN_S
    print(f"goal open <= {GOAL_OPEN_S * 1000:.0f} ms: {o * 1000:.0f} ms {'ok' if ok else 'MISSED'}")


if __name__ == "__main__":
    main()
