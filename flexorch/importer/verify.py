"""The import's own proof: the imported inventory, loaded as flexorch loads it, renders every
router's managed sections exactly as the router has them.

For each router, ``compare`` (the one comparison plan and drift use) runs on the router's
config and the rendering of its intent, both in the canonical form. The rendering's secrets are
masked (they are references to the router's own values, written by construction): a line that
differs only by its masked key is not a difference. Anything that
comparison would make plan change is a difference: a line of a section the intent names that
the rendering lacks, has in another form or adds, and a section flexorch owns that the intent
lacks and plan would remove. Sections the intent does not name and flexorch does not own (or
that a kept section still uses) are left alone by plan, so they are not differences.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from flexorch.importer.rows import Unexpressed
from flexorch.importer.source import RouterSource
from flexorch.ios.config import Change, ConfigTree, compare, normalize_config
from flexorch.ios.config.identity import setting_key
from flexorch.ios.facts import mask_config_secrets
from flexorch.ios.facts.ownership import owned_section
from flexorch.secrets import MASK


def differences(folder: Path, routers: Sequence[RouterSource]) -> list[Unexpressed]:
    """Every line of every router that the inventory in ``folder`` would not reproduce.
    Raises InventoryError when the written inventory does not load (an importer defect)."""
    from flexorch.intent import load_fleet
    from flexorch.render import render_host

    fleet = load_fleet(folder)
    out: list[Unexpressed] = []
    for router in routers:
        rendered = render_host(fleet, router.name, reveal=False)
        intended = normalize_config(ConfigTree.from_text(rendered), mask_secrets=False)
        out.extend(_problems(router.source, compare(_compared(router.tree, intended),
                                                    intended).changes))
    return out


def _compared(running: ConfigTree, intended: ConfigTree) -> ConfigTree:
    """The router's sections that matter: those the intent names, and those flexorch owns
    (import wrote every owned section it could; the others are already listed as lines it
    cannot write). The rest is left alone by plan: comparing it would only cost time."""
    wanted = {setting_key(CONFIG, n.text) for n in intended.roots}
    return ConfigTree([n for n in running.roots if setting_key(CONFIG, n.text) in wanted
                       or owned_section(n.text, [c.text for c in n.children])])


def _masked(text: str) -> str:
    """A secret line with its key masked, without the type digit of the router's form."""
    return _TYPE_DIGIT.sub(MASK, mask_config_secrets(text))


_TYPE_DIGIT = re.compile(r"\b[067] " + re.escape(MASK))


def _unpaired(changes: Iterable[Change]) -> list[Change]:
    """``changes`` less the secret lines that differ only by their masked key: a line changed
    in place, or removed and added again when the router's form does not parse as the same
    setting (a type 7 key that does not decode)."""
    out: list[Change] = []
    added: dict[str, Change] = {}
    for change in changes:
        if not change.secret or change.block:
            out.append(change)
            continue
        if change.kind in ("changed", "uncompared") and change.running is not None \
                and change.intended is not None \
                and _masked(change.running.text) == _masked(change.intended.text):
            continue
        if change.kind == "added":
            added[_masked(change.text)] = change
        out.append(change)
    drop = set()
    for change in out:
        twin = added.get(_masked(change.text)) if change.kind == "removed" else None
        if twin is not None and id(twin) not in drop:
            drop |= {id(twin), id(change)}
    return [c for c in out if id(c) not in drop]


def _problems(source: str, changes: Iterable[Change]) -> Iterator[Unexpressed]:
    for change in _unpaired(changes):
        if change.kind == "removed" and change.depth == 0 and not change.removable:
            continue  # plan leaves it: not owned, or still used by a section that stays
        if change.inner is not None and change.kind == "changed" \
                and change.running is not None and change.intended is not None \
                and change.running.text == change.intended.text:
            yield from _problems(source, change.inner.changes)
            for ordered in change.inner.lists:
                if ordered.common_order() is not None:
                    yield Unexpressed(source, ordered.path, ordered.prefix.strip(),
                                      "listed in another order")
            continue
        yield Unexpressed(source, (*change.path, change.text) if change.depth == 0
                          else change.path, change.text, _WHY[change.kind])


CONFIG = "config"
_WHY = {
    "removed": "the intent does not reproduce this line (plan would remove it)",
    "added": "the intent renders this line, the router does not have it",
    "changed": "the intent renders this line differently",
    "uncompared": "cannot be compared",
}
