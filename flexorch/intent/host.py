"""``HostIntent``: one router's validated intent, with one typed model per FlexVPN block.

Every top-level ``data`` key of the inventory is one field here (see ``DATA_KEYS``), so a group can
carry shared blocks (proposals, profiles, AAA) while a host adds or overrides others (tunnels,
loopbacks, addresses): the Nornir merge is per top-level key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from flexorch.intent.aaa import Aaa, RadiusServer
from flexorch.intent.connection import check_connection_options
from flexorch.intent.external import ExternalPeer
from flexorch.intent.ikev2 import (
    Identity,
    Keyring,
    Policy,
    Profile,
    Proposal,
)
from flexorch.intent.ikev2_aux import AuthorizationPolicy, Client, Globals, NameMangler
from flexorch.intent.interfaces import (
    AccessList,
    ExtendedAccessList,
    Ipv6AccessList,
    LocalPool,
    Loopback,
    PhysicalInterface,
    StaticRoute,
    Tunnel,
    VirtualTemplate,
    Vrf,
)
from flexorch.intent.ipsec import IpsecProfile, TransformSet
from flexorch.intent.nat import Nat, refuse_moved_lab_keys
from flexorch.intent.pki import CertificateMap, CrlDownload, Trustpoint
from flexorch.intent.shared import build
from flexorch.intent.strict import Int, Port
from flexorch.intent.types import (
    ConnectAddress,
    InterfaceName,
    IPv4,
    Model,
    Name,
    SiteName,
    Word,
    canonical_interface,
)
from flexorch.safetext import escape_control
from flexorch.secrets import SecretRef

Role = Literal["hub", "spoke", "client"]
# fullmatch: with ``$``, a name ending in a line break would pass (and split the hostname line)
_HOSTNAME = re.compile(r"[A-Za-z][A-Za-z0-9-]{0,62}")


def _check_hostname(value: str) -> str:
    if not _HOSTNAME.fullmatch(value):
        raise ValueError(
            f"'{value}' is not a valid router name (letter first, then letters, digits or '-', "
            "at most 63 characters): it becomes the IOS hostname"
        )
    return value


RouterName = Annotated[str, AfterValidator(_check_hostname)]


_LOGICAL_INTERFACE = re.compile(r"(Loopback|Tunnel|Virtual-Template)[0-9]")


def _interface_map(kind: str | None) -> Any:
    """Dict of interfaces keyed by canonical name; a second spelling of one interface is an error,
    and (when ``kind`` is given) every key must be of that interface type."""
    # compiled here: ``re.fullmatch(pattern, ...)`` looks its pattern up in re's cache per call
    # (three maps of every host of a site)
    of_kind = re.compile(rf"{kind}[0-9]+") if kind is not None else None

    def check(value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        for raw in value:
            try:
                name = canonical_interface(str(raw))
            except ValueError as exc:
                raise ValueError(str(exc)) from None
            if name in out:
                raise ValueError(f"interface {name} is given twice ('{raw}')")
            if of_kind is not None and not of_kind.fullmatch(name):
                raise ValueError(f"'{raw}' is not a {kind} interface")
            if of_kind is None and _LOGICAL_INTERFACE.match(name):
                raise ValueError(
                    f"{name} belongs under loopbacks/tunnels/virtual_templates, not interfaces"
                )
            out[name] = value[raw]
        return out

    return BeforeValidator(check)


def _check_file_path(value: str) -> str:
    if not value or escape_control(value) != value:
        raise ValueError("a file path must be non-empty, without control characters")
    return value


FilePath = Annotated[str, AfterValidator(_check_file_path)]
HostKeyPolicy = Literal["strict", "accept-new"]


class Credentials(Model):
    """How flexorch logs in: a user name and secret references (never literal passwords)."""

    username: Word
    password: SecretRef
    enable: SecretRef | None = None
    privilege: Annotated[Int, Field(ge=0, le=15)] = 15


def _version_text(value: Any) -> Any:
    # YAML reads 17.10 as the number 17.1: a version is only taken as text.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f"write the version in quotes ('{value}'): YAML reads it as a number")
    return value


# A release as ``show version`` prints it: major.minor, then anything (``17.9.4a``, ``15.4(3)M5``).
PlatformVersion = Annotated[str, BeforeValidator(_version_text),
                            Field(pattern=r"^[0-9]{1,2}\.[0-9]{1,2}[0-9A-Za-z().]*$",
                                  max_length=32)]


class LabHost(Model):
    """Settings only the built-in lab reads (flexorch.lab); nothing else in flexorch does.

    ``ios_version``: the IOS-XE release the simulated router reports (``show version``);
    default: the lab-wide version. NAT is not here: it is a fact of the network (``nat``).
    """

    ios_version: Word | None = None

    @model_validator(mode="before")
    @classmethod
    def _moved(cls, value: Any) -> Any:
        return refuse_moved_lab_keys(value)


class FlexVpn(Model):
    """Topology settings (usually on a group): where derived lines go and what peers dial.

    ``wan``: the interface whose addresses peers dial (tunnel destinations, keyring addresses);
    default: the first of ``interfaces``.
    ``profile`` / ``keyring``: the IKEv2 profile and keyring that derived lines are added to.
    ``client``: clients: the ``crypto ikev2 client flexvpn`` block whose peers are derived.
    ``identity_domain``: a host without ``identity`` gets ``fqdn <name>.<identity_domain>``.
    """

    wan: InterfaceName | None = None
    profile: Name | None = None
    keyring: Name | None = None
    client: Name | None = None
    identity_domain: Word | None = None


class LintIgnore(Model):
    """One lint rule this host (or every host of a group, or the fleet) accepts, and why: the
    reason is mandatory and shown by ``flexorch lint`` beside every finding it silences.
    ``path``: only findings at this intent path or below it (``ikev2.fragmentation``)."""

    rule: Annotated[str, Field(pattern=r"^FV[0-9]{3}$")]
    reason: Annotated[str, Field(min_length=3, max_length=300)]
    path: Annotated[str, Field(min_length=1)] | None = None


class LintSettings(Model):
    """``lint: {ignore: [{rule: FV513, reason: ...}]}``: findings the inventory accepts."""

    ignore: list[LintIgnore] = Field(default_factory=list)


def check_role(role: str, hubs: Sequence[str]) -> None:
    """A hub names no hubs; a spoke or client names at least one. Raises ValueError."""
    if role == "hub" and hubs:
        raise ValueError("a hub does not name hubs (hubs applies to spokes and clients)")
    if role != "hub" and not hubs:
        raise ValueError(f"a {role} needs hubs: the inventory name(s) of its hub(s)")


class HostIntent(Model):
    """One router: Nornir connection attributes, site/role, and every FlexVPN block."""

    # Nornir host attributes (top level of hosts.yaml; merged host > groups > defaults).
    name: RouterName
    hostname: ConnectAddress
    port: Port = 22
    platform: Literal["cisco_ios", "cisco_xe"] = "cisco_ios"
    groups: list[str] = Field(default_factory=list)
    connection_options: Annotated[
        dict[str, dict[str, Any]], AfterValidator(check_connection_options)
    ] = Field(default_factory=dict)

    # data: placement in the fleet
    site: SiteName
    role: Role
    hubs: list[RouterName] = Field(default_factory=list)
    credentials: Credentials
    # SSH host keys (flexorch.hostkeys): strict = the router's key must be pinned already;
    # accept-new = pin the key seen first, refuse any other after (OpenSSH's accept-new)
    host_key_policy: HostKeyPolicy = "strict"
    known_hosts: FilePath | None = None  # OpenSSH format; default <state dir>/known_hosts
    nat: Nat = Nat()
    # The software the router runs (``17.9.4a``, ``15.4(3)M5``): IOS's built-in IKEv2 proposal
    # and transform set differ per train (flexorch.ios.facts.crypto.SMART_DEFAULTS), so every
    # prediction (lint, plan, verify) uses it where a config has no ``version`` line.
    platform_version: PlatformVersion | None = None
    lab: LabHost = LabHost()
    # the router's IOS `hostname` when it cannot be the inventory name (SITE_A, Cisco:Spoke5)
    ios_hostname: Word | None = None
    flexvpn: FlexVpn = FlexVpn()
    identity: Identity | None = None  # this router's IKE identity (see ike_identity())
    psk: SecretRef | None = None  # spokes/clients: the key shared with their hubs (both ends)
    # routers outside the inventory this host builds tunnels to (lint and predictions use them)
    external_peers: dict[Name, ExternalPeer] = Field(default_factory=dict)

    # data: day-0 and interfaces
    vrfs: dict[Name, Vrf] = Field(default_factory=dict)
    interfaces: Annotated[dict[str, PhysicalInterface], _interface_map(None)] = Field(
        default_factory=dict
    )
    loopbacks: Annotated[dict[str, Loopback], _interface_map("Loopback")] = Field(
        default_factory=dict
    )
    tunnels: Annotated[dict[str, Tunnel], _interface_map("Tunnel")] = Field(default_factory=dict)
    virtual_templates: Annotated[dict[str, VirtualTemplate], _interface_map("Virtual-Template")] = (
        Field(default_factory=dict)
    )
    routes: list[StaticRoute] = Field(default_factory=list)
    local_pools: dict[Name, LocalPool] = Field(default_factory=dict)
    access_lists: dict[Name, AccessList] = Field(default_factory=dict)
    extended_access_lists: dict[Name, ExtendedAccessList] = Field(default_factory=dict)
    ipv6_access_lists: dict[Name, Ipv6AccessList] = Field(default_factory=dict)

    # data: AAA and PKI
    aaa: Aaa | None = None
    radius_servers: dict[Name, RadiusServer] = Field(default_factory=dict)
    pki_trustpoints: dict[Name, Trustpoint] = Field(default_factory=dict)
    pki_certificate_maps: list[CertificateMap] = Field(default_factory=list)
    pki_crl: CrlDownload | None = None

    # data: IKEv2 and IPsec
    ikev2_name_manglers: dict[Name, NameMangler] = Field(default_factory=dict)
    ikev2_authorization_policies: dict[Name, AuthorizationPolicy] = Field(default_factory=dict)
    ikev2_proposals: dict[Name, Proposal] = Field(default_factory=dict)
    ikev2_policies: dict[Name, Policy] = Field(default_factory=dict)
    ikev2_keyrings: dict[Name, Keyring] = Field(default_factory=dict)
    ikev2_profiles: dict[Name, Profile] = Field(default_factory=dict)
    ikev2_clients: dict[Name, Client] = Field(default_factory=dict)
    ikev2: Globals = Globals()
    ipsec_transform_sets: dict[Name, TransformSet] = Field(default_factory=dict)
    ipsec_profiles: dict[Name, IpsecProfile] = Field(default_factory=dict)

    # data: tooling
    lint: LintSettings = LintSettings()

    @model_validator(mode="after")
    def _role_shape(self) -> HostIntent:
        check_role(self.role, self.hubs)
        return self

    def ike_identity(self) -> Identity | None:
        """This router's IKE identity: ``identity``, else ``fqdn NAME.<identity_domain>``."""
        if self.identity is not None:
            return self.identity
        if self.flexvpn.identity_domain is not None:
            # both parts are validated words already: construct, do not re-validate (hot path)
            return build(Identity, type="fqdn",
                         value=f"{self.name}.{self.flexvpn.identity_domain}")
        return None

    def wan_interface(self) -> tuple[str, PhysicalInterface] | None:
        """The interface peers dial (``flexvpn.wan``, else the first of ``interfaces``) and its
        intent; None when the host declares none."""
        wan = self.flexvpn.wan or next(iter(self.interfaces), None)
        if wan is None or wan not in self.interfaces:
            return None
        return wan, self.interfaces[wan]

    def wan_addresses(self) -> tuple[IPv4 | None, list[Any]]:
        """The IPv4 address and IPv6 addresses peers dial (the ``flexvpn.wan`` interface)."""
        found = self.wan_interface()
        if found is None:
            return None, []
        itf = found[1]
        # a link-local address is no address a peer across the WAN dials
        return (itf.ipv4.ip if itf.ipv4 else None), [a.ip for a in itf.ipv6
                                                     if not a.ip.is_link_local]


# Top-level data keys, in the order documented in docs/inventory.md.
NORNIR_KEYS = ("hostname", "port", "platform", "groups", "connection_options", "data")
DATA_KEYS = tuple(k for k in HostIntent.model_fields if k not in {"name", *NORNIR_KEYS})
