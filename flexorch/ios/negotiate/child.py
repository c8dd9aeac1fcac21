"""The CHILD SA step of an IKEv2 exchange: what on the responder takes the SA (a virtual-template
clone, a static tunnel facing the initiator, a multipoint tunnel, or the crypto map of the
receiving interface), and the IPsec transform sets both ends have in common. A part of
``flexorch.ios.negotiate`` (``exchange.negotiate`` runs it after authentication).
"""

from __future__ import annotations

from collections.abc import Mapping

from flexorch.ios.facts import compliance, crypto
from flexorch.ios.model import (
    CryptoMapEntry,
    Interface,
    IpAddress,
    IpsecProfile,
    RouterConfig,
    TransformSet,
    TunnelMode,
)
from flexorch.ios.negotiate.proposals import weak_note
from flexorch.ios.negotiate.steps import (
    Side,
    ikev2_profile_name,
    nat_inside,
    tunnel_source,
)
from flexorch.ios.negotiate.types import (
    Fail,
    Note,
    Status,
    by_tables,
    owned_addresses,
    parse_ip,
    show_address,
)

# Interface commands that put an interface in a VRF: ``vrf forwarding X`` and the legacy
# ``ip vrf forwarding X`` (both as interface-config AAA attributes in Cisco's FlexVPN guide).
VRF_COMMANDS = (("vrf", "forwarding"), ("ip", "vrf", "forwarding"))


def pushed_vrf(commands: tuple[str, ...]) -> str | None:
    """The VRF the last pushed ``[ip] vrf forwarding X`` names, if any."""
    found = None
    for command in commands:
        words = tuple(command.split())
        for prefix in VRF_COMMANDS:
            if words[:len(prefix)] == prefix and len(words) == len(prefix) + 1:
                found = words[-1]
    return found


def same_selectors(a: TunnelMode, b: TunnelMode) -> bool:
    """Whether two tunnel modes propose the same traffic selectors: GRE host-to-host or IPsec
    any-to-any, same transport and overlay. Point-to-point and multipoint GRE propose the same
    (a DMVPN spoke's or a GRE peer's SA lands on a hub's multipoint tunnel)."""
    return (a.encapsulation, a.transport, a.overlay) == (b.encapsulation, b.transport, b.overlay)


def static_tunnel_back(config: RouterConfig, peer: IpAddress, local: IpAddress,
                       mode: TunnelMode | None = None) -> Interface | None:
    """A static tunnel on this router whose destination is ``peer`` and source ``local``; with
    ``mode``, the first such tunnel proposing the same traffic selectors (two tunnels between the
    same addresses, one GRE and one IPsec, are told apart by them), an IKEv2 one before an IKEv1
    one, else the first one."""
    found = [intf for intf in tunnels_by_destination(config).get(peer, [])
             if _sourced_at(config, intf, local, peer.version)]
    fitting = [intf for intf in found if mode is None or same_selectors(intf.mode, mode)]
    # Of two tunnels between the same addresses, the IKEv2 one takes an IKEv2 SA.
    ikev2 = [intf for intf in fitting if intf.tunnel_protection is not None
             and ikev2_profile_name(config, intf) is not None]
    chosen = ikev2 or fitting or found
    return chosen[0] if chosen else None


def tunnels_by_destination(config: RouterConfig) -> dict[IpAddress, list[Interface]]:
    """A router's tunnels by their address destination, in configuration order (cached per
    config: a hub's is looked up for every spoke)."""
    cached = config.memo.get("tunnels-by-destination")
    if isinstance(cached, dict):
        return cached
    index: dict[IpAddress, list[Interface]] = {}
    for intf in config.tunnels:
        dest = parse_ip(intf.tunnel_destination)
        if dest is not None:
            index.setdefault(dest, []).append(intf)
    config.memo["tunnels-by-destination"] = index
    return index


def multipoint_tunnel(config: RouterConfig, local: IpAddress) -> Interface | None:
    """A protected multipoint GRE tunnel (DMVPN) speaking IKEv2 sourced at ``local``: it takes
    any peer's GRE SA (first in configuration order, as IOS's shared crypto socket on that
    source). An IKEv1 DMVPN tunnel on the same address does not take IKEv2 SAs."""
    for intf in config.tunnels:
        if (intf.mode.multipoint and intf.tunnel_protection is not None
                and ikev2_profile_name(config, intf) is not None
                and _sourced_at(config, intf, local, local.version)):
            return intf
    return None


