"""The shipped example fleet loads, and its derived lines say what the inventory implies."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from flexorch.errors import UnknownTargetError
from flexorch.intent import Fleet, load_fleet


@pytest.fixture(scope="module")
def fleet() -> Fleet:
    return load_fleet(Path(__file__).resolve().parents[2] / "inventory")


def test_sites_roles_and_ports(fleet: Fleet) -> None:
    assert fleet.sites() == ["hub1", "hub2"]
    hub1 = fleet.select(site="hub1")
    assert [h.name for h in hub1 if h.role == "hub"] == ["hub1"]
    assert len([h for h in hub1 if h.role == "spoke"]) >= 6
    ports = [h.port for h in fleet.hosts.values()]
    assert sorted(ports) == list(range(22001, 22001 + len(ports)))
    assert {h.hostname for h in fleet.hosts.values()} == {"127.0.0.1"}
    assert fleet.lab_fallback is True


def test_select_hubs_and_spokes(fleet: Fleet) -> None:
    assert [h.name for h in fleet.select(host="h1-gre")] == ["h1-gre"]
    assert [h.name for h in fleet.hubs_of("h1-gre")] == ["hub1"]
    assert "h1-cert" in [h.name for h in fleet.spokes_of("hub1")]
    assert fleet.hubs_of("hub1") == []
    with pytest.raises(UnknownTargetError, match="unknown site 'hub9'"):
        fleet.select(site="hub9")
    with pytest.raises(UnknownTargetError, match="did you mean 'h1-gre'"):
        fleet.select(host="h1-grx")
    with pytest.raises(UnknownTargetError, match="is in site hub1, not hub2"):
        fleet.select(site="hub2", host="h1-gre")


def test_tunnel_destination_is_derived_from_the_hub_wan(fleet: Fleet) -> None:
    # hub1's GigabitEthernet1 is 192.0.2.1/24 and 2001:db8:1::1/64 in inventory/hosts.yaml.
    assert fleet.hosts["h1-gre"].tunnels["Tunnel0"].destination == ipaddress.ip_address("192.0.2.1")
    v6 = fleet.hosts["h1-v6"].tunnels["Tunnel0"].destination
    assert v6 == ipaddress.ip_address("2001:db8:1::1")


def test_psk_keyring_entry_is_the_same_secret_on_both_ends(fleet: Fleet) -> None:
    spoke_peer = fleet.hosts["h1-sgt"].ikev2_keyrings["FLEX_KEYS"].peers["hub1"]
    hub_peer = fleet.hosts["hub1"].ikev2_keyrings["FLEX_KEYS"].peers["h1-sgt"]
    assert spoke_peer.pre_shared_key is not None
    assert spoke_peer.pre_shared_key.env == "FLEXORCH_PSK_H1_SGT"
    assert hub_peer.pre_shared_key == spoke_peer.pre_shared_key
    assert spoke_peer.address == ipaddress.ip_address("192.0.2.1")
    assert [(i.type, i.value) for i in hub_peer.identities] == [("fqdn", "h1-sgt.flex1.example")]
    # the certificate spoke has no key, so the hub keyring has no entry for it
    assert "h1-cert" not in fleet.hosts["hub1"].ikev2_keyrings["FLEX_KEYS"].peers


def test_identities_are_derived_both_ways(fleet: Fleet) -> None:
    spoke_profile = fleet.hosts["h1-gre"].ikev2_profiles["FLEX"]
    assert spoke_profile.identity_local is not None
    assert spoke_profile.identity_local.value == "h1-gre.flex1.example"
    assert [i.value for i in spoke_profile.match.identity_remote] == ["hub1.flex1.example"]
    hub_profile = fleet.hosts["hub1"].ikev2_profiles["FLEX"]
    assert "h1-gre.flex1.example" in [i.value for i in hub_profile.match.identity_remote]
    # hub2's profile matches a domain explicitly: nothing is added to it
    hub2 = fleet.hosts["hub2"].ikev2_profiles["FLEX2"]
    assert [(i.type, i.domain, i.value) for i in hub2.match.identity_remote] == [
        ("fqdn", True, "flex2.example")
    ]


def test_client_peers_come_from_its_hub(fleet: Fleet) -> None:
    client = fleet.hosts["h2-client"].ikev2_clients["FLEX2_CLIENT"]
    assert [(p.seq, str(p.address)) for p in client.peers] == [(1, "203.0.113.1")]


def test_example_fleet_is_a_healthy_design(fleet: Fleet) -> None:
    """Every tunnel of the shipped fleet would establish (IKEv2 negotiation model on the
    rendered configs), with fragmentation, SGT and NAT-T exactly where the inventory asks."""
    from flexorch.plan.outcomes import predicted_outcomes

    outcomes = predicted_outcomes(fleet, list(fleet.hosts))
    rows = {(host, row.peer): row for host, found in outcomes.items() for row in found}
    spokes = [h.name for h in fleet.hosts.values() if h.role != "hub"]
    assert sorted(peer for (host, peer) in rows if host in spokes) == sorted(
        ["hub1"] * 7 + ["hub2"] * 3
    )
    assert {row.status for row in rows.values()} == {"ESTABLISHED"}
    assert rows[("h1-frag", "hub1")].fragmentation.startswith("ietf")
    assert rows[("h1-frag", "hub1")].nat_t == "inside"
    assert rows[("h1-sgt", "hub1")].sgt == "enabled"
    assert rows[("hub1", "h1-sgt")].sgt == "enabled"
    for spoke in ("h1-gre", "h1-ipsec", "h1-v6", "h1-mixed", "h1-cert", "h2-spoke1"):
        assert rows[(spoke, fleet.hubs_of(spoke)[0].name)].fragmentation == "none"
        assert rows[(spoke, fleet.hubs_of(spoke)[0].name)].sgt == "disabled"
    assert rows[("hub1", "h1-cert")].tunnel == "Virtual-Template2"


def test_example_fleet_lints_clean(fleet: Fleet) -> None:
    from flexorch.lint import lint_fleet

    report = lint_fleet(fleet)
    assert [(f.rule, f.host, f.message) for f in report.findings] == []


def test_merge_is_nornirs_own(fleet: Fleet) -> None:
    """Nornir's SimpleInventory, reading the same files, resolves every host attribute and every
    top-level data key to the same value flexorch took (host > groups in order > defaults)."""
    from nornir.plugins.inventory.simple import SimpleInventory

    folder = fleet.folder
    nornir_inventory = SimpleInventory(
        host_file=str(folder / "hosts.yaml"),
        group_file=str(folder / "groups.yaml"),
        defaults_file=str(folder / "defaults.yaml"),
    ).load()
    compared = 0
    for name, intent in fleet.hosts.items():
        host = nornir_inventory.hosts[name]
        assert (host.hostname, host.port, host.platform) == (
            intent.hostname,
            intent.port,
            intent.platform,
        )
        for key, source in fleet.sources[name].items():
            if key in ("hostname", "port", "platform", "connection_options"):
                continue
            assert host[key] == source.data[key], (name, key)
            compared += 1
    assert compared > 100


def test_group_order_parent_before_next_group(tmp_path: Path) -> None:
    """host groups [a, b]; a's parent p and b both set a key: Nornir (and flexorch) take p's."""
    from nornir.plugins.inventory.simple import SimpleInventory

    (tmp_path / "hosts.yaml").write_text(
        "r1:\n  groups: [a, b]\n  data: {role: hub}\n", encoding="utf-8"
    )
    (tmp_path / "groups.yaml").write_text(
        "p:\n  data:\n    ikev2_proposals: {FROM_P: {encryption: [aes-cbc-256]}}\n"
        "a:\n  groups: [p]\n  data: {site: from_a}\n"
        "b:\n  port: 2222\n  data:\n    site: from_b\n"
        "    ikev2_proposals: {FROM_B: {encryption: [aes-cbc-128]}}\n",
        encoding="utf-8",
    )
    (tmp_path / "defaults.yaml").write_text(
        "port: 22\ndata:\n  site: from_defaults\n"
        "  credentials: {username: u, password: {env: T_PW}}\n",
        encoding="utf-8",
    )
    intent = load_fleet(tmp_path).hosts["r1"]
    assert intent.site == "from_a"
    assert list(intent.ikev2_proposals) == ["FROM_P"]
    assert intent.port == 2222
    host = (
        SimpleInventory(
            str(tmp_path / "hosts.yaml"),
            str(tmp_path / "groups.yaml"),
            str(tmp_path / "defaults.yaml"),
        )
        .load()
        .hosts["r1"]
    )
    assert (host["site"], list(host["ikev2_proposals"]), host.port) == ("from_a", ["FROM_P"], 2222)
