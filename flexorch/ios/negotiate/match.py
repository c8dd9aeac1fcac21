"""The guide's selection rules on one router's config: the IKEv2 policy, the identity a router
sends, certificate maps, the responder's profile, the keyring peer block and the name mangler.

A part of ``flexorch.ios.negotiate``: import these names from there.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from typing import Any

from flexorch.ios.facts import compliance, crypto
from flexorch.ios.model import (
    DEFAULT_POLICY,
    Identity,
    IpAddress,
    Keyring,
    KeyringPeer,
    Policy,
    Profile,
    RouterConfig,
)
from flexorch.ios.negotiate.types import by_tables, is_learned, parse_ip, show_address


def select_policy(config: RouterConfig, fvrf: str | None, local: IpAddress) -> Policy | None:
    """The IKEv2 policy for a local address in an FVRF (None = global), by the guide's rules.

    A policy's fvrf matches are OR'ed (``any`` matches every FVRF; with none, the policy covers
    only the global FVRF); its local-address matches are OR'ed (none: any address); both types
    must hold. Most specific wins: a matching local address beats no address match, then a named
    FVRF beats the implicit global one, which beats ``any``; ties go to the first configured.
    Policies without a ``proposal`` line are incomplete and skipped. With no match the ``default``
    policy is used (the configured one if the config redefines it, else IOS's built-in unless
    ``no crypto ikev2 policy default`` removed it: then None).
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
    if configured is not None and configured.proposals:
        return configured
    return None if "ikev2-policy" in config.disabled_defaults else DEFAULT_POLICY


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
    if any(parse_ip(a) == local for a in policy.match_address_local):
        return (1, vrf_level)
    return None


def proposal_spec(config: RouterConfig, name: str, defaults: crypto.SmartDefaults | None
                  ) -> crypto.ProposalSpec | None:
    """A proposal of ``config`` by name; ``default`` (unless the config redefines it) is IOS's
    built-in one of the router's train, or None when ``defaults`` is None (disabled)."""
    proposal = config.proposals.get(name)
    if proposal is not None:
        return proposal.spec()
    if name != crypto.DEFAULT_PROPOSAL_NAME or defaults is None:
        return None
    return crypto.ProposalSpec(name, defaults.encryption, defaults.integrity, defaults.prf,
                               defaults.group)


def policy_specs(config: RouterConfig, policy: Policy, defaults: crypto.SmartDefaults | None,
                 refuses_weak: bool = False) -> list[crypto.ProposalSpec]:
    """The proposals a policy offers, in its order (a name that is not defined is skipped), as
    the router uses them: without their weak algorithms when it ``refuses_weak`` (IOS-XE
    17.11+, ``facts.compliance``). Computed once per proposals table (``by_tables``): the
    routers of a fleet share theirs."""
    def make() -> list[crypto.ProposalSpec]:
        specs = [spec for name in policy.proposals
                 if (spec := proposal_spec(config, name, defaults)) is not None]
        return [compliance.without_weak(spec) for spec in specs] if refuses_weak else specs

    return by_tables(("policy-specs", policy.proposals, id(config.proposals), id(defaults),
                      refuses_weak), (config.proposals, defaults), make)


def describe_proposals(config: RouterConfig, policy: Policy,
                       defaults: crypto.SmartDefaults | None) -> str:
    parts = []
    for name in policy.proposals:
        spec = proposal_spec(config, name, defaults)
        problems = crypto.proposal_problems(spec.encryption, spec.integrity, spec.prf,
                                            spec.groups) if spec is not None else []
        if spec is None:
            parts.append(f"{name} (not defined)")
        elif problems:
            parts.append(f"{name} (incomplete: {'; '.join(problems)})")
        else:
            parts.append(name)
    return f"policy {policy.name}: " + (", ".join(parts) or "no proposal")


# --- identities and certificates ----------------------------------------------------------------
_DN_KEY = re.compile(r"(^|,)(\s*)([A-Za-z][A-Za-z0-9.-]*)\s*=")


