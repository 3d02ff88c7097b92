"""``inference-panel ask``: one chat message (with images) to a running server, streamed."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from panel.cli.exit_codes import EXIT_OK, fail
from panel.cli.profile_key import profile_and_key
from panel.core.config.profiles import ServerProfile
from panel.core.config.store import ConfigStore


def cmd_ask(store: ConfigStore, args: argparse.Namespace) -> int:
    from panel.core.chat.client import ChatClient, ChatDelta, ChatError
    from panel.core.chat.image_prep import ImageError, prepare_image
    from panel.core.chat.payload import (
        ChatImage,
        ChatMessage,
        ImageTransport,
        build_chat_request,
        server_side_path,
    )

    profile: ServerProfile | None = None
    api_key: str | None = None
    if args.profile:
        found = profile_and_key(store, args.profile)
        if isinstance(found, int):
            return found
        profile, api_key = found
        url = profile.base_url
    else:
        url = args.url
    images: list[ChatImage] = []
    for item in args.image:
        if item.startswith(("http://", "https://", "data:")):
            images.append(ChatImage(item, transport=ImageTransport.URL))
            continue
        path = Path(item).expanduser()
        on_server = server_side_path(profile, path)
        if on_server is not None:
            images.append(ChatImage(on_server, transport=ImageTransport.FILE_URL))
            continue
        try:
            prepared = prepare_image(path)
        except ImageError as exc:
            return fail(exc)
        images.append(ChatImage(str(path), prepared.mime, prepared.data))
    messages = []
    if args.system:
        messages.append(ChatMessage("system", args.system))
    messages.append(ChatMessage("user", args.prompt, images))
    request = build_chat_request(
        messages, model=args.model, temperature=args.temperature, max_tokens=args.max_tokens
    )
    out, err = sys.stdout, sys.stderr

    def show(delta: ChatDelta) -> None:
        if delta.reasoning:  # thinking goes aside, the answer alone to stdout
            err.write(delta.reasoning)
            err.flush()
        if delta.text:
            out.write(delta.text)
            out.flush()

    # --timeout bounds each read and the whole answer: keep-alives cannot stretch it.
    client = ChatClient(url, api_key=api_key, timeout=args.timeout, deadline=args.timeout)
    try:
        result = client.stream_chat(request, show)
    except ChatError as exc:
        if exc.partial is not None and exc.partial.text:
            out.write("\n")
            out.flush()
        return fail(exc)
    except KeyboardInterrupt:
        out.write("\n")
        fail("cancelled")
        return 128 + signal.SIGINT
    finally:
        client.close()
    if not result.text.endswith("\n"):
        out.write("\n")
    out.flush()
    ttft = "?" if result.ttft is None else f"{result.ttft * 1000:.0f} ms"
    speed = "?" if result.tokens_per_second is None else f"{result.tokens_per_second:.1f}"
    tokens = "" if result.completion_tokens is None else f", {result.completion_tokens} tokens"
    err.write(f"TTFT {ttft}, {speed} tokens/s{tokens}, total {result.total:.2f} s\n")
    err.flush()
    return EXIT_OK
