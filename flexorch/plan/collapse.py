"""Long remediation sections as people can read them: repeated blocks counted.

A first rollout to a hub of 300 spokes sends a keyring with 299 ``peer`` blocks and as many
profile lines; the plan shows ``crypto ikev2 keyring FLEX_KEYS: +299 peer blocks`` instead of
1,500 lines (``--full`` prints every line). Only the children of a section are summarised, by
their first word (``peer``, ``match identity remote``...), ``no`` lines as removals, so what
is left is the shape of the change; a section short enough is printed as it is.

Routers whose changes are the same but for their own values are printed once: a day-0 rollout
of 299 spokes, or one new proposal for every spoke, gives each spoke the same lines except its
own addresses and name (in its FQDN identity, say): the plan prints one section, the first
router's lines as the example, headed by how many routers share them and which kinds of values
differ between them. The "shape" of a router's change is its plan text (every line, every
predicted tunnel) with those values abstracted; secrets are already masked (``******``).
Interface numbers stay as they are: a spoke on Tunnel1 among spokes on Tunnel0 has a different
change, and keeps its own section.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Final

from flexorch.plan.document import HostPlan
from flexorch.textsum import name_list

#: A section with more lines than this is summarised (unless the plan is printed in full).
SECTION_LINES: Final = 12


def _key(line: str) -> tuple[str, bool]:
    """(what a child line is, whether it removes): ``peer`` for `` peer s00017``, ``match
    identity remote`` for `` match identity remote fqdn s1.example``."""
    words = line.split()
    removed = bool(words) and words[0] == "no"
    words = words[1:] if removed else words
    if words[:1] == ["match"] or words[:1] == ["set"]:
        return " ".join(words[:3]) if len(words) > 3 else " ".join(words[:2]), removed
    return (words[0] if words else ""), removed


def section_lines(lines: Sequence[str], *, full: bool = False,
                  limit: int = SECTION_LINES) -> list[str]:
    """A section's remediation lines, summarised when longer than ``limit`` (not ``full``):
    its header, then one line per kind of child: ``+299 peer blocks (1,495 lines)``.

    Examples:
        >>> section_lines(["crypto ikev2 keyring K", " peer a", "  address 1.1.1.1",
        ...                " peer b", "  address 1.1.1.2"], limit=3)
        ['crypto ikev2 keyring K: +2 peer blocks (4 lines)']
        >>> section_lines(["interface Tunnel0", " ip mtu 1400"], limit=3)
        ['interface Tunnel0', ' ip mtu 1400']
    """
    if full or len(lines) <= limit:
        return list(lines)
    header, body = lines[0], lines[1:]
    counts: dict[tuple[str, bool], list[int]] = {}  # key -> [children, lines]
    current: list[int] | None = None
    for line in body:
        depth = len(line) - len(line.lstrip(" "))
        if depth <= 1:
            current = counts.setdefault(_key(line), [0, 0])
            current[0] += 1
        if current is not None:
            current[1] += 1
    parts = []
    for (key, removed), (children, size) in counts.items():
        block = size > children  # the children have lines of their own
        noun = f"{key} {'block' if block else 'line'}{'s' * (children != 1)}"
        extent = f" ({size:,} lines)" if block else ""
        parts.append(f"{'-' if removed else '+'}{children:,} {noun}{extent}")
    return [f"{header.rstrip()}: " + ", ".join(parts)]


def collapsed(lines: Sequence[str], *, full: bool = False,
              limit: int = SECTION_LINES) -> list[str]:
    """Remediation lines (top-level sections, each followed by its indented lines) with every
    long section summarised (``section_lines``)."""
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if block and (not line or not line.startswith(" ")):
            out += section_lines(block, full=full, limit=limit)
            block = []
        if line:
            block.append(line)
    return out


#: Routers with the same change printed as one section from this many on (not ``--full``).
GROUP_MIN: Final = 3

# IPv6 first: its groups of hex digits would otherwise leave IPv4-looking pieces (``::1.2.3.4``).
# An IPv6 address has at least two colons (``65000:100`` route targets have one).
_IPV6: Final = re.compile(
    r"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}(?:/\d{1,3})?(?![\w:])")
_IPV4: Final = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?(?![\w.])")
#: (kind of value, pattern, placeholder); the router's own name is added per router.
_VALUES: Final = (("addresses", _IPV6, "<ipv6>"), ("addresses", _IPV4, "<ipv4>"))
ROUTER_NAME: Final = "router names"
_WORDS: Final = re.compile(r"([\w-]+)")


@dataclass(frozen=True)
class Shape:
    """A router's change with its own values abstracted (``lines``) and those values by kind,
    in order of appearance (``values``)."""

    lines: tuple[str, ...]
    values: Mapping[str, tuple[str, ...]]


def shape(host: str, lines: Sequence[str]) -> Shape:
    """The shape of ``host``'s plan text ``lines``.

    Examples:
        >>> s = shape("s7", ["s7 (spoke)", " identity local fqdn s7.example",
        ...                  " ip address 10.0.0.7 255.0.0.0", " ipv6 address 2001:DB8::7/64"])
        >>> s.lines[1:3]
        (' identity local fqdn <router>.example', ' ip address <ipv4> <ipv4>')
        >>> s.lines[3]
        ' ipv6 address <ipv6>'
        >>> s.values["router names"], s.values["addresses"]
        (('s7', 's7'), ('2001:DB8::7/64', '10.0.0.7', '255.0.0.0'))
    """
    found: dict[str, list[str]] = {kind: [] for kind, _, _ in _VALUES}
    text = "\n".join(lines)
    for kind, pattern, placeholder in _VALUES:
        text = pattern.sub(partial(_keep, found[kind], placeholder), text)
    # The router's own name as a whole word (not s10 for s1): split on words, not a pattern
    # compiled for each of thousands of routers.
    parts = _WORDS.split(text)
    found[ROUTER_NAME] = [host] * parts.count(host)
    text = "".join("<router>" if part == host else part for part in parts)
    return Shape(tuple(text.split("\n")), {k: tuple(v) for k, v in found.items()})


def _keep(into: list[str], placeholder: str, match: re.Match[str]) -> str:
    into.append(match.group(0))
    return placeholder


def same_change(plans: Sequence[HostPlan], shapes: Mapping[str, Shape],
                minimum: int = GROUP_MIN) -> list[list[HostPlan]]:
    """``plans`` in order, those of one role with the same ``shapes`` together in the place
    of the first of them; fewer than ``minimum`` alike stay one by one."""
    alike: dict[tuple[str, tuple[str, ...]], list[HostPlan]] = {}
    for plan in plans:
        alike.setdefault((plan.role, shapes[plan.host].lines), []).append(plan)
    out = []
    for plan in plans:
        members = alike[(plan.role, shapes[plan.host].lines)]
        if len(members) < minimum:
            out.append([plan])
        elif members[0] is plan:
            out.append(members)
    return out


def differing(members: Sequence[HostPlan], shapes: Mapping[str, Shape]) -> list[str]:
    """The kinds of values that differ between the routers of one group: addresses, and
    their names when their lines or notes hold them (not when only the plan's own words name
    them: ``s00017 Tunnel0 -> hub``)."""
    seen: dict[str, set[tuple[str, ...]]] = {}
    for plan in members:
        for kind, values in shapes[plan.host].values.items():
            seen.setdefault(kind, set()).add(values)
    first = members[0]
    named = bool(shape(first.host, [*first.lines, *first.notes]).values[ROUTER_NAME])
    return [kind for kind, values in seen.items()
            if len(values) > 1 and (kind != ROUTER_NAME or named)]


def heading(members: Sequence[HostPlan], differ: Sequence[str]) -> str:
    """``s00001 (spoke) and 298 more routers with the same change, 39 lines each (values
    differ: addresses, router names): s00001, s00002, ... (--full prints each router)``."""
    first, count = members[0], len(members[0].lines)
    values = f"values differ: {', '.join(differ)}" if differ else "the same lines"
    return (f"{first.host} ({first.role}) and {len(members) - 1} more routers with the same "
            f"change, {count:,} line{'s' * (count != 1)} each ({values}): "
            f"{name_list([m.host for m in members])} (--full prints each router)")
