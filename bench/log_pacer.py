"""tests/fakes/script_server.py with its log flowing at a steady rate.

usage: python bench/log_pacer.py --rate N [script_server arguments...]

N lines a second (0: none), written in bursts every 50 ms the way a busy server logs per
request and per slot; everything else is script_server's own behaviour (ready line,
/health, SIGTERM). Used by bench/many_servers.py.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "fakes"))

import script_server

BURST_S = 0.05


def flow(rate: float) -> None:
    per_burst = max(1, round(rate * BURST_S))
    n = 0
    due = time.monotonic()
    while True:
        lines = "".join(
            f"slot update_slots: id 0 | task {n + i} | n_past = {n + i}, decode 42.0 t/s 解释图像\n"
            for i in range(per_burst)
        )
        os.write(1, lines.encode())
        n += per_burst
        due += BURST_S
        time.sleep(max(0.0, due - time.monotonic()))


def main() -> int:
    args = sys.argv[1:]
    rate = 0.0
    if args[:1] == ["--rate"]:
        rate, args = float(args[1]), args[2:]
    if rate > 0:
        threading.Thread(target=flow, args=(rate,), daemon=True).start()
    return script_server.main(args)


if __name__ == "__main__":
    sys.exit(main())
