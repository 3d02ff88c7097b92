"""Downloading an image the user dropped as a link, with a size bound and errors that say
what went wrong in the user's words (never an httpx exception text alone)."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from panel.core.chat.image_prep import ImageError
from panel.core.i18n import translate

URL_FETCH_LIMIT = 50 * 1024 * 1024
FETCH_TIMEOUT = 30.0  # seconds without a byte before we give up


def link_name(url: str) -> str:
    """A short name for a link in messages: its last path segment, else its host."""
    parts = urlsplit(url)
    return parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc or url


def fetch_image(
    url: str,
    *,
    limit: int = URL_FETCH_LIMIT,
    timeout: float = FETCH_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
) -> bytes:
    """The bytes behind an http(s) link; raises :class:`ImageError` with a clear message.

    Stops as soon as more than ``limit`` bytes arrive (or the server announces more), so a
    link to a huge file costs no more than ``limit``.
    """
    name = link_name(url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ImageError(
            translate(
                "Images", "{name}: only complete http:// and https:// links can be downloaded"
            ).format(name=name)
        )
    too_big = translate("Images", "{name}: the download is larger than {size:g} MB").format(
        name=name, size=limit / (1024 * 1024)
    )
    # Unlike the clients of local servers, this one honours the desktop's proxy settings:
    # the link may point anywhere on the internet.
    try:
        with (
            httpx.Client(follow_redirects=True, timeout=timeout, transport=transport) as client,
            client.stream("GET", url) as reply,
        ):
            if reply.status_code >= 400:
                raise ImageError(
                    translate(
                        "Images", "Could not download {name}: the server answered {status}"
                    ).format(
                        name=name, status=f"{reply.status_code} {reply.reason_phrase}".rstrip()
                    )
                )
            if "text/html" in reply.headers.get("content-type", "").lower():
                raise ImageError(
                    translate(
                        "Images", "{name} is a web page, not an image: link the image itself"
                    ).format(name=name)
                )
            announced = reply.headers.get("content-length", "")
            if announced.isdigit() and int(announced) > limit:
                raise ImageError(too_big)
            chunks: list[bytes] = []
            size = 0
            for chunk in reply.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise ImageError(too_big)
                chunks.append(chunk)
    except httpx.ConnectError:
        raise ImageError(
            translate("Images", "Could not download {name}: cannot connect to {host}").format(
                name=name, host=parts.netloc
            )
        ) from None
    except httpx.TimeoutException:
        raise ImageError(
            translate(
                "Images", "Could not download {name}: {host} did not answer within {seconds:g} s"
            ).format(name=name, host=parts.netloc, seconds=timeout)
        ) from None
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise ImageError(
            translate("Images", "Could not download {name}: {reason}").format(
                name=name, reason=exc or type(exc).__name__
            )
        ) from exc
    return b"".join(chunks)
