"""Import of what real fleets have beyond the corpus: route sets from extended and IPv6 access
lists, tunnels to routers outside the import (cloud gateways) declared as external peers, IPv6
address identities (one address, a prefix) and positive config-exchange lines.

The hand-written fleets of tests/importer/configs also run through the corpus round trip and the
lab rehearsal; here, what import writes for them is checked against values typed from their
configs, and lint (with its negotiation of every tunnel) finds no error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from flexorch.importer.run import Options, import_files
from flexorch.intent import load_fleet
from flexorch.intent.ikev2 import RemoteIdentity
from flexorch.lint import lint_fleet
from flexorch.plan.remediate import remediate
from flexorch.render import render_full, render_host

ROOT = Path(__file__).resolve().parents[2]
FLEET = ROOT / "tests/importer/configs/hub-routes-cloud"
V6 = ROOT / "tests/importer/configs/ipv6-identities"


def _hosts(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((out / "hosts.yaml").read_text(encoding="utf-8"))
    return loaded


def _import(tmp_path: Path, *files: Path) -> tuple[Any, dict[str, Any]]:
    result = import_files(list(files), Options(tmp_path / "fleet"))
    assert result.unexpressed == []
    assert result.written
    return result, _hosts(tmp_path / "fleet")


def test_route_sets_from_extended_and_ipv6_lists_are_typed(tmp_path: Path) -> None:
    _, hosts = _import(tmp_path, *sorted(FLEET.glob("*.cfg")))
    hub = hosts["HQ-HUB1"]["data"]
    assert hub["ikev2_authorization_policies"]["FLEX-AUTHZ"] == {
        "route_set_interface": True, "route_set_access_list": "FLEX-ROUTES",
        "route_set_access_list_ipv6": "FLEX-ROUTES-V6"}
    assert hub["extended_access_lists"] == {"FLEX-ROUTES": {"entries": [
        {"source": "10.10.0.0/16", "seq": 10}, {"source": "10.0.0.1/32", "seq": 20}]}}
    assert hub["ipv6_access_lists"] == {"FLEX-ROUTES-V6": {"entries": [
        {"source": "2001:db8:10::/48", "seq": 20}, {"source": "2001:db8:ffff::1/128"}]}}


def test_a_tunnel_to_a_cloud_gateway_becomes_an_external_peer(tmp_path: Path) -> None:
    _, hosts = _import(tmp_path, *sorted(FLEET.glob("*.cfg")))
    spoke = hosts["BR-SPOKE1"]["data"]
    assert spoke["tunnels"]["Tunnel10"]["peer"] == "AZURE-VNG"
    assert "destination" not in spoke["tunnels"]["Tunnel10"]
    peer = spoke["external_peers"]["AZURE-VNG"]
    assert peer["pre_shared_key"] == spoke["ikev2_keyrings"]["AZURE-KR"]["peers"]["AZURE-VNG"][
        "pre_shared_key"]
    assert {k: v for k, v in peer.items() if k != "pre_shared_key"} == {
        "description": "imported: far end of BR-SPOKE1 Tunnel10", "address": "20.30.40.50",
        "authentication": "pre-share",
        # the branch's first proposal (FLEX-POL lists FLEX-PROP first) and the tunnel's own
        # transform set: what the branch offers, so the far end as declared accepts it
        "proposal": {"encryption": ["aes-gcm-256"], "prf": ["sha384"], "group": [19]},
        "transform_set": {"esp_encryption": "esp-aes 256", "esp_integrity": "esp-sha256-hmac"}}
    fleet = load_fleet(tmp_path / "fleet")
    report = lint_fleet(fleet)
    assert [(f.rule, f.host, f.message) for f in report.findings if f.severity == "error"] == []
    assert report.sessions == 2  # branch -> hub, branch -> the gateway


def test_the_whole_fleet_renders_back_and_lints_without_errors(tmp_path: Path) -> None:
    result, _ = _import(tmp_path, *sorted(FLEET.glob("*.cfg")))
    fleet = load_fleet(tmp_path / "fleet")
    for name, host in result.hosts.items():
        text = Path(host["source"]).read_text(encoding="utf-8")
        assert remediate(text, render_host(fleet, name)).lines == (), name
    assert result.warnings == []


UNSEQUENCED = """\
version 15.4
hostname old-hub
crypto ikev2 authorization policy AUTHZ
 route set access-list ROUTES
crypto ikev2 keyring K
 peer any
  address 0.0.0.0 0.0.0.0
  pre-shared-key Long-Enough-Key-123
