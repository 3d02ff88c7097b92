"""The engine flags the panel knows: completion and a one-line hint in the profile editor.

Read from each engine's own ``--help`` (llama.cpp and whisper.cpp builds of 2026) and
vLLM's ``vllm serve --help`` / engine-args docs. The lists are not exhaustive: any flag
may go in a profile's args; these are the ones worth suggesting. Flags that the profile
has its own fields for (host, port, model, API key) are deliberately left out, so the
editor never suggests a second, conflicting place to set them.

Also here, because it needs the hints and no Qt: splitting an argv list into one row per
flag (:func:`rows_from_args`) and joining it back (:func:`args_from_rows`) without losing
or reordering a single word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from panel.core.config.profiles import Engine


@dataclass(frozen=True)
class FlagHint:
    """One flag: its names, whether a value follows it, and what it does in one line."""

    flag: str  # the name the editor suggests first
    aliases: tuple[str, ...]
    takes_value: bool
    hint: str
    choices: tuple[str, ...] = ()  # suggested values; the engine may accept others
    value_name: str = ""  # how --help names the value: N, FILE, DIR, ...

    @property
    def names(self) -> tuple[str, ...]:
        return (self.flag, *self.aliases)

    def usage(self) -> str:
        """``--ctx-size N`` / ``--flash-attn on|off|auto`` / ``--jinja``."""
        if not self.takes_value:
            return self.flag
        value = "|".join(self.choices) if 0 < len(self.choices) <= 4 else self.value_name
        return f"{self.flag} {value or 'VALUE'}"


def _f(
    names: str, hint: str, value: str = "", choices: Iterable[str] = (), *, flag: bool = False
) -> FlagHint:
    """Shorthand for the tables below: ``names`` is "--primary -alias --alias2"."""
    first, *rest = names.split()
    return FlagHint(
        flag=first,
        aliases=tuple(rest),
        takes_value=not flag,
        hint=hint,
        choices=tuple(choices),
        value_name="" if flag else (value or "VALUE"),
    )


_KV_TYPES = ("f16", "bf16", "q8_0", "q4_0", "q4_1", "iq4_nl", "q5_0", "q5_1", "f32")

_LLAMA_CPP: tuple[FlagHint, ...] = (
    # -- GPU and memory
    _f(
        "--gpu-layers -ngl --n-gpu-layers",
        "layers to keep in VRAM: a number, 'auto' or 'all' (99 puts every layer on the GPU)",
        "N",
        ("auto", "all", "99", "0"),
    ),
    _f(
        "--ctx-size -c",
        "context size in tokens, shared by the slots (0 = the model's training context)",
        "N",
        ("4096", "8192", "16384", "32768", "65536", "0"),
    ),
    _f(
        "--parallel -np",
        "number of slots, i.e. requests served at once (-1 = auto)",
        "N",
        ("1", "2", "4", "-1"),
    ),
    _f(
        "--flash-attn -fa",
        "Flash Attention: on, off or auto (older builds: a switch without a value)",
        "on|off|auto",
        ("on", "off", "auto"),
    ),
    _f(
        "--cache-type-k -ctk",
        "KV cache type for K; q8_0 halves its memory (default f16)",
        "TYPE",
        _KV_TYPES,
    ),
    _f(
        "--cache-type-v -ctv",
        "KV cache type for V; quantized V needs Flash Attention (default f16)",
        "TYPE",
        _KV_TYPES,
    ),
    _f(
        "--n-cpu-moe -ncmoe",
        "keep the MoE expert weights of the first N layers in CPU memory (frees VRAM)",
        "N",
    ),
    _f("--cpu-moe -cmoe", "keep all MoE expert weights in CPU memory", flag=True),
    _f("--no-kv-offload -nkvo", "keep the KV cache in CPU memory instead of VRAM", flag=True),
    _f(
        "--fit -fit",
        "adjust unset options (layers, context) to fit in device memory (default on)",
        "on|off",
        ("on", "off"),
    ),
    _f(
        "--split-mode -sm",
        "how to split the model over several GPUs (default layer)",
        "MODE",
        ("none", "layer", "row", "tensor"),
    ),
    _f(
        "--tensor-split -ts",
        "share of the model for each GPU, comma-separated proportions, e.g. 3,1",
        "N0,N1,...",
    ),
    _f("--main-gpu -mg", "the GPU to use with --split-mode none (default 0)", "INDEX"),
    _f(
        "--device -dev",
        "comma-separated devices to offload to (none = CPU only; see --list-devices)",
        "DEV1,DEV2",
    ),
    _f(
        "--override-tensor -ot",
        "put tensors matching a pattern on a buffer type, e.g. exps=CPU",
        "PATTERN=TYPE",
    ),
    _f(
        "--load-mode -lm",
        "how the model file is loaded (default auto = mmap when the device allows it)",
        "MODE",
        ("auto", "none", "mmap", "mlock", "mmap+mlock", "dio"),
    ),
    _f(
        "--no-mmap",
        "read the whole model into RAM instead of memory-mapping it (older builds; "
        "new builds: --load-mode none)",
        flag=True,
    ),
    _f(
        "--mlock",
        "lock the model in RAM so it is never swapped out (older builds; "
        "new builds: --load-mode mlock)",
        flag=True,
    ),
    # -- CPU and batching
    _f("--threads -t", "CPU threads for generation (-1 = automatic)", "N"),
    _f(
        "--threads-batch -tb", "CPU threads for prompt processing (default: same as --threads)", "N"
    ),
    _f("--batch-size -b", "logical maximum batch size in tokens (default 2048)", "N"),
    _f("--ubatch-size -ub", "physical maximum batch size in tokens (default 512)", "N"),
    _f(
        "--numa",
        "NUMA optimizations (drop the page cache before first use)",
        "TYPE",
        ("distribute", "isolate", "numactl"),
    ),
    # -- model files and names
    _f(
        "--mmproj -mm",
        "multimodal projector GGUF: lets a vision (or audio) model take images",
        "FILE",
    ),
    _f("--no-mmproj-offload", "keep the multimodal projector on the CPU", flag=True),
    _f("--image-min-tokens", "minimum tokens per image (dynamic-resolution vision models)", "N"),
    _f("--image-max-tokens", "maximum tokens per image (dynamic-resolution vision models)", "N"),
    _f(
        "--media-path",
        "folder the server may read local images from, as file:// URLs (newer builds)",
        "DIR",
    ),
    _f(
        "--alias -a",
        "model name(s) the API lists and accepts, comma-separated (default: the file path)",
        "NAME",
    ),
    _f("--lora", "LoRA adapter file (comma-separated for several)", "FILE"),
    _f(
        "--model-draft -md --spec-draft-model", "small draft model for speculative decoding", "FILE"
    ),
    _f(
        "--gpu-layers-draft -ngld --n-gpu-layers-draft --spec-draft-ngl",
        "draft model layers to keep in VRAM",
        "N",
        ("auto", "all", "99"),
    ),
    _f(
        "--hf-repo -hf -hfr",
        "download the model from Hugging Face (user/model[:quant]) instead of a local file",
        "USER/MODEL[:QUANT]",
    ),
    _f("--hf-file -hff", "the file to take from --hf-repo", "FILE"),
    _f(
        "--rope-scaling",
        "RoPE scaling method (default: the model's)",
        "METHOD",
        ("none", "linear", "yarn"),
    ),
    _f("--rope-scale", "RoPE context scaling factor: expands the context by N", "N"),
    # -- chat templates and reasoning
    _f(
        "--jinja",
        "use the Jinja chat template engine (needed for tool calls; on by default in new builds)",
        flag=True,
    ),
    _f("--no-jinja", "use the built-in chat templates instead of Jinja", flag=True),
    _f(
        "--chat-template",
        "a built-in chat template name, or the template itself (default: from the model)",
        "NAME",
        (
            "chatml",
            "llama3",
            "llama4",
            "gemma",
            "mistral-v7",
            "phi4",
            "deepseek3",
            "gpt-oss",
            "granite",
            "kimi-k2",
            "zephyr",
            "vicuna",
        ),
    ),
    _f("--chat-template-file", "read the chat template from a Jinja file", "FILE"),
    _f(
        "--chat-template-kwargs",
        'extra JSON parameters for the template, e.g. {"enable_thinking": false}',
        "JSON",
    ),
    _f(
        "--reasoning-format",
        "where thinking goes: none (left in content), deepseek (reasoning_content), "
        "deepseek-legacy, auto",
        "FORMAT",
        ("auto", "none", "deepseek", "deepseek-legacy"),
    ),
    _f(
        "--reasoning -rea",
        "use reasoning/thinking in the chat (default auto: from the template)",
        "on|off|auto",
        ("on", "off", "auto"),
    ),
    _f(
        "--reasoning-budget",
        "token budget for thinking: -1 unrestricted, 0 no thinking",
        "N",
        ("-1", "0"),
    ),
    # -- sampling defaults (requests can override them)
    _f("--temp --temperature", "default sampling temperature (default 0.80)", "N"),
    _f("--top-k", "default top-k sampling (default 40, 0 = off)", "N"),
    _f("--top-p", "default top-p sampling (default 0.95, 1.0 = off)", "N"),
    _f("--min-p", "default min-p sampling (default 0.05, 0.0 = off)", "N"),
    _f("--repeat-penalty", "default repetition penalty (default 1.00 = off)", "N"),
    _f("--presence-penalty", "default presence penalty (default 0.00 = off)", "N"),
    _f("--seed -s", "random seed (-1 = random)", "SEED"),
    _f("--n-predict -n --predict", "maximum tokens to generate per request (-1 = no limit)", "N"),
    # -- server
    _f(
        "--metrics",
        "enable the Prometheus /metrics endpoint (the panel reads speeds from it)",
        flag=True,
    ),
    _f("--slots", "expose the /slots monitoring endpoint (default on)", flag=True),
    _f("--no-slots", "hide the /slots monitoring endpoint", flag=True),
    _f("--props", "allow changing global properties via POST /props", flag=True),
    _f("--no-webui --no-ui", "turn off the built-in web chat UI", flag=True),
    _f("--timeout -to", "HTTP read/write timeout in seconds (default 3600)", "N"),
    _f("--threads-http", "threads that handle HTTP requests (-1 = automatic)", "N"),
    _f(
        "--cache-reuse",
        "minimum chunk size to reuse from the prompt cache by KV shifting (0 = off)",
        "N",
    ),
    _f("--cache-ram -cram", "prompt cache size in MiB (-1 = no limit, 0 = off)", "N"),
    _f("--context-shift", "shift the context instead of stopping when it is full", flag=True),
    _f("--no-warmup", "skip the warm-up run after loading (starts faster)", flag=True),
    _f(
        "--sleep-idle-seconds",
        "unload the model after this many idle seconds (-1 = never)",
        "SECONDS",
    ),
    _f("--embedding --embeddings", "serve embeddings only (for embedding models)", flag=True),
    _f("--rerank --reranking", "enable the reranking endpoint (for reranker models)", flag=True),
    _f(
        "--pooling",
        "pooling type for embeddings (default: the model's)",
        "TYPE",
        ("none", "mean", "cls", "last", "rank"),
    ),
    _f("--log-file", "also write the log to this file", "FILE"),
    _f(
        "--log-verbosity -lv --verbosity",
        "log threshold: 0 generic, 1 error, 2 warning, 3 info (default), 4 trace, 5 debug",
        "N",
        ("0", "1", "2", "3", "4", "5"),
    ),
    _f("--verbose -v --log-verbose", "log everything (very chatty)", flag=True),
    _f("--log-timestamps", "prefix log lines with timestamps", flag=True),
)

_WHISPER_LANGUAGES = (
    "auto",
    "en",
    "zh",
    "de",
    "es",
    "ru",
    "ko",
    "fr",
    "ja",
    "pt",
    "tr",
    "pl",
    "ca",
    "nl",
    "ar",
    "sv",
    "it",
    "id",
    "hi",
    "fi",
    "vi",
    "he",
    "uk",
    "el",
    "ms",
    "cs",
    "ro",
    "da",
    "hu",
    "ta",
    "no",
    "th",
    "ur",
    "hr",
    "bg",
    "lt",
    "fa",
    "sk",
    "sr",
    "sl",
    "et",
    "yue",
)

_WHISPER_CPP: tuple[FlagHint, ...] = (
    _f(
        "--language -l",
        "spoken language; 'auto' detects it (default en; requests may send their own)",
        "LANG",
        _WHISPER_LANGUAGES,
    ),
    _f("--flash-attn -fa", "enable Flash Attention (the default in new builds)", flag=True),
    _f("--no-flash-attn -nfa", "disable Flash Attention", flag=True),
    _f("--threads -t", "CPU threads for the computation", "N"),
    _f("--processors -p", "processors to split the work over", "N"),
    _f("--no-gpu -ng", "run on the CPU only", flag=True),
    _f("--device -dev", "GPU device ID (default 0)", "N"),
    _f("--translate -tr", "translate the speech into English", flag=True),
    _f("--no-timestamps -nt", "leave timestamps out of the output", flag=True),
    _f("--beam-size -bs", "beam search width (-1 = greedy decoding)", "N"),
    _f("--best-of -bo", "candidates kept when sampling (default 2)", "N"),
    _f("--prompt", "initial prompt: names, spellings or style to prime the model", "PROMPT"),
    _f("--carry-initial-prompt", "prepend the initial prompt to every window", flag=True),
    _f("--max-context -mc", "maximum text context tokens kept (-1 = all)", "N"),
    _f("--max-len -ml", "maximum segment length in characters (0 = no limit)", "N"),
    _f("--split-on-word -sow", "split segments on words rather than tokens", flag=True),
    _f("--audio-ctx -ac", "audio context size (0 = all); smaller is faster, less accurate", "N"),
    _f("--entropy-thold -et", "entropy threshold for decoder fallback (default 2.40)", "N"),
    _f(
        "--logprob-thold -lpt",
        "log probability threshold for decoder fallback (default -1.00)",
        "N",
    ),
    _f("--no-fallback -nf", "do not retry at higher temperature when decoding fails", flag=True),
    _f("--no-speech-thold -nth", "probability above which a segment counts as silence (0.60)", "N"),
    _f("--suppress-nst -sns", "suppress non-speech tokens ([music], (applause), ...)", flag=True),
    _f("--diarize -di", "stereo diarization: tell the two channels' speakers apart", flag=True),
    _f("--tinydiarize -tdrz", "speaker-turn detection (needs a tdrz model)", flag=True),
    _f(
        "--dtw",
        "token-level timestamps with DTW, for this model size",
        "MODEL",
        (
            "tiny",
            "tiny.en",
            "base",
            "base.en",
            "small",
            "small.en",
            "medium",
            "medium.en",
            "large.v1",
            "large.v2",
            "large.v3",
            "large.v3.turbo",
        ),
    ),
    _f(
        "--inference-path",
        "URL path of the transcription endpoint (default /inference; the panel's client must "
        "use the same)",
        "PATH",
    ),
    _f("--request-path", "URL prefix for all requests", "PATH"),
    _f("--public", "folder of static files the server serves", "PATH"),
    _f("--convert", "convert any audio to WAV with ffmpeg (needs ffmpeg on PATH)", flag=True),
    _f("--tmp-dir", "folder for ffmpeg's converted files (default .)", "DIR"),
    _f("--vad", "enable voice activity detection: skip silence (needs --vad-model)", flag=True),
    _f("--vad-model -vm", "VAD model file, e.g. ggml-silero-v5.1.2.bin", "FILE"),
    _f("--vad-threshold -vt", "speech probability threshold for VAD (default 0.50)", "N"),
    _f("--vad-min-speech-duration-ms -vspd", "shortest speech VAD keeps, in ms (default 250)", "N"),
    _f(
        "--vad-min-silence-duration-ms -vsd",
        "shortest silence that splits segments, in ms (default 100)",
        "N",
    ),
    _f("--vad-max-speech-duration-s -vmsd", "split speech longer than this, in seconds", "N"),
    _f("--vad-speech-pad-ms -vp", "padding around detected speech, in ms (default 30)", "N"),
    _f("--vad-samples-overlap -vo", "overlap between VAD segments, in seconds (default 0.10)", "N"),
)

_VLLM: tuple[FlagHint, ...] = (
    _f(
        "--served-model-name",
        "the name clients send as 'model' (default: the model path or id)",
        "NAME",
    ),
    _f(
        "--gpu-memory-utilization",
        "fraction of the GPU's TOTAL memory vLLM takes (default 0.9); lower it to share the GPU",
        "FRACTION",
        ("0.9", "0.8", "0.6", "0.5", "0.3", "0.2"),
    ),
    _f(
        "--max-model-len",
        "context length in tokens (default: the model's); lower it if the KV cache does not fit",
        "N",
        ("4096", "8192", "16384", "32768"),
    ),
    _f("--max-num-seqs", "most sequences (requests) batched at once", "N"),
    _f("--max-num-batched-tokens", "most tokens processed in one step", "N"),
    _f("--tensor-parallel-size -tp", "split each layer over this many GPUs", "N"),
    _f("--pipeline-parallel-size -pp", "split the layers into this many GPU stages", "N"),
    _f("--data-parallel-size -dp", "run this many copies of the model", "N"),
    _f(
        "--dtype",
        "weight and activation precision (default auto: from the model)",
        "TYPE",
        ("auto", "bfloat16", "float16", "half", "float32"),
    ),
    _f(
        "--quantization -q",
        "quantization method (usually detected from the model's config)",
        "METHOD",
        (
            "awq",
            "awq_marlin",
            "gptq",
            "gptq_marlin",
            "fp8",
            "bitsandbytes",
            "compressed-tensors",
            "gguf",
        ),
    ),
    _f(
        "--kv-cache-dtype",
        "KV cache precision; fp8 halves its memory (default auto)",
        "TYPE",
        ("auto", "fp8", "fp8_e4m3", "fp8_e5m2"),
    ),
    _f(
        "--enforce-eager",
        "no CUDA graphs: less memory and a faster start, slower generation",
        flag=True,
    ),
    _f("--enable-prefix-caching", "reuse the KV cache of shared prompt prefixes", flag=True),
    _f("--no-enable-prefix-caching", "turn prefix caching off", flag=True),
    _f(
        "--enable-chunked-prefill",
        "split long prompts into chunks batched with decoding",
        flag=True,
    ),
    _f("--cpu-offload-gb", "GiB of weights to keep in CPU memory per GPU", "GIB"),
    _f(
        "--allowed-local-media-path",
        "folder requests may read images from as file:// URLs (must exist)",
        "DIR",
    ),
    _f(
        "--limit-mm-per-prompt",
        'most images/videos/audios per prompt, as JSON, e.g. {"image": 2, "video": 0}',
        "JSON",
        ('{"image": 1}', '{"image": 2, "video": 0}'),
    ),
    _f(
        "--mm-processor-kwargs",
        'options for the multimodal processor, as JSON, e.g. {"max_pixels": 1003520}',
        "JSON",
    ),
    _f(
        "--trust-remote-code",
        "run the model repository's own Python code (only if you trust it)",
        flag=True,
    ),
    _f("--download-dir", "where to download and cache weights (default: the HF cache)", "DIR"),
    _f("--revision", "model revision: a branch, tag or commit", "REV"),
    _f("--tokenizer", "tokenizer name or path (default: the model's)", "NAME"),
    _f(
        "--tokenizer-mode",
        "tokenizer implementation (mistral for Mistral models)",
        "MODE",
        ("auto", "slow", "mistral", "custom"),
    ),
    _f(
        "--load-format",
        "weight format to load (default auto)",
        "FORMAT",
        ("auto", "safetensors", "pt", "gguf", "bitsandbytes", "mistral", "dummy"),
    ),
    _f("--chat-template", "chat template file or string (default: from the tokenizer)", "FILE"),
    _f(
        "--generation-config",
        "sampling defaults: auto (the model's generation_config.json), vllm (vLLM's own), "
        "or a folder",
        "auto|vllm|DIR",
        ("auto", "vllm"),
    ),
    _f(
        "--runner",
        "what to run the model as (default auto)",
        "RUNNER",
        ("auto", "generate", "pooling", "draft"),
    ),
    _f(
        "--convert",
        "adapt a model for pooling tasks (default auto)",
        "TYPE",
        ("auto", "none", "embed", "classify", "reward"),
    ),
    _f(
        "--task",
        "older vLLM: what to run the model for (newer: --runner / --convert)",
        "TASK",
        ("auto", "generate", "embed", "classify", "score", "reward", "transcription"),
    ),
    _f(
        "--enable-auto-tool-choice",
        "let the model decide to call tools (needs --tool-call-parser)",
        flag=True,
    ),
    _f(
        "--tool-call-parser",
        "how tool calls are read from the model's output",
        "NAME",
        (
            "hermes",
            "llama3_json",
            "mistral",
            "pythonic",
            "qwen3_coder",
            "granite",
            "deepseek_v3",
            "openai",
        ),
    ),
    _f(
        "--reasoning-parser",
        "how reasoning is separated into reasoning_content",
        "NAME",
        ("deepseek_r1", "qwen3", "granite", "glm45", "openai_gptoss"),
    ),
    _f("--speculative-config", "speculative decoding settings as JSON", "JSON"),
    _f("--seed", "random seed", "N"),
    _f(
        "--uvicorn-log-level",
        "HTTP server log level (default info)",
        "LEVEL",
        ("critical", "error", "warning", "info", "debug", "trace"),
    ),
)

_TABLES: dict[Engine, tuple[FlagHint, ...]] = {
    Engine.LLAMA_CPP: _LLAMA_CPP,
    Engine.WHISPER_CPP: _WHISPER_CPP,
    Engine.VLLM: _VLLM,
    Engine.CUSTOM: (),  # a foreign program: the panel knows nothing of its flags
}


def flags_for(engine: Engine) -> list[FlagHint]:
    """The flags worth suggesting for ``engine``, in the order the editor lists them."""
    return list(_TABLES[engine])


def hint_for(engine: Engine, flag: str) -> FlagHint | None:
    """The hint for ``flag`` (any of its names; ``--flag=value`` works too), or None."""
    name = flag.split("=", 1)[0] if flag.startswith("-") else flag
    for hint in _TABLES[engine]:
        if name in hint.names:
            return hint
    return None


def completions(engine: Engine, prefix: str) -> list[FlagHint]:
    """Flags with a name starting with ``prefix``: exact matches first, then by table order."""
    if not prefix:
        return []
    exact = [h for h in _TABLES[engine] if prefix in h.names]
    starts = [
        h
        for h in _TABLES[engine]
        if h not in exact and any(name.startswith(prefix) for name in h.names)
    ]
    return exact + starts


def all_names(engine: Engine) -> list[str]:
    """Every name of every flag (long names first within a flag), for a completer."""
    return [name for hint in _TABLES[engine] for name in hint.names]


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


def rows_from_args(engine: Engine, args: Sequence[str]) -> list[FlagRow]:
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
        hint = hint_for(engine, word)
        if i < len(args) and not is_flag_word(args[i]) and (hint is None or hint.takes_value):
            rows.append(FlagRow(word, args[i]))
            i += 1
        else:
            rows.append(FlagRow(word))
    return rows


def args_from_rows(rows: Iterable[FlagRow]) -> list[str]:
    return [word for row in rows for word in row.words()]
