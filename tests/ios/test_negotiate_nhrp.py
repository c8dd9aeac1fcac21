"""IKEv2 over multipoint GRE and NHRP shortcuts, on hand-written DMVPN and FlexVPN configs in the
shape of the real ones in tests/fixtures/real (gh-skydevil-lab14-gre-dmvpn, gh-jclarkson-ikev2-
dmvpn-ivrf): spokes initiate to their NHS, hubs take the SA on their multipoint tunnel, either end
may initiate, and spokes of one hub build shortcut SAs on demand.
"""

from __future__ import annotations

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Status, nhrp_peers, predict_sessions

COMMON = ("crypto ikev2 proposal P\n encryption aes-gcm-128\n prf sha256\n group 19\n"
          "crypto ikev2 policy POL\n proposal P\n"
          "crypto ikev2 keyring KR\n peer ANY\n  address 0.0.0.0 0.0.0.0\n"
          "  pre-shared-key flexorch-dmvpn-key\n"
          "crypto ikev2 profile DMVPN\n match identity remote address 0.0.0.0\n"
          " authentication remote pre-share\n authentication local pre-share\n"
          " keyring local KR\n"
          "crypto ipsec transform-set TS esp-gcm\n mode transport\n"
          "crypto ipsec profile PROT\n set transform-set TS\n set ikev2-profile DMVPN\n")


def hub(wan: str = "198.51.100.1") -> str:
    return ("version 15.4\nhostname HUB\n" + COMMON +
            "interface Tunnel0\n ip address 10.0.0.1 255.255.255.0\n ip nhrp network-id 1\n"
            " ip nhrp map multicast dynamic\n ip nhrp redirect\n tunnel source Ethernet0/0\n"
            " tunnel mode gre multipoint\n tunnel key 1\n tunnel protection ipsec profile PROT\n"
            f"interface Ethernet0/0\n ip address {wan} 255.255.255.0\n")


def spoke(name: str, overlay: str, wan: str, nhrp: str) -> str:
    return (f"version 15.4\nhostname {name}\n" + COMMON +
            f"interface Tunnel0\n ip address {overlay} 255.255.255.0\n ip nhrp network-id 1\n"
            f"{nhrp} ip nhrp shortcut\n tunnel source Ethernet0/0\n"
            " tunnel mode gre multipoint\n tunnel key 1\n tunnel protection ipsec profile PROT\n"
            f"interface Ethernet0/0\n ip address {wan} 255.255.255.0\n")


def routers(*texts: str) -> dict[str, Endpoint]:
    out = {}
    for text in texts:
        config = RouterConfig.from_text(text)
        assert config.hostname is not None
        out[config.hostname] = Endpoint(config.hostname, config)
    return out


NHS_NBMA = " ip nhrp nhs 10.0.0.1 nbma 198.51.100.1 multicast\n"
NHS_MAP = " ip nhrp map 10.0.0.1 198.51.100.1\n ip nhrp map multicast 198.51.100.1\n" \
          " ip nhrp nhs 10.0.0.1\n"


def test_nhrp_peers_from_nbma_or_from_a_static_map() -> None:
    for nhrp in (NHS_NBMA, NHS_MAP):
        config = RouterConfig.from_text(spoke("S1", "10.0.0.11", "203.0.113.11", nhrp))
        tunnel = config.interface("Tunnel0")
        assert tunnel is not None and nhrp_peers(tunnel) == ["198.51.100.1"]


def test_spokes_reach_the_hub_on_its_multipoint_tunnel() -> None:
    fleet = routers(hub(), spoke("S1", "10.0.0.11", "203.0.113.11", NHS_NBMA),
                    spoke("S2", "10.0.0.12", "203.0.113.12", NHS_MAP))
    to_hub = [s for s in predict_sessions(fleet) if s.responder == "HUB"]
    assert sorted(s.initiator for s in to_hub) == ["S1", "S2"]
    for session in to_hub:
        assert session.kind == "nhrp" and not session.on_demand
        assert session.outcome.established, session.outcome.reason
        spoke_view, hub_view = session.views
        assert hub_view.interface == "Tunnel0" and hub_view.tunnel_mode == "gre multipoint"
        # Either end may initiate: a hub initiates again to spokes it knows after a reload.
        assert (spoke_view.initiator, hub_view.initiator) == (None, None)
        assert (spoke_view.encryption, spoke_view.keysize, spoke_view.prf, spoke_view.hash,
                spoke_view.dh_group) == ("AES-GCM", 128, "SHA256", "None", 19)


def test_spokes_of_one_hub_build_one_shortcut_sa_on_demand() -> None:
    fleet = routers(hub(), spoke("S1", "10.0.0.11", "203.0.113.11", NHS_NBMA),
                    spoke("S2", "10.0.0.12", "203.0.113.12", NHS_NBMA))
    shortcuts = [s for s in predict_sessions(fleet) if s.on_demand]
    assert len(shortcuts) == 1
    (shortcut,) = shortcuts
    assert {shortcut.initiator, shortcut.responder} == {"S1", "S2"}
    assert shortcut.outcome.established, shortcut.outcome.reason
    addresses = {(v.local_address, v.remote_address) for v in shortcut.views}
    assert addresses == {("203.0.113.11", "203.0.113.12"), ("203.0.113.12", "203.0.113.11")}
    assert all(v.initiator is None for v in shortcut.views)


