"""What a site report shows, built from the history store (and optionally live verify records).

``build_site_report(store, site)`` reads the last finished rollout, drift and verify runs of the
site and makes a ``SiteReport``: the hub x spoke tunnel matrix (each tunnel's state, observed
fragmentation and SGT), the last rollout and drift results, and per-host drift details.

Where tunnel states come from: for each host, the newest of (live records passed in, last
verify, last drift, last rollout) that holds verification results for that host. A tunnel is
placed in the matrix by the ``peer`` of its checks; checks named ``peer`` / ``status`` decide up
or down (status READY = up), any other failed check (suite, fragmentation, sgt, nat_t, ...)
makes it a mismatch. Roles come from the records' ``role``; hubs are the columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from flexorch.errors import BadInputError
from flexorch.history.models import CheckResult, DriftFinding, HostRecord, RunDetail
from flexorch.history.store import Store
from flexorch.secrets import mask

TunnelState = Literal["up", "down", "mismatch"]
_RANK: dict[str, int] = {"up": 0, "mismatch": 1, "down": 2}
_STATE_CHECKS = frozenset({"peer", "status"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TunnelView(_Frozen):
    """One tunnel as seen from one router."""

    host: str
    peer: str | None
    tunnel: str
    state: TunnelState
    status: str  # observed IKEv2 status (READY, DELETED, ...) or "missing"
    fragmentation: str | None = None
    sgt: str | None = None
    suite: str | None = None
    problems: tuple[str, ...] = ()  # "fragmentation: expected ietf, observed none"
    run_id: int | None = None  # None for live records


class MatrixCell(_Frozen):
    """A row x column cell: the tunnel between two routers, from each end that reported it."""

    state: TunnelState
    views: tuple[TunnelView, ...]


class HostView(_Frozen):
    """A router of the site: role, latest status and its drift findings."""

    name: str
    role: str | None
    status: str | None = None
    step: str | None = None
    message: str = ""
    drift: tuple[DriftFinding, ...] = ()
    tunnels: tuple[TunnelView, ...] = ()


class SiteReport(_Frozen):
    """Everything the HTML page shows; plain data, secrets already masked."""

    site: str
    generated_at: datetime
    store: str
    columns: tuple[str, ...]  # hubs (or every peer seen, when no roles are recorded)
    rows: tuple[str, ...]
    matrix: dict[str, dict[str, MatrixCell]]  # row -> column -> cell (absent: no tunnel)
    hosts: dict[str, HostView]
    last_rollout: RunDetail | None = None
    last_drift: RunDetail | None = None
    last_verify: RunDetail | None = None
    live: bool = False

    @property
    def tunnels(self) -> list[TunnelView]:
        """Every tunnel view of every host."""
        return [t for h in self.hosts.values() for t in h.tunnels]

    def count(self, state: TunnelState) -> int:
        """Matrix cells in ``state``."""
        return sum(1 for row in self.matrix.values() for c in row.values() if c.state == state)


def _shown(value: object) -> str:
    return "(none)" if value is None else str(value)


def _text(value: object) -> str | None:
    return None if value is None else mask(str(value))


def tunnels_of(host: str, checks: Iterable[CheckResult], run_id: int | None) -> list[TunnelView]:
    """Group one host's checks into tunnels (by tunnel name and peer) and judge each."""
    grouped: dict[tuple[str, str | None], list[CheckResult]] = {}
    for c in checks:
        grouped.setdefault((c.tunnel, c.peer), []).append(c)
    views = []
    for (tunnel, peer), group in grouped.items():
        by_name = {c.check: c for c in group}
        failed = [c for c in group if not c.ok]
        down = any(c.check in _STATE_CHECKS for c in failed)
        status_check = by_name.get("status")
        if status_check is not None and status_check.observed is not None:
            status = str(status_check.observed)
        else:  # no SA seen for this peer, or the writer did not check the status
            status = "missing" if down else "unknown"
        views.append(TunnelView(
            host=host, peer=peer, tunnel=mask(tunnel), status=mask(status),
            state="down" if down else "mismatch" if failed else "up",
            fragmentation=_text(by_name["fragmentation"].observed) if "fragmentation" in by_name
            else None,
            sgt=_text(by_name["sgt"].observed) if "sgt" in by_name else None,
            suite=_text(by_name["suite"].observed) if "suite" in by_name else None,
            problems=tuple(
                mask(f"{c.check}: expected {_shown(c.expected)}, observed {_shown(c.observed)}")
                for c in failed),
            run_id=run_id,
        ))
    return views


