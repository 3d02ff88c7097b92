"""Speech beyond English, end to end: the real whisper-server with the multilingual whisper
base model (resources/speech_models/setup_speech_models.sh) transcribes the deployment
guide's own sample, llama.cpp's tools/mtmd/test-2.mp3, with ``language=zh`` and with
``language=auto``, through the panel's transcription client as the tab sends it.

test-2.mp3 is English speech (a reading about The New York Times of July 21st, 1969):
``auto`` must detect English, and ``zh`` must still come back with the words (whisper
base transcribes rather than translates what it hears), as the guide shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from panel.core.servers.supervisor import ServerProcess
from panel.core.speech.transcribe import TranscriptionClient
from tests.conftest import EngineKit
from tests.conftest import whisper_profile as whisper

pytestmark = pytest.mark.engines


@pytest.fixture(scope="module")
def base_server(engines: EngineKit, speech_models: Path) -> Iterator[ServerProcess]:
    profile = whisper(engines, args=["-t", "2"], model=str(speech_models / "ggml-base.bin"))
    server = ServerProcess(profile)
    server.start()
    try:
        assert server.wait_ready(90), server.log.texts(20)
        yield server
    finally:
        server.stop_and_wait(30)


def words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.mark.parametrize("language", ["zh", None])
def test_whisper_base_transcribes_the_guides_sample(
    base_server: ServerProcess, speech_models: Path, language: str | None
) -> None:
    audio = (speech_models / "test-2.mp3").read_bytes()
    with TranscriptionClient(base_server.profile.base_url) as client:
        transcript = client.transcribe(audio, "test-2.mp3", language=language)
    heard = words(transcript.text)
    assert "new york times" in heard and "1969" in heard, transcript.text
    assert "men walk on moon" in heard, transcript.text
    if language is None and transcript.language:
        assert transcript.language.lower() in ("english", "en")
