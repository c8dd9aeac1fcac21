"""The steps of one IKEv2 exchange in IOS's order, each on a mutable ``Side`` per end: initiator
config (a tunnel, or a crypto map entry), reachability and profile matching. A failing step
raises ``Fail`` with its status. A part of ``flexorch.ios.negotiate`` (IKE_SA_INIT is in
``proposals``, authentication in ``auth``, the CHILD SA in ``child``; ``exchange.negotiate``
runs them).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

from flexorch.ios.facts import crypto, interface_canonical
from flexorch.ios.model import (
    CryptoMapEntry,
    Identity,
    Interface,
    IpAddress,
    IpsecProfile,
    Profile,
    RouterConfig,
    TunnelMode,
)
from flexorch.ios.negotiate.match import (
    certificate_subject,
    identity_score,
    identity_show,
    local_identity,
    local_matches,
    match_responder_profile,
)
from flexorch.ios.negotiate.types import (
    CERT_METHODS,
    LEARNED,
    LEARNED6,
    Endpoint,
    Fail,
    Status,
    owned_addresses,
    parse_ip,
    show_address,
    vrf_show,
)


def tunnel_source(config: RouterConfig, tunnel: Interface, family: int) -> tuple[IpAddress,
Interface]:
    """The tunnel's local address and the interface holding it."""
    src = tunnel.tunnel_source
    if src is None:
        raise Fail(Status.CONFIG_INCOMPLETE, "initiator-config",
                    f"{tunnel.name} has no tunnel source")
    addr = parse_ip(src)
    if addr is not None:
        owner = owned_addresses(config).get(addr)
        if owner is None:
            raise Fail(Status.CONFIG_INCOMPLETE, "initiator-config",
                        f"{tunnel.name} tunnel source {src} is not an address of this router")
        return addr, owner
    intf = config.interface(src)
    if intf is None:
        raise Fail(Status.CONFIG_INCOMPLETE, "initiator-config",
                   _missing_source(config, tunnel.name, src))
    addresses = intf.addresses(family)
    if not addresses and intf.learns(family):
        # ``ip address dhcp|negotiated`` / ``ipv6 address autoconfig|dhcp``: learned at run time
        return (LEARNED if family == 4 else LEARNED6), intf
    if not addresses:
        raise Fail(Status.CONFIG_INCOMPLETE, "initiator-config",
                    f"{tunnel.name} tunnel source {src} has no IPv{family} address")
    return addresses[0], intf


def _missing_source(config: RouterConfig, tunnel: str, src: str) -> str:
    """Why a tunnel source interface has no section: ``show running-config`` lists every
    interface of a router (each physical port, each configured loopback), so a name missing
    among other interfaces of its kind is wrong; a config with no interface of that kind at all
    is an excerpt (an operator's paste), where the source's address cannot be told."""
    if _kind(src) in {_kind(name) for name in config.interfaces}:
        return f"{tunnel} tunnel source {src} does not exist"
    return (f"{tunnel} tunnel source {src}: this config has no interface of that kind (a partial "
            "config?), so the source address cannot be told")


def _kind(name: str) -> str:
    """An interface name's type, its letters (``GigabitEthernet`` of ``Gi0/0/1``)."""
    with contextlib.suppress(ValueError):  # not an IOS interface name: its letters as typed
        name = interface_canonical(name)
    return re.sub(r"[^A-Za-z-].*$", "", name).lower()


def ikev2_profile_name(config: RouterConfig, tunnel: Interface) -> str | None:
    """The IKEv2 profile a protected tunnel initiates with; None when it speaks IKEv1.

    ``tunnel protection ... ikev2-profile X``, else the IPsec profile's ``set ikev2-profile X``,
    else the IKEv2 profile named ``default`` when one is configured (Cisco's FlexVPN and IKEv2
    configuration guide, "IKEv2 Smart Defaults": with ``crypto ikev2 profile default`` defined,
    ``tunnel protection ipsec profile default`` is all a tunnel needs). Without any of them IOS
    negotiates IKEv1 (classic DMVPN: an IPsec profile with only a transform set, next to
    ``crypto isakmp`` policies, tests/fixtures/real/gh-atrubin-otus-ikev2-cryptomap R15
    Tunnel100).
    """
    ipsec = config.ipsec_profile(tunnel.tunnel_protection or "")
    named = tunnel.tunnel_protection_ikev2_profile or (ipsec.ikev2_profile if ipsec else None)
    if named is not None and (ipsec is None or ipsec.name != crypto.DEFAULT_IPSEC_PROFILE_NAME
                              or named != crypto.DEFAULT_IKEV2_PROFILE_NAME):
        return named
    return (crypto.DEFAULT_IKEV2_PROFILE_NAME
            if crypto.DEFAULT_IKEV2_PROFILE_NAME in config.profiles else None)


