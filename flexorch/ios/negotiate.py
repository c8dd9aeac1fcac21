"""The IKEv2 negotiation model: what happens when one router's tunnel brings up IKEv2 to another.

``negotiate(initiator, responder, tunnel)`` walks the exchange in the order IOS does and names
the FIRST step that fails. Statuses (``Status``):

- ``CONFIG_INCOMPLETE`` a piece the exchange needs is missing or dangling: tunnel without source,
  destination or protection; protection naming a missing IPsec profile; no IKEv2 profile (neither
  ``set ikev2-profile`` nor a profile named ``default``); a profile without ``authentication
  local``/``remote`` or without any match statement (IOS: such a profile is incomplete and never
  used); a dangling keyring/trustpoint/transform-set/virtual-template. Initiator-side gaps are
  found before anything is sent; responder-side gaps when the responder reaches them.
- ``NOT_INITIATED`` the tunnel is shut down, or its IPsec profile is ``responder-only``.
- ``NO_RESPONDER`` the destination is not an address of the responder (in any interface or its
  NAT public address), the responder is marked unreachable or its interface is shut down, the
  tunnel source is shut down or sits in another VRF than ``tunnel vrf``, or the destination is a
  name the model cannot resolve.
- ``NO_PROPOSAL_CHOSEN`` IKE_SA_INIT: no proposal of the initiator's selected policy is supported
  by the responder's selected policy. Also used for the CHILD SA when the IPsec transform sets do
  not intersect (IOS answers the IKE_AUTH with the same notify and the SA is not kept);
  ``Outcome.step`` tells which (``ike-proposal`` or ``child-sa``).
- ``PROFILE_MISMATCH`` no responder profile matches the initiator (identity / certificate map /
  fvrf / local address), or the initiator's own profile does not match its tunnel's FVRF or the
  responder's identity.
- ``AUTH_FAILED`` an authentication method the peer does not accept, no key for the peer, a
  pre-shared key that differs in one direction (initiator's local key vs responder's remote key
  and vice versa), no trustpoint to sign or verify, no common CA, or an AAA authorization the
  profile asks for that cannot be done (no aaa new-model, undefined method list, name mangler,
  server group, or local authorization policy). RADIUS answers are assumed positive (noted).
- ``TS_UNACCEPTABLE`` the traffic selectors the initiator proposes do not fit the responder:
  GRE vs IPsec, IPv4 vs IPv6 transport or overlay (a virtual-template clones whatever comes only
  with ``virtual-template N mode auto``); a mixed-mode tunnel without ``set mixed-mode`` in the
  responder's IPsec profile; a responder with neither a virtual-template nor a static tunnel back.
- ``ESTABLISHED`` both ends' views of the SA (``SideView``) are in the Outcome.

Unknown keys: a type 6 key (or a key held by AAA for ``keyring aaa``) cannot be compared. The model
does not claim AUTH_FAILED on what it cannot know: the SA is ESTABLISHED and ``Outcome.notes``
says the key was not verified (lint can warn on that note).

Decisions where the guide leaves room (each covered by a test):

- Policy selection: a local-address match beats no address match; then a named FVRF beats the
  implicit global FVRF (a policy without ``match fvrf``), which beats ``match fvrf any``; ties go
  to configuration order. A policy without ``proposal`` is incomplete and skipped.
- Profile selection on the responder: exact identity (or a matching certificate map) beats a
  domain or address range, which beats ``match identity remote any``; ties go to configuration
  order. A profile without ``match fvrf`` covers the global FVRF only (IOS default).
- Identity: ``identity local`` if set, else the local address (guide), also for certificates;
  ``identity local dn`` is ``hostname=<hostname>[.<domain>],<trustpoint subject-name>``.
- Fragmentation: ``crypto ikev2 fragmentation`` advertises IETF + Cisco (as IOS does), so two IOS
  configs use IETF when both have it and none otherwise; ``Endpoint.fragmentation_capability``
  models another peer. The MTU in use is local: the configured (or default 576/1280) MTU minus
  IP and UDP headers (and the NAT-T marker).
- SGT: ``enabled`` on both views only when both ends have ``crypto ikev2 cts sgt`` and the tunnel
  is a VTI (``tunnel mode ipsec``); with one end only, both ends show ``disabled`` (the CMD
  capability is not negotiated) and a ``sgt-one-end`` note is added.
- Smart defaults: default proposal/policy/transform set/IPsec profile (``flexorch.ios.crypto``);
  an IPsec profile without ``set ikev2-profile`` uses the IKEv2 profile named ``default``.
- PFS differences do not fail the first CHILD SA (keys come from IKE_AUTH): noted only.

``predict_sessions`` (in this module too) negotiates every static tunnel and FlexVPN client of a
fleet and returns both ends' views with deterministic tunnel ids, SPIs and Virtual-Access numbers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from flexorch.ios import crypto
from flexorch.ios.model import (
    DEFAULT_POLICY,
    Identity,
    Interface,
    IpAddress,
    IpsecProfile,
    Keyring,
    KeyringPeer,
    Policy,
    Profile,
    RouterConfig,
    Secret,
    TunnelMode,
)


class Status(StrEnum):
    """Outcome of a negotiation: the first failing step, or ESTABLISHED."""

    ESTABLISHED = "ESTABLISHED"
    NOT_INITIATED = "NOT_INITIATED"
    NO_RESPONDER = "NO_RESPONDER"
    NO_PROPOSAL_CHOSEN = "NO_PROPOSAL_CHOSEN"
    PROFILE_MISMATCH = "PROFILE_MISMATCH"
    AUTH_FAILED = "AUTH_FAILED"
    TS_UNACCEPTABLE = "TS_UNACCEPTABLE"
    CONFIG_INCOMPLETE = "CONFIG_INCOMPLETE"


# Steps in the order they run; Outcome.step names the one that failed ("established" otherwise).
STEPS = ("initiator-config", "reachability", "ike-proposal", "profile", "auth", "child-sa",
         "established")

AUTH_SHOW = {"pre-share": "PSK", "rsa-sig": "RSA", "ecdsa-sig": "ECDSA", "eap": "EAP"}
_CERT_METHODS = ("rsa-sig", "ecdsa-sig")


@dataclass(frozen=True)
class Endpoint:
    """A router taking part in a negotiation, with lab/network facts the config cannot tell."""

    name: str
    config: RouterConfig
    behind_nat: bool = False
    reachable: bool = True
    nat_public_address: str | None = None
    # What the peer advertises in IKE_SA_INIT instead of what its config implies (IOS with
    # ``crypto ikev2 fragmentation``: IETF + Cisco; without: none). For an older or third-party
    # peer, e.g. frozenset({"cisco"}) for an IOS that predates RFC 7383 support.
    fragmentation_capability: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class SideView:
    """What one router shows for an established IKEv2 SA. Field names follow
    ``flexorch.parse.records.SaRecord`` (see ``sa_fields``); the rest describes the tunnel."""

    router: str
    peer: str
    interface: str  # Tunnel1, or the Virtual-Access cloned on a responder
    tunnel_id: int
    local_address: str
    local_port: int
    remote_address: str
    remote_port: int
    fvrf: str  # "none" for the global table, as IOS prints it
    ivrf: str
    encryption: str
    keysize: int
    prf: str
    hash: str
    dh_group: int
    auth_sign: str
    auth_verify: str
    life_time: int
    local_spi: str
    remote_spi: str
    local_id: str
    remote_id: str
    local_window: int
    remote_window: int
    dpd_interval: int
    dpd_retry: int
    fragmentation: crypto.FragMethod
    fragmentation_mtu: int | None
    nat_t: str  # not-detected | inside | outside
    sgt: str  # enabled | disabled
    initiator: bool
    ikev2_profile: str
    ipsec_profile: str
    transform_set: str
    tunnel_mode: str  # the mode in use (a mode-auto clone takes the initiator's)
    flow: str  # the IPsec flow as ``show crypto session detail`` prints it
    virtual_template: str | None = None  # the template a responder cloned

    def sa_fields(self) -> dict[str, Any]:
        """The ``SaRecord`` keyword arguments this view determines (status READY)."""
        names = ("tunnel_id", "local_address", "local_port", "remote_address", "remote_port",
                 "fvrf", "ivrf", "encryption", "keysize", "prf", "hash", "dh_group", "auth_sign",
                 "auth_verify", "life_time", "local_spi", "remote_spi", "local_id", "remote_id",
                 "local_window", "remote_window", "dpd_interval", "dpd_retry", "fragmentation",
                 "fragmentation_mtu", "nat_t", "sgt", "initiator")
        out = {name: getattr(self, name) for name in names}
        out["status"] = "READY"
        out["status_description"] = "Negotiation done"
        return out


@dataclass(frozen=True, slots=True)
class Note:
    """A non-fatal finding or an assumption of a negotiation. ``code`` is stable (lint maps it to
    a rule): psk-unverified, cert-ca-assumed, auth-not-modelled, aaa-cached-not-modelled,
    aaa-server-assumed, pfs-mismatch, sgt-one-end, sgt-needs-vti, fragmentation-one-end."""

    code: str
    text: str

    def __str__(self) -> str:
        return self.text


NOTE_CODES = ("psk-unverified", "cert-ca-assumed", "auth-not-modelled", "aaa-cached-not-modelled",
              "aaa-server-assumed", "pfs-mismatch", "sgt-one-end", "sgt-needs-vti",
              "fragmentation-one-end")


@dataclass(frozen=True)
class Outcome:
    """The result of one negotiation. ``views`` holds (initiator view, responder view) when
    ESTABLISHED. ``notes`` are non-fatal findings and assumptions (unverified keys, SGT on one
    end, PFS mismatch). Nothing here ever contains a key."""

    status: Status
    step: str
    reason: str
    initiator: str
    responder: str | None
    tunnel: str
    suite: crypto.IkeSuite | None = None
    fragmentation: crypto.FragMethod = "none"
    sgt: bool = False
    nat_t: bool = False
    views: tuple[SideView, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def established(self) -> bool:
        return self.status is Status.ESTABLISHED

    def view_of(self, router: str) -> SideView | None:
        return next((v for v in self.views if v.router == router), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (plan, lint and reports print this)."""
        suite = None
        if self.suite is not None:
            suite = {"encryption": self.suite.encryption_show, "keysize": self.suite.keysize,
                     "prf": self.suite.prf_show, "hash": self.suite.hash_show,
                     "dh_group": self.suite.dh_group, "proposal": self.suite.proposal}
        return {"status": str(self.status), "step": self.step, "reason": self.reason,
                "initiator": self.initiator, "responder": self.responder, "tunnel": self.tunnel,
                "suite": suite, "fragmentation": self.fragmentation, "sgt": self.sgt,
                "nat_t": self.nat_t,
                "notes": [{"code": n.code, "text": n.text} for n in self.notes],
                "views": [dataclasses.asdict(v) for v in self.views]}


