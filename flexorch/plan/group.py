"""Routers whose changes are the same but for their own values, printed once.

A day-0 rollout of 299 spokes, or one new proposal for every spoke, gives each spoke the same
lines except its own addresses and name (in its FQDN identity, say): the plan prints one
section, the first router's lines as the example, headed by how many routers share them and
which kinds of values differ between them. The "shape" of a router's change is its plan text
(every line, every predicted tunnel) with those values abstracted; secrets are already masked
(``******``). Interface numbers stay as they are: a spoke on Tunnel1 among spokes on Tunnel0
has a different change, and keeps its own section.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Final

from flexorch.plan.document import HostPlan
from flexorch.textsum import name_list

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
