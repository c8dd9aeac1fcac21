"""Tree builders compared: flexorch's ``ConfigTree.from_text`` against ciscoconfparse2 (what plan
and drift used to parse running configs with), on the same texts in the same run.

    .venv/bin/python tests/bench/bench_tree.py [--spokes 1000 5000]

Needs ciscoconfparse2 (``pip install -e '.[test]'``: the render guide tests use it as an
independent reader). Prints, with no assertions:

- the import time of ciscoconfparse2 (what the product's preload thread and warm-up call hid);
- parse time of both builders on the example fleet's configs as a router shows them (day-0 +
  managed sections through ``show_running``) and on generated hubs (``gen_fleet.py``: one hub
  with N spokes, one keyring peer and one identity per spoke);
- whether both builders give the same tree on every config under tests/ios/configs/ and
  tests/fixtures/real/*/*.cfg (real configs with banners and certificate chains) and on every
  config above; the first lines that differ are printed for any that do not.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from flexorch.ios.config import ConfigTree, Node, show_running  # noqa: E402
from flexorch.ios.facts.rules import LISTING_NOISE_PREFIXES  # noqa: E402


def ccp_tree(text: str) -> ConfigTree:
    """The tree plan and drift built before: the config lines (no header, comments, blank lines
    or ``end``) given to ciscoconfparse2, its objects linked parent to child."""
    lines = [raw.rstrip() for raw in text.splitlines()]
    kept = [line for line in lines if line.strip() and not line.strip().startswith("!")
            and line.strip() != "end" and not line.strip().startswith(LISTING_NOISE_PREFIXES)]
    if not kept:
        return ConfigTree()
    parse = _ccp_class()(kept, syntax="ios", ignore_blank_lines=True)
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    for obj in parse.objs:
        node = Node(obj.text.strip())
        nodes[obj.linenum] = node
        parent = obj.parent
        if parent is obj or parent is None:
            roots.append(node)
        else:
            nodes[parent.linenum].children.append(node)
    return ConfigTree(roots)


_CLASS: list[Any] = []


def _ccp_class() -> Any:
    if not _CLASS:
        from loguru import logger  # type: ignore[import-not-found]

        logger.remove()
        from ciscoconfparse2 import CiscoConfParse  # type: ignore[import-not-found]

        logger.remove()
        _CLASS.append(CiscoConfParse)
    return _CLASS[0]


def best(fn: Callable[[], object], rounds: int = 5, budget: float = 3.0) -> float:
    """Best wall time of up to ``rounds`` calls (fewer once ``budget`` seconds are spent)."""
    times: list[float] = []
    while len(times) < rounds and sum(times) < budget:
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def import_seconds() -> tuple[float, float]:
    """(python -c 'import ciscoconfparse2', python -c 'pass'): median of 3 fresh interpreters."""
    def run(code: str) -> float:
        samples = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
            samples.append(time.perf_counter() - started)
        return statistics.median(samples)

    return run("import ciscoconfparse2"), run("pass")


def fleet_configs() -> dict[str, str]:
    """The example fleet's routers as they show their config after a rollout."""
    from flexorch.intent import load_fleet
    from flexorch.render import render_full

    fleet = load_fleet(ROOT / "inventory")
    return {name: show_running(ConfigTree.from_text(render_full(fleet, name)))
            for name in sorted(fleet.hosts)}


def hub_config(spokes: int) -> str:
    """The hub of a generated site with ``spokes`` spokes, as it shows its config."""
    sys.path.insert(0, str(HERE))
    from gen_fleet import generate  # type: ignore[import-not-found]

    from flexorch.intent import load_fleet
    from flexorch.render import render_full

    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), spokes)
        fleet = load_fleet(Path(folder))
        return show_running(ConfigTree.from_text(render_full(fleet, "hub")))


def compare(name: str, text: str) -> bool:
    """True when both builders give the same tree; prints the first difference otherwise."""
    ours, theirs = ConfigTree.from_text(text).to_text(), ccp_tree(text).to_text()
    if ours == theirs:
        return True
    a, b = ours.splitlines(), theirs.splitlines()
    pairs = enumerate(zip(a, b, strict=False))
    at = next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))
    print(f"  DIFFERENT {name} at line {at + 1}: ConfigTree {a[at:at + 1]} "
          f"ciscoconfparse2 {b[at:at + 1]}")
    return False


def timing(label: str, texts: list[str]) -> None:
    lines = sum(len(t.splitlines()) for t in texts)
    ours = best(lambda: [ConfigTree.from_text(t) for t in texts])
    theirs = best(lambda: [ccp_tree(t) for t in texts])
    print(f"{label}: {len(texts)} config(s), {lines} lines")
    print(f"  ConfigTree.from_text  {ours * 1e3:9.2f} ms  ({ours / lines * 1e6:.2f} us/line)")
    print(f"  ciscoconfparse2       {theirs * 1e3:9.2f} ms  ({theirs / lines * 1e6:.2f} us/line)"
          f"  baseline, x{theirs / ours:.1f} the time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spokes", type=int, nargs="*", default=[1000, 5000])
    args = parser.parse_args()

    imported, bare = import_seconds()
    print(f"import ciscoconfparse2: {imported - bare:.2f} s over a bare interpreter "
          f"({imported:.2f} s vs {bare:.2f} s)")
    _ccp_class()

    corpus = sorted((ROOT / "tests/ios/configs").glob("*")) + sorted(
        (ROOT / "tests/fixtures/real").glob("*/*.cfg"))
    texts = {str(p.relative_to(ROOT)): p.read_text(errors="replace") for p in corpus}
    fleet = fleet_configs()
    hubs = {f"generated hub, {n} spokes": hub_config(n) for n in args.spokes}

    timing("example fleet (show running-config)", list(fleet.values()))
    timing("corpus (tests/ios/configs, tests/fixtures/real)", list(texts.values()))
    for label, text in hubs.items():
        timing(label, [text])

    print("same tree from both builders:")
    for group, items in (("corpus", texts), ("example fleet", fleet), ("generated hubs", hubs)):
        same = sum(compare(name, text) for name, text in items.items())
        print(f"  {group}: {same} of {len(items)}")


if __name__ == "__main__":
    main()
