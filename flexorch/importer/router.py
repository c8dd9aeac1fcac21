"""One router's config as intent data: every section flexorch owns, and what they use.

Which sections: every top-level section flexorch owns (``flexorch.ios.facts.ownership``: IKEv2
and IPsec objects and globals, IPsec tunnels, tunnel virtual templates) - plan would remove
them if the intent lacked them - and, following the reference table
(``flexorch.ios.facts.REFERENCES``), the sections they use that the intent models (VRFs,
loopbacks and WAN interfaces, AAA method lists, RADIUS groups and servers, attribute lists,
trustpoints, certificate maps, pools, access lists). Nothing else is read: routing, NHRP of
other tunnels, QoS and unmanaged interfaces stay out of the intent, and plan leaves them alone.

A section flexorch owns is written whole (lines no key renders go to ``extra_lines``); a
section it does not own is written only when every line of it can be written, else left out
with a warning (plan leaves a section the intent does not name alone).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from flexorch.importer import read_blocks as rb
from flexorch.importer import read_ikev2 as ri
from flexorch.importer.read_support import (
    finish_aaa,
    read_aaa_line,
    read_access_list,
    read_attribute_list,
    read_certificate_map,
    read_pool,
    read_simple,
)
from flexorch.importer.rows import Reading, Row, Unexpressed, read_lines, validated
from flexorch.importer.secrets import SecretStore
from flexorch.importer.source import RouterSource
from flexorch.intent import aaa, ikev2, ikev2_aux, interfaces, ipsec, pki
from flexorch.ios.config import Node
from flexorch.ios.config.refs import references_from
from flexorch.ios.facts import object_of as _object_of
from flexorch.ios.facts.ownership import owned_section

# The same headers come back on every router of a fleet: one regex walk per distinct header.
object_of = lru_cache(maxsize=65536)(_object_of)

# References the importer follows besides ``REFERENCES`` (interfaces a FlexVPN block names
# without the reference table listing them: the WAN a client sources from, a profile's local
# address interface, a route-set interface, a RADIUS group's source interface; the legacy VRF
# an interface is in): (source kind, child line, target kind).
_MORE_REFERENCES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("flexvpn-client", re.compile(r"^source \d+ (\S+)"), "interface"),
    ("ikev2-profile", re.compile(r"^match address local interface (\S+)$"), "interface"),
    ("author-policy", re.compile(r"^route set interface (\S+)$"), "interface"),
    ("aaa-group", re.compile(r"^ip radius source-interface (\S+)$"), "interface"),
    ("interface", re.compile(r"^ip vrf forwarding (\S+)$"), "ip-vrf"),
    ("author-policy", re.compile(r"^route set access-list ipv6 (\S+)$"), "ipv6-access-list"),
)
# ``ipv6 access-list NAME``: not an object kind of the reference table (plan does not own it),
# but the intent models it for ``route set access-list ipv6 NAME``.
_IPV6_ACL = re.compile(r"^ipv6 access-list (\S+)$")


def _object_key(text: str) -> tuple[str, str] | None:
    """(kind, name) of a top-level line that names an object the importer follows."""
    found = object_of(text)
    if found is not None:
        return found[0].kind, found[1]
    m = _IPV6_ACL.match(text)
    return ("ipv6-access-list", m.group(1)) if m else None


@dataclass
class RouterRead:
    """A router's intent data (data keys -> values as the inventory writes them), the lines
    import cannot write, and warnings."""

    router: RouterSource
    data: dict[str, Any] = field(default_factory=dict)
    unexpressed: list[Unexpressed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    aaa: dict[str, Any] = field(default_factory=dict)  # AAA parts, validated together at the end

    def put(self, key: str, name: str | None, value: Any) -> None:
        """Store a block: ``data[key][name] = value`` (``name`` None: ``data[key] = value``)."""
        if name is None:
            self.data[key] = value
        else:
            self.data.setdefault(key, {})[name] = value


def used_sections(roots: list[Node]) -> list[Node]:
    """The owned top-level sections and, transitively, the objects they reference, in config
    order."""
    by_key: dict[tuple[str, str], list[Node]] = {}
    for node in roots:
        key = _object_key(node.text)
        if key is not None:
            by_key.setdefault(key, []).append(node)
    chosen = {id(n) for n in roots if owned_section(n.text, [c.text for c in n.children])}
    todo = [n for n in roots if id(n) in chosen]
    while todo:
        node = todo.pop()
        for target in _targets(node):
            for used in by_key.get(target, ()):
                if id(used) not in chosen:
                    chosen.add(id(used))
                    todo.append(used)
    return [n for n in roots if id(n) in chosen]


def _targets(node: Node) -> Iterator[tuple[str, str]]:
    found = object_of(node.text)
    if found is None:
        return
    kind = found[0].kind
    for ref, name in references_from(kind, node):
        yield ref.target, name
        if ref.target == "vrf":  # IOS resolves a VRF name against both forms
            yield "ip-vrf", name
    for source, pattern, target in _MORE_REFERENCES:
        if source == kind:
            for _, child in node.walk():
                m = pattern.match(child.text)
                if m:
                    yield target, m.group(1)


def read_router(router: RouterSource, store: SecretStore) -> RouterRead:
    """The intent data of one router (see the module docstring)."""
    out = RouterRead(router)
    globals_reading = _reading(router, ("crypto ikev2/ipsec globals",), "ikev2", store)
    for node in used_sections(list(router.tree.roots)):
        owned = owned_section(node.text, [c.text for c in node.children])
        if not node.children and node.text.startswith(("crypto ikev2 ", "crypto ipsec ")) \
                and object_of(node.text) is None:
            read_lines(globals_reading, [node], ri.GLOBALS)
            continue
        reader = _reader(node)
        if reader is None:
            _unhandled(out, node, owned)
            continue
        reader(out, node, store, owned)
    globals_data = _globals(globals_reading)
    if globals_data:
        out.put("ikev2", None, globals_data)
    out.unexpressed.extend(globals_reading.unexpressed)
    finish_aaa(out)
    _unwritten_route_lists(out)
    return out


# An authorization policy's typed route-set list and the lists that may define it.
_ROUTE_LISTS = (
    ("route_set_access_list", "route set access-list {}", ("access_lists",
                                                           "extended_access_lists")),
    ("route_set_access_list_ipv6", "route set access-list ipv6 {}", ("ipv6_access_lists",)),
)


def _unwritten_route_lists(out: RouterRead) -> None:
    """A ``route set access-list`` whose list is not written (an entry the intent has no shape
    for: ports, ``log``, another protocol) is kept as a raw line instead: the rendering stays
    the router's and lint does not report a list the intent lacks (FV216)."""
    policies = out.data.get("ikev2_authorization_policies", {})
    for name, read in policies.items():
        policy = dict(read)  # shared with the routers holding the same block: not changed
        for key, line, kinds in _ROUTE_LISTS:
            listed = policy.get(key)
            if listed is None or any(listed in out.data.get(k, {}) for k in kinds):
                continue
            del policy[key]
            policy["extra_lines"] = [*policy.get("extra_lines", []), line.format(listed)]
            out.warnings.append(f"{out.router.source}: crypto ikev2 authorization policy {name}: "
                                f"'{line.format(listed)}' kept verbatim: the list is not "
                                "written (entries the intent has no shape for)")
        policies[name] = policy