# --- the exchange -------------------------------------------------------------------------------
@dataclass
class Side:
    """One end while the exchange runs (mutable: steps fill it in)."""

    ep: Endpoint
    local: IpAddress  # its own address (private when behind NAT)
    seen: IpAddress  # the address its peer talks to
    fvrf: str | None
    interface: str
    mode: TunnelMode
    ivrf: str | None = None
    profile: Profile | None = None
    ipsec: IpsecProfile | None = None
    identity: Identity | None = None
    virtual_template: str | None = None
    transform_set: str = ""
    # Interface commands AAA authorization pushes onto the Virtual-Access a responder clones
    # (``aaa attribute list`` ``interface-config`` entries of a local authorization policy).
    pushed: tuple[str, ...] = ()
    is_initiator: bool = False
    # ``ep.config`` and ``ep.name`` (``ep`` is never replaced), read about 60 times per
    # exchange: plain attributes, not properties (whose reads cost 2.5-4 us of a 67 us exchange
    # at 10,000 spokes).
    config: RouterConfig = field(init=False, repr=False, compare=False)
    name: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.config, self.name = self.ep.config, self.ep.name

    @property
    def prof(self) -> Profile:
        assert self.profile is not None
        return self.profile


def _check_profile_complete(config: RouterConfig, profile: Profile, who: str, step: str) -> None:
    missing = [what for what, ok in (("authentication local", profile.auth_local),
                                     ("authentication remote", profile.auth_remote),
                                     ("match identity/certificate", profile.has_match)) if not ok]
    if missing:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{who}: IKEv2 profile {profile.name} has no {' and no '.join(missing)}")
    if profile.keyring_local is not None and profile.keyring_local not in config.keyrings:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{who}: IKEv2 profile {profile.name} names keyring {profile.keyring_local}, "
                    "which does not exist")
    dangling = [t for t in profile.pki_trustpoints if t not in config.pki.trustpoints]
    if dangling:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{who}: IKEv2 profile {profile.name} names trustpoint {dangling[0]}, "
                    "which does not exist")


def _carrier(ep: Endpoint, tunnel_name: str, destination: str | None) -> Interface:
    """The initiating tunnel, up and in a FlexVPN mode. A multipoint GRE tunnel (DMVPN) or a
    virtual-template (FlexVPN spoke-to-spoke shortcut) initiates only towards an address NHRP
    gives it (``destination``)."""
    step = "initiator-config"
    tunnel = ep.config.interface(tunnel_name)
    if tunnel is None or not (tunnel.is_tunnel or (
            destination is not None and tunnel.template_type == "tunnel")):
        raise Fail(Status.CONFIG_INCOMPLETE, step, f"{ep.name}: no tunnel interface {tunnel_name}")
    name = tunnel.name
    if tunnel.shutdown:
        raise Fail(Status.NOT_INITIATED, step, f"{ep.name}: {name} is shut down")
    if tunnel.tunnel_mode is None and tunnel.tunnel_mode_text:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} tunnel mode {tunnel.tunnel_mode_text} is not a FlexVPN "
                    "mode")
    if tunnel.mode.multipoint and destination is None:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} is gre multipoint with no NHRP server or mapping to "
                    "initiate to")
    for vrf in (tunnel.tunnel_vrf, tunnel.vrf):
        if vrf is not None and vrf not in ep.config.vrfs:
            raise Fail(Status.CONFIG_INCOMPLETE, step, f"{ep.name}: {name} uses vrf {vrf}, "
                        "which is not defined")
    return tunnel


