"""Chat requests with images; which transport a local file travels by; copy-as-curl."""

from __future__ import annotations

import base64
import json
import shlex
from pathlib import Path

import pytest

from panel.core.chat.curl_export import (
    as_curl,
    clean_request_files,
    prune_requests,
    request_folder,
)
from panel.core.chat.payload import (
    ChatImage,
    ChatMessage,
    ImageTransport,
    build_chat_request,
    choose_transport,
    image_part,
    server_side_path,
)
from panel.core.config.profiles import ContainerSpec, Engine, ServerProfile

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 16


def test_data_uri_part_from_prepared_bytes() -> None:
    part = image_part(ChatImage("cat.png", "image/png", PNG))
    url = part["image_url"]["url"]
    assert part["type"] == "image_url"
    assert url.startswith("data:image/png;base64,")
    assert base64.b64decode(url.split(",", 1)[1]) == PNG


def test_data_uri_reads_the_file_and_guesses_the_type_when_not_prepared(tmp_path: Path) -> None:
    path = tmp_path / "x.png"
    path.write_bytes(PNG)
    url = image_part(ChatImage(str(path)))["image_url"]["url"]
    assert url.startswith("data:image/png;base64,")


def test_file_and_http_urls(tmp_path: Path) -> None:
    path = tmp_path / "图像 1.jpg"
    file_url = image_part(ChatImage(str(path), transport=ImageTransport.FILE_URL))
    assert file_url["image_url"]["url"] == path.resolve().as_uri()
    assert "%E5%9B%BE" in file_url["image_url"]["url"]  # percent-encoded, as vLLM expects
    web = "https://example.org/cat.jpg?x=1"
    assert image_part(ChatImage(web, transport=ImageTransport.URL))["image_url"]["url"] == web


def test_build_request_text_then_images_and_stream_options() -> None:
    messages = [
        ChatMessage("system", "You are a helpful assistant."),
        ChatMessage("user", "解释图像", [ChatImage("a.png", "image/png", PNG)]),
    ]
    req = build_chat_request(messages, model="qwen3", temperature=0.2, max_tokens=64)
    assert req["messages"][0] == {"role": "system", "content": "You are a helpful assistant."}
    parts = req["messages"][1]["content"]
    assert parts[0] == {"type": "text", "text": "解释图像"}
    assert parts[1]["type"] == "image_url"
    assert req["model"] == "qwen3" and req["temperature"] == 0.2 and req["max_tokens"] == 64
    assert req["stream"] is True and req["stream_options"] == {"include_usage": True}
    json.dumps(req)  # serialisable as is


def test_build_request_without_options_or_stream() -> None:
    req = build_chat_request(
        [ChatMessage("user", "hi")], model=None, temperature=None, max_tokens=None, stream=False
    )
    assert req == {"messages": [{"role": "user", "content": "hi"}], "stream": False}


def vllm_profile(*args: str) -> ServerProfile:
    return ServerProfile(name="v", engine=Engine.VLLM, model="Qwen/Qwen2.5-VL", args=list(args))


def test_choose_transport(tmp_path: Path) -> None:
    media = tmp_path / "media"
    (media / "sub").mkdir(parents=True)
    inside = media / "sub" / "a.png"
    outside = tmp_path / "b.png"
    assert choose_transport(None, inside) is ImageTransport.DATA_URI
    llama = ServerProfile(name="l", engine=Engine.LLAMA_CPP, args=["--media-path", str(media)])
    assert choose_transport(llama, inside) is ImageTransport.DATA_URI
    assert choose_transport(vllm_profile(), inside) is ImageTransport.DATA_URI
    prof = vllm_profile("--allowed-local-media-path", str(media))
    assert choose_transport(prof, inside) is ImageTransport.FILE_URL
    assert choose_transport(prof, outside) is ImageTransport.DATA_URI
    # ".." must not escape the allowed folder.
    assert choose_transport(prof, media / ".." / "b.png") is ImageTransport.DATA_URI
    eq = vllm_profile(f"--allowed-local-media-path={media}")
    assert choose_transport(eq, inside) is ImageTransport.FILE_URL
    attached = vllm_profile("--allowed-local-media-path", str(media)).copy(
        attach_url="http://gpu-box:8000"
    )
    assert choose_transport(attached, inside) is ImageTransport.DATA_URI


def test_symlink_out_of_the_media_dir_is_not_a_file_url(tmp_path: Path) -> None:
    media = tmp_path / "media"
    media.mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    (media / "link.png").symlink_to(secret)
    prof = vllm_profile("--allowed-local-media-path", str(media))
    assert choose_transport(prof, media / "link.png") is ImageTransport.DATA_URI