crypto ikev2 profile PROF
 match identity remote any
 authentication remote pre-share
 authentication local pre-share
 keyring local K
 aaa authorization group psk list default AUTHZ
 virtual-template 1
crypto ipsec profile IPS
 set ikev2-profile PROF
interface Virtual-Template1 type tunnel
 ip unnumbered Ethernet0/0
 tunnel source Ethernet0/0
 tunnel protection ipsec profile IPS
interface Ethernet0/0
 ip address 192.0.2.1 255.255.255.0
ip access-list extended ROUTES
 permit ip 10.1.0.0 0.0.255.255 any
 deny   ip any any
"""


def test_an_ios15_list_without_sequence_numbers_keeps_its_route_set_verbatim(
        tmp_path: Path) -> None:
    """IOS 15 shows named-list entries without numbers; the templates render them, so the list
    is left to the router and the route set line kept as it is."""
    config = tmp_path / "old-hub.cfg"
    config.write_text(UNSEQUENCED, encoding="utf-8")
    result, hosts = _import(tmp_path, config)
    policy = hosts["old-hub"]["data"]["ikev2_authorization_policies"]["AUTHZ"]
    assert policy == {"extra_lines": ["route set access-list ROUTES"]}
    assert "extended_access_lists" not in hosts["old-hub"]["data"]
    assert f"{config}: crypto ikev2 authorization policy AUTHZ: 'route set access-list ROUTES' " \
           "kept verbatim: the list is not written (entries the intent has no shape for)" \
           in result.warnings
    assert f"{config}: 'ip access-list extended ROUTES' is not written: 'permit ip 10.1.0.0 " \
           "0.0.255.255 any' has no shape in the intent (ports, log, a remark, another " \
           "protocol, or a list shown without sequence numbers); plan leaves the list as it " \
           "is" in result.warnings


def _spoke(name: str, address: str, local_key: str, remote_key: str) -> str:
    return f"""\
version 17.3
hostname {name}
crypto ikev2 keyring GW
 peer gateway
  address 20.30.40.50
  pre-shared-key local {local_key}
  pre-shared-key remote {remote_key}
crypto ikev2 profile GW
 match identity remote address 20.30.40.50 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local GW
crypto ipsec profile GW
 set ikev2-profile GW
interface Tunnel1
 ip address 169.254.0.{address} 255.255.255.252
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 20.30.40.50
 tunnel protection ipsec profile GW
interface GigabitEthernet1
 ip address 203.0.113.{address} 255.255.255.0
