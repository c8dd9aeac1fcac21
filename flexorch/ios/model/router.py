"""RouterConfig: the typed FlexVPN view of an IOS-XE config.

Read from the shared indentation tree (``flexorch.ios.config.tree.ConfigTree``) by readers driven
by the grammar (``reader``: each line matched in its mode, values from the rows' named slots), so
a whole running config is read in one pass with no third-party parser. Tolerant by design: nothing
raises on odd input, and every line inside a block the model reads that no reader row understood
is listed in ``RouterConfig.unread`` (block path and line number), so "read whole" is checkable.
The view is read-only (frozen dataclasses; treat the dicts as read-only too).

Secrets: keys are ``Secret`` objects whose repr is masked. Type 7 keys are decoded (type 7 is a
reversible obfuscation); type 6 keys are kept as "encrypted, value unknown" (``value is None``):
the negotiation model never claims AUTH_FAILED on a key it cannot read (see ``negotiate``).

Layout (import everything from ``flexorch.ios.model``; the others are its parts): ``values``
(secrets, identities, DNs), ``interfaces`` (tunnel modes, NHRP, interfaces, VRFs), ``blocks``
(IKEv2 and IPsec blocks with IOS's built-in defaults), ``aaa``, ``pki``, ``reader`` (the
grammar-driven fold), ``read_interface``/``read_ikev2``/``read_security``/``read`` (the row
tables); ``RouterConfig`` and ``Software`` are defined here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Final, TypeVar, cast

from flexorch.ios.config import ConfigTree
from flexorch.ios.config.blocks import rendered_blocks
from flexorch.ios.facts import crypto, interface_canonical
from flexorch.ios.model.aaa import Aaa
from flexorch.ios.model.blocks import (
    DEFAULT_IPSEC_PROFILE,
    DEFAULT_POLICY,
    DEFAULT_PROPOSAL,
    DEFAULT_TRANSFORM_SET,
    AuthorizationPolicy,
    CryptoMapEntry,
    FlexvpnClient,
    Ikev2Globals,
    IpsecGlobals,
    IpsecProfile,
    Keyring,
    LocalPool,
    NameMangler,
    Policy,
    Profile,
    Proposal,
    TransformSet,
)
from flexorch.ios.model.interfaces import Interface, Vrf
from flexorch.ios.model.pki import Pki
from flexorch.ios.model.read import Collected, read_blocks, read_tree
from flexorch.ios.model.read_interface import interface_with
from flexorch.ios.model.reader import Unread, once
from flexorch.ios.model.values import IpAddress

__all__ = ["RouterConfig", "Software"]

V = TypeVar("V")


def _by_sequence(maps: dict[str, list[CryptoMapEntry]]) -> dict[str, tuple[CryptoMapEntry, ...]]:
    return {name: tuple(sorted(entries, key=lambda e: e.sequence))
            for name, entries in maps.items()}


# Tables and parts of configs read in this process, by what they hold: the routers of a fleet
# hold most of theirs alike (the same proposals, policies, keyring and profile blocks, read once
# by ``reader.Reading.block`` into the very same values), and a site of 100,000 spokes would
# otherwise keep 100,000 copies of each table and of every empty one. Keys name values by
# identity (a stored table holds its values, so an identity in a key is always a live object)
# or, for strings and tuples of strings, by value. Bounded: emptied when full.
_SHARED: dict[tuple[object, ...], Any] = {}
_SHARED_MAX: Final = 20_000


def _token(value: object) -> object:
    if type(value) is str or (type(value) is tuple and all(type(i) is str for i in value)):
        return value
    return id(value)


def _once(key: tuple[object, ...], make: Callable[[], V]) -> V:
    """The value stored under ``key``, or ``make()`` stored there."""
    hit = _SHARED.get(key)
    if hit is not None:
        return cast("V", hit)
    if len(_SHARED) >= _SHARED_MAX:
        _SHARED.clear()
    value = _SHARED[key] = make()
    return value


_EMPTY: Final[dict[str, Any]] = {}


def _shared(table: dict[str, V]) -> dict[str, V]:
    """``table``, or the table with the same keys and values read before (never modify it).
    Its key: the names, then the values' tokens (as many: no two tables share a key), made by
    ``map`` without a pair per entry (``_of`` of a spoke: 22.5-23.6 -> 19.6-20.1 us)."""
    if not table:  # most of a router's tables (23 per config, a spoke has 8 filled)
        return _EMPTY
    return _once(("table", *table, *map(_token, table.values())), lambda: table)


def _shared_value(kind: str, parts: tuple[object, ...], make: Callable[..., V]) -> V:
    """``make(*parts)``, or the value made before from the same parts (by ``_token``)."""
    return _once((kind, *map(_token, parts)), lambda: make(*parts))


@dataclass(frozen=True, slots=True)
class Software:
    """What runs on the router, as far as the config or the caller says.

    ``version``: the ``version 15.4`` line of a running config (major.minor of the train), or
    what the caller knows (inventory ``platform_version``, ``show version``); ``platform``: the
    product id (``license udi pid CSR1000V``) or the caller's; ``source``: ``config`` or
    ``caller`` for the version. The negotiation model picks per-train defaults from these."""

    version: str | None = None
    platform: str | None = None
    source: str | None = None

    @property
    def release(self) -> tuple[int, int] | None:
        """(major, minor) of ``version``: ``15.4`` -> (15, 4), ``17.03.04a`` -> (17, 3)."""
        if self.version is None:
            return None
        parts = self.version.replace("(", ".").split(".")
        digits = ["".join(ch for ch in p if ch.isdigit()) for p in parts[:2]]
        if len(digits) < 2 or not all(digits):
            return None
        return int(digits[0]), int(digits[1])


@dataclass(frozen=True, eq=False)
class RouterConfig:
    """The typed FlexVPN view of one router's config. Build with ``from_text`` / ``from_tree``."""

    hostname: str | None = None
    domain_name: str | None = None
    software: Software = field(default_factory=Software)
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
    # ``crypto map NAME SEQ`` / ``crypto dynamic-map NAME SEQ`` entries by map, in sequence order.
    crypto_maps: dict[str, tuple[CryptoMapEntry, ...]] = field(default_factory=dict)
    # ``crypto map ipv6 NAME SEQ`` entries (applied by ``ipv6 crypto map NAME``): read, not yet
    # negotiated (the negotiation model follows IPv4 crypto maps only)
    ipv6_crypto_maps: dict[str, tuple[CryptoMapEntry, ...]] = field(default_factory=dict)
    dynamic_maps: dict[str, tuple[CryptoMapEntry, ...]] = field(default_factory=dict)
    aaa: Aaa = field(default_factory=Aaa)
    pki: Pki = field(default_factory=Pki)
    password_encryption_aes: bool = False
    ipsec: IpsecGlobals = field(default_factory=IpsecGlobals)
    local_pools: dict[str, LocalPool] = field(default_factory=dict)
    # IOS defaults switched off (``no crypto ikev2 proposal default``, ...): "ikev2-proposal",
    # "ikev2-policy", "transform-set", "ipsec-profile" (real: ``no crypto ipsec transform-set
    # default`` in tests/fixtures/real/gh-jclarkson-ikev2-gre-site2site).
    disabled_defaults: frozenset[str] = frozenset()
    # Lines inside the blocks the model reads that no reader row understood (see ``reader``).
    unread: tuple[Unread, ...] = ()

    @classmethod
    def from_text(cls, text: str) -> RouterConfig:
        """Read IOS config text (a running config, or a rendered one)."""
        return cls.from_tree(ConfigTree.from_text(text))

    @classmethod
    def from_tree(cls, tree: ConfigTree) -> RouterConfig:
        """Read a ``ConfigTree``. Nothing raises on odd input; what is not understood inside
        the blocks the model reads is listed in ``unread``. Tables and parts equal to another
        config's of this process are that config's (``_shared``): read-only, as the whole view."""
        return cls._of(read_tree(tree.roots))

    @classmethod
    def from_rendered(cls, text: str) -> RouterConfig:
        """``from_tree(ConfigTree.from_rendered(text))`` of config text flexorch rendered, each
        top-level block looked up by its text (``read.read_blocks``): a block the routers of a
        fleet render alike is read once per process."""
        blocks = rendered_blocks(text)
        collected = None if blocks is None else read_blocks(blocks)
        if collected is None:
            return cls.from_tree(ConfigTree.from_rendered(text))
        return cls._of(collected)

    @classmethod
    def _of(cls, c: Collected) -> RouterConfig:
        aaa = _shared_value(
            "aaa", (c.aaa_new_model, _shared({k: _shared(v) for k, v in c.method_lists.items()}),
                    _shared(c.server_groups), _shared(c.radius_servers),
                    _shared({name: a.lines for name, a in c.attribute_lists.items()}),
                    _shared(c.attribute_lists)), Aaa)
        pki = _shared_value(
            "pki", (_shared(c.trustpoints), _shared({
                name: tuple(sorted(entries, key=lambda e: e.sequence))
                for name, entries in c.certificate_maps.items()}),
                    tuple(c.crl_schedule), _shared(c.certificate_chains)), Pki)
        return cls(
            hostname=c.hostname, domain_name=c.domain_name,
            software=_shared_value("software", (
                c.version, c.platform, "config" if c.version else None), Software),
            vrfs=_shared(c.vrfs), interfaces=c.interfaces, proposals=_shared(c.proposals),
            policies=_shared(c.policies), keyrings=_shared(c.keyrings),
            profiles=_shared(c.profiles), name_manglers=_shared(c.name_manglers),
            authorization_policies=_shared(c.authorization_policies),
            transform_sets=_shared(c.transform_sets), ipsec_profiles=_shared(c.ipsec_profiles),
            ikev2=c.ikev2, flexvpn_clients=_shared(c.flexvpn_clients),
            crypto_maps=_shared(_by_sequence(c.crypto_maps)),
            ipv6_crypto_maps=_shared(_by_sequence(c.ipv6_crypto_maps)),
            dynamic_maps=_shared(_by_sequence(c.dynamic_maps)), aaa=aaa, pki=pki,
            password_encryption_aes=c.password_encryption_aes, ipsec=c.ipsec,
            local_pools=_shared(c.local_pools), disabled_defaults=frozenset(c.disabled_defaults),
            unread=c.unread,
        )

    def with_software(self, version: str | None = None,
                      platform: str | None = None) -> RouterConfig:
        """This config with the caller's software facts (inventory ``platform_version``, ``show
        version``): a given value replaces what the config said."""
        soft = self.software
        return replace(self, software=Software(
            version or soft.version, platform or soft.platform,
            "caller" if version else soft.source))

    # --- lookups with IOS smart defaults ----------------------------------------------------
    def proposal(self, name: str) -> Proposal | None:
        """A proposal by name; ``default`` is the built-in one unless the config redefines it
        or disables it (``no crypto ikev2 proposal default``)."""
        if name in self.proposals:
            return self.proposals[name]
        if name != crypto.DEFAULT_PROPOSAL_NAME or "ikev2-proposal" in self.disabled_defaults:
            return None
        return DEFAULT_PROPOSAL

    def transform_set(self, name: str) -> TransformSet | None:
        if name in self.transform_sets:
            return self.transform_sets[name]
        if name != crypto.DEFAULT_TRANSFORM_SET_NAME or "transform-set" in self.disabled_defaults:
            return None
        return DEFAULT_TRANSFORM_SET

    def ipsec_profile(self, name: str) -> IpsecProfile | None:
        if name in self.ipsec_profiles:
            return self.ipsec_profiles[name]
        if name != crypto.DEFAULT_IPSEC_PROFILE_NAME or "ipsec-profile" in self.disabled_defaults:
            return None
        return DEFAULT_IPSEC_PROFILE

    @property
    def default_policy(self) -> Policy | None:
        """The policy IOS falls back on when no configured policy matches: ``crypto ikev2
        policy default`` as configured, else the built-in one; None when disabled."""
        configured = self.policies.get(crypto.DEFAULT_POLICY_NAME)
        if configured is not None and configured.proposals:
            return configured
        return None if "ikev2-policy" in self.disabled_defaults else DEFAULT_POLICY

    # --- AAA-pushed interface configuration --------------------------------------------------
    def interface_pushes(self, profile: str) -> tuple[str, ...] | None:
        """The interface commands local AAA authorization pushes onto the virtual-access
        interface of a session that matched ``profile``: the ``interface-config`` attributes
        of the attribute lists of its authorization policies, group ones first, then the
        user's (they override), a group ``override`` last. None when an authorization goes to
        a server (RADIUS): its reply cannot be known from the config."""
        prof = self.profiles.get(profile)
        if prof is None:
            return ()
        order = {("group", False): 0, ("user", False): 1, ("group", True): 2, ("user", True): 2}
        lines: list[str] = []
        for author in sorted(prof.aaa_authorization, key=lambda a: order[a.scope, a.override]):
            if author.cached:
                continue
            if author.method_list is None or not self.aaa.is_local(author.method_list):
                return None
            lines += self._policy_pushes(author.name or crypto.DEFAULT_POLICY_NAME)
        return tuple(lines)

    def _policy_pushes(self, name: str) -> list[str]:
        policy: AuthorizationPolicy | None = self.authorization_policies.get(name)
        if policy is None or policy.aaa_attribute_list is None:
            return []
        attributes = self.aaa.attributes.get(policy.aaa_attribute_list)
        return list(attributes.interface_config) if attributes is not None else []

    def virtual_access(self, profile: str) -> Interface | None:
        """The interface a session that matched ``profile`` runs on: its virtual template
        cloned with the interface commands AAA pushes (``interface_pushes``; a pushed ``vrf
        forwarding`` puts the clone in that VRF and clears its addresses, as IOS does, so the
        pushed ``ip unnumbered`` that follows gives its address). Named as its template.
        None when the profile has no virtual template or it is not configured."""
        prof = self.profiles.get(profile)
        if prof is None or prof.virtual_template is None:
            return None
        template = self.interfaces.get(f"Virtual-Template{prof.virtual_template}")
        if template is None:
            return None
        return interface_with(template, self.interface_pushes(profile) or ())

    @property
    def loopbacks(self) -> list[Interface]:
        return [i for i in self.interfaces.values() if i.kind == "Loopback"]

    @once
    def tunnels(self) -> list[Interface]:
        """The ``Tunnel`` interfaces, in config order (read-only, as the dicts). Made once:
        lint's negotiation reads them up to three times a router (address index, attempts,
        tunnel index), 13-14 ms at 10,000 routers to make them each time."""
        return [i for i in self.interfaces.values() if i.is_tunnel]

    @property
    def virtual_templates(self) -> list[Interface]:
        return [i for i in self.interfaces.values() if i.is_virtual_template]

    @property
    def version(self) -> str | None:
        """The software version (``software.version``): the train the defaults come from."""
        return self.software.version

    @once
    def memo(self) -> dict[str, object]:
        """Scratch space for indexes derived from this (immutable) config by other modules, so
        a hub's keyring index is built once however many spokes negotiate with it."""
        return {}

    @once
    def address_owners(self) -> dict[IpAddress, Interface]:
        """Every configured interface address (``Interface.addresses``) -> its interface (first
        one wins)."""
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
