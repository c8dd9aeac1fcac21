"""The plan as people read it (``flexorch plan``, and ``flexorch rollout`` before it asks).

Problems first: tunnels the intent itself makes fail, routers that could not be read or hold
an unconfirmed change; then the routers with changes, their long sections summarised
(``keyring FLEX_KEYS: +299 peer blocks``; ``full`` prints every line) and the predicted outcome
of their tunnels (the only ones whose outcome can change: one by one those the rollout changes,
above a few counted, and a count of those it leaves as they are); above ``textsum.BIG_SITE``
routers, ``collapse.GROUP_MIN`` or more with the same change but for their own addresses and
names are one section (the first as the example; ``full`` prints each); then the routers without
changes (above ``textsum.BIG_SITE`` routers counted unless ``show_all``); the rollout's phases
(above that size, only the tunnels with an outage or a failure listed); the summary names the
routers with changes and those in trouble (the wording of verify and drift:
``flexorch.textsum``), and the JSON carries the same summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from itertools import groupby
from typing import Any

from flexorch.plan.collapse import (
    GROUP_MIN,
    collapsed,
    differing,
    heading,
    same_change,
    shape,
)
from flexorch.plan.document import HostPlan, PlanDocument
from flexorch.plan.outcomes import TunnelOutcome
from flexorch.plan.rolloutplan import PhasePlan, PushPlan, RolloutPlan, TunnelPlan
from flexorch.textsum import BIG_SITE, collapses, counted, name_list

#: Predicted outcomes of one router listed one by one up to this many (the ESTABLISHED ones
#: are counted above it, unless the plan is printed in full).
OUTCOME_LINES = 8
#: Phases of one stage listed one by one up to this many (not in full: then the first and last).
PHASE_LINES = 4
_ORDER = {"unreachable": 0, "refused": 1, "changes": 2, "no-changes": 3}


def _outcome_line(row: TunnelOutcome, host: str = "") -> str:
    """``    [host ]Tunnel0 -> hub: STATUS ...``: with ``host``, the line names both routers
    (``grep`` gives the tunnel)."""
    arrow = "->" if row.initiator else "<-"
    peer = row.peer or "(nobody owns the address)"
    parts = [f"{host + ' ' if host else ''}{row.tunnel} {arrow} {peer}:", row.status]
    if row.status == "ESTABLISHED":
        parts += [row.suite or "", f"frag {row.fragmentation}", f"SGT {row.sgt}"]
        if row.nat_t and row.nat_t != "not-detected":
            parts.append(f"NAT-T {row.nat_t}")
    else:
        parts.append(f"at {row.step}: {row.reason}")
    return "    " + "  ".join(p for p in parts if p)


Pushes = Mapping[str, list[tuple[PhasePlan, PushPlan]]]


def pushes_by_host(rollout: RolloutPlan | None) -> Pushes:
    """Each host's pushes in the rollout, in phase order (read once, not once per host)."""
    found: dict[str, list[tuple[PhasePlan, PushPlan]]] = {}
    for phase in rollout.phases if rollout else ():
        for push in phase.pushes:
            found.setdefault(push.host, []).append((phase, push))
    return found


def _host_lines(plan: HostPlan, pushes: Sequence[tuple[PhasePlan, PushPlan]],
                full: bool) -> list[str]:
    """The host's lines (long sections summarised unless ``full``), under one heading per
    phase when the rollout pushes it in several."""
    if len(pushes) < 2:
        return ["  " + line for line in collapsed(plan.lines, full=full)]
    out = []
    for phase, push in pushes:
        why = f": {push.why}" if push.why else ""
        out.append(f"  ! phase {phase.index + 1} {phase.name} ({push.kind}){why}")
        out += ["  " + line for line in collapsed(push.lines, full=full)]
    return out


def unchanged_pairs(rollout: RolloutPlan | None) -> set[tuple[str, str]] | None:
    """The (initiator, responder) pairs whose tunnels keep their outcome through the whole
    rollout (every tunnel between them ``unchanged``); None when the plan simulated no tunnel
    (made on workers: every outcome is then shown)."""
    if rollout is None or not rollout.tunnels:
        return None
    verdicts: dict[tuple[str, str], set[str]] = {}
    for tunnel in rollout.tunnels:  # "h1-gre Tunnel0 -> hub1": names and tunnels have no space
        initiator, _, _, responder = tunnel.tunnel.split(" ", 3)
        verdicts.setdefault((initiator, responder), set()).add(tunnel.verdict)
    return {pair for pair, seen in verdicts.items() if seen == {"unchanged"}}


