"""Readers of the sections FlexVPN blocks use that flexorch does not own: AAA (method lists,
RADIUS groups, attribute lists), certificate maps, address pools and standard access lists.

Each is written only when every line of it can be; otherwise it is left out with a warning
(plan leaves a section the intent does not name alone). AAA parts are gathered per router and
validated together as the one ``aaa`` block (``finish_aaa``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from flexorch.importer import read_blocks as rb
from flexorch.importer.rows import Reading, Row, read_lines, validated
from flexorch.intent import aaa, interfaces, pki
from flexorch.ios.config import Node

if TYPE_CHECKING:
    from flexorch.importer.router import Reader, RouterRead
    from flexorch.importer.secrets import SecretStore

_METHOD_LIST = re.compile(r"aaa (authentication|authorization|accounting) (\S+) (\S+)(?: (.+))?")
_ATTRIBUTE = re.compile(r'attribute type (\S+) ("[^"]*"|\S+)(?: service (\S+))?'
                        r"(?: protocol (\S+))?")


def _skip(out: RouterRead, node: Node) -> None:
    out.warnings.append(f"{out.router.source}: '{node.text}' is not written: some of its lines "
                        "cannot be (plan leaves it as it is)")


def read_aaa_line(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
    """``aaa authentication|authorization|accounting TYPE NAME ...`` into the AAA parts."""
    m = _METHOD_LIST.fullmatch(node.text)
    if m is None or node.children:
        _skip(out, node)
        return
    kind, list_type, name, rest = m.groups()
    entry: dict[str, Any] = {"type": list_type, "name": name}
    methods = (rest or "").split()
    if kind == "accounting":
        if not methods:
            _skip(out, node)
            return
        entry["action"], methods = methods[0], methods[1:]
    # "group radius" is one method: rejoin the two words IOS prints
    joined: list[str] = []
    for word in methods:
        if joined and joined[-1] == "group":
            joined[-1] = f"group {word}"
        else:
            joined.append(word)
    if joined:
        entry["methods"] = joined
    out.aaa.setdefault(kind, []).append(entry)


def read_simple(key: str, model: type[BaseModel], rows: tuple[Row, ...]) -> Reader:
    """A reader of a named AAA block (``aaa group server radius NAME``) into the AAA parts."""

    def read(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
        name = node.text.split()[-1]
        reading = Reading(out.router.source, (node.text,), f"{out.router.name}-{name}",
                          lambda text, label: store.key(text, label, out.router.name))
        read_lines(reading, node.children, rows)
        data = validated(reading, model)
        if data is None or reading.unexpressed:
            _skip(out, node)
            return
        out.aaa.setdefault(key, {})[name] = data

    return read


def read_attribute_list(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
    """``aaa attribute list NAME`` with its ``attribute type ...`` lines."""
    entries = []
    for child in node.children:
        m = _ATTRIBUTE.fullmatch(child.text)
        if m is None or child.children:
            _skip(out, node)
            return
        entry = {"type": m.group(1), "value": m.group(2).strip('"')}
        entry.update({k: v for k, v in (("service", m.group(3)), ("protocol", m.group(4))) if v})
        entries.append(entry)
    if not entries:  # the intent has no empty attribute list; plan leaves this one alone
        _skip(out, node)
        return
    out.aaa.setdefault("attribute_lists", {})[node.text.split()[-1]] = entries


def finish_aaa(out: RouterRead) -> None:
    """Validate the AAA parts gathered as one ``aaa`` block (left out, with a warning, when the
    model refuses them)."""
    if not out.aaa:
        return
    parts = dict(out.aaa)
    parts["new_model"] = any(n.text == "aaa new-model" for n in out.router.tree.roots)
    try:
        value = aaa.Aaa.model_validate(parts)
    except ValidationError as exc:
        reason = exc.errors(include_url=False)[0]["msg"]
        out.warnings.append(f"{out.router.source}: the AAA lines FlexVPN uses are not written "
                            f"({reason}); plan leaves them as they are")
        return
    out.put("aaa", None, value.model_dump(mode="json", exclude_defaults=True))


def read_certificate_map(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
    """``crypto pki certificate map NAME SEQ`` and its rules."""
    _, _, _, _, name, seq = node.text.split()
    rules = []
    for child in node.children:
        m = rb.CERTIFICATE_MAP_RULE.fullmatch(child.text)
        if m is None or child.children:
            _skip(out, node)
            return
        rules.append({"field": m.group(1), "op": m.group(2), "value": m.group(3)})
    _add(out, node, "pki_certificate_maps", None, pki.CertificateMap,
         {"name": name, "seq": int(seq), "rules": rules})


def read_pool(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
    """``ip local pool NAME START END``."""
    m = re.fullmatch(r"ip local pool (\S+) (\S+) (\S+)", node.text)
    if m is None or m.group(1) in out.data.get("local_pools", {}):
        _skip(out, node)
        return
    _add(out, node, "local_pools", m.group(1), interfaces.LocalPool,
         {"start": m.group(2), "end": m.group(3)})


_ACL_KINDS: dict[str, tuple[str, type[BaseModel], Callable[[str], dict[str, Any] | None]]] = {
    "ip access-list standard": ("access_lists", interfaces.AccessList, rb.acl_entry),
    "ip access-list extended": ("extended_access_lists", interfaces.ExtendedAccessList,
                                rb.extended_acl_entry),
    "ipv6 access-list": ("ipv6_access_lists", interfaces.Ipv6AccessList, rb.ipv6_acl_entry),
}


def read_access_list(out: RouterRead, node: Node, store: SecretStore, owned: bool) -> None:
    """``ip access-list standard|extended NAME`` / ``ipv6 access-list NAME`` with permit/deny
    entries of the shapes the intent has (an extended or IPv6 entry: protocol ``ip``/``ipv6``,
    source and destination, no ports)."""
    header, _, name = node.text.rpartition(" ")
    kind = _ACL_KINDS.get(header)
    if kind is None:
        _skip(out, node)
        return
    key, model, entry = kind
    entries = [entry(c.text) for c in node.children]
    for child, found in zip(node.children, entries, strict=True):
        if found is None or child.children:
            out.warnings.append(
                f"{out.router.source}: '{node.text}' is not written: '{child.text}' has no "
                "shape in the intent (ports, log, a remark, another protocol, or a list shown "
                "without sequence numbers); plan leaves the list as it is")
            return
    _add(out, node, key, name, model, {"entries": entries})


def _add(out: RouterRead, node: Node, key: str, name: str | None, model: type[BaseModel],
         value: dict[str, Any]) -> None:
    try:
        data = model.model_validate(value).model_dump(mode="json", exclude_defaults=True)
    except ValidationError:
        _skip(out, node)
        return
    if name is None:
        out.data.setdefault(key, []).append(data)
    else:
        out.put(key, name, data)
