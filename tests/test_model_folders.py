"""Where the panel looks for models: configured or usual folders, the folders of the
profiles' models, and the demo's models folder."""

from __future__ import annotations

from pathlib import Path

from panel.core import demo
from panel.core.config.profiles import ContainerSpec, Engine, ServerProfile
from panel.core.models.discovery import scan_models
from panel.core.models.model_folders import (
    default_model_dirs,
    demo_models_dir,
    model_search_dirs,
)
from tests.test_discovery import write_gguf, write_hf_dir


def built_demo() -> Path:
    """A demo build where the demo command puts it (the cache is the test's own)."""
    root = demo.cache_root() / demo.cache_key()
    (root / "models").mkdir(parents=True)
    (root / ".complete").write_text("", encoding="utf-8")
    return root


def test_profiles_add_the_folders_of_their_models(tmp_path: Path) -> None:
    configured = tmp_path / "configured"
    llama = ServerProfile("a", Engine.LLAMA_CPP, model=str(tmp_path / "llm" / "a.gguf"))
    vllm = ServerProfile("b", Engine.VLLM, model=str(tmp_path / "hf" / "Qwen" / "Tiny"))
    hub_id = ServerProfile("c", Engine.VLLM, model="Qwen/Qwen2.5-0.5B-Instruct")
    attached = ServerProfile("d", Engine.LLAMA_CPP, model="/remote/x.gguf", attach_url="http://h:1")
    boxed = ServerProfile(
        "e", Engine.LLAMA_CPP, model=str(tmp_path / "boxed" / "e.gguf"), container=ContainerSpec()
    )
    dirs = model_search_dirs(
        [configured], [llama, vllm, hub_id, attached, boxed], demo_models=tmp_path / "none"
    )
    assert dirs == [
        configured,
        tmp_path / "llm",
        tmp_path / "hf" / "Qwen",
        tmp_path / "boxed",  # the model is on this machine; the container mounts it
        tmp_path / "none",
    ]


def test_without_configured_folders_the_usual_ones_come_first(tmp_path: Path) -> None:
    profile = ServerProfile("a", Engine.LLAMA_CPP, model="/srv/llm/a.gguf")
    environ = {"HF_HOME": str(tmp_path / "hf")}
    dirs = model_search_dirs([], [profile], home=tmp_path, environ=environ, demo_models=None)
    usual = default_model_dirs(tmp_path, environ)
    assert dirs[: len(usual)] == usual
    assert Path("/srv/llm") in dirs


def test_a_folder_a_scan_already_reaches_is_not_repeated(tmp_path: Path) -> None:
    near = ServerProfile("a", Engine.LLAMA_CPP, model=str(tmp_path / "m" / "sub" / "a.gguf"))
    deep = tmp_path / "m" / "1" / "2" / "3" / "4" / "5"
    far = ServerProfile("b", Engine.LLAMA_CPP, model=str(deep / "b.gguf"))
    twice = ServerProfile("c", Engine.LLAMA_CPP, model=str(tmp_path / "m" / "sub" / "c.gguf"))
    dirs = model_search_dirs([tmp_path / "m"], [near, far, twice], demo_models=tmp_path / "m")
    # "sub" is one level down (a scan finds it); five levels down it would not be.
    assert dirs == [tmp_path / "m", deep]


def test_the_built_demo_is_searched() -> None:
    assert demo_models_dir() is None  # nothing built in this test's cache yet
    root = built_demo()
    assert demo_models_dir() == root / "models"
    assert model_search_dirs(["/x"])[-1] == root / "models"


def test_a_profile_folder_finds_its_model_and_siblings(tmp_path: Path) -> None:
    model = write_gguf(tmp_path / "llm" / "chat.gguf")
    sibling = write_hf_dir(tmp_path / "llm" / "Tiny-HF")
    profile = ServerProfile("chat", Engine.LLAMA_CPP, model=str(model))
    found = scan_models(model_search_dirs([tmp_path / "empty"], [profile]))
    assert {m.path for m in found} == {model, sibling}
