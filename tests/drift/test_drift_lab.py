"""``flexorch drift`` end to end on the lab: the example site hub1 configured as a rollout leaves
it, then drift injected by hand (over SSH and through the lab) and by fault injection. Every
check runs the real CLI the way cron does (stdin not a terminal) unless it says otherwise."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from flexorch.intent.fleet import Fleet
from flexorch.lab.fleet import LabFleet
from flexorch.secrets import lab_secret
from tests.drift.lab import configured_lab, copy_inventory, flexorch, load_fleet, restore

pytestmark = pytest.mark.lab
HUB1 = ["hub1", "h1-gre", "h1-ipsec", "h1-v6", "h1-mixed", "h1-frag", "h1-sgt", "h1-cert"]


@pytest.fixture(scope="module")
def inventory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_inventory(tmp_path_factory.mktemp("drift") / "inventory")


@pytest.fixture(scope="module")
def fleet(inventory: Path) -> Fleet:
    return load_fleet(inventory)


@pytest.fixture(scope="module")
def lab(inventory: Path, fleet: Fleet, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[LabFleet]:
    with configured_lab(inventory, fleet, tmp_path_factory.mktemp("lab")) as lab:
        yield lab


@pytest.fixture
def site(lab: LabFleet) -> Iterator[LabFleet]:
    """The configured site; every router put back as it was after the test."""
    saved = {name: lab.router(name).running_config() for name in HUB1}
    yield lab
    for name in HUB1:
        lab.router(name).clear_faults()
        restore(lab.router(name), saved[name])


def _secrets() -> list[str]:
    """Every lab PSK and the device password the example fleet resolves (lab fallback)."""
    names = ["FLEXORCH_DEVICE_PASSWORD"] + [f"FLEXORCH_PSK_{h.upper().replace('-', '_')}"
                                            for h in HUB1[1:]]
    return [lab_secret(n) for n in names]


def _hosts(document: dict[str, object]) -> dict[str, dict[str, object]]:
    hosts = document["hosts"]
    assert isinstance(hosts, list)
    return {h["host"]: h for h in hosts}


def test_configured_site_has_no_drift_and_the_run_is_recorded(site: LabFleet,
                                                               inventory: Path) -> None:
    out = flexorch(inventory, "drift", "--site", "hub1")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "drift: 8 hosts, 8 clean, 0 drift, 0 unreachable" in out.stdout
    assert "\x1b[" not in out.stdout  # no colour codes when stdout is not a terminal
    assert out.stderr == ""

    from flexorch.history import open_store

    store = open_store()
    try:
        run = store.last_run("hub1", "drift")
    finally:
        store.close()
    assert run is not None
    assert run.outcome == "ok"
    assert f"history: recorded as run {run.id}" in out.stdout
    assert {h.host: h.status for h in run.hosts} == dict.fromkeys(HUB1, "clean")
    hub = run.host("hub1")
    assert hub is not None
    assert hub.role == "hub"
    # the tunnel matrix of the HTML report comes from these: one READY status per spoke
    ready = {c.peer for c in hub.verification if c.check == "status" and c.ok}
    assert ready == set(HUB1[1:])


def test_line_changed_by_hand_over_ssh_is_named_host_section_line(
        site: LabFleet, fleet: Fleet, inventory: Path) -> None:
    from netmiko import ConnectHandler

    host = fleet.hosts["h1-ipsec"]
    password = fleet.resolve(host.credentials.password, host.name, "data.credentials.password")
    with ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=host.port,
                        username=host.credentials.username, password=password) as conn:
        output = conn.send_config_set(["crypto ikev2 profile FLEX", "dpd 10 3 periodic"])
    assert "%" not in output

    out = flexorch(inventory, "drift", "--site", "hub1", "--format", "json")
    assert out.returncode == 1, out.stderr
    document = json.loads(out.stdout)  # exactly one JSON document on stdout
    assert document["exit_code"] == 1
    hosts = _hosts(document)
    assert {name for name, h in hosts.items() if h["status"] != "clean"} == {"h1-ipsec"}
    assert hosts["h1-ipsec"]["config"] == [{
        "section": "crypto ikev2 profile FLEX", "state": "modified",
        "lines": [{"change": "changed", "line": "dpd 10 3 periodic",
                   "intended": "dpd 30 5 on-demand", "observed": "dpd 10 3 periodic",
                   "depth": 1, "path": []}],
    }]
    assert hosts["h1-ipsec"]["operational"] == []

    text = flexorch(inventory, "drift", "--site", "hub1")
    assert text.returncode == 1
    block = text.stdout.split("h1-ipsec (spoke): DRIFT", 1)[1].split("\nh1-v6", 1)[0]
    assert "config: crypto ikev2 profile FLEX" in block
    assert "~ dpd 10 3 periodic" in block
    assert "intended: dpd 30 5 on-demand" in block


def test_tunnel_taken_down_is_operational_drift_naming_the_tunnel(site: LabFleet,
                                                                  inventory: Path) -> None:
    site.router("h1-frag").set_fault("peer-down")
    out = flexorch(inventory, "drift", "--site", "hub1")
    assert out.returncode == 1
    spoke = out.stdout.split("h1-frag (spoke): DRIFT", 1)[1].split("\nh1-sgt", 1)[0]
    assert "  - h1-frag Tunnel0 to hub1 status: expected READY, observed absent" in spoke
    assert "config:" not in spoke  # the config is as intended
    hub = out.stdout.split("hub1 (hub): DRIFT", 1)[1].split("\nh1-frag", 1)[0]
    assert "  - hub1 Virtual-Template1 to h1-frag status: expected READY" in hub
    for name in ("h1-gre", "h1-ipsec", "h1-v6", "h1-mixed", "h1-sgt", "h1-cert"):
        assert f"{name} (spoke): clean" in out.stdout


def test_junit_one_case_per_host_and_check_secrets_masked(site: LabFleet,
                                                          inventory: Path) -> None:
    # A PSK typed wrong by hand on one spoke: config drift in the keyring and the tunnel down.
    wrong = "Typed-By-Hand-Wrong-Key-4242"
    assert site.router("h1-gre").apply_config(
        ["crypto ikev2 keyring FLEX_KEYS", " peer hub1", f"  pre-shared-key {wrong}"]) == []
    out = flexorch(inventory, "drift", "--site", "hub1", "--format", "junit")
    assert out.returncode == 1
    for secret in [wrong, *_secrets()]:
        assert secret not in out.stdout
    root = ET.fromstring(out.stdout)
    cases = root.findall("./testsuite/testcase")
    by_host: dict[str, dict[str, ET.Element]] = {}
    for case in cases:
        by_host.setdefault(case.get("classname", ""), {})[case.get("name", "")] = case
    assert set(by_host) == set(HUB1)
    gre = by_host["h1-gre"]
    keyring = gre["config drift: crypto ikev2 keyring FLEX_KEYS"].find("failure")
    assert keyring is not None
    assert "pre-shared-key ******" in (keyring.text or "")
    assert "secret value differs" in (keyring.text or "")
    tunnel = gre["operational drift: Tunnel0 to hub1"].find("failure")
    assert tunnel is not None and "status" in (tunnel.text or "")
    assert gre["Tunnel0 status (peer hub1)"].find("failure") is not None
    # a clean spoke: its checks and both drift kinds pass
    sgt = by_host["h1-sgt"]
    assert {"config drift", "operational drift", "Tunnel0 status (peer hub1)",
            "Tunnel0 sgt (peer hub1)"} <= set(sgt)
    assert all(len(case) == 0 for case in sgt.values())
    failures = int(root.get("failures", "-1"))
    assert failures == sum(1 for c in cases if c.find("failure") is not None)
    assert root.get("errors") == "0"


def test_unreachable_host_is_reported_and_the_others_are_checked(site: LabFleet,
                                                                 inventory: Path) -> None:
    site.router("h1-cert").set_fault("auth-refuse")
    out = flexorch(inventory, "drift", "--site", "hub1", "--format", "json")
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    hosts = _hosts(json.loads(out.stdout))
    assert hosts["h1-cert"]["status"] == "unreachable"
    assert hosts["h1-cert"]["message"] == "authentication failed"
    assert {name: h["status"] for name, h in hosts.items() if name != "h1-cert"} == \
        dict.fromkeys(HUB1[:-1], "clean")
    assert "h1-cert: cannot read the router: authentication failed" in out.stderr

    from flexorch.history import open_store

    store = open_store()
    try:
        run = store.last_run("hub1", "drift")
    finally:
        store.close()
    assert run is not None and run.outcome == "failed"
    record = run.host("h1-cert")
    assert record is not None
    assert (record.status, record.step, record.message) == (
        "unreachable", "connect", "authentication failed")


def test_corrupted_history_database_does_not_stop_the_report(site: LabFleet, inventory: Path,
                                                             tmp_path: Path) -> None:
    broken = tmp_path / "history.sqlite3"
    broken.write_bytes(b"this is not a database, it was overwritten by accident\n" * 200)
    out = flexorch(inventory, "drift", "--site", "hub1", "--format", "json",
                   env={"FLEXORCH_DB": str(broken)})
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    assert document["ok"] is True
    assert document["run_id"] is None
    assert str(broken) in document["history_error"]
    assert str(broken) in out.stderr
    assert "Traceback" not in out.stderr
    # named, not replaced
    assert broken.read_bytes().startswith(b"this is not a database")


def test_locked_history_database_does_not_stop_the_report(site: LabFleet, inventory: Path,
                                                          tmp_path: Path) -> None:
    from flexorch.history import open_store

    path = tmp_path / "locked.sqlite3"
    open_store(str(path)).close()  # a valid, migrated store
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        out = flexorch(inventory, "drift", "--site", "hub1",
                       env={"FLEXORCH_DB": str(path), "FLEXORCH_DB_TIMEOUT": "1"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert out.returncode == 0, out.stderr
    assert "drift: 8 hosts, 8 clean" in out.stdout
    assert "history: run NOT recorded" in out.stdout
    assert "run history not recorded" in out.stderr


def test_single_host(site: LabFleet, inventory: Path) -> None:
    out = flexorch(inventory, "drift", "--host", "h1-v6", "--format", "json")
    assert out.returncode == 0, out.stderr
    document = json.loads(out.stdout)
    assert list(_hosts(document)) == ["h1-v6"]
    assert document["site"] == "hub1"


def test_one_ssh_session_per_router(site: LabFleet, fleet: Fleet) -> None:
    from flexorch.drift.run import drift_hosts

    def logins() -> dict[str, int]:
        return {n: site.router(n).call(lambda r: int(r.sessions_total)) for n in HUB1}

    before = logins()
    report = drift_hosts(fleet, HUB1, site="hub1", workers=4)
    after = logins()
    assert report.ok
    assert {n: after[n] - before[n] for n in HUB1} == dict.fromkeys(HUB1, 1)
