"""Numeric ranges from the guide (FV401-FV410) and the IOS command reference (FV411, FV412).

Design: the intent model checks types and shapes and deliberately loads numbers outside these
ranges (see ``flexorch.intent.ikev2``), so every range has one home, here, with a rule id and
advice; a value out of range is an error because IOS refuses the command (the push would fail).

The ranges are the guide's. ``limit max-sa`` and ``max-in-negotiation-sa`` are 1-9999 in the guide
while the IOS grammar table (``flexorch.ios.cli.commands``) accepts up to 99999: lint follows the
guide, the stricter of the two. NAT keepalive (FV411) and the IKE SA lifetime (FV412) are not
ranged in the guide (its ``crypto ikev2 nat keepalive`` has no value at all, an erratum): their
ranges are the Cisco IOS Security Command Reference's (``crypto ikev2 nat keepalive`` /
``nat keepalive``: 5-3600 seconds; IKEv2 profile ``lifetime``: 120-86400 seconds), as in the IOS
grammar table.
"""

from __future__ import annotations

from typing import Final

from flexorch.lint.context import HostCtx
from flexorch.lint.findings import Part

# rule id -> (what, low, high, unit)
RANGES: Final[dict[str, tuple[str, int, int, str]]] = {
    "FV401": ("crypto ikev2 window", 1, 200, ""),
    "FV402": ("DPD interval", 10, 3600, " seconds"),
    "FV403": ("DPD retry", 2, 60, " seconds"),
    "FV404": ("crypto ikev2 fragmentation mtu", 68, 1500, " bytes"),
    "FV405": ("crypto ikev2 cookie-challenge", 0, 1000, ""),
    "FV406": ("crypto ikev2 limit max-sa", 1, 9999, ""),
    "FV407": ("crypto ikev2 limit max-in-negotiation-sa", 1, 9999, ""),
    "FV408": ("session-lifetime", 120, 25920000, " seconds"),
    "FV409": ("crypto ikev2 certificate-cache", 1, 2000, ""),
    "FV410": ("crypto ikev2 diagnose error", 1, 1000, ""),
    "FV411": ("NAT keepalive", 5, 3600, " seconds"),
    "FV412": ("IKE SA lifetime", 120, 86400, " seconds"),
}


def _check(ctx: HostCtx, rule_id: str, parts: list[Part], value: int | None) -> None:
    if value is None:
        return
    what, low, high, unit = RANGES[rule_id]
    if not low <= value <= high:
        ctx.report(rule_id, parts,
                   f"{what} {value} is outside {low}-{high}{unit}: IOS refuses the command; "
                   f"use a value from {low} to {high}")


def check_ranges(ctx: HostCtx) -> None:
    """Every ranged number of the IKEv2 globals and profiles."""
    g = ctx.host.ikev2
    _check(ctx, "FV401", ["ikev2", "window"], g.window)
    if g.dpd is not None:
        _check(ctx, "FV402", ["ikev2", "dpd", "interval"], g.dpd.interval)
        _check(ctx, "FV403", ["ikev2", "dpd", "retry"], g.dpd.retry)
    if g.fragmentation is not None:
        _check(ctx, "FV404", ["ikev2", "fragmentation", "mtu"], g.fragmentation.mtu)
    _check(ctx, "FV405", ["ikev2", "cookie_challenge"], g.cookie_challenge)
    if g.limit is not None:
        _check(ctx, "FV406", ["ikev2", "limit", "max_sa"], g.limit.max_sa)
        _check(ctx, "FV407", ["ikev2", "limit", "max_in_negotiation_sa"],
               g.limit.max_in_negotiation_sa)
    _check(ctx, "FV409", ["ikev2", "certificate_cache"], g.certificate_cache)
    _check(ctx, "FV410", ["ikev2", "diagnose_error"], g.diagnose_error)
    _check(ctx, "FV411", ["ikev2", "nat_keepalive"], g.nat_keepalive)
    for name, profile in ctx.host.ikev2_profiles.items():
        base: list[Part] = ["ikev2_profiles", name]
        if profile.dpd is not None:
            _check(ctx, "FV402", [*base, "dpd", "interval"], profile.dpd.interval)
            _check(ctx, "FV403", [*base, "dpd", "retry"], profile.dpd.retry)
        _check(ctx, "FV408", [*base, "session_lifetime"], profile.session_lifetime)
        _check(ctx, "FV411", [*base, "nat_keepalive"], profile.nat_keepalive)
        _check(ctx, "FV412", [*base, "lifetime"], profile.lifetime)
