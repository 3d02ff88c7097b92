"""Downloading a dropped image link: a real HTTP server on 127.0.0.1, no Qt."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from PIL import Image

from panel.core.chat.image_fetch import fetch_image, link_name
from panel.core.chat.image_prep import ImageError
from panel.core.servers.ports import pick_free_port


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (10, 200, 30)).save(out, "PNG")
    return out.getvalue()


PNG = png_bytes()
release = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/red.png":
            self._send(200, "image/png", PNG)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/red.png")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/announced-huge.png":
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
            self.wfile.write(b"\0" * 4096)  # it never gets near the gigabyte
        elif self.path == "/unannounced-huge.png":
            # No length: the body ends when the connection closes, so only counting stops it.
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"\0" * 1024)
        elif self.path == "/page.html":
            self._send(200, "text/html; charset=utf-8", b"<html><title>A gallery</title></html>")
        elif self.path == "/stall.png":
            release.wait(10)
        else:
            self._send(404, "text/plain", b"File Not Found")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,))
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    release.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def failure(url: str, **kw: Any) -> str:
    with pytest.raises(ImageError) as info:
        fetch_image(url, **kw)
    return str(info.value)


def test_an_image_link_is_downloaded_whole(site: str) -> None:
    assert fetch_image(f"{site}/red.png") == PNG


def test_redirects_are_followed(site: str) -> None:
    assert fetch_image(f"{site}/moved") == PNG


def test_a_missing_image_names_the_file_and_the_status(site: str) -> None:
    message = failure(f"{site}/gone.png")
    assert message == "Could not download gone.png: the server answered 404 Not Found"


def test_an_announced_size_over_the_limit_stops_before_the_body(site: str) -> None:
    message = failure(f"{site}/announced-huge.png", limit=1024 * 1024)
    assert message == "announced-huge.png: the download is larger than 1 MB"


def test_a_body_over_the_limit_stops_at_the_limit(site: str) -> None:
    message = failure(f"{site}/unannounced-huge.png", limit=16 * 1024)
    assert "unannounced-huge.png: the download is larger than" in message


def test_a_web_page_is_not_an_image(site: str) -> None:
    assert "page.html is a web page, not an image" in failure(f"{site}/page.html")


def test_a_server_that_does_not_answer_times_out(site: str) -> None:
    message = failure(f"{site}/stall.png", timeout=0.3)
    assert message == "Could not download stall.png: 127.0.0.1:" + site.rsplit(":", 1)[1] + (
        " did not answer within 0.3 s"
    )


def test_nobody_listening_is_a_clear_message() -> None:
    port = pick_free_port()
    assert failure(f"http://127.0.0.1:{port}/x.png") == (
        f"Could not download x.png: cannot connect to 127.0.0.1:{port}"
    )


@pytest.mark.parametrize("url", ["ftp://example.org/x.png", "file:///etc/passwd", "http://"])
def test_only_web_links_are_fetched(url: str) -> None:
    assert "only complete http:// and https:// links can be downloaded" in failure(url)


def test_link_names() -> None:
    assert link_name("https://example.org/a/b/cat.jpg?size=2") == "cat.jpg"
    assert link_name("https://example.org/") == "example.org"