"""


def test_a_far_end_that_cannot_be_declared_stays_a_destination_with_a_reason(
        tmp_path: Path) -> None:
    """Different local and remote keys (an external peer holds one key), and a second router
    needing the same gateway with another key (one external peer is one router): the tunnel
    keeps its destination, the rendering is the router's, and the warning names the file and
    line."""
    split = tmp_path / "split.cfg"
    split.write_text(_spoke("split", "1", "Key-Sent-0001", "Key-Got-00001"), encoding="utf-8")
    first = tmp_path / "first.cfg"
    first.write_text(_spoke("first", "5", "Key-One-00001", "Key-One-00001"), encoding="utf-8")
    second = tmp_path / "second.cfg"
    second.write_text(_spoke("second", "9", "Key-Two-00002", "Key-Two-00002"), encoding="utf-8")
    result, hosts = _import(tmp_path, split, first, second)
    assert hosts["first"]["data"]["tunnels"]["Tunnel1"]["peer"] == "gateway"
    assert hosts["split"]["data"]["tunnels"]["Tunnel1"]["destination"] == "20.30.40.50"
    assert hosts["second"]["data"]["tunnels"]["Tunnel1"]["destination"] == "20.30.40.50"
    assert "external_peers" not in hosts["split"]["data"]
    assert sorted(w for w in result.warnings if "external peer" in w) == [
        f"{second}: interface Tunnel1: 'tunnel destination 20.30.40.50': not declared as an "
        "external peer (first needs 20.30.40.50 declared with other settings (another key or "
        "identity): one external peer is one router); lint reports the tunnel (FV502)",
        f"{split}: interface Tunnel1: 'tunnel destination 20.30.40.50': not declared as an "
        "external peer (the local and remote pre-shared keys differ (an external peer holds "
        "one key)); lint reports the tunnel (FV502)",
    ]


def test_ipv6_identities_are_typed_and_positive_config_exchange_lines_are_the_default(
        tmp_path: Path) -> None:
    result, hosts = _import(tmp_path, *sorted(V6.glob("*.cfg")))
    hub = hosts["V6-HUB"]["data"]["ikev2_profiles"]["V6-PROF"]
    branch = hosts["V6-BRANCH"]["data"]["ikev2_profiles"]["V6-PROF"]
    assert hub["identity_local"] == {"type": "address", "value": "2001:DB8:10::1"}
    assert hub["match"] == {"identity_remote": [{"type": "address",
                                                 "value": "2001:DB8:20::/48"}]}
    assert branch["identity_local"] == {"type": "address", "value": "2001:DB8:20::10"}
    assert branch["match"] == {"identity_remote": [{"type": "address",
                                                    "value": "2001:DB8:10::1"}]}
    # `config-exchange request|set send|set accept` are IOS's defaults: imported as unset
    assert not [k for k in branch if k.startswith("config_exchange")]
    assert hub["config_exchange_set_accept"] is False
    assert "extra_lines" not in hub and "extra_lines" not in branch
    assert hosts["V6-BRANCH"]["data"]["tunnels"]["Tunnel6"]["peer"] == "V6-HUB"
    report = lint_fleet(load_fleet(tmp_path / "fleet"))
    assert [(f.rule, f.message) for f in report.findings if f.severity == "error"] == []
    assert report.sessions == 1
    assert result.warnings == []


@pytest.mark.parametrize(("value", "stored"), [
    ("2001:db8:20::/48", "2001:DB8:20::/48"),
    ("2001:db8:10::1/128", "2001:DB8:10::1"),
    ("2001:db8:10::1", "2001:DB8:10::1"),
])
def test_a_remote_address_identity_takes_an_ipv6_prefix(value: str, stored: str) -> None:
    assert RemoteIdentity(type="address", value=value).value == stored


@pytest.mark.parametrize("value", ["10.0.0.0/8", "2001:db8::1/48"])
def test_an_ipv4_range_or_a_prefix_with_host_bits_is_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        RemoteIdentity(type="address", value=value)


def test_a_router_on_dhcp_matching_its_wan_by_name_declares_its_far_end(tmp_path: Path) -> None:
    """A profile matching the local address of an interface whose address is learned by DHCP
    (``match address local interface GigabitEthernet1``, ``ip address dhcp``: the corpus's
    Azure CSRs, tests/fixtures/real/gh-fabferri-vwan-csr164-svti/csr1.cfg, whose tunnels the
    capture shows UP-ACTIVE). The profile covers the learned address, so the tunnel comes up
    with the far end declared as an external peer, and lint finds no error."""
    cloud = tmp_path / "cloud.cfg"
    cloud.write_text(_spoke("cloud", "3", "Key-Cloud-0001", "Key-Cloud-0001").replace(
        " ip address 203.0.113.3 255.255.255.0",
        " ip address dhcp client-id GigabitEthernet1").replace(
        "crypto ikev2 profile GW\n", "crypto ikev2 profile GW\n match address local interface "
        "GigabitEthernet1\n"), encoding="utf-8")
    result, hosts = _import(tmp_path, cloud)
    data = hosts["cloud"]["data"]
    assert data["interfaces"]["GigabitEthernet1"]["ip_dhcp"] is True
    assert data["interfaces"]["GigabitEthernet1"]["dhcp_client_id"] == "GigabitEthernet1"
    assert "extra_lines" not in data["interfaces"]["GigabitEthernet1"]
    full = render_full(load_fleet(tmp_path / "fleet"), "cloud", reveal=False)
    assert "interface GigabitEthernet1\n ip address dhcp client-id GigabitEthernet1\n" in full
    [(name, peer)] = data["external_peers"].items()
    assert data["tunnels"]["Tunnel1"]["peer"] == name
    assert "destination" not in data["tunnels"]["Tunnel1"]
    assert peer["address"] == "20.30.40.50"
    assert not [w for w in result.warnings if "external peer" in w]
    report = lint_fleet(load_fleet(tmp_path / "fleet"))
    assert [(f.rule, f.host, f.message) for f in report.findings if f.severity == "error"] == []
    assert report.sessions == 1


def test_a_router_imported_without_its_peer_declares_it_with_certificates(
        tmp_path: Path) -> None:
    """One router of a corpus pair imported alone: its peer (the other router) is outside the
    import. The profile authenticates both ways with rsa-sig and matches ``address 0.0.0.0``
    (any IPv4 address: the peer presents its own address), the proposal and transform set are
    the router's (tests/fixtures/real/gh-testoffsurf-hw13-gre-ipsec-pki/r15.cfg lines 114-135,
    157)."""
    source = ROOT / "tests/fixtures/real/gh-testoffsurf-hw13-gre-ipsec-pki/r15.cfg"
    _, hosts = _import(tmp_path, source)
    data = hosts["R15"]["data"]
    assert data["tunnels"]["Tunnel0"]["peer"] == "ext-100.0.0.10"
    assert data["external_peers"] == {"ext-100.0.0.10": {
        "description": "imported: far end of R15 Tunnel0", "address": "100.0.0.10",
        "authentication": "rsa-sig",
        "proposal": {"encryption": ["aes-cbc-256"], "integrity": ["sha256"], "group": [19]},
        "transform_set": {"esp_encryption": "esp-aes", "esp_integrity": "esp-sha256-hmac",
                          "mode": "transport"}}}
    report = lint_fleet(load_fleet(tmp_path / "fleet"))
    assert [(f.rule, f.message) for f in report.findings if f.severity == "error"] == []
    assert report.sessions == 1


CLIENT = """\
version 17.3
hostname BR-CLIENT7
crypto ikev2 keyring FLEX-KR
 peer HUBS
  address 0.0.0.0 0.0.0.0
  pre-shared-key Br4nch-Fl3x-K3y-2026!
