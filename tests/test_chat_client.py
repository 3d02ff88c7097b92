"""ChatClient against the real llama-server, the vLLM stand-in and small misbehaving servers."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest
from PIL import Image

from panel.core.chat.client import ChatClient, ChatDelta, ChatError
from panel.core.chat.image_prep import prepare_image
from panel.core.chat.payload import (
    ChatImage,
    ChatMessage,
    build_chat_request,
)
from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.servers.ports import pick_free_port
from panel.core.servers.supervisor import ServerProcess
from tests.conftest import EngineKit

TINY_ANSWER = "Hello from a tiny model."


class RecordingTransport(httpx.HTTPTransport):
    """A real transport that keeps the bodies it sent."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[bytes] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.bodies.append(request.read())
        return super().handle_request(request)


@pytest.fixture
def launch() -> Iterator[Callable[..., ServerProcess]]:
    servers: list[ServerProcess] = []

    def make(profile: ServerProfile, environ: dict[str, str] | None = None) -> ServerProcess:
        server = ServerProcess(profile, environ=environ) if environ else ServerProcess(profile)
        servers.append(server)
        server.start()
        assert server.wait_ready(60), server.log.texts(30)
        return server

    yield make
    for server in servers:
        server.stop_and_wait(30)


def llama(engines: EngineKit, model: str = "tiny-llama.gguf", *extra: str) -> ServerProfile:
    return ServerProfile(
        name="tiny",
        engine=Engine.LLAMA_CPP,
        executable=engines.llama_server,
        model=engines.model(model),
        port=pick_free_port(),
        args=["-c", "2048", "-t", "2", *extra],
        role=Role.VISION,
        ready_timeout=60.0,
        stop_grace=5.0,
    )


def png(tmp_path: Path, name: str = "图像.png") -> Path:
    path = tmp_path / name
    Image.new("RGB", (64, 48), (200, 30, 30)).save(path)
    return path


def image_request(path: Path, text: str = "解释图像", **kw: Any) -> dict[str, Any]:
    prepared = prepare_image(path)
    image = ChatImage(str(path), prepared.mime, prepared.data)
    return build_chat_request(
        [ChatMessage("user", text, [image])],
        model=kw.get("model"),
        temperature=0,
        max_tokens=kw.get("max_tokens", 32),
    )


# -- the real llama-server ---------------------------------------------------------------


