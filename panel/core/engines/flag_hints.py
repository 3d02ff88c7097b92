"""The engine flags the panel knows: completion and a one-line hint in the profile editor.

The installed binary's own ``--help`` is the truth (read by :mod:`.help_cache`, parsed by
:mod:`.help_text`): pass its :class:`EngineHelp` as ``help=`` and every flag of *this*
build is offered, with the build's own words. Without it (engine not installed here,
vLLM in a container, help not read yet or unreadable) a short curated list stands in.
The curated list also orders the suggestions (the flags people tune come first) and adds
values worth offering that the help does not list. Flags that the profile has its own
fields for (host, port, model, API key) are never offered, so the editor never suggests
a second, conflicting place to set them.

Also here, because it needs the hints and no Qt: splitting an argv list into one row per
flag (:func:`rows_from_args`) and joining it back (:func:`args_from_rows`) without losing
or reordering a single word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from panel.core.config.profiles import Engine
from panel.core.engines import adapter_for
from panel.core.engines.help_cache import EngineHelp
from panel.core.engines.help_text import FlagHint, base_name
from panel.core.i18n import QT_TRANSLATE_NOOP, translate

__all__ = [
    "EngineHelp",
    "FlagHint",
    "FlagRow",
    "all_names",
    "args_from_rows",
    "completions",
    "flags_for",
    "hint_for",
    "is_flag_word",
    "rows_from_args",
]

# --- the curated list ----------------------------------------------------------------------


def _f(
    names: str, hint: str, value: str = "", choices: Iterable[str] = (), *, flag: bool = False
) -> FlagHint:
    """``names`` is "--primary -alias --alias2"; ``choices`` a space-separated string."""
    first, *rest = names.split()
    return FlagHint(
        flag=first,
        aliases=tuple(rest),
        takes_value=not flag,
        hint=hint,
        choices=tuple(choices.split() if isinstance(choices, str) else choices),
        value_name="" if flag else (value or "VALUE"),
    )


_KV_TYPES = "f16 bf16 q8_0 q4_0 q4_1 iq4_nl q5_0 q5_1 f32"

_LLAMA_CPP: tuple[FlagHint, ...] = (
    _f("--gpu-layers -ngl --n-gpu-layers", QT_TRANSLATE_NOOP("FlagHints", "layers to keep in VRAM (99 = all)"), "N", "auto all 99 0"),
    _f("--ctx-size -c", QT_TRANSLATE_NOOP("FlagHints", "context size in tokens, shared by the slots (0 = the model's)"), "N",
       "4096 8192 16384 32768 65536 0"),
    _f("--parallel -np", QT_TRANSLATE_NOOP("FlagHints", "requests served at once (-1 = auto)"), "N", "1 2 4 -1"),
    _f("--flash-attn -fa", QT_TRANSLATE_NOOP("FlagHints", "Flash Attention (older builds: a switch)"), "on|off|auto", "on off auto"),
    _f("--cache-type-k -ctk", QT_TRANSLATE_NOOP("FlagHints", "KV cache type for K; q8_0 halves its memory"), "TYPE", _KV_TYPES),
    _f("--cache-type-v -ctv", QT_TRANSLATE_NOOP("FlagHints", "KV cache type for V; quantized V needs Flash Attention"), "TYPE",
       _KV_TYPES),
    _f("--n-cpu-moe -ncmoe", QT_TRANSLATE_NOOP("FlagHints", "keep the MoE experts of the first N layers in CPU memory"), "N"),
    _f("--cpu-moe -cmoe", QT_TRANSLATE_NOOP("FlagHints", "keep all MoE expert weights in CPU memory"), flag=True),
    _f("--no-kv-offload -nkvo", QT_TRANSLATE_NOOP("FlagHints", "keep the KV cache in CPU memory instead of VRAM"), flag=True),
    _f("--split-mode -sm", QT_TRANSLATE_NOOP("FlagHints", "how to split the model over several GPUs"), "MODE",
       "none layer row tensor"),
    _f("--tensor-split -ts", QT_TRANSLATE_NOOP("FlagHints", "share of the model for each GPU, e.g. 3,1"), "N0,N1,..."),
    _f("--main-gpu -mg", QT_TRANSLATE_NOOP("FlagHints", "the GPU to use with --split-mode none"), "INDEX"),
    _f("--device -dev", QT_TRANSLATE_NOOP("FlagHints", "devices to offload to (none = CPU only)"), "DEV1,DEV2"),
    _f("--override-tensor -ot", QT_TRANSLATE_NOOP("FlagHints", "put tensors matching a pattern on a buffer, e.g. exps=CPU"),
       "PATTERN=TYPE"),
    _f("--load-mode -lm", QT_TRANSLATE_NOOP("FlagHints", "how the model file is loaded"), "MODE", "auto none mmap mlock"),
    _f("--no-mmap", QT_TRANSLATE_NOOP("FlagHints", "read the whole model into RAM instead of mapping it (older builds; newer: --load-mode)"), flag=True),
    _f("--mlock", QT_TRANSLATE_NOOP("FlagHints", "lock the model in RAM so it is never swapped out (older builds; newer: --load-mode)"), flag=True),
    _f("--threads -t", QT_TRANSLATE_NOOP("FlagHints", "CPU threads for generation (-1 = automatic)"), "N"),
    _f("--batch-size -b", QT_TRANSLATE_NOOP("FlagHints", "logical maximum batch size in tokens"), "N"),
    _f("--ubatch-size -ub", QT_TRANSLATE_NOOP("FlagHints", "physical maximum batch size in tokens"), "N"),
    _f("--mmproj -mm", QT_TRANSLATE_NOOP("FlagHints", "multimodal projector GGUF: lets a vision model take images"), "FILE"),
    _f("--media-path", QT_TRANSLATE_NOOP("FlagHints", "folder the server may read local images from, as file:// URLs"), "DIR"),
    _f("--alias -a", QT_TRANSLATE_NOOP("FlagHints", "model name(s) the API lists and accepts, comma-separated"), "NAME"),
    _f("--lora", QT_TRANSLATE_NOOP("FlagHints", "LoRA adapter file"), "FILE"),
    _f("--model-draft -md", QT_TRANSLATE_NOOP("FlagHints", "small draft model for speculative decoding"), "FILE"),
    _f("--hf-repo -hf -hfr", QT_TRANSLATE_NOOP("FlagHints", "download the model from Hugging Face (user/model[:quant])"),
       "USER/MODEL[:QUANT]"),
    _f("--jinja", QT_TRANSLATE_NOOP("FlagHints", "use the Jinja chat template engine (needed for tool calls)"), flag=True),
    _f("--no-jinja", QT_TRANSLATE_NOOP("FlagHints", "use the built-in chat templates instead of Jinja"), flag=True),
    _f("--chat-template", QT_TRANSLATE_NOOP("FlagHints", "a built-in chat template name, or the template itself"), "NAME",
       "chatml llama3 gemma mistral-v7 phi4 deepseek3 gpt-oss granite"),
    _f("--chat-template-file", QT_TRANSLATE_NOOP("FlagHints", "read the chat template from a Jinja file"), "FILE"),
    _f("--chat-template-kwargs", QT_TRANSLATE_NOOP("FlagHints", 'extra JSON for the template, e.g. {"enable_thinking": false}'),
       "JSON"),
    _f("--reasoning-format", QT_TRANSLATE_NOOP("FlagHints", "where thinking goes: none (in content), deepseek (reasoning_content)"),
       "FORMAT", "auto none deepseek deepseek-legacy"),
    _f("--reasoning-budget", QT_TRANSLATE_NOOP("FlagHints", "token budget for thinking: -1 unrestricted, 0 none"), "N", "-1 0"),
    _f("--temp --temperature", QT_TRANSLATE_NOOP("FlagHints", "default sampling temperature"), "N"),
    _f("--top-k", QT_TRANSLATE_NOOP("FlagHints", "default top-k sampling (0 = off)"), "N"),
    _f("--top-p", QT_TRANSLATE_NOOP("FlagHints", "default top-p sampling (1.0 = off)"), "N"),
    _f("--min-p", QT_TRANSLATE_NOOP("FlagHints", "default min-p sampling (0.0 = off)"), "N"),
    _f("--seed -s", QT_TRANSLATE_NOOP("FlagHints", "random seed (-1 = random)"), "SEED"),
    _f("--metrics", QT_TRANSLATE_NOOP("FlagHints", "serve Prometheus /metrics: the panel reads tokens/s, queue and KV cache use from it"), flag=True),
    _f("--no-webui --no-ui", QT_TRANSLATE_NOOP("FlagHints", "turn off the built-in web chat UI"), flag=True),
    _f("--cache-reuse", QT_TRANSLATE_NOOP("FlagHints", "minimum chunk to reuse from the prompt cache (0 = off)"), "N"),
    _f("--no-warmup", QT_TRANSLATE_NOOP("FlagHints", "skip the warm-up run after loading (starts faster)"), flag=True),
    _f("--embedding --embeddings", QT_TRANSLATE_NOOP("FlagHints", "serve embeddings only (embedding models)"), flag=True),
    _f("--rerank --reranking", QT_TRANSLATE_NOOP("FlagHints", "enable the reranking endpoint (reranker models)"), flag=True),
    _f("--verbose -v --log-verbose", QT_TRANSLATE_NOOP("FlagHints", "log everything (very chatty)"), flag=True),
)  # fmt: skip

_WHISPER_LANGUAGES = (
    "auto en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu "
    "ta no th ur hr bg lt fa sk sr sl et yue"
)

_WHISPER_CPP: tuple[FlagHint, ...] = (
    _f("--language -l", QT_TRANSLATE_NOOP("FlagHints", "spoken language; 'auto' detects it (requests may send their own)"),
       "LANG", _WHISPER_LANGUAGES),
    _f("--flash-attn -fa", QT_TRANSLATE_NOOP("FlagHints", "enable Flash Attention (the default in new builds)"), flag=True),
    _f("--no-flash-attn -nfa", QT_TRANSLATE_NOOP("FlagHints", "disable Flash Attention"), flag=True),
    _f("--threads -t", QT_TRANSLATE_NOOP("FlagHints", "CPU threads for the computation"), "N"),
    _f("--no-gpu -ng", QT_TRANSLATE_NOOP("FlagHints", "run on the CPU only"), flag=True),
    _f("--device -dev", QT_TRANSLATE_NOOP("FlagHints", "GPU device ID"), "N"),
    _f("--translate -tr", QT_TRANSLATE_NOOP("FlagHints", "translate the speech into English"), flag=True),
    _f("--beam-size -bs", QT_TRANSLATE_NOOP("FlagHints", "beam search width (-1 = greedy decoding)"), "N"),
    _f("--prompt", QT_TRANSLATE_NOOP("FlagHints", "initial prompt: names, spellings or style to prime the model"), "PROMPT"),
    _f("--inference-path", QT_TRANSLATE_NOOP("FlagHints", "URL path of the transcription endpoint (default /inference)"), "PATH"),
    _f("--convert", QT_TRANSLATE_NOOP("FlagHints", "convert any audio to WAV with ffmpeg (needs ffmpeg on PATH)"), flag=True),
    _f("--vad", QT_TRANSLATE_NOOP("FlagHints", "voice activity detection: skip silence (needs --vad-model)"), flag=True),
    _f("--vad-model -vm", QT_TRANSLATE_NOOP("FlagHints", "VAD model file, e.g. ggml-silero-v5.1.2.bin"), "FILE"),
    _f("--suppress-nst -sns", QT_TRANSLATE_NOOP("FlagHints", "suppress non-speech tokens ([music], (applause), ...)"), flag=True),
    _f("--diarize -di", QT_TRANSLATE_NOOP("FlagHints", "stereo diarization: tell the two channels' speakers apart"), flag=True),
)  # fmt: skip

_VLLM: tuple[FlagHint, ...] = (
    _f("--served-model-name", QT_TRANSLATE_NOOP("FlagHints", "the name clients send as 'model' (default: the model)"), "NAME"),
    _f("--gpu-memory-utilization", QT_TRANSLATE_NOOP("FlagHints", "fraction of the GPU's TOTAL memory vLLM takes (default 0.9)"),
       "FRACTION", "0.9 0.8 0.6 0.5 0.3 0.2"),
    _f("--max-model-len", QT_TRANSLATE_NOOP("FlagHints", "context length in tokens; lower it if the KV cache does not fit"), "N",
       "4096 8192 16384 32768"),
    _f("--max-num-seqs", QT_TRANSLATE_NOOP("FlagHints", "most sequences (requests) batched at once"), "N"),
    _f("--max-num-batched-tokens", QT_TRANSLATE_NOOP("FlagHints", "most tokens processed in one step"), "N"),
    _f("--kv-cache-memory-bytes", QT_TRANSLATE_NOOP("FlagHints", "KV cache size, e.g. 4G (instead of the memory fraction)"),
       "BYTES"),
    _f("--tensor-parallel-size -tp", QT_TRANSLATE_NOOP("FlagHints", "split each layer over this many GPUs"), "N"),
    _f("--pipeline-parallel-size -pp", QT_TRANSLATE_NOOP("FlagHints", "split the layers into this many GPU stages"), "N"),
    _f("--data-parallel-size -dp", QT_TRANSLATE_NOOP("FlagHints", "run this many copies of the model"), "N"),
    _f("--dtype", QT_TRANSLATE_NOOP("FlagHints", "weight and activation precision (default auto)"), "TYPE",
       "auto bfloat16 float16 half float32"),
    _f("--quantization -q", QT_TRANSLATE_NOOP("FlagHints", "quantization method (usually detected from the model)"), "METHOD",
       "awq awq_marlin gptq gptq_marlin fp8 bitsandbytes compressed-tensors gguf"),
    _f("--kv-cache-dtype", QT_TRANSLATE_NOOP("FlagHints", "KV cache precision; fp8 halves its memory"), "TYPE",
       "auto fp8 fp8_e4m3 fp8_e5m2"),
    _f("--enforce-eager", QT_TRANSLATE_NOOP("FlagHints", "no CUDA graphs: less memory and a faster start, slower generation"),
       flag=True),
    _f("--enable-prefix-caching", QT_TRANSLATE_NOOP("FlagHints", "reuse the KV cache of shared prompt prefixes"), flag=True),
    _f("--no-enable-prefix-caching", QT_TRANSLATE_NOOP("FlagHints", "turn prefix caching off"), flag=True),
    _f("--cpu-offload-gb", QT_TRANSLATE_NOOP("FlagHints", "GiB of weights to keep in CPU memory per GPU"), "GIB"),
    _f("--allowed-local-media-path", QT_TRANSLATE_NOOP("FlagHints", "folder requests may read images from as file:// URLs"),
       "DIR"),
    _f("--limit-mm-per-prompt", QT_TRANSLATE_NOOP("FlagHints", 'most images/videos per prompt as JSON, e.g. {"image": 2}'),
       "JSON", ['{"image": 1}', '{"image": 2, "video": 0}']),
    _f("--trust-remote-code", QT_TRANSLATE_NOOP("FlagHints", "run the model repository's own Python code (if you trust it)"),
       flag=True),
    _f("--download-dir", QT_TRANSLATE_NOOP("FlagHints", "where to download and cache weights"), "DIR"),
    _f("--revision", QT_TRANSLATE_NOOP("FlagHints", "model revision: a branch, tag or commit"), "REV"),
    _f("--tokenizer-mode", QT_TRANSLATE_NOOP("FlagHints", "tokenizer implementation (mistral for Mistral models)"), "MODE",
       "auto slow mistral custom"),
    _f("--chat-template", QT_TRANSLATE_NOOP("FlagHints", "chat template file or string (default: from the tokenizer)"), "FILE"),
    _f("--generation-config", QT_TRANSLATE_NOOP("FlagHints", "sampling defaults: auto (the model's), vllm, or a folder"),
       "auto|vllm|DIR", "auto vllm"),
    _f("--enable-auto-tool-choice", QT_TRANSLATE_NOOP("FlagHints", "let the model call tools (needs --tool-call-parser)"),
       flag=True),
    _f("--tool-call-parser", QT_TRANSLATE_NOOP("FlagHints", "how tool calls are read from the model's output"), "NAME",
       "hermes llama3_json mistral pythonic qwen3_coder granite deepseek_v3 openai"),
    _f("--reasoning-parser", QT_TRANSLATE_NOOP("FlagHints", "how reasoning is separated into reasoning_content"), "NAME",
       "deepseek_r1 qwen3 granite glm45 openai_gptoss"),
    _f("--speculative-config", QT_TRANSLATE_NOOP("FlagHints", "speculative decoding settings as JSON"), "JSON"),
    _f("--seed", QT_TRANSLATE_NOOP("FlagHints", "random seed"), "N"),
)  # fmt: skip

_CURATED: dict[Engine, tuple[FlagHint, ...]] = {
    Engine.LLAMA_CPP: _LLAMA_CPP,
    Engine.WHISPER_CPP: _WHISPER_CPP,
    Engine.VLLM: _VLLM,
    Engine.CUSTOM: (),  # a foreign program: the panel knows nothing of its flags
}


# --- the flags offered: the build's help ordered by the curated list -------------------------

# Flags that only print something and exit: known to the engine, useless in a profile.
_META = frozenset(
    {"--help", "--usage", "--version", "--completion-bash", "--list-devices", "--cache-list"}
)
_merged: dict[tuple[Engine, int], tuple[EngineHelp, list[FlagHint]]] = {}


def flags_for(engine: Engine, help: EngineHelp | None = None) -> list[FlagHint]:
    """The flags worth suggesting for ``engine``, in the order the editor lists them.

    With ``help`` (this build's --help), every flag the build has; without, the curated
    list.
    """
    if help is None or help.engine is not engine:
        return list(_CURATED[engine])
    key = (engine, id(help))
    cached = _merged.get(key)
    if cached is None or cached[0] is not help:
        if len(_merged) > 16:  # a few binaries per session; never grows without bound
            _merged.clear()
        cached = (help, _merge(engine, help))
        _merged[key] = cached
    return list(cached[1])


def _merge(engine: Engine, help: EngineHelp) -> list[FlagHint]:
    reserved = set(adapter_for(engine).reserved_flags) | {"--api-key", "--api-key-file"}
    offered: list[FlagHint] = []
    taken: set[int] = set()
    for curated in _CURATED[engine]:
        found = next((f for n in curated.names if (f := help.find(n)) is not None), None)
        if found is None or id(found) in taken:
            continue  # not in this build (an older or newer flag)
        taken.add(id(found))
        primary = curated.flag if curated.flag in found.names else found.flag
        offered.append(
            replace(
                found,
                flag=primary,
                aliases=tuple(n for n in found.names if n != primary),
                choices=found.choices or (curated.choices if found.takes_value else ()),
            )
        )
    for flag in help.flags:
        if id(flag) not in taken:
            offered.append(flag)
    return [f for f in offered if not set(f.names) & (reserved | _META)]


def hint_for(engine: Engine, flag: str, help: EngineHelp | None = None) -> FlagHint | None:
    """The hint for ``flag`` (any of its names; ``--flag=value`` works too), or None."""
    name = base_name(flag)
    flags = flags_for(engine, help)
    for hint in flags:
        if name in hint.names:
            return _shown(hint)
    # Another spelling the build accepts (vLLM: --max_model_len): the flag it stands for.
    found = help.find(name) if help is not None and help.engine is engine else None
    return next((_shown(hint) for hint in flags if found and found.flag in hint.names), None)


def _shown(hint: FlagHint) -> FlagHint:
    """``hint`` in the current language: the curated texts are in the catalogue; a build's
    own --help text is not, and stays as the engine wrote it."""
    text = translate("FlagHints", hint.hint)
    return hint if text == hint.hint else replace(hint, hint=text)


def completions(engine: Engine, prefix: str, help: EngineHelp | None = None) -> list[FlagHint]:
    """Flags with a name starting with ``prefix``: exact matches first, then in list order."""
    if not prefix:
        return []
    flags = flags_for(engine, help)
    exact = [h for h in flags if prefix in h.names]
    starts = [
        h for h in flags if h not in exact and any(name.startswith(prefix) for name in h.names)
    ]
    return [_shown(h) for h in exact + starts]


def all_names(engine: Engine, help: EngineHelp | None = None) -> list[str]:
    """Every name of every flag (the suggested name first within a flag), for a completer."""
    return list(dict.fromkeys(name for hint in flags_for(engine, help) for name in hint.names))


# --- one row per flag ----------------------------------------------------------------

_NUMBER = re.compile(r"^-(\d|\.\d)")


def is_flag_word(word: str) -> bool:
    """``--ctx-size`` and ``-c`` are flags; ``-1``, ``-0.5`` and a lone ``-`` are values."""
    return len(word) > 1 and word.startswith("-") and not _NUMBER.match(word)


@dataclass(frozen=True)
class FlagRow:
    """One row of the editor's flag table: a flag (or a bare word) and its value.

    ``value`` None means no value word follows; ``joined`` means the two were written as
    one word, ``--flag=value``, and go back that way.
    """

    flag: str
    value: str | None = None
    joined: bool = False

    def words(self) -> list[str]:
        if self.value is None:
            return [self.flag]
        if self.joined:
            return [f"{self.flag}={self.value}"]
        return [self.flag, self.value] if self.flag else [self.value]


def rows_from_args(
    engine: Engine, args: Sequence[str], help: EngineHelp | None = None
) -> list[FlagRow]:
    """Split argv words into rows; ``args_from_rows`` gives back exactly ``args``.

    A flag takes the next word as its value when that word is not a flag itself and the
    flag is known to take a value, or is unknown (then a value is the likelier guess).
    Any other word gets a row of its own.
    """
    rows: list[FlagRow] = []
    i = 0
    while i < len(args):
        word = args[i]
        i += 1
        if not is_flag_word(word):
            rows.append(FlagRow(word))
            continue
        name, eq, value = word.partition("=")
        if eq and is_flag_word(name):
            rows.append(FlagRow(name, value, joined=True))
            continue
        hint = hint_for(engine, word, help)
        if i < len(args) and not is_flag_word(args[i]) and (hint is None or hint.takes_value):
            rows.append(FlagRow(word, args[i]))
            i += 1
        else:
            rows.append(FlagRow(word))
    return rows


def args_from_rows(rows: Iterable[FlagRow]) -> list[str]:
    return [word for row in rows for word in row.words()]
