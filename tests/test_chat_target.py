"""What the chat tab asks a server before a conversation, and one streamed answer on a
client of its own: against an OpenAI-style server on 127.0.0.1, no Qt."""

from __future__ import annotations

import json

import httpx
import pytest

from panel.core.chat.answer_budget import context_from_flags, default_max_tokens
from panel.core.chat.client import ChatClient, ChatDelta, ChatError, stream_answer
from panel.core.chat.errors import MMPROJ_FIX
from panel.core.chat.target_check import check_profile, check_target, known_without_asking
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


# -- the context: how long an answer the tab may ask for ------------------------------------


@pytest.mark.parametrize(
    ("engine", "args", "context"),
    [
        (Engine.LLAMA_CPP, ["-c", "256"], 256),
        (Engine.LLAMA_CPP, ["--ctx-size=4096", "-c", "512"], 512),  # the last one wins
        (Engine.LLAMA_CPP, ["-c", "0"], None),  # 0: the model's own
        (Engine.LLAMA_CPP, ["-c", "lots"], None),
        (Engine.LLAMA_CPP, [], None),
        (Engine.VLLM, ["--max-model-len", "512"], 512),
        (Engine.VLLM, ["--max_model_len=2k"], 2000),  # vLLM's human-readable numbers
        (Engine.VLLM, ["--max-model-len", "1K"], 1024),
        (Engine.VLLM, ["--max-model-len", "-1"], None),  # -1/auto: what fits
        (Engine.VLLM, ["--max-model-len", "auto"], None),
        (Engine.WHISPER_CPP, ["-c", "256"], None),
    ],
)
def test_the_context_is_read_from_the_profiles_flags(
    engine: Engine, args: list[str], context: int | None
) -> None:
    assert context_from_flags(ServerProfile("p", engine, args=args)) == context


def test_an_attached_servers_flags_say_nothing_of_its_context() -> None:
    attached = ServerProfile(
        "p", Engine.VLLM, args=["--max-model-len", "512"], attach_url="http://h:1"
    )
    assert context_from_flags(attached) is None


def test_the_default_answer_is_half_a_small_context_and_1024_at_most() -> None:
    assert default_max_tokens(None) == 1024
    assert default_max_tokens(256) == 128
    assert default_max_tokens(512) == 256
    assert default_max_tokens(2048) == 1024
    assert default_max_tokens(131072) == 1024
    assert default_max_tokens(1) == 1


def test_a_vllm_profile_with_max_model_len_is_known_without_asking() -> None:
    profile = ServerProfile(
        "v", Engine.VLLM, port=pick_free_port(), args=["--max-model-len", "512"]
    )
    check = check_profile(profile, None, timeout=2)  # nothing listens: nothing was asked
    assert check.context == 512 and check.vision is False


def _vllm_transport(calls: list[str]) -> httpx.MockTransport:
    """/v1/models as vLLM answers it: ``max_model_len`` on the card, no /props."""

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path == "/v1/models":
            card = {"id": "tiny", "object": "model", "max_model_len": 512}
            return httpx.Response(200, json={"object": "list", "data": [card]})
        return httpx.Response(404, content=json.dumps({"detail": "Not Found"}))

    return httpx.MockTransport(answer)


def test_vllm_without_the_flag_is_asked_its_max_model_len() -> None:
    calls: list[str] = []
    profile = ServerProfile("v", Engine.VLLM, model="tiny", attach_url="http://vllm.test")
    check = check_profile(profile, None, transport=_vllm_transport(calls))
    assert check.context == 512 and check.model == "tiny" and check.vision is False
    with ChatClient("http://vllm.test", transport=_vllm_transport(calls)) as client:
        facts = client.facts()
    assert facts.context == 512 and facts.models == ["tiny"]
    assert calls.count("/v1/models") == 2  # once for check_profile, once for facts()


def test_a_silent_server_leaves_the_flags_context() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"error": "no"})

    profile = ServerProfile("l", Engine.LLAMA_CPP, args=["-c", "256"])
    check = check_profile(profile, None, transport=httpx.MockTransport(answer))
    assert check.context == 256 and check.vision is None


@pytest.mark.engines
def test_llama_server_tells_its_slot_context(engines) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import llama_profile, running

    profile = llama_profile(engines, args=["-c", "256", "-t", "2"])
    with running(profile):
        attached = ServerProfile("a", Engine.LLAMA_CPP, attach_url=profile.base_url)
        check = check_profile(attached, None)
    assert check.context == 256 and check.vision is False and check.model
