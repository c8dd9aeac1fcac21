"""Type-6 keys survive reload, configure replace, rollback and a lab restart, as on IOS.

IOS keeps the master key (``key config-key password-encrypt``) in private NVRAM: no config text
(show running-config, startup-config, archive, flash copy) holds it, yet a reloaded or rolled-back
router still decrypts its type-6 keys. A key the router could not decrypt would be unknown to the
negotiation model, which then cannot see a PSK mismatch; so each check below changes the hub's key
and expects the spoke's SA to fail, which only happens when the spoke's key is still known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from netmiko import ConnectHandler

from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings, RouterSpec
from flexorch.parse.runner import parse_output
from tests.lab.helpers import PASSWORD, USER, free_ports, netmiko_params

pytestmark = pytest.mark.lab

HUB_WAN = "198.51.100.1"
DAY0 = """hostname {name}
interface Loopback0
 ip address 10.0.0.{n} 255.255.255.255
interface GigabitEthernet1
 ip address 198.51.100.{n} 255.255.255.0
archive
 path flash:archive
 maximum 5
"""
PSK = "Spoke-Hub-Psk-7"
OTHER_PSK = "Another-Psk-8"
COMMON = """key config-key password-encrypt {master}
password encryption aes
crypto ikev2 proposal GCM
 encryption aes-gcm-256
 prf sha512
 group 19
crypto ikev2 policy POL
 proposal GCM
crypto ikev2 keyring KR
 peer P
  address {peer}
  pre-shared-key {psk}
crypto ikev2 profile PROF
 match identity remote address {peer} 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec profile VTI
 set ikev2-profile PROF
interface Tunnel0
 ip unnumbered Loopback0
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination {peer}
 tunnel protection ipsec profile VTI
"""
HUB = COMMON.format(master="Hub-Master-Key-1", peer="198.51.100.2", psk=PSK)
SPOKE = COMMON.format(master="Spoke-Master-Key-2", peer=HUB_WAN, psk=PSK)
PSK_LINE = re.compile(r"(?m)^  pre-shared-key (\S+) (\S+)$")


def _specs() -> list[RouterSpec]:
    ports = free_ports(2)
    return [RouterSpec(name, "127.0.0.1", port, USER, PASSWORD, DAY0.format(name=name, n=n))
            for n, (name, port) in enumerate(zip(["hub", "spoke"], ports, strict=True), start=1)]


SETTINGS = LabSettings(revert_seconds_per_minute=0.5, reload_seconds=0.2)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabFleet]:
    with LabFleet.start(specs=_specs(), state_dir=tmp_path_factory.mktemp("mk"),
                        settings=SETTINGS) as fleet:
        assert fleet.router("hub").apply_config(HUB.splitlines()) == []
        assert fleet.router("spoke").apply_config(SPOKE.splitlines()) == []
        yield fleet


def _send(conn: object, command: str, expect: str = r"#") -> str:
    return conn.send_command(command, expect_string=expect)  # type: ignore[attr-defined,no-any-return]


def _sa_statuses(fleet: LabFleet, name: str) -> list[str]:
    with ConnectHandler(**netmiko_params(fleet, name)) as conn:
        text = _send(conn, "show crypto ikev2 sa")
    return [record.status for record in parse_output("show crypto ikev2 sa", text).records]


def _psk_line(fleet: LabFleet, name: str) -> tuple[str, str]:
    with ConnectHandler(**netmiko_params(fleet, name)) as conn:
        text = _send(conn, "show running-config")
    assert "config-key" not in text  # the master key is never shown
    found = PSK_LINE.findall(text)
    assert len(found) == 1, text
    return found[0]


def _assert_key_known(fleet: LabFleet) -> None:
    """The spoke's SA is up, and goes down when only the hub's key changes (the spoke's key is
    known, not an undecryptable type-6 string the model has to take on trust)."""
    assert _sa_statuses(fleet, "spoke") == ["READY"]
    hub = fleet.router("hub")
    assert hub.apply_config(["crypto ikev2 keyring KR", " peer P",
                             f"  pre-shared-key {OTHER_PSK}"]) == []
    try:
        assert _sa_statuses(fleet, "spoke") == []
    finally:
        assert hub.apply_config(["crypto ikev2 keyring KR", " peer P",
                                 f"  pre-shared-key {PSK}"]) == []
    assert _sa_statuses(fleet, "spoke") == ["READY"]


def test_keys_show_type6_and_negotiate(pair: LabFleet) -> None:
    kind, cipher = _psk_line(pair, "spoke")
    assert kind == "6" and PSK not in cipher
    _assert_key_known(pair)


def test_reload_keeps_the_master_key(pair: LabFleet) -> None:
    spoke = pair.router("spoke")
    before = _psk_line(pair, "spoke")
    with ConnectHandler(**netmiko_params(pair, "spoke")) as conn:
        assert "[OK]" in _send(conn, "write memory")
    startup = spoke.startup_config()
    assert f"pre-shared-key 6 {before[1]}" in startup and "config-key" not in startup
    spoke.reload()
    assert _psk_line(pair, "spoke") == before  # same master key: same ciphertext
    _assert_key_known(pair)


def test_configure_replace_and_rollback_keep_the_master_key(pair: LabFleet) -> None:
    before = _psk_line(pair, "spoke")
    spoke = pair.router("spoke")
    with ConnectHandler(**netmiko_params(pair, "spoke")) as conn:
        _send(conn, "copy running-config flash:golden.cfg", r"\?")
        _send(conn, "\n")
        assert "config-key" not in spoke.flash()["golden.cfg"]
        assert "Rollback Done" in _send(conn, "configure replace flash:golden.cfg force")
    assert _psk_line(pair, "spoke") == before
    _assert_key_known(pair)

    with ConnectHandler(**netmiko_params(pair, "spoke")) as conn:
        _send(conn, "configure terminal revert timer 1", r"\(config\)#")
        conn.send_config_set(["interface Loopback9"], enter_config_mode=False)
        assert "Rollback Done" in _send(conn, "configure revert now", r"spoke#")
    assert "Loopback9" not in spoke.running_config()
    assert _psk_line(pair, "spoke") == before
    _assert_key_known(pair)


def test_master_key_survives_a_lab_restart_in_private_nvram(tmp_path: Path) -> None:
    specs = _specs()
    with LabFleet.start(specs=specs, state_dir=tmp_path, settings=SETTINGS) as fleet:
        assert fleet.router("hub").apply_config(HUB.splitlines()) == []
        assert fleet.router("spoke").apply_config(SPOKE.splitlines()) == []
        before = _psk_line(fleet, "spoke")
        with ConnectHandler(**netmiko_params(fleet, "spoke")) as conn:
            _send(conn, "write memory")
        # IOS stores a new master key at once, without write memory: the hub is not saved.
    private = tmp_path / "routers" / "spoke" / "private-config"
    assert private.read_text() == "key config-key password-encrypt Spoke-Master-Key-2\n"
    assert private.stat().st_mode & 0o077 == 0
    assert "config-key" not in (tmp_path / "routers" / "spoke" / "startup-config").read_text()
    assert "Hub-Master-Key-1" in (tmp_path / "routers" / "hub" / "private-config").read_text()

    with LabFleet.start(specs=specs, state_dir=tmp_path, settings=SETTINGS) as fleet:
        assert fleet.router("hub").apply_config(HUB.splitlines()) == []  # hub was never saved
        assert _psk_line(fleet, "spoke") == before
        _assert_key_known(fleet)
        assert fleet.router("spoke").apply_config(["no key config-key password-encrypt"]) == []
    assert private.read_text() == ""
