"""Release-to-text latency through TranscriptionClient against `curl`, and a 10-minute
recording into Recorder's buffer.

usage: .venv/bin/python bench/transcribe_latency.py [--runs N] [--speedup X]

1. Starts the real whisper-server with ggml-tiny.en (resources/engines/setup_test_engines.sh)
   and sends jfk.wav (11 s) N times through the panel's path and N times through
   `curl -F file=@jfk.wav -F response_format=json`, alternating; reports medians.
   The panel's time runs from the key release (Recorder.stop() on a stand-in microphone
   that already holds jfk's samples, then Recording.wav(), then transcribe()) to the
   parsed text; curl's from spawning curl to its exit (so curl's own process start, a few
   ms, counts against curl). Goal: panel <= 1.05 x curl + 10 ms.
2. Feeds 10 minutes of 16 kHz audio in 100 ms blocks into Recorder through a stand-in
   sounddevice at X times real time (default 20x), flagging an input overflow whenever a
   callback is still running when the next block is due, as PortAudio would. Reports
   overflows (goal 0), callback time, the buffer's size and the memory allocated while
   recording (goal: the buffer and nothing that grows with the recording).
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import soundfile as sf  # noqa: E402

from panel.core.config.profiles import Engine, Role, ServerProfile  # noqa: E402
from panel.core.servers.ports import pick_free_port  # noqa: E402
from panel.core.servers.supervisor import ServerProcess  # noqa: E402
from panel.core.speech.recorder import Recorder  # noqa: E402
from panel.core.speech.transcribe import TranscriptionClient  # noqa: E402

JFK = "ask not what your country can do for you"


class Status:
    def __init__(self, overflow: bool) -> None:
        self.input_overflow = overflow

    def __bool__(self) -> bool:
        return self.input_overflow


class StandInStream:
    def __init__(self, callback: Any) -> None:
        self.callback = callback
        self.active = False

    def start(self) -> None:
        self.active = True

    def stop(self) -> None:
        self.active = False

    def close(self) -> None:
        pass


class StandInSd:
    class PortAudioError(Exception):
        pass

    def __init__(self) -> None:
        self.stream: StandInStream | None = None

    def query_devices(self, device: Any = None, kind: Any = None) -> dict[str, Any]:
        return {"index": 0, "name": "stand-in", "default_samplerate": 16000.0}

    def check_input_settings(self, **_: Any) -> None:
        pass

    def InputStream(self, **kwargs: Any) -> StandInStream:  # sounddevice's name
        self.stream = StandInStream(kwargs["callback"])
        return self.stream


def engines_root() -> Path:
    done = subprocess.run(
        ["bash", str(ROOT / "resources" / "engines" / "setup_test_engines.sh")],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip().splitlines()[-1])


def words(text: str) -> str:
    return " ".join("".join(c if c.isalpha() else " " for c in text.lower()).split())


def panel_once(client: TranscriptionClient, samples: np.ndarray) -> tuple[float, str]:
    sd = StandInSd()
    recorder = Recorder(sd_module=sd, max_seconds=len(samples) / 16000 + 1)
    recorder.start()
    assert sd.stream is not None
    sd.stream.callback(samples.reshape(-1, 1), len(samples), None, Status(False))
    t0 = time.perf_counter()  # the key is released
    recording = recorder.stop()
    result = client.transcribe(recording.wav(), "recording.wav", response_format="json")
    return time.perf_counter() - t0, result.text


def curl_once(url: str, wav: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    out = subprocess.run(
        ["curl", "-sS", url + "/inference", "-F", f"file=@{wav}", "-F", "response_format=json"],
        capture_output=True,
        check=True,
    ).stdout
    return time.perf_counter() - t0, str(json.loads(out)["text"])


def latency(runs: int) -> None:
    root = engines_root()
    jfk = root / "models" / "jfk.wav"
    samples, rate = sf.read(jfk, dtype="float32")
    assert rate == 16000
    # curl sends exactly the bytes the panel would: the WAV re-encoded by Recording.wav()
    wav = Path("/tmp/bench-transcribe-jfk.wav")
    wav.write_bytes(io.BytesIO(_encode(samples)).getvalue())
    profile = ServerProfile(
        name="whisper",
        engine=Engine.WHISPER_CPP,
        executable=str(root / "bin" / "whisper-server"),
        model=str(root / "models" / "ggml-tiny.en.bin"),
        port=pick_free_port(),
        args=["-t", "4"],
        role=Role.TRANSCRIPTION,
        ready_timeout=60,
        stop_grace=5,
    )
    server = ServerProcess(profile)
    server.start()
    try:
        assert server.wait_ready(60), server.log.texts(20)
        url = profile.base_url
        with TranscriptionClient(url) as client:
            client.detect_api()
            panel_once(client, samples)  # warm-up, both sides
            curl_once(url, wav)
            panel_times, curl_times = [], []
            for _ in range(runs):
                took, text = panel_once(client, samples)
                assert JFK in words(text), text
                panel_times.append(took)
                took, text = curl_once(url, wav)
                assert JFK in words(text), text
                curl_times.append(took)
    finally:
        server.stop_and_wait(30)
    p, c = statistics.median(panel_times), statistics.median(curl_times)
    goal = 1.05 * c + 0.010
    print(f"release-to-text, jfk.wav 11 s, tiny.en, median of {runs} alternating:")
    print(f"  panel (stop + wav + transcribe) {p * 1000:7.1f} ms")
    print(f"  curl                            {c * 1000:7.1f} ms")
    print(f"  ratio {p / c:.3f}; goal <= {goal * 1000:.1f} ms: {'PASS' if p <= goal else 'FAIL'}")


def _encode(samples: np.ndarray) -> bytes:
    from panel.core.speech.wav import encode_wav

    return encode_wav(samples, 16000)


def long_recording(speedup: float, seconds: float = 600.0) -> None:
    block = 1600  # 100 ms at 16 kHz
    period = block / 16000 / speedup
    sd = StandInSd()
    recorder = Recorder(sd_module=sd, max_seconds=seconds)
    rng = np.random.default_rng(0)
    blocks = [(0.1 * rng.standard_normal((block, 1))).astype(np.float32) for _ in range(16)]
    tracemalloc.start()
    recorder.start()
    assert sd.stream is not None
    callback = sd.stream.callback
    base = tracemalloc.get_traced_memory()[0]
    count = round(seconds * 16000 / block)
    durations = np.zeros(count)  # preallocated: the bench must not count its own growth
    late = False

    def feed() -> None:
        nonlocal late
        due = time.perf_counter()
        for i in range(count):
            t0 = time.perf_counter()
            callback(blocks[i % 16], block, None, Status(late))
            durations[i] = time.perf_counter() - t0
            due += period
            # PortAudio's host buffer holds a few periods; data is lost (an input overflow)
            # only when the reader falls more than one whole block behind.
            late = time.perf_counter() > due + period
            pause = due - time.perf_counter()
            if pause > 0:
                time.sleep(pause)

    feeder = threading.Thread(target=feed, name="stand-in PortAudio")
    started = time.perf_counter()
    feeder.start()
    levels = 0
    while feeder.is_alive():  # a GUI meter polling at ~30 Hz (compressed)
        recorder.level()
        levels += 1
        time.sleep(1 / 30 / speedup * 10)
    feeder.join()
    wall = time.perf_counter() - started
    during = tracemalloc.get_traced_memory()[0] - base
    recording = recorder.stop()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    buffer_mb = seconds * 16000 * 4 / 1024**2
    durations.sort()
    median = float(np.median(durations))
    print(
        f"10-minute recording at {speedup:g}x real time ({wall:.1f} s wall, {levels} meter polls):"
    )
    print(f"  recorded {recording.duration:.1f} s, overflows {recording.overflows}")
    print(
        f"  callback median {median * 1e6:.1f} us, "
        f"p99 {durations[int(len(durations) * 0.99)] * 1e6:.1f} us, "
        f"max {durations[-1] * 1e6:.1f} us (block budget {period * 1e6:.0f} us compressed, "
        f"100000 us real)"
    )
    print(
        f"  buffer {buffer_mb:.1f} MB preallocated; growth while recording {during / 1024:.1f} KB; "
        f"peak traced {peak / 1024**2:.1f} MB (buffer + the stop() copy)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--speedup", type=float, default=20.0)
    args = parser.parse_args()
    latency(args.runs)
    long_recording(args.speedup)


if __name__ == "__main__":
    main()
