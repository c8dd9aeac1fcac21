"""RouterConfig: the typed FlexVPN view of an IOS-XE config.

Read from the shared indentation tree (``flexorch.ios.tree.ConfigTree``), so a whole running
config is read in one pass with no third-party parser. Tolerant by design: lines it does not know
are ignored (it reads whole running configs), and a malformed known line is kept as far as it can
be understood rather than raising. The view is read-only (frozen dataclasses; treat the dicts as
read-only too).

Secrets: keys are ``Secret`` objects whose repr is masked. Type 7 keys are decoded (type 7 is a
reversible obfuscation); type 6 keys are kept as "encrypted, value unknown" (``value is None``):
the negotiation model never claims AUTH_FAILED on a key it cannot read (see ``negotiate``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from flexorch.ios import crypto
from flexorch.ios.platform import interface_canonical
from flexorch.ios.tree import ConfigTree, Node

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IpNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IpInterface = ipaddress.IPv4Interface | ipaddress.IPv6Interface

_TYPE7_XLAT = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"


def _type7_decode(cipher: str) -> str | None:
    try:
        seed = int(cipher[:2])
        pairs = [int(cipher[i : i + 2], 16) for i in range(2, len(cipher), 2)]
        size = len(_TYPE7_XLAT)
        return "".join(chr(b ^ ord(_TYPE7_XLAT[(seed + n) % size])) for n, b in enumerate(pairs))
    except (ValueError, IndexError):
        return None


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
        return cls(kind, _type7_decode(text) if kind == 7 else text)

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
class TunnelMode:
    """``tunnel mode ...``: encapsulation, transport family and overlay family (None for GRE,
    which carries both)."""

    encapsulation: Literal["gre", "ipsec"]
    transport: int
    overlay: int | None
    multipoint: bool = False

    @property
    def mixed(self) -> bool:
        return self.overlay is not None and self.overlay != self.transport

    @property
    def text(self) -> str:
        if self.encapsulation == "gre":
            if self.multipoint:
                return "gre multipoint"
            return "gre ip" if self.transport == 4 else "gre ipv6"
        base = f"ipsec ipv{self.transport}"
        return base if not self.mixed else f"{base} v{self.overlay}-overlay"


DEFAULT_TUNNEL_MODE = TunnelMode("gre", 4, None)


def tunnel_mode_parse(words: list[str]) -> TunnelMode | None:
    """``gre ip`` / ``gre ipv6`` / ``ipsec ipv4 [v6-overlay]`` / ``ipsec ipv6 [v4-overlay]``."""
    if not words:
        return None
    if words[0] == "gre":
        if words[1:2] == ["multipoint"]:
            return TunnelMode("gre", 4, None, multipoint=True)
        return TunnelMode("gre", 6 if words[1:2] == ["ipv6"] else 4, None)
    if words[0] == "ipsec" and len(words) >= 2 and words[1] in ("ipv4", "ipv6"):
        transport = 4 if words[1] == "ipv4" else 6
        overlay = transport
        if len(words) >= 3 and words[2] in ("v4-overlay", "v6-overlay"):
            overlay = 4 if words[2] == "v4-overlay" else 6
        return TunnelMode("ipsec", transport, overlay)
    return None


@dataclass(frozen=True, slots=True)
class Interface:
    """One interface, with the tunnel and FlexVPN attributes the model uses."""

    name: str
    template_type: str | None = None  # "tunnel" for ``interface Virtual-TemplateN type tunnel``
    description: str | None = None
    shutdown: bool = False
    vrf: str | None = None  # ``vrf forwarding`` (the IVRF of a tunnel)
    ipv4: tuple[ipaddress.IPv4Interface, ...] = ()
    ipv4_dynamic: str | None = None  # ``ip address dhcp|negotiated``
    ipv6: tuple[ipaddress.IPv6Interface, ...] = ()
    unnumbered: str | None = None
    ipv6_unnumbered: str | None = None
    ipv6_enable: bool = False
    mtu: int | None = None
    tunnel_source: str | None = None  # canonical interface name or an address
    tunnel_destination: str | None = None  # address, hostname or "dynamic"
    tunnel_mode: TunnelMode | None = None  # None: the hidden default ``gre ip``
    tunnel_mode_text: str | None = None  # the words as written (for unknown modes)
    tunnel_vrf: str | None = None  # the FVRF
    tunnel_protection: str | None = None  # IPsec profile name
    tunnel_protection_ikev2_profile: str | None = None
    tunnel_key: str | None = None
    cts_sgt_inline: bool = False

    @property
    def kind(self) -> str:
        return self.name.rstrip("0123456789/.:")

    @property
    def is_tunnel(self) -> bool:
        return self.kind == "Tunnel"

    @property
    def is_virtual_template(self) -> bool:
        return self.kind == "Virtual-Template"

    @property
    def mode(self) -> TunnelMode:
        """The effective tunnel mode (IOS default ``gre ip`` when none is configured)."""
        return self.tunnel_mode or DEFAULT_TUNNEL_MODE

    def addresses(self, family: int | None = None) -> list[IpAddress]:
        """Configured addresses, primary IPv4 first, of one family or both."""
        out: list[IpAddress] = []
        if family in (None, 4):
            out += [i.ip for i in self.ipv4]
        if family in (None, 6):
            out += [i.ip for i in self.ipv6 if not i.ip.is_link_local]
        return out


@dataclass(frozen=True, slots=True)
class Vrf:
    name: str
    rd: str | None = None
    address_families: tuple[str, ...] = ()


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


@dataclass(frozen=True, eq=False)
class RouterConfig:
    """The typed FlexVPN view of one router's config. Build with ``from_text`` / ``from_tree``."""

    hostname: str | None = None
    domain_name: str | None = None
    vrfs: dict[str, Vrf] = field(default_factory=dict)
    interfaces: dict[str, Interface] = field(default_factory=dict)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    policies: dict[str, Policy] = field(default_factory=dict)
    keyrings: dict[str, Keyring] = field(default_factory=dict)
    profiles: dict[str, Profile] = field(default_factory=dict)
    name_manglers: dict[str, NameMangler] = field(default_factory=dict)
    authorization_policies: dict[str, AuthorizationPolicy] = field(default_factory=dict)
    transform_sets: dict[str, TransformSet] = field(default_factory=dict)
    ipsec_profiles: dict[str, IpsecProfile] = field(default_factory=dict)
    ikev2: Ikev2Globals = field(default_factory=Ikev2Globals)
    flexvpn_clients: dict[str, FlexvpnClient] = field(default_factory=dict)
    aaa: Aaa = field(default_factory=Aaa)
    pki: Pki = field(default_factory=Pki)
    password_encryption_aes: bool = False

    @classmethod
    def from_text(cls, text: str) -> RouterConfig:
        """Read IOS config text (a running config, or a rendered one)."""
        return cls.from_tree(ConfigTree.from_text(text))

    @classmethod
    def from_tree(cls, tree: ConfigTree) -> RouterConfig:
        """Read a ``ConfigTree``. Unknown lines are ignored; nothing raises on odd input."""
        return cls(**_read_tree(tree.roots))  # type: ignore[arg-type]

    # --- lookups with IOS smart defaults ----------------------------------------------------
    def proposal(self, name: str) -> Proposal | None:
        """A proposal by name; ``default`` is the built-in one unless the config redefines it."""
        if name in self.proposals:
            return self.proposals[name]
        return DEFAULT_PROPOSAL if name == crypto.DEFAULT_PROPOSAL_NAME else None

    def transform_set(self, name: str) -> TransformSet | None:
        if name in self.transform_sets:
            return self.transform_sets[name]
        return DEFAULT_TRANSFORM_SET if name == crypto.DEFAULT_TRANSFORM_SET_NAME else None

    def ipsec_profile(self, name: str) -> IpsecProfile | None:
        if name in self.ipsec_profiles:
            return self.ipsec_profiles[name]
        return DEFAULT_IPSEC_PROFILE if name == crypto.DEFAULT_IPSEC_PROFILE_NAME else None

    @property
    def loopbacks(self) -> list[Interface]:
        return [i for i in self.interfaces.values() if i.kind == "Loopback"]

    @property
    def tunnels(self) -> list[Interface]:
        return [i for i in self.interfaces.values() if i.is_tunnel]

    @property
    def virtual_templates(self) -> list[Interface]:
        return [i for i in self.interfaces.values() if i.is_virtual_template]

    @cached_property
    def memo(self) -> dict[str, object]:
        """Scratch space for indexes derived from this (immutable) config by other modules, so
        a hub's keyring index is built once however many spokes negotiate with it."""
        return {}

    @cached_property
    def address_owners(self) -> dict[IpAddress, Interface]:
        """Every configured interface address -> its interface (first one wins)."""
        owners: dict[IpAddress, Interface] = {}
        for intf in self.interfaces.values():
            for addr in intf.addresses():
                owners.setdefault(addr, intf)
        return owners

    def interface(self, name: str) -> Interface | None:
        """An interface by any IOS spelling (``g1``, ``GigabitEthernet1``)."""
        if name in self.interfaces:
            return self.interfaces[name]
        try:
            return self.interfaces.get(interface_canonical(name))
        except ValueError:
            return None


