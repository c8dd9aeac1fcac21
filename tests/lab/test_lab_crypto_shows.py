"""``show crypto ikev2 profile``, ``show crypto ipsec sa [detail]``, ``show crypto ikev2 stats`` and
``show crypto ipsec profile`` on lab routers with established tunnels, read back by flexorch's
own parsers.

The configs are written here by hand (a virtual-template hub, two static-VTI spokes); every
expected value is typed from those configs, not taken from the code under test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from netmiko import ConnectHandler

from flexorch.lab import cryptoshows
from flexorch.lab.execgrammar import MatchError, match_line
from flexorch.lab.fleet import LabFleet
from flexorch.parse import Ikev2Profile, Ikev2Stats, IpsecProfile, IpsecSaFlow
from flexorch.parse.runner import parse_output
from tests.lab.helpers import VTI_HUB, netmiko_params, vti_specs

pytestmark = pytest.mark.lab

HUB_WAN = "198.51.100.1"
IPSEC = """crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec profile VTI
 set transform-set TS
 set pfs group19
 set security-association lifetime seconds 1800
 set ikev2-profile PROF
"""
# The site of tests/lab/helpers.VTI_HUB, its IPsec profile given a transform set, PFS and a
# lifetime.
IKE = VTI_HUB[:VTI_HUB.index("crypto ikev2 keyring")]
_PLAIN_IPSEC = "crypto ipsec profile VTI\n set ikev2-profile PROF\n"
assert _PLAIN_IPSEC in VTI_HUB
HUB = VTI_HUB.replace(_PLAIN_IPSEC, IPSEC)
SPOKE = IKE + f"""crypto ikev2 keyring KR
 peer HUB
  address {HUB_WAN}
  pre-shared-key Hub-Spoke-Key-1
crypto ikev2 profile PROF
 match identity remote address {HUB_WAN} 255.255.255.255
 identity local address {{wan}}
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
 lifetime 7200
 dpd 10 3 periodic
""" + IPSEC + f"""interface Tunnel0
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination {HUB_WAN}
 tunnel protection ipsec profile VTI
