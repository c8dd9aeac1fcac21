"""Topology sugar: what a spoke or client takes from its hubs, and a hub from its spokes.

Typed once, derived for both ends (never typed twice):
- a tunnel with ``peer: HUB`` gets ``destination`` = the hub's WAN address of the tunnel's
  transport family, or its public address when the hub is behind NAT (also for the spoke's
  keyring peer and a client's peers) (``peer: NAME`` of one of the host's ``external_peers``:
  that peer's address);
- the ``flexvpn.profile`` gets ``identity local`` = the host's IKE identity and, on a spoke/client
  whose profile has no match statement, ``match identity remote`` = each hub's identity; on a hub
  with no match statement, each spoke's identity;
- with ``psk`` on a spoke/client, both keyrings get the entry both ends must agree on: the
  spoke's keyring a peer per hub (hub address + identity), the hub's keyring a peer per spoke
  (spoke identity, else address), both with the spoke's key; the profile gets ``keyring local``;
- a client's ``crypto ikev2 client flexvpn`` with no peers gets one peer per hub, in hub order.
Anything given explicitly is kept as it is.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple, TypeVar

from flexorch.errors import InventoryError
from flexorch.intent.host import HostIntent
from flexorch.intent.ikev2 import (
    Identity,
    Keyring,
    KeyringPeer,
    Profile,
    ProfileKeyring,
    RemoteIdentity,
)
from flexorch.intent.ikev2_aux import Client, ClientPeer
from flexorch.intent.interfaces import TRANSPORT_V6_MODES, PhysicalInterface, Tunnel
from flexorch.intent.loader import Source, located_error
from flexorch.intent.shared import build, copy_with
from flexorch.intent.types import ip_text
from flexorch.secrets import SecretRef

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
T = TypeVar("T")
_PSK = ("data", "psk")  # where a spoke's key is written: the origin of every derived copy
_NO_KEYRING = Keyring()


class _Ctx:
    def __init__(
        self,
        hosts: dict[str, HostIntent],
        origins: dict[str, Mapping[str, Source]],
        fallback: dict[str, Source],
    ) -> None:
        self.hosts = hosts
        self.origins = origins
        # (host, intent path) of a derived secret -> (host, intent path) where it is written
        self.provenance: dict[tuple[str, IntentPath], tuple[str, IntentPath]] = {}
        self.fallback = fallback
        # One object per host (or per equal value) for what every spoke of a hub repeats: the
        # hub's identity in 10,000 spokes' profiles and keyrings is one RemoteIdentity.
        self._identities: dict[str, Identity | None] = {}
        self._remotes: dict[tuple[str, int], RemoteIdentity | None] = {}
        self._shared: dict[tuple[Any, ...], Any] = {}
        self._dials: dict[tuple[str, int], Address | None] = {}

    def identity(self, host: HostIntent) -> Identity | None:
        """``host.ike_identity()``, one object per host."""
        if host.name not in self._identities:
            self._identities[host.name] = host.ike_identity()
        return self._identities[host.name]

    def remote(self, peer: HostIntent, version: int) -> RemoteIdentity | None:
        """``remote_identity_of(peer, version)``, one object per peer and equal value (a hub's
        fqdn is the same over IPv4 and IPv6). Not looked up by value across peers: hashing
        every spoke's identity, each its own, cost 3 us a spoke for nothing."""
        key = (peer.name, version)
        if key not in self._remotes:
            remote = remote_identity_of(peer, version, self.identity(peer))
            # the other IP version's, when equal, is shared
            other = self._remotes.get((peer.name, 6 if version == 4 else 4))
            self._remotes[key] = other if other is not None and other == remote else remote
        return self._remotes[key]

    def dial(self, host: str, version: int) -> Address | None:
        """``_dial_address`` of host ``host`` (of ``hosts``), one object per host and IP version:
        every spoke of a hub dials the same address (``IPv4Interface.ip`` is a new object each
        time)."""
        key = (host, version)
        if key not in self._dials:
            self._dials[key] = _dial_address(self.hosts[host], version)
        return self._dials[key]

    def shared(self, key: tuple[Any, ...], make: Callable[..., T], *args: Any,
               **kwargs: Any) -> T:
        """``make(*args, **kwargs)``, made once per ``key`` (objects a key names by ``id`` must
        live as long as ``ctx``)."""
        if key not in self._shared:
            self._shared[key] = make(*args, **kwargs)
        value: T = self._shared[key]
        return value

    def error(self, host: str, key: str, rest: list[str | int], message: str) -> InventoryError:
        source = self.origins[host].get(key, self.fallback[host])
        keys: list[str | int] = ["data", key, *rest]
        path = "data." + key + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in rest)
        return located_error(source, message, keys, host=host, path=path)