class _Fail(Exception):
    def __init__(self, status: Status, step: str, reason: str) -> None:
        super().__init__(reason)
        self.status, self.step, self.reason = status, step, reason


# --- small helpers -------------------------------------------------------------------------------
def _show_address(addr: IpAddress) -> str:
    """IOS prints IPv6 addresses in upper case in ``show crypto`` output."""
    return str(addr).upper() if addr.version == 6 else str(addr)


def _vrf_show(vrf: str | None) -> str:
    return vrf or "none"


def _parse_ip(text: str | None) -> IpAddress | None:
    try:
        return ipaddress.ip_address(text) if text else None
    except ValueError:
        return None


def _spi(*parts: str) -> str:
    return hashlib.blake2b("|".join(parts).encode(), digest_size=8).hexdigest().upper()


def _source(config: RouterConfig, tunnel: Interface, family: int) -> tuple[IpAddress, Interface]:
    """The tunnel's local address and the interface holding it."""
    src = tunnel.tunnel_source
    if src is None:
        raise _Fail(Status.CONFIG_INCOMPLETE, "initiator-config",
                    f"{tunnel.name} has no tunnel source")
    addr = _parse_ip(src)
    if addr is not None:
        owner = config.address_owners.get(addr)
        if owner is None:
            raise _Fail(Status.CONFIG_INCOMPLETE, "initiator-config",
                        f"{tunnel.name} tunnel source {src} is not an address of this router")
        return addr, owner
    intf = config.interface(src)
    if intf is None:
        raise _Fail(Status.CONFIG_INCOMPLETE, "initiator-config",
                    f"{tunnel.name} tunnel source {src} does not exist")
    addresses = intf.addresses(family)
    if not addresses:
        raise _Fail(Status.CONFIG_INCOMPLETE, "initiator-config",
                    f"{tunnel.name} tunnel source {src} has no IPv{family} address")
    return addresses[0], intf


def select_policy(config: RouterConfig, fvrf: str | None, local: IpAddress) -> Policy:
    """The IKEv2 policy for a local address in an FVRF (None = global), by the guide's rules.

    A policy's fvrf matches are OR'ed (``any`` matches every FVRF; with none, the policy covers
    only the global FVRF); its local-address matches are OR'ed (none: any address); both types
    must hold. Most specific wins: a matching local address beats no address match, then a named
    FVRF beats the implicit global one, which beats ``any``; ties go to the first configured.
    Policies without a ``proposal`` line are incomplete and skipped. With no match the ``default``
    policy is used (the configured one if the config redefines it, else IOS's built-in).
    """
    best: tuple[tuple[int, int], Policy] | None = None
    for policy in config.policies.values():
        if policy.name == crypto.DEFAULT_POLICY_NAME or not policy.proposals:
            continue
        score = _policy_score(config, policy, fvrf, local)
        if score is not None and (best is None or score > best[0]):
            best = (score, policy)
    if best is not None:
        return best[1]
    configured = config.policies.get(crypto.DEFAULT_POLICY_NAME)
    return configured if configured is not None and configured.proposals else DEFAULT_POLICY


