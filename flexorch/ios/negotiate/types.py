"""The vocabulary of the IKEv2 negotiation model: statuses, steps, endpoints, both ends' views of
an SA, notes and the outcome; the failure that stops an exchange; small address helpers.

A part of ``flexorch.ios.negotiate``: import these names from there (the statuses are defined in
its docstring).
"""

from __future__ import annotations

import dataclasses
import functools
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, TypeVar

from flexorch.ios.facts import compliance, crypto, fragmentation
from flexorch.ios.model import Interface, IpAddress, RouterConfig, flat_state
from flexorch.ios.model.reader import once


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

# ``authentication local|remote <method>`` -> what ``Auth sign`` / ``Auth verify`` print (ML-DSA:
# real IOS-XE 26 SA, tests/fixtures/real/gh-juliogomez-iosxe26-pqc-svti). A method missing here
# prints upper-cased (``auth_show``).
AUTH_SHOW = {"pre-share": "PSK", "rsa-sig": "RSA", "ecdsa-sig": "ECDSA", "eap": "EAP",
             "mldsa-sig": "MLDSA"}
CERT_METHODS = ("rsa-sig", "ecdsa-sig", "mldsa-sig")


def auth_show(method: str) -> str:
    return AUTH_SHOW.get(method, method.upper())


# Both by version text: a fleet's routers run a few versions, and each spoke's endpoint asks
# once (parsing the version for both took 2-3 us of a spoke's first negotiation, 0.2 us cached).
_smart_defaults = functools.lru_cache(maxsize=256)(crypto.smart_defaults)
_refuses_weak = functools.lru_cache(maxsize=256)(compliance.refuses_weak)


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
    # The software version the caller knows (``15.4``, ``17.9.4a``; inventory
    # ``platform_version``, ``flexorch predict --platform-version``): it decides IOS's built-in
    # default proposal and transform set (``crypto.SMART_DEFAULTS``) when the config has no
    # ``version`` line (IOS prints one at the top of every running-config: what the router
    # runs wins over what the caller was told). Neither: flexorch's default train (IOS-XE 17).
    platform_version: str | None = None

    # ``once``: no lock (both read cold for 10,000 spokes: 21-24 -> 12-16 ms)
    @once
    def defaults(self) -> crypto.SmartDefaults:
        """IOS's built-in crypto objects on this router's software train."""
        version = self.config.version or self.platform_version
        return _smart_defaults(version)

    @once
    def refuses_weak(self) -> bool:
        """Whether this router refuses weak algorithms (IOS-XE 17.11 and later without
        ``crypto engine compliance shield disable``; ``facts.compliance``, Cisco FN72510)."""
        version = self.config.version or self.platform_version
        return _refuses_weak(version) and self.default_enabled("compliance-shield")

    def default_enabled(self, kind: str) -> bool:
        """Whether a built-in default object is still there (``no crypto ikev2 proposal
        default`` removes "ikev2-proposal"; also "ikev2-policy", "transform-set")."""
        return kind not in self.config.disabled_defaults


@flat_state  # lint's workers send the sessions back pickled
@dataclass(frozen=True, slots=True)
class SideView:
    """What one router shows for an established IKEv2 SA. Field names follow
    ``flexorch.parse.records.SaRecord`` (see ``sa_fields``); the rest describes the tunnel."""

    router: str
    peer: str
    interface: str  # Tunnel1, or the Virtual-Access cloned on a responder
    tunnel_id: int
    local_address: str | None  # None: learned at run time (``ip address dhcp``; see LEARNED)
    local_port: int
    remote_address: str | None  # None: the peer's address is learned at run time (LEARNED)
    remote_port: int
    fvrf: str  # "none" for the global table, as IOS prints it
    ivrf: str
    encryption: str
    keysize: int | None  # None where IOS prints no key size (3DES, DES)
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
    fragmentation: fragmentation.FragMethod
    fragmentation_mtu: int | None
    nat_t: str  # not-detected | inside | outside
    sgt: str  # enabled | disabled
    # ``Initiator of SA``: True/False where IOS decides who initiates (a FlexVPN spoke or client
    # towards a virtual-template, a tunnel facing a responder-only end), None where either end
    # may (two static tunnels facing each other, DMVPN, spoke-to-spoke shortcuts).
    initiator: bool | None
    ikev2_profile: str
    ipsec_profile: str
    transform_set: str
    tunnel_mode: str  # the mode in use (a mode-auto clone takes the initiator's)
    flow: str  # the IPsec flow as ``show crypto session detail`` prints it
    virtual_template: str | None = None  # the template a responder cloned
    # This end sent IKE_SA_INIT in the modelled exchange, so its policy's proposal order chose
    # the suite (``Outcome.suite.proposal`` is its proposal). Always known, unlike ``initiator``.
    proposer: bool = False

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


