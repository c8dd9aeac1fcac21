"""IKEv2 blocks: proposals, policies, identities, keyrings and profiles (name manglers,
authorization policies, the FlexVPN client and the globals are in ``ikev2_aux.py``).

Shapes and keywords are checked here; ranges the guide states (window 1-200, DPD 10-3600/2-60, ...)
are lint rules, so a value outside them still loads and lint reports it with advice.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from flexorch.intent.raw import RawEntry
from flexorch.intent.strict import Flag, Int, Positive, whole_number
from flexorch.intent.types import (
    Address,
    InterfaceName,
    IPv4,
    IPv6Net,
    Model,
    Name,
    Text,
    Word,
    ip_text,
)
from flexorch.secrets import SecretRef

Encryption = Literal[
    "des", "3des", "aes-cbc-128", "aes-cbc-192", "aes-cbc-256", "aes-gcm-128", "aes-gcm-256"
]
Hash = Literal["md5", "sha1", "sha256", "sha384", "sha512"]
DhGroup = Annotated[Literal[1, 2, 5, 14, 15, 16, 19, 20, 21, 24], BeforeValidator(whole_number)]
AuthMethod = Literal["pre-share", "rsa-sig", "ecdsa-sig", "eap"]
AuthzKind = Literal["psk", "cert", "eap"]
DpdMode = Literal["on-demand", "periodic"]


class Proposal(Model):
    """``crypto ikev2 proposal``: transform lists, preference left to right."""

    encryption: list[Encryption] = Field(default_factory=list)
    integrity: list[Hash] = Field(default_factory=list)
    prf: list[Hash] = Field(default_factory=list)
    group: list[DhGroup] = Field(default_factory=list)
    extra_lines: list[RawEntry] = Field(default_factory=list)


class Policy(Model):
    """``crypto ikev2 policy``: proposals plus optional FVRF / local-address matches."""

    match_fvrf: Name | None = None  # a VRF name, or "any"
    match_address_local: list[Address] = Field(default_factory=list)
    proposals: list[Name] = Field(default_factory=list)
    extra_lines: list[RawEntry] = Field(default_factory=list)


# --- identities -----------------------------------------------------------------------------------
def _canonical_address_value(data: Any) -> Any:
    """Before validation: an address identity's value becomes IOS's spelling of the address."""
    if isinstance(data, dict) and data.get("type") == "address" and data.get("value") is not None:
        raw = data["value"]
        try:
            address = ipaddress.ip_address(str(raw).strip())
        except ValueError:
            raise ValueError(f"'{raw}' is not an IPv4 or IPv6 address") from None
        data = {**data, "value": ip_text(address)}
    return data


class Identity(Model):
    """An IKE identity: ``address A``, ``fqdn X``, ``email X``, ``key-id X`` or (local) ``dn``."""

    type: Literal["address", "fqdn", "email", "key-id", "dn"]
    value: Word | None = None

    _address = model_validator(mode="before")(_canonical_address_value)

    @model_validator(mode="after")
    def _value_shape(self) -> Identity:
        if self.type == "dn":
            if self.value is not None:
                raise ValueError("identity type dn takes no value (it comes from the certificate)")
        elif self.value is None:
            raise ValueError(f"identity type {self.type} needs a value")
        return self


def _canonical_remote_address(data: Any) -> Any:
    """Before validation: as ``_canonical_address_value``, and an IPv6 prefix (``P/L``: IOS
    matches ``match identity remote address {ipv4-address [mask] | ipv6-address/prefix}``,
    Cisco IOS Security Command Reference, ``match (IKEv2 profile)``; the grammar row in
    ``flexorch.ios.cli.commands.ikev2``) becomes IOS's spelling, ``/128`` a single address."""
    if not (isinstance(data, dict) and data.get("type") == "address"
            and "/" in str(data.get("value") or "")):
        return _canonical_address_value(data)
    raw = str(data["value"]).strip()
    try:
        net = ipaddress.IPv6Network(raw)
    except ValueError:
        raise ValueError(f"'{raw}' is not an IPv6 prefix (an IPv4 range is value and mask)") \
            from None
    address = ip_text(net.network_address)
    return {**data, "value": address if net.prefixlen == 128 else f"{address}/{net.prefixlen}"}