def _policy_score(config: RouterConfig, policy: Policy, fvrf: str | None, local: IpAddress
                  ) -> tuple[int, int] | None:
    if policy.match_fvrf:
        if fvrf is not None and fvrf in policy.match_fvrf:
            vrf_level = 2
        elif "any" in policy.match_fvrf:
            vrf_level = 0
        else:
            return None
    elif fvrf is None:
        vrf_level = 1
    else:
        return None
    if not policy.match_address_local:
        return (0, vrf_level)
    if any(_parse_ip(a) == local for a in policy.match_address_local):
        return (1, vrf_level)
    return None


def _policy_specs(config: RouterConfig, policy: Policy) -> list[crypto.ProposalSpec]:
    specs = []
    for name in policy.proposals:
        proposal = config.proposal(name)
        if proposal is not None:
            specs.append(proposal.spec())
    return specs


def _describe_proposals(config: RouterConfig, policy: Policy) -> str:
    parts = []
    for name in policy.proposals:
        proposal = config.proposal(name)
        if proposal is None:
            parts.append(f"{name} (not defined)")
        elif proposal.problems:
            parts.append(f"{name} (incomplete: {'; '.join(proposal.problems)})")
        else:
            parts.append(name)
    return f"policy {policy.name}: " + (", ".join(parts) or "no proposal")


# --- identities and certificates ----------------------------------------------------------------
def _dn(config: RouterConfig, profile: Profile) -> str:
    """The subject DN IOS prints for this router's certificate: ``hostname=<fqdn>[,<subject>]``."""
    host = config.hostname or "Router"
    if config.domain_name:
        host = f"{host}.{config.domain_name}"
    for name in profile.pki_trustpoints or tuple(config.pki.trustpoints):
        trustpoint = config.pki.trustpoints.get(name)
        if trustpoint is not None and trustpoint.subject_name:
            return f"hostname={host},{trustpoint.subject_name}"
    return f"hostname={host}"


def local_identity(config: RouterConfig, profile: Profile, local: IpAddress) -> Identity:
    """The identity a router sends: ``identity local``, else its local address (guide)."""
    ident = profile.identity_local
    if ident is None:
        return Identity("address", str(local))
    if ident.kind == "dn":
        return Identity("dn", _dn(config, profile))
    return ident


def _identity_show(ident: Identity) -> str:
    if ident.kind == "address":
        addr = _parse_ip(ident.value)
        return _show_address(addr) if addr is not None else ident.value
    return ident.value


def _dn_fields(dn: str) -> list[tuple[str, str]]:
    out = []
    for part in dn.split(","):
        key, _, value = part.partition("=")
        out.append((key.strip().lower(), value.strip()))
    return out


def certificate_map_matches(config: RouterConfig, map_name: str, subject: str) -> bool:
    """Whether a subject DN satisfies a certificate map: any sequence whose rules all hold.

    Rules are ``subject-name|issuer-name <op> <value>``, op one of eq, ne, co (contains),
    nc (does not contain); ``subject-name`` compares against the whole DN and its fields. The model
    has no issuer, so issuer rules hold (it cannot see the CA's name; noted as an assumption).
    """
    for entry in config.pki.certificate_maps.get(map_name, ()):
        if all(_cert_rule(field_, op, value, subject) for field_, op, value in entry.rules):
            return True
    return False


def _cert_rule(field_: str, op: str, value: str, subject: str) -> bool:
    if field_ != "subject-name":
        return True
    value = value.lower()
    whole = subject.lower()
    fields = [(k, v.lower()) for k, v in _dn_fields(subject)]
    parts = [v for _, v in fields] + [f"{k}={v}" for k, v in fields]
    if op == "eq":
        return whole == value or value in parts
    if op == "ne":
        return whole != value and value not in parts
    if op == "co":
        return value in whole
    if op == "nc":
        return value not in whole
    return False


# --- profile matching -----------------------------------------------------------------------
def _local_matches(config: RouterConfig, profile: Profile, fvrf: str | None, local: IpAddress
                   ) -> bool:
    if profile.match_fvrf:
        if "any" not in profile.match_fvrf and fvrf not in profile.match_fvrf:
            return False
    elif fvrf is not None:
        return False  # a profile without ``match fvrf`` covers the global FVRF only
    if profile.match_address_local:
        targets: list[IpAddress] = []
        for target in profile.match_address_local:
            addr = _parse_ip(target)
            if addr is not None:
                targets.append(addr)
            else:
                intf = config.interface(target)
                targets += intf.addresses() if intf else []
        return local in targets
    return True


def identity_score(config: RouterConfig, profile: Profile, peer_id: Identity, peer_cert: bool
                   ) -> int:
    """How well a profile's identity/certificate matches fit a peer: 0 none, 1 ``any``, 2 a
    domain or address range, 3 exact or a certificate map. Certificate matches take precedence
    over identity matches for a peer that authenticates with a certificate; matches of one type
    are OR'ed."""
    if profile.match_certificates and peer_cert and peer_id.kind == "dn":
        return 3 if any(certificate_map_matches(config, m, peer_id.value)
                        for m in profile.match_certificates) else 0
    best = max((rule.match_score(peer_id) + 1 for rule in profile.match_identities
                if rule.match_score(peer_id)), default=0)
    if best:
        return best
    return 1 if profile.match_any else 0


def match_responder_profile(config: RouterConfig, fvrf: str | None, local: IpAddress,
                            peer_id: Identity, peer_cert: bool) -> Profile | None:
    """The responder's profile for an incoming peer: identity/certificate AND fvrf AND local
    address must match; the most specific identity match wins, then configuration order.
    Profiles without match identity/certificate are incomplete and never chosen."""
    best: tuple[int, Profile] | None = None
    for profile in config.profiles.values():
        if not profile.has_match or not _local_matches(config, profile, fvrf, local):
            continue
        score = identity_score(config, profile, peer_id, peer_cert)
        if score and (best is None or score > best[0]):
            best = (score, profile)
    return best[1] if best else None


# --- keyrings -----------------------------------------------------------------------------------
@dataclass
class _KeyringIndex:
    exact_ids: dict[tuple[str, str], KeyringPeer] = field(default_factory=dict)
    domain_ids: list[tuple[str, str, KeyringPeer]] = field(default_factory=list)
    hosts: dict[IpAddress, KeyringPeer] = field(default_factory=dict)
    networks: list[tuple[Any, KeyringPeer]] = field(default_factory=list)


def _keyring_index(config: RouterConfig, keyring: Keyring) -> _KeyringIndex:
    key = f"keyring-index:{keyring.name}"
    cached = config.memo.get(key)
    if isinstance(cached, _KeyringIndex):
        return cached
    index = _KeyringIndex()
    for peer in keyring.peers:
        for ident in peer.identities:
            if ident.domain:
                index.domain_ids.append((ident.kind, ident.value.lower(), peer))
            else:
                value = ident.value.split("/")[0] if ident.kind == "address" else ident.value
                index.exact_ids.setdefault((ident.kind, value.lower()), peer)
        if peer.address is not None:
            if peer.address.prefixlen == peer.address.max_prefixlen:
                index.hosts.setdefault(peer.address.network_address, peer)
            else:
                index.networks.append((peer.address, peer))
    index.networks.sort(key=lambda item: -item[0].prefixlen)  # stable: config order on ties
    index.domain_ids.sort(key=lambda item: -len(item[1]))
    config.memo[key] = index
    return index


