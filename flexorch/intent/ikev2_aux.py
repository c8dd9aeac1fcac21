"""IKEv2 blocks around the profile: name manglers, authorization policies, FlexVPN client
profiles and the global ``crypto ikev2 ...`` settings (see ``ikev2.py`` for the note on ranges)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from flexorch.intent.ikev2 import Dpd
from flexorch.intent.raw import GlobalRawLine, RawEntry
from flexorch.intent.strict import Flag, Int, Positive
from flexorch.intent.types import (
    Address,
    InterfaceName,
    IPv4,
    IPv4Net,
    IPv6Net,
    Model,
    Name,
    Word,
)

# --- name manglers, authorization policies --------------------------------------------------------
# The distinguished-name fields a name mangler can extract (``dn ...`` and ``eap dn ...``).
DnField = Literal[
    "common-name", "country", "domain", "locality", "organization", "organization-unit", "state"
]


class EapMangle(Model):
    """``eap all | eap dn FIELD | eap prefix|suffix delimiter CHAR``."""

    all: Flag = False
    dn: DnField | None = None
    prefix_delimiter: Literal[".", "@", "\\"] | None = None
    suffix_delimiter: Literal[".", "@", "\\"] | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> EapMangle:
        chosen = [
            self.all,
            self.dn is not None,
            self.prefix_delimiter is not None,
            self.suffix_delimiter is not None,
        ]
        if sum(chosen) != 1:
            raise ValueError("eap takes exactly one of all, dn, prefix_delimiter, suffix_delimiter")
        return self


class NameMangler(Model):
    """``crypto ikev2 name-mangler``: which part of each identity type becomes the AAA name."""

    fqdn: Literal["hostname", "domain", "all"] | None = None
    email: Literal["username", "domain", "all"] | None = None
    dn: DnField | Literal["all"] | None = None
    eap: EapMangle | None = None
    extra_lines: list[RawEntry] = Field(default_factory=list)


class RouteSet(Model):
    """``route set local|remote ipv4 A M | ipv6 P/L [tag T] [distance D]``."""

    prefix: IPv4Net | IPv6Net
    tag: Annotated[Int, Field(ge=1, le=4294967295)] | None = None
    distance: Annotated[Int, Field(ge=1, le=255)] | None = None


class RouteAccept(Model):
    """``route accept any [tag T] [distance D]``."""

    tag: Annotated[Int, Field(ge=1, le=4294967295)] | None = None
    distance: Annotated[Int, Field(ge=1, le=255)] | None = None


class AuthorizationPolicy(Model):
    """``crypto ikev2 authorization policy``: attributes applied locally and sent to the peer."""

    pool: Name | None = None
    dns: list[IPv4] = Field(default_factory=list)
    netmask: IPv4 | None = None
    def_domain: Word | None = None
    route_set_interface: Flag = False
    route_set_interface_name: InterfaceName | None = None
    route_set_local: list[RouteSet] = Field(default_factory=list)
    route_set_remote: list[RouteSet] = Field(default_factory=list)
    route_set_access_list: Name | None = None  # an IPv4 list: access_lists or extended_...
    route_set_access_list_ipv6: Name | None = None  # `route set access-list ipv6 NAME`
    route_accept_any: RouteAccept | None = None
    aaa_attribute_list: Name | None = None
    extra_lines: list[RawEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _interface(self) -> AuthorizationPolicy:
        if self.route_set_interface_name is not None and not self.route_set_interface:
            raise ValueError("route_set_interface_name needs route_set_interface: true")
        return self


# --- FlexVPN client -------------------------------------------------------------------------------
class ClientPeer(Model):
    """``peer N ADDRESS`` or ``peer N fqdn NAME [dynamic]``."""

    seq: Annotated[Int, Field(ge=1, le=255)]
    address: Address | None = None
    fqdn: Word | None = None
    dynamic: Flag = False

    @model_validator(mode="after")
    def _one(self) -> ClientPeer:
        if (self.address is None) == (self.fqdn is None):
            raise ValueError("a client peer has either address or fqdn")
        if self.dynamic and self.fqdn is None:
            raise ValueError("dynamic applies to an fqdn peer only")
        return self


class ClientSource(Model):
    """``source N INTERFACE [track T]``."""

    seq: Annotated[Int, Field(ge=1, le=255)]
    interface: InterfaceName
    track: Annotated[Int, Field(ge=1, le=1000)] | None = None


class Client(Model):
    """``crypto ikev2 client flexvpn NAME``. With no peers, one peer per hub is derived."""

    peers: list[ClientPeer] = Field(default_factory=list)
    peer_reactivate: Flag = False
    sources: list[ClientSource] = Field(default_factory=list)
    connect: list[InterfaceName] = Field(default_factory=list)  # `client connect TunnelN`
    extra_lines: list[RawEntry] = Field(default_factory=list)


# --- globals --------------------------------------------------------------------------------------
class Limit(Model):
    max_sa: Int | None = None
    max_in_negotiation_sa: Int | None = None
    max_in_negotiation_direction: Literal["incoming", "outgoing"] | None = None


class Redirect(Model):
    """``crypto ikev2 redirect gateway init|auth`` and/or
    ``crypto ikev2 redirect client [max-redirects N]``."""

    gateway: Literal["init", "auth"] | None = None
    client: Flag = False
    client_max_redirects: Positive | None = None


class Fragmentation(Model):
    """``crypto ikev2 fragmentation [mtu N]``."""

    mtu: Int | None = None


class Globals(Model):
    """Global ``crypto ikev2 ...`` lines."""

    http_url_cert: Flag = False
    certificate_cache: Int | None = None
    cookie_challenge: Int | None = None
    limit: Limit | None = None
    window: Int | None = None
    dpd: Dpd | None = None
    nat_keepalive: Int | None = None
    cts_sgt: Flag = False
    disconnect_revoked_peers: Flag = False
    fragmentation: Fragmentation | None = None
    diagnose_error: Int | None = None
    redirect: Redirect | None = None
    extra_lines: list[GlobalRawLine] = Field(default_factory=list)