# --- Reading the tree ------------------------------------------------------------------------
# One function per IOS block. Each takes the block's Node and returns the typed object; unknown
# child lines are skipped. Words are split on whitespace; IOS never puts spaces inside the
# arguments these blocks carry, except descriptions and keys, which take the rest of the line.


def _canonical(name: str) -> str:
    try:
        return interface_canonical(name)
    except ValueError:
        return name


def _int(word: str | None) -> int | None:
    return int(word) if word is not None and word.isdigit() else None


def _words_after(text: str, prefix: str) -> list[str]:
    return text[len(prefix) :].split()


def _address_pattern(words: list[str]) -> str | None:
    """``A [MASK]`` / ``A/len`` -> a network string (``0.0.0.0`` alone means any IPv4)."""
    if not words:
        return None
    try:
        if "/" in words[0]:
            return str(ipaddress.ip_network(words[0], strict=False))
        addr = ipaddress.ip_address(words[0])
        if len(words) > 1:
            return str(ipaddress.ip_network(f"{words[0]}/{words[1]}", strict=False))
        if addr.is_unspecified:
            return f"{addr}/0"
        return f"{addr}/{addr.max_prefixlen}"
    except ValueError:
        return None


def _identity(words: list[str]) -> Identity | None:  # noqa: PLR0911 - one exit per kind
    """``address A [M]`` / ``fqdn [domain] X`` / ``email [domain] X`` / ``key-id X`` / ``dn``."""
    if not words:
        return None
    kind, rest = words[0], words[1:]
    if kind == "dn":
        return Identity("dn", "")
    if kind == "address":
        pattern = _address_pattern(rest)
        return Identity("address", pattern) if pattern else None
    if kind in ("fqdn", "email"):
        if rest[:1] == ["domain"] and len(rest) > 1:
            return Identity(kind, rest[1], domain=True)
        return Identity(kind, rest[0]) if rest else None
    if kind == "key-id" and rest:
        return Identity("key-id", " ".join(rest))
    return None