def _pair(host: str, row: TunnelOutcome) -> tuple[str, str]:
    peer = row.peer or "(nobody)"
    return (host, peer) if row.initiator else (peer, host)


def _outcome_lines(host: str, rows: Sequence[TunnelOutcome], full: bool,
                   kept: set[tuple[str, str]] | None) -> list[str]:
    """The predicted outcomes of ``host``'s tunnels: failures, then those whose outcome the
    rollout changes (above ``OUTCOME_LINES`` counted), then a count of those it leaves as they
    are (``kept``); ``full`` lists every one."""
    failing = [r for r in rows if r.status != "ESTABLISHED"]
    up = [r for r in rows if r.status == "ESTABLISHED"]
    same = [r for r in up if kept is not None and _pair(host, r) in kept]
    moved = [r for r in up if kept is None or _pair(host, r) not in kept]
    out = ["  predicted IKEv2 (intended configs):"]
    out += [_outcome_line(row, host) for row in failing]
    if full:
        return out + [_outcome_line(row, host) for row in up]
    if len(moved) <= OUTCOME_LINES:
        out += [_outcome_line(row, host) for row in moved]
    else:
        peers = name_list([r.peer or "?" for r in moved], 3)
        out.append(f"    {host}: {len(moved)} tunnels ESTABLISHED to {peers} (--full lists them)")
    if same:
        out.append(f"    {host}: {len(same)} tunnel{'s' * (len(same) != 1)} ESTABLISHED as "
                   "before, outcome unchanged (--full lists them)")
    return out


def host_text(plan: HostPlan, *, show_lines: bool = True, rollout: RolloutPlan | None = None,
              full: bool = False, kept: set[tuple[str, str]] | None = None,
              pushes: Pushes | None = None) -> list[str]:
    """Text lines for one host (already masked). Predicted outcomes only for a host with
    changes, and one by one only for the tunnels whose outcome the rollout changes (``kept``:
    ``unchanged_pairs``): the tunnels of a router without changes keep their outcome unless a
    peer changes, and then they are under that peer."""
    head = f"{plan.host} ({plan.role})"
    if plan.status == "unreachable":
        out = [f"{head}: UNREACHABLE: {plan.message}"]
    elif plan.status == "refused":
        out = [f"{head}: REFUSED: {plan.message}"]
    elif plan.status == "no-changes":
        out = [f"{head}: no changes"]
    else:
        count = len(plan.lines)
        out = [f"{head}: {count:,} line{'s' * (count != 1)} to send"]
        if show_lines:
            by_host = pushes if pushes is not None else pushes_by_host(rollout)
            out += _host_lines(plan, by_host.get(plan.host, []), full)
    out += [f"  note: {note}" for note in plan.notes]
    if plan.outcomes and plan.status == "changes":
        out += _outcome_lines(plan.host, plan.outcomes, full, kept)
    return out


def outside_text(document: PlanDocument) -> list[str]:
    """A partial plan: the routers outside the selection and their predicted tunnels to it."""
    if not document.selection:
        return []
    out = [f"partial: {document.selection} ({len(document.hosts)} router(s)); the "
           f"{len(document.outside_hosts)} router(s) they negotiate with outside the selection "
           "keep their running config:"]
    for tunnel in document.outside:
        out.append(f"  {tunnel.host} ({tunnel.role})" + _outcome_line(tunnel).removeprefix("   "))
    out += [f"  {name}: could not be read; its tunnels to the selection are not predicted"
            for name in document.outside_unread]
    failing = sum(t.status != "ESTABLISHED" for t in document.outside)
    if failing:
        out.append(f"  {failing} tunnel(s) outside the selection are predicted to FAIL once it is "
                   "changed: roll those routers out too, or change them first")
    elif document.outside:
        out.append("  every tunnel to them is predicted to come up")
    elif document.outside_hosts:
        out.append("  their configs build no tunnel to the selection yet")
    return out


def _phase_line(phase: PhasePlan) -> str:
    parts = []
    for push in phase.pushes:
        kind = "" if push.kind == "change" else f" {push.kind}"
        parts.append(f"{push.host}{kind} ({len(push.lines):,})")
    return f"  {phase.index + 1}. {phase.name}: {name_list(parts) or 'nothing to push'}"


