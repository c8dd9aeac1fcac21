"""Config mode for lines IOL 15.2/15.4 routers print that the lab did not know: the named EIGRP
service family (SAF), a named topology's ``default-information``, the older ``ip domain-list``,
the SSH server's user authentication methods and ``vlan ifdescr detail``.

Every line is typed by hand from the corpus config named in the test (tests/fixtures/real) or
the Cisco command reference named beside the grammar row.
"""

from __future__ import annotations

from flexorch.ios.config import apply_lines
from flexorch.ios.config.tree import ConfigTree
from tests.ios.test_engine_families import _shown, _tree

_EIGRP = ["router eigrp E", " address-family ipv4 unicast autonomous-system 1",
          "  af-interface default", "   passive-interface", "  exit-af-interface",
          "  topology base", "  exit-af-topology", "  eigrp router-id 0.0.0.16",
          " exit-address-family"]


def test_named_eigrp_service_family_is_a_block_after_the_address_families() -> None:
    # gh-rain360z-otus-lab08-eigrp-named-saf-iol152/r16.cfg (IOL 15.2).
    tree = _tree([*_EIGRP, " service-family ipv4 autonomous-system 1", "  topology base",
                  "  exit-sf-topology", " exit-service-family"])
    shown = [line.strip() for line in _shown(tree)]
    assert "service-family ipv4 autonomous-system 1" in shown
    # the family's topology is its own block, after the address family's
    family = shown.index("service-family ipv4 autonomous-system 1")
    assert shown[family + 1] == "topology base"
    assert shown.index("address-family ipv4 unicast autonomous-system 1") < family


def test_service_family_interfaces_take_their_own_commands() -> None:
    # EIGRP Command Reference ("sf-interface"): per-interface SAF settings.
    tree = _tree(["router eigrp E", " service-family ipv4 autonomous-system 1",
                  "  sf-interface Ethernet0/0", "   hello-interval 10", "   hold-time 30",
                  "  exit-sf-interface", "  eigrp stub connected", " exit-service-family"])
    shown = [line.strip() for line in _shown(tree)]
    assert "sf-interface Ethernet0/0" in shown and "hello-interval 10" in shown
    # the interface's timers are checked (1-65535 seconds)
    assert apply_lines(tree, ["router eigrp E", " service-family ipv4 autonomous-system 1",
                              "  sf-interface Ethernet0/0", "   hello-interval 0"]) != []


def test_named_topology_default_information_out_is_stored_in_its_no_form() -> None:
    # gh-alxblv-otus-lab08-eigrp-named-subifs-iol154/r16.cfg (IOL 15.4): allowed by default.
    tree = _tree(["router eigrp SPB-EIGRP", " address-family ipv4 unicast autonomous-system 2042",
                  "  topology base", "   no default-information out", "  exit-af-topology"])
    assert "   no default-information out" in _shown(tree)
    # typing the default back removes the line
    apply_lines(tree, ["router eigrp SPB-EIGRP",
                       " address-family ipv4 unicast autonomous-system 2042",
                       "  topology base", "   default-information out"])
    assert not any("default-information" in line for line in _shown(tree))


def test_ip_domain_list_entries_accumulate() -> None:
    # gh-rain360z-otus-lab03-dhcp-domain-list-iol152/r10.cfg (IOL 15.2).
    tree = _tree(["ip domain-list STATEFUL2.com", "ip domain-list example.net"])
    shown = _shown(tree)
    assert "ip domain-list STATEFUL2.com" in shown and "ip domain-list example.net" in shown


def test_ssh_server_user_authentication_methods_are_on_by_default() -> None:
    # gh-teo468g-otus-lab12-nat-ntp-iol154/r19.cfg (IOL 15.4): only the 'no' form is shown.
    tree = _tree(["no ip ssh server authenticate user publickey"])
    assert "no ip ssh server authenticate user publickey" in _shown(tree)
    tree = _tree(["ip ssh server authenticate user password"])
    assert not any("authenticate" in line for line in _shown(tree))
    assert apply_lines(ConfigTree(), ["ip ssh server authenticate user certificate"]) != []


def test_vlan_ifdescr_detail() -> None:
    # gh-mcdemon05-otus-lab01-roas-iol154/r1.cfg (IOL 15.4).
    assert "vlan ifdescr detail" in _shown(_tree(["vlan ifdescr detail"]))


def test_object_group_service_names_routing_and_multicast_protocols() -> None:
    # Security Command Reference, "object-group service": pim, igmp, ospf, eigrp are protocol
    # keywords of a service group as esp and gre are.
    tree = _tree(["object-group service MCAST", " pim", " igmp", " ospf", " eigrp", " esp"])
    shown = _shown(tree)
    for proto in ("pim", "igmp", "ospf", "eigrp", "esp"):
        assert f" {proto}" in shown, proto
    assert apply_lines(tree, ["object-group service MCAST", " rsvp-te"]) != []


def test_domain_lookup_source_interface_per_vrf() -> None:
    # IP Addressing Services Command Reference, "ip domain lookup": one source per VRF, each a
    # setting of its own.
    tree = _tree(["ip domain lookup source-interface Loopback100",
                  "ip domain lookup vrf PROD source-interface Loopback200",
                  "ip domain lookup vrf PROD source-interface Loopback201"])
    shown = [line for line in _shown(tree) if line.startswith("ip domain lookup")]
    assert sorted(shown) == ["ip domain lookup source-interface Loopback100",
                             "ip domain lookup vrf PROD source-interface Loopback201"]
