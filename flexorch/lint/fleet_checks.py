"""Fleet rules (FV501-FV514): addresses across routers, and every spoke negotiated against its
hub with the IKEv2 negotiation model on the rendered configs.

The model is built once per router on ``render_full`` (day-0 + managed: the config a prediction
runs on; keys as equality tokens, see ``flexorch.lint.models``) and negotiated through the one
prediction pipeline (``flexorch.predict.prediction``, with those configs as overrides), each
static tunnel and FlexVPN client once, so the whole check is O(routers).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from flexorch.ios.facts.features import has_feature
from flexorch.lint.context import Raw, interface_key
from flexorch.lint.models import external_configs, router_config
from flexorch.lint.psk_checks import Keys
from flexorch.lint.rules import RULES
from flexorch.lint.tunnel_checks import check_config

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.intent.host import HostIntent
    from flexorch.ios.model import RouterConfig
    from flexorch.ios.negotiate import AddressIndex, Session

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Outcome status -> rule (AUTH_FAILED and NO_PROPOSAL_CHOSEN are split further below: by
# ``Outcome.cause`` and ``Outcome.step``).
_STATUS_RULE = {
    "PROFILE_MISMATCH": "FV508",
    "TS_UNACCEPTABLE": "FV509",
    "CONFIG_INCOMPLETE": "FV510",
    "NO_RESPONDER": "FV510",
}


@dataclass
class FleetResult:
    """What the fleet stage found, and how much it negotiated."""

    findings: list[Raw] = field(default_factory=list)
    sessions: int = 0


def _addresses(host: HostIntent) -> list[tuple[IpAddress, tuple[str | int, ...]]]:
    """Tunnel and loopback addresses of a host with their intent paths."""
    out: list[tuple[IpAddress, tuple[str | int, ...]]] = []
    for key in ("loopbacks", "tunnels"):
        for iname, itf in getattr(host, key).items():
            if itf.ipv4 is not None:
                out.append((itf.ipv4.ip, (key, iname, "ipv4")))
            for i, sec in enumerate(itf.ipv4_secondary):
                out.append((sec.ip, (key, iname, "ipv4_secondary", i)))
            for i, v6 in enumerate(itf.ipv6):
                out.append((v6.ip, (key, iname, "ipv6", i)))
    return out


def check_duplicates(fleet: Fleet, selected: set[str]) -> list[Raw]:
    """FV501: a tunnel or loopback address held twice in the fleet (same or different router).
    Each holder in the selection gets a finding naming the other holder(s)."""
    holders: dict[IpAddress, list[tuple[str, tuple[str | int, ...]]]] = {}
    for host in fleet.hosts.values():
        for addr, parts in _addresses(host):
            holders.setdefault(addr, []).append((host.name, parts))
    out: list[Raw] = []
    for addr, where in holders.items():
        if len(where) < 2:
            continue
        for name, parts in where:
            if name not in selected:
                continue
            others = ", ".join(f"{n} {p[1]}" for n, p in where if (n, p) != (name, parts))
            out.append(Raw("FV501", name, parts,
                           f"{addr} is also configured on {others}: overlay addresses must be "
                           "unique; give each tunnel/loopback its own address"))
    return out


class _Owners:
    """Which host of the whole fleet owns an address: ``AddressIndex`` over every host's
    rendered config, built only when a destination belongs to no negotiated router (rare: a
    spoke pointing at another site's hub)."""

    def __init__(self, fleet: Fleet) -> None:
        self.fleet = fleet
        self._index: AddressIndex | None = None

    def owner(self, address: str) -> str | None:
        if self._index is None:
            from flexorch.ios.negotiate import AddressIndex
            from flexorch.predict import endpoints
            from flexorch.render import render_full

            configs = {n: render_full(self.fleet, n, reveal=False) for n in self.fleet.hosts}
            self._index = AddressIndex.of(endpoints(self.fleet, configs))
        return self._index.owner(address)


class Lap(Protocol):
    def lap(self, stage: str) -> None: ...


def check_fleet(fleet: Fleet, selected: list[HostIntent], host_errors: set[str], keys: Keys,
                clock: Lap, keyed: dict[str, RouterConfig] | None = None) -> FleetResult:
    """Negotiate the selection's tunnels and report FV502-FV514 (FV501 runs separately).
    ``host_errors``: hosts that already have per-host errors (their FV510 would repeat them);
    ``clock.lap(stage)`` is called after each stage (models, negotiate, fleet_rules);
    ``keyed``: ``router_config`` of some routers, built already (lint's per-host map)."""
    from flexorch.predict import masked_configs, peer_names, prediction, remember_intended

    clock.lap("fleet_addresses")
    names = peer_names(fleet, [h.name for h in selected])
    built = keyed or {}
    # the others' models read by worker processes on a big site
    masked_configs(fleet, [n for n in names if n not in built])
    configs = {name: built.get(name) or router_config(fleet, name, keys) for name in names}
    configs.update(external_configs(fleet, names, keys))
    clock.lap("models")
    predicted = prediction(fleet, [h.name for h in selected], overrides=configs, workers=True)
    if keys.unresolved == 0:  # plan, verify and the gates predict the same intent
        remember_intended(fleet, [h.name for h in selected], predicted)
    sessions = predicted.steady()
    clock.lap("negotiate")
    chosen = {h.name for h in selected}
    result = FleetResult(sessions=len(sessions))
    owners = _Owners(fleet)
    for name in names:
        if name in chosen:
            result.findings += check_config(name, configs[name])
    for session in sessions:
        result.findings += _session_findings(fleet, session, configs, owners, host_errors)
    result.findings += _missing_hub_tunnels(fleet, selected, sessions)
    result.findings += _unused_hub_features(fleet, selected, configs)
    result.findings = [r for r in result.findings if r.host in chosen or r.peer in chosen]
    clock.lap("fleet_rules")
    return result


def _advice(rule_id: str) -> str:
    return RULES[rule_id].fix


def _session_findings(fleet: Fleet, session: Session, configs: dict[str, RouterConfig],
                      owners: _Owners, host_errors: set[str]) -> list[Raw]:
    out: list[Raw] = []
    me, peer = session.initiator, session.responder
    host = fleet.hosts[me]
    where = (interface_key(session.tunnel), session.tunnel)
    outcome = session.outcome
    status = str(outcome.status)
    if peer is not None and peer not in fleet.hosts:
        out += _undeclared_external(fleet, session)
    elif peer is not None and host.role != "hub" and peer not in host.hubs:
        other = fleet.hosts[peer]
        out.append(Raw("FV502", me, where,
                       f"{session.tunnel} goes to {peer} ({other.role} of site {other.site}), "
                       f"which is not one of this host's hubs ({', '.join(host.hubs) or 'none'}): "
                       f"{_advice('FV502')}", peer))
    if status == "NO_RESPONDER" and peer is None:
        out += _no_responder(fleet, session, owners)
        return out
    if status in ("ESTABLISHED", "NOT_INITIATED"):
        out += _feature_findings(fleet, session, configs)
        return out
    if status == "NO_PROPOSAL_CHOSEN":
        rule_id = "FV505" if outcome.step == "child-sa" else "FV504"
    elif status == "AUTH_FAILED":
        rule_id = "FV506" if outcome.cause == "psk-mismatch" else "FV507"
    else:
        rule_id = _STATUS_RULE.get(status, "FV510")
    if rule_id == "FV510" and (me in host_errors or (peer in host_errors)):
        return out  # the per-host errors of this router already say what is missing
    target = f" to {peer}" if peer else ""
    # FV504: the model's reason names each transform type without a common value.
    out.append(Raw(rule_id, me, where,
                   f"{session.tunnel}{target} fails at {outcome.step} ({status}): "
                   f"{outcome.reason}; {_advice(rule_id)}", peer))
    return out


def _undeclared_external(fleet: Fleet, session: Session) -> list[Raw]:
    """FV502 for a tunnel reaching an external peer that another host declares, not this one
    (the pipeline found it through that host's declaration)."""
    me, peer = session.initiator, str(session.responder)
    if peer in fleet.hosts[me].external_peers:
        return []
    others = sorted(h.name for h in fleet.hosts.values() if peer in h.external_peers)
    return [Raw("FV502", me, (interface_key(session.tunnel), session.tunnel),
                f"{session.tunnel} goes to external peer {peer}, which {', '.join(others)} "
                "declare(s) but this host does not: declare it in this host's external_peers "
                "too (a group can hold it for all its hosts)", peer)]


def _no_responder(fleet: Fleet, session: Session, owners: _Owners) -> list[Raw]:
    me = session.initiator
    host = fleet.hosts[me]
    where = (interface_key(session.tunnel), session.tunnel)
    try:
        dest = ipaddress.ip_address(str(session.destination))
    except ValueError:
        return []  # a host name: the model resolves addresses only, nothing to claim
    owner = owners.owner(str(dest))
    if owner is not None and owner != me:
        other = fleet.hosts[owner]
        text = (f"{session.tunnel} goes to {dest}, an address of {owner} ({other.role} of site "
                f"{other.site}), which is not one of this host's hubs "
                f"({', '.join(host.hubs) or 'none'})")
        return [Raw("FV502", me, where, f"{text}: {_advice('FV502')}", owner)]
    return [Raw("FV502", me, where,
                f"{session.tunnel} goes to {dest}, which no host of the inventory has and no "
                "external peer of this host declares: add its hub to the inventory, or declare "
                "the router under external_peers (address, proposal, transform set, "
                "authentication)")]


def _feature_findings(fleet: Fleet, session: Session, configs: dict[str, RouterConfig]
                      ) -> list[Raw]:
    """FV511 / FV512 (one end only) and FV514 (PFS) for a session that negotiates."""
    out: list[Raw] = []
    me, peer = session.initiator, session.responder
    if peer is None:
        return out
    mine, theirs = configs[me].ikev2, configs[peer].ikev2
    tunnel = configs[me].interface(session.tunnel)
    vti = tunnel is not None and tunnel.mode.encapsulation == "ipsec"
    for flag, rule_id, what, key in (
        ("fragmentation", "FV511", "IKEv2 fragmentation", "fragmentation"),
        ("cts_sgt", "FV512", "SGT tagging (crypto ikev2 cts sgt)", "cts_sgt"),
    ):
        if rule_id == "FV512" and not vti and not all(
                has_feature("sgt-over-gre", _version(fleet, configs, h)) for h in (me, peer)):
            continue  # GRE before IOS XE 16.7: FV303 on whichever end has SGT
        a, b = getattr(mine, flag), getattr(theirs, flag)
        if a == b:
            continue
        owner, other = (me, peer) if a else (peer, me)
        if not a and fleet.hosts[peer].role == "hub":
            continue  # a hub serves many spokes: FV513 covers a hub feature nobody uses
        out.append(Raw(rule_id, owner, ("ikev2", key),
                       f"{what} is on here but not on {other}, so the tunnel "
                       f"{me} {session.tunnel} -> {peer} runs without it: "
                       f"{_advice(rule_id)}", other))
    return out + _pfs(session)


def _version(fleet: Fleet, configs: dict[str, RouterConfig], name: str) -> str | None:
    """A router's software version: its config's ``version`` line, else the inventory's
    ``platform_version`` (external peers have none: None, IOS-XE 17)."""
    host = fleet.hosts.get(name)
    return configs[name].version or (host.platform_version if host is not None else None)


def _pfs(session: Session) -> list[Raw]:
    """FV514 from the model's ``pfs-mismatch`` note (the first CHILD SA still comes up)."""
    return [Raw("FV514", session.initiator,
                (interface_key(session.tunnel), session.tunnel, "protection"),
                f"{session.tunnel} to {session.responder}: {note.text}; {_advice('FV514')}",
                session.responder)
            for note in session.outcome.notes if note.code == "pfs-mismatch"]


def _missing_hub_tunnels(fleet: Fleet, selected: list[HostIntent], sessions: list[Session]
                         ) -> list[Raw]:
    """FV503: a spoke naming a hub it never builds a tunnel to."""
    pairs = {frozenset((s.initiator, s.responder)) for s in sessions if s.responder}
    out: list[Raw] = []
    for host in selected:
        if host.role != "spoke":
            continue  # a client tries its hubs in order: one session is the design
        for index, hub in enumerate(host.hubs):
            if frozenset((host.name, hub)) not in pairs:
                out.append(Raw("FV503", host.name, ("hubs", index),
                               f"{host.name} names hub {hub} but no tunnel of it reaches {hub}: "
                               f"{_advice('FV503')}", hub))
    return out


def _unused_hub_features(fleet: Fleet, selected: list[HostIntent],
                         configs: dict[str, RouterConfig]) -> list[Raw]:
    """FV513: fragmentation or SGT on a selected hub while none of its spokes has it."""
    out: list[Raw] = []
    spokes_of = fleet.spokes_by_hub()
    for hub in selected:
        if hub.role != "hub":
            continue
        spokes = [s.name for s in spokes_of.get(hub.name, [])]
        for flag, key, what in (("fragmentation", "fragmentation", "IKEv2 fragmentation"),
                                ("cts_sgt", "cts_sgt", "SGT tagging (crypto ikev2 cts sgt)")):
            if not getattr(configs[hub.name].ikev2, flag) or not spokes:
                continue
            if not any(getattr(configs[s].ikev2, flag) for s in spokes if s in configs):
                out.append(Raw("FV513", hub.name, ("ikev2", key),
                               f"{what} is on this hub but on none of its {len(spokes)} "
                               f"spoke(s), so it is never negotiated: {_advice('FV513')}"))
    return out
