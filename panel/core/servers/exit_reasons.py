"""Why a server run ended: exit code or signal, the last lines, and a reason in words."""

from __future__ import annotations

from panel.core.engines import EngineAdapter, LaunchPlan
from panel.core.engines.base import describe_signal, exited_with, last_error_line
from panel.core.i18n import translate
from panel.core.servers import containers
from panel.core.servers.logbuffer import LogBuffer
from panel.core.servers.server_state import ProcessOutcome

LAST_LINES = 30  # lines kept in a crash outcome


def last_lines(log: LogBuffer, adapter: EngineAdapter | None = None) -> tuple[str, ...]:
    """The server's own last lines, as many as the outcome keeps or ``adapter`` reads to
    explain an exit; the panel's notes would hide the actual error."""
    n = max(LAST_LINES, adapter.explain_lines if adapter is not None else 0)
    return tuple(line.text for line in log.tail(n) if line.stream != "panel")


def describe_status(exit_code: int | None, signum: int | None) -> str:
    """'signal 9' or 'exit code 1', for the log's closing line."""
    if signum:
        return translate("ExitReason", "signal {number}").format(number=signum)
    return translate("ExitReason", "exit code {code}").format(code=exit_code)


def run_outcome(
    returncode: int | None,
    *,
    stop_requested: bool,
    fail_reason: str | None,
    last: tuple[str, ...],
    ran_for: float,
    plan: LaunchPlan | None,
    adapter: EngineAdapter,
) -> ProcessOutcome:
    """The outcome of a run whose guard returned ``returncode`` (-N for signal N).

    ``last``: the log's last lines (:func:`last_lines`); the outcome keeps the last
    ``LAST_LINES`` of them, the adapter reads as many as it asks for.

    A stop the panel made itself for a failure (not ready in time, port taken) is no
    requested stop: the outcome carries that failure as its reason.
    """
    signum = -returncode if returncode is not None and returncode < 0 else None
    exit_code = None if signum is not None else returncode
    requested = stop_requested and fail_reason is None
    if requested:
        reason = translate("ExitReason", "stopped")
    elif fail_reason:
        reason = fail_reason
    else:
        reason = explain_exit(plan, adapter, exit_code, signum, last)
    return ProcessOutcome(exit_code, signum, requested, reason, last[-LAST_LINES:], ran_for)


def explain_exit(
    plan: LaunchPlan | None,
    adapter: EngineAdapter,
    exit_code: int | None,
    signum: int | None,
    last: tuple[str, ...],
) -> str:
    """Why a run ended by itself, from the engine's, or the container runtime's, view."""
    recent = last[-LAST_LINES:]
    # A build for other GPUs fails alike in a process or a container: the cause, and the fix.
    from panel.core.engines.cuda_errors import explain_cuda_failure

    cuda_reason = explain_cuda_failure(last)
    if cuda_reason:
        return cuda_reason
    if plan is not None and plan.adopted:
        # `docker logs -f` ends with 0 whatever became of the container, and --rm
        # removed it: only the log can tell.
        last_error = last_error_line(recent)
        if last_error:
            return translate("ExitReason", "the adopted container ended: {error}").format(
                error=last_error
            )
        return translate("ExitReason", "the adopted container ended")
    if plan is not None and plan.container:
        runtime_reason = containers.explain_exit(exit_code, recent)
        if runtime_reason:
            return runtime_reason
        if exit_code is not None and 128 < exit_code < 128 + 65:
            # docker reports a container killed by signal N as exit code 128 + N.
            specific = adapter.explain_exit(exit_code, None, last[-adapter.explain_lines :])
            generic = exited_with(exit_code)
            if specific.startswith(generic):  # nothing better than the number
                return translate("ExitReason", "{signal} (container exit code {code})").format(
                    signal=describe_signal(exit_code - 128), code=exit_code
                )
            return specific
    return adapter.explain_exit(exit_code, signum, last[-adapter.explain_lines :])