@flat_state
@dataclass(frozen=True, slots=True)
class Note:
    """A non-fatal finding or an assumption of a negotiation. ``code`` is stable (lint maps it to
    a rule): psk-unverified, cert-ca-assumed, auth-not-modelled, aaa-cached-not-modelled,
    aaa-server-assumed, pfs-mismatch, sgt-one-end, fragmentation-one-end,
    suite-depends-on-initiator."""

    code: str
    text: str

    def __str__(self) -> str:
        return self.text


NOTE_CODES = ("psk-unverified", "cert-ca-assumed", "auth-not-modelled", "aaa-cached-not-modelled",
              "aaa-server-assumed", "pfs-mismatch", "sgt-one-end",
              "fragmentation-one-end", "suite-depends-on-initiator")


# Why IKE_AUTH failed, stable codes on ``Outcome.cause`` of an AUTH_FAILED outcome (lint maps
# them to rules; the reason text is for people and may be reworded):
AUTH_CAUSES = (
    "auth-method",  # the verifier does not accept the signer's authentication method
    "no-key",  # no pre-shared key for the peer (keyring block, profile key or keyring aaa)
    "psk-mismatch",  # one end's local key differs from the other end's remote key
    "cert-no-trustpoint",  # no pki trustpoint to sign with or to verify
    "cert-untrusted",  # the verifier does not trust the signer's CA (reserved: the config
    # does not say which CA signed a certificate, see ``auth._check_cert``)
    "aaa-new-model",  # aaa authorization without aaa new-model
    "aaa-method-list",  # aaa authorization names an undefined method list
    "aaa-name-mangler",  # aaa authorization names an undefined name mangler
    "aaa-server-group",  # the method list names an undefined server group
    "aaa-local-policy",  # local authorization and no authorization policy for the peer
)


@dataclass(frozen=True)
class Outcome:
    """The result of one negotiation. ``views`` holds (initiator view, responder view) when
    ESTABLISHED. ``notes`` are non-fatal findings and assumptions (unverified keys, SGT on one
    end, PFS mismatch). ``cause`` is a stable code saying why an AUTH_FAILED outcome failed (one
    of ``AUTH_CAUSES``), None for every other status. Nothing here ever contains a key."""

    status: Status
    step: str
    reason: str
    initiator: str
    responder: str | None
    tunnel: str
    suite: crypto.IkeSuite | None = None
    fragmentation: fragmentation.FragMethod = "none"
    sgt: bool = False
    nat_t: bool = False
    views: tuple[SideView, ...] = ()
    notes: tuple[Note, ...] = ()
    cause: str | None = None

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
                "cause": self.cause,
                "initiator": self.initiator, "responder": self.responder, "tunnel": self.tunnel,
                "suite": suite, "fragmentation": self.fragmentation, "sgt": self.sgt,
                "nat_t": self.nat_t,
                "notes": [{"code": n.code, "text": n.text} for n in self.notes],
                "views": [dataclasses.asdict(v) for v in self.views]}


class Fail(Exception):
    def __init__(self, status: Status, step: str, reason: str, cause: str | None = None) -> None:
        super().__init__(reason)
        self.status, self.step, self.reason, self.cause = status, step, reason, cause


# --- small helpers -------------------------------------------------------------------------------
# The local address of a tunnel sourced from an interface with ``ip address dhcp`` or ``ip
# address negotiated``: IOS learns it at run time and the SA comes up with it (real: the Azure
# CSR1000v routers of tests/fixtures/real/gh-fabferri-vwan-csr164-svti and
# gh-fabferri-azure-csr17-svti-bgp source their tunnels from a DHCP interface and show the
# sessions UP-ACTIVE). The config cannot say which address: the model negotiates with this
# placeholder (matched by wildcard identities and keyring peers only) and shows no address.
# ``LEARNED6`` is the same for an IPv6 transport (``ipv6 address autoconfig|dhcp``).
LEARNED: IpAddress = ipaddress.IPv4Address("0.0.0.0")
LEARNED6: IpAddress = ipaddress.IPv6Address("::")