def dn_show(subject: str) -> str:
    """A subject DN as IOS prints it in ``Local id`` / ``Remote id``: attribute keys in lower
    case, values and separators as written (``subject-name CN=R61`` shows as ``cn=R61``; real
    outputs in tests/fixtures/real/gh-skydevil-lab14-gre-dmvpn).

    >>> dn_show("CN=R15, OU=VPN, O=trubin")
    'cn=R15, ou=VPN, o=trubin'
    """
    return _DN_KEY.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3).lower()}=", subject)


def certificate_subject(config: RouterConfig, profile: Profile) -> str:
    """The subject DN IOS prints for this router's certificate: ``hostname=<fqdn>[,<subject>]``
    (the hostname attribute IOS adds on enrolment, then the trustpoint's ``subject-name``). It
    is the ``identity local dn`` identity, and what a peer's ``match certificate`` map reads
    whatever identity type the router sends."""
    host = config.hostname or "Router"
    if config.domain_name:
        host = f"{host}.{config.domain_name}"
    for name in profile.pki_trustpoints or tuple(config.pki.trustpoints):
        trustpoint = config.pki.trustpoints.get(name)
        if trustpoint is not None and trustpoint.subject_name:
            return f"hostname={host},{dn_show(trustpoint.subject_name)}"
    return f"hostname={host}"


def local_identity(config: RouterConfig, profile: Profile, local: IpAddress) -> Identity:
    """The identity a router sends: ``identity local``, else its local address (guide)."""
    ident = profile.identity_local
    if ident is None:
        return Identity("address", str(local))
    if ident.kind == "dn":
        return Identity("dn", certificate_subject(config, profile))
    return ident


# How an address identity learned at run time shows (the config cannot tell its value).
LEARNED_IDENTITY = "(learned at run time: a dhcp/negotiated/autoconfig address)"


def identity_show(ident: Identity) -> str:
    if ident.kind == "address":
        addr = parse_ip(ident.value)
        if addr is not None and is_learned(addr):
            return LEARNED_IDENTITY
        return show_address(addr) if addr is not None else ident.value
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


_DN_SPACING = re.compile(r"\s*([=,])\s*")


def _dn_text(text: str) -> str:
    """A DN or a map value in one spelling: lower case, no blanks around ``=`` and ``,``. IOS
    shows a typed ``subject-name co ou=DMVPN`` as ``subject-name co ou = dmvpn`` (IOL 15.4/15.7,
    gh-kononenkoyury-otus-lab45-dmvpn-ikev2-rsa: the map a working DMVPN matched its spokes'
    ``ou=DMVPN`` certificates with), so the blanks are IOS's rendering, not part of the value."""
    return _DN_SPACING.sub(r"\1", text.strip().lower())


def _cert_rule(field_: str, op: str, value: str, subject: str) -> bool:
    if field_ != "subject-name":
        return True
    value = _dn_text(value)
    whole = _dn_text(subject)
    fields = [(k, v.lower()) for k, v in _dn_fields(whole)]
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
def local_matches(config: RouterConfig, profile: Profile, fvrf: str | None, local: IpAddress
                   ) -> bool:
    if profile.match_fvrf:
        if "any" not in profile.match_fvrf and fvrf not in profile.match_fvrf:
            return False
    elif fvrf is not None:
        return False  # a profile without ``match fvrf`` covers the global FVRF only
    if profile.match_address_local:
        targets: list[IpAddress] = []
        for target in profile.match_address_local:
            addr = parse_ip(target)
            if addr is not None:
                targets.append(addr)
            else:
                intf = config.interface(target)
                targets += intf.addresses() if intf else []
                if intf is not None and is_learned(local) and intf.learns(local.version):
                    # the address the interface learns (``ip address dhcp``) is the local one:
                    # an Azure CSR1000v's profile matches its DHCP WAN by name
                    # (tests/fixtures/real/gh-fabferri-vwan-csr164-svti/csr1.cfg). The model
                    # cannot tell two such interfaces apart: either matches.
                    targets.append(local)
        return local in targets
    return True



