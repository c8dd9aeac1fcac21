"""The drift workflow: predict from intent, read every router once, compare, report.

CLI -> here -> tasks (``flexorch.tasks.drift.collect_drift``: one SSH session per host, both
show commands) -> pure core (``flexorch.drift.config``, ``flexorch.verify``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flexorch.drift.config import ConfigDrift, diff_trees, intended_tree, running_tree
from flexorch.drift.report import DriftReport, HostDrift, HostStatus
from flexorch.verify import ALL_CHECKS, Check, Expected, compare

if TYPE_CHECKING:

    from flexorch.intent.fleet import Fleet
    from flexorch.ios.config import ConfigTree
    from flexorch.ios.facts.keys import Type6Decrypt
    from flexorch.parse.records import ParseResult
    from flexorch.pending import PendingChange
    from flexorch.tasks.drift import DriftState

log = logging.getLogger("flexorch.drift")


def analyse_host(
    host: str, role: str, running: ConfigTree, sas: ParseResult, intended: ConfigTree,
    expected: Sequence[Expected], checks: Sequence[Check] = ALL_CHECKS,
    pending: PendingChange | None = None,
) -> HostDrift:
    """Drift of one router from what it showed (running config as ``running_tree``, parsed
    SAs, the unconfirmed change it holds) against its ``intended_tree`` and expected tunnels.
    An unconfirmed change is drift by itself (what the router runs changes when IOS rolls it
    back). Pure (no I/O)."""
    config = diff_trees(running, intended)
    comparisons = compare(host, expected, sas.records, checks)
    drifted = not config.clean or any(not c.ok for c in comparisons) or pending is not None
    status: HostStatus = "drift" if drifted else "clean"
    return HostDrift(host, role, status, config=config, comparisons=comparisons,
                     warnings=[str(w) for w in sas.warnings], pending=pending)


@dataclass(frozen=True)
class Intent:
    """What the intent says about the hosts of a run: canonical trees of their managed
    sections and the tunnels each should have."""

    trees: dict[str, ConfigTree]
    expected: dict[str, list[Expected]]


def prepare(fleet: Fleet, names: Sequence[str], intended: Mapping[str, str] | None = None,
            decrypt_type6: Type6Decrypt | None = None) -> Intent:
    """The intent of ``names``: their managed sections rendered (or taken from ``intended``)
    and canonical, and the tunnels each should have."""
    from flexorch.predict import expected_tunnels
    from flexorch.render import render_host

    trees = {n: intended_tree(intended[n] if intended and n in intended
                              else render_host(fleet, n), decrypt_type6=decrypt_type6)
             for n in names}
    return Intent(trees, expected_tunnels(fleet, names))


@dataclass
class _Analyser:
    """One host's analysis, run in its session's thread once the router is read (the prediction
    may still be computing). Keeps every running config read, for the causes."""

    fleet: Fleet
    intent: Future[Intent]
    checks: Sequence[Check]
    decrypt_type6: Type6Decrypt | None
    running: dict[str, str] = field(default_factory=dict)

    def __call__(self, host: str, state: DriftState) -> HostDrift:
        role = self.fleet.hosts[host].role
        self.running[host] = state.running
        try:
            started = time.perf_counter()
            running = running_tree(state.running, decrypt_type6=self.decrypt_type6)
            parsed = time.perf_counter() - started
            known = self.intent.result()
            started = time.perf_counter()
            result = analyse_host(host, role, running, state.sas, known.trees[host],
                                  known.expected[host], self.checks, state.pending)
            result.elapsed_s = parsed + time.perf_counter() - started
        except Exception as exc:  # one host's surprise must not end the run
            if self.intent.done() and self.intent.exception() is exc:
                return HostDrift(host, role, "failed", "intent could not be prepared")
            log.warning("%s: drift not computed: %s: %s", host, type(exc).__name__, exc)
            return HostDrift(host, role, "failed", f"drift not computed: {exc}")
        log.info("%s: %s", host, result.status)
        return result


def drift_hosts(
    fleet: Fleet, names: Sequence[str], *, checks: Sequence[Check] = ALL_CHECKS,
    workers: int = 16, site: str | None = None, decrypt_type6: Type6Decrypt | None = None,
    intended: Mapping[str, str] | None = None, timeout: float = 30.0,
) -> DriftReport:
    """Drift of ``names``: one session per host (running config + SAs), config drift in the
    managed sections, operational drift from verify's comparisons. A host that cannot be read
    is reported ``unreachable`` with the reason; the others carry on. ``timeout`` bounds each
    connect, login and command (seconds). ``intended`` overrides the rendered managed config
    per host (tests, benchmarks)."""
    from flexorch.intent import make_nornir
    from flexorch.tasks.device import session_defaults
    from flexorch.tasks.drift import collect_drift
    from flexorch.tasks.failures import device_message

    nr = make_nornir(fleet, list(names), workers=workers)
    session_defaults(nr, timeout)
    # Rendering (every PSK resolved), the intended trees and the prediction (every peer's full
    # config rendered and negotiated) are computed while the sessions log in; each host's
    # analysis waits for them only after reading and parsing its own running config. An error
    # there (a secret that cannot be resolved) is the run's error, raised after the sessions.
    pool = ThreadPoolExecutor(2, thread_name_prefix="flexorch-drift-intent")
    intent = pool.submit(prepare, fleet, list(names), intended, decrypt_type6)

    analyse = _Analyser(fleet, intent, checks, decrypt_type6)

    try:
        results = nr.run(task=collect_drift, analyse=analyse, read_timeout=timeout,
                         on_failed=True)
    finally:
        nr.close_connections(on_failed=True)
        pool.shutdown(wait=True)
    intent.result()  # an error of the prediction itself is the run's error, not a host's

    report = DriftReport(site, [])
    for name in names:
        multi = results[name]
        if multi.failed:
            message = device_message(multi[0].exception)
            log.warning("%s: cannot read the router: %s", name, message)
            report.hosts.append(HostDrift(name, fleet.hosts[name].role, "unreachable", message,
                                          config=ConfigDrift()))
            continue
        report.hosts.append(multi[0].result)
    _explain(fleet, report, analyse.running, timeout)
    return report


def _explain(fleet: Fleet, report: DriftReport, running: dict[str, str],
             timeout: float) -> None:
    """Each tunnel the intent predicts up but a router does not show READY gets its cause: the
    negotiation model on both ends' running configs (``verify_run.explain_all``; ends outside
    this run are read there)."""
    from flexorch.verify_cause import unexplained
    from flexorch.verify_run import explain_all

    every = [c for h in report.hosts for c in h.comparisons]
    if not unexplained(every):
        return
    unread = {h.host for h in report.hosts if h.status == "unreachable"}
    explained = explain_all(fleet, every, running, unread, timeout=timeout)
    for h in report.hosts:
        h.comparisons = [next(explained) for _ in h.comparisons]
