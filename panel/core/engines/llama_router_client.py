"""Talking to a router-mode llama-server: its model list, load and unload, load events.

Every failure is a :class:`RouterModelError` whose message a user can act on (the
server's own words where it gave some: "model is already running"). Calls block; the
window runs them off its GUI thread, the tests and the command line call them directly.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import httpx

from panel.core.config.profiles import ApiKeyError, ServerProfile, resolve_api_key
from panel.core.engines.llama_router import (
    ModelEvent,
    RouterModel,
    RouterReplyError,
    parse_event,
    parse_models,
)
from panel.core.i18n import translate
from panel.core.net.server_client import ServerClient
from panel.core.net.sse import MalformedStream, SseParser

EVENTS_READ_TIMEOUT = 1.0  # seconds between checks of the cancel flag while events are quiet


class RouterModelError(Exception):
    """A model request that failed; the message says why, in the user's words."""


class LlamaRouterClient(ServerClient):
    """One router-mode llama-server; keeps its connection open between polls."""

    def __init__(
        self,
        profile: ServerProfile,
        *,
        api_key: str | None = None,
        transport: httpx.BaseTransport | None = None,
        timeout: float = 5.0,
    ) -> None:
        if api_key is None:
            try:
                api_key = resolve_api_key(profile.api_key_ref)
            except ApiKeyError:  # a key that cannot be read: the list may still be open
                api_key = None
        super().__init__(profile.base_url, api_key=api_key, transport=transport, timeout=timeout)

    def models(self) -> list[RouterModel]:
        """Every model the server knows, with its state."""
        reply = self._send("GET", "/models")
        try:
            return parse_models(reply.json())
        except (ValueError, RouterReplyError) as exc:
            raise RouterModelError(
                translate(
                    "LlamaRouter",
                    "{where} did not answer with a model list ({error}): is it llama-server "
                    "in router mode?",
                ).format(where=self.where, error=exc)
            ) from None

    def load(self, model: str) -> None:
        """Ask the server to load ``model``; returns when the load has begun (the model's
        state then goes "loading", then "loaded" or "failed")."""
        self._send("POST", "/models/load", {"model": model})

    def unload(self, model: str) -> None:
        self._send("POST", "/models/unload", {"model": model})

    def watch_events(self, on_event: Callable[[ModelEvent], None], cancel: threading.Event) -> None:
        """Call ``on_event`` for each load event of ``/models/sse`` until ``cancel`` is set.

        The stream is quiet between loads; httpx ends a stream at its read timeout, so
        the stream is opened again each time (``cancel`` is seen within a second). A
        server that goes away raises :class:`RouterModelError`.
        """
        while not cancel.is_set():
            try:
                self._read_events(on_event, cancel)
            except httpx.ReadTimeout:
                continue
            except httpx.TransportError as exc:
                if not cancel.is_set():
                    raise self._transport_error(exc) from None
            except MalformedStream as exc:
                raise RouterModelError(str(exc)) from None
            # The server ended the stream itself: not at once again (it may do so always).
            cancel.wait(EVENTS_READ_TIMEOUT)

    def _read_events(self, on_event: Callable[[ModelEvent], None], cancel: threading.Event) -> None:
        timeout = httpx.Timeout(self.timeout, read=EVENTS_READ_TIMEOUT)
        parser = SseParser()
        with self._client.stream("GET", "/models/sse", timeout=timeout) as reply:
            if reply.status_code >= 400:
                reply.read()
                raise self._error(reply)
            for chunk in reply.iter_raw():
                for event in parser.feed(chunk):
                    found = parse_event(event.data)
                    if found is not None:
                        on_event(found)
                if cancel.is_set():
                    return

    # -- plumbing --------------------------------------------------------------------
    def _send(self, method: str, path: str, body: object | None = None) -> httpx.Response:
        try:
            reply = self._client.request(
                method, path, content=None if body is None else json.dumps(body).encode()
            )
        except httpx.TransportError as exc:
            raise self._transport_error(exc) from None
        if reply.status_code >= 400:
            raise self._error(reply)
        return reply

    def _transport_error(self, exc: httpx.TransportError) -> RouterModelError:
        if isinstance(exc, httpx.ConnectError):
            return RouterModelError(
                translate("LlamaRouter", "cannot connect to {where}: is the server running?")
                .format(where=self.where)
            )  # fmt: skip
        return RouterModelError(
            translate("LlamaRouter", "the connection to {where} failed: {error}").format(
                where=self.where, error=exc
            )
        )

    def _error(self, reply: httpx.Response) -> RouterModelError:
        message = ""
        try:
            error = reply.json().get("error")
            if isinstance(error, dict):
                message = str(error.get("message") or "")
            elif isinstance(error, str):
                message = error
        except (ValueError, AttributeError):
            message = reply.text.strip().splitlines()[0][:200] if reply.text.strip() else ""
        if reply.status_code == 404 and message in ("", "File Not Found"):
            # 404 is what the router says for a name it does not know, and what a
            # llama-server with a model of its own says for these paths.
            message = translate(
                "LlamaRouter", "no such model here, or the server is not in router mode"
            )
        if reply.status_code == 401:
            message = translate("LlamaRouter", "the server wants an API key (set the profile's)")
        return RouterModelError(
            translate("LlamaRouter", "{where} answered {status}: {message}").format(
                where=self.where, status=reply.status_code, message=message or reply.reason_phrase
            )
        )


def fetch_models(profile: ServerProfile, timeout: float = 2.0) -> list[RouterModel]:
    """The models of a running router-mode profile, once (for the command line)."""
    with LlamaRouterClient(profile, timeout=timeout) as client:
        return client.models()


class RouterReaders:
    """The window's poller: the model lists of several router-mode servers, one client per
    server kept between rounds, :meth:`read_all` on one worker thread at a time."""

    def __init__(self, *, transport: httpx.BaseTransport | None = None) -> None:
        self._transport = transport
        self._clients: dict[str, tuple[ServerProfile, LlamaRouterClient]] = {}

    def read_all(
        self, profiles: list[ServerProfile]
    ) -> dict[str, list[RouterModel] | RouterModelError]:
        wanted = {profile.name for profile in profiles}
        for name in [name for name in self._clients if name not in wanted]:
            self._clients.pop(name)[1].close()
        found: dict[str, list[RouterModel] | RouterModelError] = {}
        for profile in profiles:
            kept = self._clients.get(profile.name)
            if kept is None or kept[0] != profile:  # new, or edited and restarted
                if kept is not None:
                    kept[1].close()
                kept = (profile, LlamaRouterClient(profile, transport=self._transport, timeout=2.0))
                self._clients[profile.name] = kept
            try:
                found[profile.name] = kept[1].models()
            except RouterModelError as exc:
                found[profile.name] = exc
        return found

    def close(self) -> None:
        for _, client in self._clients.values():
            client.close()
        self._clients.clear()
