"""Storing and negating one (non-block) config line in a block, as IOS config mode does.

Single-valued commands replace their previous value, list commands append, merge lists (IKEv2
proposal transforms) accumulate, hidden defaults are dropped, default-on features are stored as
their ``no`` form, commands whose ``no`` form IOS shows keep one of the two lines, entries of
sequenced lists (access lists) get the next sequence number. Helpers of
``flexorch.ios.config.engine``.
"""

from __future__ import annotations

import re

from flexorch.ios.cli import Command, line_key
from flexorch.ios.config import semantics
from flexorch.ios.config.store import Frame, TreeStore
from flexorch.ios.config.tree import Node
from flexorch.ios.facts import platform, rules


def _default_on(kind: str, command: Command, canonical: str, frame: Frame) -> bool:
    if canonical in rules.DEFAULT_OFF_ON_PORTS and frame.node is not None \
            and platform.default_off_on_port(canonical, frame.node.text):
        return False
    return command.negation == "default-on" or canonical in rules.DEFAULT_ON.get(kind, ())


def vrf_side_effect(store: TreeStore, frame: Frame, new: str | None,
                    old: str | None) -> str | None:
    """IOS removes an interface's addresses when its VRF changes, and says so."""
    if frame.node is None or not frame.mode.id.startswith("interface"):
        return None
    removed = semantics.addresses_removed_by_vrf(frame.node, new, old)
    for child in removed:
        store.remove(frame, child)
    if not removed:
        return None
    vrf_line = new if new is not None else old
    assert vrf_line is not None
    action = "enabling" if new is not None else "removing"
    return rules.MSG_VRF_ADDRESS_REMOVED.format(
        interface=frame.node.text.split()[1], action=action, vrf=vrf_line.split()[-1])


def unsequenced(store: TreeStore, frame: Frame, canonical: str) -> Node | None:
    """The numbered entry whose text after its sequence number is ``canonical``."""
    for child in store.children(frame):
        number, _, rest = child.text.partition(" ")
        if number.isdigit() and rest == canonical:
            return child
    return None


def _drop_default(store: TreeStore, frame: Frame, key: str) -> tuple[bool, None]:
    existing = store.find(frame, key)
    if existing is not None:
        store.remove(frame, existing)
    return existing is not None, None


def set_line(store: TreeStore, frame: Frame, command: Command,
             canonical: str) -> tuple[bool, str | None]:
    """Store ``canonical`` (a line of ``command``) in the block of ``frame``; (changed, message).
    Raises ``semantics.Refused`` for a line IOS refuses."""
    kind = frame.mode.id
    key = command.identity(canonical)
    if canonical in rules.HIDDEN_VALUE_DEFAULTS.get(kind, ()):
        return _drop_default(store, frame, key)
    if _default_on(kind, command, canonical, frame):
        return _drop_default(store, frame, f"no {key}")
    semantics.check_reference(store.index(), kind, canonical)
    semantics.check_address(kind, canonical)
    canonical = semantics.store_secret(kind, canonical, store.master_key(), store.type6)
    if command.negation == "shown":
        _drop_default(store, frame, f"no {key}")
    if command.repeat:
        store.add(frame, Node(canonical, key=key))
        return True, None
    if frame.node is None:
        canonical = _auto_sequence(store, frame, canonical)
        key = command.identity(canonical)
    if kind in rules.SEQUENCED_MODES and not canonical[0].isdigit() \
            and not canonical.startswith("remark"):
        if unsequenced(store, frame, canonical) is not None:
            return False, None
        numbers = [int(c.text.split()[0]) for c in store.children(frame) if c.text[0].isdigit()]
        canonical = f"{max(numbers, default=0) + rules.SEQUENCE_STEP} {canonical}"
        key = command.identity(canonical)
    return _store(store, frame, command, canonical, key)


def _auto_sequence(store: TreeStore, frame: Frame, canonical: str) -> str:
    """``ip prefix-list L permit ...`` typed without ``seq``: the next number of list L."""
    for pattern, step in rules.AUTO_SEQUENCED_LINES:
        match = re.match(pattern, canonical)
        if match is None:
            continue
        head, entry = match.groups()
        numbers = [int(m.group(1)) for c in store.children(frame)
                   if (m := re.match(re.escape(head) + r" seq (\d+) ", c.text))]
        return f"{head} seq {max(numbers, default=0) + step} {entry}"
    return canonical


def _store(store: TreeStore, frame: Frame, command: Command, canonical: str,
           key: str) -> tuple[bool, str | None]:
    existing = store.find(frame, key)
    if existing is None:
        message = vrf_side_effect(store, frame, canonical, None)
        store.add(frame, Node(canonical, key=key))
        return True, message
    if command.merge:
        values = existing.text.split()[1:]
        values += [v for v in canonical.split()[1:] if v not in values]
        new_text = " ".join([canonical.split(maxsplit=1)[0], *values])
        changed = new_text != existing.text
        existing.text = new_text
        return changed, None
    if command.single and existing.text != canonical:
        message = vrf_side_effect(store, frame, canonical, existing.text)
        existing.text = canonical
        return True, message
    return False, None


def negate_words(store: TreeStore, frame: Frame, words: str) -> tuple[bool, str | None]:
    """``no tunnel destination`` (a short ``no`` form): every line starting with the words goes."""
    changed, message = False, None
    for child in [c for c in store.children(frame)
                  if c.text == words or c.text.startswith(words + " ")]:
        message = vrf_side_effect(store, frame, None, child.text) or message
        store.remove(frame, child)
        changed = True
    return changed, message


def negate_line(store: TreeStore, frame: Frame, command: Command,
                canonical: str) -> tuple[bool, str | None]:
    """``no <complete line>``: a default-on feature is switched off (stored as ``no X``); a
    command whose ``no`` form IOS shows stores it in place of X; otherwise the same line, or for
    single-valued commands the line with the same key, is removed; for merge lists the values
    given are removed."""
    kind = frame.mode.id
    key = command.identity(canonical)
    if _default_on(kind, command, canonical, frame) or command.negation == "shown":
        if command.negation == "shown":
            positive = store.find(frame, key) if command.single else \
                store.find_text(frame, canonical)
            if positive is not None:
                store.remove(frame, positive)
        if store.find(frame, f"no {key}") is not None:
            return False, None
        store.add(frame, Node(f"no {canonical}"))
        return True, None
    existing = store.find_text(frame, canonical)
    if existing is None and kind in rules.SEQUENCED_MODES:
        existing = unsequenced(store, frame, canonical)
    if existing is None and command.merge:
        return _negate_values(store, frame, key, canonical)
    if existing is None and command.single:
        existing = store.find(frame, key)
    if existing is None:
        return False, None
    message = vrf_side_effect(store, frame, None, existing.text)
    store.remove(frame, existing)
    return True, message


def _negate_values(store: TreeStore, frame: Frame, key: str,
                   canonical: str) -> tuple[bool, str | None]:
    existing = store.find(frame, key)
    if existing is None:
        return False, None
    drop = set(canonical.split()[1:])
    values = [v for v in existing.text.split()[1:] if v not in drop]
    if values:
        existing.text = " ".join([existing.text.split()[0], *values])
    else:
        store.remove(frame, existing)
    return True, None


def restore_created(store: TreeStore, frame: Frame) -> None:
    """Put back the lines IOS creates a block with (``mode tunnel``) after a ``no``."""
    if frame.node is None:
        return
    kind = frame.mode.id
    for default in rules.CREATED_WITH.get(kind, ()):
        if store.find(frame, line_key(kind, default)) is None:
            frame.node.children.append(Node(default))
