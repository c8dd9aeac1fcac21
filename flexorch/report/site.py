"""What a site report shows, built from the history store (and optionally live verify records).

``build_site_report(store, site)`` reads the site's recent finished rollout, drift and verify
runs (``flexorch.report.sources``) and makes a ``SiteReport``: the hub x spoke tunnel matrix,
the problems, the last rollout, drift and verify runs and per-host drift details.
The "last rollout" is the last one that changed a router (a rerun that found nothing to do
does not hide it); a rollout that failed, was interrupted or abandoned since is shown beside it.

Where each piece comes from (every piece names its ``Source`` and the page says how old it is):

- a host's state: the newest run holding a record of it. When that record says the host could
  not be read (``unreachable``), the host is unreachable, whatever older runs said of it.
- a host's side of its tunnels: the newest record of it holding verification results (live
  records first). A rollout's record of a reverted host is skipped: its checks were read on the
  change that was rolled back.
- a tunnel (matrix cell): both ends' sides. Its state is the worse of the sides read in the
  newest run among them; a side from an older run is kept and named as older (``stale``). A
  tunnel with an end whose newest record is unreachable is never ``up``: at best ``unchecked``.

A side is placed in the matrix by the ``peer`` of its checks; checks named ``peer`` / ``status``
decide up or down (status READY = up), any other failed check (suite, fragmentation, sgt,
nat_t, ...) makes it a mismatch. Roles come from the records' ``role``; hubs are the columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from flexorch.errors import BadInputError
from flexorch.history.models import CheckResult, DriftFinding, HostRecord, RunDetail
from flexorch.history.store import Store
from flexorch.report.sources import Source, recent_runs, shown_rollouts, source_of
from flexorch.secrets import mask

TunnelState = Literal["up", "unchecked", "mismatch", "down"]
RANK: dict[str, int] = {"up": 0, "unchecked": 1, "mismatch": 2, "down": 3}
_STATE_CHECKS = frozenset({"peer", "status"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TunnelView(_Frozen):
    """One tunnel as seen from one router, in one run."""

    host: str
    peer: str | None
    tunnel: str
    state: Literal["up", "mismatch", "down"]
    status: str  # observed IKEv2 status (READY, DELETED, ...) or "missing"
    fragmentation: str | None = None
    sgt: str | None = None
    suite: str | None = None
    problems: tuple[str, ...] = ()  # "fragmentation: expected ietf, observed none"
    causes: tuple[str, ...] = ()  # why, as the writer recorded it (verify: the negotiation model)
    source: Source

    @property
    def run_id(self) -> int | None:
        """The run this side was read in (None: live records)."""
        return self.source.run_id


class MatrixCell(_Frozen):
    """A row x column cell: the tunnel between two routers, from each end that reported it.
    ``stale``: one note per side older than the newest (``spoke3's side is from verify run
    12, ...``); ``unread``: ends whose newest record says they could not be read."""

    state: TunnelState
    views: tuple[TunnelView, ...]
    stale: tuple[str, ...] = ()
    unread: tuple[str, ...] = ()

    @property
    def source(self) -> Source:
        """The newest run among the sides."""
        return max((v.source for v in self.views), key=lambda s: (s.at, s.run_id or 0))

    def cause(self) -> str:
        """Why the tunnel is not up, in one line ('' when it is)."""
        parts = [f"{h} could not be read" for h in self.unread] if self.state != "up" else []
        newest = [v for v in self.views if v.source == self.source]
        parts += [f"{v.host}: {p}" for v in newest for p in v.problems]
        causes = dict.fromkeys(c for v in newest for c in v.causes)  # both ends say the same
        return "; ".join(parts) + ("; cause: " + "; ".join(causes) if causes else "")


class HostView(_Frozen):
    """A router of the site: role, latest status (and the run it is from), its drift."""

    name: str
    role: str | None
    status: str | None = None
    step: str | None = None
    message: str = ""
    source: Source | None = None  # the newest run holding a record of this host
    drift: tuple[DriftFinding, ...] = ()
    drift_status: str | None = None  # clean | drift | unreachable | failed (None: no drift run)
    drift_source: Source | None = None
    tunnels: tuple[TunnelView, ...] = ()

    @property
    def reachable(self) -> bool:
        """False when the newest run that tried this host could not read it."""
        return self.status != "unreachable"


class Problem(_Frozen):
    """One row of the problems table: a tunnel not up, or a host in trouble."""

    router: str
    peer: str | None  # the other router of a tunnel; None for a host's own problem
    state: str  # down | mismatch | unchecked | unreachable | drift | failed | reverted | pending
    cause: str
    source: Source | None


_PROBLEM_ORDER = {"down": 0, "unreachable": 1, "failed": 2, "reverted": 3, "pending": 4,
                  "mismatch": 5, "unchecked": 6, "drift": 7}


class SiteReport(_Frozen):
    """Everything the HTML page shows; plain data, secrets already masked."""

    site: str
    generated_at: datetime
    store: str
    columns: tuple[str, ...]  # hubs (or every peer seen, when no roles are recorded)
    rows: tuple[str, ...]
    matrix: dict[str, dict[str, MatrixCell]]  # row -> column -> cell (absent: no tunnel)
    hosts: dict[str, HostView]
    sources: tuple[Source, ...] = ()  # every run the report read, newest first
    last_rollout: RunDetail | None = None
    failed_rollout: RunDetail | None = None  # a failed/interrupted/abandoned one since
    last_drift: RunDetail | None = None
    last_verify: RunDetail | None = None
    live: bool = False

    @property
    def tunnels(self) -> list[TunnelView]:
        """Every tunnel view of every host."""
        return [t for h in self.hosts.values() for t in h.tunnels]

    def cells(self) -> list[tuple[str, str, MatrixCell]]:
        """Every matrix cell as (row, column, cell)."""
        return [(row, col, cell) for row, cells in self.matrix.items()
                for col, cell in cells.items()]

    def count(self, state: TunnelState) -> int:
        """Matrix cells in ``state``."""
        return sum(1 for _, _, c in self.cells() if c.state == state)

    def problems(self) -> list[Problem]:
        """Every tunnel not up and every host in trouble, worst first."""
        out = [Problem(router=row, peer=col, state=cell.state, cause=cell.cause(),
                       source=cell.source) for row, col, cell in self.cells()
               if cell.state != "up"]
        for h in self.hosts.values():
            if h.status in ("unreachable", "reverted", "pending") or (
                    h.status == "failed" and h.source and h.source.command == "rollout"):
                out.append(Problem(router=h.name, peer=None, state=h.status or "",
                                   cause=h.message, source=h.source))
            if h.drift:
                out.append(Problem(router=h.name, peer=None, state="drift",
                                   cause=drift_summary(h.drift), source=h.drift_source))
        return sorted(out, key=lambda p: (_PROBLEM_ORDER.get(p.state, 9), p.router,
                                          p.peer or ""))

    def problem_hosts(self) -> set[str]:
        """Routers named in a problem (either end of a tunnel not up)."""
        return {n for p in self.problems() for n in (p.router, p.peer) if n}


def drift_summary(findings: Sequence[DriftFinding]) -> str:
    """``3 config lines in 2 sections; 1 tunnel check`` for a host's findings."""
    config = [f for f in findings if f.kind == "config"]
    sections = sorted({f.section for f in config})
    where = ", ".join(sections[:2]) + (f" and {len(sections) - 2} more" if len(sections) > 2
                                       else "")
    parts = [f"{len(config)} config line{'s' * (len(config) != 1)} in {where}"] if config else []
    operational = [f for f in findings if f.kind == "operational"]
    if operational:
        parts.append(f"{len(operational)} tunnel check{'s' * (len(operational) != 1)}: "
                     + ", ".join(sorted({f.section for f in operational})[:3]))
    if any(f.kind == "unconfirmed-change" for f in findings):
        parts.insert(0, "unconfirmed change pending")
    return "; ".join(parts)