def hub_address(hub: HostIntent, version: int) -> Address | None:
    """The address of ``hub``'s WAN interface that peers dial over IP ``version``."""
    v4, v6 = hub.wan_addresses()
    if version == 4:
        return v4
    return v6[0] if v6 else None


def remote_identity_of(peer: HostIntent, version: int,
                       identity: Identity | None = None) -> RemoteIdentity | None:
    """How the other end recognises ``peer``: its IKE identity (``identity`` when given, else
    ``peer.ike_identity()``), else its (public) address."""
    identity = identity or peer.ike_identity()
    if identity is not None and identity.type != "dn":
        # a validated identity's type and value are valid for a remote identity as they are
        return build(RemoteIdentity, type=identity.type, value=identity.value)
    if identity is not None:  # dn: matched by certificate map, not by identity
        return None
    address = _dial_address(peer, version)
    return RemoteIdentity(type="address", value=ip_text(address)) if address else None


def _dial_address(peer: HostIntent, version: int) -> Address | None:
    """The address the other end sees and dials: behind a static NAT, the public one (Cisco,
    "Configuring NAT for IP Address Conservation": the outside reaches an inside host only by its
    inside global address); else the WAN address."""
    if version == 4 and peer.nat.behind and peer.nat.public_address is not None:
        return peer.nat.public_address
    return hub_address(peer, version)


def _undialable(hub: HostIntent, name: str, version: int) -> str:
    """Why peers cannot dial ``hub`` over IP ``version``."""
    found = hub.wan_interface()
    if found is not None and found[1].learns(version):
        how, keys = _learned(found[1], version)
        fixed = "a fixed ipv4 or nat.public_address" if version == 4 else "a fixed ipv6 address"
        return (f"hub '{name}' learns its WAN address by {how} ({found[0]} {keys}): its peers "
                f"cannot dial it; give it {fixed}")
    return f"hub '{name}' has no IPv{version} address on its WAN interface"


def _learned(itf: PhysicalInterface, version: int) -> tuple[str, str]:
    """How ``itf`` learns its address of IP ``version`` (``PhysicalInterface.learns``), and the
    inventory keys that say so: ("DHCPv6/SLAAC", "ipv6_dhcp/ipv6_autoconfig")."""
    ways = ((("DHCP", "ip_dhcp", itf.ip_dhcp),) if version == 4 else
            (("DHCPv6", "ipv6_dhcp", itf.ipv6_dhcp), ("SLAAC", "ipv6_autoconfig",
                                                      itf.ipv6_autoconfig)))
    return ("/".join(how for how, _, on in ways if on),
            "/".join(key for _, key, on in ways if on))


def _unrecognisable(spoke: HostIntent, version: int) -> str:
    """Why a hub cannot recognise ``spoke`` (no identity, and no address it could know)."""
    found = spoke.wan_interface()
    if found is not None and found[1].learns(version):
        how, keys = _learned(found[1], version)
        return (f"no identity, and the WAN address is learned by {how} ({found[0]} {keys}): the "
                "hub cannot recognise this spoke; set identity or flexvpn.identity_domain")
    return "no identity and no WAN address: the hub cannot recognise this spoke"


