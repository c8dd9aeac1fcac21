"""VRFs in both of IOS's forms: ``vrf definition`` and the older ``ip vrf`` (IPv4 only, its
interfaces say ``ip vrf forwarding``; IOS 15 configs in the corpus use it:
tests/fixtures/real/gh-skydevil-final-dmvpn-dualcloud/cisco-spoke5.cfg). Import keeps the form,
so the rendering is the router's config and predictions see the VRF the tunnel uses."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from flexorch.importer.run import Options, import_files
from flexorch.intent import load_fleet
from flexorch.intent.fleet import Fleet
from flexorch.intent.interfaces import Vrf
from flexorch.plan.remediate import remediate
from flexorch.render import render_full, render_host

CONFIG = """\
hostname edge-9
ip vrf WAN2
 description second ISP
 rd 65000:2
vrf definition MODERN
 address-family ipv4
 exit-address-family
crypto ikev2 keyring K
 peer hub
  address 192.0.2.1
  pre-shared-key Long-Enough-Key-123
crypto ikev2 profile PROF
 match fvrf WAN2
 match identity remote address 192.0.2.1 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local K
crypto ipsec profile IPS
 set ikev2-profile PROF
interface Tunnel1
 ip address 10.9.9.2 255.255.255.252
 tunnel source Ethernet0/1
 tunnel mode ipsec ipv4
 tunnel destination 192.0.2.1
 tunnel vrf WAN2
 tunnel protection ipsec profile IPS
interface Tunnel2
 ip address 10.9.8.2 255.255.255.252
 tunnel source Ethernet0/2
 tunnel mode ipsec ipv4
 tunnel destination 192.0.2.1
 tunnel vrf MODERN
 tunnel protection ipsec profile IPS
interface Ethernet0/1
 ip vrf forwarding WAN2
 ip address 198.51.100.2 255.255.255.0
interface Ethernet0/2
 ip vrf forwarding MODERN
 ip address 203.0.113.2 255.255.255.0
"""


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    config = tmp_path / "edge-9.cfg"
    config.write_text(CONFIG, encoding="utf-8")
    assert import_files([config], Options(tmp_path / "fleet")).written
    return tmp_path / "fleet"


def test_the_legacy_form_is_kept(imported: Path) -> None:
    host = load_fleet(imported).hosts["edge-9"]
    assert host.vrfs["WAN2"] == Vrf(description="second ISP", rd="65000:2", legacy=True)
    assert host.vrfs["MODERN"] == Vrf()
    assert host.interfaces["Ethernet0/1"].vrf == "WAN2"
    full = render_full(load_fleet(imported), "edge-9", reveal=False)
    assert "ip vrf WAN2\n description second ISP\n rd 65000:2\n!\n" in full
    assert "interface Ethernet0/1\n ip vrf forwarding WAN2\n ip address 198.51.100.2" in full


def test_ip_vrf_forwarding_to_a_vrf_definition_stays_as_written(imported: Path) -> None:
    # IOS refuses that form for a multi-protocol VRF; whatever the router shows is kept verbatim
    interface = load_fleet(imported).hosts["edge-9"].interfaces["Ethernet0/2"]
    assert (interface.vrf, interface.extra_lines) == (None, ["ip vrf forwarding MODERN"])


def test_plan_has_nothing_to_change(imported: Path) -> None:
    intended = render_host(load_fleet(imported), "edge-9")
    assert remediate(CONFIG, intended).lines == ()


def test_a_legacy_vrf_has_no_ipv6() -> None:
    with pytest.raises(ValidationError, match="legacy VRF"):
        Vrf(legacy=True, ipv6=True)


def _import_real(tmp_path: Path, source: str, file: str) -> tuple[Fleet, str]:
    """One real corpus config imported alone: the fleet and its one host's name."""
    config = tmp_path / file
    config.write_bytes((Path(__file__).resolve().parents[1] / "fixtures" / "real" / source /
                        file).read_bytes())
    assert import_files([config], Options(tmp_path / "fleet")).written
    fleet = load_fleet(tmp_path / "fleet")
    (name,) = fleet.hosts
    return fleet, name


def test_an_interface_on_dhcp_is_imported_as_such(tmp_path: Path) -> None:
    # A real CSR1000v 16.4 in Azure: its WAN (the tunnels' source) on DHCP
    # (tests/fixtures/real/gh-fabferri-vwan-csr164-svti/csr1.cfg, lines 210-214)
    fleet, name = _import_real(tmp_path, "gh-fabferri-vwan-csr164-svti", "csr1.cfg")
    interface = fleet.hosts[name].interfaces["GigabitEthernet1"]
    assert interface.ip_dhcp and interface.ipv4 is None
    assert interface.extra_lines == ["negotiation auto"]
    full = render_full(fleet, name, reveal=False)
    assert "interface GigabitEthernet1\n ip address dhcp\n" in full
    assert "interface GigabitEthernet1\n no ip address" not in full


def test_an_interface_learning_ipv6_is_imported_as_such(tmp_path: Path) -> None:
    # The IOSv 15.9 DMVPN spoke BR4 over an IPv6 underlay: its WAN learns its IPv6 address by
    # DHCPv6 and SLAAC with a default route (tests/fixtures/real/gh-jakubkkk12-cml-troubleshoot-
    # dmvpn04-ipv6-underlay/br4.cfg, lines 100-107: "ipv6 address dhcp", "ipv6 address
    # autoconfig default", "ipv6 enable")
    fleet, name = _import_real(
        tmp_path, "gh-jakubkkk12-cml-troubleshoot-dmvpn04-ipv6-underlay", "br4.cfg")
    interface = fleet.hosts[name].interfaces["GigabitEthernet0/0"]
    assert (interface.ipv6_dhcp, interface.ipv6_autoconfig, interface.ipv6_autoconfig_default,
            interface.ipv6_enable, interface.ipv6) == (True, True, True, True, [])
    assert interface.extra_lines == ["duplex auto", "speed auto", "media-type rj45"]
    full = render_full(fleet, name, reveal=False)
    assert ("interface GigabitEthernet0/0\n no ip address\n ipv6 address dhcp\n"
            " ipv6 address autoconfig default\n ipv6 enable\n") in full
