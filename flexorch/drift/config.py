"""Config drift: where a router's running config differs from the intended FlexVPN sections.

``config_drift(running, intended)`` is a pure function of two config texts (``show
running-config`` and ``flexorch.render.render_host``). Both are brought to the canonical form
plan uses (``flexorch.plan.configs.canonical_tree``), so IOS display quirks are not drift: hidden
defaults, abbreviations, interface spellings, IOS's display order, type-7 keys (decoded) and
type-6 keys the router shows encrypted (not comparable without the master key: a note, never
drift).

The comparison is plan's (``flexorch.ios.config.compare``); this module only reports it, so a
drift run after a remediation is clean:

- every top-level section of the intent: its lines are matched by the platform's identity key,
  so a line is *missing* (added by the intent), *extra* (the router has a key the intent lacks)
  or *changed* (same key, other value: ``dpd 30 5 on-demand`` -> ``dpd 10 3 periodic``). Order is
  ignored except in the lists IOS reads as a preference (the proposals of a policy);
- top-level single lines (``crypto ikev2 fragmentation mtu 1200``, ``aaa new-model``) are
  grouped in one section named ``global``;
- a section the intent lacks is *extra* exactly when plan removes it (``Change.removable``:
  flexorch owns its kind and nothing that stays on the router references it; for the sections
  kept, the note says who uses them). Everything else on the router is not flexorch's business.

Results hold config text in clear (keys included, to compare them): use ``shown`` /
``LineDrift.display`` for anything printed or stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from flexorch.ios.config import Change, ConfigDiff, ConfigTree, Node, compare, subtree
from flexorch.ios.facts import mask_config_secrets
from flexorch.ios.facts.keys import Type6Decrypt

GLOBAL_SECTION = "global"
LineChange = Literal["missing", "extra", "changed"]
SectionState = Literal["missing", "extra", "modified"]
_STATES: dict[str, SectionState] = {"added": "missing", "removed": "extra", "changed": "modified",
                                    "uncompared": "modified"}


def shown(text: str) -> str:
    """``text`` as it may be printed or stored: secret arguments and known secrets masked."""
    from flexorch.secrets import mask

    return mask(mask_config_secrets(text))


@dataclass(frozen=True)
class LineDrift:
    """One differing line of a section.

    ``line`` is the intended line for *missing* and *changed*, the router's line for *extra*;
    ``observed`` the router's line for *changed*. ``parents`` are the block headers between the
    section header and this line (``peer hub1`` inside a keyring); ``depth`` its nesting level
    (0 for a top-level line, 1 for a direct child of the section header)."""

    change: LineChange
    line: str
    depth: int
    parents: tuple[str, ...] = ()
    observed: str | None = None
    note: str = ""

    def display(self) -> tuple[str, str | None]:
        """(line, observed) with secrets masked."""
        return shown(self.line), None if self.observed is None else shown(self.observed)

    @property
    def secret_changed(self) -> bool:
        """True for a changed line whose difference is only its (masked) secret."""
        if self.observed is None:
            return False
        line, observed = self.display()
        return line == observed


@dataclass(frozen=True)
class SectionDrift:
    """The differences of one top-level section (``global`` for single top-level lines)."""

    section: str
    state: SectionState
    lines: tuple[LineDrift, ...]


@dataclass(frozen=True)
class ConfigDrift:
    """Every drifted section of one router, and notes on what could not be compared."""

    sections: tuple[SectionDrift, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        """True when the managed sections hold exactly the intent."""
        return not self.sections


def _line_drifts(change: LineChange, node: Node, path: tuple[str, ...]) -> list[LineDrift]:
    return [LineDrift(change, n.text, len(p), p[1:]) for p, n in subtree(node, path)]


class _Reporter:
    def __init__(self) -> None:
        self.notes: list[str] = []

    def lines(self, change: Change) -> list[LineDrift]:
        """The differing lines of one change (a changed block: its header if its value
        changed, then what differs inside, named under the intended header)."""
        parents = change.path[1:]
        if change.kind == "added":
            assert change.intended is not None
            return _line_drifts("missing", change.intended, change.path)
        if change.kind == "removed":
            assert change.running is not None
            return _line_drifts("extra", change.running, change.path)
        assert change.running is not None and change.intended is not None
        old, new = change.running.text, change.intended.text
        if change.kind == "uncompared":
            where = [*(shown(p) for p in change.path), shown(new).split(" ******")[0]]
            self.notes.append(f"{' > '.join(where)}: the router shows this key as type 6 "
                              "ciphertext that cannot be decrypted here (no master key): "
                              "not compared")
            return []
        out = [LineDrift("changed", new, change.depth, parents, observed=old)] if old != new else []
        if change.inner is not None:
            for inner in change.inner.changes:
                out.extend(self.lines(inner))
            for ordered in change.inner.lists:
                out.extend(_order_drift(ordered.common_order(), change.depth + 1,
                                        change.inner.path[1:]))
        return out


def _order_drift(order: tuple[tuple[str, ...], tuple[str, ...]] | None, depth: int,
                 parents: tuple[str, ...]) -> list[LineDrift]:
    """A preference list holding the intended entries in another order (entries missing or extra
    are reported line by line; this reports only the order of the entries both sides have)."""
    if order is None:
        return []
    old, new = order
    return [LineDrift("changed", "; ".join(new), depth, parents, observed="; ".join(old),
                      note="preference order differs")]


def report_diff(diff: ConfigDiff) -> ConfigDrift:
    """The drift view of a comparison (``flexorch.ios.config.compare``): per section, what
    differs; single top-level lines in one ``global`` section; a section the intent lacks only
    when plan would remove it (``Change.removable``)."""
    reporter = _Reporter()
    sections: list[SectionDrift] = []
    global_lines: list[LineDrift] = []
    kept: list[str] = []
    for change in diff.changes:
        if change.kind == "removed" and not change.removable:
            if change.kept_note is not None:
                kept.append(shown(change.kept_note))
            continue
        lines = reporter.lines(change)
        if not change.block:
            global_lines.extend(lines)
        elif lines:
            sections.append(SectionDrift(change.text, _STATES[change.kind], tuple(lines)))
    if global_lines:
        sections.insert(0, SectionDrift(GLOBAL_SECTION, "modified", tuple(global_lines)))
    return ConfigDrift(tuple(sections), (*reporter.notes, *kept))


def diff_trees(running: ConfigTree, intended: ConfigTree) -> ConfigDrift:
    """``config_drift`` on canonical trees (``flexorch.plan.configs.canonical_tree``)."""
    return report_diff(compare(running, intended))


def running_tree(running: str, *, decrypt_type6: Type6Decrypt | None = None) -> ConfigTree:
    """A router's ``show running-config`` in canonical form (``canonical_tree``)."""
    from flexorch.plan.configs import canonical_tree

    return canonical_tree(running, decrypt_type6=decrypt_type6)


def intended_tree(intended: str, *, decrypt_type6: Type6Decrypt | None = None) -> ConfigTree:
    """The rendered managed sections in canonical form (``canonical_tree``)."""
    from flexorch.plan.configs import canonical_tree

    return canonical_tree(intended, decrypt_type6=decrypt_type6)


def config_drift(running: str, intended: str | ConfigTree, *,
                 decrypt_type6: Type6Decrypt | None = None) -> ConfigDrift:
    """The drift of ``running`` (show running-config text) from ``intended`` (the managed
    sections as rendered, or their ``intended_tree``). Pure: no I/O. See the module doc."""
    want = intended if isinstance(intended, ConfigTree) else intended_tree(
        intended, decrypt_type6=decrypt_type6)
    return diff_trees(running_tree(running, decrypt_type6=decrypt_type6), want)