def _family_towards(spoke: HostIntent, hub: str) -> int:
    for tunnel in spoke.tunnels.values():
        if tunnel.peer == hub:
            return 6 if tunnel.mode in TRANSPORT_V6_MODES else 4
    return 4


def _did_you_mean(word: str, choices: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _closest_hub(ctx: _Ctx, name: str, site: str) -> str:
    """``did you mean 'hub1'?`` among the hubs of ``site`` (else any host), or where to look."""
    import difflib

    hubs = [h.name for h in ctx.hosts.values() if h.role == "hub" and h.site == site]
    close = difflib.get_close_matches(name, hubs or list(ctx.hosts), n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"hubs of site {site}: {', '.join(hubs)}" if hubs else "not in the inventory"


def check_hubs(ctx: _Ctx) -> None:
    """Every spoke/client names existing hubs of its own site."""
    for host in ctx.hosts.values():
        for index, hub in enumerate(host.hubs):
            if hub == host.name:
                raise ctx.error(host.name, "hubs", [index], "a router cannot be its own hub")
            if hub in host.hubs[:index]:
                raise ctx.error(host.name, "hubs", [index], f"hub '{hub}' is listed twice")
            target = ctx.hosts.get(hub)
            if target is None:
                raise ctx.error(host.name, "hubs", [index], f"unknown hub '{hub}' ("
                                + _closest_hub(ctx, hub, host.site) + ")")
            if target.role != "hub":
                raise ctx.error(
                    host.name, "hubs", [index], f"'{hub}' is a {target.role}, not a hub"
                )
            if target.site != host.site:
                raise ctx.error(
                    host.name,
                    "hubs",
                    [index],
                    f"hub '{hub}' is in site {target.site}, not {host.site}",
                )
        for tname, tunnel in host.tunnels.items():
            if (tunnel.peer is not None and tunnel.peer not in host.hubs
                    and tunnel.peer not in host.external_peers):
                raise ctx.error(
                    host.name,
                    "tunnels",
                    [tname, "peer"],
                    f"'{tunnel.peer}' is neither one of this host's hubs "
                    f"({', '.join(host.hubs) or 'none'}) nor one of its external_peers"
                    + _did_you_mean(tunnel.peer, [*host.hubs, *host.external_peers]),
                )


def _external_tunnels(ctx: _Ctx, host: HostIntent) -> HostIntent:
    """A tunnel with ``peer: NAME`` of one of the host's ``external_peers`` gets that peer's
    address as destination (of the tunnel's transport family)."""
    if not host.external_peers:
        return host
    tunnels = dict(host.tunnels)
    for tname, tunnel in host.tunnels.items():
        peer = host.external_peers.get(tunnel.peer or "")
        if peer is None or tunnel.destination is not None or tunnel.peer in host.hubs:
            continue
        version = 6 if tunnel.mode in TRANSPORT_V6_MODES else 4
        if peer.address.version != version:
            raise ctx.error(
                host.name,
                "tunnels",
                [tname, "peer"],
                f"external peer '{tunnel.peer}' has an IPv{peer.address.version} address but "
                f"the tunnel's transport is IPv{version} (mode {tunnel.mode or 'gre ip'})",
            )
        tunnels[tname] = copy_with(tunnel, destination=peer.address)
    return copy_with(host, tunnels=tunnels) if tunnels != host.tunnels else host


def _profile(ctx: _Ctx, host: HostIntent) -> Profile | None:
    name = host.flexvpn.profile
    if name is None:
        return None
    if name not in host.ikev2_profiles:
        raise ctx.error(
            host.name, "flexvpn", ["profile"], f"profile '{name}' is not in ikev2_profiles"
        )
    return host.ikev2_profiles[name]


def _derive_profile(ctx: _Ctx, host: HostIntent, profile: Profile, remote: list[RemoteIdentity],
                    keyring: str | None) -> Profile:
    update: dict[str, Any] = {}
    if profile.identity_local is None and (own := ctx.identity(host)) is not None:
        update["identity_local"] = own
    match = profile.match
    if remote and not (match.identity_remote or match.certificate):
        # spokes of the same hubs share one match (``remote`` is one object per hub, ``match``
        # lives in the hosts as long as ``ctx``)
        update["match"] = ctx.shared(("match", id(match), *map(id, remote)), copy_with, match,
                                     identity_remote=remote)
    if profile.keyring is None and keyring is not None:
        update["keyring"] = ctx.shared(("keyring", keyring), build, ProfileKeyring, local=keyring)
    return copy_with(profile, **update) if update else profile


def _spoke_tunnels(ctx: _Ctx, host: HostIntent) -> dict[str, Tunnel]:
    tunnels = dict(host.tunnels)
    for tname, tunnel in tunnels.items():
        if tunnel.peer in host.hubs and tunnel.destination is None:
            version = 6 if tunnel.mode in TRANSPORT_V6_MODES else 4
            address = ctx.dial(tunnel.peer, version)
            if address is None:
                raise ctx.error(
                    host.name,
                    "tunnels",
                    [tname, "peer"],
                    _undialable(ctx.hosts[tunnel.peer], tunnel.peer, version),
                )
            tunnels[tname] = copy_with(tunnel, destination=address)
    return tunnels


def _spoke_keyring(ctx: _Ctx, host: HostIntent, psk: SecretRef) -> dict[str, Keyring]:
    name = host.flexvpn.keyring
    if name is None:
        raise ctx.error(
            host.name, "psk", [], "psk needs flexvpn.keyring (the keyring that holds it)"
        )
    keyring = host.ikev2_keyrings.get(name, _NO_KEYRING)
    peers = dict(keyring.peers)
    for index, hub_name in enumerate(host.hubs):
        hub = ctx.hosts[hub_name]
        version = _family_towards(host, hub_name)
        address = ctx.dial(hub_name, version)
        if address is None:
            raise ctx.error(
                host.name,
                "hubs",
                [index],
                _undialable(hub, hub_name, version),
            )
        identity = ctx.remote(hub, version)
        named = ctx.shared(("named", id(identity)), _named, identity)
        if hub_name not in peers:
            peers[hub_name] = build(KeyringPeer, address=address, identities=named,
                                    pre_shared_key=psk)
            where = ("data", "ikev2_keyrings", name, "peers", hub_name, "pre_shared_key")
            ctx.provenance[(host.name, where)] = (host.name, _PSK)
    return {**host.ikev2_keyrings, name: copy_with(keyring, peers=peers)}


def _named(identity: RemoteIdentity | None) -> list[RemoteIdentity]:
    """A spoke's keyring peer identities for a hub: its identity unless it is an address."""
    return [identity] if identity is not None and identity.type != "address" else []


def _client_peers(ctx: _Ctx, host: HostIntent, client_name: str) -> dict[str, Client]:
    if client_name not in host.ikev2_clients:
        raise ctx.error(
            host.name, "flexvpn", ["client"], f"client '{client_name}' is not in ikev2_clients"
        )
    client = host.ikev2_clients[client_name]
    if client.peers:
        return host.ikev2_clients
    peers = []
    for index, hub_name in enumerate(host.hubs):
        hub = ctx.hosts[hub_name]
        address = ctx.dial(hub_name, 4) or ctx.dial(hub_name, 6)
        if address is None:
            wan = hub.wan_interface()
            learned = 6 if wan is not None and wan[1].learns(6) and not wan[1].learns(4) else 4
            raise ctx.error(host.name, "hubs", [index], _undialable(
                hub, hub_name, learned).replace(" IPv4 address", " address"))
        peers.append(ClientPeer(seq=index + 1, address=address))
    return {**host.ikev2_clients, client_name: copy_with(client, peers=peers)}


def _derive_spoke(ctx: _Ctx, host: HostIntent) -> HostIntent:
    update: dict[str, Any] = {"tunnels": _spoke_tunnels(ctx, host)}
    profile = _profile(ctx, host)
    if profile is not None and host.flexvpn.profile is not None:
        hubs = [ctx.hosts[name] for name in host.hubs]
        remote = [i for hub in hubs if (i := ctx.remote(hub, _family_towards(host, hub.name)))]
        keyring_name = host.flexvpn.keyring if host.psk is not None else None
        update["ikev2_profiles"] = {
            **host.ikev2_profiles,
            host.flexvpn.profile: _derive_profile(ctx, host, profile, remote, keyring_name),
        }
    if host.psk is not None:
        update["ikev2_keyrings"] = _spoke_keyring(ctx, host, host.psk)
    if host.flexvpn.client is not None:
        update["ikev2_clients"] = _client_peers(ctx, host, host.flexvpn.client)
    return copy_with(host, **update)


class HubSide(NamedTuple):
    """What a hub takes from one of its spokes with a ``psk`` (``_hub_side``): how it
    recognises the spoke (its profile's match), and its keyring peer for the spoke (None: the
    hub cannot recognise it)."""

    remote: RemoteIdentity | None
    peer: KeyringPeer | None


def _hub_side(ctx: _Ctx, spoke: HostIntent, hub: str) -> HubSide:
    """The ``HubSide`` of ``spoke`` (with a ``psk``) for hub ``hub``."""
    version = _family_towards(spoke, hub)
    identity = ctx.remote(spoke, version)
    if identity is not None and identity.type != "address":
        return HubSide(identity, build(KeyringPeer, identities=[identity],
                                       pre_shared_key=spoke.psk))
    address = _dial_address(spoke, version)
    return HubSide(identity, None if address is None else build(
        KeyringPeer, address=address, pre_shared_key=spoke.psk))


def _derive_hub(ctx: _Ctx, host: HostIntent, spokes: list[HostIntent],
                early: Mapping[str, Early]) -> HostIntent:
    update: dict[str, Any] = {}
    profile = _profile(ctx, host)
    keyed = [s for s in spokes if s.psk is not None]
    sides = [early[s.name].sides[s.hubs.index(host.name)] if s.name in early
             else _hub_side(ctx, s, host.name) for s in keyed]
    if profile is not None:
        remote = [side.remote for side in sides if side.remote]
        keyring_name = host.flexvpn.keyring if keyed else None
        update["ikev2_profiles"] = {
            **host.ikev2_profiles,
            host.flexvpn.profile: _derive_profile(ctx, host, profile, remote, keyring_name),
        }
    if keyed:
        name = host.flexvpn.keyring
        if name is None:
            raise ctx.error(
                host.name,
                "flexvpn",
                [],
                "spokes of this hub have a psk: set flexvpn.keyring on the hub",
            )
        keyring = host.ikev2_keyrings.get(name, _NO_KEYRING)
        peers = dict(keyring.peers)
        for spoke, side in zip(keyed, sides, strict=True):
            if side.peer is None:
                raise ctx.error(spoke.name, "flexvpn", [],
                                _unrecognisable(spoke, _family_towards(spoke, host.name)))
            if spoke.name not in peers:
                peers[spoke.name] = side.peer
                where = ("data", "ikev2_keyrings", name, "peers", spoke.name, "pre_shared_key")
                ctx.provenance[(host.name, where)] = (spoke.name, _PSK)
        update["ikev2_keyrings"] = {**host.ikev2_keyrings, name: copy_with(keyring, peers=peers)}
    return copy_with(host, **update) if update else host


IntentPath = tuple[str | int, ...]


class Derived(NamedTuple):
    """Hosts with derived lines filled in, and where each derived secret was written."""

    hosts: dict[str, HostIntent]
    provenance: dict[tuple[str, IntentPath], tuple[str, IntentPath]]


class Early(NamedTuple):
    """A spoke or client derived before the rest of the fleet was validated (``EarlyDerive``):
    the derived host, the intent paths of its derived secrets (its ``psk`` copied into its
    keyring's peer of each hub) and, with a ``psk``, its ``HubSide`` for each of its hubs (in
    the order of its ``hubs``)."""

    host: HostIntent
    secrets: tuple[IntentPath, ...]
    sides: tuple[HubSide, ...]


class EarlyDerive:
    """Spokes and clients derived as soon as they are validated, while worker processes still
    validate the rest (``load_fleet``; ``add`` takes each run of validated hosts), so that this
    process's derivation overlaps the workers' validation. ``derive`` then takes them (``done``)
    as they are and is left the hubs' own lines. A spoke reads nothing of the fleet but its
    hubs, validated here (``hub``: their name -> the validated host, None when it does not
    validate) when first named.

    Whatever goes wrong (a hub that does not validate, any error) leaves the spoke to
    ``derive``, which derives it in its turn and raises its error there, after every
    validation problem and every error of a host before it, as it always has: a spoke derived
    here is one ``derive`` derives to the same host without an error."""

    def __init__(self, hub: Callable[[str], HostIntent | None]) -> None:
        self._hub = hub
        # origins and sources are not known yet: an error here is never shown (derive's is)
        self.ctx = _Ctx({}, {}, {})
        self.done: dict[str, Early] = {}
        self._unusable: set[str] = set()  # named hubs that do not validate
        # the validated hosts: ctx names parts of them by ``id`` (``_Ctx.shared``)
        self._kept: list[HostIntent] = []

    def add(self, hosts: list[HostIntent | None]) -> None:
        """Derive the spokes and clients of ``hosts`` (None: a host that failed)."""
        for host in hosts:
            if host is not None and host.role != "hub" and self._hubs_known(host):
                self._derive(host)

    def _hubs_known(self, host: HostIntent) -> bool:
        """True when every hub ``host`` names is validated here (validated when first named)."""
        for name in host.hubs:
            if name in self.ctx.hosts:
                continue
            if name not in self._unusable:
                try:
                    hub = self._hub(name)
                    if hub is not None:
                        self.ctx.hosts[name] = _external_tunnels(self.ctx, hub)
                        continue
                except Exception:  # its error is validation's or derive's to raise
                    pass
                self._unusable.add(name)
            return False
        return True

    def _derive(self, host: HostIntent) -> None:
        ctx = self.ctx
        ctx.provenance = {}
        try:
            spoke = _external_tunnels(ctx, host)
            derived = _derive_spoke(ctx, spoke)
            sides = () if spoke.psk is None else tuple(
                _hub_side(ctx, spoke, name) for name in spoke.hubs)
        except Exception:  # derive derives it again and raises it in its turn
            return
        self._kept.append(host)
        self.done[host.name] = Early(derived, tuple(where for _, where in ctx.provenance), sides)


def derive(hosts: dict[str, HostIntent], origins: dict[str, Mapping[str, Source]],
           fallback: dict[str, Source], early: Mapping[str, Early] | None = None) -> Derived:
    """Every host with its derived lines filled in (see the module docstring). ``early``: the
    spokes and clients of ``hosts`` derived already (``EarlyDerive.done``), taken as they are
    (a hub reads of them only their ``HubSide``)."""
    early = early or {}
    ctx = _Ctx(hosts, origins, fallback)
    check_hubs(ctx)
    hosts = {name: host if name in early else _external_tunnels(ctx, host)
             for name, host in hosts.items()}
    ctx.hosts = hosts
    spokes: dict[str, list[HostIntent]] = {name: [] for name, h in hosts.items() if h.role == "hub"}
    for host in hosts.values():
        for hub in host.hubs:
            spokes[hub].append(host)
    out: dict[str, HostIntent] = {}
    for name, host in hosts.items():
        if host.role == "hub":
            out[name] = _derive_hub(ctx, host, spokes[name], early)
        elif name in early:
            out[name] = early[name].host
            for where in early[name].secrets:
                ctx.provenance[(name, where)] = (name, _PSK)
        else:
            out[name] = _derive_spoke(ctx, host)
    return Derived(out, ctx.provenance)
