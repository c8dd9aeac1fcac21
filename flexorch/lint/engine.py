"""Run every lint rule over a selection of hosts and collect one Report."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from flexorch.forked import forked_map
from flexorch.gcpause import gc_paused
from flexorch.lint import crypto_checks, profile_checks, raw_checks, ref_checks, tunnel_checks
from flexorch.lint.context import HostCtx, Locator, Raw
from flexorch.lint.external_checks import check_external_peers
from flexorch.lint.findings import Finding, Report, Suppressed
from flexorch.lint.fleet_checks import check_duplicates, check_fleet
from flexorch.lint.models import with_keys
from flexorch.lint.psk_checks import KeyFacts, Keys, check_psks, quiet
from flexorch.lint.range_checks import check_ranges
from flexorch.lint.rules import RULES

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.intent.host import HostIntent
    from flexorch.ios.model import RouterConfig

HostCheck = Callable[[HostCtx], None]

HOST_CHECKS: tuple[HostCheck, ...] = (
    crypto_checks.check_proposals,
    crypto_checks.check_policies,
    crypto_checks.check_ipsec_crypto,
    profile_checks.check_profiles,
    profile_checks.check_tunnel_fvrf,
    profile_checks.check_config_exchange,
    profile_checks.check_keyring_overlap,
    ref_checks.check_ikev2_refs,
    ref_checks.check_pki_refs,
    ref_checks.check_aaa_refs,
    ref_checks.check_ipsec_refs,
    ref_checks.check_interface_refs,
    ref_checks.check_author_refs,
    tunnel_checks.check_virtual_templates,
    tunnel_checks.check_sgt,
    tunnel_checks.check_mixed_mode,
    check_ranges,
    raw_checks.check_raw_lines,
)


def lint_fleet(fleet: Fleet, *, site: str | None = None, host: str | None = None,
               negotiate: bool = True) -> Report:
    """Lint the hosts ``Fleet.select(site, host)`` picks (every host by default).

    Per-host rules read each host's intent; fleet rules (duplicate addresses, and with
    ``negotiate`` every spoke's IKEv2 negotiation with its hub on the rendered configs) read the
    hosts around them too. Raises UnknownTargetError for an unknown site or host (exit 2).
    Secrets are resolved only to measure and compare keys; no finding contains one.
    """
    selected = fleet.select(site=site, host=host)
    with gc_paused(freeze=True):  # no cyclic garbage: flexorch.gcpause
        return _lint(fleet, selected, negotiate)


def _lint(fleet: Fleet, selected: list[HostIntent], negotiate: bool) -> Report:
    # Imported on use, as fleet_checks does: predict's models need the renderer.
    from flexorch.predict import unmade

    for intent in selected:
        if intent.lint.ignore:
            _known_rules(fleet, intent.name)
    report = Report(hosts=[h.name for h in selected])
    clock = _Clock(report.timings)
    # Models of the selected hosts not read yet: read in the same map as the per-host rules
    # (the negotiation reads them), one fork of the loaded fleet fewer on a big site.
    models = set(unmade(fleet, [h.name for h in selected])) if negotiate else set()
    keys = Keys(fleet)
    raws, known, keyed = _per_host(fleet, selected, models, keys)
    clock.lap("host_rules")
    raws += check_psks(selected, keys, known)
    clock.lap("keys")
    raws += check_duplicates(fleet, {h.name for h in selected})
    raws += check_external_peers(fleet, selected)
    if negotiate:
        errors = {r.host for r in raws if r.rule in STRUCTURAL}
        result = check_fleet(fleet, selected, errors, keys, clock, keyed)
        raws += result.findings
        report.sessions = result.sessions
    report.secrets_unresolved = keys.unresolved
    locator = Locator(fleet)
    report.findings, report.suppressed = suppress(
        fleet, [locator.finding(raw) for raw in _unique(raws)])
    clock.lap("report")
    return report


def _per_host(fleet: Fleet, selected: list[HostIntent], models: set[str], keys: Keys
              ) -> tuple[list[Raw], dict[str, tuple[KeyFacts | None, ...] | None],
                         dict[str, RouterConfig]]:
    """The per-host rules of ``selected``, with the models of ``models`` read and kept
    (``keep_made``): (findings, the key facts each host sent, the models with key tokens).

    Each host's key references are resolved in the map too (a hub's, one per spoke, by the
    worker building the hub), and a host whose model is read there gets its model with key
    tokens built there (``with_keys``), pickled with the masked one: the two share every
    block but the keyrings and profiles, which pickle keeps once. A host whose keys are all
    readable and long enough (``quiet``) sends no facts back: its tokens are in its model.
    Measured at 10,000 spokes on 2 CPUs: the keys and models stages, 0.5 s in this process
    after the map, take 0.02 s; the map does that work on both processes (a spoke's keyed
    model adds 7 us to a worker's dump and 6 us to this process's load; the hub's worker
    resolves its 10,000 references, 0.13 s, in parallel with the spokes')."""
    from flexorch.predict import Made, keep_made, made_for

    def host_rules(intent: HostIntent) -> tuple[list[Raw], Made | None,
                                                 tuple[KeyFacts | None, ...] | None,
                                                 RouterConfig | None]:
        ctx = HostCtx(fleet, intent)
        for check in HOST_CHECKS:
            check(ctx)
        facts = keys.own(intent)
        if intent.name not in models:
            return ctx.out, None, facts, None
        made = made_for(fleet, intent.name)
        if any(f is None for f in facts):  # a key that raised: lint raises it (check_psks)
            return ctx.out, made, facts, None
        # quiet keys: their tokens in the model are all this process needs of them
        return ctx.out, made, None if quiet(facts) else facts, with_keys(made[1], intent, keys)

    # per host and pure: worker processes share them on a big site
    raws: list[Raw] = []
    known: dict[str, tuple[KeyFacts | None, ...] | None] = {}
    keyed: dict[str, RouterConfig] = {}
    for intent, (found, made, facts, config) in zip(selected, forked_map(
            host_rules, selected, weights=fleet.work_weights([h.name for h in selected])),
            strict=True):
        raws += found
        known[intent.name] = facts
        if made is not None:
            keep_made(fleet, intent.name, made)
        if config is not None:
            keyed[intent.name] = config
    return raws, known, keyed


def suppress(fleet: Fleet, findings: list[Finding]) -> tuple[list[Finding], list[Suppressed]]:
    """Split ``findings`` into those reported and those the host's ``lint.ignore`` accepts
    (same rule, and at or below its ``path`` when one is given)."""
    kept: list[Finding] = []
    quiet: list[Suppressed] = []
    for f in findings:
        ignores = fleet.hosts[f.host].lint.ignore
        match = next((i for i in ignores if i.rule == f.rule and (
            i.path is None or f.path == i.path or f.path.startswith(i.path + "."))), None)
        if match is None:
            kept.append(f)
        else:
            quiet.append(Suppressed(f, match.reason))
    return kept, quiet


def _known_rules(fleet: Fleet, host: str) -> None:
    """Raise InventoryError (exit 2) for an ignore of ``host`` naming a rule that does not
    exist, at its file and line."""
    import difflib

    from flexorch.intent.loader import located_error

    for index, ignore in enumerate(fleet.hosts[host].lint.ignore):
        if ignore.rule in RULES:
            continue
        close = difflib.get_close_matches(ignore.rule, RULES, n=1)
        hint = f" (did you mean {close[0]}?)" if close else " (rules: docs/lint.md)"
        message = f"lint.ignore names rule {ignore.rule}, which does not exist{hint}"
        source = fleet.sources.get(host, {}).get("lint")
        path = f"data.lint.ignore[{index}].rule"
        if source is None:
            from flexorch.errors import InventoryError

            raise InventoryError(message, host=host, path=path)
        raise located_error(source, message, ["data", "lint", "ignore", index, "rule"],
                            host=host, path=path)


class _Clock:
    """Stage timings (seconds) for benchmarks; never part of the JSON document."""

    def __init__(self, into: dict[str, float]) -> None:
        self.into = into
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.into[stage] = self.into.get(stage, 0.0) + now - self.last
        self.last = now


# Per-host errors that leave a router unable to negotiate at all: when one is present, the fleet
# stage's FV510 (negotiation cannot start) would only repeat it.
STRUCTURAL = frozenset(
    rule_id for rule_id, r in RULES.items()
    if r.severity == "error" and (rule_id[:3] in ("FV2", "FV3") or rule_id in ("FV101", "FV103"))
)


def _unique(raws: list[Raw]) -> list[Raw]:
    """Drop exact repeats (a fleet finding seen from both ends of a session)."""
    seen: set[Raw] = set()
    out = []
    for raw in raws:
        if raw not in seen:
            seen.add(raw)
            out.append(raw)
    return out
