"""Reference queries on a config tree: which objects an object uses, and who uses an object.

The reference table itself (``REFERENCES``) is IOS knowledge and lives in
``flexorch.ios.facts.objects``; this module applies it to a parsed config.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from flexorch.ios.config.tree import ConfigTree, Node
from flexorch.ios.facts import REFERENCES, Reference, object_of


def references_from(kind: str, node: Node) -> Iterator[tuple[Reference, str]]:
    """Every (reference, target name) made by an object node of ``kind`` (its header line for
    line objects, its children for blocks)."""
    lines = [node.text] if not node.children else [c.text for _, c in node.walk()][1:]
    for ref in REFERENCES:
        if ref.source != kind:
            continue
        for line in lines:
            match = re.search(ref.line, line)
            if not match:
                continue
            names = match.group(1).split() if ref.many else [match.group(1)]
            for name in names:
                yield ref, ref.template.format(name)


def users_of(tree: ConfigTree, target_kind: str, name: str) -> list[str]:
    """Top-level lines of objects that reference object ``name`` of ``target_kind``."""
    users = []
    for root in tree.roots:
        found = object_of(root.text)
        if found is None:
            continue
        kind, _ = found
        for ref, target in references_from(kind.kind, root):
            if ref.target == target_kind and target == name:
                users.append(root.text)
                break
    return users
