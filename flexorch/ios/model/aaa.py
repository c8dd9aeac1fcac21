"""AAA and RADIUS in the typed config view: method lists, server groups, RADIUS servers and
attribute lists, with the interface lines AAA pushes onto a virtual-access interface.

A part of ``flexorch.ios.model``: import these names from there (see its docstring).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flexorch.ios.model.values import Secret

# Attribute values that carry interface configuration for the virtual-access interface a
# virtual template is cloned into: the ``interface-config`` attribute of an AAA attribute list
# (its value is one interface command) and the RADIUS Cisco AV pairs ``ip:interface-config=``,
# ``ipv6:interface-config=``, ``lcp:interface-config=``, and the dedicated ``ip:vrf-id=`` /
# ``ip:ip-unnumbered=`` pairs. Sources: Cisco FlexVPN and IKEv2 Configuration Guide, "Appendix:
# FlexVPN RADIUS Attributes" (interface-config) and "Configuring the FlexVPN Server" (the
# virtual-access interface takes the template's and the AAA reply's interface-config
# settings); Cisco 10000 / ASR 1000 Broadband Scalability guides (ip:vrf-id, ip:ip-unnumbered,
# lcp:interface-config: "the router clones the template and then applies the values").
INTERFACE_CONFIG_AVPAIRS: dict[str, str] = {
    "ip:interface-config=": "",
    "ipv6:interface-config=": "",
    "lcp:interface-config=": "",
    "ip:vrf-id=": "vrf forwarding ",
    "ip:ip-unnumbered=": "ip unnumbered ",
}


@dataclass(frozen=True, slots=True)
class Attribute:
    """``attribute type TYPE VALUE [protocol P]`` of an AAA attribute list (quotes removed)."""

    type: str
    value: str
    protocol: str | None = None

    @property
    def interface_config(self) -> str | None:
        """The interface command this attribute pushes, if it pushes one."""
        if self.type == "interface-config":
            return self.value
        if self.type == "cisco-avpair":
            for prefix, command in INTERFACE_CONFIG_AVPAIRS.items():
                if self.value.startswith(prefix):
                    return command + self.value[len(prefix):]
        return None


@dataclass(frozen=True, slots=True)
class AttributeList:
    """``aaa attribute list NAME``: attributes a local authorization policy hands to AAA, and
    their lines as IOS spells them."""

    name: str
    attributes: tuple[Attribute, ...] = ()
    lines: tuple[str, ...] = ()

    @property
    def interface_config(self) -> tuple[str, ...]:
        """The interface commands pushed onto the virtual-access interface, in order."""
        return tuple(c for a in self.attributes if (c := a.interface_config) is not None)


@dataclass(frozen=True, slots=True)
class RadiusServer:
    name: str
    address: str | None = None
    auth_port: int | None = None
    acct_port: int | None = None
    key: Secret | None = field(default=None, repr=False)
    timeout: int | None = None
    retransmit: int | None = None


@dataclass(frozen=True, slots=True)
class ServerGroup:
    """``aaa group server radius NAME``: its servers (names or addresses) and the VRF and source
    interface it reaches them through."""

    name: str
    servers: tuple[str, ...] = ()
    vrf: str | None = None
    source_interface: str | None = None
    deadtime: int | None = None


@dataclass(frozen=True, slots=True)
class Aaa:
    new_model: bool = False
    # "authentication login" / "authorization network" / "accounting network" -> name -> methods
    # (``local``, ``group``, ``radius``, ... as written; accounting without its record type)
    method_lists: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    server_groups: dict[str, ServerGroup] = field(default_factory=dict)
    radius_servers: dict[str, RadiusServer] = field(default_factory=dict)
    attribute_lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> lines
    attributes: dict[str, AttributeList] = field(default_factory=dict)  # the same, typed

    def is_local(self, method_list: str) -> bool:
        """Whether network authorization by ``method_list`` is answered locally (its first
        method is ``local``): the attributes then come from this config."""
        methods = self.method_lists.get("authorization network", {}).get(method_list, ())
        return methods[:1] == ("local",)
