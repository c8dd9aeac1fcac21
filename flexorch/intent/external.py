"""``external_peers``: routers outside the inventory that an inventory router builds tunnels to.

A partner's site-to-site router or a cloud VPN gateway is not managed by flexorch, but a tunnel to
it is: lint and the predictions need to know what the far end expects, or every such tunnel would
be "a peer outside the inventory" (FV502). A declared external peer says where it is (address),
who it says it is (identity), how it authenticates and what it accepts (proposal, transform set,
PFS, tunnel mode). The prediction pipeline (``flexorch.predict``) turns it into a negotiation
endpoint that answers as an IOS responder with exactly those settings would; it never initiates
(a tunnel it dials towards an inventory hub is not predicted).
"""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Interface, IPv6Address, IPv6Interface, IPv6Network
from typing import Any, Literal

from pydantic import Field, model_validator

from flexorch.intent.ikev2 import (
    Authentication,
    Identity,
    Keyring,
    KeyringPeer,
    Policy,
    Profile,
    ProfileKeyring,
    ProfileMatch,
    Proposal,
    RemoteIdentity,
    VirtualTemplateRef,
)
from flexorch.intent.interfaces import Loopback, TunnelMode, VirtualTemplate
from flexorch.intent.ipsec import IpsecProfile, PfsGroup, TransformSet
from flexorch.intent.pki import Trustpoint
from flexorch.intent.types import Address, Model, Text
from flexorch.secrets import SecretRef

PeerAuth = Literal["pre-share", "rsa-sig", "ecdsa-sig"]


class ExternalPeer(Model):
    """A router outside the inventory, as the inventory routers' tunnels expect it.

    ``authentication``: how it proves itself; ``accepts``: the methods it accepts from us (default:
    its own). ``pre_shared_key``: the key it holds for us (both directions), needed when pre-share
    is used either way. ``identity``: what it presents (IOS default: its address);
    ``remote_identities``: the identities of ours it accepts (default: any). ``mode``: the tunnel
    mode it runs (default: it takes whatever mode we propose).
    """

    description: Text | None = None
    address: Address
    identity: Identity | None = None
    authentication: PeerAuth
    accepts: list[PeerAuth] = Field(default_factory=list)
    pre_shared_key: SecretRef | None = None
    remote_identities: list[RemoteIdentity] = Field(default_factory=list)
    # The subject-name of its certificate (rsa-sig/ecdsa-sig): what our certificate maps match
    # (``match certificate``), like a managed router's trustpoint ``subject-name``.
    certificate_subject: Text | None = None
    proposal: Proposal
    transform_set: TransformSet
    pfs: PfsGroup | None = None
    mode: TunnelMode | None = None

    @model_validator(mode="after")
    def _keys(self) -> ExternalPeer:
        uses_psk = "pre-share" in (self.authentication, *self.accepts)
        if uses_psk and self.pre_shared_key is None:
            raise ValueError("pre-share is used: give pre_shared_key (a secret reference), the "
                             "key this peer holds for us")
        if self.certificate_subject is not None and self.authentication not in _CERT:
            raise ValueError("certificate_subject needs authentication rsa-sig or ecdsa-sig")
        if not uses_psk and self.pre_shared_key is not None:
            raise ValueError("pre_shared_key is given but neither authentication nor accepts "
                             "is pre-share")
        if self.mode == "gre multipoint":
            raise ValueError("mode gre multipoint is a DMVPN hub's, not a peer's tunnel mode")
        return self

    @property
    def accepted(self) -> list[PeerAuth]:
        """The methods it accepts from us (``accepts``, else its own method)."""
        return list(self.accepts) or [self.authentication]


# Every object of the peer's modelled configuration has this name (the peer's real names are
# unknown and never shown: findings name the peer by its inventory key).
MODELLED = "EXTERNAL"
_CERT = ("rsa-sig", "ecdsa-sig")
_MIXED_MODES = ("ipsec ipv4 v6-overlay", "ipsec ipv6 v4-overlay")


def responder_blocks(peer: ExternalPeer) -> dict[str, Any]:
    """The peer as an IOS responder with its declared settings, as ``HostIntent`` blocks: its
    address on a loopback, one proposal and policy (any FVRF), a keyring accepting any address
    with its key, one IKEv2 profile (its identity and methods, the identities of ours it accepts,
    a virtual-template: it answers, it never dials), the transform set and PFS, and the
    template in its tunnel mode (``mode auto`` and ``set mixed-mode`` when it takes any)."""
    v6 = peer.address.version == 6
    keyed = peer.pre_shared_key is not None
    cert = any(m in _CERT for m in (peer.authentication, *peer.accepted))
    profile = Profile(
        match=ProfileMatch(identity_remote=peer.remote_identities or [RemoteIdentity(type="any")]),
        identity_local=peer.identity,
        authentication_local=Authentication(method=peer.authentication),
        authentication_remote=[Authentication(method=m) for m in peer.accepted],
        keyring=ProfileKeyring(local=MODELLED) if keyed else None,
        pki_trustpoints=[MODELLED] if cert else [],
        virtual_template=VirtualTemplateRef(number=1, mode_auto=peer.mode is None),
    )
    keyrings: dict[str, Keyring] = {}
    if peer.pre_shared_key is not None:
        key = peer.pre_shared_key
        anywhere = (KeyringPeer(prefix=IPv6Network("::/0"), pre_shared_key=key) if v6 else
                    KeyringPeer(address=IPv4Address("0.0.0.0"), mask=IPv4Address("0.0.0.0"),
                                pre_shared_key=key))
        keyrings[MODELLED] = Keyring(peers={"ANY": anywhere})
    loopback = (Loopback(ipv6=[IPv6Interface(peer.address)])
                if isinstance(peer.address, IPv6Address)
                else Loopback(ipv4=IPv4Interface(peer.address)))
    return {
        "loopbacks": {"Loopback0": loopback},
        "virtual_templates": {"Virtual-Template1": VirtualTemplate(
            ip_unnumbered=None if v6 else "Loopback0",
            ipv6_unnumbered="Loopback0" if v6 else None,
            mode=peer.mode, protection=MODELLED)},
        "pki_trustpoints": ({MODELLED: Trustpoint(subject_name=peer.certificate_subject)}
                            if cert else {}),
        "ikev2_proposals": {MODELLED: peer.proposal},
        "ikev2_policies": {MODELLED: Policy(match_fvrf="any", proposals=[MODELLED])},
        "ikev2_keyrings": keyrings,
        "ikev2_profiles": {MODELLED: profile},
        "ipsec_transform_sets": {MODELLED: peer.transform_set},
        "ipsec_profiles": {MODELLED: IpsecProfile(
            transform_sets=[MODELLED], pfs=peer.pfs, ikev2_profile=MODELLED,
            mixed_mode=peer.mode is None or peer.mode in _MIXED_MODES)},
    }