def _local_identity(words: list[str]) -> Identity | None:
    ident = _identity(words)
    if ident is not None and ident.kind == "address":
        # A local identity is one address, not a pattern.
        return Identity("address", ident.value.split("/")[0])
    return ident


def _dpd(words: list[str]) -> Dpd | None:
    numbers = [int(w) for w in words if w.isdigit()]
    if len(numbers) < 2:
        return None
    mode = "on-demand" if "on-demand" in words else "periodic"
    return Dpd(numbers[0], numbers[1], mode)


def _read_interface(node: Node) -> Interface:  # noqa: PLR0912, PLR0915 - one branch per command
    words = node.text.split()
    name = _canonical(words[1]) if len(words) > 1 else ""
    attrs: dict[str, object] = {"name": name}
    if words[2:4] == ["type", "tunnel"]:
        attrs["template_type"] = "tunnel"
    elif words[2:3] == ["type"] and len(words) > 3:
        attrs["template_type"] = words[3]
    ipv4: list[ipaddress.IPv4Interface] = []
    ipv6: list[ipaddress.IPv6Interface] = []
    for child in node.children:
        text = child.text
        w = text.split()
        if text.startswith("description "):
            attrs["description"] = text[len("description ") :]
        elif text == "shutdown":
            attrs["shutdown"] = True
        elif text.startswith(("vrf forwarding ", "ip vrf forwarding ")):
            attrs["vrf"] = w[-1]
        elif w[:2] == ["ip", "address"] and len(w) >= 4:
            try:
                ipv4.append(ipaddress.IPv4Interface(f"{w[2]}/{w[3]}"))
            except ValueError:
                continue
        elif w[:2] == ["ip", "address"] and len(w) == 3:
            attrs["ipv4_dynamic"] = w[2]
        elif w[:2] == ["ipv6", "address"] and len(w) >= 3 and "/" in w[2]:
            try:
                ipv6.append(ipaddress.IPv6Interface(w[2]))
            except ValueError:
                continue
        elif w[:2] == ["ip", "unnumbered"] and len(w) > 2:
            attrs["unnumbered"] = _canonical(w[2])
        elif w[:2] == ["ipv6", "unnumbered"] and len(w) > 2:
            attrs["ipv6_unnumbered"] = _canonical(w[2])
        elif text == "ipv6 enable":
            attrs["ipv6_enable"] = True
        elif w[:2] == ["ip", "mtu"] and len(w) > 2:
            attrs["mtu"] = _int(w[2])
        elif w[:2] == ["tunnel", "source"] and len(w) > 2:
            attrs["tunnel_source"] = _tunnel_source(w[2])
        elif w[:2] == ["tunnel", "destination"] and len(w) > 2:
            attrs["tunnel_destination"] = w[2]
        elif w[:2] == ["tunnel", "mode"]:
            attrs["tunnel_mode"] = tunnel_mode_parse(w[2:])
            attrs["tunnel_mode_text"] = " ".join(w[2:])
        elif w[:2] == ["tunnel", "vrf"] and len(w) > 2:
            attrs["tunnel_vrf"] = w[2]
        elif w[:4] == ["tunnel", "protection", "ipsec", "profile"] and len(w) > 4:
            attrs["tunnel_protection"] = w[4]
            if "ikev2-profile" in w[5:] and w.index("ikev2-profile") + 1 < len(w):
                attrs["tunnel_protection_ikev2_profile"] = w[w.index("ikev2-profile") + 1]
        elif w[:2] == ["tunnel", "key"] and len(w) > 2:
            attrs["tunnel_key"] = w[2]
        elif text == "cts sgt inline":
            attrs["cts_sgt_inline"] = True
    attrs["ipv4"] = tuple(ipv4)
    attrs["ipv6"] = tuple(ipv6)
    return Interface(**attrs)  # type: ignore[arg-type]


