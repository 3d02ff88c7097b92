"""Is the server ready? One HTTP probe, read the way each engine means it.

Log lines are never proof of readiness (old llama-server builds print "listening"
before loading; whisper-server's ready line is unflushed): only the health endpoint is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from panel.core.i18n import translate

if TYPE_CHECKING:
    # httpx (with click and rich) loads on the first probe, not when the window opens.
    import httpx


class Probe(StrEnum):
    READY = "ready"  # health answered 2xx
    LOADING = "loading"  # the server answers but is still loading (llama-server's 503)
    NO_ANSWER = "no-answer"  # refused, reset or timed out: not listening (yet)
    ERROR = "error"  # something answers, but not like a healthy server


@dataclass(frozen=True)
class ProbeResult:
    state: Probe
    status_code: int | None = None
    detail: str = ""


def make_client(transport: httpx.BaseTransport | None = None, timeout: float = 2.0) -> httpx.Client:
    import httpx

    # trust_env=False: a desktop's HTTP(S)_PROXY must not swallow requests to 127.0.0.1.
    return httpx.Client(transport=transport, timeout=timeout, trust_env=False)


def probe(client: httpx.Client, url: str) -> ProbeResult:
    import httpx

    try:
        response = client.get(url)
    except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
        return ProbeResult(Probe.NO_ANSWER, detail=type(exc).__name__)
    except httpx.TimeoutException:
        return ProbeResult(Probe.NO_ANSWER, detail=translate("ServerNotes", "timed out"))
    except httpx.HTTPError as exc:
        return ProbeResult(Probe.ERROR, detail=str(exc))
    code = response.status_code
    if 200 <= code < 300:
        return ProbeResult(Probe.READY, code)
    if code == 503:
        return ProbeResult(Probe.LOADING, code, _error_message(response))
    detail = translate("ServerNotes", "HTTP {code} from {url}: {message}")
    return ProbeResult(
        Probe.ERROR, code, detail.format(code=code, url=url, message=_error_message(response))
    )


def _error_message(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text.strip()[:200]
    if isinstance(data, dict):
        error = data.get("error")
        if isinstance(error, dict) and isinstance(error.get("message"), str):
            return str(error["message"])
        if isinstance(error, str):
            return error
    return response.text.strip()[:200]
