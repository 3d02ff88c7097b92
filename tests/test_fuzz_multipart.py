"""Fuzzing the transcription upload: whatever the audio, file name, language and prompt,
the multipart body parses back (with the stdlib ``email`` parser) into exactly the
fields that were meant, and no text of a field can start a part of its own."""

from __future__ import annotations

import email.parser
import email.policy
import json
import re

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel.core.speech.transcribe import TranscriptionApi, TranscriptionClient

FUZZ = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Text that tries to break out of its part: line ends, dashes, quotes, header-like lines.
tricky = st.lists(
    st.sampled_from(["\r\n", "\n", "\r", "--", '"', "\\", ";", "Content-Type: x", "é", "你"])
    | st.text(max_size=6),
    max_size=8,
).map("".join)


def sent_body(
    api: TranscriptionApi, audio: bytes, filename: str, language: str, prompt: str
) -> tuple[httpx.Request, dict[str, str]]:
    """The request the client sent, and the form fields it meant to send."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":  # the OpenAI shape asks for the model name first
            return httpx.Response(200, json={"data": [{"id": "whisper"}]})
        request.read()
        seen.append(request)
        return httpx.Response(200, json={"text": "ok"})

    client = TranscriptionClient(
        "http://127.0.0.1:9", api=api, transport=httpx.MockTransport(handler)
    )
    options = {"language": language or None, "prompt": prompt or None}
    try:
        client.transcribe(audio, filename, **options)
        _, meant = client._request(
            **options, translate=False, response_format="verbose_json", model=None
        )
    finally:
        client.close()
    [request] = seen
    return request, meant


def parse_form(request: httpx.Request) -> dict[str, tuple[str | None, bytes]]:
    """name -> (filename, payload), read back as a server's MIME parser would."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.content)
    assert message.is_multipart()
    fields: dict[str, tuple[str | None, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        assert isinstance(name, str) and name not in fields
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        fields[name] = (part.get_filename(), payload)
    return fields


def html5_escaped(name: str) -> str:
    # What browsers and httpx write for a file name: '"' and controls percent-encoded.
    return re.sub(r'["\x00-\x1a\x1c-\x1f]', lambda m: f"%{ord(m.group()):02X}", name)


@FUZZ
@given(
    st.sampled_from(list(TranscriptionApi)),
    st.binary(min_size=1, max_size=300),
    tricky.filter(bool),
    tricky,
    tricky,
)
def test_the_upload_parses_back_to_its_fields(
    api: TranscriptionApi, audio: bytes, filename: str, language: str, prompt: str
) -> None:
    request, meant = sent_body(api, audio, filename, language, prompt)
    fields = parse_form(request)
    assert set(fields) == {"file", *meant}
    file_name, payload = fields["file"]
    assert payload == audio
    # The file name as written on the wire (the email parser trims blanks off a name,
    # as some servers do; the bytes show what was sent).
    escaped = html5_escaped(filename)
    wire = html5_escaped(filename.replace("\\", "\\\\"))  # httpx doubles each \\
    assert f'; filename="{wire}"\r\n'.encode() in request.content
    assert " ".join(file_name.split()) == " ".join(escaped.split())
    for name, value in meant.items():
        assert fields[name] == (None, value.encode())
    # What the user typed is among them, as typed.
    assert meant["response_format"] == "verbose_json"
    assert meant.get("language", "") == language
    assert meant.get("prompt", "") == prompt
    if api is TranscriptionApi.OPENAI:
        assert meant["model"] == "whisper"


def test_the_parser_sees_a_forged_part() -> None:
    # The check above can fail: a body with a part forged after the real boundary
    # parses into one field more.
    request, meant = sent_body(TranscriptionApi.WHISPER_CPP, b"RIFF", "a.wav", "", "")
    boundary = request.headers["content-type"].split("boundary=")[1].encode()
    forged = request.content.replace(
        b"--" + boundary + b"--",
        b"--"
        + boundary
        + b'\r\nContent-Disposition: form-data; name="x"\r\n\r\n1\r\n--'
        + boundary
        + b"--",
    )
    fields = parse_form(httpx.Request("POST", "http://x", headers=request.headers, content=forged))
    assert set(fields) == {"file", *meant, "x"}
    assert json.dumps(sorted(fields))  # the names are plain text
