"""Lint gates the push: a rollout lints the site's intent before it touches a router.

Errors stop the run before anything is read or sent (exit 1) unless the operator forces it;
a forced run says so in its history record (``force``, ``lint_errors``) and its report. What
lint finds is what the rollout's gates would otherwise find the hard way (FV504: proposals that
match no peer) after pushing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flexorch.errors import EXIT_FAIL, FlexorchError
from flexorch.secrets import mask

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.lint.findings import Report


class LintRefused(FlexorchError):
    """Lint found errors in the intent: nothing was sent (exit 1). ``report``: lint's."""

    exit_code = EXIT_FAIL

    def __init__(self, message: str, report: Report) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class LintVerdict:
    """What lint said before the push, and whether the operator overrode it."""

    errors: int
    warnings: int
    summary: str
    first: tuple[str, ...]  # the first errors, one line each (masked)
    forced: bool
    report: Report

    def to_json(self) -> dict[str, Any]:
        return {"errors": self.errors, "warnings": self.warnings, "forced": self.forced,
                "summary": self.summary, "first_errors": list(self.first)}

    def history_args(self) -> dict[str, Any]:
        """What a run's history record says about lint."""
        return {"force": self.forced, "lint_errors": self.errors}


def lint_gate(fleet: Fleet, site: str, *, force: bool) -> LintVerdict:
    """Lint ``site``'s intent. When lint finds errors and ``force`` is not set: the refusal is
    recorded in the history and LintRefused (exit 1) raised, naming the first errors.
    Raises UnknownTargetError for an unknown site (exit 2)."""
    from flexorch.history import record
    from flexorch.lint import lint_fleet
    from flexorch.lint.output import summary_line

    report = lint_fleet(fleet, site=site)
    errors = [f for f in report.sorted() if f.severity == "error"]
    first = tuple(mask(f"{f.rule} {f.host}: {f.message}") for f in errors[:3])
    verdict = LintVerdict(report.errors, report.warnings, summary_line(report), first,
                          bool(errors) and force, report)
    if errors and not force:
        record("rollout", site, (), "failed", {"refused": "lint", "lint_errors": len(errors)},
               args=verdict.history_args())
        more = f" (+{len(errors) - 3} more)" if len(errors) > 3 else ""
        raise LintRefused(f"lint found {len(errors)} error(s) in site {site}, nothing was "
                          f"sent: {'; '.join(first)}{more}; fix the intent ('flexorch lint "
                          f"--site {site}'), or pass --force to roll out anyway", report)
    return verdict
