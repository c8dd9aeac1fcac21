"""The verification gate of a wave: what each pushed host should show, and the comparison of
what it shows (``show crypto ikev2 sa detailed``) with that.

The expectation is predicted (``flexorch.predict.expected_tunnels``, the one pipeline) on the
fleet as it is at that moment of the rollout: every host as its confirmed pushes left it (the
running config read at the start, then each push applied by the IOS engine), this wave's hosts
with this push applied, peers outside the site with their intended config. So a hub pushed
before its spokes is not expected to have tunnels it cannot have yet, and a spoke is expected
to reach its (already pushed) hub.

A tunnel the prediction says is down now but up once the intent is in place is *planned down*
(a pre-shared key that changes with its spoke's wave, a peer not pushed yet): it is reported,
its SAs are not held against the host, and it never fails the gate. A tunnel predicted down in
the end too is expected READY as before: the gate does not confirm a broken intent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flexorch.rollout.model import CheckRow
from flexorch.secrets import mask
from flexorch.verify import address_key

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.parse.records import SaRecord
    from flexorch.rollout.model import HostState
    from flexorch.rollout.playbook import Gate
    from flexorch.verify import Expected

ESTABLISHED = "ESTABLISHED"


@dataclass(frozen=True)
class HostExpectation:
    """What one pushed host is checked against."""

    expected: list[Expected]  # checked (READY, suite, fragmentation, ...)
    planned: list[Expected]  # planned down: shown, never failed
    tolerated: frozenset[str]  # remote addresses whose SAs are not compared


def up_pairs(fleet: Fleet, names: Sequence[str], configs: Mapping[str, str],
             unknown: Iterable[str]) -> frozenset[tuple[str, str]]:
    """(host, peer) of every tunnel predicted up on ``configs`` (the fleet once the intent is
    in place): what a tunnel down meanwhile is planned to become."""
    from flexorch.predict import expected_tunnels

    found = expected_tunnels(fleet, names, overrides=configs, unknown=unknown)
    return frozenset((e.host, e.peer) for rows in found.values() for e in rows
                     if e.predicted == ESTABLISHED and e.peer is not None)


def expectations(fleet: Fleet, pushed: Sequence[str], configs: Mapping[str, str],
                 unknown: Collection[str], final_up: frozenset[tuple[str, str]]
                 ) -> dict[str, HostExpectation]:
    """Each pushed host's expectation on the fleet as ``configs`` describe it now."""
    from flexorch.predict import addresses_of, expected_tunnels

    found = expected_tunnels(fleet, pushed, overrides=configs, unknown=unknown)
    ignored = addresses_of(fleet, unknown)
    out = {}
    for host in pushed:
        rows = found.get(host, [])
        planned = [e for e in rows if e.predicted != ESTABLISHED and e.peer is not None
                   and (host, e.peer) in final_up]
        peers = {e.peer for e in planned if e.peer is not None}
        tolerated = ignored | (addresses_of(fleet, peers) if peers else frozenset())
        out[host] = HostExpectation([e for e in rows if e not in planned], planned, tolerated)
    return out


def check_host(host: str, expect: HostExpectation, records: Sequence[SaRecord],
               checks: Sequence[str]) -> list[CheckRow]:
    """The gate's checks for one host (values masked). SAs with a tolerated address (routers
    that could not be read, peers of planned-down tunnels) are not compared."""
    from flexorch.verify import compare

    kept = [r for r in records if address_key(r.remote_address) not in expect.tolerated]
    rows = [CheckRow(tunnel=c.tunnel, peer=c.peer, check=c.check, expected=mask(c.expected),
                     observed=mask(c.observed), ok=c.ok, message=mask(c.message))
            for c in compare(host, expect.expected, kept, checks)]  # type: ignore[arg-type]
    return rows + [_planned_row(e) for e in expect.planned]


def _planned_row(expected: Expected) -> CheckRow:
    return CheckRow(tunnel=expected.tunnel, peer=expected.peer, check="status",
                    expected="down (planned: up once both ends have moved)",
                    observed="not checked", ok=True, message=mask(expected.reason))


def failure_text(rows: Sequence[CheckRow]) -> str:
    """One line naming the failed checks (tunnel, peer, check, expected vs observed)."""
    failed = [r for r in rows if not r.ok]
    parts = []
    for row in failed[:4]:
        peer = f" to {row.peer}" if row.peer else ""
        parts.append(f"{row.tunnel}{peer} {row.check}: expected {row.expected}, "
                     f"observed {row.observed}")
    more = f" (+{len(failed) - 4} more)" if len(failed) > 4 else ""
    return "verification failed: " + "; ".join(parts) + more


def run_gate(gate: Gate, pushed: list[str], expect: Mapping[str, HostExpectation],
             read: Callable[[list[str]], Any], states: Mapping[str, HostState],
             stop: threading.Event) -> dict[str, str]:
    """Verify the pushed hosts: wait ``settle_seconds``, then up to ``attempts`` reads
    (``read(names)`` -> Nornir results of ``read_sa_task``) ``interval_seconds`` apart. The
    hosts that did not pass, with the cause."""
    from flexorch.tasks.failures import device_message

    pending = list(pushed)
    causes: dict[str, str] = {}
    if stop.wait(gate.settle_seconds):
        return dict.fromkeys(pending, "interrupted")
    for attempt in range(gate.attempts):
        results = read(pending)
        still = []
        for name in pending:
            multi = results[name]
            if multi.failed:
                exc = multi[0].exception
                causes[name] = f"verify failed: {device_message(exc) if exc else 'failed'}"
                still.append(name)
                continue
            rows = check_host(name, expect[name], multi[0].result.records, gate.checks)
            states[name].update(checks=rows)
            if all(r.ok for r in rows):
                causes.pop(name, None)
            else:
                causes[name] = failure_text(rows)
                still.append(name)
        pending = still
        if not pending or attempt == gate.attempts - 1 or stop.wait(gate.interval_seconds):
            break
    return {n: causes.get(n, "interrupted") for n in pending}
