"""The IKEv2 and IPsec blocks of the typed config view, with IOS's built-in defaults.

IKEv2 proposals, policies, keyrings, profiles, name manglers, authorization policies, globals
and FlexVPN clients; IPsec transform sets, profiles and globals. A part of
``flexorch.ios.model``: import these names from there (see its docstring).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flexorch.ios.facts import crypto
from flexorch.ios.model.values import Identity, IpNetwork, Secret


@dataclass(frozen=True, slots=True)
class Proposal:
    """``crypto ikev2 proposal``: transform lists in preference order (keywords)."""

    name: str
    encryption: tuple[str, ...] = ()
    integrity: tuple[str, ...] = ()
    prf: tuple[str, ...] = ()
    group: tuple[str, ...] = ()
    # ``pqc mlkem768 [optional]`` (IOS XE 26, RFC 9370 additional key exchanges; real in
    # tests/fixtures/real/gh-juliogomez-iosxe26-pqc-svti): ML-KEM groups, and whether a peer
    # without them is still accepted.
    pqc: tuple[str, ...] = ()
    pqc_optional: bool = False

    @property
    def problems(self) -> list[str]:
        return crypto.proposal_problems(self.encryption, self.integrity, self.prf, self.group)

    @property
    def complete(self) -> bool:
        return not self.problems

    def spec(self) -> crypto.ProposalSpec:
        return crypto.ProposalSpec(self.name, self.encryption, self.integrity, self.prf, self.group)


_DEFAULT = crypto.DEFAULT_PROPOSAL_TRANSFORMS
DEFAULT_PROPOSAL = Proposal(crypto.DEFAULT_PROPOSAL_NAME, _DEFAULT["encryption"],
                            _DEFAULT["integrity"], _DEFAULT["prf"], _DEFAULT["group"])


@dataclass(frozen=True, slots=True)
class Policy:
    """``crypto ikev2 policy``: match fvrf (names or 'any'), match address local, proposals."""

    name: str
    match_fvrf: tuple[str, ...] = ()
    match_address_local: tuple[str, ...] = ()
    proposals: tuple[str, ...] = ()
    description: str | None = None


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
    description: str | None = None
    # ``ppk manual id ID key KEY [required]`` / ``ppk dynamic NAME`` (RFC 8784 post-quantum
    # preshared keys; real in gh-juliogomez-iosxe26-pqc-svti).
    ppk_id: str | None = None
    ppk_key: Secret | None = field(default=None, repr=False)
    ppk_dynamic: str | None = None
    ppk_required: bool = False

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
    description: str | None = None


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
    # ``pki trustpoint X sign|verify``: (trustpoint, use) for the trustpoints limited to one use;
    # a trustpoint named without a use signs and verifies.
    pki_trustpoint_use: tuple[tuple[str, str], ...] = ()
    keyring_aaa_password: Secret | None = field(default=None, repr=False)
    redirect_gateway_auth: bool = False
    reconnect_timeout: int | None = None  # ``reconnect [timeout N]`` (0: no timeout given)
    shutdown: bool = False

    @property
    def has_match(self) -> bool:
        """A profile without match identity/certificate is incomplete and never matched."""
        return bool(self.match_identities or self.match_any or self.match_certificates)


@dataclass(frozen=True, slots=True)
class NameMangler:
    name: str
    rules: tuple[tuple[str, str], ...] = ()  # (fqdn|email|dn|eap, rest), e.g. ("fqdn", "hostname")


@dataclass(frozen=True, slots=True)
class LocalPool:
    """``ip local pool NAME START [END]`` (lines with one name add ranges) or ``ipv6 local pool
    NAME PREFIX/LEN LEN`` (``prefix_length``: the length of each assigned prefix)."""

    name: str
    ranges: tuple[tuple[str, str], ...] = ()
    prefix_length: int | None = None


@dataclass(frozen=True, slots=True)
class RouteSet:
    """``route set {local|remote} {ipv4 A M|ipv6 P} [tag N] [distance N]``."""

    side: str  # local, remote
    network: str  # "192.168.6.0/24", "2001:DB8::/64"
    tag: int | None = None
    distance: int | None = None


@dataclass(frozen=True, slots=True)
class AuthorizationPolicy:
    """``crypto ikev2 authorization policy``: what the FlexVPN server pushes (mode config) and
    which routes it installs. ``route_accept``: False after ``no route accept`` (the peer's
    routes are refused), else True (IOS's default; ``route accept any [tag N] [distance N]``
    sets ``route_accept_any`` and the tag and distance of the installed routes)."""

    name: str
    route_set_interface: bool = False
    route_set_interface_name: str | None = None
    route_accept_any: bool = False
    route_accept: bool = True
    route_accept_tag: int | None = None
    route_accept_distance: int | None = None
    route_set: tuple[str, ...] = ()  # as written after ``route set``: "local ipv4 ...", ...
    route_sets: tuple[RouteSet, ...] = ()
    route_set_access_lists: tuple[tuple[int, str], ...] = ()  # (4 or 6, ACL name or number)
    pool: str | None = None
    ipv6_pool: str | None = None
    dns: tuple[str, ...] = ()
    wins: tuple[str, ...] = ()
    netmask: str | None = None
    def_domain: str | None = None
    split_dns: tuple[str, ...] = ()
    backup_gateways: tuple[str, ...] = ()
    subnet_acl: str | None = None
    banner: str | None = None
    aaa_attribute_list: str | None = None
    session_lifetime: int | None = None
    ipsec_flow_limit: int | None = None  # ``ipsec flow-limit N``: IPsec SAs per IKE SA
    other: tuple[str, ...] = ()  # lines of the policy the model did not read (also ``unread``)


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
    idle_time: int | None = None
    sa_lifetime_days: int | None = None
    sa_lifetime_kilobytes_disabled: bool = False
    isakmp_profile: str | None = None
    description: str | None = None


DEFAULT_IPSEC_PROFILE = IpsecProfile(
    crypto.DEFAULT_IPSEC_PROFILE_NAME,
    (crypto.DEFAULT_TRANSFORM_SET_NAME,),
    crypto.DEFAULT_IKEV2_PROFILE_NAME,
)


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
    http_url_cert: bool = True  # IOS's default; ``no crypto ikev2 http-url cert`` turns it off
    certificate_cache: int | None = None
    diagnose_error: int | None = None
    redirect: tuple[str, ...] = ()
    reconnect: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CryptoMapEntry:
    """One sequence of ``crypto map NAME SEQ ipsec-isakmp`` (or of ``crypto dynamic-map``): the
    peers, transform sets and IKE profile of the SAs for the traffic its ACL matches. With
    ``set ikev2-profile`` the map negotiates IKEv2 (real: tests/fixtures/real/
    gh-atrubin-otus-ikev2-cryptomap); applied by ``crypto map NAME`` on an interface."""

    name: str
    sequence: int
    peers: tuple[str, ...] = ()
    transform_sets: tuple[str, ...] = ()
    ikev2_profile: str | None = None  # none: the entry negotiates IKEv1
    pfs_group: int | None = None
    match_address: str | None = None  # the ACL (name or number)
    dynamic_map: str | None = None  # ``ipsec-isakmp dynamic NAME``: the entry defers to it
    kind: str = "ipsec-isakmp"  # ipsec-isakmp, ipsec-manual, gdoi, dynamic (a dynamic map)
    description: str | None = None
    isakmp_profile: str | None = None
    sa_lifetime_seconds: int | None = None
    sa_lifetime_kilobytes: int | None = None
    reverse_route: bool = False
    # ``crypto map ipv6 NAME SEQ``: an IPv6 crypto map, applied by ``ipv6 crypto map NAME``
    # (Cisco IOS Security Command Reference, "crypto map (global IPsec)")
    ipv6: bool = False


@dataclass(frozen=True, slots=True)
class IpsecGlobals:
    """Global ``crypto ipsec ...`` lines (defaults for every IPsec SA)."""

    sa_lifetime_seconds: int | None = None
    sa_lifetime_kilobytes: int | None = None
    sa_lifetime_kilobytes_disabled: bool = False  # ``lifetime kilobytes disable``: no volume rekey
    replay_window: int | None = None
    replay_disabled: bool = False
    df_bit: str | None = None  # clear, set, copy


@dataclass(frozen=True, slots=True)
class FlexvpnClient:
    """``crypto ikev2 client flexvpn``: peers in sequence order and the tunnel it connects."""

    name: str
    peers: tuple[tuple[int, str], ...] = ()  # (sequence, address or "fqdn <name> [dynamic]")
    client_connect: str | None = None
    client_inside: tuple[str, ...] = ()
    connect: str | None = None  # auto, manual, "track N [up|down]"
    sources: tuple[tuple[int, str], ...] = ()  # (sequence, interface)
    backup_groups: tuple[str, ...] = ()
    peer_reactivate: bool = False
    peer_tracks: tuple[tuple[int, int], ...] = ()  # (peer sequence, track object)