@pytest.mark.engines
def test_vision_stream_with_projector(engines: EngineKit, launch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = launch(
        llama(engines, "tiny-llama.gguf", "--mmproj", engines.model("tiny-mmproj.gguf"))
    )
    transport = RecordingTransport()
    deltas: list[ChatDelta] = []
    with ChatClient(server.profile.base_url, transport=transport) as client:
        assert client.vision_support()[0] is True
        result = client.stream_chat(image_request(png(tmp_path)), deltas.append)
        assert client.models() == [engines.model("tiny-llama.gguf")]
    assert result.text == TINY_ANSWER
    assert len([d for d in deltas if d.text]) >= 3
    assert "".join(d.text for d in deltas) == TINY_ANSWER
    assert result.finish_reason == "stop"
    assert result.ttft is not None and 0 < result.ttft <= result.total
    assert result.tokens_per_second is not None and result.tokens_per_second > 0
    assert result.completion_tokens == 6 and result.prompt_tokens
    sent = json.loads(next(b for b in transport.bodies if b))
    url = sent["messages"][0]["content"][1]["image_url"]["url"]
    assert url.startswith("data:image/png;base64,")


@pytest.mark.engines
def test_image_without_projector_says_mmproj(engines: EngineKit, launch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = launch(llama(engines))
    with ChatClient(server.profile.base_url) as client:
        supported, reason = client.vision_support()
        assert supported is False and "--mmproj" in reason
        with pytest.raises(ChatError) as info:
            client.stream_chat(image_request(png(tmp_path)), lambda d: None)
    assert info.value.kind == "no-vision"
    assert "--mmproj" in str(info.value)
    assert info.value.status == 500


@pytest.mark.engines
def test_cancel_from_the_delta_callback_keeps_the_partial_text(engines: EngineKit, launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(llama(engines))
    cancel = threading.Event()
    request = build_chat_request(
        [ChatMessage("user", "hi")], model=None, temperature=0, max_tokens=512
    )
    with ChatClient(server.profile.base_url) as client:
        with pytest.raises(ChatError) as info:
            client.stream_chat(request, lambda d: cancel.set(), cancel)
        assert info.value.kind == "cancelled"
        partial = info.value.partial
        assert partial is not None and partial.text and partial.text != TINY_ANSWER
        assert TINY_ANSWER.startswith(partial.text)
        # The client is still usable: the cancelled connection was not put back half-read.
        assert client.stream_chat(request, lambda d: None).text == TINY_ANSWER


@pytest.mark.engines
def test_smollm2_text_round_trip(engines: EngineKit, launch) -> None:  # type: ignore[no-untyped-def]
    server = launch(llama(engines, "SmolLM2-135M-Instruct.Q4_1.gguf"))
    request = build_chat_request(
        [
            ChatMessage("system", "You are a helpful assistant."),
            ChatMessage("user", "What is the capital of France?"),
        ],
        model=None,
        temperature=0,
        max_tokens=24,
    )
    with ChatClient(server.profile.base_url) as client:
        assert client.vision_support()[0] is False
        result = client.stream_chat(request, lambda d: None)
    assert "Paris" in result.text
    assert result.tokens_per_second and result.ttft


def test_refused_connection() -> None:
    port = pick_free_port()
    with ChatClient(f"http://127.0.0.1:{port}") as client:
        with pytest.raises(ChatError) as info:
            client.stream_chat({"messages": []}, lambda d: None)
        assert info.value.kind == "refused"
        assert "not running" in str(info.value)
        assert client.vision_support()[0] is None


# -- servers that misbehave ----------------------------------------------------------------


class Scripted(BaseHTTPRequestHandler):
    """Answers every POST with the reply named by the test."""

    replies: ClassVar[dict[str, Callable[[BaseHTTPRequestHandler], None]]] = {}
    release = threading.Event()

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.replies[str(self.server.server_address[1])](self)

    def do_GET(self) -> None:
        self.do_POST()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def send(handler: BaseHTTPRequestHandler, status: int, ctype: str, body: bytes) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def scripted() -> Iterator[Callable[[Callable[[BaseHTTPRequestHandler], None]], str]]:
    servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def make(reply: Callable[[BaseHTTPRequestHandler], None]) -> str:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
        httpd.daemon_threads = True
        port = httpd.server_address[1]
        Scripted.replies[str(port)] = reply
        thread = threading.Thread(target=httpd.serve_forever, args=(0.05,))
        thread.start()
        servers.append((httpd, thread))
        return f"http://127.0.0.1:{port}"

    yield make
    Scripted.release.set()
    for httpd, thread in servers:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
    Scripted.release.clear()


def failure(url: str) -> ChatError:
    with ChatClient(url, timeout=10) as client, pytest.raises(ChatError) as info:
        client.stream_chat({"messages": [], "stream": True}, lambda d: None)
    return info.value


def test_html_error_page(scripted) -> None:  # type: ignore[no-untyped-def]
    page = (
        b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
    )
    error = failure(scripted(lambda h: send(h, 502, "text/html", page)))
    assert error.kind == "html"
    assert "the server answered with an HTML page: 502 Bad Gateway" in str(error)


def test_html_with_status_200(scripted) -> None:  # type: ignore[no-untyped-def]
    page = b"<html><head><title>Open WebUI</title></head></html>"
    error = failure(scripted(lambda h: send(h, 200, "text/html; charset=utf-8", page)))
    assert error.kind == "html" and "Open WebUI" in str(error)


def test_loading_503(scripted) -> None:  # type: ignore[no-untyped-def]
    body = b'{"error":{"message":"Loading model","type":"unavailable_error","code":503}}'
    error = failure(scripted(lambda h: send(h, 503, "application/json", body)))
    assert error.kind == "loading" and "still loading" in str(error)


def test_malformed_sse(scripted) -> None:  # type: ignore[no-untyped-def]
    body = b'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\ndata: {not json\n\n'
    error = failure(scripted(lambda h: send(h, 200, "text/event-stream", body)))
    assert error.kind == "malformed"
    assert error.partial is not None and error.partial.text == "Hi"


def test_stream_cut_short_and_not_sse_at_all(scripted) -> None:  # type: ignore[no-untyped-def]
    cut = b'data: {"choices":[{"delta":{"content":"Hi"}}]}\n\n'
    assert failure(scripted(lambda h: send(h, 200, "text/event-stream", cut))).kind == "malformed"
    junk = b"this is not\nan event stream\n"
    assert failure(scripted(lambda h: send(h, 200, "text/plain", junk))).kind == "malformed"


def test_other_http_error_and_plain_text(scripted) -> None:  # type: ignore[no-untyped-def]
    error = failure(scripted(lambda h: send(h, 404, "text/plain", b"File Not Found")))
    assert error.kind == "http" and "404" in str(error) and "File Not Found" in str(error)


def test_server_ignoring_stream_answers_in_one_piece(scripted) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps(
        {
            "choices": [{"message": {"content": "Whole."}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 3, "completion_tokens": 2},
        }
    ).encode()
    url = scripted(lambda h: send(h, 200, "application/json", body))
    with ChatClient(url) as client:
        result = client.stream_chat({"messages": []}, lambda d: None)
    assert (result.text, result.finish_reason, result.completion_tokens) == ("Whole.", "stop", 2)


def slow_stream(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.end_headers()
    event = {"choices": [{"delta": {"content": "Hi", "reasoning_content": "hmm"}}]}
    handler.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
    handler.wfile.flush()
    Scripted.release.wait(30)  # then stall, like a server stuck in a long prompt


def test_cancel_from_another_thread_cuts_a_stalled_stream(scripted) -> None:  # type: ignore[no-untyped-def]
    url = scripted(slow_stream)
    cancel = threading.Event()
    first = threading.Event()
    with ChatClient(url) as client:
        outcome: dict[str, Any] = {}

        def run() -> None:
            try:
                client.stream_chat({"messages": []}, lambda d: first.set(), cancel)
            except ChatError as exc:
                outcome["error"] = exc

        worker = threading.Thread(target=run)
        worker.start()
        assert first.wait(10)
        cancelled_at = time.monotonic()
        cancel.set()
        worker.join(5)
        assert not worker.is_alive()
        assert time.monotonic() - cancelled_at < 1.0
    error = outcome["error"]
    assert error.kind == "cancelled"
    assert error.partial.text == "Hi" and error.partial.reasoning == "hmm"


def test_read_timeout(scripted) -> None:  # type: ignore[no-untyped-def]
    url = scripted(slow_stream)
    with ChatClient(url, timeout=0.3) as client, pytest.raises(ChatError) as info:
        client.stream_chat({"messages": []}, lambda d: None)
    assert info.value.kind == "timeout" and "0.3 s" in str(info.value)
    assert info.value.partial is not None and info.value.partial.text == "Hi"


def test_error_event_inside_the_stream(scripted) -> None:  # type: ignore[no-untyped-def]
    body = b'data: {"error":{"code":500,"message":"image input is not supported - hint: provide the mmproj"}}\n\n'
    error = failure(scripted(lambda h: send(h, 200, "text/event-stream", body)))
    assert error.kind == "no-vision"


def test_api_key_is_sent_as_bearer() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization", ""))
        return httpx.Response(
            200,
            headers={"content-type": "text/event-stream"},
            content=b'data: {"choices":[{"delta":{"content":"ok"},"finish_reason":"stop"}]}\n\n'
            b"data: [DONE]\n\n",
        )

    with ChatClient("http://x", api_key="s3cret", transport=httpx.MockTransport(handler)) as c:
        assert c.stream_chat({"messages": []}, lambda d: None).text == "ok"
    assert seen == ["Bearer s3cret"]
