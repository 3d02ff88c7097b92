"""Fuzzing argv building: whatever a profile's flags, model and address hold, each value
reaches the server as one argv word, exactly as written; no shell ever reads it."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from panel.core.config.profiles import Engine, ServerProfile
from panel.core.engines import adapter_for
from panel.core.servers.spawn import guard_argv, spawn_guarded

FUZZ = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Words a shell would act on: substitutions, globs, separators, quotes, redirections.
shell_bait = st.sampled_from(
    [
        "$(touch pwned)",
        "`touch pwned`",
        "; touch pwned",
        "&& touch pwned",
        "| tee pwned",
        "> pwned",
        "*",
        "~",
        "$HOME",
        "${IFS}",
        "'",
        '"',
        "\\",
        " ",
        "\t",
        "\n",
        "-",
        "--",
        "",
        "é",
    ]
)
words = (
    st.lists(shell_bait | st.text(max_size=8), max_size=4)
    .map("".join)
    .filter(lambda w: "\x00" not in w)
)
# Custom commands fill {host}, {port} and {model}; braces are left out so the fill is
# not what the comparison measures.
plain_words = words.filter(lambda w: "{" not in w)


@FUZZ
@given(
    st.sampled_from([e for e in Engine if e is not Engine.CUSTOM]),
    st.lists(words, max_size=6),
    words,
)
def test_engine_argv_holds_each_value_as_one_word(
    engine: Engine, args: list[str], model: str
) -> None:
    profile = ServerProfile("x", engine, model=model, args=args, port=8080)
    adapter = adapter_for(engine)
    argv = adapter.plan(profile, "/opt/server").argv
    assert all(isinstance(word, str) for word in argv)
    assert argv[len(argv) - len(args) :] == args  # the flags, verbatim, at the end
    if model:
        assert model in argv
    assert argv[argv.index("--port") + 1] == "8080"
    assert argv[argv.index("--host") + 1] == "127.0.0.1"


@FUZZ
@given(st.lists(plain_words, max_size=6))
def test_custom_argv_is_the_executable_and_the_words(args: list[str]) -> None:
    profile = ServerProfile("x", Engine.CUSTOM, executable="/opt/serve", args=args)
    plan = adapter_for(Engine.CUSTOM).plan(profile, "/opt/serve")
    assert plan.argv == ["/opt/serve", *args]
    guarded = guard_argv(plan, profile.stop_grace)
    assert guarded[guarded.index("--") + 1 :] == plan.argv


ECHO = """\
import json, sys
sys.stdout.write(json.dumps(sys.argv))
"""


@settings(max_examples=15, deadline=None, database=None)
@given(st.lists(plain_words, min_size=1, max_size=5))
def test_the_guard_hands_the_words_to_the_server_untouched(args: list[str]) -> None:
    # End to end through the real guard process: the "server" prints the argv it got;
    # a shell would have run `touch pwned` in the working folder.
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "echo_argv.py"
        script.write_text(ECHO, encoding="utf-8")
        profile = ServerProfile(
            "x", Engine.CUSTOM, executable=sys.executable, args=[str(script), *args]
        )
        plan = adapter_for(Engine.CUSTOM).plan(profile, sys.executable)
        proc, lifeline = spawn_guarded(guard_argv(plan, 1.0), dict(os.environ))
        try:
            out, _ = proc.communicate(timeout=30)
        finally:
            os.close(lifeline)
        assert json.loads(out) == [str(script), *args]
        assert not Path("pwned").exists()