def _shown(value: object) -> str:
    return "(none)" if value is None else str(value)


def _text(value: object) -> str | None:
    return None if value is None else mask(str(value))


def tunnels_of(host: str, checks: Iterable[CheckResult], source: Source) -> list[TunnelView]:
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
            problems=tuple(mask(f"{c.check}: expected {_shown(c.expected)}, observed "
                                f"{_shown(c.observed)}") for c in failed),
            causes=tuple(dict.fromkeys(mask(str(m)) for c in failed
                                       if (m := (c.model_extra or {}).get("message")))),
            source=source,
        ))
    return views


Sources = Sequence[tuple[Source, Sequence[HostRecord]]]


def build_site_report(
    store: Store, site: str, *, live: Sequence[HostRecord] | None = None,
    now: datetime | None = None,
) -> SiteReport:
    """Build the report of ``site`` from the store's recent finished runs (+ ``live``).

    Raises BadInputError (exit 2) when the store holds no finished run of the site and no live
    records are given.
    """
    runs = recent_runs(store, site)
    if not runs and not live:
        raise BadInputError(
            f"no finished rollout, drift or verify run of site {site!r} in history store "
            f"{store.location}; run one first (see `flexorch history`)"
        )
    generated = now or datetime.now(UTC)
    sources: list[tuple[Source, Sequence[HostRecord]]] = []
    if live:  # live records beat any recorded run
        sources.append((Source(command="verify", run_id=None, at=generated),
                        [r.masked() for r in live]))
    sources.extend((source_of(r), r.hosts) for r in runs)
    drifts = [(source_of(r), r.hosts) for r in runs if r.command == "drift"]

    hosts = _host_views(sources, drifts)
    columns, rows = _layout(hosts)
    sides: dict[tuple[str, str | None], list[TunnelView]] = {}  # (host, peer) -> its views
    for h in hosts.values():
        for t in h.tunnels:
            sides.setdefault((h.name, t.peer), []).append(t)
    matrix: dict[str, dict[str, MatrixCell]] = {}
    for row in rows:
        for col in columns:
            views = sides.get((row, col), []) + sides.get((col, row), [])
            if row != col and views:
                matrix.setdefault(row, {})[col] = _cell(views, [hosts.get(row), hosts.get(col)])
    last = {cmd: next((r for r in runs if r.command == cmd), None) for cmd in ("drift", "verify")}
    last_rollout, failed_rollout = shown_rollouts(store, site, runs)
    return SiteReport(
        site=mask(site), generated_at=generated, store=store.location,
        columns=tuple(columns), rows=tuple(rows), matrix=matrix, hosts=hosts,
        sources=tuple(s for s, _ in sources), last_rollout=last_rollout,
        failed_rollout=failed_rollout, last_drift=last["drift"], last_verify=last["verify"],
        live=bool(live),
    )


