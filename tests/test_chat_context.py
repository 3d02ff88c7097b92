"""The chat tab asks for no longer an answer than the server's context holds: against the
real llama-server with ``-c 256`` and the real vLLM with ``--max-model-len 512``, which
refuses the tab's old default (max_tokens 1024) with a 400. Driven as a user: choose the
server, open Options, type, press Enter."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

from panel.core.chat.client import ChatClient, ChatError
from panel.core.chat.payload import ChatMessage, build_chat_request
from panel.core.config.profiles import Engine, ServerProfile
from panel.core.servers.ports import pick_free_port
from panel.ui.chat.tab import ChatTab
from tests.conftest import (
    VLLM_TEST_ARGS,
    VLLM_TEST_ENV,
    EngineKit,
    VllmKit,
    llama_profile,
    running,
)


def ask_from_the_tab(qtbot, tab: ChatTab, text: str) -> None:  # type: ignore[no-untyped-def]
    tab.prompt.clear()
    tab.prompt.setFocus()
    qtbot.keyClicks(tab.prompt, text)
    with qtbot.waitSignal(tab.answer_finished, timeout=120_000):
        qtbot.keyClick(tab.prompt, Qt.Key.Key_Return)


def answered(tab: ChatTab) -> bool:
    """The last turn has an answer and nothing was refused."""
    turn = tab.view.turns[-1] if tab.view.turns else None
    return (
        turn is not None
        and turn.result is not None
        and bool(turn.result.completion_tokens)
        and tab.banner_text() == ""
    )


def open_options(tab: ChatTab) -> None:
    if not tab.options_bar.options_button.isChecked():
        tab.options_bar.options_button.click()
    assert tab.max_tokens.isVisible()


@pytest.mark.engines
def test_a_256_token_llama_server_gets_half_its_context(
    qtbot, tab: ChatTab, engines: EngineKit
) -> None:  # type: ignore[no-untyped-def]
    profile = llama_profile(
        engines, "SmolLM2-135M-Instruct.Q4_1.gguf", args=["-c", "256", "-t", "2"]
    )
    with running(profile):
        tab.set_targets([profile])
        qtbot.waitUntil(lambda: tab.server_box.check_of(profile) is not None, timeout=15_000)
        open_options(tab)
        assert tab.max_tokens.value() == 128 and tab.max_tokens.maximum() == 256
        assert "256-token context" in tab.options_bar.context_label.text()
        assert "256 tokens per conversation" in tab.max_tokens.toolTip()
        ask_from_the_tab(qtbot, tab, "Write a long story about a cat.")
        assert answered(tab), tab.banner_text()
        request = tab.last_request()
        assert request is not None and request["max_tokens"] == 128

        # The same server attached by address: its /props says the context.
        attached = ServerProfile("attached", Engine.LLAMA_CPP, attach_url=profile.base_url)
        tab.set_targets([attached])
        qtbot.waitUntil(lambda: tab.server_box.check_of(attached) is not None, timeout=15_000)
        assert tab.max_tokens.value() == 128 and tab.max_tokens.maximum() == 256


def test_a_length_the_user_chose_is_kept_within_each_context(qtbot, tab: ChatTab) -> None:  # type: ignore[no-untyped-def]
    small = ServerProfile("small", Engine.VLLM, args=["--max-model-len", "512"])
    big = ServerProfile("big", Engine.VLLM, args=["--max-model-len", "8192"], port=8001)
    mid = ServerProfile("mid", Engine.VLLM, args=["--max-model-len", "4096"], port=8002)
    tab.set_targets([small, big, mid])
    open_options(tab)
    assert tab.max_tokens.value() == 256
    tab.target_combo.setCurrentIndex(1)
    assert tab.max_tokens.value() == 1024 and tab.options_bar.context_label.text() != ""
    tab.max_tokens.selectAll()
    qtbot.keyClicks(tab.max_tokens, "3000")
    assert tab.max_tokens.value() == 3000
    tab.target_combo.setCurrentIndex(0)
    assert tab.max_tokens.value() == 512  # the most the small server takes
    tab.target_combo.setCurrentIndex(2)
    assert tab.max_tokens.value() == 3000


@pytest.mark.real_vllm
@pytest.mark.timeout(600)
def test_a_512_token_vllm_answers_the_tab_instead_of_a_400(  # type: ignore[no-untyped-def]
    qtbot, tab: ChatTab, vllm_kit: VllmKit
) -> None:
    profile = ServerProfile(
        "tiny-vllm", Engine.VLLM, executable=vllm_kit.vllm, model=vllm_kit.model("tiny-llama"),
        port=pick_free_port(), args=["--served-model-name", "tiny", *VLLM_TEST_ARGS],
        env=dict(VLLM_TEST_ENV), ready_timeout=300.0, stop_grace=15.0,
    )  # fmt: skip
    assert "512" in VLLM_TEST_ARGS
    with running(profile, timeout=300):
        # The old default is what this server refuses.
        old = build_chat_request(
            [ChatMessage("user", "Hi", [])],
            model="tiny",
            temperature=0.7,
            max_tokens=1024,
            stream=True,
        )
        with ChatClient(profile.base_url) as client, pytest.raises(ChatError) as refused:
            client.stream_chat(old, lambda delta: None)
        assert refused.value.status == 400, refused.value

        tab.set_targets([profile])
        open_options(tab)
        assert tab.max_tokens.value() == 256 and tab.max_tokens.maximum() == 512
        ask_from_the_tab(qtbot, tab, "Tell me about the sea.")
        assert answered(tab), tab.banner_text()
        request = tab.last_request()
        assert request is not None and request["max_tokens"] == 256

        # Attached without flags: vLLM's /v1/models says max_model_len.
        attached = ServerProfile("attached", Engine.VLLM, model="tiny", attach_url=profile.base_url)
        tab.set_targets([attached])
        qtbot.waitUntil(lambda: tab.max_tokens.maximum() == 512, timeout=15_000)
        assert tab.max_tokens.value() == 256
        ask_from_the_tab(qtbot, tab, "And about the sky?")
        assert answered(tab), tab.banner_text()
