"""What the chat tab asks a server before a conversation, and one streamed answer on a
client of its own: against an OpenAI-style server on 127.0.0.1, no Qt."""

from __future__ import annotations

import pytest

from panel.core.chat.client import ChatDelta, ChatError, stream_answer
from panel.core.chat.errors import MMPROJ_FIX
from panel.core.chat.target_check import check_target, known_without_asking
from panel.core.config.profiles import Engine, Role, ServerProfile
from panel.core.servers.ports import pick_free_port
from tests.fakes.fake_chat_server import ANSWER, FakeChatServer


def test_a_llama_server_without_projector_is_text_only_with_a_short_fix() -> None:
    with FakeChatServer("plain", vision=False) as server:
        check = check_target(server.profile.base_url, None)
    assert check.text_only and check.vision is False
    assert check.fix == MMPROJ_FIX == "add --mmproj FILE"
    assert "without a multimodal projector" in check.reason
    assert check.model == "plain-model"


def test_a_llama_server_with_projector_reads_images() -> None:
    with FakeChatServer("eyes", vision=True) as server:
        check = check_target(server.profile.base_url, None)
    assert check.vision is True and not check.text_only and check.fix == ""


def test_a_server_that_is_not_there_is_unknown_and_says_why() -> None:
    check = check_target(f"http://127.0.0.1:{pick_free_port()}", None, timeout=2)
    assert check.vision is None and "cannot connect" in check.reason and check.model == ""


def test_vllm_is_judged_by_its_profile() -> None:
    vl = ServerProfile("vl", Engine.VLLM, role=Role.VISION)
    chat = ServerProfile("chat", Engine.VLLM, role=Role.CHAT)
    llama = ServerProfile("llama", Engine.LLAMA_CPP)
    vision = known_without_asking(vl)
    assert vision is not None and vision.vision is True
    text = known_without_asking(chat)
    assert text is not None and text.text_only and text.fix == "make it a vision profile"
    assert known_without_asking(llama) is None


def test_stream_answer_streams_on_its_own_client() -> None:
    pieces: list[ChatDelta] = []
    with FakeChatServer("plain", vision=False) as server:
        result = stream_answer(
            server.profile.base_url, None, {"messages": [], "stream": True}, pieces.append
        )
    assert result.text.strip() == ANSWER and len(pieces) == len(ANSWER.split())


def test_stream_answer_turns_any_failure_into_a_chat_error() -> None:
    def broken(delta: ChatDelta) -> None:
        raise KeyError("surprise")

    with FakeChatServer("plain", vision=False) as server, pytest.raises(ChatError) as info:
        stream_answer(server.profile.base_url, None, {"messages": []}, broken)
    assert info.value.kind == "http" and "the request failed" in str(info.value)
