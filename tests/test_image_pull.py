"""Reading `docker pull` / `podman pull` progress, in every chunking."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel.core.servers.image_pull import PullParser, parse_size

# What docker 27 draws on a terminal: each redraw moves the cursor up N lines, clears the
# line, writes it, and moves back down.
DOCKER_TTY = (
    "25.09-py3: Pulling from nvidia/vllm\n"
    "3f1a2b4c5d6e: Pulling fs layer \n"
    "9a8b7c6d5e4f: Pulling fs layer \n"
    "\x1b[2A\x1b[2K\r3f1a2b4c5d6e: Downloading [=>          ]  1.049MB/30.2MB\r\x1b[2B"
    "\x1b[1A\x1b[2K\r9a8b7c6d5e4f: Downloading [>           ]  12.5MB/2.5GB\r\x1b[1B"
    "\x1b[2A\x1b[2K\r3f1a2b4c5d6e: Verifying Checksum \r\x1b[2B"
    "\x1b[2A\x1b[2K\r3f1a2b4c5d6e: Download complete \r\x1b[2B"
    "\x1b[2A\x1b[2K\r3f1a2b4c5d6e: Extracting [=====>      ]  10.2MB/30.2MB\r\x1b[2B"
    "\x1b[2A\x1b[2K\r3f1a2b4c5d6e: Pull complete \r\x1b[2B"
    "\x1b[1A\x1b[2K\r9a8b7c6d5e4f: Downloading [=====>      ]  1.25GB/2.5GB\r\x1b[1B"
)

DOCKER_PIPE = """\
latest: Pulling from library/alpine
f18232174bc9: Pulling fs layer
f18232174bc9: Verifying Checksum
f18232174bc9: Download complete
f18232174bc9: Pull complete
Digest: sha256:a8560b36e8b8210634f77d9f7f9efd7ffa463e380b75e2e74aff4511df3ef88c
Status: Downloaded newer image for alpine:latest
docker.io/library/alpine:latest
"""

PODMAN_TTY = (
    "Trying to pull ghcr.io/ggml-org/llama.cpp:server...\n"
    "Getting image source signatures\n"
    "Copying blob sha256:3f1a2b4c5d6e7f8a [=====>--------] 12.3MiB / 45.6MiB\r"
    "Copying blob sha256:3f1a2b4c5d6e7f8a [=========>----] 30.0MiB / 45.6MiB\r"
    "Copying blob 9a8b7c6d5e4f done\n"
)


def test_docker_terminal_progress_gives_layers_and_bytes() -> None:
    parser = PullParser()
    parser.feed(DOCKER_TTY)
    progress = parser.progress()
    assert progress.layers_total == 2
    assert progress.layers_done == 1
    # The finished layer counts in full (its extraction redraw is not download), the other
    # at its last redraw.
    assert progress.bytes_done == 30_200_000 + 1_250_000_000
    assert progress.bytes_total == 30_200_000 + 2_500_000_000
    assert progress.fraction == pytest.approx(1_280_200_000 / 2_530_200_000)


def test_docker_pipe_output_has_layers_only() -> None:
    parser = PullParser()
    parser.feed(DOCKER_PIPE)
    progress = parser.progress()
    assert (progress.layers_total, progress.layers_done) == (1, 1)
    assert progress.bytes_total is None and progress.fraction == 1.0
    assert progress.status == "docker.io/library/alpine:latest"


def test_podman_progress_uses_binary_units() -> None:
    parser = PullParser()
    parser.feed(PODMAN_TTY)
    progress = parser.progress()
    assert progress.layers_total == 2
    assert progress.layers_done == 1
    assert progress.bytes_done == parse_size("30.0MiB")
    assert progress.bytes_total == parse_size("45.6MiB")


@given(st.lists(st.integers(min_value=1, max_value=len(DOCKER_TTY) - 1), max_size=20))
def test_any_chunking_gives_the_same_result(cuts: list[int]) -> None:
    whole = PullParser()
    whole.feed(DOCKER_TTY)
    pieces = PullParser()
    bounds = [0, *sorted(set(cuts)), len(DOCKER_TTY)]
    for start, end in itertools.pairwise(bounds):
        pieces.feed(DOCKER_TTY[start:end])
    assert pieces.progress() == whole.progress()


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("512B", 512),
        ("1.049MB", 1_049_000),
        ("2.5GB", 2_500_000_000),
        ("3kB", 3000),
        ("1KiB", 1024),
    ],
)
def test_sizes_are_read_as_docker_and_podman_print_them(text: str, value: int) -> None:
    assert parse_size(text) == value


def test_nothing_yet_has_no_fraction() -> None:
    assert PullParser().progress().fraction is None
