"""Show crypto on lab routers follows the negotiation model as their configs change.

Hub and spokes are written by hand from the guide's examples (a virtual-template hub, static VTI
spokes); expectations come from the guide's rules, not from the code under test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from netmiko import ConnectHandler

from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.parse.runner import parse_output
from tests.lab.helpers import VTI_HUB, netmiko_params, vti_specs

pytestmark = pytest.mark.lab

HUB_WAN = "198.51.100.1"
SPOKE = f"""crypto ikev2 proposal GCM
 encryption aes-gcm-256
 prf sha512
 group 19
crypto ikev2 policy POL
 proposal GCM
crypto ikev2 keyring KR
 peer HUB
  address {HUB_WAN}
  pre-shared-key Hub-Spoke-Key-1
crypto ikev2 profile PROF
 match identity remote address {HUB_WAN} 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec profile VTI
 set ikev2-profile PROF
interface Tunnel0
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination {HUB_WAN}
 tunnel protection ipsec profile VTI
"""
SA = "show crypto ikev2 sa detailed"


@pytest.fixture(scope="module")
def vpn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabFleet]:
    names = ["hub", "s2", "s3", "s4"]
    with LabFleet.start(specs=vti_specs(names), state_dir=tmp_path_factory.mktemp("vpn"),
                        settings=LabSettings(revert_seconds_per_minute=1)) as fleet:
        assert fleet.router("hub").apply_config(VTI_HUB.splitlines()) == []
        for name in names[1:]:
            assert fleet.router(name).apply_config(SPOKE.splitlines()) == []
        yield fleet
        for key in [k for k in _SESSIONS if k[0] == id(fleet)]:
            _SESSIONS.pop(key).disconnect()


@pytest.fixture(autouse=True)
def _baseline(vpn: LabFleet) -> Iterator[None]:
    """Every test starts from the hand-written configs (it may change them)."""
    yield
    for name in vpn.names():
        vpn.router(name).clear_faults()
        vpn.router(name).apply_config(
            ["no crypto ikev2 cts sgt", "no crypto ikev2 fragmentation"])
    vpn.router("s3").apply_config(["crypto ikev2 keyring KR", " peer HUB",
                                   "  pre-shared-key Hub-Spoke-Key-1"])
    vpn.router("s4").apply_config(["crypto ikev2 proposal GCM", " no encryption aes-cbc-128",
                                   " no integrity sha1",
                                   " encryption aes-gcm-256", " prf sha512"])


_SESSIONS: dict[tuple[int, str], ConnectHandler] = {}


def _show(vpn: LabFleet, name: str, command: str = SA) -> str:
    """One SSH session per router for the whole module, as an operator keeps a window open."""
    key = (id(vpn), name)
    if key not in _SESSIONS:
        _SESSIONS[key] = ConnectHandler(**netmiko_params(vpn, name))
    return str(_SESSIONS[key].send_command(command))


def _ready(vpn: LabFleet, name: str) -> dict[str, object]:
    """remote address -> parsed SA record of every READY SA ``name`` shows."""
    result = parse_output(SA, _show(vpn, name))
    assert not result.warnings
    return {r.remote_address: r for r in result.records if r.status == "READY"}


def test_hub_shows_one_ready_sa_per_spoke(vpn: LabFleet) -> None:
    hub = _ready(vpn, "hub")
    assert sorted(hub) == ["198.51.100.2", "198.51.100.3", "198.51.100.4"]
    for record in hub.values():
        assert record.initiator is False
        assert record.encryption == "AES-GCM" and record.keysize == 256
        assert record.fragmentation == "none" and record.sgt == "disabled"
        assert record.nat_t == "not-detected" and record.local_port == 500
    spoke = _ready(vpn, "s2")
    assert list(spoke) == [HUB_WAN]
    assert spoke[HUB_WAN].initiator is True
    text = _show(vpn, "hub")
    assert "Fragmentation not  configured." in text
    assert "Cisco Trust Security SGT is disabled" in text


def test_hub_clones_virtual_access_per_spoke(vpn: LabFleet) -> None:
    brief = _show(vpn, "hub", "show ip interface brief")
    access = [line.split() for line in brief.splitlines() if line.startswith("Virtual-Access")]
    assert [row[0] for row in access] == ["Virtual-Access1", "Virtual-Access2", "Virtual-Access3"]
    assert all(row[1] == "10.0.0.1" and row[-1] == "up" for row in access)  # ip unnumbered Lo0
    derived = _show(vpn, "hub", "show derived-config interface Virtual-Access2")
    assert "interface Virtual-Access2" in derived
    assert " tunnel protection ipsec profile VTI" in derived
    assert " tunnel mode ipsec ipv4" in derived
    assert " tunnel destination 198.51.100." in derived
    missing = _show(vpn, "hub", "show derived-config interface Virtual-Access9")
    assert "% Invalid input detected" in missing
    session = _show(vpn, "s2", "show crypto session detail")
    assert "Interface: Tunnel0" in session and "Session status: UP-ACTIVE" in session
    assert f"Peer: {HUB_WAN} port 500" in session


def test_ikev2_session_shows_one_block_per_sa_in_the_ios_layout(vpn: LabFleet) -> None:
    text = _show(vpn, "s2", "show crypto ikev2 session")
    lines = text.splitlines()
    # IOS: the child SA's continuation lines line up under "local selector" (10 spaces).
    assert lines[0] == " IPv4 Crypto IKEv2 Session"
    assert lines[2] == "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1"
    child = lines.index("Child sa: local selector  198.51.100.2/0 - 198.51.100.2/65535")
    assert lines[child + 1] == "          remote selector 198.51.100.1/0 - 198.51.100.1/65535"
    assert lines[child + 2].startswith("          ESP spi in/out: 0x")
    assert lines[-1] == " IPv6 Crypto IKEv2 Session"
    parsed = parse_output("show crypto ikev2 session", text)
    assert not parsed.warnings
    [session] = parsed.records
    assert session.ike_count == 1 and session.child_count == 1
    assert [sa.remote_address for sa in session.ike_sas] == [HUB_WAN]
    assert session.ike_sas[0].status == "READY"
    hub = parse_output("show crypto ikev2 session", _show(vpn, "hub", "show crypto ikev2 sess"))
    remotes = sorted(c.remote_selector for s in hub.records for c in s.child_sas)
    assert remotes == [f"198.51.100.{n}/0 - 198.51.100.{n}/65535" for n in (2, 3, 4)]
    assert len({s.session_id for s in hub.records}) == 3


def test_psk_mismatch_brings_the_tunnel_down(vpn: LabFleet) -> None:
    with ConnectHandler(**netmiko_params(vpn, "s3")) as conn:
        conn.send_config_set(["crypto ikev2 keyring KR", " peer HUB",
                              "  pre-shared-key Not-The-Hub-Key"])
        shown = conn.send_command(SA)
        brief = conn.send_command("show ip interface brief")
    assert "READY" not in shown
    tunnel = next(line.split() for line in brief.splitlines() if line.startswith("Tunnel0"))
    assert tunnel[-2:] == ["up", "down"]
    assert "198.51.100.3" not in _ready(vpn, "hub")
    assert sorted(_ready(vpn, "hub")) == ["198.51.100.2", "198.51.100.4"]


def test_proposal_mismatch_no_sa(vpn: LabFleet) -> None:
    errors = vpn.router("s4").apply_config(
        ["crypto ikev2 proposal GCM", " no encryption aes-gcm-256", " no prf sha512",
         " encryption aes-cbc-128", " integrity sha1"])
    assert errors == []
    assert _ready(vpn, "s4") == {}
    assert "198.51.100.4" not in _ready(vpn, "hub")


def test_sgt_needs_both_ends(vpn: LabFleet) -> None:
    vpn.router("s2").apply_config(["crypto ikev2 cts sgt"])
    one_end = _ready(vpn, "s2")[HUB_WAN]
    assert one_end.sgt == "disabled"  # the SA still comes up, without the CMD header
    assert _ready(vpn, "hub")["198.51.100.2"].sgt == "disabled"
    vpn.router("hub").apply_config(["crypto ikev2 cts sgt"])
    assert _ready(vpn, "s2")[HUB_WAN].sgt == "enabled"
    hub = _ready(vpn, "hub")
    assert hub["198.51.100.2"].sgt == "enabled"
    assert hub["198.51.100.3"].sgt == "disabled"  # s3 did not ask for SGT
    assert "Cisco Trust Security SGT is enabled" in _show(vpn, "hub")


def test_fragmentation_follows_the_rfc7383_table(vpn: LabFleet) -> None:
    vpn.router("s2").apply_config(["crypto ikev2 fragmentation mtu 1400"])
    assert _ready(vpn, "s2")[HUB_WAN].fragmentation == "none"  # IETF vs NONE -> NONE
    vpn.router("hub").apply_config(["crypto ikev2 fragmentation mtu 1400"])
    record = _ready(vpn, "s2")[HUB_WAN]
    assert record.fragmentation == "ietf"
    assert record.fragmentation_mtu == 1372  # 1400 - 20 (IPv4) - 8 (UDP)
    text = _show(vpn, "s2")
    assert "IETF Std Fragmentation  enabled." in text
    assert "IETF Std Fragmentation MTU in use: 1372 bytes." in text


def test_peer_down_fault_removes_sas_on_both_ends(vpn: LabFleet) -> None:
    vpn.router("s2").set_fault("peer-down", "hub")
    assert _ready(vpn, "s2") == {}
    assert sorted(_ready(vpn, "hub")) == ["198.51.100.3", "198.51.100.4"]
    vpn.router("hub").set_fault("peer-down")  # every peer of the hub
    assert _ready(vpn, "hub") == {}
    assert _ready(vpn, "s3") == {}
    vpn.router("hub").clear_faults()
    vpn.router("s2").clear_faults()
    assert sorted(_ready(vpn, "hub")) == ["198.51.100.2", "198.51.100.3", "198.51.100.4"]


def test_a_spoke_learning_its_wan_address_by_dhcp_comes_up_with_its_lease(
        vpn: LabFleet) -> None:
    # A router sourcing its tunnel from an ``ip address dhcp`` port brings the SA up with the
    # address it was given, and its peer sees that address (real: the Azure CSRs of
    # tests/fixtures/real/gh-fabferri-vwan-csr164-svti, DHCP GigabitEthernet1, sessions
    # UP-ACTIVE). The lab's leases come from 100.64.0.0/10.
    import ipaddress

    pool = ipaddress.IPv4Network("100.64.0.0/10")
    s4 = vpn.router("s4")
    assert s4.apply_config(["interface GigabitEthernet1", " ip address dhcp"]) == []
    try:
        brief = [line.split() for line in _show(vpn, "s4", "show ip interface brief")
                 .splitlines() if line.startswith("GigabitEthernet1 ")]
        assert len(brief) == 1 and brief[0][3] == "DHCP"
        lease = brief[0][1]
        assert ipaddress.IPv4Address(lease) in pool
        spoke = _ready(vpn, "s4")
        assert list(spoke) == [HUB_WAN]
        assert spoke[HUB_WAN].local_address == lease  # type: ignore[attr-defined]
        hub = _ready(vpn, "hub")
        assert sorted(hub) == sorted(["198.51.100.2", "198.51.100.3", lease])
        # the same lease again after another change of the spoke
        assert s4.apply_config(["interface Loopback9", " description dhcp lease"]) == []
        assert list(_ready(vpn, "s4")) == [HUB_WAN]
        assert _ready(vpn, "s4")[HUB_WAN].local_address == lease  # type: ignore[attr-defined]
    finally:
        s4.apply_config(["no interface Loopback9", "interface GigabitEthernet1",
                         " ip address 198.51.100.4 255.255.255.0"])
    assert sorted(_ready(vpn, "hub")) == ["198.51.100.2", "198.51.100.3", "198.51.100.4"]