def test_curl_small_body_inline_with_env_key() -> None:
    req = build_chat_request(
        [ChatMessage("user", 'it\'s "quoted" 世界')], model=None, temperature=0, max_tokens=8
    )
    cmd = as_curl("http://127.0.0.1:8080", req, api_key_env="LLAMA_KEY")
    words = shlex.split(cmd)
    assert words[:3] == ["curl", "-N", "http://127.0.0.1:8080/v1/chat/completions"]
    assert "Authorization: Bearer $LLAMA_KEY" in words  # shlex keeps $ inside "..."
    assert '"Authorization: Bearer $LLAMA_KEY"' in cmd  # the shell expands it
    body = words[words.index("-d") + 1]
    assert json.loads(body) == req


def test_curl_large_body_spills_to_a_file(tmp_path: Path) -> None:
    big = ChatImage("a.png", "image/png", PNG * 1000)
    req = build_chat_request(
        [ChatMessage("user", "x", [big])], model=None, temperature=None, max_tokens=None
    )
    cmd = as_curl("http://h:1/", req, spill_dir=tmp_path)
    words = shlex.split(cmd)
    data = words[words.index("-d") + 1]
    assert data.startswith("@")
    spilled = Path(data[1:])
    assert spilled.parent == tmp_path
    assert json.loads(spilled.read_text(encoding="utf-8")) == req
    assert "\n" not in spilled.read_text(encoding="utf-8")  # curl -d strips newlines
    assert "Authorization" not in cmd


def spilled_file(command: str) -> Path:
    words = shlex.split(command)
    return Path(words[words.index("-d") + 1].removeprefix("@"))


def big_request(text: str, size: int = 20_000) -> dict[str, object]:
    image = ChatImage("a.png", "image/png", bytes(size))
    return build_chat_request(
        [ChatMessage("user", text, [image])], model=None, temperature=None, max_tokens=None
    )


def test_request_files_are_bounded_in_number_oldest_removed_first(tmp_path: Path) -> None:
    folder = tmp_path / "curl-requests"
    paths = [
        spilled_file(as_curl("http://h:1", big_request(str(n)), spill_dir=folder, max_files=3))
        for n in range(5)
    ]
    left = sorted(folder.iterdir())
    assert left == paths[2:]  # the newest three, each still the request it was written for
    assert [json.loads(p.read_text())["messages"][0]["content"][0]["text"] for p in left] == [
        "2",
        "3",
        "4",
    ]


def test_request_files_are_bounded_in_bytes_but_the_newest_stays(tmp_path: Path) -> None:
    folder = tmp_path / "curl-requests"
    first = spilled_file(as_curl("http://h:1", big_request("a"), spill_dir=folder))
    size = first.stat().st_size
    second = spilled_file(
        as_curl("http://h:1", big_request("b"), spill_dir=folder, max_bytes=size + size // 2)
    )
    assert sorted(folder.iterdir()) == [second]
    huge = spilled_file(
        as_curl("http://h:1", big_request("c", 90_000), spill_dir=folder, max_bytes=size)
    )
    assert sorted(folder.iterdir()) == [huge]  # over the bound alone, and still kept


def test_prune_keeps_what_is_not_ours(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text("{}")
    for n in range(3):
        as_curl("http://h:1", big_request(str(n)), spill_dir=tmp_path)
    removed = prune_requests(tmp_path, max_files=1)
    assert len(removed) == 2 and not any(p.exists() for p in removed)
    assert (tmp_path / "notes.json").exists()


def test_request_files_of_earlier_sessions_are_cleaned(tmp_path: Path) -> None:
    now = request_folder(tmp_path)
    legacy = tmp_path / "curl"  # where earlier versions left them, unbounded
    as_curl("http://h:1", big_request("now"), spill_dir=now)
    legacy.mkdir()
    (legacy / "panel-request-abc.json").write_text("{}")
    (legacy / "mine.txt").write_text("keep")
    clean_request_files(tmp_path)
    assert list(now.iterdir()) == [] and [p.name for p in legacy.iterdir()] == ["mine.txt"]
    clean_request_files(tmp_path / "never-made")  # nothing there: nothing to do, no error


def test_curl_without_stream_has_no_n_and_rejects_odd_env_names() -> None:
    req = build_chat_request(
        [ChatMessage("user", "x")], model=None, temperature=None, max_tokens=None, stream=False
    )
    assert "-N" not in shlex.split(as_curl("http://h:1", req))
    with pytest.raises(ValueError):
        as_curl("http://h:1", req, api_key_env="X; rm -rf ~")


def test_a_containerised_vllm_gets_the_path_inside_its_container(tmp_path: Path) -> None:
    pics = tmp_path / "pics"
    pics.mkdir()
    prof = vllm_profile("--allowed-local-media-path", "/models").copy(
        container=ContainerSpec(mounts=[f"{pics}:/models:ro"])
    )
    assert server_side_path(prof, pics / "图像.png") == "/models/图像.png"
    url = image_part(ChatImage("/models/图像.png", transport=ImageTransport.FILE_URL))
    assert url["image_url"]["url"] == "file:///models/%E5%9B%BE%E5%83%8F.png"
    # /models on the host is not what the container sees as /models here.
    assert server_side_path(prof, Path("/models/a.png")) is None
    assert choose_transport(prof, tmp_path / "b.png") is ImageTransport.DATA_URI