def _protection(ep: Endpoint, tunnel: Interface) -> tuple[IpsecProfile, Profile]:
    """The tunnel's IPsec profile and the IKEv2 profile it initiates with."""
    step, config, name = "initiator-config", ep.config, tunnel.name
    if tunnel.tunnel_protection is None:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} has no tunnel protection, so IKEv2 never starts")
    ipsec = config.ipsec_profile(tunnel.tunnel_protection)
    if ipsec is None:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} is protected by IPsec profile {tunnel.tunnel_protection}, "
                    "which does not exist")
    if ipsec.responder_only:
        raise Fail(Status.NOT_INITIATED, step,
                    f"{ep.name}: IPsec profile {ipsec.name} is responder-only")
    profile_name = ikev2_profile_name(config, tunnel)
    if profile_name is None:
        raise Fail(Status.NOT_INITIATED, step,
                    f"{ep.name}: {name} is protected by IPsec profile {ipsec.name}, which names "
                    "no IKEv2 profile, and there is no IKEv2 profile default: IOS uses IKEv1")
    profile = config.profiles.get(profile_name)
    if profile is None:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: IPsec profile {ipsec.name} uses IKEv2 profile {profile_name}, "
                    "which does not exist")
    _check_profile_complete(config, profile, ep.name, step)
    return ipsec, profile


def _destination(ep: Endpoint, tunnel: Interface, destination: str | None) -> IpAddress:
    step, name, mode = "initiator-config", tunnel.name, tunnel.mode
    dest_text = destination or tunnel.tunnel_destination
    if dest_text is None or dest_text == "dynamic":
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} has no tunnel destination" if dest_text is None else
                    f"{ep.name}: {name} has tunnel destination dynamic and no FlexVPN client peer")
    dest = parse_ip(dest_text)
    if dest is None:
        raise Fail(Status.NO_RESPONDER, "reachability",
                    f"{ep.name}: {name} destination {dest_text} is a name; the model resolves "
                    "addresses only")
    if dest.version != mode.transport:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} tunnel mode {mode.text} needs an IPv{mode.transport} "
                    f"destination, {dest_text} is IPv{dest.version}")
    return dest


def initiator_side(ep: Endpoint, tunnel_name: str, destination: str | None
                   ) -> tuple[Side, IpAddress]:
    """The initiator of a tunnel's SA, checked in IOS's order: the tunnel, its protection and
    IKEv2 profile, its destination, its source."""
    tunnel = _carrier(ep, tunnel_name, destination)
    ipsec, profile = _protection(ep, tunnel)
    dest = _destination(ep, tunnel, destination)
    local, source = tunnel_source(ep.config, tunnel, tunnel.mode.transport)
    name = tunnel.name
    if source.shutdown:
        raise Fail(Status.NO_RESPONDER, "reachability",
                    f"{ep.name}: {name} source {source.name} is shut down")
    if source.vrf != tunnel.tunnel_vrf:
        raise Fail(Status.NO_RESPONDER, "reachability",
                    f"{ep.name}: {name} source {source.name} is in vrf {vrf_show(source.vrf)} "
                    f"but tunnel vrf is {vrf_show(tunnel.tunnel_vrf)}")
    seen = local
    if ep.behind_nat and ep.nat_public_address:
        seen = parse_ip(ep.nat_public_address) or local
    side = Side(ep, local, seen, tunnel.tunnel_vrf, name, tunnel.mode, tunnel.vrf, profile, ipsec,
                is_initiator=True)
    return side, dest


def crypto_map_side(ep: Endpoint, interface: str, entry: CryptoMapEntry, destination: str
                    ) -> tuple[Side, IpAddress]:
    """The initiator of a crypto-map SA: ``interface`` carries ``crypto map`` whose ``entry``
    names ``destination`` as a peer. The SA is sourced from the interface's address in its VRF;
    its selectors come from the entry's ACL (not compared: modelled as IPsec any-to-any)."""
    step = "initiator-config"
    config = ep.config
    intf = config.interface(interface)
    label = f"crypto map {entry.name} {entry.sequence}"
    if intf is None or intf.shutdown:
        raise Fail(Status.NOT_INITIATED, step, f"{ep.name}: {interface} with {label} is down")
    if entry.ikev2_profile is None:
        raise Fail(Status.NOT_INITIATED, step,
                    f"{ep.name}: {label} names no IKEv2 profile: IOS uses IKEv1")
    profile = config.profiles.get(entry.ikev2_profile)
    if profile is None:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {label} names IKEv2 profile {entry.ikev2_profile}, which does "
                    "not exist")
    _check_profile_complete(config, profile, ep.name, step)
    dest = parse_ip(destination)
    if dest is None:
        raise Fail(Status.NO_RESPONDER, "reachability",
                    f"{ep.name}: {label} peer {destination} is a name; the model resolves "
                    "addresses only")
    addresses = intf.addresses(dest.version)
    if not addresses:
        raise Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {interface} has no IPv{dest.version} address for {label}")
    ipsec = IpsecProfile(label, entry.transform_sets, entry.ikev2_profile, entry.pfs_group)
    seen = addresses[0]
    if ep.behind_nat and ep.nat_public_address:
        seen = parse_ip(ep.nat_public_address) or seen
    mode = TunnelMode("ipsec", dest.version, dest.version)
    side = Side(ep, addresses[0], seen, intf.vrf, intf.name, mode, None, profile, ipsec,
                is_initiator=True)
    return side, dest


