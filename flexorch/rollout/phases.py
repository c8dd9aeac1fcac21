"""Where the writing steps of a rollout's batch run: the executor seam of ``Rollout``.

The runner (``flexorch.rollout.runner``) decides stages, batches, thresholds and gates; it
hands the hosts of a batch to a ``HostPhases`` for the steps that change routers, and reads
every outcome from the hosts' ``HostState`` afterwards:

- ``push``: ``hostflow.push_host`` (backup, archive, change under the revert timer); a host
  that could not be pushed ends ``failed`` or ``skipped``, a push that broke after the timer
  started keeps ``push_error`` (the finish phase undoes it);
- ``finish``: ``hostflow.finish_host`` (confirm and save, or roll back);
- ``extend``: ``hostflow.extend_timer``; ``restore``: ``hostflow.restore_host`` (``backups``:
  host -> the flash backup to restore, from before its first push of the failed stage).

The lines of a push are the wave's (``ctx.lines``); ``ctx.last`` names the hosts whose push
is their last (confirming it finishes them; otherwise more phases follow).

``LocalPhases`` runs them on this process's Nornir sessions; ``--executor celery`` gives the
runner ``flexorch.distributed.cluster.phases.CeleryPhases`` (the same functions on workers).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from flexorch.rollout.hostflow import (
    Interrupted,
    RunContext,
    extend_timer,
    finish_host,
    push_host,
    restore_host,
)

if TYPE_CHECKING:
    from nornir.core import Nornir


class HostPhases(Protocol):
    """The writing steps of a batch (see the module docstring). Each updates ``ctx.states``."""

    def push(self, names: Sequence[str], ctx: RunContext) -> None: ...

    def finish(self, names: Sequence[str], ctx: RunContext, keep: dict[str, bool],
               reasons: dict[str, str]) -> None: ...

    def extend(self, names: Sequence[str], ctx: RunContext) -> None: ...

    def restore(self, names: Sequence[str], ctx: RunContext, reason: str,
                backups: Mapping[str, str]) -> None: ...


class LocalPhases:
    """The steps on this process's sessions (``nr_for(names)``: the run's Nornir filtered)."""

    def __init__(self, nr_for: Callable[[Sequence[str]], Nornir]) -> None:
        self.nr_for = nr_for

    def push(self, names: Sequence[str], ctx: RunContext) -> None:
        results = self.nr_for(names).run(task=push_host, ctx=ctx, on_failed=True)
        for name in names:
            state, multi = ctx.states[name], results[name]
            if not multi.failed:
                continue
            exc = multi[0].exception
            if isinstance(exc, Interrupted):
                if not state.pushes:  # a host between its phases keeps its confirmed ones
                    state.update(status="skipped", step="plan",
                                 message="interrupted; nothing was changed")
            elif not state.pushed:
                state.update(status="failed", message=f"{type(exc).__name__}: {exc}; "
                             "nothing was changed")
            else:
                # An unexpected error after the timer started: never confirm that change.
                state.update(push_error=f"push failed: {type(exc).__name__}: {exc}")

    def finish(self, names: Sequence[str], ctx: RunContext, keep: dict[str, bool],
               reasons: dict[str, str]) -> None:
        self.nr_for(names).run(task=finish_host, ctx=ctx, keep=keep, reasons=reasons,
                               on_failed=True)

    def extend(self, names: Sequence[str], ctx: RunContext) -> None:
        self.nr_for(names).run(task=extend_timer, ctx=ctx, on_failed=True)

    def restore(self, names: Sequence[str], ctx: RunContext, reason: str,
                backups: Mapping[str, str]) -> None:
        self.nr_for(names).run(task=restore_host, ctx=ctx, reason=reason, backups=backups,
                               on_failed=True)
