"""The import's own proof: the imported inventory, loaded as flexorch loads it, renders every
router's managed sections exactly as the router has them.

For each router, ``compare`` (the one comparison plan and drift use) runs on the router's
config and the rendering of its intent, both in the canonical form with secrets masked (the
keys themselves are the router's values by construction: nothing to compare). Anything that
comparison would make plan change is a difference: a line of a section the intent names that
the rendering lacks, has in another form or adds, and a section flexorch owns that the intent
lacks and plan would remove. Sections the intent does not name and flexorch does not own (or
that a kept section still uses) are left alone by plan, so they are not differences.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from flexorch.importer.rows import Unexpressed
from flexorch.importer.source import RouterSource
from flexorch.ios.config import Change, ConfigTree, compare, normalize_config


def differences(folder: Path, routers: Sequence[RouterSource]) -> list[Unexpressed]:
    """Every line of every router that the inventory in ``folder`` would not reproduce.
    Raises InventoryError when the written inventory does not load (an importer defect)."""
    from flexorch.intent import load_fleet
    from flexorch.render import render_host

    fleet = load_fleet(folder)
    out: list[Unexpressed] = []
    for router in routers:
        rendered = render_host(fleet, router.name, reveal=False)
        running = normalize_config(router.tree, mask_secrets=True)
        intended = normalize_config(ConfigTree.from_text(rendered), mask_secrets=True)
        out.extend(_problems(router.source, compare(running, intended).changes))
    return out


def _problems(source: str, changes: Iterable[Change]) -> Iterator[Unexpressed]:
    for change in changes:
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


_WHY = {
    "removed": "the intent does not reproduce this line (plan would remove it)",
    "added": "the intent renders this line, the router does not have it",
    "changed": "the intent renders this line differently",
    "uncompared": "cannot be compared",
}
