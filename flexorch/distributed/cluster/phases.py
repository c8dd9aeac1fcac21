"""``rollout --executor celery``: the coordinating process keeps the rollout (reads, plan,
stages, batches, thresholds, gates, history, progress) and a batch's pushes run on workers
(``flexorch.rollout.phases`` is the seam; ``pushes`` the worker side).

A batch is sent in chunks (``--chunk-size``) to any worker; the confirm, rollback, timer
restart or restore of a host goes to the worker that pushed it (its own queue), which holds
the backup it needs. Faults:

- the worker of a push dies: the push is never sent again, and its start is claimed
  (``Coordinator.give_up``: never run later); its hosts are read for an unconfirmed change (the
  pending-change check, on another worker): one is ``reverting`` (IOS rolls it back by its
  timer; nothing confirms it), none is ``failed`` with nothing changed (``partial`` for a later
  phase: the earlier ones stay), an unreadable router ``failed`` (``partial``) with ``flexorch
  recover --host H`` to run;
- the worker holding a pushed change dies before the confirm: ``reverting`` (the message it
  would have taken expires when the revert timer fires, so a worker back under the same name
  never confirms a change this run gave up).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from flexorch.distributed.chunks import split_hosts
from flexorch.distributed.cluster.app import AFTER_TASK, PUSH_TASK
from flexorch.distributed.cluster.coordinator import WORKERS_GONE_S, Coordinator
from flexorch.distributed.cluster.pushes import not_pushed, state_from_wire, state_to_wire
from flexorch.distributed.settings import ClusterOptions, visibility_timeout

if TYPE_CHECKING:
    from flexorch.rollout.hostflow import RunContext
    from flexorch.rollout.runner import Rollout

LOST_PUSH = "the worker pushing it was lost"


def _when(epoch: float | None) -> str:
    return time.strftime("%H:%M:%S", time.localtime(epoch or time.time()))


class CeleryPhases:
    """``HostPhases`` on workers, for one rollout (see the module docstring)."""

    def __init__(self, rollout: Rollout, run_id: int | None, options: ClusterOptions) -> None:
        from flexorch.distributed.cluster.jobs import inventory_digest

        self.rollout = rollout
        self.run_id = run_id
        self.options = options
        self.coordinator = Coordinator(options)
        self.inventory = str(rollout.fleet.folder.resolve())
        self.digest = inventory_digest(rollout.fleet.folder)
        self.node_of: dict[str, str] = {}  # host -> the worker that pushed it
        # A worker silent this long is lost (tests shorten it with the visibility timeout).
        self.lost_after = min(WORKERS_GONE_S, visibility_timeout())

    def _common(self, ctx: RunContext) -> dict[str, Any]:
        return {"inventory": self.inventory, "digest": self.digest, "site": self.rollout.site,
                "options": {"timeout": ctx.timeout, "confirm_minutes": ctx.confirm_minutes,
                            "minute_seconds": ctx.minute_seconds, "tag": ctx.tag}}

    def push(self, names: Sequence[str], ctx: RunContext) -> None:
        """This wave's push of ``names``: a host's first push to any worker (in chunks), a
        later phase of a host to the worker that pushed its earlier ones (which holds its
        backups and read the config the earlier phase left); each with the wave's lines
        masked (``pushes`` fills the keys in)."""
        from flexorch.plan.document import masked_lines

        works = {w.host: w for w in self.rollout.works}

        def host(name: str) -> dict[str, Any]:
            state = ctx.states[name]
            later = state.pushes > 0
            return {"host": name, "role": works[name].role, "stage": state.stage,
                    "running_sha256": state.phase_sha256 if later else works[name].running_sha256,
                    "lines": list(masked_lines(ctx.lines[name])),
                    "state": state_to_wire(state) if later else None}

        def message(hosts: Sequence[str]) -> dict[str, Any]:
            return {**self._common(ctx), "run_id": self.run_id, "tag": ctx.tag,
                    "hosts": [host(n) for n in hosts]}

        sent: list[tuple[list[str], str | None, Any]] = []
        first = [n for n in names if ctx.states[n].pushes == 0]
        for chunk in split_hosts(first, lambda n: self.rollout.site, self.options.chunk_size):
            sent.append((chunk, None, self.coordinator.send(PUSH_TASK, message(chunk))))
        by_node: dict[str, list[str]] = {}
        for name in names:
            if ctx.states[name].pushes:
                by_node.setdefault(self.node_of[name], []).append(name)
        for node, hosts in by_node.items():
            # No expiry: the message may wait while that worker's processes push other chunks
            # (busy is not lost: the worker answers pings); a push given up is claimed below.
            sent.append((hosts, node, self.coordinator.send(PUSH_TASK, message(hosts), node)))
        for chunk, held_by, result in sent:
            value = self.coordinator.wait(result, held_by, lost_after=self.lost_after)
            if value is None:
                # Never started later either (a worker back, a redelivery), then: what the
                # routers hold now decides (the pending-change check).
                self.coordinator.give_up(result)
                result.revoke()
                self._resolve_lost(chunk, ctx)
            elif "error" in value:
                for name in chunk:
                    not_pushed(ctx.states[name], "failed", f"a worker refused the push: "
                               f"{value['error']}; nothing was changed")
            else:
                self._apply(value, ctx)

    def _apply(self, value: dict[str, Any], ctx: RunContext) -> None:
        for data in value["hosts"]:
            state_from_wire(ctx.states[data["host"]], data)
            self.node_of[data["host"]] = value["node"]

    def _resolve_lost(self, chunk: list[str], ctx: RunContext) -> None:
        """The pending-change check of a lost push's hosts (never pushed again)."""
        from flexorch.distributed.cluster.wire import pending_from_wire

        found, _ = self.coordinator.map_hosts(
            "pending", self.rollout.fleet, chunk,
            {"workers": len(chunk), "timeout": ctx.timeout}, None)
        for name in chunk:
            state, read = ctx.states[name], found.get(name, {"error": "no worker left"})
            if "error" in read:
                state.update(status="partial" if state.pushes else "failed", step="push",
                             message=(
                    f"{LOST_PUSH} and the router could not be read ({read['error']}): "
                    f"`flexorch recover --host {name}` shows whether a change is pending"))
            elif read["pending"] is not None:
                pending = pending_from_wire(read["pending"])
                assert pending is not None
                state.update(status="reverting", step="push", pushed=False, message=(
                    f"{LOST_PUSH}; {pending.describe()}; nothing confirms it"))
            else:
                state.update(status="partial" if state.pushes else "failed", step="push",
                             message=(
                    f"{LOST_PUSH}; no unconfirmed change is pending now (none went on, or its "
                    "revert timer has already rolled it back): the router keeps its previous "
                    "config" + (" and its earlier phase(s)" if state.pushes else "")))

    def _after(self, phase: str, names: Sequence[str], ctx: RunContext,
               decision: dict[str, Any]) -> dict[str, list[str]]:
        """Send ``phase`` for ``names`` to the workers that pushed them; the hosts of each
        worker that was lost meanwhile (their states untouched)."""
        by_node: dict[str, list[str]] = {}
        for name in names:
            by_node.setdefault(self.node_of[name], []).append(name)
        sent = []
        for node, hosts in by_node.items():
            deadline = min((ctx.states[n].revert_by or time.time() + 3600) for n in hosts)
            expires = datetime.fromtimestamp(deadline, UTC) if phase != "restore" else None
            sent.append((node, hosts, self.coordinator.send(AFTER_TASK, {
                **self._common(ctx), "phase": phase, "decision": decision,
                "hosts": [state_to_wire(ctx.states[n]) for n in hosts]}, node, expires)))
        lost: dict[str, list[str]] = {}
        for node, hosts, result in sent:
            value = self.coordinator.wait(result, node, self.lost_after)
            if value is None or "error" in value:
                result.revoke()
                lost[node] = hosts
            else:
                self._apply(value, ctx)
        return lost

    def finish(self, names: Sequence[str], ctx: RunContext, keep: dict[str, bool],
               reasons: dict[str, str]) -> None:
        wanted = set(names)
        decision = {"keep": {n: k for n, k in keep.items() if n in wanted},
                    "reasons": {n: r for n, r in reasons.items() if n in wanted},
                    "last": [n for n in names if n in ctx.last]}
        for node, hosts in self._after("finish", names, ctx, decision).items():
            for name in hosts:
                state = ctx.states[name]
                state.update(status="reverting", message=(
                    f"the worker holding its change ({node}) was lost before it was confirmed: "
                    f"IOS rolls the change back at {_when(state.revert_by)}; `flexorch recover "
                    f"--host {name}` shows it"))

    def extend(self, names: Sequence[str], ctx: RunContext) -> None:
        self._after("extend", names, ctx, {})  # a lost worker's hosts: see ``finish``

    def restore(self, names: Sequence[str], ctx: RunContext, reason: str,
                backups: Mapping[str, str]) -> None:
        decision = {"reason": reason, "backups": {n: backups[n] for n in names if n in backups}}
        for node, hosts in self._after("restore", names, ctx, decision).items():
            for name in hosts:
                state = ctx.states[name]
                state.update(status="failed", step="restore", message=(
                    f"{reason}; the worker that pushed it ({node}) was lost: the router keeps "
                    f"the confirmed change; restore it with configure replace "
                    f"flash:{state.flash_backup}"))