def keyring_lookup(config: RouterConfig, keyring: Keyring, address: IpAddress,
                   identity: Identity | None = None) -> KeyringPeer | None:
    """The keyring peer block for a peer. With an identity (responder): identity matches first
    (exact beats domain, longer domain beats shorter), then the address; without (initiator):
    the address only. Among address blocks the longest prefix wins."""
    index = _keyring_index(config, keyring)
    if identity is not None and identity.kind != "dn":
        value = identity.value.lower()
        exact = index.exact_ids.get((identity.kind, value))
        if exact is not None:
            return exact
        for kind, domain, peer in index.domain_ids:
            if kind == identity.kind and Identity(kind, domain, True).match_score(identity):
                return peer
    host = index.hosts.get(address)
    if host is not None:
        return host
    return next((peer for net, peer in index.networks
                 if net.version == address.version and address in net), None)



# --- the exchange -------------------------------------------------------------------------------
@dataclass
class _Side:
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
    is_initiator: bool = False

    @property
    def config(self) -> RouterConfig:
        return self.ep.config

    @property
    def name(self) -> str:
        return self.ep.name

    @property
    def prof(self) -> Profile:
        assert self.profile is not None
        return self.profile


def _check_profile_complete(config: RouterConfig, profile: Profile, who: str, step: str) -> None:
    missing = [what for what, ok in (("authentication local", profile.auth_local),
                                     ("authentication remote", profile.auth_remote),
                                     ("match identity/certificate", profile.has_match)) if not ok]
    if missing:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{who}: IKEv2 profile {profile.name} has no {' and no '.join(missing)}")
    if profile.keyring_local is not None and profile.keyring_local not in config.keyrings:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{who}: IKEv2 profile {profile.name} names keyring {profile.keyring_local}, "
                    "which does not exist")
    dangling = [t for t in profile.pki_trustpoints if t not in config.pki.trustpoints]
    if dangling:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{who}: IKEv2 profile {profile.name} names trustpoint {dangling[0]}, "
                    "which does not exist")


def _initiator_side(  # noqa: PLR0912 - one check per IOS precondition, in IOS's order
    ep: Endpoint, tunnel_name: str, destination: str | None
) -> tuple[_Side, IpAddress]:
    step = "initiator-config"
    config = ep.config
    tunnel = config.interface(tunnel_name)
    if tunnel is None or not tunnel.is_tunnel:
        raise _Fail(Status.CONFIG_INCOMPLETE, step, f"{ep.name}: no tunnel interface {tunnel_name}")
    name = tunnel.name
    if tunnel.shutdown:
        raise _Fail(Status.NOT_INITIATED, step, f"{ep.name}: {name} is shut down")
    if tunnel.tunnel_mode is None and tunnel.tunnel_mode_text:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} tunnel mode {tunnel.tunnel_mode_text} is not a FlexVPN "
                    "mode")
    mode = tunnel.mode
    if mode.multipoint:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} is gre multipoint (DMVPN), not a FlexVPN tunnel")
    if tunnel.tunnel_protection is None:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} has no tunnel protection, so IKEv2 never starts")
    ipsec = config.ipsec_profile(tunnel.tunnel_protection)
    if ipsec is None:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} is protected by IPsec profile {tunnel.tunnel_protection}, "
                    "which does not exist")
    if ipsec.responder_only:
        raise _Fail(Status.NOT_INITIATED, step,
                    f"{ep.name}: IPsec profile {ipsec.name} is responder-only")
    profile_name = (tunnel.tunnel_protection_ikev2_profile or ipsec.ikev2_profile
                    or crypto.DEFAULT_IKEV2_PROFILE_NAME)
    profile = config.profiles.get(profile_name)
    if profile is None:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: IPsec profile {ipsec.name} uses IKEv2 profile {profile_name}, "
                    "which does not exist")
    _check_profile_complete(config, profile, ep.name, step)
    for vrf in (tunnel.tunnel_vrf, tunnel.vrf):
        if vrf is not None and vrf not in config.vrfs:
            raise _Fail(Status.CONFIG_INCOMPLETE, step, f"{ep.name}: {name} uses vrf {vrf}, "
                        "which is not defined")
    dest_text = destination or tunnel.tunnel_destination
    if dest_text is None or dest_text == "dynamic":
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} has no tunnel destination" if dest_text is None else
                    f"{ep.name}: {name} has tunnel destination dynamic and no FlexVPN client peer")
    dest = _parse_ip(dest_text)
    if dest is None:
        raise _Fail(Status.NO_RESPONDER, "reachability",
                    f"{ep.name}: {name} destination {dest_text} is a name; the model resolves "
                    "addresses only")
    if dest.version != mode.transport:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{ep.name}: {name} tunnel mode {mode.text} needs an IPv{mode.transport} "
                    f"destination, {dest_text} is IPv{dest.version}")
    local, source = _source(config, tunnel, mode.transport)
    if source.shutdown:
        raise _Fail(Status.NO_RESPONDER, "reachability",
                    f"{ep.name}: {name} source {source.name} is shut down")
    if source.vrf != tunnel.tunnel_vrf:
        raise _Fail(Status.NO_RESPONDER, "reachability",
                    f"{ep.name}: {name} source {source.name} is in vrf {_vrf_show(source.vrf)} "
                    f"but tunnel vrf is {_vrf_show(tunnel.tunnel_vrf)}")
    seen = local
    if ep.behind_nat and ep.nat_public_address:
        seen = _parse_ip(ep.nat_public_address) or local
    side = _Side(ep, local, seen, tunnel.tunnel_vrf, name, mode, tunnel.vrf, profile, ipsec,
                 is_initiator=True)
    return side, dest


def _nat_inside(config: RouterConfig, family: int) -> tuple[Interface, IpAddress] | None:
    """Where a statically NATed responder receives: its first up, addressed physical interface."""
    for intf in config.interfaces.values():
        if intf.shutdown or intf.kind in ("Loopback", "Tunnel", "Virtual-Template"):
            continue
        addresses = intf.addresses(family)
        if addresses:
            return intf, addresses[0]
    return None


def _reach(i: _Side, responder: Endpoint | None, dest: IpAddress) -> _Side:
    step = "reachability"
    if responder is None:
        raise _Fail(Status.NO_RESPONDER, step, f"no router owns {_show_address(dest)}")
    if not responder.reachable:
        raise _Fail(Status.NO_RESPONDER, step, f"{responder.name} is unreachable")
    config = responder.config
    intf = config.address_owners.get(dest)
    local = dest
    if intf is None and _parse_ip(responder.nat_public_address) == dest:
        inside = _nat_inside(config, dest.version)
        if inside is not None:
            intf, local = inside
    if intf is None:
        raise _Fail(Status.NO_RESPONDER, step,
                    f"{_show_address(dest)} is not an address of {responder.name}")
    if intf.shutdown:
        raise _Fail(Status.NO_RESPONDER, step, f"{responder.name}: {intf.name} is shut down")
    return _Side(responder, local, dest, intf.vrf, "", i.mode)