class RemoteIdentity(Model):
    """A ``match identity remote`` / keyring ``identity`` entry: ``fqdn [domain] X``,
    ``email [domain] X``, ``key-id X``, ``address A [M]`` or ``any`` (profile only)."""

    type: Literal["address", "fqdn", "email", "key-id", "any"]
    value: Word | None = None
    domain: Flag = False  # fqdn/email: match the domain part only
    mask: IPv4 | None = None  # address: optional IPv4 mask

    _address = model_validator(mode="before")(_canonical_remote_address)

    @model_validator(mode="after")
    def _value_shape(self) -> RemoteIdentity:
        if self.type == "any":
            if self.value is not None or self.domain or self.mask is not None:
                raise ValueError("identity type any takes no value")
            return self
        if self.value is None:
            raise ValueError(f"identity type {self.type} needs a value")
        if self.domain and self.type not in ("fqdn", "email"):
            raise ValueError("domain applies to fqdn and email identities only")
        if self.mask is not None and self.type != "address":
            raise ValueError("mask applies to address identities only")
        return self


# --- keyrings -------------------------------------------------------------------------------------
class KeyringPeer(Model):
    """One ``peer`` block of a keyring: how to recognise the peer, and its key(s)."""

    description: Text | None = None
    address: Address | None = None
    mask: IPv4 | None = None  # IPv4 address block; IPv6 uses `prefix`
    prefix: IPv6Net | None = None
    hostname: Word | None = None
    identities: list[RemoteIdentity] = Field(default_factory=list)
    pre_shared_key: SecretRef | None = None
    pre_shared_key_local: SecretRef | None = None
    pre_shared_key_remote: SecretRef | None = None
    extra_lines: list[RawEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _keys(self) -> KeyringPeer:
        if self.pre_shared_key is not None and (
            self.pre_shared_key_local is not None or self.pre_shared_key_remote is not None
        ):
            raise ValueError(
                "give pre_shared_key (symmetric) or pre_shared_key_local/remote, not both"
            )
        if (
            self.pre_shared_key is None
            and self.pre_shared_key_local is None
            and self.pre_shared_key_remote is None
        ):
            raise ValueError("a keyring peer needs pre_shared_key or pre_shared_key_local/remote")
        if self.mask is not None and (self.address is None or self.address.version != 4):
            raise ValueError("mask needs an IPv4 address")
        if self.address is not None and self.prefix is not None:
            raise ValueError(
                "give address (IPv4/IPv6 host or IPv4 with mask) or prefix (IPv6), not both"
            )
        if any(i.type == "any" for i in self.identities):
            raise ValueError("a keyring peer identity cannot be 'any'")
        return self


class Keyring(Model):
    """``crypto ikev2 keyring``: named peer blocks."""

    peers: dict[Name, KeyringPeer] = Field(default_factory=dict)
    extra_lines: list[RawEntry] = Field(default_factory=list)


# --- profiles -------------------------------------------------------------------------------------
class Authentication(Model):
    """``authentication local|remote METHOD [key K]`` (one local method, one or more remote)."""

    method: AuthMethod
    key: SecretRef | None = None  # pre-share only: the key in the profile instead of a keyring
    eap: Literal["gtc", "md5", "mschapv2", "query-identity"] | None = None

    @model_validator(mode="after")
    def _key_only_for_psk(self) -> Authentication:
        if self.key is not None and self.method != "pre-share":
            raise ValueError("key applies to pre-share authentication only")
        if self.eap is not None and self.method != "eap":
            raise ValueError("eap options apply to eap authentication only")
        return self


class ProfileKeyring(Model):
    """``keyring local NAME`` or ``keyring aaa LIST [name-mangler M] [password P]``."""

    local: Name | None = None
    aaa: Name | None = None
    name_mangler: Name | None = None
    password: SecretRef | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> ProfileKeyring:
        if (self.local is None) == (self.aaa is None):
            raise ValueError("a profile keyring is either local: NAME or aaa: LIST")
        if self.local is not None and (self.name_mangler is not None or self.password is not None):
            raise ValueError("name_mangler/password apply to an aaa keyring only")
        return self


class Dpd(Model):
    """``dpd INTERVAL RETRY on-demand|periodic``."""

    interval: Int
    retry: Int
    mode: DpdMode = "on-demand"


class Authorization(Model):
    """``aaa authorization user|group [override] psk|cert|eap list LIST [NAME | name-mangler M]
    [password P]`` or ``aaa authorization user psk|eap cached``."""

    scope: Literal["user", "group"]
    kind: AuthzKind
    list: Name | None = None
    name: Word | None = None
    name_mangler: Name | None = None
    password: SecretRef | None = None
    override: Flag = False
    cached: Flag = False

    @model_validator(mode="after")
    def _shape(self) -> Authorization:
        if self.cached:
            if self.scope != "user" or self.kind == "cert":
                raise ValueError("cached applies to 'aaa authorization user psk|eap' only")
            if self.list or self.name or self.name_mangler or self.password or self.override:
                raise ValueError("cached takes no list, name, name_mangler, password or override")
            return self
        if self.list is None:
            raise ValueError("an authorization needs a method list (or cached: true)")
        if self.name is not None and self.name_mangler is not None:
            raise ValueError("give name or name_mangler, not both")
        if self.override and self.scope != "group":
            raise ValueError("override applies to group authorization only")
        return self


class Accounting(Model):
    """``aaa accounting [psk|cert|eap] LIST``."""

    kinds: list[AuthzKind] = Field(default_factory=list)
    list: Name


class VirtualTemplateRef(Model):
    """``virtual-template N [mode auto]``."""

    number: Annotated[Int, Field(ge=1, le=65535)]
    mode_auto: Flag = False


class ProfileMatch(Model):
    """The ``match`` statements of a profile."""

    fvrf: Name | None = None  # VRF name or "any"
    address_local: list[Address] = Field(default_factory=list)
    address_local_interface: InterfaceName | None = None
    identity_remote: list[RemoteIdentity] = Field(default_factory=list)
    certificate: list[Name] = Field(default_factory=list)


class Profile(Model):
    """``crypto ikev2 profile``: who the peers are, how both sides authenticate, and session
    behaviour (DPD, NAT keepalive, AAA, virtual template, lifetimes)."""

    description: Text | None = None
    match: ProfileMatch = ProfileMatch()
    identity_local: Identity | None = None
    authentication_local: Authentication | None = None
    authentication_remote: list[Authentication] = Field(default_factory=list)
    keyring: ProfileKeyring | None = None
    pki_trustpoints: list[Name] = Field(default_factory=list)
    lifetime: Positive | None = None  # IKE SA lifetime, seconds
    dpd: Dpd | None = None
    nat_keepalive: Positive | None = None
    nat_force_encap: Flag = False
    ivrf: Name | None = None
    virtual_template: VirtualTemplateRef | None = None
    aaa_authentication_eap: Name | None = None
    aaa_authorization: list[Authorization] = Field(default_factory=list)
    aaa_accounting: list[Accounting] = Field(default_factory=list)
    # Configuration exchange (guide lines 1905-1911: all three are on by default). Unset leaves
    # the IOS default and renders nothing; true renders the positive line the guide prints
    # (lines 1950-1952; IOS accepts it and, being the default, never shows it); false renders
    # the `no` line.
    config_exchange_request: Flag | None = None
    config_exchange_set_send: Flag | None = None
    config_exchange_set_accept: Flag | None = None
    session_lifetime: Int | None = None
    lifetime_certificate: Flag = True  # False renders `no lifetime certificate`
    reconnect: Flag = False
    reconnect_timeout: Positive | None = None
    extra_lines: list[RawEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _auth_remote_unique(self) -> Profile:
        methods = [a.method for a in self.authentication_remote]
        if len(methods) != len(set(methods)):
            raise ValueError("authentication_remote lists a method twice")
        if self.reconnect_timeout is not None and not self.reconnect:
            raise ValueError("reconnect_timeout needs reconnect: true")
        return self


__all__ = [
    "Accounting",
    "Authentication",
    "Authorization",
    "Dpd",
    "Identity",
    "Keyring",
    "KeyringPeer",
    "Policy",
    "Profile",
    "ProfileKeyring",
    "ProfileMatch",
    "Proposal",
    "RemoteIdentity",
    "VirtualTemplateRef",
]