"""


@pytest.fixture(scope="module")
def vpn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabFleet]:
    names = ["hub", "s2", "s3"]
    with LabFleet.start(specs=vti_specs(names),
                        state_dir=tmp_path_factory.mktemp("shows")) as fleet:
        assert fleet.router("hub").apply_config(HUB.splitlines()) == []
        for name in names[1:]:
            wan = f"198.51.100.{names.index(name) + 1}"
            assert fleet.router(name).apply_config(SPOKE.format(wan=wan).splitlines()) == []
        yield fleet


@pytest.fixture(scope="module")
def show(vpn: LabFleet) -> Iterator[dict[str, ConnectHandler]]:
    sessions = {name: ConnectHandler(**netmiko_params(vpn, name)) for name in vpn.names()}
    yield sessions
    for session in sessions.values():
        session.disconnect()


def _run(show: dict[str, ConnectHandler], router: str, command: str) -> str:
    return str(show[router].send_command(command))


def _parsed(show: dict[str, ConnectHandler], router: str, command: str) -> list[object]:
    result = parse_output(command, _run(show, router, command))
    assert not result.warnings, result.warnings
    return list(result.records)


def test_ikev2_profile_of_hub_and_spoke_parse_to_their_configs(
        show: dict[str, ConnectHandler]) -> None:
    [hub] = _parsed(show, "hub", "show crypto ikev2 profile")
    assert isinstance(hub, Ikev2Profile)
    assert (hub.name, hub.shutdown, hub.match_fvrf, hub.match_local) == ("PROF", False, "global",
                                                                          None)
    assert hub.identities == ("address 0.0.0.0 0.0.0.0",)
    assert (hub.local_auth, hub.remote_auth, hub.keyring) == ("pre-share", ("pre-share",), "KR")
    assert (hub.lifetime, hub.dpd, hub.nat_keepalive) == (86400, "disabled", "disabled")
    assert (hub.virtual_template, hub.ivrf, hub.local_identity) == ("1", None, None)
    assert hub.ref_count is not None and hub.ref_count >= 1
    [spoke] = _parsed(show, "s2", "sh cry ikev2 prof PROF")  # IOS abbreviations, a name
    assert isinstance(spoke, Ikev2Profile)
    assert spoke.identities == (f"address {HUB_WAN} 255.255.255.255",)
    assert (spoke.lifetime, spoke.virtual_template) == (7200, None)
    assert spoke.local_identity == "address 198.51.100.2"
    assert spoke.dpd == "interval 10, retry-interval 3, periodic"
    assert _run(show, "s2", "show crypto ikev2 profile OTHER").strip() == ""


def test_ikev2_profile_text_has_the_layout_of_the_real_capture(
        show: dict[str, ConnectHandler]) -> None:
    lines = _run(show, "hub", "show crypto ikev2 profile").splitlines()
    # tests/fixtures/real/gh-arunkumaruniqpro-c8000v-lisp-svti/vedge01__show_crypto_ikev2_profile
    assert lines[:4] == ["IKEv2 profile: PROF", " Shutdown : No", lines[2], " Match criteria: "]
    assert lines[6:9] == ["  Identities: ", "   address 0.0.0.0 0.0.0.0",
                          "  Certificate maps: none"]
    assert lines[-1] == " AAA user authorization: none"


def _flows(show: dict[str, ConnectHandler], router: str, command: str) -> list[IpsecSaFlow]:
    flows = _parsed(show, router, command)
    assert all(isinstance(f, IpsecSaFlow) for f in flows)
    return flows  # type: ignore[return-value]


def test_ipsec_sa_of_a_spoke_shows_its_tunnel_and_transform(
        show: dict[str, ConnectHandler]) -> None:
    [flow] = _flows(show, "s2", "show crypto ipsec sa")
    assert (flow.interface, flow.crypto_map) == ("Tunnel0", "Tunnel0-head-0")
    assert (flow.local_address, flow.peer, flow.peer_port) == ("198.51.100.2", HUB_WAN, 500)
    assert (flow.local_endpoint, flow.remote_endpoint) == ("198.51.100.2", HUB_WAN)
    assert flow.protected_vrf == "none"
    assert flow.local_ident == flow.remote_ident == "0.0.0.0/0.0.0.0/0/0"  # a VTI: any/any
    assert (flow.pfs, flow.dh_group, flow.ip_mtu_idb) == (True, "group19", "GigabitEthernet1")
    assert (flow.pkts_encaps, flow.pkts_decaps, flow.send_errors) == (0, 0, 0)
    assert [(sa.direction, sa.protocol) for sa in flow.sas] == [("inbound", "esp"),
                                                                ("outbound", "esp")]
    for sa in flow.sas:
        # esp-aes 256 is printed esp-256-aes (real: gh-jclarkson-ikev2-dmvpn-ivrf hub)
        assert sa.transform == "esp-256-aes esp-sha256-hmac"
        assert (sa.settings, sa.status) == ("Tunnel", "ACTIVE(ACTIVE)")
    assert flow.outbound_spi == flow.sas[1].spi
    text = _run(show, "s2", "show crypto ipsec sa")
    timing = [line for line in text.splitlines() if "sa timing" in line]
    assert len(timing) == 2
    seconds = int(timing[0].rsplit("/", 1)[1].rstrip(")"))
    assert timing[0].endswith(")") and "(k/sec): (4608000/" in timing[0]
    assert 1700 < seconds <= 1800  # set security-association lifetime seconds 1800
    assert "initiator : True" in text  # the spoke initiates towards the virtual-template


def test_crypto_session_detail_counts_the_sa_down_from_the_profile_lifetime(
        show: dict[str, ConnectHandler]) -> None:
    """``show crypto session detail`` and ``show crypto ipsec sa`` show one SA: its lifetime is
    the IPsec profile's (1800 s here), not IOS's default 3600 s, in both."""
    from flexorch.parse import CryptoSession

    [session] = _parsed(show, "s2", "show crypto session detail")
    assert isinstance(session, CryptoSession)
    [flow] = session.flows
    for kilobytes, seconds in ((flow.inbound_life_kb, flow.inbound_life_sec),
                               (flow.outbound_life_kb, flow.outbound_life_sec)):
        assert kilobytes == 4608000  # no kilobyte lifetime configured: IOS's
        assert seconds is not None and 1700 < seconds <= 1800


def test_ipsec_sa_of_the_hub_lists_one_virtual_access_per_spoke(
        show: dict[str, ConnectHandler]) -> None:
    flows = _flows(show, "hub", "show crypto ipsec sa detail")
    assert sorted((f.interface or "", f.peer or "") for f in flows) == [
        ("Virtual-Access1", "198.51.100.2"), ("Virtual-Access2", "198.51.100.3")]
    assert all(f.pkts_tagged_send == 0 and f.send_errors is None for f in flows)  # detail form
    [spoke] = _flows(show, "s2", "show crypto ipsec sa")
    [hub_side] = [f for f in flows if f.peer == "198.51.100.2"]
    # One SA pair, seen from both ends: the hub sends on the SPI the spoke receives on.
    assert hub_side.sas[1].spi == spoke.sas[0].spi and hub_side.sas[0].spi == spoke.sas[1].spi
    brief = _flows(show, "hub", "sh cry ips sa")
    assert [(f.interface, f.peer) for f in brief] == [(f.interface, f.peer) for f in flows]


def test_ikev2_stats_count_incoming_and_outgoing_sas(show: dict[str, ConnectHandler]) -> None:
    [hub] = _parsed(show, "hub", "show crypto ikev2 stats")
    assert isinstance(hub, Ikev2Stats)
    assert (hub.in_sa_count, hub.in_sa_active, hub.out_sa_count) == (2, 2, 0)
    assert (hub.max_in_nego, hub.max_in_nego_out, hub.max_sas) == (40, 400, 0)
    [spoke] = _parsed(show, "s2", "sh crypto ikev2 stat")
    assert isinstance(spoke, Ikev2Stats)
    assert (spoke.in_sa_count, spoke.out_sa_count, spoke.out_accepted) == (0, 1, 1)
    filtered = _run(show, "s2", "show crypto ikev2 stats | include Outgoing IKEv2")
    assert filtered.strip().startswith("Outgoing IKEv2 Requests: 1 ")


def test_bad_and_unsupported_forms_answer_as_ios(show: dict[str, ConnectHandler]) -> None:
    refused = match_line("show crypto ipsec sa bogus", 15)
    assert isinstance(refused, MatchError) and (refused.kind, refused.caret) == ("invalid", 21)
    assert "% Invalid input detected" in _run(show, "s2", "show crypto ipsec sa bogus")
    assert "% Incomplete command" in _run(show, "s2", "show crypto ipsec")
    assert "does not simulate" in _run(show, "s2", "show crypto ipsec transform-set")


def test_a_protected_tunnel_without_sa_shows_an_empty_flow(vpn: LabFleet,
                                                           show: dict[str, ConnectHandler]) -> None:
    # GRE over IPsec towards an address no lab router owns: the flow is there, no SA comes up.
    s3 = vpn.router("s3")
    assert s3.apply_config(["interface Tunnel9", " ip unnumbered Loopback0",
                            " tunnel source GigabitEthernet1", " tunnel destination 203.0.113.9",
                            " tunnel protection ipsec profile VTI"]) == []
    vpn.router("s2").set_fault("peer-down", "hub")
    try:
        flows = _flows(show, "s3", "show crypto ipsec sa")
        assert [(f.interface, f.peer) for f in flows] == [("Tunnel0", HUB_WAN),
                                                          ("Tunnel9", "203.0.113.9")]
        idle = flows[1]
        assert (idle.crypto_map, idle.local_address) == ("Tunnel9-head-0", "198.51.100.3")
        assert idle.local_ident == "198.51.100.3/255.255.255.255/47/0"  # GRE: protocol 47
        assert idle.remote_ident == "203.0.113.9/255.255.255.255/47/0"
        assert (idle.sas, idle.outbound_spi, idle.pfs) == ((), "0x0", True)
        [down] = _flows(show, "s2", "show crypto ipsec sa")  # its SA cut by the fault
        assert (down.interface, down.peer, down.sas) == ("Tunnel0", HUB_WAN, ())
        hub = _flows(show, "hub", "show crypto ipsec sa")
        assert [f.peer for f in hub] == ["198.51.100.3"]
    finally:
        vpn.router("s2").clear_faults()
        vpn.router("hub").clear_faults()
        s3.apply_config(["no interface Tunnel9"])


def test_ipsec_sa_of_one_interface_or_one_peer(show: dict[str, ConnectHandler]) -> None:
    [flow] = _flows(show, "hub", "show crypto ipsec sa peer 198.51.100.3")
    assert (flow.interface, flow.peer) == ("Virtual-Access2", "198.51.100.3")
    [flow] = _flows(show, "hub", "sh cry ipsec sa int virtual-access1 detail")
    assert (flow.interface, flow.peer, flow.send_errors) == ("Virtual-Access1", "198.51.100.2",
                                                             None)
    assert _run(show, "hub", "show crypto ipsec sa peer 192.0.2.99").strip() == ""
    assert "% Invalid input detected" in _run(show, "hub", "show crypto ipsec sa peer hub")
    assert "% Invalid input detected" in _run(show, "hub", "show crypto ipsec sa interface Foo1")
    refused = match_line("show crypto ipsec sa peer hub", 15)
    assert isinstance(refused, MatchError) and (refused.kind, refused.caret) == ("invalid", 26)


# ``show crypto ipsec profile`` of the hub (IPsec profile VTI above: transform set TS, PFS group
# 19, 1800 s) as IOS-XE 17 prints it: the layout of the ISR 1100's capture in tests/fixtures/real/
# doc-ghissue-muninn-987-ipsec-profile-default (Dualstack line, then an empty line) with IOS's
# tabs and trailing blanks (IOS-XE 16.09.05's bytes in genieparser issue #893), profiles in byte
# order of their names ("VTI" before "default"), PFS group as genie's golden-output-2-v25-10.
HUB_IPSEC_PROFILE_17 = (
    "IPSEC profile VTI\n"
    "\tIKEv2 Profile: PROF\n"
    "\tSecurity association lifetime: 4608000 kilobytes/1800 seconds\n"
    "\tDualstack (Y/N): N\n"
    "\n"
    "\tResponder-Only (Y/N): N\n"
    "\tPFS (Y/N): Y\n"
    "\tDH group:  group19\n"
    "\tMixed-mode : Disabled\n"
    "\tTransform sets={ \n"
    "\t\tTS:  { esp-256-aes esp-sha256-hmac  } , \n"
    "\t}\n"
    "\n"
    "IPSEC profile default\n"
    "\tSecurity association lifetime: 4608000 kilobytes/3600 seconds\n"
    "\tDualstack (Y/N): N\n"
    "\n"
    "\tResponder-Only (Y/N): N\n"
    "\tPFS (Y/N): N\n"
    "\tMixed-mode : Disabled\n"
    "\tTransform sets={ \n"
    "\t\tdefault:  { esp-aes esp-sha-hmac  } , \n"
    "\t}\n"
)


def test_ipsec_profile_text_is_ios_xe_17s(vpn: LabFleet) -> None:
    text = vpn.router("hub").call(lambda r: cryptoshows.show_ipsec_profile(r, version="17.9.4a"))
    assert text == HUB_IPSEC_PROFILE_17


def test_ipsec_profile_before_17_has_no_dualstack_line(vpn: LabFleet) -> None:
    # IOS-XE 16.09.05 (genieparser issue #893) and IOS 15 on IOL (tests/fixtures/real/
    # gh-nordwest-otus-lab16-v1-ikev2-gre/r16): no "Dualstack" line and no empty line after it.
    text = vpn.router("hub").call(lambda r: cryptoshows.show_ipsec_profile(
        r, "default", version="16.9.5"))
    assert text == ("IPSEC profile default\n"
                    "\tSecurity association lifetime: 4608000 kilobytes/3600 seconds\n"
                    "\tResponder-Only (Y/N): N\n"
                    "\tPFS (Y/N): N\n"
                    "\tMixed-mode : Disabled\n"
                    "\tTransform sets={ \n"
                    "\t\tdefault:  { esp-aes esp-sha-hmac  } , \n"
                    "\t}\n")


def test_ipsec_profile_over_ssh_parses_back_and_takes_a_name(
        show: dict[str, ConnectHandler]) -> None:
    records = _parsed(show, "s2", "show crypto ipsec profile")
    assert all(isinstance(r, IpsecProfile) for r in records)
    vti, default = records
    assert isinstance(vti, IpsecProfile) and isinstance(default, IpsecProfile)
    assert (vti.name, vti.ikev2_profile, vti.lifetime_kb, vti.lifetime_sec) == (
        "VTI", "PROF", 4608000, 1800)
    assert (vti.pfs, vti.pfs_group, vti.responder_only, vti.dualstack) == (
        True, "group19", False, False)
    assert [(t.name, t.transforms) for t in vti.transform_sets] == [
        ("TS", ("esp-256-aes", "esp-sha256-hmac"))]
    assert (default.name, default.ikev2_profile, default.pfs) == ("default", None, False)
    [only] = _parsed(show, "s2", "sh cry ipsec prof VTI")
    assert isinstance(only, IpsecProfile) and only.name == "VTI"
    assert _run(show, "s2", "show crypto ipsec profile OTHER").strip() == ""


def test_a_configured_default_ipsec_profile_shows_its_ikev2_profile() -> None:
    # The built-in ``default`` prints no "IKEv2 Profile" line (the captures named in
    # flexorch.lab.cryptoshows); a ``crypto ipsec profile default`` the config defines with
    # ``set ikev2-profile`` (the FlexVPN guide's spokes) prints it as any other profile does.
    from flexorch.ios.model import RouterConfig

    config = RouterConfig.from_text(
        "crypto ikev2 profile FLEX\n match identity remote any\n"
        "crypto ipsec profile default\n set ikev2-profile FLEX\n")
    profile = config.ipsec_profile("default")
    assert profile is not None
    lines = cryptoshows._ipsec_profile_block(config, profile, dualstack=False)
    assert lines[:2] == ["IPSEC profile default", "\tIKEv2 Profile: FLEX"]
    builtin = RouterConfig.from_text("hostname r\n")
    default = builtin.ipsec_profile("default")
    assert default is not None
    assert not any("IKEv2 Profile" in line for line in
                   cryptoshows._ipsec_profile_block(builtin, default, dualstack=False))
