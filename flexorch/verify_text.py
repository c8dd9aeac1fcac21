"""``flexorch verify`` as text: one line per tunnel naming both routers, problems first.

Order: routers that could not be read, routers holding an unconfirmed change, then every
tunnel with a failed check (``MISMATCH  s00017 Tunnel1 to hub: status absent (expected
READY): <cause>``), parser warnings, then the passing tunnels (above ``textsum.BIG_SITE``
routers only their count, unless ``show_all``), and a summary naming the routers in trouble.
Plain lines, so ``grep MISMATCH`` gives every failing tunnel with both its routers; colour only
on a terminal (click strips it otherwise). Everything shown is masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flexorch.secrets import mask
from flexorch.textsum import collapses, counted

if TYPE_CHECKING:
    from flexorch.verify import Comparison, HostVerify, VerifyReport

_WORD = {"ok": ("ok", "green"), "mismatch": ("MISMATCH", "red"),
         "unreachable": ("UNREACHABLE", "red"), "unconfirmed": ("UNCONFIRMED", "yellow")}
VERDICTS = ("ok", "mismatch", "unreachable", "unconfirmed")


@dataclass(frozen=True)
class TunnelRow:
    """The checks of one tunnel of one router."""

    host: str
    tunnel: str
    peer: str | None
    checks: tuple[Comparison, ...]

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def name(self) -> str:
        if self.peer is None and self.checks[0].check == "unexpected_peers":
            return f"{self.host} {self.tunnel}"
        return f"{self.host} {self.tunnel} to {self.peer or '(nobody in the intent)'}"

    def text(self) -> str:
        """What the row says after the router names (masked)."""
        failed = [c for c in self.checks if not c.ok]
        if not failed:
            status = next((c.observed for c in self.checks if c.check == "status"), "")
            return mask(f"{status + ', ' if status else ''}{len(self.checks)} checks ok")
        said = "; ".join(
            f"SA with {c.observed}, not in the intent" if c.check == "unexpected_peers"
            else f"{c.check} {c.observed} (expected {c.expected})" for c in failed)
        causes = list(dict.fromkeys(c.message for c in failed if c.message))
        if causes and failed[0].check != "unexpected_peers":
            said += ": " + "; ".join(causes)
        return mask(said)


def tunnel_rows(h: HostVerify) -> list[TunnelRow]:
    """One row per (tunnel, peer) of a router, failing ones first."""
    grouped: dict[tuple[str, str | None], list[Comparison]] = {}
    for c in h.comparisons:
        if c.check == "unexpected_peers" and c.ok:
            continue  # "no unexpected peer" says nothing worth a row
        grouped.setdefault((c.tunnel, c.peer), []).append(c)
    rows = [TunnelRow(h.host, t, p, tuple(cs)) for (t, p), cs in grouped.items()]
    return sorted(rows, key=lambda r: r.ok)


def _word(verdict: str) -> str:
    import click

    word, colour = _WORD[verdict]
    return click.style(f"{word:<11}", fg=colour, bold=verdict != "ok") + " "


def groups(report: VerifyReport) -> dict[str, list[str]]:
    """Routers by verdict, in report order."""
    return {v: [h.host for h in report.hosts if h.verdict == v] for v in VERDICTS}


def summary_line(report: VerifyReport) -> str:
    """``verify: 301 routers: 294 ok, 6 mismatch (s00017, ...), ...; 12/1806 checks failed``."""
    s = report.summary()
    found = groups(report)
    order = ["ok", "mismatch", "unreachable"] + (["unconfirmed"] if found["unconfirmed"] else [])
    return (f"verify: {s['hosts']} routers: {counted(found, order)}; "
            f"{s['failed_checks']}/{s['checks']} checks failed")


def summary_json(report: VerifyReport) -> dict[str, Any]:
    """The summary of the JSON document: counts, every router in trouble by verdict, and the
    text summary line."""
    found = groups(report)
    return {**report.summary(), "routers": {v: found[v] for v in VERDICTS[1:]},
            "text": summary_line(report)}


def report_lines(report: VerifyReport, *, show_all: bool = False,
                 failures_only: bool = False) -> list[str]:
    """Every line of the text report (styled; ``click.unstyle`` for plain)."""
    out = [f"{_word('unreachable')}{h.host} ({h.role}): {mask(h.message)}"
           for h in report.hosts if h.verdict == "unreachable"]
    out += [f"{_word('unconfirmed')}{h.host} ({h.role}): {mask(h.message)}"
            for h in report.hosts if h.pending is not None]
    passing: list[TunnelRow] = []
    for h in report.hosts:
        for row in tunnel_rows(h):
            if row.ok:
                passing.append(row)
            else:
                out.append(f"{_word('mismatch')}{row.name()}: {row.text()}")
    for h in report.hosts:
        out += [f"{'warning':<12}{h.host}: parser: {mask(w)}" for w in h.warnings]
    if failures_only or not passing:
        pass
    elif collapses(len(report.hosts), show_all):
        routers = len({r.host for r in passing})
        out.append(f"{_word('ok')}{len(passing)} tunnels on {routers} routers with every "
                   "check ok: not listed (--all lists them)")
    else:
        out += [f"{_word('ok')}{row.name()}: {row.text()}" for row in passing]
    out.append(summary_line(report))
    return out


def print_text(report: VerifyReport, *, show_all: bool = False,
               failures_only: bool = False) -> None:
    """Print the report (``report_lines``) to stdout."""
    import click

    click.echo("\n".join(report_lines(report, show_all=show_all, failures_only=failures_only)))
