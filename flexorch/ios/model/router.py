"""RouterConfig: the typed FlexVPN view of an IOS-XE config.

Read from the shared indentation tree (``flexorch.ios.config.tree.ConfigTree``), so a whole running
config is read in one pass with no third-party parser. Tolerant by design: lines it does not know
are ignored (it reads whole running configs), and a malformed known line is kept as far as it can
be understood rather than raising. The view is read-only (frozen dataclasses; treat the dicts as
read-only too).

Secrets: keys are ``Secret`` objects whose repr is masked. Type 7 keys are decoded (type 7 is a
reversible obfuscation); type 6 keys are kept as "encrypted, value unknown" (``value is None``):
the negotiation model never claims AUTH_FAILED on a key it cannot read (see ``negotiate``).

Layout (import everything from ``flexorch.ios.model``; the others are its parts): ``interfaces``
(addresses, tunnel modes, interfaces, VRFs), ``blocks`` (secrets, identities and the crypto,
AAA and PKI blocks with IOS's built-in defaults), ``read_ikev2`` (readers of the IKEv2
blocks and the word helpers every reader shares), ``read`` (the tree dispatch and the other
readers); ``RouterConfig`` is defined here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from flexorch.ios.config import ConfigTree
from flexorch.ios.facts import crypto, interface_canonical
from flexorch.ios.model.blocks import (
    DEFAULT_IPSEC_PROFILE,
    DEFAULT_POLICY,
    DEFAULT_PROPOSAL,
    DEFAULT_TRANSFORM_SET,
    Aaa,
    AaaAuthorization,
    AuthMethod,
    AuthorizationPolicy,
    CertificateMapEntry,
    CryptoMapEntry,
    Dpd,
    FlexvpnClient,
    Identity,
    Ikev2Globals,
    IpsecProfile,
    Keyring,
    KeyringPeer,
    NameMangler,
    Pki,
    Policy,
    Profile,
    Proposal,
    RadiusServer,
    Secret,
    TransformSet,
    Trustpoint,
)
from flexorch.ios.model.interfaces import (
    DEFAULT_TUNNEL_MODE,
    Interface,
    IpAddress,
    IpInterface,
    IpNetwork,
    TunnelMode,
    Vrf,
    tunnel_mode_parse,
)
from flexorch.ios.model.read import read_tree

__all__ = [
    "DEFAULT_IPSEC_PROFILE",
    "DEFAULT_POLICY",
    "DEFAULT_PROPOSAL",
    "DEFAULT_TRANSFORM_SET",
    "DEFAULT_TUNNEL_MODE",
    "Aaa",
    "AaaAuthorization",
    "AuthMethod",
    "AuthorizationPolicy",
    "CertificateMapEntry",
    "CryptoMapEntry",
    "Dpd",
    "FlexvpnClient",
    "Identity",
    "Ikev2Globals",
    "Interface",
    "IpAddress",
    "IpInterface",
    "IpNetwork",
    "IpsecProfile",
    "Keyring",
    "KeyringPeer",
    "NameMangler",
    "Pki",
    "Policy",
    "Profile",
    "Proposal",
    "RadiusServer",
    "RouterConfig",
    "Secret",
    "TransformSet",
    "Trustpoint",
    "TunnelMode",
    "Vrf",
    "tunnel_mode_parse",
]

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
    version: str | None = None  # the ``version 15.4`` line: the software train (crypto facts)
    # Built-in default objects removed by ``no crypto ... default``: "ikev2-proposal",
    # "ikev2-policy", "transform-set".
    disabled_defaults: frozenset[str] = frozenset()
    # ``crypto map`` / ``crypto dynamic-map`` entries by map name, in sequence order.
    crypto_maps: dict[str, tuple[CryptoMapEntry, ...]] = field(default_factory=dict)
    dynamic_maps: dict[str, tuple[CryptoMapEntry, ...]] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str) -> RouterConfig:
        """Read IOS config text (a running config, or a rendered one)."""
        return cls.from_tree(ConfigTree.from_text(text))

    @classmethod
    def from_tree(cls, tree: ConfigTree) -> RouterConfig:
        """Read a ``ConfigTree``. Unknown lines are ignored; nothing raises on odd input."""
        return cls(**read_tree(tree.roots))  # type: ignore[arg-type]

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