def add_interfaces(out: RouterRead, names: set[str], store: SecretStore) -> None:
    """Also write the interfaces ``names`` (those whose addresses peers dial, or a tunnel is
    sourced from by address), unless already written."""
    have = {n for key in ("interfaces", "loopbacks", "tunnels", "virtual_templates")
            for n in out.data.get(key, {})}
    for node in out.router.tree.roots:
        if node.text.startswith("interface ") and node.text.split()[1] in names - have:
            _interface(out, node, store, owned_section(node.text, [c.text for c in node.children]))


def _globals(reading: Reading) -> dict[str, Any] | None:
    """The ``ikev2`` block: typed global lines, the other ``crypto ikev2|ipsec`` ones raw."""
    return validated(reading, ikev2_aux.Globals) if reading.data or reading.extra else None


def _unhandled(out: RouterRead, node: Node, owned: bool) -> None:
    if owned:
        out.unexpressed.append(Unexpressed(
            out.router.source, (node.text,), node.text,
            "flexorch owns this section but the intent has no key for it"))
    else:
        out.warnings.append(f"{out.router.source}: '{node.text}' is used by a FlexVPN block "
                            "but not written (the intent has no key for it; plan leaves it)")


def _reading(router: RouterSource, path: tuple[str, ...], label: str,
             store: SecretStore) -> Reading:
    def secret(text: str, name: str) -> dict[str, str]:
        return store.key(text, name, router.name)

    return Reading(router.source, path, f"{router.name}-{label}", secret)


