"""Config drift: where a router's running config differs from the intended FlexVPN sections.

``config_drift(running, intended)`` is a pure function of two config texts (``show
running-config`` and ``flexorch.render.render_host``). Both are read with ciscoconfparse2 and
brought to the canonical form plan uses (``flexorch.plan.configs.canonical_tree``), so IOS
display quirks are not drift: hidden defaults, abbreviations, interface spellings, IOS's display
order, type-7 keys (decoded) and type-6 keys the router shows encrypted (not comparable without
the master key: a note, never drift).

What is compared (the same managed set plan remediates, so a drift run after a remediation is
clean):

- every top-level section of the intent: its lines are matched by the platform's identity key
  (``flexorch.ios.config.engine.line_info``), so a line is *missing* (the key is not on the router),
  *extra* (the router has a key the intent lacks) or *changed* (same key, other value:
  ``dpd 30 5 on-demand`` -> ``dpd 10 3 periodic``). Order is ignored except in the lists IOS
  reads as a preference (``flexorch.ios.facts.ownership.ORDERED_LISTS``: the proposals of a policy);
- top-level single lines (``crypto ikev2 fragmentation mtu 1200``, ``aaa new-model``) are
  grouped in one section named ``global``;
- a section the intent lacks is *extra* exactly when plan's remediation removes it: flexorch
  owns its kind (IKEv2/IPsec objects and globals, IPsec tunnels, tunnel templates:
  ``flexorch.ios.facts.ownership``) and nothing that stays on the router still references it (plan
  keeps those, and its note is passed on). Everything else on the router is not flexorch's business.

Results hold config text in clear (keys included, to compare them): use ``shown`` /
``LineDrift.display`` for anything printed or stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from flexorch.ios.config import ConfigTree, Node, normalize_config
from flexorch.ios.config.engine import block_mode
from flexorch.ios.facts import mask_config_secrets, object_of
from flexorch.ios.facts.ownership import setting_key, type6_unverifiable

CONFIG = "config"
GLOBAL_SECTION = "global"
Change = Literal["missing", "extra", "changed"]
SectionState = Literal["missing", "extra", "modified"]


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

    change: Change
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


class _Differ:
    def __init__(self) -> None:
        self.notes: list[str] = []
    def block(self, kind: str | None, old: list[Node], new: list[Node], depth: int,
              parents: tuple[str, ...]) -> list[LineDrift]:
        """Differences between the children ``old`` (router) and ``new`` (intent) of a block."""
        out: list[LineDrift] = []
        ordered = _ordered_prefixes(kind)
        old_by_key: dict[str, Node] = {}
        for node in old:
            old_by_key.setdefault(setting_key(kind, node.text), node)
        new_keys = set()
        for node in new:
            key = setting_key(kind, node.text)
            new_keys.add(key)
            match = old_by_key.get(key)
            if match is None:
                out.extend(_subtree("missing", node, depth, parents))
            elif node.children or match.children or (kind is not None and
                                                     block_mode(kind, node.text)):
                out.extend(self.nested(kind, match, node, depth, parents))
            elif match.text != node.text:
                out.extend(self.changed(kind, match.text, node.text, depth, parents))
        for node in old:
            if setting_key(kind, node.text) not in new_keys:
                out.extend(_subtree("extra", node, depth, parents))
        for prefix in ordered:
            out.extend(_order_drift(prefix, old, new, depth, parents))
        return out

    def root(self, old: Node | None, new: Node) -> tuple[SectionDrift | None, list[LineDrift]]:
        """One top-level section of the intent against the router's (``old``, None when the
        router lacks it): its drift, or the drift of a single top-level line (``global``)."""
        if not _is_block(old, new):
            if old is None:
                return None, [LineDrift("missing", new.text, 0)]
            if old.text != new.text:
                return None, self.changed(CONFIG, old.text, new.text, 0, ())
            return None, []
        if old is None:
            return SectionDrift(new.text, "missing", tuple(_subtree("missing", new, 0, ()))), []
        seen = len(self.notes)
        lines = self.nested(CONFIG, old, new, 0, ())
        self.notes[seen:] = [f"{shown(new.text)} > {n}" for n in self.notes[seen:]]
        return (SectionDrift(new.text, "modified", tuple(lines)) if lines else None), []

    def nested(self, kind: str | None, old: Node, new: Node, depth: int,
               parents: tuple[str, ...]) -> list[LineDrift]:
        """A block on both sides: its header (if its value changed) and its children."""
        out: list[LineDrift] = []
        if old.text != new.text:
            out.extend(self.changed(kind, old.text, new.text, depth, parents))
        sub = block_mode(kind, new.text) if kind is not None else None
        # Children are named under the intended header (what the operator wrote).
        inner = self.block(sub, old.children, new.children, depth + 1,
                           (*parents, new.text) if depth > 0 else parents)
        return out + inner

    def changed(self, kind: str | None, old: str, new: str, depth: int,
                parents: tuple[str, ...]) -> list[LineDrift]:
        if kind is not None and type6_unverifiable(kind, old, new):
            where = " > ".join(shown(p) for p in parents)
            self.notes.append(f"{where + ' > ' if where else ''}{shown(new).split(' ******')[0]}"
                              ": the router shows this key as type 6 ciphertext that cannot be "
                              "decrypted here (no master key): not compared")
            return []
        return [LineDrift("changed", new, depth, parents, observed=old)]


def _subtree(change: Change, node: Node, depth: int, parents: tuple[str, ...]) -> list[LineDrift]:
    out = [LineDrift(change, node.text, depth, parents)]
    inner = (*parents, node.text) if depth > 0 else parents
    for child in node.children:
        out.extend(_subtree(change, child, depth + 1, inner))
    return out


def _ordered_prefixes(kind: str | None) -> list[str]:
    from flexorch.ios.facts import ownership as tables

    return sorted(prefix for block, prefix in tables.ORDERED_LISTS if block == kind)


def _order_drift(prefix: str, old: list[Node], new: list[Node], depth: int,
                 parents: tuple[str, ...]) -> list[LineDrift]:
    """A preference list holding the intended entries in another order (entries missing or extra
    are reported line by line; this reports only the order of the entries both sides have)."""
    old_list = [n.text for n in old if n.text.startswith(prefix)]
    new_list = [n.text for n in new if n.text.startswith(prefix)]
    common = set(old_list) & set(new_list)
    old_common = [t for t in old_list if t in common]
    new_common = [t for t in new_list if t in common]
    if old_common == new_common:
        return []
    return [LineDrift("changed", "; ".join(new_common), depth, parents,
                      observed="; ".join(old_common), note="preference order differs")]


def _is_block(old: Node | None, new: Node) -> bool:
    return bool(new.children or (old is not None and old.children)
                or block_mode(CONFIG, new.text))


def _maybe_owned(node: Node) -> bool:
    """True when plan may remove this top-level section if the intent lacks it (a superset of
    ``flexorch.ios.facts.ownership``' owned kinds, to decide whether to ask plan at all)."""
    from flexorch.ios.facts import ownership as tables

    text = node.text
    if text.startswith("interface "):
        return tables.owned_interface(text, [c.text for c in node.children])
    found = object_of(text)
    if found is not None:
        return found[0].kind in tables.OWNED_OBJECT_KINDS
    return text.startswith(tables.OWNED_GLOBAL_PREFIXES)


def _extra(running: ConfigTree, intended: ConfigTree, wanted: set[str]
           ) -> tuple[list[SectionDrift], list[LineDrift], tuple[str, ...]]:
    """Sections the intent lacks that are drift: exactly those plan would remove (flexorch owns
    the kind and nothing that stays uses it), so drift and remediation never disagree. Plan is
    asked only when the router has such a section at all (it rarely has)."""
    sections: list[SectionDrift] = []
    global_lines: list[LineDrift] = []
    candidates = [n for n in running.roots
                  if setting_key(CONFIG, n.text) not in wanted and _maybe_owned(n)]
    if not candidates:
        return sections, global_lines, ()
    from flexorch.plan.remediate import remediate_trees

    plan = remediate_trees(running, intended)
    removed = {change.section for change in plan.sections if change.action == "remove"}
    for node in candidates:
        if node.text not in removed:
            continue
        if node.children or block_mode(CONFIG, node.text):
            sections.append(SectionDrift(node.text, "extra",
                                         tuple(_subtree("extra", node, 0, ()))))
        else:
            global_lines.append(LineDrift("extra", node.text, 0))
    # Plan's notes on the sections it keeps (it also notes type-6 keys: drift has its own).
    kept = tuple(shown(n) for n in plan.notes
                 if any(n.startswith(c.text + ":") for c in candidates))
    return sections, global_lines, kept


def diff_trees(running: ConfigTree, intended: ConfigTree) -> ConfigDrift:
    """``config_drift`` on canonical trees (``flexorch.plan.configs.canonical_tree``)."""
    differ = _Differ()
    old_by_key: dict[str, Node] = {}
    for node in running.roots:
        old_by_key.setdefault(setting_key(CONFIG, node.text), node)
    sections: list[SectionDrift] = []
    global_lines: list[LineDrift] = []
    wanted: set[str] = set()
    for node in intended.roots:
        key = setting_key(CONFIG, node.text)
        wanted.add(key)
        section, lines = differ.root(old_by_key.get(key), node)
        if section is not None:
            sections.append(section)
        global_lines.extend(lines)

    extra, extra_globals, notes = _extra(running, intended, wanted)
    sections.extend(extra)
    global_lines.extend(extra_globals)
    if global_lines:
        sections.insert(0, SectionDrift(GLOBAL_SECTION, "modified", tuple(global_lines)))
    return ConfigDrift(tuple(sections), (*differ.notes, *notes))


def running_tree(running: str, *, master_key: str | None = None) -> ConfigTree:
    """A router's ``show running-config`` read with ciscoconfparse2, in canonical form."""
    from flexorch.plan.configs import canonical_tree

    return canonical_tree(running, master_key=master_key)


def intended_tree(intended: str, *, master_key: str | None = None) -> ConfigTree:
    """The rendered managed sections in canonical form. flexorch wrote this text itself (one
    space per level, no banner), so its indentation tree is read directly: the same tree
    ciscoconfparse2 gives (tests/drift check it on every example host) at a fraction of the
    cost, which matters with hundreds of hosts per run."""
    from flexorch.plan.configs import config_lines

    tree = ConfigTree.from_text("\n".join(config_lines(intended)))
    return normalize_config(tree, mask_secrets=False, master_key=master_key)


def config_drift(running: str, intended: str | ConfigTree, *,
                 master_key: str | None = None) -> ConfigDrift:
    """The drift of ``running`` (show running-config text) from ``intended`` (the managed
    sections as rendered, or their ``intended_tree``). Pure: no I/O. See the module doc."""
    want = intended if isinstance(intended, ConfigTree) else intended_tree(
        intended, master_key=master_key)
    return diff_trees(running_tree(running, master_key=master_key), want)