def _sourced_at(config: RouterConfig, intf: Interface, local: IpAddress, family: int) -> bool:
    try:
        src, _ = tunnel_source(config, intf, family)
    except Fail:
        return False
    return src == local and not intf.shutdown


def _weak_sets(side: Side) -> bool:
    """Whether a 17.11+ router refuses one of the side's transform sets (FN72510)."""
    assert side.ipsec is not None
    return side.ep.refuses_weak and any(
        compliance.weak_transforms(tset.transforms) for name in side.ipsec.transform_sets
        if (tset := side.config.transform_sets.get(name)) is not None)


def _esp_list(side: Side, step: str) -> tuple[tuple[str, crypto.EspSuite], ...]:
    assert side.ipsec is not None
    names = side.ipsec.transform_sets or (crypto.DEFAULT_TRANSFORM_SET_NAME,)
    tables, weak = side.config.transform_sets, side.ep.refuses_weak
    default = side.ep.defaults.transform_set if side.ep.default_enabled("transform-set") else None
    # Computed once per transform-set table (``by_tables``: a fleet's routers share theirs);
    # what is kept of a failure is the missing set's name, the reason names the router.
    found = by_tables(("esp-list", names, id(tables), weak, default), (tables,),
                      lambda: _esp_suites(names, tables, weak, default))
    if isinstance(found, str):
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{side.name}: IPsec profile {side.ipsec.name} names transform set "
                    f"{found}, which does not exist")
    return found


def _esp_suites(names: tuple[str, ...], tables: Mapping[str, TransformSet], weak: bool,
                default: tuple[str, ...] | None) -> tuple[tuple[str, crypto.EspSuite], ...] | str:
    """The ESP suites of the named transform sets a router uses (``weak``: a 17.11+ router
    refuses the weak ones, FN72510; ``default``: the built-in set's transforms, None when
    disabled), or the name of the first one that does not exist."""
    out = []
    for name in names:
        tset = tables.get(name)
        if tset is not None:
            esp = tset.esp
        elif name == crypto.DEFAULT_TRANSFORM_SET_NAME and default is not None:
            esp = crypto.esp_suite(default)
        else:
            return name
        if esp is not None and not (weak and tset is not None
                                    and compliance.weak_transforms(tset.transforms)):
            out.append((name, esp))
    return tuple(out)


def crypto_map_profile(entry: CryptoMapEntry) -> IpsecProfile:
    """A crypto map entry seen as the IPsec profile it amounts to for the CHILD SA (its transform
    sets, IKEv2 profile and PFS group; none named: the default transform set)."""
    return IpsecProfile(f"crypto map {entry.name} {entry.sequence}", entry.transform_sets,
                        entry.ikev2_profile, entry.pfs_group)


def crypto_map_entry(config: RouterConfig, interface: Interface, peer: IpAddress
                     ) -> CryptoMapEntry | None:
    """The entry of the interface's crypto map that takes an SA from ``peer``: the first static
    entry naming it as a peer, else the first entry deferring to a dynamic map (its first entry
    naming the peer or no peer at all)."""
    entries = config.crypto_maps.get(interface.crypto_map or "", ())
    for entry in entries:
        if entry.dynamic_map is None and any(parse_ip(p) == peer for p in entry.peers):
            return entry
    for entry in entries:
        for dynamic in config.dynamic_maps.get(entry.dynamic_map or "", ()):
            if not dynamic.peers or any(parse_ip(p) == peer for p in dynamic.peers):
                return dynamic
    return None


def _receiving_interface(r: Side) -> Interface | None:
    found = owned_addresses(r.config).get(r.local)
    if found is None:
        inside = nat_inside(r.config, r.local.version)
        found = inside[0] if inside else None
    return found