def _tunnel_source(word: str) -> str:
    try:
        return str(ipaddress.ip_address(word))
    except ValueError:
        return _canonical(word)


def _read_proposal(name: str, node: Node) -> Proposal:
    lists: dict[str, list[str]] = {"encryption": [], "integrity": [], "prf": [], "group": []}
    for child in node.children:
        w = child.text.split()
        if w and w[0] in lists:
            # A second ``encryption`` line adds to the list, as in IOS.
            lists[w[0]].extend(x for x in w[1:] if x not in lists[w[0]])
    return Proposal(name, *(tuple(lists[k]) for k in ("encryption", "integrity", "prf", "group")))


def _read_policy(name: str, node: Node) -> Policy:
    fvrf: list[str] = []
    local: list[str] = []
    proposals: list[str] = []
    for child in node.children:
        w = child.text.split()
        # ``match vrf any`` appears in the guide; IOS's command is ``match fvrf``: accept both.
        if w[:2] in (["match", "fvrf"], ["match", "vrf"]) and len(w) > 2:
            fvrf.append(w[2])
        elif w[:3] == ["match", "address", "local"] and len(w) > 3:
            local.append(w[3])
        elif w[:1] == ["proposal"] and len(w) > 1:
            proposals.extend(w[1:])
    return Policy(name, tuple(fvrf), tuple(local), tuple(proposals))


def _read_keyring(name: str, node: Node) -> Keyring:
    peers = []
    for peer in node.children_starting("peer"):
        attrs: dict[str, object] = {"name": peer.text[5:].strip()}
        identities: list[Identity] = []
        for child in peer.children:
            w = child.text.split()
            if w[:1] == ["address"]:
                pattern = _address_pattern(w[1:])
                if pattern:
                    attrs["address"] = ipaddress.ip_network(pattern)
            elif w[:1] == ["hostname"] and len(w) > 1:
                attrs["hostname"] = w[1]
            elif w[:1] == ["identity"]:
                ident = _identity(w[1:])
                if ident is not None:
                    identities.append(ident)
            elif w[:1] == ["pre-shared-key"]:
                if w[1:2] in (["local"], ["remote"]):
                    attrs[f"psk_{w[1]}"] = Secret.parse(w[2:])
                else:
                    attrs["psk"] = Secret.parse(w[1:])
        attrs["identities"] = tuple(identities)
        peers.append(KeyringPeer(**attrs))  # type: ignore[arg-type]
    return Keyring(name, tuple(peers))


def _auth(words: list[str]) -> AuthMethod | None:
    if not words:
        return None
    method, rest = words[0], words[1:]
    if method == "pre-share":
        key = Secret.parse(rest[1:]) if rest[:1] == ["key"] else None
        return AuthMethod("pre-share", key)
    return AuthMethod(method, None, tuple(w for w in rest if w != "password")[:2])


