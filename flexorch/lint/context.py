"""What a check sees (one host's intent and the fleet) and how it reports, and where a finding's
value comes from (file and line of the inventory)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flexorch.lint.findings import Finding, Part, path_text
from flexorch.lint.rules import RULES

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.intent.host import HostIntent


@dataclass(frozen=True, slots=True)
class Raw:
    """A finding before its source file is looked up (that lookup runs once, at the end)."""

    rule: str
    host: str
    parts: tuple[Part, ...]
    message: str
    peer: str | None = None


@dataclass
class HostCtx:
    """One host under check: its intent, the fleet around it, and the findings so far."""

    fleet: Fleet
    host: HostIntent
    out: list[Raw] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.host.name

    def report(self, rule_id: str, parts: list[Part] | tuple[Part, ...], message: str,
               peer: str | None = None) -> None:
        """Record a finding of rule ``rule_id`` at intent path ``parts`` of this host."""
        assert rule_id in RULES, rule_id
        self.out.append(Raw(rule_id, self.host.name, tuple(parts), message, peer))

    @cached_property
    def interfaces(self) -> set[str]:
        """Every interface this host defines (canonical names)."""
        h = self.host
        return {*h.interfaces, *h.loopbacks, *h.tunnels, *h.virtual_templates}

    @cached_property
    def tunnel_interfaces(self) -> dict[str, Any]:
        """Static tunnels and virtual-templates by name (see ``interface_key`` for their field)."""
        return {**self.host.tunnels, **self.host.virtual_templates}


def interface_key(name: str) -> str:
    """The HostIntent field that holds interface ``name``."""
    if name.startswith("Tunnel"):
        return "tunnels"
    if name.startswith("Virtual-Template"):
        return "virtual_templates"
    if name.startswith("Loopback"):
        return "loopbacks"
    return "interfaces"


_TOP_KEY = re.compile(r"^([^\s#][^:]*):(?:\s|$)")


class Locator:
    """Finds the inventory file and line a value comes from, from ``Fleet.sources`` (which host,
    group or defaults entry gave each top-level data key). Files are parsed once, and only when a
    finding needs them, so a clean 10,000-host lint never re-reads the inventory."""

    def __init__(self, fleet: Fleet) -> None:
        self.fleet = fleet
        self._files: dict[Path, tuple[list[str], dict[str, int]] | None] = {}

    def finding(self, raw: Raw) -> Finding:
        """The finished finding: path text and source file (with line when found)."""
        return Finding(raw.rule, raw.host, path_text(raw.parts), raw.message,
                       self.where(raw.host, raw.parts), raw.peer)

    def where(self, host: str, parts: tuple[Part, ...]) -> str | None:
        """``inventory/groups.yaml:12 (group flexvpn_base)``, or None for a value no inventory
        entry gives (derived, or a default)."""
        if not parts:
            return None
        source = self.fleet.sources.get(host, {}).get(str(parts[0]))
        if source is None:
            return None
        from flexorch.intent.yamlio import display  # only when a finding is located

        line = self._line(source.file, source.yaml_keys("data", *parts))
        shown = display(source.file) + (f":{line}" if line else "")
        return f"{shown} (group {source.name})" if source.kind == "group" else shown

    def _line(self, file: Path, keys: list[Part]) -> int | None:
        """1-based line of ``keys`` in ``file`` (of the deepest part that exists). Only the
        top-level entry holding the value is parsed (a 10,000-host hosts.yaml is never composed
        whole); entries are found by their unindented ``name:`` line."""
        import yaml  # only when a finding needs a line

        entries = self._entries(file)
        if entries is None:
            return None
        lines, starts = entries
        if keys and str(keys[0]) in starts and keys[0] != "data":
            first = starts[str(keys[0])]
            following = [n for n in starts.values() if n > first]
            chunk = lines[first:min(following, default=len(lines))]
        else:
            first, chunk = 0, lines
        loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            node = yaml.compose("".join(chunk), Loader=loader)
        except yaml.YAMLError:
            return None
        line: int | None = None
        for key in keys:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if str(key_node.value) == str(key):
                        child, line = value_node, first + key_node.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(
                    node.value):
                child = node.value[key]
                line = first + child.start_mark.line + 1
            if child is None:
                break
            node = child
        return line

    def _entries(self, file: Path) -> tuple[list[str], dict[str, int]] | None:
        if file not in self._files:
            try:
                lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
            except (OSError, UnicodeDecodeError):
                self._files[file] = None
                return None
            starts: dict[str, int] = {}
            for number, text in enumerate(lines):
                match = _TOP_KEY.match(text)
                if match:
                    starts.setdefault(match.group(1).strip("'\""), number)
            self._files[file] = (lines, starts)
        return self._files[file]