def _template_carrier(i: Side, r: Side, template: int) -> Interface:
    step = "child-sa"
    vt = r.config.interface(f"Virtual-Template{template}")
    if vt is None or vt.template_type != "tunnel":
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{r.name}: IKEv2 profile {r.prof.name} names virtual-template {template}"
                    ", which is not an interface Virtual-Template type tunnel")
    if not r.prof.virtual_template_mode_auto and not same_selectors(vt.mode, i.mode):
        raise Fail(Status.TS_UNACCEPTABLE, step,
                    f"{i.name} proposes tunnel mode {i.mode.text}; {r.name} {vt.name} is "
                    f"{vt.mode.text} (no mode auto)")
    r.interface, r.virtual_template, r.mode = "Virtual-Access1", vt.name, i.mode
    # The clone takes the template's lines, then what AAA pushes (a pushed VRF wins).
    r.ivrf = pushed_vrf(r.pushed) or vt.vrf or r.prof.ivrf
    return vt


def _static_carrier(i: Side, r: Side) -> Interface | None:
    """A protected tunnel facing the initiator or a multipoint tunnel; None when neither (the
    receiving interface's crypto map may take the SA then)."""
    step = "child-sa"
    static = (static_tunnel_back(r.config, i.seen, r.local, i.mode)
              or multipoint_tunnel(r.config, r.local))
    if static is None or static.tunnel_protection is None:
        return static
    if not same_selectors(static.mode, i.mode):
        raise Fail(Status.TS_UNACCEPTABLE, step,
                    f"{i.name} proposes tunnel mode {i.mode.text}; {r.name} {static.name} is "
                    f"{static.mode.text}")
    r.interface, r.mode, r.ivrf = static.name, static.mode, static.vrf
    return static


def _responder_ipsec(i: Side, r: Side) -> IpsecProfile:
    """Where the SA lands on the responder, as the IPsec profile that protects it."""
    step = "child-sa"
    if r.prof.virtual_template is not None:
        carrier: Interface | None = _template_carrier(i, r, r.prof.virtual_template)
    else:
        carrier = _static_carrier(i, r)
        if carrier is None or carrier.tunnel_protection is None:
            receiving = _receiving_interface(r)
            entry = crypto_map_entry(r.config, receiving, i.seen) if receiving else None
            if receiving is not None and entry is not None:
                r.interface, r.mode, r.ivrf = receiving.name, i.mode, None
                return crypto_map_profile(entry)
    if carrier is None:
        raise Fail(Status.TS_UNACCEPTABLE, step,
                    f"{r.name}: IKEv2 profile {r.prof.name} has no virtual-template, no tunnel "
                    f"has destination {show_address(i.seen)}, no multipoint tunnel has source "
                    f"{show_address(r.local)} and no crypto map entry names it")
    if carrier.tunnel_protection is None:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{r.name}: {carrier.name} has no tunnel protection")
    ipsec = r.config.ipsec_profile(carrier.tunnel_protection)
    if ipsec is None:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{r.name}: {carrier.name} is protected by IPsec profile "
                    f"{carrier.tunnel_protection}, which does not exist")
    return ipsec


def child_sa(i: Side, r: Side, notes: list[Note]) -> None:
    step = "child-sa"
    r.ipsec = _responder_ipsec(i, r)
    if i.mode.mixed and not r.ipsec.mixed_mode:
        raise Fail(Status.TS_UNACCEPTABLE, step,
                    f"{i.name} proposes mixed mode {i.mode.text}; {r.name} IPsec profile "
                    f"{r.ipsec.name} has no set mixed-mode")
    chosen = crypto.choose_esp(_esp_list(i, step), _esp_list(r, step))
    if chosen is None:
        raise Fail(Status.NO_PROPOSAL_CHOSEN, step,
                    f"no IPsec transform set in common: {i.name} {i.ipsec.name if i.ipsec else ''}"
                    f" vs {r.name} {r.ipsec.name}{weak_note(i, _weak_sets(i))}"
                    f"{weak_note(r, _weak_sets(r))}")
    i.transform_set, r.transform_set = chosen
    assert i.ipsec is not None
    if i.ipsec.pfs_group != r.ipsec.pfs_group:
        notes.append(Note("pfs-mismatch",
                          f"PFS differs ({i.name}: {i.ipsec.pfs_group or 'none'}, {r.name}: "
                          f"{r.ipsec.pfs_group or 'none'}): the first rekey will fail"))
