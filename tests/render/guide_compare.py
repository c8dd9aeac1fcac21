"""Compare a rendered config with a configuration example copied from the FlexVPN guide.

The guide prints its examples flat (no indentation) and with a few presentation quirks, so both
sides are brought to one form before they are compared, by documented IOS display rules only:

1. Hierarchy (guide side only): the guide lost IOS's indentation. A line opening a block
   (``BLOCK_HEADERS``) starts a block; the following lines are its children until the next
   header or a global command (``GLOBAL_LINES``). Inside ``crypto ikev2 keyring``, ``peer X``
   opens a sub-block; inside an authorization policy ``aaa attribute list X`` is a child (a
   reference) unless ``attribute`` lines follow it. Blank lines do not end a block (the guide
   puts blank lines inside profiles). ``end`` is not configuration.
2. Interface names as IOS spells them (``flexorch.ios.facts.platform.interface_canonical``):
   ``g1`` -> ``GigabitEthernet1``, ``interface tunnel0`` -> ``interface Tunnel0``.
3. Curly quotes -> straight quotes (the guide's typesetting; IOS only knows ``"``).
4. Hidden defaults (``flexorch.ios.facts.platform.HIDDEN_DEFAULTS``) are dropped on both sides: IOS
   accepts them and never shows them. `` no ip address`` under an interface is dropped too:
   IOS prints it on an interface without IPv4, the guide's fragments leave it out.
5. Runs of spaces collapse to one; ``!`` lines and blank lines are ignored.

Then each side becomes a multiset of hierarchical paths (root line, child line, grandchild
line), built with ciscoconfparse2, and the two multisets must be equal. Order within a block is
not compared here: the guide itself prints the same block in different orders (e.g.
``authentication remote`` before or after ``authentication local``); the order of rendered
output is pinned by the per-host golden files and by the IOS engine round trip instead.

Errata (a line the guide gets wrong, or a syntax placeholder inside an otherwise real example)
are declared per example in its YAML file, each with the reason, and applied to the guide text
before step 1.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from flexorch.ios.facts import HIDDEN_DEFAULTS, block_kind, interface_canonical

BLOCK_HEADERS = re.compile(
    r"^(interface \S+|vrf definition \S+|aaa group server \S+|aaa attribute list \S+"
    r"|radius server \S+|crypto pki (trustpoint|certificate map) .+"
    r"|crypto ikev2 (profile|proposal|policy|keyring|name-mangler|authorization policy"
    r"|client flexvpn) \S+|crypto ipsec (profile|transform-set) .+)"
)
GLOBAL_LINES = re.compile(
    r"^(aaa new-model|aaa (authentication|authorization|accounting) "
    r"(login|enable|ppp|dot1x|network|exec|commands|connection|credential-download) "
    r"|crypto |ip route |ipv6 route |ip local pool |hostname |username |enable )"
)
# Lines that look like a header or a global command but are children inside these blocks.
CHILD_INSIDE = {"crypto ikev2 authorization policy ": re.compile(r"^aaa attribute list ")}
# What a keyring peer block holds (``hostname`` there is not the global ``hostname``).
PEER_CHILD = re.compile(r"^(description|address|hostname|identity|pre-shared-key) ")
# Lines whose last argument (or the word after the keyword) is an interface name.
_INTERFACE_ARG = re.compile(
    r"^(interface|tunnel source|ip unnumbered|ipv6 unnumbered|client connect"
    r"|match address local interface|route set interface) (\S+)(.*)$"
)
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def apply_errata(text: str, errata: list[dict[str, Any]]) -> str:
    """Replace whole guide lines as each erratum says (``ios: null`` drops the line)."""
    lines = text.splitlines()
    for erratum in errata:
        guide = erratum["guide"]
        hits = [i for i, line in enumerate(lines) if line.strip() == guide]
        if not hits:
            raise AssertionError(f"erratum does not match any guide line: {guide!r}")
        for index in hits:
            lines[index] = erratum["ios"] if erratum["ios"] is not None else ""
    return "\n".join("\n".join(lines).splitlines())


def indent_guide(text: str) -> list[str]:
    """Give the guide's flat example IOS indentation (rule 1 of the module docstring)."""
    lines = [" ".join(raw.split()) for raw in text.splitlines()]
    lines = [line for line in lines if line and line not in ("!", "end")]
    out: list[str] = []
    block: str | None = None
    in_peer = False
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        inside = next(
            (rx for head, rx in CHILD_INSIDE.items() if block and block.startswith(head)), None
        )
        # `aaa attribute list X` inside an authorization policy is a reference (a child); the
        # same words open an attribute list when `attribute type` lines follow.
        if inside is not None and inside.match(line) and not following.startswith("attribute "):
            out.append(" " + line)
        elif BLOCK_HEADERS.match(line):
            block, in_peer = line, False
            out.append(line)
        elif in_peer and PEER_CHILD.match(line):
            out.append("  " + line)
        elif block is None or GLOBAL_LINES.match(line):
            block, in_peer = None, False
            out.append(line)
        elif block.startswith("crypto ikev2 keyring") and line.startswith("peer "):
            in_peer = True
            out.append(" " + line)
        else:
            in_peer = False
            out.append(" " + line)
    return out


def _normal(line: str) -> str:
    text = " ".join(line.translate(_QUOTES).split())
    match = _INTERFACE_ARG.match(text)
    if match:
        try:
            name = interface_canonical(match.group(2))
        except ValueError:
            return text
        text = f"{match.group(1)} {name}{match.group(3)}"
    return text


def paths(lines: list[str]) -> Counter[tuple[str, ...]]:
    """Multiset of (root, child, ...) paths, normalised (rules 2-5), via ciscoconfparse2."""
    from ciscoconfparse2 import CiscoConfParse

    kept = [line for line in lines if line.strip() and line.strip() != "!"]
    parse = CiscoConfParse(kept, syntax="ios")
    result: Counter[tuple[str, ...]] = Counter()
    for obj in parse.objs:
        chain = [_normal(p.text) for p in obj.all_parents] + [_normal(obj.text)]
        parent = chain[-2] if len(chain) > 1 else ""
        child = chain[-1]
        if len(chain) == 1 and child in HIDDEN_DEFAULTS[""]:
            continue
        if len(chain) > 1 and child in HIDDEN_DEFAULTS.get(block_kind(chain[0]), frozenset()):
            continue
        if parent.startswith("interface ") and child == "no ip address":
            continue
        result[tuple(chain)] += 1
    return result


def children_paths(lines: list[str], header_prefix: str) -> Counter[tuple[str, ...]]:
    """Only the child lines of every block whose header starts with ``header_prefix``, with the
    header removed (for guide fragments that show a block's lines without its header)."""
    out: Counter[tuple[str, ...]] = Counter()
    for path, count in paths(lines).items():
        if len(path) > 1 and path[0].startswith(header_prefix):
            out[path[1:]] += count
    return out