def is_learned(addr: IpAddress) -> bool:
    """Whether ``addr`` stands for an address learned at run time (``LEARNED``/``LEARNED6``)."""
    return addr in (LEARNED, LEARNED6)


def address_shown(addr: IpAddress) -> str | None:
    """``show_address``, or None for an address learned at run time (``is_learned``)."""
    shown = show_address(addr)
    # Told by the text: an address is LEARNED or LEARNED6 exactly when it prints as one of them
    # (comparing addresses calls ``ipaddress``'s Python ``__eq__`` twice: 0.3 us of a 0.7 us
    # call, four calls an SA).
    return None if shown in _LEARNED_SHOWN else shown


@functools.lru_cache(maxsize=4096)
def show_address(addr: IpAddress) -> str:
    """IOS prints IPv6 addresses in upper case in ``show crypto`` output. Cached: one address
    is shown several times per SA, a hub's in every SA (``str`` of an IPv6 address is slow)."""
    return str(addr).upper() if addr.version == 6 else str(addr)


_LEARNED_SHOWN = frozenset((show_address(LEARNED), show_address(LEARNED6)))


def vrf_show(vrf: str | None) -> str:
    return vrf or "none"


@functools.lru_cache(maxsize=4096)
def parse_ip(text: str | None) -> IpAddress | None:
    # Cached: a fleet repeats the same few texts (the hub's address as every spoke's tunnel
    # destination, "GigabitEthernet1" as every tunnel source), and a failed parse raises.
    try:
        return ipaddress.ip_address(text) if text else None
    except ValueError:
        return None


V = TypeVar("V")

# Values derived from tables that the routers of a fleet share: ``RouterConfig`` gives every
# config whose table (proposals, transform sets, ...) reads alike the very same table object, so
# a value keyed by the table's identity is computed once per fleet, not once per router as in
# ``RouterConfig.memo`` (at 10,000 spokes, each spoke's first negotiation computed its own).
# The entry holds its tables, so no id in a key can be reused while the entry lives: a key
# found is the same tables. Bounded: emptied when full.
_BY_TABLES: dict[tuple[object, ...], tuple[tuple[object, ...], Any]] = {}
_BY_TABLES_MAX: Final = 4096


def by_tables(key: tuple[object, ...], tables: tuple[object, ...], make: Callable[[], V]) -> V:
    """``make()``, computed once for ``key``: ``key`` names everything the value depends on,
    each of ``tables`` (the objects it is computed from) by its ``id``."""
    hit = _BY_TABLES.get(key)
    if hit is not None:
        value: V = hit[1]
        return value
    if len(_BY_TABLES) >= _BY_TABLES_MAX:
        _BY_TABLES.clear()
    made = make()
    _BY_TABLES[key] = (tables, made)
    return made


def owned_addresses(config: RouterConfig) -> dict[IpAddress, Interface]:
    """The addresses a router owns, each with the interface it arrives at: every interface
    address (``RouterConfig.address_owners``) and, in an excerpt of a config, the literal
    ``tunnel source <address>`` of its tunnels.

    An excerpt is a config where no interface but tunnels and virtual-templates holds a
    configured address of that family: an author pasting only the crypto blocks and the tunnel, as
    write-ups do (``show running-config`` lists every physical port), or a router whose ports
    learn their addresses (``ip address dhcp``), whose literal source is the learned one. There the
    tunnel's own source address is the best word on the router's address, and it stands for an
    interface in the tunnel's FVRF. In a whole config a source address no interface holds stays
    unowned (the tunnel cannot come up). Cached per config; the model's own map when nothing is
    added (a big fleet's routers keep no second copy)."""
    cached = config.memo.get("owned-addresses")
    if isinstance(cached, dict):
        return cached
    owners = config.address_owners
    held: set[int] | None = None
    for tunnel in config.tunnels:
        addr = parse_ip(tunnel.tunnel_source)
        if addr is None or addr in owners:
            continue
        if held is None:  # only for a literal source no interface holds (made for every
            # router, it was a quarter of the address index: 0.136 -> 0.103 s at 10,000 spokes)
            held = {a.version for intf in config.interfaces.values()
                    if not (intf.is_tunnel or intf.is_virtual_template) for a in intf.addresses()}
        if addr.version not in held:
            if owners is config.address_owners:
                owners = dict(owners)
            owners[addr] = Interface(f"tunnel source {addr}", vrf=tunnel.tunnel_vrf)
    config.memo["owned-addresses"] = owners
    return owners