Reader = Callable[[RouterRead, Node, SecretStore, bool], None]


def _block(key: str, model: type[BaseModel], rows: tuple[Row, ...],
           subs: dict[str, Any] | None = None) -> Reader:
    """A reader of a named block (``crypto ikev2 proposal NAME``) into ``data[key][NAME]``."""

    def read(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
        found = object_of(node.text)
        assert found is not None
        name = found[1]
        reading = _reading(out.router, (node.text,), f"{_short(key)}-{name}", store)
        read_lines(reading, node.children, rows, subs)
        # a keyring's peers are validated one by one as they are read: not again as a whole
        peers = reading.data.pop("peers", None)
        _finish(out, reading, model, key, name, owned)
        if peers is not None and name in out.data.get(key, {}):
            out.data[key][name] = {"peers": peers, **out.data[key][name]}

    return read


def _short(key: str) -> str:
    """``ikev2_keyrings`` -> ``keyring``: how a block kind is named in secret labels."""
    return key.removeprefix("ikev2_").removeprefix("ipsec_").removesuffix("s")


def _finish(out: RouterRead, reading: Reading, model: type[BaseModel], key: str,
            name: str | None, owned: bool) -> None:
    """Validate a block and store it; a block flexorch does not own is left out (with a
    warning) unless every line could be written by typed keys or ``extra_lines``."""
    data = validated(reading, model)
    if not owned and (data is None or reading.unexpressed):
        out.warnings.append(f"{reading.source}: '{reading.path[0]}' is not written: "
                            "some of its lines cannot be (plan leaves it as it is)")
        return
    out.unexpressed.extend(reading.unexpressed)
    if data is not None:
        out.put(key, name, data)


def _interface(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
    name = node.text.split()[1]
    kind = re.sub(r"[\d/.:]+$", "", name)
    key, rows, model = _INTERFACE_KINDS.get(kind, ("interfaces", rb.PHYSICAL,
                                                   interfaces.PhysicalInterface))
    if kind == "Virtual-Template" and not node.text.endswith(" type tunnel"):
        _unhandled(out, node, owned)
        return
    reading = _reading(out.router, (node.text,), f"{key}-{name}", store)
    read_lines(reading, node.children, (*rows, *rb.legacy_vrf_rows(_legacy_vrfs(out.router))))
    if key == "interfaces":
        # day-0 (plan does not compare it): its lines are kept so predictions see the router's
        # interface (an address learned by DHCP, a crypto map); one that cannot be is dropped
        reading.unexpressed = []
    _finish(out, reading, model, key, name, owned or key == "interfaces")


def _legacy_vrfs(router: RouterSource) -> tuple[str, ...]:
    """The router's ``ip vrf NAME`` VRFs (IOS's older form)."""
    return tuple(n.text.split()[2] for n in router.tree.roots if _IP_VRF.match(n.text))


_IP_VRF = re.compile(r"^ip vrf \S+$")


_INTERFACE_KINDS: dict[str, tuple[str, tuple[Row, ...], type[BaseModel]]] = {
    "Loopback": ("loopbacks", rb.INTERFACE, interfaces.Loopback),
    "Tunnel": ("tunnels", rb.TUNNEL, interfaces.Tunnel),
    "Virtual-Template": ("virtual_templates", rb.VIRTUAL_TEMPLATE, interfaces.VirtualTemplate),
}


def _transform_set(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
    words = node.text.split()
    name = words[3]
    header = rb.transform_set_header(words[4:])
    reading = _reading(out.router, (node.text,), f"ts-{name}", store)
    if header is None:
        out.unexpressed.append(Unexpressed(out.router.source, (node.text,), node.text,
                                           "a transform the intent does not have"))
        return
    reading.data.update(header)
    reading.lines.update({k: [node.text] for k in header})
    read_lines(reading, node.children, rb.TRANSFORM_SET_CHILDREN)
    _finish(out, reading, ipsec.TransformSet, "ipsec_transform_sets", name, owned)


def _vrf(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
    name = node.text.split()[2]
    reading = _reading(out.router, (node.text,), f"vrf-{name}", store)
    families = {"address-family ipv4": "ipv4", "address-family ipv6": "ipv6"}
    reading.data["ipv4"] = False
    rest = []
    for child in node.children:
        family = families.get(child.text)
        if family is not None and not child.children:
            reading.data[family] = True
        elif child.text != "exit-address-family":
            rest.append(child)
    read_lines(reading, rest, rb.VRF)
    _finish(out, reading, interfaces.Vrf, "vrfs", name, owned)


def _ip_vrf(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
    """``ip vrf NAME``: the legacy form (IPv4 only, no address families)."""
    name = node.text.split()[2]
    reading = _reading(out.router, (node.text,), f"vrf-{name}", store)
    reading.data["legacy"] = True
    read_lines(reading, node.children, rb.VRF)
    _finish(out, reading, interfaces.Vrf, "vrfs", name, owned)


def _reader(node: Node) -> Reader | None:
    key = _object_key(node.text)
    if key is None:
        return read_aaa_line if _METHOD_LIST_LINE.match(node.text) else None
    return _READERS.get(key[0])


_METHOD_LIST_LINE = re.compile(r"^aaa (?:authentication|authorization|accounting) ")


_READERS: dict[str, Reader] = {
    "ikev2-proposal": _block("ikev2_proposals", ikev2.Proposal, ri.PROPOSAL),
    "ikev2-policy": _block("ikev2_policies", ikev2.Policy, ri.POLICY),
    "ikev2-keyring": _block("ikev2_keyrings", ikev2.Keyring, (), {"peer": ri.keyring_peers}),
    "ikev2-profile": _block("ikev2_profiles", ikev2.Profile, ri.PROFILE),
    "name-mangler": _block("ikev2_name_manglers", ikev2_aux.NameMangler, ri.NAME_MANGLER),
    "author-policy": _block("ikev2_authorization_policies", ikev2_aux.AuthorizationPolicy,
                            ri.AUTHORIZATION_POLICY),
    "flexvpn-client": _block("ikev2_clients", ikev2_aux.Client, ri.CLIENT),
    "ipsec-profile": _block("ipsec_profiles", ipsec.IpsecProfile, rb.IPSEC_PROFILE),
    "transform-set": _transform_set,
    "interface": _interface,
    "vrf": _vrf,
    "ip-vrf": _ip_vrf,
    "radius-server": _block("radius_servers", aaa.RadiusServer, rb.RADIUS_SERVER),
    "trustpoint": _block("pki_trustpoints", pki.Trustpoint, rb.TRUSTPOINT),
    "aaa-group": read_simple("radius_groups", aaa.RadiusGroup, rb.RADIUS_GROUP),
    "aaa-method-list": read_aaa_line,
    "aaa-attr-list": read_attribute_list,
    "certificate-map": read_certificate_map,
    "ip-local-pool": read_pool,
    "access-list": read_access_list,
    "ipv6-access-list": read_access_list,
}
