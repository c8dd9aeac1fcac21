"""Config mode for Flexible NetFlow samplers on interfaces and OSPFv3 LSA/redistribution limits.

Typed by hand from the Cisco command references named beside the grammar rows (Flexible NetFlow
Command Reference: "sampler", "ip flow monitor", "ipv6 flow monitor", "datalink flow monitor";
OSPFv3 Command Reference: "max-lsa", "redistribute maximum-prefix") and the lines of
genieparser's real IOS XE outputs quoted there.
"""

from __future__ import annotations

from flexorch.ios.config import apply_lines
from flexorch.ios.config.tree import ConfigTree
from tests.ios.test_engine_families import _shown, _tree


def test_interface_flow_monitors_take_a_sampler() -> None:
    tree = _tree(["sampler fnf_sampler", " mode random 1 out-of 100",
                  "interface GigabitEthernet1",
                  " ip flow monitor m4in sampler fnf_sampler input",
                  " ip flow monitor m4out sampler fnf_sampler output",
                  " ipv6 flow monitor v6in sampler fnf_sampler input",
                  " datalink flow monitor l2in sampler fnf_sampler input"])
    shown = _shown(tree)
    for line in (" ip flow monitor m4in sampler fnf_sampler input",
                 " ip flow monitor m4out sampler fnf_sampler output",
                 " ipv6 flow monitor v6in sampler fnf_sampler input",
                 " datalink flow monitor l2in sampler fnf_sampler input"):
        assert line in shown, line
    assert "sampler fnf_sampler" in shown and " mode random 1 out-of 100" in shown


def test_a_monitor_attached_again_in_a_direction_replaces_its_line() -> None:
    tree = _tree(["interface GigabitEthernet1", " ip flow monitor m4in input",
                  " ip flow monitor m4in sampler s1 input", " ip flow monitor other input"])
    shown = [line for line in _shown(tree) if "flow monitor" in line]
    assert sorted(shown) == [" ip flow monitor m4in sampler s1 input",
                             " ip flow monitor other input"]


def test_sampler_rate_is_checked() -> None:
    assert apply_lines(ConfigTree(), ["sampler s1", " mode random 1 out-of 1"]) != []


def test_ospfv3_max_lsa_and_redistribution_cap() -> None:
    tree = _tree(["router ospfv3 5", " max-lsa 3300 ignore-time 34 reset-time 22 ignore-count 98",
                  " address-family ipv6 unicast",
                  "  redistribute maximum-prefix 10101 warning-only",
                  "  redistribute connected", "  max-lsa 200 ignore-count 2",
                  " exit-address-family"])
    shown = [line.strip() for line in _shown(tree)]
    for line in ("max-lsa 3300 ignore-time 34 reset-time 22 ignore-count 98",
                 "redistribute maximum-prefix 10101 warning-only", "max-lsa 200 ignore-count 2"):
        assert line in shown, line
