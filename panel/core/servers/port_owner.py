"""Is the program answering on a server's port the server we started?

Asked once, when the readiness probe first gets an answer: a stale server or another
program on the port would pass the probe (vLLM's SO_REUSEPORT even lets two bind it).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from panel.core.servers.ports import listening_pids


def ours_listens(port: int, pids: Sequence[int], *, published: bool = False) -> bool:
    """False only when none of ``pids`` (the server's tree) is seen listening on ``port``.

    /proc/net/tcp is read in pieces and can skip a line while connections come and go
    (seen under load): one miss is no proof, so it looks twice more before blaming another
    program. A container's published port is held by docker-proxy, not by the container:
    nothing to tell there (``published``). When we cannot tell (no permission), ours.
    """
    if published:
        return True
    owner = listening_pids(port, pids)
    for _ in range(2):
        if owner is not False:
            break
        time.sleep(0.1)
        owner = listening_pids(port, pids)
    return owner is not False