crypto ikev2 profile FLEX-PROF
 match identity remote fqdn domain corp.example.com
 identity local fqdn br-client7.corp.example.com
 authentication remote pre-share
 authentication local pre-share
 keyring local FLEX-KR
crypto ipsec profile FLEX-IPSEC
 set ikev2-profile FLEX-PROF
crypto ikev2 client flexvpn FLEX-CLIENT
  peer 1 198.51.100.1
  peer 2 198.51.100.2
  client connect Tunnel0
interface Tunnel0
 ip address negotiated
 tunnel source GigabitEthernet1
 tunnel destination dynamic
 tunnel protection ipsec profile FLEX-IPSEC
interface GigabitEthernet1
 ip address 203.0.113.70 255.255.255.0
"""


def test_a_flexvpn_client_imported_without_its_hubs_declares_both(tmp_path: Path) -> None:
    """A FlexVPN client dials its ``peer N`` addresses in turn (its tunnel's destination is
    dynamic); imported alone, both hubs are declared, named by address (the keyring peer is a
    wildcard, not theirs), presenting the domain its profile matches."""
    config = tmp_path / "client.cfg"
    config.write_text(CLIENT, encoding="utf-8")
    _, hosts = _import(tmp_path, config)
    peers = hosts["BR-CLIENT7"]["data"]["external_peers"]
    assert sorted(peers) == ["ext-198.51.100.1", "ext-198.51.100.2"]
    assert peers["ext-198.51.100.2"]["identity"] == {"type": "fqdn",
                                                      "value": "corp.example.com"}
    assert peers["ext-198.51.100.2"]["address"] == "198.51.100.2"
    report = lint_fleet(load_fleet(tmp_path / "fleet"))
    assert [(f.rule, f.message) for f in report.findings if f.severity == "error"] == []


def test_branches_sharing_a_gateway_and_its_key_share_one_declaration(tmp_path: Path) -> None:
    """Two branches with tunnels (of different names) to one gateway, same key and settings:
    one external peer, declared alike on both (lint: one name is one router, FV515)."""
    one = tmp_path / "one.cfg"
    one.write_text(_spoke("one", "5", "Key-Shared-001", "Key-Shared-001"), encoding="utf-8")
    two = tmp_path / "two.cfg"
    two.write_text(_spoke("two", "9", "Key-Shared-001", "Key-Shared-001").replace(
        "Tunnel1", "Tunnel7"), encoding="utf-8")
    result, _ = _import(tmp_path, one, two)
    fleet = load_fleet(tmp_path / "fleet")
    assert fleet.hosts["one"].external_peers == fleet.hosts["two"].external_peers
    assert list(fleet.hosts["two"].external_peers) == ["gateway"]
    assert fleet.hosts["two"].external_peers["gateway"].description == \
        "imported: far end of one Tunnel1"
    assert fleet.hosts["two"].tunnels["Tunnel7"].peer == "gateway"
    assert [w for w in result.warnings if "external peer" in w] == []
    report = lint_fleet(fleet)
    assert [(f.rule, f.message) for f in report.findings if f.severity == "error"] == []