def _phase_lines(phases: Sequence[PhasePlan], full: bool) -> list[str]:
    """One line per phase; not ``full``, a stage's batches beyond ``PHASE_LINES`` are its first
    and last listed and those between counted (2,000 spokes go out in 80 batches)."""
    if full:
        return [_phase_line(phase) for phase in phases]
    out = []
    for stage, run in groupby(phases, key=lambda p: p.stage):
        batches = list(run)
        if stage is None or len(batches) <= PHASE_LINES:
            out += [_phase_line(phase) for phase in batches]
            continue
        middle = batches[1:-1]
        routers = len({push.host for phase in middle for push in phase.pushes})
        out += [_phase_line(batches[0]),
                f"  {middle[0].index + 1}-{middle[-1].index + 1}. {middle[0].name} to "
                f"{middle[-1].name}: {routers:,} routers in {len(middle)} batches (--full "
                "lists them)",
                _phase_line(batches[-1])]
    return out


def _tunnel_line(tunnel: TunnelPlan, phases: tuple[PhasePlan, ...]) -> str:
    steps, last = [], ""
    for at in tunnel.states:
        if at.state != last:
            steps.append(f"{phases[at.phase].name}: {at.state}")
            last = at.state
    line = f"    {tunnel.tunnel}: {tunnel.verdict.upper()}"
    if steps:
        line += f" [{'; '.join(steps)}]"
    if tunnel.verdict == "outage":
        down = next(at for at in tunnel.states if at.state.startswith("down"))
        line += f"\n      {down.reason}\n      no hitless path: {tunnel.why}"
    elif tunnel.verdict == "fails":
        line += f"\n      {tunnel.why}"
    return line


def rollout_text(document: PlanDocument, *, full: bool = True) -> list[str]:
    """The phases of the rollout and what each tunnel does through them (not ``full``: only
    the tunnels with an outage or a failure one by one, the others counted)."""
    rollout = document.rollout
    if rollout is None or not rollout.phases:
        return []
    order = f" (playbook {document.playbook})" if document.playbook else ""
    out = [f"rollout in {len(rollout.phases)} phase(s){order}:"]
    out += _phase_lines(rollout.phases, full)
    if rollout.tunnels:
        counts: dict[str, int] = {}
        for tunnel in rollout.tunnels:
            counts[tunnel.verdict] = counts.get(tunnel.verdict, 0) + 1
        listed = [t for t in rollout.tunnels if t.verdict != "unchanged"
                  and (full or t.verdict in ("outage", "fails", "down"))]
        hidden = sum(t.verdict != "unchanged" for t in rollout.tunnels) - len(listed)
        out.append("  tunnels through the rollout: "
                   + ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
                   + (" (--full lists the hitless, new and removed ones)" if hidden else ""))
        out += [_tunnel_line(t, rollout.phases) for t in listed]
    return out


def groups(document: PlanDocument) -> dict[str, list[str]]:
    """Routers by plan status, in plan order."""
    return {status: [h.host for h in document.hosts if h.status == status] for status in _ORDER}


def _failing_tunnels(document: PlanDocument) -> list[str]:
    return [f"{f.host} {f.tunnel}" for f in document.predicted_failures]


def summary(document: PlanDocument) -> str:
    """``plan for site S: 300 routers: 294 unchanged, 5 with changes (s00005, ...), 1
    unreachable (s00154); ...``: the counts of ``textsum.counted`` naming the routers with
    changes and those that could not be planned (the first 8), how many routers could not be
    read while changes are pending (theirs are not in the plan), and the tunnels predicted to
    fail with the intent."""
    found = groups(document)
    words = {"unchanged": found["no-changes"], "with changes": found["changes"],
             "unreachable": found["unreachable"], "refused": found["refused"]}
    order = ["unchanged", "with changes", "unreachable"] + (["refused"] if found["refused"] else [])
    routers = f"{len(document.hosts)} router{'s' * (len(document.hosts) != 1)}"
    text = f"plan for site {document.site}: {routers}: {counted(words, order)}"
    if document.unreachable and document.changes:
        text += (f"; {document.unreachable} router(s) could not be read: their changes are not "
                 "in this plan")
    if document.refused:
        text += (f"; {document.refused} router(s) hold an unconfirmed change: nothing is planned "
                 "for them (flexorch recover)")
    if document.predicted_failures:
        text += (f"; PREDICTED FAILURE: {len(document.predicted_failures)} tunnel(s) will not "
                 f"come up with this intent ({name_list(_failing_tunnels(document))})")
    return text