def _aaa_authorization(words: list[str]) -> AaaAuthorization | None:
    # words after "aaa authorization": user|group [override] psk|cert|eap (cached | list L [...])
    if len(words) < 3 or words[0] not in ("user", "group"):
        return None
    scope, rest = words[0], words[1:]
    override = rest[:1] == ["override"]
    if override:
        rest = rest[1:]
    if not rest:
        return None
    auth, rest = rest[0], rest[1:]
    if rest[:1] == ["cached"]:
        return AaaAuthorization(scope, auth, cached=True, override=override)
    if rest[:1] != ["list"] or len(rest) < 2:
        return None
    method_list, rest = rest[1], rest[2:]
    name = mangler = None
    password = None
    if "password" in rest:
        idx = rest.index("password")
        password, rest = Secret.parse(rest[idx + 1 :]), rest[:idx]
    if rest[:1] == ["name-mangler"] and len(rest) > 1:
        mangler = rest[1]
    elif rest:
        name = rest[0]
    return AaaAuthorization(scope, auth, method_list, name, mangler, override, False, password)


_PROFILE_FLAGS = {
    "no config-exchange request": ("config_exchange_request", False),
    "no config-exchange set send": ("config_exchange_set_send", False),
    "no config-exchange set accept": ("config_exchange_set_accept", False),
    "no lifetime certificate": ("lifetime_certificate", False),
    "nat force-encap": ("nat_force_encap", True),
    "match identity remote any": ("match_any", True),
}


def _read_profile(name: str, node: Node) -> Profile:  # noqa: PLR0912, PLR0915 - per command
    attrs: dict[str, object] = {"name": name}
    lists: dict[str, list[object]] = {
        k: []
        for k in ("match_identities", "match_certificates", "match_fvrf", "match_address_local",
                  "auth_local", "auth_remote", "pki_trustpoints", "aaa_authorization",
                  "aaa_accounting")
    }
    for child in node.children:
        text = child.text
        w = text.split()
        if text in _PROFILE_FLAGS:
            key, value = _PROFILE_FLAGS[text]
            attrs[key] = value
        elif text.startswith("description "):
            attrs["description"] = text[len("description ") :]
        elif w[:3] == ["match", "identity", "remote"]:
            ident = _identity(w[3:])
            if ident is not None:
                lists["match_identities"].append(ident)
        elif w[:2] == ["match", "certificate"] and len(w) > 2:
            lists["match_certificates"].append(w[2])
        elif w[:2] in (["match", "fvrf"], ["match", "vrf"]) and len(w) > 2:
            lists["match_fvrf"].append(w[2])
        elif w[:3] == ["match", "address", "local"] and len(w) > 3:
            target = _canonical(w[4]) if w[3] == "interface" and len(w) > 4 else w[3]
            lists["match_address_local"].append(target)
        elif w[:2] == ["identity", "local"]:
            attrs["identity_local"] = _local_identity(w[2:])
        elif w[:2] in (["authentication", "local"], ["authentication", "remote"]):
            method = _auth(w[2:])
            if method is not None:
                lists[f"auth_{w[1]}"].append(method)
        elif w[:2] == ["keyring", "aaa"] and len(w) > 2:
            attrs["keyring_aaa"] = w[2]
            if "name-mangler" in w and w.index("name-mangler") + 1 < len(w):
                attrs["keyring_aaa_name_mangler"] = w[w.index("name-mangler") + 1]
        elif w[:2] == ["keyring", "local"] and len(w) > 2:
            attrs["keyring_local"] = w[2]
        elif w[:1] == ["keyring"] and len(w) == 2:
            attrs["keyring_local"] = w[1]
        elif w[:2] == ["pki", "trustpoint"] and len(w) > 2:
            lists["pki_trustpoints"].append(w[2])
        elif w[:1] == ["dpd"]:
            attrs["dpd"] = _dpd(w[1:])
        elif w[:2] == ["nat", "keepalive"] and len(w) > 2:
            attrs["nat_keepalive"] = _int(w[2])
        elif w[:1] == ["virtual-template"] and len(w) > 1:
            attrs["virtual_template"] = _int(w[1])
            attrs["virtual_template_mode_auto"] = w[2:4] == ["mode", "auto"]
        elif w[:1] == ["ivrf"] and len(w) > 1:
            attrs["ivrf"] = w[1]
        elif w[:2] == ["aaa", "authentication"] and len(w) > 3:
            attrs["aaa_authentication_eap"] = w[3]
        elif w[:2] == ["aaa", "authorization"]:
            author = _aaa_authorization(w[2:])
            if author is not None:
                lists["aaa_authorization"].append(author)
        elif w[:2] == ["aaa", "accounting"] and len(w) > 2:
            scope, target = (w[2], w[3]) if len(w) > 3 else ("all", w[2])
            lists["aaa_accounting"].append((scope, target))
        elif w[:1] == ["session-lifetime"] and len(w) > 1:
            attrs["session_lifetime"] = _int(w[1])
        elif w[:1] == ["lifetime"] and len(w) > 1 and w[1].isdigit():
            attrs["lifetime"] = int(w[1])
    for key, values in lists.items():
        attrs[key] = tuple(values)
    return Profile(**attrs)  # type: ignore[arg-type]