def identity_score(config: RouterConfig, profile: Profile, peer_id: Identity, peer_cert: bool,
                   subject: str | None = None) -> int:
    """How well a profile's identity/certificate matches fit a peer: 0 none, 1 ``any``, 2 a
    domain or address range, 3 exact or a certificate map. Certificate matches take precedence
    over identity matches for a peer that authenticates with a certificate; matches of one type
    are OR'ed.

    ``subject``: the subject DN of the peer's certificate (default: its identity when a DN).
    ``match certificate`` reads the certificate, not the IKE identity, so a peer sending its
    address as identity is still matched by its certificate (guide, IKEv2 profile: "match
    identity (for identity-based peers) or match certificate (for certificate-based peers
    using PKI maps)"; certificate map rules name certificate fields, which an address lacks).
    """
    if subject is None and peer_id.kind == "dn":
        subject = peer_id.value
    if profile.match_certificates and peer_cert and subject is not None:
        return 3 if any(certificate_map_matches(config, m, subject)
                        for m in profile.match_certificates) else 0
    index = _identity_index(config, profile)
    if index.exact_match(peer_id):
        return 3  # an exact rule: the most specific there is
    if index.range_match(peer_id) or any(rule.match_score(peer_id) for rule in index.domains):
        return 2
    return 1 if profile.match_any else 0


@dataclass
class _IdentityIndex:
    """A profile's ``match identity remote`` rules split for lookup, with the scores of
    ``Identity.match_score``: an exact rule scores 2 exactly when the presented identity equals
    it (same kind; the value case-insensitively, an address as a number), so exact rules are
    answered by a set lookup; an address range (1) is parsed once; a domain rule (1) is scored
    by ``match_score`` itself. An address rule that does not parse never matches and is dropped.
    A hub whose profile has one line per spoke would otherwise score every line for every
    spoke (O(spokes^2))."""

    names: set[tuple[str, str]] = field(default_factory=set)  # (kind, value lowered)
    hosts: set[tuple[int, int]] = field(default_factory=set)  # (IP version, address as int)
    ranges: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = field(default_factory=list)
    domains: list[Identity] = field(default_factory=list)

    def exact_match(self, peer_id: Identity) -> bool:
        if peer_id.kind == "address":
            addr = _identity_address(peer_id) if self.hosts else None
            return addr is not None and (addr.version, int(addr)) in self.hosts
        return (peer_id.kind, peer_id.value.lower()) in self.names

    def range_match(self, peer_id: Identity) -> bool:
        addr = _identity_address(peer_id) if self.ranges else None
        return addr is not None and any(addr.version == net.version and addr in net
                                        for net in self.ranges)


def _identity_address(peer_id: Identity) -> IpAddress | None:
    if peer_id.kind != "address":
        return None
    try:
        return ipaddress.ip_address(peer_id.value)
    except ValueError:
        return None


def _identity_index(config: RouterConfig, profile: Profile) -> _IdentityIndex:
    """The profile's ``_IdentityIndex``, built once per config (cached in ``config.memo``)."""
    key = f"identity-index:{profile.name}"
    cached = config.memo.get(key)
    # The profile object is checked too: an index must never answer for another profile that
    # happens to share the name (a config rebuilt with replaced profiles has its own memo).
    if isinstance(cached, tuple) and cached[0] is profile:
        found: _IdentityIndex = cached[1]
        return found
    index = _IdentityIndex()
    for rule in profile.match_identities:
        if rule.kind == "address":
            try:
                net = ipaddress.ip_network(rule.value, strict=False)
            except ValueError:
                continue  # match_score: never matches
            if net.prefixlen == net.max_prefixlen:
                index.hosts.add((net.version, int(net.network_address)))
            else:
                index.ranges.append(net)
        elif rule.domain:
            index.domains.append(rule)
        else:
            index.names.add((rule.kind, rule.value.lower()))
    config.memo[key] = (profile, index)
    return index


def match_responder_profile(config: RouterConfig, fvrf: str | None, local: IpAddress,
                            peer_id: Identity, peer_cert: bool, subject: str | None = None
                            ) -> Profile | None:
    """The responder's profile for an incoming peer: identity/certificate AND fvrf AND local
    address must match; the most specific identity match wins, then configuration order.
    Profiles without match identity/certificate are incomplete and never chosen. ``subject``:
    the peer's certificate subject (``identity_score``)."""
    best: tuple[int, Profile] | None = None
    for profile in config.profiles.values():
        if not profile.has_match or not local_matches(config, profile, fvrf, local):
            continue
        score = identity_score(config, profile, peer_id, peer_cert, subject)
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