def _ike_sa_init(i: _Side, r: _Side) -> crypto.IkeSuite:
    step = "ike-proposal"
    i_policy = select_policy(i.config, i.fvrf, i.local)
    r_policy = select_policy(r.config, r.fvrf, r.local)
    i_specs = _policy_specs(i.config, i_policy)
    if not any(spec.usable for spec in i_specs):
        raise _Fail(Status.NO_PROPOSAL_CHOSEN, step, f"{i.name}: no complete proposal in "
                    f"{_describe_proposals(i.config, i_policy)}")
    suite = crypto.choose_ike_suite(i_specs, _policy_specs(r.config, r_policy))
    if suite is None:
        raise _Fail(Status.NO_PROPOSAL_CHOSEN, step,
                    f"{r.name} supports no proposal of {i.name}: {i.name} "
                    f"{_describe_proposals(i.config, i_policy)}; {r.name} "
                    f"{_describe_proposals(r.config, r_policy)}")
    return suite


def _is_cert(profile: Profile) -> bool:
    return profile.auth_local[0].method in _CERT_METHODS


def _match_profiles(i: _Side, r: _Side) -> None:
    step = "profile"
    i.identity = local_identity(i.config, i.prof, i.local)
    profile = match_responder_profile(r.config, r.fvrf, r.local, i.identity, _is_cert(i.prof))
    if profile is None:
        raise _Fail(Status.PROFILE_MISMATCH, step,
                    f"{r.name}: no IKEv2 profile matches {i.name} (identity {i.identity.kind} "
                    f"{_identity_show(i.identity)}, fvrf {_vrf_show(r.fvrf)}, local "
                    f"{_show_address(r.local)})")
    _check_profile_complete(r.config, profile, r.name, step)
    r.profile = profile
    r.identity = local_identity(r.config, profile, r.local)
    if not _local_matches(i.config, i.prof, i.fvrf, i.local):
        hint = (f"add 'match fvrf {i.fvrf}' (or 'match fvrf any')" if i.fvrf is not None
                and not i.prof.match_fvrf else "check its match fvrf / match address local")
        raise _Fail(Status.PROFILE_MISMATCH, step,
                    f"{i.name}: IKEv2 profile {i.prof.name} does not match its tunnel's fvrf "
                    f"{_vrf_show(i.fvrf)} / local address {_show_address(i.local)}: {hint}")
    if not identity_score(i.config, i.prof, r.identity, _is_cert(profile)):
        raise _Fail(Status.PROFILE_MISMATCH, step,
                    f"{i.name}: IKEv2 profile {i.prof.name} does not match {r.name}'s identity "
                    f"{r.identity.kind} {_identity_show(r.identity)}")


@dataclass
class _KeySource:
    key: Secret | None
    where: str
    unknown: bool = False  # held by AAA: exists, value not knowable


def _keyring_peer(side: _Side, peer: _Side, with_identity: bool) -> tuple[KeyringPeer | None, str]:
    profile = side.prof
    if profile.keyring_local is None:
        return None, f"profile {profile.name} has no keyring"
    keyring = side.config.keyrings[profile.keyring_local]
    identity = peer.identity if with_identity else None
    block = keyring_lookup(side.config, keyring, peer.seen, identity)
    if block is None:
        return None, f"keyring {keyring.name} has no peer block for {peer.name}"
    return block, f"keyring {keyring.name} peer {block.name}"


def _signing_key(side: _Side, block: KeyringPeer | None, where: str) -> _KeySource:
    method = side.prof.auth_local[0]
    if method.key is not None:
        return _KeySource(method.key, f"profile {side.prof.name} authentication local key")
    if block is not None and block.local_key is not None:
        return _KeySource(block.local_key, where)
    if side.prof.keyring_aaa is not None:
        return _KeySource(None, f"keyring aaa {side.prof.keyring_aaa}", unknown=True)
    return _KeySource(None, where)


def _verifying_key(side: _Side, block: KeyringPeer | None, where: str) -> _KeySource:
    for method in side.prof.auth_remote:
        if method.method == "pre-share" and method.key is not None:
            return _KeySource(method.key, f"profile {side.prof.name} authentication remote key")
    if block is not None and block.remote_key is not None:
        return _KeySource(block.remote_key, where)
    if side.prof.keyring_aaa is not None:
        return _KeySource(None, f"keyring aaa {side.prof.keyring_aaa}", unknown=True)
    return _KeySource(None, where)


def _check_psk(signer: _Side, sign: _KeySource, verifier: _Side, verify: _KeySource,
               notes: list[Note]) -> None:
    for side, source, role in ((signer, sign, "local"), (verifier, verify, "remote")):
        if source.key is None and not source.unknown:
            raise _Fail(Status.AUTH_FAILED, "auth",
                        f"{side.name}: no pre-shared {role} key for the peer ({source.where})")
    direction = f"{signer.name} -> {verifier.name}"
    same = None if sign.key is None or verify.key is None else sign.key.same_as(verify.key)
    if same is False:
        raise _Fail(Status.AUTH_FAILED, "auth",
                    f"pre-shared key mismatch {direction}: {signer.name}'s local key "
                    f"({sign.where}) differs from {verifier.name}'s remote key ({verify.where})")
    if same is None:
        notes.append(Note("psk-unverified", f"pre-shared key {direction} not verified: a key "
                          "is encrypted (type 6) or held by AAA"))


def _trustpoints(side: _Side, fallback: bool) -> list[str]:
    names = list(side.prof.pki_trustpoints)
    if not names and fallback:  # guide: the initiator may fall back; the responder may not
        names = list(side.config.pki.trustpoints)
    return names


def _check_cert(signer: _Side, verifier: _Side, notes: list[Note]) -> None:
    signer_tps = _trustpoints(signer, signer.is_initiator)
    verifier_tps = _trustpoints(verifier, verifier.is_initiator)
    for side, tps, what in ((signer, signer_tps, "sign with"), (verifier, verifier_tps, "verify")):
        if not tps:
            raise _Fail(Status.AUTH_FAILED, "auth",
                        f"{side.name}: IKEv2 profile {side.prof.name} has no pki trustpoint to "
                        f"{what}")
    s_urls = {signer.config.pki.trustpoints[t].enrollment_url for t in signer_tps} - {None}
    v_urls = {verifier.config.pki.trustpoints[t].enrollment_url for t in verifier_tps} - {None}
    if s_urls and v_urls and not s_urls & v_urls:
        raise _Fail(Status.AUTH_FAILED, "auth",
                    f"{verifier.name} does not trust {signer.name}'s CA (enrollment urls differ)")
    if not (s_urls and v_urls):
        notes.append(Note("cert-ca-assumed", f"certificate {signer.name} -> {verifier.name}: "
                          "CA assumed common (no enrollment url to compare)"))