def _read_ipsec_profile(name: str, node: Node) -> IpsecProfile:
    attrs: dict[str, object] = {"name": name}
    for child in node.children:
        w = child.text.split()
        if w[:2] == ["set", "transform-set"]:
            attrs["transform_sets"] = tuple(w[2:])
        elif w[:2] == ["set", "ikev2-profile"] and len(w) > 2:
            attrs["ikev2_profile"] = w[2]
        elif w[:2] == ["set", "pfs"]:
            group = w[2] if len(w) > 2 else "group1"  # IOS's ``set pfs`` alone means group 1
            attrs["pfs_group"] = _int(group.removeprefix("group"))
        elif w == ["set", "mixed-mode"]:
            attrs["mixed_mode"] = True
        elif w[:2] == ["set", "reverse-route"]:
            attrs["reverse_route"] = True
        elif w[:3] == ["set", "security-association", "lifetime"] and len(w) > 4:
            key = "sa_lifetime_seconds" if w[3] == "seconds" else "sa_lifetime_kilobytes"
            attrs[key] = _int(w[4])
        elif w[:3] == ["set", "security-association", "replay"]:
            attrs["replay"] = tuple(w[3:])
        elif w == ["responder-only"]:
            attrs["responder_only"] = True
    return IpsecProfile(**attrs)  # type: ignore[arg-type]


_GLOBAL_FLAGS = {
    "cts sgt": "cts_sgt",
    "disconnect-revoked-peers": "disconnect_revoked_peers",
    "http-url cert": "http_url_cert",
}


def _read_ikev2_global(rest: str, attrs: dict[str, object]) -> None:  # noqa: PLR0912 - per cmd
    w = rest.split()
    if rest in _GLOBAL_FLAGS:
        attrs[_GLOBAL_FLAGS[rest]] = True
    elif w[:1] == ["fragmentation"]:
        attrs["fragmentation"] = True
        if w[1:2] == ["mtu"] and len(w) > 2:
            attrs["fragmentation_mtu"] = _int(w[2])
    elif w[:2] == ["nat", "keepalive"] and len(w) > 2:
        attrs["nat_keepalive"] = _int(w[2])
    elif w[:1] == ["dpd"]:
        attrs["dpd"] = _dpd(w[1:])
    elif w[:1] == ["window"] and len(w) > 1:
        attrs["window"] = _int(w[1])
    elif w[:1] == ["cookie-challenge"] and len(w) > 1:
        attrs["cookie_challenge"] = _int(w[1])
    elif w[:2] == ["limit", "max-sa"] and len(w) > 2:
        attrs["limit_max_sa"] = _int(w[2])
    elif w[:1] == ["limit"] and w[1:2] in (["max-in-negotiation"], ["max-in-negotiation-sa"]):
        # IOS spells it ``max-in-negotiation-sa N``; the guide writes ``max-in-negotiation sa N``.
        numbers = [x for x in w[2:] if x.isdigit()]
        direction = next((x for x in w if x in ("incoming", "outgoing")), "incoming")
        if numbers:
            prior = attrs.get("limit_max_in_negotiation", ())
            assert isinstance(prior, tuple)
            attrs["limit_max_in_negotiation"] = (*prior, (int(numbers[0]), direction))
    elif w[:1] == ["certificate-cache"] and len(w) > 1:
        attrs["certificate_cache"] = _int(w[1])
    elif w[:2] == ["diagnose", "error"] and len(w) > 2:
        attrs["diagnose_error"] = _int(w[2])
    elif w[:1] in (["redirect"], ["reconnect"]):
        prior = attrs.get(w[0], ())
        assert isinstance(prior, tuple)
        attrs[w[0]] = (*prior, " ".join(w[1:]))


