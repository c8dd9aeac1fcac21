"""AAA: ``aaa new-model``, method lists, RADIUS server groups and servers, attribute lists."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from flexorch.intent.raw import RawEntry
from flexorch.intent.strict import Flag, Int, Port
from flexorch.intent.types import Address, InterfaceName, Model, Name, Text, Word
from flexorch.secrets import SecretRef

_METHOD = re.compile(  # fullmatch: ``$`` would accept a final line break
    r"local|local-case|none|if-authenticated|group [A-Za-z0-9][A-Za-z0-9_.:-]*"
)


def _check_method(value: str) -> str:
    if not _METHOD.fullmatch(value):
        raise ValueError(
            f"'{value}' is not an AAA method "
            "(local, local-case, none, if-authenticated, group NAME)"
        )
    return value


Method = Annotated[str, AfterValidator(_check_method)]


class AuthenticationList(Model):
    """``aaa authentication TYPE NAME METHOD...``."""

    type: Literal["login", "enable", "ppp", "dot1x", "eap"] = "login"
    name: Name
    methods: Annotated[list[Method], Field(min_length=1)]


class AuthorizationList(Model):
    """``aaa authorization TYPE NAME METHOD...``."""

    type: Literal["network", "exec", "credential-download"] = "network"
    name: Name
    methods: Annotated[list[Method], Field(min_length=1)]


class AccountingList(Model):
    """``aaa accounting TYPE NAME start-stop|stop-only|none METHOD...``."""

    type: Literal["network", "exec", "connection"] = "network"
    name: Name
    action: Literal["start-stop", "stop-only", "none"] = "start-stop"
    methods: list[Method] = Field(default_factory=list)

    @model_validator(mode="after")
    def _methods(self) -> AccountingList:
        if self.action != "none" and not self.methods:
            raise ValueError("accounting start-stop/stop-only needs at least one method")
        return self


class RadiusGroup(Model):
    """``aaa group server radius NAME`` with its servers."""

    servers: Annotated[list[Name], Field(min_length=1)]
    vrf: Name | None = None
    source_interface: InterfaceName | None = None
    extra_lines: list[RawEntry] = Field(default_factory=list)


class Attribute(Model):
    """``attribute type NAME VALUE [service S] [protocol P]`` in an attribute list."""

    type: Word
    value: Text
    service: Word | None = None
    protocol: Word | None = None


class Aaa(Model):
    """The AAA blocks of one router."""

    new_model: Flag = True
    radius_groups: dict[Name, RadiusGroup] = Field(default_factory=dict)
    authentication: list[AuthenticationList] = Field(default_factory=list)
    authorization: list[AuthorizationList] = Field(default_factory=list)
    accounting: list[AccountingList] = Field(default_factory=list)
    attribute_lists: dict[Name, Annotated[list[Attribute], Field(min_length=1)]] = Field(
        default_factory=dict
    )

    @model_validator(mode="after")
    def _unique_lists(self) -> Aaa:
        for kind, lists in (
            ("authentication", self.authentication),
            ("authorization", self.authorization),
            ("accounting", self.accounting),
        ):
            seen: set[tuple[str, str]] = set()
            for item in lists:
                key = (item.type, item.name)
                if key in seen:
                    raise ValueError(f"{kind} method list {item.type} {item.name} is defined twice")
                seen.add(key)
        return self


class RadiusServer(Model):
    """``radius server NAME``: address, ports and shared key."""

    address: Address
    auth_port: Port = 1812
    acct_port: Port = 1813
    key: SecretRef | None = None
    timeout: Annotated[Int, Field(ge=1, le=1000)] | None = None
    retransmit: Annotated[Int, Field(ge=0, le=100)] | None = None
    extra_lines: list[RawEntry] = Field(default_factory=list)