def _authenticate(i: _Side, r: _Side, notes: list[Note]) -> None:
    i_local, r_local = i.prof.auth_local[0].method, r.prof.auth_local[0].method
    for signer, method, verifier in ((i, i_local, r), (r, r_local, i)):
        accepted = [m.method for m in verifier.prof.auth_remote]
        if method not in accepted:
            raise _Fail(Status.AUTH_FAILED, "auth",
                        f"{verifier.name} does not accept {AUTH_SHOW.get(method, method)} from "
                        f"{signer.name} (authentication remote: {', '.join(accepted)})")
    psk = "pre-share" in (i_local, r_local)
    i_block, i_where = _keyring_peer(i, r, with_identity=False) if psk else (None, "")
    r_block, r_where = _keyring_peer(r, i, with_identity=True) if psk else (None, "")
    blocks = {i.name: (i_block, i_where), r.name: (r_block, r_where)}
    for signer, method, verifier in ((i, i_local, r), (r, r_local, i)):
        if method == "pre-share":
            _check_psk(signer, _signing_key(signer, *blocks[signer.name]), verifier,
                       _verifying_key(verifier, *blocks[verifier.name]), notes)
        elif method in _CERT_METHODS:
            _check_cert(signer, verifier, notes)
        else:
            notes.append(Note("auth-not-modelled",
                              f"{AUTH_SHOW.get(method, method)} {signer.name} -> "
                              f"{verifier.name}: credentials are checked by AAA, not modelled"))


# --- AAA authorization -------------------------------------------------------------------------
_AUTHOR_KIND = {"pre-share": "psk", "rsa-sig": "cert", "ecdsa-sig": "cert", "eap": "eap"}
_DN_FIELDS = {"common-name": "cn", "organization-unit": "ou", "organization": "o",
              "locality": "l", "state": "st", "country": "c", "domain": "hostname"}


def mangle(rules: tuple[tuple[str, str], ...], identity: Identity) -> str | None:
    """The AAA user name a name mangler derives from an IKE identity (guide: "Demystifying the
    IKEv2 Name Mangler"); None when no rule applies to the identity's type."""
    value = identity.value
    for kind, how in rules:
        if kind != identity.kind:
            continue
        if kind == "fqdn":
            host, _, domain = value.partition(".")
            return {"hostname": host, "domain": domain, "all": value}.get(how)
        if kind == "email":
            user, _, domain = value.partition("@")
            return {"username": user, "domain": domain, "all": value}.get(how)
        if kind == "dn":
            if how == "all":
                return value
            wanted = _DN_FIELDS.get(how, how)
            found = next((v for k, v in _dn_fields(value) if k == wanted), None)
            if found is not None and how == "domain":
                found = found.partition(".")[2]
            return found
    return None


def _authorize(side: _Side, peer: _Side, notes: list[Note]) -> None:
    """``aaa authorization user|group <psk|cert|eap> ...`` in the profile, for a peer that
    authenticated with that method. IOS fails IKE_AUTH (AUTHENTICATION_FAILED) when the
    authorization cannot be done: no ``aaa new-model``, an undefined method list or name
    mangler, or a local method whose authorization policy does not exist. RADIUS answers are
    not modelled: they are assumed to succeed (noted)."""
    config = side.config
    kind = _AUTHOR_KIND.get(peer.prof.auth_local[0].method)
    assert peer.identity is not None
    for author in side.prof.aaa_authorization:
        if author.auth != kind:
            continue
        label = f"{side.name}: aaa authorization {author.scope} {author.auth}"
        if not config.aaa.new_model:
            raise _Fail(Status.AUTH_FAILED, "auth", f"{label} needs aaa new-model")
        if author.cached:
            notes.append(Note("aaa-cached-not-modelled",
                              f"{label} cached: implicit authorization by AAA is not modelled"))
            continue
        methods = config.aaa.method_lists.get("authorization network", {}).get(
            author.method_list or "")
        if methods is None:
            raise _Fail(Status.AUTH_FAILED, "auth", f"{label}: method list "
                        f"{author.method_list} is not defined (aaa authorization network)")
        name = author.name
        if author.name_mangler is not None:
            mangler = config.name_manglers.get(author.name_mangler)
            if mangler is None:
                raise _Fail(Status.AUTH_FAILED, "auth",
                            f"{label}: name-mangler {author.name_mangler} is not defined")
            name = mangle(mangler.rules, peer.identity)
        if methods[:1] == ("group",) and len(methods) > 1:
            group = methods[1]
            if group not in ("radius", "tacacs+") and group not in config.aaa.server_groups:
                raise _Fail(Status.AUTH_FAILED, "auth",
                            f"{label}: server group {group} is not defined")
            notes.append(Note("aaa-server-assumed",
                              f"{label} by server group {group} for '{name or peer.name}': "
                              "the AAA answer is assumed to grant it"))
        elif methods[:1] == ("local",) and (name is None
                                            or name not in config.authorization_policies):
            raise _Fail(Status.AUTH_FAILED, "auth",
                        f"{label}: no local authorization policy "
                        f"{name or '(no name derived)'} for {peer.name}")


def _static_tunnel_back(config: RouterConfig, peer: IpAddress, local: IpAddress
                        ) -> Interface | None:
    """A static tunnel on this router whose destination is ``peer`` (and source ``local``)."""
    cached = config.memo.get("tunnels-by-destination")
    index: dict[IpAddress, list[Interface]]
    if isinstance(cached, dict):
        index = cached
    else:
        index = {}
        for intf in config.tunnels:
            dest = _parse_ip(intf.tunnel_destination)
            if dest is not None:
                index.setdefault(dest, []).append(intf)
        config.memo["tunnels-by-destination"] = index
    for intf in index.get(peer, []):
        try:
            src, _ = _source(config, intf, peer.version)
        except _Fail:
            continue
        if src == local and not intf.shutdown:
            return intf
    return None


def _esp_list(side: _Side, step: str) -> list[tuple[str, crypto.EspSuite]]:
    assert side.ipsec is not None
    out = []
    for name in side.ipsec.transform_sets or (crypto.DEFAULT_TRANSFORM_SET_NAME,):
        tset = side.config.transform_set(name)
        if tset is None:
            raise _Fail(Status.CONFIG_INCOMPLETE, step,
                        f"{side.name}: IPsec profile {side.ipsec.name} names transform set "
                        f"{name}, which does not exist")
        if tset.esp is not None:
            out.append((name, tset.esp))
    return out


