"""flexorch.lint: semantic checks of FlexVPN intent, per host and across the fleet.

Public API::

    from flexorch.intent import load_fleet
    from flexorch.lint import lint_fleet, RULES
    report = lint_fleet(load_fleet(Path("inventory")), site="hub1")
    report.exit_code        # 0 clean (warnings allowed), 1 errors
    report.to_dict()        # {"findings": [...], "summary": {...}}

Per-host rules read the typed intent (``HostIntent``); fleet rules negotiate every spoke with its
hub through ``flexorch.ios.negotiate`` on the rendered configs. ``lint_config`` applies the
config-level rules to any IOS config read into ``RouterConfig``. The rule catalogue is
``RULES`` (see docs/lint.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flexorch.lint.engine import lint_fleet
from flexorch.lint.findings import Finding, Report, path_text
from flexorch.lint.rules import RULES, Rule
from flexorch.lint.tunnel_checks import check_config

if TYPE_CHECKING:
    from flexorch.ios.model import RouterConfig


def lint_config(host: str, config: RouterConfig) -> list[Finding]:
    """Config-level rules (``scope == "config"``) on one router's config (rendered, or read from
    a router): findings with the intent path the object would have, and no source file."""
    return [Finding(r.rule, r.host, path_text(r.parts), r.message, None, r.peer)
            for r in check_config(host, config)]


__all__ = ["RULES", "Finding", "Report", "Rule", "lint_config", "lint_fleet"]
