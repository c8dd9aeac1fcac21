"""Day-2 changes of the example site hub1, as an operator makes them: edits of the inventory,
run one after the other on one lab (each starts where the previous one left the fleet).

Shared by the lab test (tests/rollout/test_day2.py) and the benchmark that prints the downtime
table (tests/bench/bench_day2.py). ``down``: the spokes whose tunnel may go down (for one wave
at most) because the change has no hitless path; every other tunnel must stay up. The last one
changes no intent: a spoke comes back wiped (factory reset, staged again with its day-0 config)
and the rollout re-adopts it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flexorch.lab.fleet import LabFleet

PSK_SPOKES = ("h1-gre", "h1-ipsec", "h1-v6", "h1-mixed", "h1-frag", "h1-sgt")

# A spoke the lab serves from the start (day-0 config) but the inventory gains only in the
# "add a spoke" scenario.
NEW_SPOKE = """
h1-new:
  hostname: 127.0.0.1
  port: {port}
  groups: [hub1_spokes]
  data:
    psk: {{env: FLEXORCH_PSK_H1_NEW}}
    interfaces:
      GigabitEthernet1: {{description: WAN, ipv4: 198.51.100.19/24}}
    loopbacks:
      Loopback0: {{ipv4: 10.1.1.9/32}}
    tunnels:
      Tunnel0:
        description: IPsec VTI to hub1, added on day 2
        ip_unnumbered: Loopback0
        source: GigabitEthernet1
        mode: ipsec ipv4
        peer: hub1
        protection: FLEX_IPSEC
    routes:
      - {{prefix: 0.0.0.0/0, next_hop: 198.51.100.1, day0: true}}
"""

PROPOSAL_OLD = """      FLEX_NGE:
        encryption: [aes-gcm-256]
        prf: [sha512]
        group: [21, 20]"""
PROPOSAL_NEW = """      FLEX_NGE2:
        encryption: [aes-gcm-256]
        prf: [sha384]
        group: [20]"""
TS_OLD = """      FLEX_TS:
        esp_encryption: esp-gcm 256"""
TS_NEW = """      FLEX_TS2:
        esp_encryption: esp-gcm 128"""
HUB_FRAG = "      fragmentation: {mtu: 1200}\n      cts_sgt: true\n"
SPOKE_FRAG = "    ikev2:\n      fragmentation: {mtu: 1200}\n      nat_keepalive: 20\n"
SPOKE_SGT = "    ikev2:\n      cts_sgt: true\n"


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in an inventory file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _proposal_swap(inv: Path) -> None:
    edit(inv / "groups.yaml", PROPOSAL_OLD, PROPOSAL_NEW)
    edit(inv / "groups.yaml", "proposals: [FLEX_NGE]", "proposals: [FLEX_NGE2]")


def _transform_set_swap(inv: Path) -> None:
    edit(inv / "groups.yaml", TS_OLD, TS_NEW)
    for name in ("groups.yaml", "hosts.yaml"):
        edit(inv / name, "transform_sets: [FLEX_TS]", "transform_sets: [FLEX_TS2]")


def _psk_one(inv: Path) -> None:
    edit(inv / "hosts.yaml", "{env: FLEXORCH_PSK_H1_GRE}", "{env: FLEXORCH_PSK_H1_GRE_2024}")


def _psk_all(inv: Path) -> None:
    edit(inv / "hosts.yaml", "{env: FLEXORCH_PSK_H1_", "{env: FLEXORCH_PSK_ROTATED_H1_")


def _add_spoke(inv: Path) -> None:
    spare = (inv.parent / "spare.yaml").read_text(encoding="utf-8")
    with (inv / "hosts.yaml").open("a", encoding="utf-8") as out:
        out.write(spare)


def _remove_spoke(inv: Path) -> None:
    spare = (inv.parent / "spare.yaml").read_text(encoding="utf-8")
    edit(inv / "hosts.yaml", spare, "")


def _decommission(lab: LabFleet) -> None:
    lab.router("h1-new").set_fault("peer-down")  # unplugged before its entries go


def _into_host(inv: Path, host: str, before: str, lines: str) -> None:
    """Insert ``lines`` into ``host``'s block, before its first line starting ``before``."""
    text = (inv / "hosts.yaml").read_text(encoding="utf-8")
    at = text.index(before, text.index(f"\n{host}:\n"))
    (inv / "hosts.yaml").write_text(text[:at] + lines + text[at:], encoding="utf-8")


def _identity(inv: Path) -> None:
    _into_host(inv, "h1-ipsec", "    vrfs:",
               "    identity: {type: fqdn, value: ipsec-branch.flex1.example}\n")


