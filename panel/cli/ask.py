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
from panel.core.i18n import translate


def cmd_ask(store: ConfigStore, args: argparse.Namespace) -> int:
    from panel.core.chat.client import ChatClient, ChatDelta, ChatError
    from panel.core.chat.image_prep import ImageError, prepare_image
    from panel.core.chat.payload import (
        ChatImage,
        ChatMessage,
        ImageTransport,
        MediaPathError,
        build_chat_request,
        file_url_image,
        server_side_path,
    )
    from panel.core.net.server_text import for_terminal

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
        if item.startswith("file://"):  # the server reads it itself, if it may
            try:
                images.append(file_url_image(profile, item))
            except MediaPathError as exc:
                return fail(exc)
            continue
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
    last = [""]  # the answer's last character: the answer itself is never kept

    # Models answer control characters too: none reaches the terminal raw (server_text).
    def show(delta: ChatDelta) -> None:
        if delta.reasoning:  # thinking goes aside, the answer alone to stdout
            err.write(for_terminal(delta.reasoning))
            err.flush()
        if delta.text:
            text = for_terminal(delta.text)
            out.write(text)
            out.flush()
            last[0] = text[-1:] or last[0]  # for_terminal may leave nothing

    # --timeout bounds each read and the whole answer: keep-alives cannot stretch it.
    client = ChatClient(url, api_key=api_key, timeout=args.timeout, deadline=args.timeout)
    try:
        # Each piece goes straight to stdout: an answer of hundreds of MB costs no memory.
        result = client.stream_chat(request, show, keep_text=False)
    except ChatError as exc:
        if last[0] and last[0] != "\n":
            out.write("\n")
            out.flush()
        return fail(for_terminal(str(exc)))  # the server's own words are in it
    except KeyboardInterrupt:
        out.write("\n")
        fail(translate("Cli", "cancelled"))
        return 128 + signal.SIGINT
    finally:
        client.close()
    if last[0] != "\n":
        out.write("\n")
    out.flush()
    ttft = "?" if result.ttft is None else f"{result.ttft * 1000:.0f} ms"
    speed = "?" if result.tokens_per_second is None else f"{result.tokens_per_second:.1f}"
    if result.completion_tokens is None:
        stats = translate("Cli", "TTFT {ttft}, {speed} tokens/s, total {total:.2f} s")
    else:
        stats = translate(
            "Cli", "TTFT {ttft}, {speed} tokens/s, {tokens} tokens, total {total:.2f} s"
        )
    err.write(
        stats.format(ttft=ttft, speed=speed, tokens=result.completion_tokens, total=result.total)
        + "\n"
    )
    err.flush()
    return EXIT_OK