def _read_client(name: str, node: Node) -> FlexvpnClient:
    peers: list[tuple[int, str]] = []
    connect: str | None = None
    other: list[str] = []
    for child in node.children:
        w = child.text.split()
        if w[:1] == ["peer"] and len(w) > 2 and w[1].isdigit():
            peers.append((int(w[1]), " ".join(w[2:])))
        elif w[:2] == ["client", "connect"] and len(w) > 2:
            connect = _canonical(w[2])
        else:
            other.append(child.text)
    return FlexvpnClient(name, tuple(sorted(peers)), connect, tuple(other))


def _read_trustpoint(name: str, node: Node) -> Trustpoint:
    attrs: dict[str, object] = {"name": name}
    other = []
    for child in node.children:
        w = child.text.split()
        if w[:2] == ["enrollment", "url"] and len(w) > 2:
            attrs["enrollment_url"] = w[2]
        elif w[:1] == ["subject-name"] and len(w) > 1:
            attrs["subject_name"] = child.text[len("subject-name ") :]
        elif w[:1] == ["revocation-check"]:
            attrs["revocation_check"] = tuple(w[1:])
        else:
            other.append(child.text)
    attrs["other"] = tuple(other)
    return Trustpoint(**attrs)  # type: ignore[arg-type]


def _read_cert_map_entry(words: list[str], node: Node) -> tuple[str, CertificateMapEntry] | None:
    # words after "crypto pki certificate map": NAME SEQ
    if len(words) < 2 or not words[1].isdigit():
        return None
    rules = []
    for child in node.children:
        w = child.text.split(maxsplit=2)
        if len(w) == 3:
            rules.append((w[0], w[1], w[2]))
    return words[0], CertificateMapEntry(int(words[1]), tuple(rules))


def _read_aaa_line(words: list[str], aaa: dict[str, dict[str, object]]) -> None:
    # words after "aaa": authentication login L ... / authorization network L ... / accounting ...
    if len(words) < 3 or words[0] not in ("authentication", "authorization", "accounting"):
        return
    kind = f"{words[0]} {words[1]}"
    methods = tuple(w for w in words[3:] if w not in ("start-stop", "stop-only"))
    lists = aaa["method_lists"].setdefault(kind, {})
    assert isinstance(lists, dict)
    lists[words[2]] = methods


def _read_radius_server(name: str, node: Node) -> RadiusServer:
    attrs: dict[str, object] = {"name": name}
    for child in node.children:
        w = child.text.split()
        if w[:1] == ["address"] and len(w) > 2:
            attrs["address"] = w[2]
            for port in ("auth-port", "acct-port"):
                if port in w and w.index(port) + 1 < len(w):
                    attrs[port.replace("-", "_")] = _int(w[w.index(port) + 1])
        elif w[:1] == ["key"]:
            attrs["key"] = Secret.parse(w[1:])
    return RadiusServer(**attrs)  # type: ignore[arg-type]


