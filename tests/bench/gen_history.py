"""Generate the recorded history of a big site for report tests and benchmarks: hubs, N spokes,
a few broken on purpose, one spoke unreachable in the newest run.

    seed_big(store, spokes=300)  ->  BigSite(site, hubs, spokes, broken, unreachable, runs)

Runs, oldest first: a rollout (every host changed and verified), a verify run (every tunnel
READY but the broken spokes'), a drift run (the broken spokes drifted, ``unreachable`` could
not be read, the hub still shows its SA READY). Each broken spoke fails in its own way, with
the cause a verify run records (the negotiation model's reason).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flexorch.history import HostRecord, Store

#: (check, observed, cause) of each broken spoke, in turn.
BREAKS: tuple[tuple[str, str, str], ...] = (
    ("status", "absent", "NO_PROPOSAL_CHOSEN at IKE_SA_INIT: {spoke} offers DH 19 only, "
     "{hub} policy POL requires 21/20"),
    ("status", "absent", "AUTH_FAILED at IKE_AUTH: {hub} keyring FLEX_KEYS has no key for "
     "{spoke}"),
    ("fragmentation", "none", "fragmentation not as intended"),
    ("status", "DELETED", "SA deleted by {hub}"),
    ("status", "absent", "NO_RESPONDER at reachability: {hub} does not answer"),
)


@dataclass(frozen=True)
class BigSite:
    site: str
    hubs: tuple[str, ...]
    spokes: tuple[str, ...]
    broken: dict[str, str]  # spoke -> the cause recorded for it
    unreachable: str
    runs: dict[str, int]


def _checks(tunnel: str, peer: str, broken: tuple[str, str, str] | None,
            cause: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"tunnel": tunnel, "peer": peer, "check": "status", "expected": "READY",
         "observed": "READY", "ok": True},
        {"tunnel": tunnel, "peer": peer, "check": "suite",
         "expected": "proposal NGE: AES-GCM-256", "observed": "AES-GCM-256", "ok": True},
        {"tunnel": tunnel, "peer": peer, "check": "fragmentation", "expected": "ietf",
         "observed": "ietf", "ok": True},
    ]
    if broken is None:
        return rows
    check, observed, _ = broken
    for row in rows:
        if row["check"] == check:
            row.update(observed=observed, ok=False, message=cause)
    if check == "status":  # no SA: nothing else to compare
        return rows[:1]
    return rows


def seed_big(store: Store, *, spokes: int = 300, broken: int = 5, hubs: int = 1,
             site: str = "big") -> BigSite:
    """Record the three runs of a site of ``hubs`` hubs and ``spokes`` spokes."""
    hub_names = tuple(f"hub-r{i + 1}" for i in range(hubs)) if hubs > 1 else ("hub",)
    names = tuple(f"s{i + 1:05d}" for i in range(spokes))
    picked = [names[((i * spokes) // broken + 16) % spokes] for i in range(broken)]
    how = {s: BREAKS[i % len(BREAKS)] for i, s in enumerate(picked)}
    causes = {s: how[s][2].format(spoke=s, hub=hub_names[0]) for s in picked}
    unreachable = names[spokes // 2 + 3]

    def spoke_checks(spoke: str) -> list[dict[str, Any]]:
        return [c for i, hub in enumerate(hub_names)
                for c in _checks(f"Tunnel{i + 1}", hub, how.get(spoke) if i == 0 else None,
                                 causes.get(spoke, ""))]

    def hub_checks(hub: str, first: bool) -> list[dict[str, Any]]:
        return [c for n, spoke in enumerate(names)
                for c in _checks(f"Virtual-Access{n + 1}", spoke,
                                 how.get(spoke) if first else None, causes.get(spoke, ""))]

    rollout = store.start_run("rollout", site, "ops", {"playbook": "default"})
    store.record_hosts(rollout, [
        *(HostRecord(host=h, role="hub", step="done", status="changed",
                     lines_sent=("crypto ikev2 keyring FLEX_KEYS",)) for h in hub_names),
        *(HostRecord(host=s, role="spoke", step="done", status="changed",
                     verification=spoke_checks(s) if s not in how else ()) for s in names)])
    store.finish_run(rollout, "ok", {})

    verify = store.start_run("verify", site, "ops")
    store.record_hosts(verify, [
        *(HostRecord(host=h, role="hub", step="verify", status="failed",
                     verification=hub_checks(h, i == 0)) for i, h in enumerate(hub_names)),
        *(HostRecord(host=s, role="spoke", step="verify",
                     status="failed" if s in how else "ok", verification=spoke_checks(s))
          for s in names)])
    store.finish_run(verify, "failed", {})

    drift = store.start_run("drift", site, "cron")
    finding = {"kind": "config", "section": "crypto ikev2 proposal NGE",
               "line": " group 19", "change": "changed", "detail": "intended: group 21 20"}
    store.record_hosts(drift, [
        *(HostRecord(host=h, role="hub", step="done", status="clean",
                     verification=hub_checks(h, i == 0)) for i, h in enumerate(hub_names)),
        *(HostRecord(host=s, role="spoke", step="connect", status="unreachable",
                     message="TCP connection to 127.0.0.1:2999 timed out")
          if s == unreachable else
          HostRecord(host=s, role="spoke", step="done", status="drift" if s in how else "clean",
                     verification=spoke_checks(s), drift=[finding] if s in how else [])
          for s in names)])
    store.finish_run(drift, "drift", {})
    return BigSite(site, hub_names, names, causes, unreachable,
                   {"rollout": rollout, "verify": verify, "drift": drift})
