"""Chat latency through ChatClient against `curl -N` with the same payload, and image prep time.

usage: .venv/bin/python bench/chat_latency.py [--runs N]

Starts the real llama-server with the scripted tiny llama and the tiny projector (from
resources/engines/setup_test_engines.sh), sends the same streamed image request N times
through ChatClient and N times through `curl -N -d @body.json`, alternating, and reports
medians. TTFT is the time from starting the request to the first content token arriving
at the reader; for curl it is measured from spawning curl (so it includes curl's process
start, a few ms that count against curl) to the first content line on its stdout.
Also times prepare_image on a generated 24-megapixel JPEG (median of 5).

Goals: ChatClient within 1.05x + 5 ms of curl; prepare_image at most 300 ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from panel.core.chat.client import ChatClient  # noqa: E402
from panel.core.chat.image_prep import prepare_image  # noqa: E402
from panel.core.chat.payload import ChatImage, ChatMessage, build_chat_request  # noqa: E402
from panel.core.config.profiles import Engine, ServerProfile  # noqa: E402
from panel.core.demo import run_setup  # noqa: E402
from panel.core.servers.ports import pick_free_port  # noqa: E402
from panel.core.servers.supervisor import ServerProcess  # noqa: E402


def curl_once(url: str, body_file: Path) -> tuple[float, float, str]:
    """(ttft, total, text) for one `curl -N` run, timed from spawning curl."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        ["curl", "-sN", url + "/v1/chat/completions", "-H", "Content-Type: application/json",
         "-d", f"@{body_file}"],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None
    ttft: float | None = None
    text: list[str] = []
    for raw in proc.stdout:
        line = raw.decode("utf-8", "replace").strip()
        if not line.startswith("data: ") or line == "data: [DONE]":
            continue
        event = json.loads(line[6:])
        for choice in event.get("choices") or []:
            piece = (choice.get("delta") or {}).get("content")
            if piece:
                if ttft is None:
                    ttft = time.perf_counter() - t0
                text.append(piece)
    proc.wait()
    total = time.perf_counter() - t0
    return (ttft if ttft is not None else total), total, "".join(text)


def client_once(client: ChatClient, request: dict[str, object]) -> tuple[float, float, str]:
    t0 = time.perf_counter()
    result = client.stream_chat(request, lambda d: None)
    total = time.perf_counter() - t0
    return (result.ttft if result.ttft is not None else total), total, result.text


def ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    root = run_setup()  # cached after the first build
    tmp = Path(tempfile.mkdtemp(prefix="chat-bench-"))

    big = tmp / "24mp.jpg"
    Image.effect_noise((600, 400), 60).convert("RGB").resize((6000, 4000)).save(
        big, "JPEG", quality=92
    )
    prep_times = []
    for _ in range(5):
        t0 = time.perf_counter()
        prepared = prepare_image(big)
        prep_times.append(time.perf_counter() - t0)

    photo = tmp / "photo.jpg"
    Image.effect_noise((640, 480), 60).convert("RGB").save(photo, "JPEG")
    small = prepare_image(photo)
    request = build_chat_request(
        [ChatMessage("user", "解释图像", [ChatImage(str(photo), small.mime, small.data)])],
        model=None, temperature=0, max_tokens=32,
    )  # fmt: skip
    body_file = tmp / "body.json"
    body_file.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")

    profile = ServerProfile(
        "bench", Engine.LLAMA_CPP, executable=str(root / "bin/llama-server"),
        model=str(root / "models/tiny-llama.gguf"), port=pick_free_port(),
        args=["-c", "2048", "-t", "2", "--mmproj", str(root / "models/tiny-mmproj.gguf")],
    )  # fmt: skip
    server = ServerProcess(profile)
    server.start()
    try:
        if not server.wait_ready(60):
            raise RuntimeError(f"llama-server never became ready: {server.log.texts(10)}")
        url = profile.base_url
        client = ChatClient(url)
        client_once(client, request)  # warm both paths once: first image load, page cache
        curl_once(url, body_file)
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        for i in range(args.runs * 2):
            if i % 2 == 0:
                ttft, total, text = client_once(client, request)
                ours.append((ttft, total))
            else:
                ttft, total, text = curl_once(url, body_file)
                theirs.append((ttft, total))
            assert text == "Hello from a tiny model.", text
        client.close()
    finally:
        server.stop_and_wait(30)

    rows = [("", "ChatClient ms", "curl -N ms", "ratio", "goal")]
    for label, idx in (("TTFT (median)", 0), ("total (median)", 1)):
        a = ms([r[idx] for r in ours])
        b = ms([r[idx] for r in theirs])
        ok = a <= b * 1.05 + 5
        rows.append((label, f"{a:.1f}", f"{b:.1f}", f"{a / b:.2f}x", "ok" if ok else "MISSED"))
    prep = ms(prep_times)
    rows.append(("prepare_image 24 MP", f"{prep:.1f}", "", "", "ok" if prep <= 300 else "MISSED"))
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    print(f"{args.runs} alternating runs each; image body {body_file.stat().st_size} bytes; "
          f"24 MP JPEG -> {prepared.width}x{prepared.height} {prepared.mime}")  # fmt: skip
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