def _cell(views: list[TunnelView], ends: Sequence[HostView | None]) -> MatrixCell:
    """Judge a tunnel from its sides: the newest run's sides decide, older ones are named."""
    newest = max((v.source for v in views), key=lambda s: (s.at, s.run_id or 0))
    fresh = [v for v in views if v.source == newest]
    state: TunnelState = max((v.state for v in fresh), key=RANK.__getitem__)
    stale = tuple(
        f"{v.host}'s side is older: {v.source.label()} ({v.source.stamp()}) said "
        f"{v.status}; {newest.label()} is newer" for v in views if v.source != newest)
    unread = tuple(h.name for h in ends if h is not None and not h.reachable)
    if unread and state == "up":
        state = "unchecked"
    return MatrixCell(state=state, views=tuple(views), stale=stale, unread=unread)


def _host_views(sources: Sources, drifts: Sources) -> dict[str, HostView]:
    roles: dict[str, str] = {}
    newest: dict[str, tuple[Source, HostRecord]] = {}
    checked: dict[str, tuple[Source, HostRecord]] = {}
    for source, records in sources:  # newest first: the first record of a host wins
        for r in records:
            if r.role and r.host not in roles:
                roles[r.host] = r.role
            newest.setdefault(r.host, (source, r))
            # A reverted host's checks were read on the change IOS then rolled back.
            if r.verification and r.status != "reverted":
                checked.setdefault(r.host, (source, r))
    drifted: dict[str, tuple[Source, HostRecord]] = {}
    for source, records in drifts:
        for r in records:
            drifted.setdefault(r.host, (source, r))
    views: dict[str, HostView] = {}
    for name, (source, latest) in newest.items():
        seen = checked.get(name)
        # A side read before the host's newest (failed) attempt is still shown, as older.
        tunnels = tunnels_of(name, seen[1].verification, seen[0]) if seen else []
        drift_source, drift_record = drifted.get(name, (None, None))
        views[name] = HostView(
            name=name, role=roles.get(name), status=latest.status, step=latest.step,
            message=latest.message, source=source,
            drift=drift_record.drift if drift_record else (),
            drift_status=drift_record.status if drift_record else None,
            drift_source=drift_source, tunnels=tuple(tunnels),
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
