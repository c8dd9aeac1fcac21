from __future__ import annotations

import pytest

from flexorch.ios.facts import interface_canonical, interface_sort_key


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        ("g1", "GigabitEthernet1"),
        ("Gi0/0/1", "GigabitEthernet0/0/1"),
        ("tunnel1", "Tunnel1"),
        ("Tu100", "Tunnel100"),
        ("loopback1", "Loopback1"),
        ("virtual-template1", "Virtual-Template1"),
        ("Virtual-Template 2", "Virtual-Template2"),
        ("te0/1/0", "TenGigabitEthernet0/1/0"),
        ("Virtual-Access3", "Virtual-Access3"),
    ],
)
def test_interface_canonical(given: str, canonical: str) -> None:
    assert interface_canonical(given) == canonical


@pytest.mark.parametrize("bad", ["t0", "xyz1", "tunnel", "1", "g1;reload"])
def test_interface_canonical_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        interface_canonical(bad)


def test_interfaces_sort_in_ios_order() -> None:
    names = [
        "Virtual-Template1",
        "GigabitEthernet2",
        "Tunnel10",
        "Loopback0",
        "Tunnel2",
        "GigabitEthernet1",
    ]
    assert sorted(names, key=interface_sort_key) == [
        "Loopback0",
        "Tunnel2",
        "Tunnel10",
        "GigabitEthernet1",
        "GigabitEthernet2",
        "Virtual-Template1",
    ]
