"""Rollouts of the example site hub1 against the built-in lab (real SSH, the lab's IOS engine,
its negotiation model for the gates)."""

from __future__ import annotations

import ipaddress
import stat
from pathlib import Path

import pytest

from flexorch.history import open_store
from flexorch.intent import load_fleet
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.parse.runner import parse_output
from flexorch.secrets import lab_secret
from flexorch.verify_run import verify_hosts
from tests.lab.helpers import copy_inventory
from tests.rollout.conftest import MINUTE, REPO, Site

pytestmark = pytest.mark.lab

SA = "show crypto ikev2 sa detailed"


def _sa(site: Site, name: str) -> list:  # type: ignore[type-arg]
    text = site.lab.router(name).call(lambda r: _show(r, SA))
    return list(parse_output(SA, text).records)


def _show(router: object, command: str) -> str:
    from flexorch.lab import crypto

    return str(crypto.show(router, "show_ikev2_sa_detailed"))


@pytest.mark.parametrize("stream", [True, False], ids=["streaming", "plan-first"])
def test_site_rollout_confirms_every_host_and_second_run_changes_nothing(
        site: Site, stream: bool) -> None:
    before = {n: site.running(n) for n in site.names()}
    report = site.run(stream=stream)
    assert report.exit_code() == 0, [(h.host, h.status, h.message) for h in report.hosts]
    assert {h.host: h.status for h in report.hosts} == dict.fromkeys(site.names(), "confirmed")
    assert [s.name for s in report.stages] == ["hubs", "canary", "spokes"]
    assert report.stages[0].hosts == ["hub1"] and len(report.stages[1].hosts) == 1
    for name in site.names():
        router = site.lab.router(name)
        status = router.status()
        assert not status["unsaved"] and not status["revert_pending"], name
        assert "crypto ikev2 profile FLEX" in router.startup_config()
        assert router.running_config() != before[name]
    # every tunnel READY with the intended fragmentation / SGT (hand-read from the inventory:
    # hub1 and h1-frag fragment at MTU 1200, hub1 and h1-sgt tag SGT on a VTI). IOS reports
    # the MTU left for IKE: 1200 - 20 (IPv4) - 8 (UDP) - 4 (non-ESP marker: h1-frag is behind
    # NAT) = 1168, as the real "mtu 1400 -> MTU in use: 1372 bytes" line shows without NAT.
    verify = verify_hosts(site.fleet, site.names(), site="hub1")
    assert verify.ok, [(c.host, c.tunnel, c.check, c.observed) for h in verify.hosts
                       for c in h.comparisons if not c.ok]
    frag = {sa.remote_address: sa for sa in _sa(site, "h1-frag")}
    assert [(sa.status, sa.fragmentation, sa.fragmentation_mtu) for sa in frag.values()] == [
        ("READY", "ietf", 1168)]
    assert [(sa.status, sa.sgt) for sa in _sa(site, "h1-sgt")] == [("READY", "enabled")]
    assert [(sa.status, sa.sgt) for sa in _sa(site, "h1-gre")] == [("READY", "disabled")]
    assert len([sa for sa in _sa(site, "hub1") if sa.status == "READY"]) == 7

    versions = {n: site.lab.router(n).call(lambda r: r.state.version) for n in site.names()}
    again = site.run(stream=stream)
    assert again.exit_code() == 0
    assert {h.status for h in again.hosts} == {"unchanged"}
    assert sum(h.sent for h in again.hosts) == 0
    assert versions == {n: site.lab.router(n).call(lambda r: r.state.version)
                        for n in site.names()}


