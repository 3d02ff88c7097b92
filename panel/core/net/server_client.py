"""What every client of a local inference server shares: one httpx connection pool,
the API key as a bearer token, no proxies, and a short name for messages."""

from __future__ import annotations

from typing import Self
from urllib.parse import urlsplit

import httpx


class ServerClient:
    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 300.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            transport=transport,
            trust_env=False,  # a desktop proxy must not sit between us and localhost
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        )

    @property
    def where(self) -> str:
        """host:port, for messages such as "connection refused by 127.0.0.1:8080"."""
        return urlsplit(self.base_url).netloc or self.base_url

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