def summary_json(document: PlanDocument) -> dict[str, Any]:
    """The ``summary`` of ``plan --format json``, as verify's and drift's: the counts, the
    routers by status (every name; ``predicted_failures``: the routers of those tunnels) and
    the text summary line; ``groups``: the routers with the same change (``groups_json``)."""
    found = groups(document)
    failing = list(dict.fromkeys(f.host for f in document.predicted_failures))
    return {"hosts": len(document.hosts), "changes": document.changes,
            "unchanged": len(found["no-changes"]), "unreachable": document.unreachable,
            "refused": document.refused, "predicted_failures": len(document.predicted_failures),
            "routers": {"changes": found["changes"], "unreachable": found["unreachable"],
                        "refused": found["refused"], "predicted_failures": failing},
            "groups": groups_json(document), "text": summary(document)}


def _texts(document: PlanDocument, show_lines: bool = True) -> Callable[..., list[str]]:
    """``host_text`` of the document's routers (``full`` left to the caller)."""
    return partial(host_text, show_lines=show_lines, kept=unchanged_pairs(document.rollout),
                   pushes=pushes_by_host(document.rollout))


def _same_changes(hosts: Sequence[HostPlan], text: Callable[..., list[str]]
                  ) -> dict[str, tuple[list[HostPlan], list[str]]]:
    """The groups of ``GROUP_MIN`` or more routers with the same change (``plan.collapse``),
    with the kinds of values that differ between them, by their first router."""
    # Only routers with as many lines as GROUP_MIN others of their role can share a change:
    # the hub's thousands of lines are not rendered twice to find it alone.
    sizes = Counter((h.role, len(h.lines)) for h in hosts if h.status == "changes")
    changed = [h for h in hosts
               if h.status == "changes" and sizes[(h.role, len(h.lines))] >= GROUP_MIN]
    # The shape holds every line even when they are not printed (``show_lines``).
    shapes = {h.host: shape(h.host, text(h, full=True, show_lines=True)) for h in changed}
    return {group[0].host: (group, differing(group, shapes))
            for group in same_change(changed, shapes) if len(group) > 1}


def groups_json(document: PlanDocument) -> list[dict[str, Any]]:
    """The ``groups`` of ``plan --format json``'s summary: every group of routers with the
    same change but for their own values (whatever the site's size; the hosts keep every
    router's lines)."""
    alike = _same_changes(document.hosts, _texts(document))
    return [{"routers": [m.host for m in members], "lines": len(members[0].lines),
             "values_differ": differ} for members, differ in alike.values()]


def _grouped_text(hosts: Sequence[HostPlan], text: Callable[..., list[str]]) -> list[str]:
    """The sections of ``hosts``, those with the same change as one: the heading naming them,
    then the first one's lines as the example."""
    alike = _same_changes(hosts, text)
    inside = {m.host for members, _ in alike.values() for m in members[1:]}
    out: list[str] = []
    for host in hosts:
        if host.host in alike:
            out.append(heading(*alike[host.host]))
            out += text(host, full=False)[1:]
        elif host.host not in inside:
            out += text(host, full=False)
    return out


def plan_text(document: PlanDocument, *, show_lines: bool = True, full: bool = False,
              show_all: bool = False) -> str:
    """The whole plan, problems first (see the module docstring), the summary line last.
    ``full``: every line and every predicted tunnel; ``show_all``: every router without
    changes listed too."""
    out: list[str] = []
    if document.predicted_failures:
        out.append("predicted failures (the intent itself; run 'flexorch lint'):")
        out += [f"  {f.host} {f.tunnel} -> {f.peer or '(nobody)'}: {f.status} at {f.step}: "
                f"{f.reason}" for f in document.predicted_failures]
    count = collapses(len(document.hosts), show_all)
    shown = [h for h in sorted(document.hosts, key=lambda h: _ORDER[h.status])
             if not (count and h.status == "no-changes")]
    text = _texts(document, show_lines)
    if full or len(document.hosts) <= BIG_SITE:
        for host in shown:
            out += text(host, full=full)
    else:
        out += _grouped_text(shown, text)
    unchanged = sum(h.status == "no-changes" for h in document.hosts)
    if count and unchanged:
        out.append(f"{unchanged} routers without changes: not listed (--all lists them)")
    out += outside_text(document)
    out += rollout_text(document, full=full or not count)
    out.append(summary(document))
    return "\n".join(out) + "\n"