def _read_tree(roots: list[Node]) -> dict[str, object]:  # noqa: PLR0912, PLR0915 - a dispatch table
    out: dict[str, object] = {}
    tables: dict[str, dict[str, object]] = {
        k: {}
        for k in ("vrfs", "interfaces", "proposals", "policies", "keyrings", "profiles",
                  "name_manglers", "authorization_policies", "transform_sets", "ipsec_profiles",
                  "flexvpn_clients")
    }
    ikev2: dict[str, object] = {}
    aaa: dict[str, dict[str, object]] = {"method_lists": {}, "server_groups": {},
                                          "radius_servers": {}, "attribute_lists": {}}
    aaa_new_model = False
    trustpoints: dict[str, Trustpoint] = {}
    cert_maps: dict[str, list[CertificateMapEntry]] = {}
    crl: list[str] = []
    for node in roots:
        text = node.text
        if text.startswith("interface "):
            intf = _read_interface(node)
            tables["interfaces"][intf.name] = intf
            continue
        if text.startswith("crypto ikev2 "):
            rest = text[len("crypto ikev2 ") :]
            w = rest.split()
            name = w[1] if len(w) > 1 else ""
            if w[0] == "proposal":
                tables["proposals"][name] = _read_proposal(name, node)
            elif w[0] == "policy":
                tables["policies"][name] = _read_policy(name, node)
            elif w[0] == "keyring":
                tables["keyrings"][name] = _read_keyring(name, node)
            elif w[0] == "profile":
                tables["profiles"][name] = _read_profile(name, node)
            elif w[0] == "name-mangler":
                rules = tuple((*c.text.split(maxsplit=1), "")[:2] for c in node.children)
                tables["name_manglers"][name] = NameMangler(name, rules)  # type: ignore[arg-type]
            elif w[:2] == ["authorization", "policy"] and len(w) > 2:
                tables["authorization_policies"][w[2]] = _read_author_policy(w[2], node)
            elif w[:2] == ["client", "flexvpn"] and len(w) > 2:
                tables["flexvpn_clients"][w[2]] = _read_client(w[2], node)
            else:
                _read_ikev2_global(rest, ikev2)
        elif text.startswith("crypto ipsec transform-set "):
            w = text.split()
            if len(w) > 4:
                mode = next((c.text.split()[1] for c in node.children
                             if c.text.startswith("mode ") and len(c.text.split()) > 1), "tunnel")
                tables["transform_sets"][w[3]] = TransformSet(w[3], tuple(w[4:]), mode)
        elif text.startswith("crypto ipsec profile "):
            name = text.split()[3] if len(text.split()) > 3 else ""
            tables["ipsec_profiles"][name] = _read_ipsec_profile(name, node)
        elif text.startswith("crypto pki trustpoint "):
            name = text.split()[3]
            trustpoints[name] = _read_trustpoint(name, node)
        elif text.startswith("crypto pki certificate map "):
            entry = _read_cert_map_entry(text.split()[4:], node)
            if entry is not None:
                cert_maps.setdefault(entry[0], []).append(entry[1])
        elif text.startswith("crypto pki crl "):
            crl.append(text)
        elif text.startswith("hostname "):
            out["hostname"] = text.split()[1] if len(text.split()) > 1 else None
        elif text.startswith(("ip domain name ", "ip domain-name ")):
            out["domain_name"] = text.split()[-1]
        elif text.startswith(("vrf definition ", "ip vrf ")):
            vrf = _read_vrf(node)
            tables["vrfs"][vrf.name] = vrf
        elif text == "aaa new-model":
            aaa_new_model = True
        elif text.startswith("aaa group server radius "):
            aaa["server_groups"][text.split()[4]] = tuple(
                c.text.split()[-1] for c in node.children if c.text.startswith("server")
            )
        elif text.startswith("aaa attribute list "):
            aaa["attribute_lists"][text.split()[3]] = tuple(c.text for c in node.children)
        elif text.startswith("aaa "):
            _read_aaa_line(text.split()[1:], aaa)
        elif text.startswith("radius server "):
            name = text.split()[2]
            aaa["radius_servers"][name] = _read_radius_server(name, node)
        elif text == "password encryption aes":
            out["password_encryption_aes"] = True
    out.update(tables)
    out["ikev2"] = Ikev2Globals(**ikev2)  # type: ignore[arg-type]
    out["aaa"] = Aaa(aaa_new_model, **aaa)  # type: ignore[arg-type]
    out["pki"] = Pki(trustpoints, {k: tuple(sorted(v, key=lambda e: e.sequence))
                                   for k, v in cert_maps.items()}, tuple(crl))
    return out


def _read_vrf(node: Node) -> Vrf:
    words = node.text.split()
    rd = next((c.text.split()[1] for c in node.children if c.text.startswith("rd ")), None)
    families = tuple(" ".join(c.text.split()[1:]) for c in node.children
                     if c.text.startswith("address-family "))
    return Vrf(words[-1], rd, families)


def _read_author_policy(name: str, node: Node) -> AuthorizationPolicy:
    attrs: dict[str, object] = {"name": name}
    route_set: list[str] = []
    other: list[str] = []
    for child in node.children:
        text = child.text
        w = text.split()
        if text == "route set interface":
            attrs["route_set_interface"] = True
        elif text == "route accept any":
            attrs["route_accept_any"] = True
        elif w[:2] == ["route", "set"]:
            route_set.append(" ".join(w[2:]))
        elif w[:1] == ["pool"] and len(w) > 1:
            attrs["pool"] = w[1]
        elif w[:1] == ["def-domain"] and len(w) > 1:
            attrs["def_domain"] = w[1]
        elif w[:3] == ["aaa", "attribute", "list"] and len(w) > 3:
            attrs["aaa_attribute_list"] = w[3]
        else:
            other.append(text)
    attrs["route_set"] = tuple(route_set)
    attrs["other"] = tuple(other)
    return AuthorizationPolicy(**attrs)  # type: ignore[arg-type]
