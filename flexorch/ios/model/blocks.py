"""The crypto, AAA and PKI blocks of the typed config view, with IOS's built-in defaults.

Secrets and identities; IKEv2 proposals, policies, keyrings, profiles, name manglers,
authorization policies, globals and FlexVPN clients; IPsec transform sets and profiles; RADIUS
servers and AAA lists; trustpoints and certificate maps. A part of ``flexorch.ios.model``: import
these names from there (see its docstring).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from flexorch.ios.facts import crypto
from flexorch.ios.facts.keys import type7_decode
from flexorch.ios.model.interfaces import IpNetwork


@dataclass(frozen=True, slots=True)
class Secret:
    """A key read from config. ``value`` is None when it cannot be known (type 6 ciphertext)."""

    encryption: int  # 0 clear text, 6 AES (master key needed), 7 reversible
    value: str | None = field(repr=False)

    @classmethod
    def parse(cls, words: list[str]) -> Secret | None:
        """``[0|6|7] <key...>`` -> Secret; None when no key is given."""
        if not words:
            return None
        if words[0] in ("0", "6", "7") and len(words) > 1:
            kind, text = int(words[0]), " ".join(words[1:])
        else:
            kind, text = 0, " ".join(words)
        if kind == 6:
            return cls(6, None)
        return cls(kind, type7_decode(text) if kind == 7 else text)

    def same_as(self, other: Secret) -> bool | None:
        """Whether two keys are equal; None when either value is unknown."""
        if self.value is None or other.value is None:
            return None
        return self.value == other.value

    def __repr__(self) -> str:
        return f"Secret(type {self.encryption}, ******)"


@dataclass(frozen=True, slots=True)
class Identity:
    """An IKE identity (``identity local fqdn x``) or an identity pattern (``match identity remote
    fqdn domain x``, keyring ``identity email domain x``, ``match identity remote address 10.0.0.0
    255.0.0.0``). ``kind``: address, fqdn, email, key-id, dn. ``value`` is '' for ``dn``."""

    kind: str
    value: str
    domain: bool = False

    def show(self) -> str:
        return self.value

    def match_score(self, presented: Identity) -> int:  # noqa: PLR0911 - one exit per rule
        """How specifically this pattern matches a presented identity: 0 no match, 1 address
        range / domain, 2 exact (used for "most specific wins")."""
        if self.kind != presented.kind:
            return 0
        if self.kind == "address":
            try:
                net = ipaddress.ip_network(self.value, strict=False)
                addr = ipaddress.ip_address(presented.value)
            except ValueError:
                return 0
            if addr.version != net.version or addr not in net:
                return 0
            return 2 if net.prefixlen == net.max_prefixlen else 1
        if self.domain:
            sep = "@" if self.kind == "email" else "."
            tail = presented.value.lower().rsplit(sep, 1)[-1] if self.kind == "email" else None
            if tail is not None:
                return 1 if tail == self.value.lower() else 0
            name = presented.value.lower()
            dom = self.value.lower()
            return 1 if name == dom or name.endswith(sep + dom) else 0
        return 2 if self.value.lower() == presented.value.lower() else 0


@dataclass(frozen=True, slots=True)
class Proposal:
    """``crypto ikev2 proposal``: transform lists in preference order (keywords)."""

    name: str
    encryption: tuple[str, ...] = ()
    integrity: tuple[str, ...] = ()
    prf: tuple[str, ...] = ()
    group: tuple[str, ...] = ()

    @property
    def problems(self) -> list[str]:
        return crypto.proposal_problems(self.encryption, self.integrity, self.prf, self.group)

    @property
    def complete(self) -> bool:
        return not self.problems

    def spec(self) -> crypto.ProposalSpec:
        return crypto.ProposalSpec(self.name, self.encryption, self.integrity, self.prf, self.group)


DEFAULT_PROPOSAL = Proposal(
    crypto.DEFAULT_PROPOSAL_NAME,
    **crypto.DEFAULT_PROPOSAL_TRANSFORMS,
)


@dataclass(frozen=True, slots=True)
class Policy:
    """``crypto ikev2 policy``: match fvrf (names or 'any'), match address local, proposals."""

    name: str
    match_fvrf: tuple[str, ...] = ()
    match_address_local: tuple[str, ...] = ()
    proposals: tuple[str, ...] = ()


DEFAULT_POLICY = Policy(crypto.DEFAULT_POLICY_NAME, ("any",), (), (crypto.DEFAULT_PROPOSAL_NAME,))


@dataclass(frozen=True, slots=True)
class KeyringPeer:
    """A ``peer`` block of an IKEv2 keyring."""

    name: str
    address: IpNetwork | None = None
    hostname: str | None = None
    identities: tuple[Identity, ...] = ()
    psk: Secret | None = field(default=None, repr=False)
    psk_local: Secret | None = field(default=None, repr=False)
    psk_remote: Secret | None = field(default=None, repr=False)

    @property
    def local_key(self) -> Secret | None:
        return self.psk_local or self.psk

    @property
    def remote_key(self) -> Secret | None:
        return self.psk_remote or self.psk


@dataclass(frozen=True, slots=True)
class Keyring:
    name: str
    peers: tuple[KeyringPeer, ...] = ()


@dataclass(frozen=True, slots=True)
class AuthMethod:
    """``authentication local|remote pre-share|rsa-sig|ecdsa-sig|eap [key ...]``."""

    method: str  # pre-share, rsa-sig, ecdsa-sig, eap
    key: Secret | None = field(default=None, repr=False)
    options: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Dpd:
    interval: int
    retry: int
    mode: str = "periodic"


@dataclass(frozen=True, slots=True)
class AaaAuthorization:
    """``aaa authorization user|group [override] psk|cert|eap`` then ``cached`` or
    ``list L [name | name-mangler M] [password P]``."""

    scope: str  # user or group
    auth: str  # psk, cert, eap
    method_list: str | None = None
    name: str | None = None
    name_mangler: str | None = None
    override: bool = False
    cached: bool = False
    password: Secret | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class Profile:
    """``crypto ikev2 profile``: matching, identities, authentication, keyring and the rest."""

    name: str
    description: str | None = None
    match_identities: tuple[Identity, ...] = ()
    match_any: bool = False
    match_certificates: tuple[str, ...] = ()
    match_fvrf: tuple[str, ...] = ()
    match_address_local: tuple[str, ...] = ()  # addresses, or canonical interface names
    identity_local: Identity | None = None
    auth_local: tuple[AuthMethod, ...] = ()
    auth_remote: tuple[AuthMethod, ...] = ()
    keyring_local: str | None = None
    keyring_aaa: str | None = None
    keyring_aaa_name_mangler: str | None = None
    pki_trustpoints: tuple[str, ...] = ()
    dpd: Dpd | None = None
    nat_keepalive: int | None = None
    nat_force_encap: bool = False
    virtual_template: int | None = None
    virtual_template_mode_auto: bool = False
    ivrf: str | None = None
    aaa_authentication_eap: str | None = None
    aaa_authorization: tuple[AaaAuthorization, ...] = ()
    aaa_accounting: tuple[tuple[str, str], ...] = ()  # (psk|cert|eap|all, method list)
    config_exchange_request: bool = True
    config_exchange_set_send: bool = True
    config_exchange_set_accept: bool = True
    session_lifetime: int | None = None
    lifetime: int | None = None
    lifetime_certificate: bool = True

    @property
    def has_match(self) -> bool:
        """A profile without match identity/certificate is incomplete and never matched."""
        return bool(self.match_identities or self.match_any or self.match_certificates)


@dataclass(frozen=True, slots=True)
class NameMangler:
    name: str
    rules: tuple[tuple[str, str], ...] = ()  # (fqdn|email|dn|eap, rest), e.g. ("fqdn", "hostname")


@dataclass(frozen=True, slots=True)
class AuthorizationPolicy:
    name: str
    route_set_interface: bool = False
    route_accept_any: bool = False
    route_set: tuple[str, ...] = ()  # "local ipv4 ...", "remote ipv4 ...", "access-list ..."
    pool: str | None = None
    def_domain: str | None = None
    aaa_attribute_list: str | None = None
    other: tuple[str, ...] = ()
    # ``route accept any [tag N] [distance N]`` (real: gh-vyos-docs-flexvpn-hub-cisco), ``no
    # route accept`` (routes the peer pushes are refused), ``ipsec flow-limit N``.
    route_accept: bool = True
    route_accept_tag: int | None = None
    route_accept_distance: int | None = None
    ipsec_flow_limit: int | None = None


@dataclass(frozen=True, slots=True)
class TransformSet:
    name: str
    transforms: tuple[str, ...]
    mode: str = "tunnel"

    @property
    def esp(self) -> crypto.EspSuite | None:
        return crypto.esp_suite(self.transforms)


DEFAULT_TRANSFORM_SET = TransformSet(
    crypto.DEFAULT_TRANSFORM_SET_NAME, crypto.DEFAULT_TRANSFORM_SET
)


@dataclass(frozen=True, slots=True)
class IpsecProfile:
    name: str
    transform_sets: tuple[str, ...] = ()
    ikev2_profile: str | None = None
    pfs_group: int | None = None
    mixed_mode: bool = False
    reverse_route: bool = False
    sa_lifetime_seconds: int | None = None
    sa_lifetime_kilobytes: int | None = None
    replay: tuple[str, ...] = ()  # ``set security-association replay window-size N`` / ``disable``
    responder_only: bool = False


DEFAULT_IPSEC_PROFILE = IpsecProfile(
    crypto.DEFAULT_IPSEC_PROFILE_NAME,
    (crypto.DEFAULT_TRANSFORM_SET_NAME,),
    crypto.DEFAULT_IKEV2_PROFILE_NAME,
)


@dataclass(frozen=True, slots=True)
class CryptoMapEntry:
    """One sequence of ``crypto map NAME SEQ ipsec-isakmp [dynamic DMAP]`` (or of ``crypto
    dynamic-map NAME SEQ``): its peers in order, transform sets, IKEv2 profile (none: IKEv1),
    PFS group and ACL (Cisco "IKEv2 and Legacy VPNs": crypto-map based IKEv2 peers)."""

    name: str
    sequence: int
    peers: tuple[str, ...] = ()
    transform_sets: tuple[str, ...] = ()
    ikev2_profile: str | None = None
    pfs_group: int | None = None
    match_address: str | None = None
    dynamic_map: str | None = None  # ``ipsec-isakmp dynamic DMAP``: the entry defers to it


@dataclass(frozen=True, slots=True)
class Ikev2Globals:
    """Global ``crypto ikev2 ...`` lines."""

    fragmentation: bool = False
    fragmentation_mtu: int | None = None
    cts_sgt: bool = False
    nat_keepalive: int | None = None
    dpd: Dpd | None = None
    window: int | None = None
    cookie_challenge: int | None = None
    limit_max_sa: int | None = None
    limit_max_in_negotiation: tuple[tuple[int, str], ...] = ()  # (count, incoming|outgoing)
    disconnect_revoked_peers: bool = False
    http_url_cert: bool = False
    certificate_cache: int | None = None
    diagnose_error: int | None = None
    redirect: tuple[str, ...] = ()
    reconnect: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FlexvpnClient:
    """``crypto ikev2 client flexvpn``: peers in sequence order and the tunnel it connects."""

    name: str
    peers: tuple[tuple[int, str], ...] = ()  # (sequence, address or "fqdn <name>")
    client_connect: str | None = None
    other: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RadiusServer:
    name: str
    address: str | None = None
    auth_port: int | None = None
    acct_port: int | None = None
    key: Secret | None = field(default=None, repr=False)


@dataclass(frozen=True, slots=True)
class Aaa:
    new_model: bool = False
    # "authentication login" / "authorization network" / "accounting network" -> name -> methods
    method_lists: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    server_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    radius_servers: dict[str, RadiusServer] = field(default_factory=dict)
    attribute_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Trustpoint:
    name: str
    enrollment_url: str | None = None
    subject_name: str | None = None
    revocation_check: tuple[str, ...] = ()
    other: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CertificateMapEntry:
    """One sequence of a certificate map: all its rules must hold (field, operator, value)."""

    sequence: int
    rules: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Pki:
    trustpoints: dict[str, Trustpoint] = field(default_factory=dict)
    certificate_maps: dict[str, tuple[CertificateMapEntry, ...]] = field(default_factory=dict)
    crl_schedule: tuple[str, ...] = ()
