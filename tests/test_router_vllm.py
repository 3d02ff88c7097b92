"""One routed chat to the real vLLM (CPU): started on demand by its served model name,
with the profile's API key added on the way (the client sends none)."""

from __future__ import annotations

import httpx
import pytest

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.config.router_settings import RouterSettings
from panel.core.router.service import Router
from panel.core.servers.ports import pick_free_port
from panel.core.servers.server_state import ServerState
from panel.core.servers.supervisor import Supervisor
from tests.conftest import VLLM_TEST_ARGS, VLLM_TEST_ENV, VllmKit, wait_until

pytestmark = [pytest.mark.real_vllm, pytest.mark.timeout(600)]

KEY_VAR = "PANEL_TEST_ROUTER_VLLM_KEY"
KEY = "router-vllm-key-91c2"


def test_a_routed_chat_starts_vllm_and_carries_its_key(
    vllm_kit: VllmKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_VAR, KEY)
    profile = ServerProfile(
        name="tiny-vllm", engine=Engine.VLLM, executable=vllm_kit.vllm,
        model=vllm_kit.model("tiny-llama"), port=pick_free_port(),
        args=["--served-model-name", "tiny", *VLLM_TEST_ARGS], env=dict(VLLM_TEST_ENV),
        ready_timeout=400.0, stop_grace=15.0, api_key_ref=f"env:{KEY_VAR}",
    )  # fmt: skip
    supervisor = Supervisor()
    router = Router.create(supervisor, [profile], RouterSettings(port=0, default_idle_timeout=0))
    router.start()
    try:
        body = {
            "model": "tiny",
            "messages": [{"role": "user", "content": "Hi"}],
            "max_tokens": 4,
            "stream": True,
        }
        answer = httpx.post(router.address + "/v1/chat/completions", json=body, timeout=500)
        assert answer.status_code == 200, answer.text
        assert answer.text.rstrip().endswith("data: [DONE]")
        server = supervisor.get("tiny-vllm")
        assert server is not None and server.state is ServerState.READY
        # The server wants the key; the router added it, the client never had it.
        direct = httpx.post(profile.base_url + "/v1/chat/completions", json=body, timeout=60)
        assert direct.status_code == 401
        listed = httpx.get(router.address + "/v1/models").json()["data"]
        assert [(m["id"], m["aliases"], m["state"]) for m in listed] == [
            ("tiny-vllm", ["tiny"], "ready")
        ]
        # The client can have the whole answer before the router ends the record.
        wait_until(lambda: router.records()[-1].done, timeout=10, what="the record ends")
        record = router.records()[-1]
        assert record.status == 200 and record.started_server and record.tokens >= 1
    finally:
        router.stop(timeout=60)
        assert supervisor.stop_all(60)