def _frag_off(inv: Path) -> None:
    edit(inv / "hosts.yaml", HUB_FRAG, "      cts_sgt: true\n")
    edit(inv / "hosts.yaml", SPOKE_FRAG, "    ikev2:\n      nat_keepalive: 20\n")


def _frag_on(inv: Path) -> None:
    edit(inv / "hosts.yaml", "      cts_sgt: true\n      cookie_challenge",
         HUB_FRAG + "      cookie_challenge")
    edit(inv / "hosts.yaml", "    ikev2:\n      nat_keepalive: 20\n", SPOKE_FRAG)


def _sgt_off(inv: Path) -> None:
    edit(inv / "hosts.yaml", "      cts_sgt: true\n      cookie_challenge",
         "      cookie_challenge")
    edit(inv / "hosts.yaml", SPOKE_SGT, "")


def _sgt_on(inv: Path) -> None:
    edit(inv / "hosts.yaml", "      cookie_challenge: 100\n",
         "      cts_sgt: true\n      cookie_challenge: 100\n")
    _into_host(inv, "h1-sgt", "    routes:", SPOKE_SGT)


READOPTED = "h1-gre"


def _unchanged(inv: Path) -> None:
    """The inventory stays as it is: the router changed, not the intent."""


def _reimage(router: Any) -> None:
    # A factory reset erases NVRAM (startup and private config) and flash ("Performing a
    # Factory Reset", System Management Configuration Guide, Cisco IOS XE 17.x); the box is
    # then staged again with its day-0 config (management, WAN, routes: nothing FlexVPN).
    from flexorch.ios.config.show import private_lines
    from flexorch.lab import configmode

    state, day0 = router.state, configmode.load_config(router.spec.day0)
    state.startup, state.private = configmode.config_body(day0), private_lines(day0)
    for name in list(state.flash):
        del state.flash[name]
        state.flash_times.pop(name, None)
        if state.store:
            state.store.delete_flash(name)
    if state.store:
        state.store.save_startup(state.startup)
        state.store.save_private(state.private)


def _wipe(lab: LabFleet) -> None:
    """The spoke comes back re-imaged: booted from its day-0 config, flash empty."""
    lab.router(READOPTED).call(_reimage)
    lab.router(READOPTED).reload(wait=True)


@dataclass(frozen=True)
class Scenario:
    name: str
    change: Callable[[Path], None]  # edits the inventory folder
    down: tuple[str, ...] = ()  # spokes whose tunnel has no hitless path (one wave each)
    before: Callable[[LabFleet], None] | None = None  # done on the lab first
    # Spokes that come back wiped (day-0 config): the rollout re-adopts them, changes nothing
    # else, and their tunnels (down since the wipe) are up once it is done.
    readopted: tuple[str, ...] = ()

    @property
    def hitless(self) -> bool:
        return not self.down


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("proposal swap", _proposal_swap),
    Scenario("transform-set swap", _transform_set_swap),
    Scenario("PSK rotation, one spoke", _psk_one, down=("h1-gre",)),
    Scenario("PSK rotation, every spoke", _psk_all, down=PSK_SPOKES),
    Scenario("add a spoke", _add_spoke),
    Scenario("remove a spoke", _remove_spoke, before=_decommission),
    Scenario("identity change", _identity),
    Scenario("fragmentation off", _frag_off),
    Scenario("fragmentation on", _frag_on),
    Scenario("SGT off", _sgt_off),
    Scenario("SGT on", _sgt_on),
    # Its tunnel is down from the wipe until its own push (not a rollout outage: it was not up
    # before); no other tunnel may go down, and nothing but the spoke is changed.
    Scenario("re-adopt a wiped spoke", _unchanged, before=_wipe, readopted=(READOPTED,)),
)


def with_spare_spoke(inventory: Path) -> None:
    """Give the lab's inventory copy the spare spoke (a free port, like every other host);
    keep its block in ``<parent>/spare.yaml`` and take it out of the inventory again, so the
    lab serves it but flexorch does not know it yet."""
    from tests.lab.helpers import free_ports

    block = NEW_SPOKE.format(port=free_ports(1)[0])
    (inventory.parent / "spare.yaml").write_text(block, encoding="utf-8")
    hosts = inventory / "hosts.yaml"
    hosts.write_text(hosts.read_text(encoding="utf-8") + block, encoding="utf-8")


def without_spare_spoke(inventory: Path) -> None:
    _remove_spoke(inventory)
    assert not re.search(r"(?m)^h1-new:", (inventory / "hosts.yaml").read_text())