def test_new_proposal_replacing_an_in_use_one_rolls_out_in_dependency_order(site: Site) -> None:
    assert site.run().exit_code() == 0
    groups = site.inventory / "groups.yaml"
    groups.write_text(groups.read_text().replace("FLEX_NGE", "FLEX_NGE2"))
    site.fleet = load_fleet(site.inventory)
    report = site.run()
    assert report.exit_code() == 0
    with open_store() as store:
        run = store.get_run(report.run_id)  # type: ignore[arg-type]
    hub = run.host("hub1")
    assert hub is not None and hub.status == "changed"
    # make-before-break: the hub's policy lists both proposals while the spokes move, then
    # drops the old one in the cleanup phase (after every spoke)
    assert list(hub.lines_sent) == [
        "crypto ikev2 proposal FLEX_NGE2",
        " encryption aes-gcm-256",
        " prf sha512",
        " group 21 20",
        "crypto ikev2 policy FLEX_POLICY",
        " proposal FLEX_NGE2",
        "crypto ikev2 policy FLEX_POLICY",
        " no proposal FLEX_NGE",
        "no crypto ikev2 proposal FLEX_NGE",
    ]
    assert [s.name for s in report.stages] == ["hubs", "canary", "spokes", "cleanup"]
    assert "crypto ikev2 proposal FLEX_NGE\n" not in site.running("h1-gre")
    assert verify_hosts(site.fleet, site.names(), site="hub1").ok


def test_history_backups_and_no_secret_stored(site: Site) -> None:
    day0 = site.running("h1-gre")
    report = site.run()
    assert report.exit_code() == 0
    gre = next(h for h in report.hosts if h.host == "h1-gre")
    assert gre.backup_path is not None
    backup = Path(gre.backup_path)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
    # what "show running-config" printed before the change: header, then the config
    header, body = backup.read_text().split(" bytes\n", 1)
    assert header.startswith("Building configuration...")
    assert body.strip() == day0.strip()
    flash = site.lab.router("h1-gre").flash()
    assert f"flexorch-run{report.run_id}.cfg" in flash
    # the archive path the revert timer needs was configured, and stays
    assert " path flash:flexorch-archive" in site.running("h1-gre")

    with open_store() as store:
        run = store.get_run(report.run_id)  # type: ignore[arg-type]
        location = store.location
    assert run.outcome == "ok" and run.command == "rollout"
    record = run.host("h1-gre")
    assert record is not None and record.step == "done" and record.backup_path == str(backup)
    assert "  pre-shared-key ******" in record.lines_sent
    assert any(c.check == "status" and c.ok for c in record.verification)
    psk = lab_secret("FLEXORCH_PSK_H1_GRE")
    assert psk in site.running("h1-gre")  # the router has it ...
    database = Path(location)
    raw = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert psk.encode() not in raw  # ... the history store never does


def test_dry_run_pushes_nothing(site: Site) -> None:
    versions = {n: site.lab.router(n).call(lambda r: r.state.version) for n in site.names()}
    report = site.run(dry_run=True)
    assert report.exit_code() == 0
    assert all(h.sent == 0 for h in report.hosts)
    assert versions == {n: site.lab.router(n).call(lambda r: r.state.version)
                        for n in site.names()}


def test_backup_folder_is_private(site: Site) -> None:
    report = site.run()
    folder = Path(next(h.backup_path for h in report.hosts if h.backup_path)).parent
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.cfg" for n in site.names())
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())


