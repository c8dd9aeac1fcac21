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
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flexorch.rollout.model import CheckRow
from flexorch.secrets import mask
from flexorch.verify import address_key

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.ios.model import RouterConfig
    from flexorch.parse.records import ParseResult, SaRecord
    from flexorch.predict import ConfigSource
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


class Models:
    """Router configs read into the negotiation model once per text for a whole run: every
    gate predicts on every router's config, and most are the same text as at the last gate
    (reading them is most of a prediction's time: 13 s for 2,000 routers)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._read: dict[str, RouterConfig] = {}

    def of(self, configs: Mapping[str, str]) -> dict[str, RouterConfig]:
        """Each config read (from the texts already read when it can)."""
        from flexorch.ios.model import RouterConfig

        out = {}
        for name, text in configs.items():
            with self._lock:
                model = self._read.get(text)
            if model is None:
                model = RouterConfig.from_text(text)
                with self._lock:
                    self._read[text] = model
            out[name] = model
        return out


def up_pairs(fleet: Fleet, names: Sequence[str], configs: Mapping[str, ConfigSource],
             unknown: Iterable[str]) -> frozenset[tuple[str, str]]:
    """(host, peer) of every tunnel predicted up on ``configs`` (the fleet once the intent is
    in place): what a tunnel down meanwhile is planned to become."""
    from flexorch.predict import expected_tunnels

    found = expected_tunnels(fleet, names, overrides=configs, unknown=unknown)
    return frozenset((e.host, e.peer) for rows in found.values() for e in rows
                     if e.predicted == ESTABLISHED and e.peer is not None)


def expectations(fleet: Fleet, pushed: Sequence[str], configs: Mapping[str, ConfigSource],
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


def first_reads(fleet: Fleet, names: Sequence[str], wave: Collection[str],
                sas: Mapping[str, ParseResult]) -> dict[str, ParseResult]:
    """The SAs read right after each push (``sas``) that a gate may take as its first read:
    those of hosts none of whose peers (hubs, a hub's spokes) was pushed in the same ``wave``,
    since another push could still change their tunnels after that read."""
    out = {}
    for name in names:
        peers = {h.name for h in fleet.hubs_of(name)}
        if fleet.hosts[name].role == "hub":
            peers.update(s.name for s in fleet.spokes_of(name))
        if name in sas and not peers & set(wave):
            out[name] = sas[name]
    return out


def run_gate(gate: Gate, pushed: list[str], expect: Mapping[str, HostExpectation],
             read: Callable[[list[str]], Any], states: Mapping[str, HostState],
             stop: threading.Event, first: Mapping[str, ParseResult] | None = None
             ) -> dict[str, str]:
    """Verify the pushed hosts as soon as they answer: reads at ``gatetime.read_times(gate)``
    seconds from now (the first at once, then backing off up to ``interval_seconds``), each of
    the hosts still failing only (``read(names)`` -> Nornir results of ``read_sa_task``); the
    gate ends as soon as every host passes, or at the deadline (``settle_seconds +
    (attempts - 1) * interval_seconds``). ``first``: SAs a host showed right after its push,
    taken as its first read. The hosts that did not pass, with the cause."""
    from flexorch.rollout.gatetime import read_times

    start = time.monotonic()
    pending = list(pushed)
    causes: dict[str, str] = {}
    early = dict(first or {})
    for at in read_times(gate):
        if stop.wait(max(start + at - time.monotonic(), 0.0)):
            break
        taken = {n: early.pop(n) for n in pending if n in early}
        results = read([n for n in pending if n not in taken]) if len(taken) < len(pending) \
            else {}
        still = []
        for name in pending:
            cause = _check(name, gate, expect[name], taken.get(name), results.get(name), states)
            if cause is None:
                causes.pop(name, None)
            else:
                causes[name] = cause
                still.append(name)
        pending = still
        if not pending:
            break
    return {n: causes.get(n, "interrupted") for n in pending}


def _check(name: str, gate: Gate, expect: HostExpectation, sas: ParseResult | None,
           multi: Any, states: Mapping[str, HostState]) -> str | None:
    """One host's read judged: None when it passes, else why not (a failed read included)."""
    from flexorch.tasks.failures import device_message

    if sas is None:
        if multi.failed:
            exc = multi[0].exception
            return f"verify failed: {device_message(exc) if exc else 'failed'}"
        sas = multi[0].result
    rows = check_host(name, expect, sas.records, gate.checks)
    states[name].update(checks=rows)
    return None if all(r.ok for r in rows) else failure_text(rows)