def _latest_roles(runs: Sequence[tuple[int | None, Sequence[HostRecord]]]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for _, records in runs:  # newest first: the first role seen wins
        for r in records:
            if r.role and r.host not in roles:
                roles[r.host] = r.role
    return roles


def build_site_report(
    store: Store, site: str, *, live: Sequence[HostRecord] | None = None,
    now: datetime | None = None,
) -> SiteReport:
    """Build the report of ``site`` from the store's last finished runs (+ ``live`` records).

    Raises BadInputError (exit 2) when the store holds no finished run of the site and no live
    records are given.
    """
    last = {cmd: store.last_run(site, cmd) for cmd in ("rollout", "drift", "verify")}
    if not any(last.values()) and not live:
        raise BadInputError(
            f"no finished rollout, drift or verify run of site {site!r} in history store "
            f"{store.location}; run one first (see `flexorch history`)"
        )
    # Candidate sources of tunnel state, newest first; live records beat any recorded run.
    recorded = sorted((r for r in last.values() if r is not None), key=lambda r: r.id,
                      reverse=True)
    sources: list[tuple[int | None, Sequence[HostRecord]]] = []
    if live:
        sources.append((None, [r.masked() for r in live]))
    sources.extend((r.id, r.hosts) for r in recorded)

    hosts = _host_views(sources, last["drift"])
    columns, rows = _layout(hosts)
    matrix: dict[str, dict[str, MatrixCell]] = {}
    for row in rows:
        for col in columns:
            if row == col:
                continue
            views = [t for t in hosts[row].tunnels if t.peer == col]
            if col in hosts:
                views += [t for t in hosts[col].tunnels if t.peer == row]
            if views:
                state = max((v.state for v in views), key=_RANK.__getitem__)
                matrix.setdefault(row, {})[col] = MatrixCell(state=state, views=tuple(views))
    return SiteReport(
        site=mask(site), generated_at=now or datetime.now(UTC), store=store.location,
        columns=tuple(columns), rows=tuple(rows), matrix=matrix, hosts=hosts,
        last_rollout=last["rollout"], last_drift=last["drift"], last_verify=last["verify"],
        live=bool(live),
    )


def _host_views(
    sources: Sequence[tuple[int | None, Sequence[HostRecord]]], last_drift: RunDetail | None
) -> dict[str, HostView]:
    roles = _latest_roles(sources)
    names: list[str] = []
    for _, records in sources:
        names.extend(r.host for r in records if r.host not in names)
    views: dict[str, HostView] = {}
    for name in names:
        latest = next(r for _, recs in sources for r in recs if r.host == name)
        tunnels: list[TunnelView] = []
        for run_id, records in sources:
            record = next((r for r in records if r.host == name and r.verification), None)
            if record is not None:
                tunnels = tunnels_of(name, record.verification, run_id)
                break
        drift_record = last_drift.host(name) if last_drift else None
        views[name] = HostView(
            name=name, role=roles.get(name), status=latest.status, step=latest.step,
            message=latest.message, drift=drift_record.drift if drift_record else (),
            tunnels=tuple(tunnels),
        )
    return views


def _layout(hosts: dict[str, HostView]) -> tuple[list[str], list[str]]:
    """Columns are the hubs; rows the spokes/clients, then hubs that have tunnels to hubs.
    Without recorded roles, columns are every peer seen and rows every host with tunnels."""
    hubs = sorted(n for n, h in hosts.items() if h.role == "hub")
    if hubs:
        others = sorted(n for n, h in hosts.items() if h.role != "hub")
        hub_rows = [h for h in hubs if any(t.peer in hubs for t in hosts[h].tunnels)]
        return hubs, others + hub_rows
    peers = sorted({t.peer for h in hosts.values() for t in h.tunnels if t.peer})
    rows = sorted(n for n, h in hosts.items() if h.tunnels)
    return peers, rows
