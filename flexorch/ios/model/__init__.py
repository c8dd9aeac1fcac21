"""The typed FlexVPN view of an IOS / IOS-XE config: ``RouterConfig`` and the blocks it holds.

Public surface (import from this package): ``RouterConfig.from_text(text)`` / ``.from_tree(tree)``
/ ``.with_software(version, platform)``, its ``unread`` lines (``Unread``), ``Software``, and the
frozen dataclasses of each block (proposals, policies, keyrings, profiles, authorization
policies, transform sets, IPsec profiles, interfaces with NHRP, VRFs, AAA, PKI, FlexVPN client).
Parts: ``values`` (secrets, identities, DNs), ``interfaces``, ``blocks`` (IKEv2/IPsec blocks
with IOS's built-in defaults), ``aaa``, ``pki``, ``reader`` (the grammar-driven fold),
``read_*`` (row tables per mode), ``router`` (``RouterConfig``). The contract is in
docs/ARCHITECTURE.md. Depends on ``flexorch.ios.cli``, ``flexorch.ios.config`` and
``flexorch.ios.facts``.
"""

from __future__ import annotations

from flexorch.ios.model import aaa, blocks, interfaces, pki, reader, router, values
from flexorch.ios.model.aaa import Aaa, Attribute, AttributeList, RadiusServer, ServerGroup
from flexorch.ios.model.blocks import (
    DEFAULT_IPSEC_PROFILE,
    DEFAULT_POLICY,
    DEFAULT_PROPOSAL,
    DEFAULT_TRANSFORM_SET,
    AaaAuthorization,
    AuthMethod,
    AuthorizationPolicy,
    CryptoMapEntry,
    Dpd,
    FlexvpnClient,
    Ikev2Globals,
    IpsecGlobals,
    IpsecProfile,
    Keyring,
    KeyringPeer,
    LocalPool,
    NameMangler,
    Policy,
    Profile,
    Proposal,
    RouteSet,
    TransformSet,
)
from flexorch.ios.model.interfaces import (
    DEFAULT_TUNNEL_MODE,
    Interface,
    Nhrp,
    NhrpMapping,
    NhrpServer,
    TunnelMode,
    Vrf,
    tunnel_mode_parse,
)
from flexorch.ios.model.pki import Certificate, CertificateMapEntry, Pki, Trustpoint
from flexorch.ios.model.reader import Unread, flat_state
from flexorch.ios.model.router import RouterConfig, Software
from flexorch.ios.model.values import (
    Identity,
    IpAddress,
    IpInterface,
    IpNetwork,
    Secret,
    address_pattern,
    dn_normalize,
)

# Every frozen slotted dataclass of the model pickles as the tuple of its values (``flat_state``):
# lint's workers send each router's model back pickled.
for _module in (aaa, blocks, interfaces, pki, reader, router, values):
    for _value in list(vars(_module).values()):
        if isinstance(_value, type) and _value.__module__ == _module.__name__:
            flat_state(_value)

__all__ = [
    "DEFAULT_IPSEC_PROFILE",
    "DEFAULT_POLICY",
    "DEFAULT_PROPOSAL",
    "DEFAULT_TRANSFORM_SET",
    "DEFAULT_TUNNEL_MODE",
    "Aaa",
    "AaaAuthorization",
    "Attribute",
    "AttributeList",
    "AuthMethod",
    "AuthorizationPolicy",
    "Certificate",
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
    "IpsecGlobals",
    "IpsecProfile",
    "Keyring",
    "KeyringPeer",
    "LocalPool",
    "NameMangler",
    "Nhrp",
    "NhrpMapping",
    "NhrpServer",
    "Pki",
    "Policy",
    "Profile",
    "Proposal",
    "RadiusServer",
    "RouteSet",
    "RouterConfig",
    "Secret",
    "ServerGroup",
    "Software",
    "TransformSet",
    "Trustpoint",
    "TunnelMode",
    "Unread",
    "Vrf",
    "address_pattern",
    "dn_normalize",
    "flat_state",
    "tunnel_mode_parse",
]
