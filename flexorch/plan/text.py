"""The plan as people read it (``flexorch plan``, and ``flexorch rollout`` before it asks)."""

from __future__ import annotations

from flexorch.plan.document import HostPlan, PlanDocument
from flexorch.plan.outcomes import TunnelOutcome


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


def host_text(plan: HostPlan, *, show_lines: bool = True) -> list[str]:
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
            out += ["  " + line for line in plan.lines]
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


def plan_text(document: PlanDocument, *, show_lines: bool = True) -> str:
    """The whole plan, with a one-line summary at the end."""
    out: list[str] = []
    for host in document.hosts:
        out += host_text(host, show_lines=show_lines)
    out += outside_text(document)
    unchanged = sum(h.status == "no-changes" for h in document.hosts)
    out.append(f"plan for site {document.site}: {document.changes} host(s) with changes, "
               f"{unchanged} unchanged, {document.unreachable} unreachable"
               + (f", {document.refused} refused (unconfirmed change pending)"
                  if document.refused else ""))
    return "\n".join(out) + "\n"
