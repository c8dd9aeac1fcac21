"""The plan as people read it (``flexorch plan``, and ``flexorch rollout`` before it asks)."""

from __future__ import annotations

from flexorch.plan.document import HostPlan, PlanDocument
from flexorch.plan.outcomes import TunnelOutcome
from flexorch.plan.rolloutplan import PhasePlan, RolloutPlan, TunnelPlan


def _outcome_line(row: TunnelOutcome) -> str:
    arrow = "->" if row.initiator else "<-"
    peer = row.peer or "(nobody owns the address)"
    parts = [f"{row.tunnel} {arrow} {peer}:", row.status]
    if row.status == "ESTABLISHED":
        parts += [row.suite or "", f"frag {row.fragmentation}", f"SGT {row.sgt}"]
        if row.nat_t and row.nat_t != "not-detected":
            parts.append(f"NAT-T {row.nat_t}")
    else:
        parts.append(f"at {row.step}: {row.reason}")
    return "    " + "  ".join(p for p in parts if p)


def _host_lines(plan: HostPlan, rollout: RolloutPlan | None) -> list[str]:
    """The host's lines, under one heading per phase when the rollout pushes it in several."""
    pushes = [(phase, push) for phase in (rollout.phases if rollout else ())
              for push in phase.pushes if push.host == plan.host]
    if len(pushes) < 2:
        return ["  " + line for line in plan.lines]
    out = []
    for phase, push in pushes:
        why = f": {push.why}" if push.why else ""
        out.append(f"  ! phase {phase.index + 1} {phase.name} ({push.kind}){why}")
        out += ["  " + line for line in push.lines]
    return out


def host_text(plan: HostPlan, *, show_lines: bool = True,
              rollout: RolloutPlan | None = None) -> list[str]:
    """Text lines for one host (already masked)."""
    head = f"{plan.host} ({plan.role})"
    if plan.status == "unreachable":
        out = [f"{head}: UNREACHABLE: {plan.message}"]
    elif plan.status == "refused":
        out = [f"{head}: REFUSED: {plan.message}"]
    elif plan.status == "no-changes":
        out = [f"{head}: no changes"]
    else:
        out = [f"{head}: {len(plan.lines)} lines to send"]
        if show_lines:
            out += _host_lines(plan, rollout)
    out += [f"  note: {note}" for note in plan.notes]
    if plan.outcomes:
        out.append("  predicted IKEv2 (intended configs):")
        out += [_outcome_line(row) for row in plan.outcomes]
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
        parts.append(f"{push.host}{kind} ({len(push.lines)})")
    shown = ", ".join(parts[:8]) + (f", ... {len(parts) - 8} more" if len(parts) > 8 else "")
    return f"  {phase.index + 1}. {phase.name}: {shown or 'nothing to push'}"


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


def rollout_text(document: PlanDocument) -> list[str]:
    """The phases of the rollout and what each tunnel does through them."""
    rollout = document.rollout
    if rollout is None or not rollout.phases:
        return []
    order = f" (playbook {document.playbook})" if document.playbook else ""
    out = [f"rollout in {len(rollout.phases)} phase(s){order}:"]
    out += [_phase_line(phase) for phase in rollout.phases]
    if rollout.tunnels:
        counts: dict[str, int] = {}
        for tunnel in rollout.tunnels:
            counts[tunnel.verdict] = counts.get(tunnel.verdict, 0) + 1
        out.append("  tunnels through the rollout: "
                   + ", ".join(f"{n} {v}" for v, n in sorted(counts.items())))
        out += [_tunnel_line(t, rollout.phases) for t in rollout.tunnels
                if t.verdict != "unchanged"]
    return out


def summary(document: PlanDocument) -> str:
    """The one-line summary; it says when a tunnel is predicted to fail with the intent."""
    unchanged = sum(h.status == "no-changes" for h in document.hosts)
    text = (f"plan for site {document.site}: {document.changes} host(s) with changes, "
            f"{unchanged} unchanged, {document.unreachable} unreachable"
            + (f", {document.refused} refused (unconfirmed change pending)"
               if document.refused else ""))
    if document.predicted_failures:
        text += (f"; PREDICTED FAILURE: {len(document.predicted_failures)} tunnel(s) will not "
                 "come up with this intent")
    return text


def plan_text(document: PlanDocument, *, show_lines: bool = True) -> str:
    """The whole plan: hosts, rollout phases, predicted failures, then the summary line."""
    out: list[str] = []
    for host in document.hosts:
        out += host_text(host, show_lines=show_lines, rollout=document.rollout)
    out += outside_text(document)
    out += rollout_text(document)
    if document.predicted_failures:
        out.append("predicted failures (the intent itself; run 'flexorch lint'):")
        out += [f"  {f.host} {f.tunnel} -> {f.peer or '(nobody)'}: {f.status} at {f.step}: "
                f"{f.reason}" for f in document.predicted_failures]
    out.append(summary(document))
    return "\n".join(out) + "\n"