def _child_sa(i: _Side, r: _Side, notes: list[Note]) -> None:
    step = "child-sa"
    template = r.prof.virtual_template
    if template is not None:
        vt = r.config.interface(f"Virtual-Template{template}")
        if vt is None or vt.template_type != "tunnel":
            raise _Fail(Status.CONFIG_INCOMPLETE, step,
                        f"{r.name}: IKEv2 profile {r.prof.name} names virtual-template {template}"
                        ", which is not an interface Virtual-Template type tunnel")
        if not r.prof.virtual_template_mode_auto and vt.mode != i.mode:
            raise _Fail(Status.TS_UNACCEPTABLE, step,
                        f"{i.name} proposes tunnel mode {i.mode.text}; {r.name} {vt.name} is "
                        f"{vt.mode.text} (no mode auto)")
        r.interface, r.virtual_template, r.mode = "Virtual-Access1", vt.name, i.mode
        r.ivrf = vt.vrf or r.prof.ivrf
        carrier = vt
    else:
        static = _static_tunnel_back(r.config, i.seen, r.local)
        if static is None:
            raise _Fail(Status.TS_UNACCEPTABLE, step,
                        f"{r.name}: IKEv2 profile {r.prof.name} has no virtual-template and no "
                        f"tunnel has destination {_show_address(i.seen)}")
        if static.mode != i.mode:
            raise _Fail(Status.TS_UNACCEPTABLE, step,
                        f"{i.name} proposes tunnel mode {i.mode.text}; {r.name} {static.name} is "
                        f"{static.mode.text}")
        r.interface, r.mode, r.ivrf = static.name, static.mode, static.vrf
        carrier = static
    if carrier.tunnel_protection is None:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{r.name}: {carrier.name} has no tunnel protection")
    r.ipsec = r.config.ipsec_profile(carrier.tunnel_protection)
    if r.ipsec is None:
        raise _Fail(Status.CONFIG_INCOMPLETE, step,
                    f"{r.name}: {carrier.name} is protected by IPsec profile "
                    f"{carrier.tunnel_protection}, which does not exist")
    if i.mode.mixed and not r.ipsec.mixed_mode:
        raise _Fail(Status.TS_UNACCEPTABLE, step,
                    f"{i.name} proposes mixed mode {i.mode.text}; {r.name} IPsec profile "
                    f"{r.ipsec.name} has no set mixed-mode")
    chosen = crypto.choose_esp(_esp_list(i, step), _esp_list(r, step))
    if chosen is None:
        raise _Fail(Status.NO_PROPOSAL_CHOSEN, step,
                    f"no IPsec transform set in common: {i.name} {i.ipsec.name if i.ipsec else ''}"
                    f" vs {r.name} {r.ipsec.name}")
    i.transform_set, r.transform_set = chosen
    assert i.ipsec is not None
    if i.ipsec.pfs_group != r.ipsec.pfs_group:
        notes.append(Note("pfs-mismatch",
                          f"PFS differs ({i.name}: {i.ipsec.pfs_group or 'none'}, {r.name}: "
                          f"{r.ipsec.pfs_group or 'none'}): the first rekey will fail"))


def negotiate(initiator: Endpoint, responder: Endpoint | None, tunnel: str, *,
              destination: str | None = None) -> Outcome:
    """Negotiate IKEv2 from ``initiator``'s tunnel interface ``tunnel`` to ``responder``.

    ``destination`` overrides the tunnel's ``tunnel destination`` (a FlexVPN client peer for
    ``tunnel destination dynamic``). ``responder`` None means nobody owns the destination.
    Returns the Outcome naming the first failing step; never raises on config content.
    """
    notes: list[Note] = []
    responder_name = responder.name if responder is not None else None
    try:
        i, dest = _initiator_side(initiator, tunnel, destination)
        r = _reach(i, responder, dest)
        suite = _ike_sa_init(i, r)
        _match_profiles(i, r)
        _authenticate(i, r, notes)
        _authorize(r, i, notes)
        _authorize(i, r, notes)
        _child_sa(i, r, notes)
    except _Fail as fail:
        return Outcome(fail.status, fail.step, fail.reason, initiator.name, responder_name,
                       tunnel, notes=tuple(notes))
    return _established(i, r, suite, notes)


def _capability(side: _Side) -> frozenset[str]:
    if side.ep.fragmentation_capability is not None:
        return side.ep.fragmentation_capability
    return crypto.IOS_FRAGMENTATION_CAPABILITY if side.config.ikev2.fragmentation else frozenset()


def _flow(side: _Side, peer: _Side) -> str:
    if side.mode.encapsulation == "gre":
        return f"permit 47 host {_show_address(side.local)} host {_show_address(peer.seen)}"
    if side.mode.overlay == 6:
        return "permit ipv6 ::/0 ::/0"
    return "permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0"


def _established(i: _Side, r: _Side, suite: crypto.IkeSuite, notes: list[Note]) -> Outcome:
    nat = i.ep.behind_nat or r.ep.behind_nat
    fragmentation = crypto.fragmentation_method(_capability(i), _capability(r))
    sgt_ends = [s.name for s in (i, r) if s.config.ikev2.cts_sgt]
    vti = i.mode.encapsulation == "ipsec"
    sgt = len(sgt_ends) == 2 and vti
    if len(sgt_ends) == 1:
        notes.append(Note("sgt-one-end",
                          f"SGT (crypto ikev2 cts sgt) on {sgt_ends[0]} only: the CMD "
                          "capability is not negotiated, both ends show it disabled"))
    elif len(sgt_ends) == 2 and not vti:
        notes.append(Note("sgt-needs-vti",
                          f"SGT on both ends but the tunnel is {i.mode.text}: SGT tagging "
                          "needs a VTI (tunnel mode ipsec); disabled"))
    if fragmentation == "none" and any(_capability(s) for s in (i, r)):
        only = next(s.name for s in (i, r) if _capability(s))
        notes.append(Note("fragmentation-one-end",
                          f"IKEv2 fragmentation configured on {only} only: not used"))
    spis = {i.name: _spi(i.name, i.interface, r.name, "i"),
            r.name: _spi(i.name, i.interface, r.name, "r")}
    assert i.identity is not None and r.identity is not None

    def view(side: _Side, peer: _Side) -> SideView:
        config, profile = side.config, side.prof
        dpd = profile.dpd or config.ikev2.dpd
        mtu = None
        if fragmentation != "none":
            mtu = crypto.fragmentation_mtu_in_use(config.ikev2.fragmentation_mtu,
                                                  side.mode.transport, nat)
        nat_t = ("inside" if side.ep.behind_nat else "outside" if peer.ep.behind_nat
                 else "not-detected")
        assert side.ipsec is not None and side.identity is not None and peer.identity is not None
        return SideView(
            router=side.name, peer=peer.name, interface=side.interface, tunnel_id=1,
            local_address=_show_address(side.local), local_port=crypto.NAT_T_PORT if nat
            else crypto.IKE_PORT, remote_address=_show_address(peer.seen),
            remote_port=crypto.NAT_T_PORT if nat else crypto.IKE_PORT,
            fvrf=_vrf_show(side.fvrf), ivrf=_vrf_show(side.ivrf),
            encryption=suite.encryption_show, keysize=suite.keysize, prf=suite.prf_show,
            hash=suite.hash_show, dh_group=suite.dh_group,
            auth_sign=AUTH_SHOW[profile.auth_local[0].method],
            auth_verify=AUTH_SHOW[peer.prof.auth_local[0].method],
            life_time=profile.lifetime or crypto.DEFAULT_IKE_LIFETIME,
            local_spi=spis[side.name], remote_spi=spis[peer.name],
            local_id=_identity_show(side.identity), remote_id=_identity_show(peer.identity),
            local_window=config.ikev2.window or crypto.DEFAULT_WINDOW,
            remote_window=peer.config.ikev2.window or crypto.DEFAULT_WINDOW,
            dpd_interval=dpd.interval if dpd else 0, dpd_retry=dpd.retry if dpd else 0,
            fragmentation=fragmentation, fragmentation_mtu=mtu, nat_t=nat_t,
            sgt="enabled" if sgt else "disabled", initiator=side.is_initiator,
            ikev2_profile=profile.name, ipsec_profile=side.ipsec.name,
            transform_set=side.transform_set, tunnel_mode=side.mode.text,
            flow=_flow(side, peer), virtual_template=side.virtual_template)

    return Outcome(Status.ESTABLISHED, "established", "negotiation done", i.name, r.name,
                   i.interface, suite, fragmentation, sgt, nat, (view(i, r), view(r, i)),
                   tuple(notes))