def nat_inside(config: RouterConfig, family: int) -> tuple[Interface, IpAddress] | None:
    """Where a statically NATed responder receives: its first up, addressed physical interface."""
    for intf in config.interfaces.values():
        if intf.shutdown or intf.kind in ("Loopback", "Tunnel", "Virtual-Template"):
            continue
        addresses = intf.addresses(family)
        if addresses:
            return intf, addresses[0]
    return None


def reach(i: Side, responder: Endpoint | None, dest: IpAddress) -> Side:
    step = "reachability"
    if responder is None:
        raise Fail(Status.NO_RESPONDER, step, f"no router owns {show_address(dest)}")
    if not responder.reachable:
        raise Fail(Status.NO_RESPONDER, step, f"{responder.name} is unreachable")
    config = responder.config
    intf = owned_addresses(config).get(dest)
    local = dest
    if intf is None and parse_ip(responder.nat_public_address) == dest:
        inside = nat_inside(config, dest.version)
        if inside is not None:
            intf, local = inside
    if intf is None:
        raise Fail(Status.NO_RESPONDER, step,
                    f"{show_address(dest)} is not an address of {responder.name}")
    if intf.shutdown:
        raise Fail(Status.NO_RESPONDER, step, f"{responder.name}: {intf.name} is shut down")
    return Side(responder, local, dest, intf.vrf, "", i.mode)


def _is_cert(profile: Profile) -> bool:
    return profile.auth_local[0].method in CERT_METHODS


def _subject(side: Side, profile: Profile) -> str | None:
    """The subject of the certificate a side signs with, None when it does not (PSK, EAP)."""
    return certificate_subject(side.config, profile) if _is_cert(profile) else None


def match_profiles(i: Side, r: Side) -> None:
    step = "profile"
    i.identity = local_identity(i.config, i.prof, i.local)
    i_subject = _subject(i, i.prof)
    profile = match_responder_profile(r.config, r.fvrf, r.local, i.identity,
                                      i_subject is not None, i_subject)
    if profile is None:
        cert = f", certificate {i_subject}" if i_subject is not None else ""
        raise Fail(Status.PROFILE_MISMATCH, step,
                    f"{r.name}: no IKEv2 profile matches {i.name} (identity {i.identity.kind} "
                    f"{identity_show(i.identity)}{cert}, fvrf {vrf_show(r.fvrf)}, local "
                    f"{show_address(r.local)})")
    _check_profile_complete(r.config, profile, r.name, step)
    r.profile = profile
    r.identity = local_identity(r.config, profile, r.local)
    if not local_matches(i.config, i.prof, i.fvrf, i.local):
        hint = (f"add 'match fvrf {i.fvrf}' (or 'match fvrf any')" if i.fvrf is not None
                and not i.prof.match_fvrf else "check its match fvrf / match address local")
        raise Fail(Status.PROFILE_MISMATCH, step,
                    f"{i.name}: IKEv2 profile {i.prof.name} does not match its tunnel's fvrf "
                    f"{vrf_show(i.fvrf)} / local address {show_address(i.local)}: {hint}")
    r_subject = _subject(r, profile)
    if not identity_score(i.config, i.prof, r.identity, r_subject is not None, r_subject):
        raise Fail(Status.PROFILE_MISMATCH, step,
                    f"{i.name}: IKEv2 profile {i.prof.name} does not match {r.name}'s identity "
                    f"{r.identity.kind} {identity_show(r.identity)}")
