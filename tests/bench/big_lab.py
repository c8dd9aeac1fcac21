"""The big-site lab scenario of issue 14: one hub and N spokes (``gen_fleet``), every router
booted with its intended config, five spokes broken by hand, each in its own way.

    with big_site(folder, spokes=39) as (inventory, lab, broken): ...

``broken`` maps each broken spoke to the words its cause must contain. Used by
tests/cli/test_big_site_lab.py (40 routers, in CI) and tests/bench/bench_outputs.py (300).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: (lines typed on the spoke, a word its cause must contain), one per broken spoke. ``{nobody}``:
#: an address no router owns, of the family of the spoke's tunnel (documentation ranges).
BREAKS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("crypto ikev2 proposal NGE", " no group 21 20", " group 19"), "NO_PROPOSAL_CHOSEN"),
    (("crypto ikev2 keyring FLEX_KEYS", " peer hub",
      "  pre-shared-key Wrong-Key-Typed-By-Hand-0123"), "AUTH_FAILED"),
    (("interface Tunnel0", " tunnel destination {nobody}"), "NO_RESPONDER"),
    (("crypto ikev2 profile FLEX", " identity local fqdn someone.else.example"),
     "PROFILE_MISMATCH"),
    (("crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac",), "transform set"),
)


def broken_names(spokes: int) -> list[str]:
    """Five spokes spread over the site."""
    return [f"s{(i * spokes) // len(BREAKS) + 5:05d}" for i in range(len(BREAKS))]


@contextlib.contextmanager
def big_site(folder: Path, spokes: int) -> Iterator[tuple[Path, object, dict[str, str]]]:
    """Generate the site, boot it configured on an in-process lab, break five spokes."""
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    sys.path.insert(0, str(ROOT))
    from bench_drift import make_inventory  # gen_fleet's site on free ports below 32768

    from flexorch.intent import load_fleet
    from flexorch.lab.fleet import LabFleet
    from flexorch.lab.inventory import specs_from_inventory
    from flexorch.lab.settings import LabSettings
    from flexorch.render import render_full

    inventory = folder / "inventory"
    make_inventory(inventory, spokes)
    fleet = load_fleet(inventory)
    configs = folder / "startup"
    configs.mkdir()
    for name in fleet.hosts:
        (configs / f"{name}.cfg").write_text(render_full(fleet, name), encoding="utf-8")
    specs = specs_from_inventory(inventory, configs)
    settings = LabSettings(revert_seconds_per_minute=1, reload_seconds=0.3, login_timeout=20)
    with LabFleet.start(specs=specs, state_dir=folder / "lab", settings=settings) as lab:
        broken = {}
        for name, (lines, cause) in zip(broken_names(spokes), BREAKS, strict=True):
            v6 = "tunnel mode ipsec ipv6" in lab.router(name).running_config()
            nobody = "2001:DB8::99" if v6 else "203.0.113.99"
            errors = lab.router(name).apply_config([line.format(nobody=nobody)
                                                    for line in lines])
            if errors:
                raise RuntimeError(f"{name}: the lab refused {errors}")
            broken[name] = cause
        yield inventory, lab, broken