def test_without_shortcuts_only_the_hub_sessions() -> None:
    fleet = routers(hub(), spoke("S1", "10.0.0.11", "203.0.113.11", NHS_NBMA),
                    spoke("S2", "10.0.0.12", "203.0.113.12", NHS_NBMA))
    assert not any(s.on_demand for s in predict_sessions(fleet, shortcuts=False))


def test_an_nhs_nobody_owns_is_no_responder() -> None:
    second = " ip nhrp nhs 10.0.0.2 nbma 192.0.2.99\n"
    fleet = routers(hub(), spoke("S1", "10.0.0.11", "203.0.113.11", NHS_NBMA + second))
    by_destination = {s.destination: s for s in predict_sessions(fleet)}
    assert by_destination["198.51.100.1"].outcome.established
    missing = by_destination["192.0.2.99"]
    assert missing.responder is None and missing.outcome.status is Status.NO_RESPONDER


def test_a_hub_without_nhs_initiates_nothing() -> None:
    assert predict_sessions(routers(hub())) == []


# --- FlexVPN spoke-to-spoke ----------------------------------------------------------------------
FLEX = ("crypto ikev2 proposal P\n encryption aes-gcm-256\n prf sha512\n group 19\n"
        "crypto ikev2 policy POL\n proposal P\n"
        "crypto ikev2 keyring KR\n peer ANY\n  address 0.0.0.0 0.0.0.0\n"
        "  pre-shared-key flexorch-flex-key\n"
        "crypto ikev2 profile FLEX\n match identity remote address 0.0.0.0\n"
        " authentication remote pre-share\n authentication local pre-share\n keyring local KR\n"
        " virtual-template 1\n"
        "crypto ipsec profile PROT\n set ikev2-profile FLEX\n")


def flex_hub() -> str:
    return ("hostname FHUB\n" + FLEX +
            "interface Loopback0\n ip address 10.9.0.1 255.255.255.255\n"
            "interface Virtual-Template1 type tunnel\n ip unnumbered Loopback0\n"
            " ip nhrp network-id 1\n ip nhrp redirect\n tunnel source GigabitEthernet1\n"
            " tunnel mode ipsec ipv4\n tunnel protection ipsec profile PROT\n"
            "interface GigabitEthernet1\n ip address 198.51.100.1 255.255.255.0\n")


def flex_spoke(name: str, wan: str) -> str:
    return (f"hostname {name}\n" + FLEX +
            "interface Tunnel0\n ip unnumbered GigabitEthernet1\n ip nhrp network-id 1\n"
            " ip nhrp shortcut virtual-template 1\n tunnel source GigabitEthernet1\n"
            " tunnel mode ipsec ipv4\n tunnel destination 198.51.100.1\n"
            " tunnel protection ipsec profile PROT\n"
            "interface Virtual-Template1 type tunnel\n ip unnumbered GigabitEthernet1\n"
            " ip nhrp network-id 1\n tunnel source GigabitEthernet1\n tunnel mode ipsec ipv4\n"
            " tunnel protection ipsec profile PROT\n"
            f"interface GigabitEthernet1\n ip address {wan} 255.255.255.0\n")


def test_flexvpn_spokes_shortcut_through_their_virtual_templates() -> None:
    fleet = routers(flex_hub(), flex_spoke("F1", "203.0.113.21"),
                    flex_spoke("F2", "203.0.113.22"))
    sessions = predict_sessions(fleet)
    to_hub = [s for s in sessions if s.responder == "FHUB"]
    assert len(to_hub) == 2 and all(s.outcome.established for s in to_hub)
    # A spoke towards a hub virtual-template: IOS decides, the spoke initiates.
    assert all(s.initiator_known for s in to_hub)
    (shortcut,) = [s for s in sessions if s.on_demand]
    assert shortcut.outcome.established, shortcut.outcome.reason
    assert shortcut.tunnel == "Virtual-Template1"
    responder = shortcut.outcome.view_of(shortcut.responder or "")
    assert responder is not None and responder.virtual_template == "Virtual-Template1"
    assert all(v.initiator is None for v in shortcut.views)


def test_no_flexvpn_shortcut_without_redirect_on_the_hub() -> None:
    fleet = routers(flex_hub().replace(" ip nhrp redirect\n", ""),
                    flex_spoke("F1", "203.0.113.21"), flex_spoke("F2", "203.0.113.22"))
    assert not any(s.on_demand for s in predict_sessions(fleet))


def test_dual_hub_spokes_build_one_shortcut_not_one_per_hub() -> None:
    second_hub = hub("198.51.100.2").replace("hostname HUB", "hostname HUB2").replace(
        "10.0.0.1 255.255.255.0", "10.0.0.2 255.255.255.0")
    both = NHS_NBMA + " ip nhrp nhs 10.0.0.2 nbma 198.51.100.2 multicast\n"
    fleet = routers(hub(), second_hub, spoke("S1", "10.0.0.11", "203.0.113.11", both),
                    spoke("S2", "10.0.0.12", "203.0.113.12", both))
    sessions = predict_sessions(fleet)
    assert len([s for s in sessions if s.kind == "nhrp"]) == 4  # each spoke to each hub
    assert len([s for s in sessions if s.on_demand]) == 1