# --- a whole fleet --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Session:
    """One IKEv2 attempt in a fleet: which router initiates from which tunnel, to whom.
    ``client`` names the ``crypto ikev2 client flexvpn`` block when a client peer was used."""

    initiator: str
    tunnel: str
    responder: str | None
    destination: str | None
    outcome: Outcome
    client: str | None = None

    @property
    def views(self) -> tuple[SideView, ...]:
        return self.outcome.views


def _address_index(routers: Mapping[str, Endpoint]) -> dict[IpAddress, str]:
    index: dict[IpAddress, str] = {}
    for name in sorted(routers):
        endpoint = routers[name]
        for addr in endpoint.config.address_owners:
            index.setdefault(addr, name)
        public = _parse_ip(endpoint.nat_public_address)
        if public is not None:
            index.setdefault(public, name)
    return index


def _owner(index: dict[IpAddress, str], routers: Mapping[str, Endpoint], dest: str | None,
           self_name: str) -> Endpoint | None:
    addr = _parse_ip(dest)
    owner = index.get(addr) if addr is not None else None
    return routers[owner] if owner is not None and owner != self_name else None


def predict_sessions(routers: Mapping[str, Endpoint]) -> list[Session]:
    """Negotiate every static tunnel and every FlexVPN client of a fleet.

    Static tunnels: every protected ``interface Tunnel`` with an address destination, initiated
    by its router towards the router owning that address (interfaces or NAT public address).
    Two routers with tunnels pointing at each other form ONE SA, initiated by the router whose
    name sorts first (unless that side never initiates: then the other one does, and no session
    is listed for the silent side). FlexVPN clients: the ``client connect`` tunnel tries the
    client's peers in sequence order; the first ESTABLISHED peer wins, else the most informative
    failure (one past NO_RESPONDER, else a known router that is down). Tunnels with ``tunnel
    destination dynamic`` are only brought up by a client. Established views get per-router
    tunnel ids 1..n and per-responder Virtual-Access numbers 1..n in (peer, interface) order, so
    the numbering is stable across runs. Sessions are returned sorted by (initiator, tunnel).
    """
    index = _address_index(routers)
    sessions: list[Session] = []
    paired: set[tuple[str, str]] = set()
    for name in sorted(routers):
        endpoint = routers[name]
        client_tunnels = {c.client_connect for c in endpoint.config.flexvpn_clients.values()}
        for client in endpoint.config.flexvpn_clients.values():
            if client.client_connect is not None:
                sessions.append(_client_session(endpoint, client.name, client.client_connect,
                                                peers=client.peers, index=index, routers=routers))
        for tunnel in endpoint.config.tunnels:
            if (tunnel.name in client_tunnels or tunnel.tunnel_protection is None
                    or tunnel.tunnel_destination in (None, "dynamic")
                    or (name, tunnel.name) in paired):
                continue
            responder = _owner(index, routers, tunnel.tunnel_destination, name)
            outcome = negotiate(endpoint, responder, tunnel.name)
            back = _mutual_tunnel(endpoint, tunnel, responder) if responder else None
            if back is not None and responder is not None:
                if outcome.status is Status.NOT_INITIATED:
                    continue  # this end never initiates: the other end's tunnel will
                paired.add((responder.name, back.name))
            sessions.append(Session(name, tunnel.name, responder.name if responder else None,
                                    tunnel.tunnel_destination, outcome))
    return _number(sessions)


def _mutual_tunnel(endpoint: Endpoint, tunnel: Interface, responder: Endpoint) -> Interface | None:
    try:
        local, _ = _source(endpoint.config, tunnel, tunnel.mode.transport)
    except _Fail:
        return None
    seen = _parse_ip(endpoint.nat_public_address) if endpoint.behind_nat else None
    dest = _parse_ip(tunnel.tunnel_destination)
    if dest is None:
        return None
    rconfig = responder.config
    r_local = dest if dest in rconfig.address_owners else None
    if r_local is None:
        inside = _nat_inside(rconfig, dest.version)
        r_local = inside[1] if inside else None
    if r_local is None:
        return None
    return _static_tunnel_back(rconfig, seen or local, r_local)


def _client_session(endpoint: Endpoint, client: str, tunnel: str, *,
                    peers: tuple[tuple[int, str], ...], index: dict[IpAddress, str],
                    routers: Mapping[str, Endpoint]) -> Session:
    attempts: list[Session] = []
    for _, peer in peers:
        responder = _owner(index, routers, peer, endpoint.name)
        outcome = negotiate(endpoint, responder, tunnel, destination=peer)
        attempt = Session(endpoint.name, tunnel, responder.name if responder else None, peer,
                          outcome, client)
        if outcome.established:
            return attempt
        attempts.append(attempt)
    if not attempts:
        outcome = Outcome(Status.CONFIG_INCOMPLETE, "initiator-config",
                          f"{endpoint.name}: FlexVPN client {client} has no peer",
                          endpoint.name, None, tunnel)
        return Session(endpoint.name, tunnel, None, None, outcome, client)
    # Most informative first: a failure past reachability, then a known router that is down,
    # then an address nobody owns; peer order breaks ties.
    return min(attempts, key=lambda a: (a.outcome.status is Status.NO_RESPONDER,
                                        a.responder is None))


def _number(sessions: list[Session]) -> list[Session]:
    """Give every established view its per-router tunnel id (and Virtual-Access number)."""
    per_router: dict[str, list[tuple[tuple[str, str], int, int]]] = {}
    for s_index, session in enumerate(sessions):
        for v_index, view in enumerate(session.views):
            per_router.setdefault(view.router, []).append(
                ((view.peer, view.interface if view.virtual_template is None else ""), s_index,
                 v_index))
    replaced: dict[tuple[int, int], SideView] = {}
    for entries in per_router.values():
        entries.sort()
        access = 0
        for tunnel_id, (_, s_index, v_index) in enumerate(entries, start=1):
            view = sessions[s_index].views[v_index]
            changes: dict[str, Any] = {"tunnel_id": tunnel_id}
            if view.virtual_template is not None:
                access += 1
                changes["interface"] = f"Virtual-Access{access}"
            replaced[(s_index, v_index)] = dataclasses.replace(view, **changes)
    out = []
    for s_index, session in enumerate(sessions):
        numbered = session
        if session.views:
            views = tuple(replaced[(s_index, v)] for v in range(len(session.views)))
            numbered = dataclasses.replace(
                session, outcome=dataclasses.replace(session.outcome, views=views))
        out.append(numbered)
    out.sort(key=lambda s: (s.initiator, s.tunnel))
    return out


def views_by_router(sessions: list[Session]) -> dict[str, list[SideView]]:
    """Each router's established SAs (its side), ordered by tunnel id: what the lab shows."""
    out: dict[str, list[SideView]] = {}
    for session in sessions:
        for view in session.views:
            out.setdefault(view.router, []).append(view)
    for views in out.values():
        views.sort(key=lambda v: v.tunnel_id)
    return out
