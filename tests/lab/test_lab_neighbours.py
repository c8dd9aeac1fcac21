"""Who negotiates with whom stays right as routers change one at a time (``lab.neighbours``).

The lab updates its neighbour index only for the routers whose config changed; these tests
change tunnel destinations and interface addresses and check the SAs every router then shows
(typed by hand from the rule: an address belongs to the router holding it, the first by name
when two hold it), and that the index kept up change by change equals one rebuilt from scratch.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from netmiko import ConnectHandler

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint
from flexorch.lab.fleet import LabFleet
from flexorch.lab.neighbours import NeighbourIndex
from flexorch.lab.settings import LabSettings
from flexorch.parse.runner import parse_output
from tests.lab.helpers import VTI_HUB, netmiko_params, vti_specs

pytestmark = pytest.mark.lab

# Both ends accept any peer with one key (the guide's wildcard keyring), so only the addresses
# decide who negotiates with whom: the spoke has the hub's blocks up to its virtual template.
COMMON = VTI_HUB[:VTI_HUB.index(" virtual-template 1\n")]
SPOKE = COMMON + """crypto ipsec profile VTI
 set ikev2-profile PROF
interface Tunnel0
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 198.51.100.1
 tunnel protection ipsec profile VTI
"""
SA = "show crypto ikev2 sa detailed"
NAMES = ["hub-a", "hub-b", "spoke"]  # GigabitEthernet1: 198.51.100.1, .2, .3


@pytest.fixture
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabFleet]:
    with LabFleet.start(specs=vti_specs(NAMES), state_dir=tmp_path_factory.mktemp("neighbours"),
                        settings=LabSettings()) as fleet:
        assert fleet.router("hub-a").apply_config(VTI_HUB.splitlines()) == []
        assert fleet.router("hub-b").apply_config(VTI_HUB.splitlines()) == []
        assert fleet.router("spoke").apply_config(SPOKE.splitlines()) == []
        yield fleet


def _remotes(sessions: dict[str, ConnectHandler]) -> dict[str, list[str]]:
    """Router -> the remote address of every READY SA it shows (over SSH, as IOS prints it)."""
    out = {}
    for name, conn in sessions.items():
        parsed = parse_output(SA, str(conn.send_command(SA)))
        assert not parsed.warnings
        out[name] = sorted(r.remote_address for r in parsed.records if r.status == "READY")
    return out


def _gi1(address: str) -> list[str]:
    return ["interface GigabitEthernet1", f" ip address {address} 255.255.255.0"]


def test_sas_follow_a_moved_destination_and_moved_addresses(site: LabFleet) -> None:
    sessions = {name: ConnectHandler(**netmiko_params(site, name)) for name in NAMES}
    try:
        assert _remotes(sessions) == {
            "hub-a": ["198.51.100.3"], "hub-b": [], "spoke": ["198.51.100.1"]}
        # The spoke points at hub-b: hub-a, which did not change, loses its SA.
        assert site.router("spoke").apply_config(
            ["interface Tunnel0", " tunnel destination 198.51.100.2"]) == []
        assert _remotes(sessions) == {
            "hub-a": [], "hub-b": ["198.51.100.3"], "spoke": ["198.51.100.2"]}
        # ... then at an address nobody holds: no SA anywhere.
        assert site.router("spoke").apply_config(
            ["interface Tunnel0", " tunnel destination 203.0.113.7"]) == []
        assert _remotes(sessions) == {"hub-a": [], "hub-b": [], "spoke": []}
        # hub-b takes that address: the spoke, unchanged, now negotiates with it.
        assert site.router("hub-b").apply_config(_gi1("203.0.113.7")) == []
        assert _remotes(sessions) == {
            "hub-a": [], "hub-b": ["198.51.100.3"], "spoke": ["203.0.113.7"]}
        # hub-a holds it too: the router whose name sorts first owns it.
        assert site.router("hub-a").apply_config(_gi1("203.0.113.7")) == []
        assert _remotes(sessions) == {
            "hub-a": ["198.51.100.3"], "hub-b": [], "spoke": ["203.0.113.7"]}
        # hub-a gives it back: hub-b owns it again.
        assert site.router("hub-a").apply_config(_gi1("198.51.100.1")) == []
        assert _remotes(sessions) == {
            "hub-a": [], "hub-b": ["198.51.100.3"], "spoke": ["203.0.113.7"]}
        # hub-b lets it go: nobody holds the spoke's destination.
        assert site.router("hub-b").apply_config(_gi1("198.51.100.2")) == []
        assert _remotes(sessions) == {"hub-a": [], "hub-b": [], "spoke": []}
    finally:
        for conn in sessions.values():
            conn.disconnect()


def _config(n: int, address: str, destinations: list[str]) -> RouterConfig:
    """A router holding ``address`` (plus its own loopback) with a tunnel to each destination."""
    lines = [f"hostname r{n}", "interface Loopback0", f" ip address 10.9.{n}.1 255.255.255.255",
             "interface GigabitEthernet1", f" ip address {address} 255.255.255.0"]
    for number, destination in enumerate(destinations):
        lines += [f"interface Tunnel{number}", " tunnel source GigabitEthernet1",
                  " tunnel mode ipsec ipv4", f" tunnel destination {destination}"]
    return RouterConfig.from_text("\n".join(lines) + "\n")


def test_the_index_kept_change_by_change_equals_a_rebuild() -> None:
    """Random changes of addresses and destinations over a small pool of addresses (so that
    addresses are shared, taken over and given up), a few routers at a time."""
    pool = [f"192.0.2.{n}" for n in range(1, 9)] + ["10.9.3.1", "not-an-address"]
    rng = random.Random(20261204)
    endpoints: dict[str, Endpoint] = {}
    index = NeighbourIndex(lambda name: endpoints[name])

    def change(name: str) -> None:
        n = int(name[1:])
        address = rng.choice(pool[:8])
        nat = rng.choice([None, None, rng.choice(pool[:8])])
        targets = rng.sample(pool, rng.randrange(0, 4))
        endpoints[name] = Endpoint(name=name, config=_config(n, address, targets),
                                   nat_public_address=nat)

    names = [f"r{n}" for n in range(12)]
    for name in names:
        change(name)
    index.update(names)
    linked = 0
    for _ in range(150):
        touched = rng.sample(names, rng.randrange(1, 4))
        for name in touched:
            change(name)
        index.update(touched)
        outgoing, incoming = NeighbourIndex.rebuilt(endpoints)
        assert index.outgoing == outgoing
        assert index.incoming == incoming
        linked += sum(map(len, outgoing.values()))
    assert linked > 150  # the changes did make links (the comparison is not of empty sets)
