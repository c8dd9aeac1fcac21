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


def plan_text(document: PlanDocument, *, show_lines: bool = True) -> str:
    """The whole plan, with a one-line summary at the end."""
    out: list[str] = []
    for host in document.hosts:
        out += host_text(host, show_lines=show_lines)
    unchanged = sum(h.status == "no-changes" for h in document.hosts)
    out.append(f"plan for site {document.site}: {document.changes} host(s) with changes, "
               f"{unchanged} unchanged, {document.unreachable} unreachable"
               + (f", {document.refused} refused (unconfirmed change pending)"
                  if document.refused else ""))
    return "\n".join(out) + "\n"