def test_a_spoke_on_dhcp_rolls_out_and_verifies(tmp_path: Path) -> None:
    # Branch spokes on Internet links learn their WAN address by DHCP (``ip address dhcp``:
    # the CSR1000v WANs of tests/fixtures/real/gh-fabferri-vwan-csr164-svti). The hub knows
    # the spoke by its IKE identity only; the lab leases the spoke an address, and the spoke's
    # tunnel comes up from it.
    inventory = copy_inventory(REPO / "inventory", tmp_path / "inventory")
    hosts = inventory / "hosts.yaml"
    text = hosts.read_text(encoding="utf-8")
    wan = "      GigabitEthernet1: {description: WAN, ipv4: 198.51.100.11/24}\n"
    route = ("    routes:\n      - {prefix: 0.0.0.0/0, next_hop: 198.51.100.1, day0: true}\n"
             "\nh1-ipsec:")
    assert wan in text and route in text  # h1-gre's WAN and its static default route
    dhcp = "      GigabitEthernet1: {description: WAN, ip_dhcp: true}\n"
    # h1-sgt on DHCP too: the hub tells its two DHCP spokes' SAs apart by their identities
    sgt = "      GigabitEthernet1: {description: WAN, ipv4: 198.51.100.17/24}\n"
    assert sgt in text
    # h1-v6 (IPsec over IPv6) on SLAAC with the advertised default route (``ipv6 address
    # autoconfig default``, as the IOS 15.2 r4 of tests/fixtures/real/gh-jclarkson-ospf-
    # autoconfig-default-route; Cisco IPv6 Addressing and Basic Connectivity Configuration
    # Guide, IPv6 Stateless Address Autoconfiguration): no static address, no static route
    v6 = ('      GigabitEthernet1: {description: WAN (IPv6 only), ipv6: ["2001:db8:2::14/64"]}\n')
    v6_route = '    routes:\n      - {prefix: "::/0", next_hop: "2001:db8:2::1", day0: true}\n'
    slaac = ("      GigabitEthernet1: {description: WAN (IPv6 only), ipv6_autoconfig: true, "
             "ipv6_autoconfig_default: true}\n")
    assert v6 in text and v6_route in text
    hosts.write_text(text.replace(wan, dhcp).replace(route, "\nh1-ipsec:").replace(sgt, dhcp)
                     .replace(v6, slaac).replace(v6_route, ""), encoding="utf-8")
    settings = LabSettings(revert_seconds_per_minute=MINUTE, reload_seconds=0.5, login_timeout=10)
    with LabFleet.start(inventory, tmp_path / "lab", settings=settings) as lab:
        site = Site(lab, inventory, load_fleet(inventory))
        assert "interface GigabitEthernet1\n description WAN\n ip address dhcp\n" \
            in site.running("h1-gre")
        report = site.run()
        assert report.exit_code() == 0, [(h.host, h.status, h.message) for h in report.hosts]
        assert {h.host: h.status for h in report.hosts} == dict.fromkeys(site.names(),
                                                                         "confirmed")
        # the hub's keyring knows the spoke by identity only (no address it could know)
        keyring = site.running("hub1").split("crypto ikev2 keyring ", 1)[1].split("\n!", 1)[0]
        assert " peer h1-gre\n  identity fqdn h1-gre.flex1.example\n  pre-shared-key" in keyring
        spoke = [sa for sa in _sa(site, "h1-gre") if sa.status == "READY"]
        assert len(spoke) == 1 and spoke[0].remote_address == "192.0.2.1"
        leased = spoke[0].local_address
        assert ipaddress.ip_address(leased) in ipaddress.ip_network("100.64.0.0/10")
        assert leased in [sa.remote_address for sa in _sa(site, "hub1") if sa.status == "READY"]
        assert " peer h1-v6\n  identity fqdn h1-v6.flex1.example\n  pre-shared-key" in keyring
        assert "interface GigabitEthernet1\n description WAN (IPv6 only)\n no ip address\n" \
            " ipv6 address autoconfig default\n" in site.running("h1-v6")
        v6_sa = [sa for sa in _sa(site, "h1-v6") if sa.status == "READY"]
        # IOS prints IPv6 addresses in capitals (2001:DB8:...), the lab too
        assert len(v6_sa) == 1 and v6_sa[0].remote_address == "2001:DB8:1::1"
        assert ipaddress.ip_address(v6_sa[0].local_address) in \
            ipaddress.ip_network("2001:db8:ffee::/48")
        sgt_sa = [sa for sa in _sa(site, "h1-sgt") if sa.status == "READY"]
        assert len(sgt_sa) == 1 and sgt_sa[0].local_address != leased
        verify = verify_hosts(site.fleet, site.names(), site="hub1")
        assert verify.ok, [(c.host, c.tunnel, c.check, c.observed) for h in verify.hosts
                           for c in h.comparisons if not c.ok]
        again = site.run()
        assert again.exit_code() == 0 and {h.status for h in again.hosts} == {"unchanged"}
        # h1-gre's tunnel cut: the hub's side of it is reported absent, not h1-sgt's (whose SA
        # the hub still holds): told apart by the Remote id of the hub's SAs
        lab.router("h1-gre").set_fault("peer-down", "hub1")
        down = verify_hosts(site.fleet, ["hub1"], site="hub1")
        status = {c.peer: c.observed for h in down.hosts for c in h.comparisons
                  if c.check == "status"}
        assert status["h1-gre"] == "absent" and status["h1-sgt"] == "READY", status
