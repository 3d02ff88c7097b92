"""The router's HTTP side: one aiohttp handler per kind of route.

A request is read whole (a JSON body, or a multipart upload for transcriptions), its
``model`` picks the profile, the pool makes that server ready, and the answer streams
back chunk by chunk as it arrives: each ``write`` waits for the client to take the
bytes (back-pressure), and reading the next chunk from the server waits on that. When
the client goes away, aiohttp cancels the handler (``handler_cancellation``), which
closes the connection to the server, and llama-server and vLLM stop generating for a
closed connection. The server's errors pass through unchanged: status, headers, body.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import web

from panel.core.config.profiles import ApiKeyError, ServerProfile, resolve_api_key
from panel.core.i18n import QT_TRANSLATE_NOOP, translate
from panel.core.router.names import (
    NoProfile,
    Refusal,
    form_fields,
    model_of,
    resolve,
    upstream_path,
)
from panel.core.router.pool import ServerPool, Unavailable
from panel.core.router.records import CANCELLED, RequestRecord, StreamMeter

# Headers that belong to one connection, not to the message (RFC 9110 7.6.1), and those
# aiohttp sets itself for the body it sends.
_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
    }
)
_FORM_TEXT_LIMIT = 200  # characters of a form field kept for "copy as curl"


def error_response(status: int, message: str, kind: str) -> web.Response:
    """An OpenAI-style error body, which OpenAI clients show as is."""
    body = {"error": {"message": message, "type": kind, "code": status}}
    return web.json_response(body, status=status)


class Proxy:
    def __init__(
        self,
        pool: ServerPool,
        session: Callable[[], aiohttp.ClientSession],
        on_record: Callable[[RequestRecord], None],
        environ: dict[str, str] | None = None,
    ) -> None:
        self.pool = pool
        self._session = session
        self._on_record = on_record
        self._environ = environ
        self._ids = itertools.count(1)

    async def models(self, request: web.Request) -> web.Response:
        data: list[dict[str, Any]] = [
            {
                "id": served.name,
                "object": "model",
                "created": 0,
                "owned_by": "inference-panel",
                "aliases": served.aliases,
                "engine": served.engine,
                "role": served.role,
                "state": served.state,
                "pinned": served.pinned,
                "started_by_router": served.started_by_router,
                "idle_timeout": served.idle_timeout,
                "unload": served.unload,
            }
            for served in self.pool.listing()
        ]
        return web.json_response({"object": "list", "data": data})

    async def health(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def forward(self, request: web.Request) -> web.StreamResponse:
        arrived = time.monotonic()
        route = request.path
        body = await request.read()
        content_type = request.headers.get("Content-Type", "")
        record = RequestRecord(next(self._ids), time.time(), route, "")
        _read_request(record, content_type, body)
        model = record.model or None
        self._emit(record)
        try:
            profile = resolve(model, self.pool.profiles, route)
        except NoProfile as exc:
            response = error_response(404, str(exc), "model_not_found")
            return self._end(record, arrived, response, exc.shown)
        record.profile = profile.name
        try:
            record.started_server = await self.pool.acquire(profile)
        except Unavailable as exc:
            return self._end(
                record, arrived, error_response(503, str(exc), "unavailable"), exc.shown
            )
        except asyncio.CancelledError:
            self._finish(record, arrived, StreamMeter(arrived), CANCELLED, _client_left())
            raise
        record.waited = time.monotonic() - arrived
        if record.started_server:  # the list shows the load; a ready server needs no step
            self._emit(record)
        try:
            return await self._stream(request, profile, route, body, record, arrived)
        finally:
            self.pool.release(profile)

    async def _stream(
        self,
        request: web.Request,
        profile: ServerProfile,
        route: str,
        body: bytes,
        record: RequestRecord,
        arrived: float,
    ) -> web.StreamResponse:
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP}
        headers.pop("Authorization", None)  # the router's client does not know the key
        try:
            key = resolve_api_key(profile.api_key_ref, self._environ)
        except ApiKeyError as exc:
            return self._end(record, arrived, error_response(503, str(exc), "unavailable"))
        if key:
            headers["Authorization"] = f"Bearer {key}"
        url = profile.base_url + upstream_path(profile, route)
        if request.query_string:
            url += "?" + request.query_string
        meter = StreamMeter(arrived)
        response: web.StreamResponse | None = None
        try:
            async with await self._open(request.method, url, body, headers) as upstream:
                response = web.StreamResponse(status=upstream.status, reason=upstream.reason)
                for name, value in upstream.headers.items():
                    if name.lower() not in _HOP:
                        response.headers.add(name, value)
                await response.prepare(request)
                async for chunk in upstream.content.iter_any():
                    meter.feed(chunk)
                    await response.write(chunk)
                await response.write_eof()
        except asyncio.CancelledError:
            self._finish(record, arrived, meter, CANCELLED, _client_left())
            raise
        except (aiohttp.ClientError, ConnectionError) as exc:
            if response is None:
                silent = Refusal(
                    QT_TRANSLATE_NOOP("Router", "{name} at {url} did not answer: {error}"),
                    name=profile.name,
                    url=profile.base_url,
                    error=exc,
                )
                response = error_response(502, str(silent), "bad_gateway")
                return self._end(record, arrived, response, silent.shown)
            # Headers are sent: all that is left is to end the answer early.
            cut = translate("Router", "cut short: {error}").format(error=exc)
            self._finish(record, arrived, meter, response.status, cut)
            return response
        self._finish(record, arrived, meter, response.status, "")
        return response

    async def _open(
        self, method: str, url: str, body: bytes, headers: dict[str, str]
    ) -> aiohttp.ClientResponse:
        """The server's response (headers read). A kept-alive connection the server closed
        meanwhile fails before any answer: that one is tried once more, on a new one."""
        try:
            return await self._session().request(method, url, data=body, headers=headers)
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError):
            return await self._session().request(
                method, url, data=body, headers={**headers, "Connection": "close"}
            )

    # -- records --------------------------------------------------------------------------
    def _end(
        self, record: RequestRecord, arrived: float, response: web.Response, shown: str = ""
    ) -> web.Response:
        """``shown``: the body's error in the user's language (the body stays English)."""
        record.status = response.status
        record.error = shown or _error_text(response)
        record.duration = time.monotonic() - arrived
        self._emit(record)
        return response

    def _finish(
        self, record: RequestRecord, arrived: float, meter: StreamMeter, status: int, error: str
    ) -> None:
        record.tokens = meter.finish()
        record.ttft = meter.ttft
        record.streamed = meter.streamed
        record.status = status
        record.error = error
        record.duration = time.monotonic() - arrived
        self._emit(record)

    def _emit(self, record: RequestRecord) -> None:
        self._on_record(record)


def _client_left() -> str:
    return translate("Router", "the client went away")


def _error_text(response: web.Response) -> str:
    try:
        data = json.loads(response.body)  # type: ignore[arg-type]
        return str(data["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return ""


def _read_request(record: RequestRecord, content_type: str, body: bytes) -> None:
    """The request's model, and what "copy as curl" needs: the JSON body (parsed once, for
    both), or a form's fields."""
    if content_type.startswith("multipart/form-data"):
        fields = form_fields(content_type, body)
        record.form = [(name, value[:_FORM_TEXT_LIMIT]) for name, value in fields]
        record.model = model_of(content_type, body) or ""
        return
    try:
        data = json.loads(body) if body else None
    except (ValueError, UnicodeDecodeError):
        return
    if isinstance(data, dict):
        record.body = data
        model = data.get("model")
        record.model = model if isinstance(model, str) else ""
