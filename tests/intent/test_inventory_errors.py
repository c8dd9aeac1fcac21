"""Malformed inventories: through the real CLI entry point, each gives exit code 2 and one line
on stderr naming the file (with line), the host and the intent path, and never a traceback.

Every case starts from the small valid inventory below and changes one thing.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from flexorch.cli import main

DEFAULTS = """\
platform: cisco_ios
data:
  secrets:
    lab_fallback: true
  credentials:
    username: admin
    password: {env: T_DEVICE_PASSWORD}
"""

GROUPS = """\
base:
  data:
    site: s1
    ikev2_proposals:
      P1:
        encryption: [aes-gcm-256]
        prf: [sha512]
        group: [21]
    flexvpn:
      wan: GigabitEthernet1
      profile: FLEX
      keyring: KEYS
      identity_domain: s1.example
spokes:
  groups: [base]
  data:
    role: spoke
    hubs: [hub1]
    ikev2_profiles:
      FLEX:
        authentication_local: {method: pre-share}
        authentication_remote: [{method: pre-share}]
"""

HOSTS = """\
hub1:
  hostname: 127.0.0.1
  port: 22001
  groups: [base]
  data:
    role: hub
    interfaces:
      GigabitEthernet1: {ipv4: 192.0.2.1/24}
    ikev2_profiles:
      FLEX:
        authentication_local: {method: pre-share}
        authentication_remote: [{method: pre-share}]
        virtual_template: {number: 1}
spoke1:
  hostname: 127.0.0.1
  port: 22002
  groups: [spokes]
  data:
    psk: {env: T_PSK_SPOKE1}
    interfaces:
      GigabitEthernet1: {description: WAN, ipv4: 198.51.100.2/24}
    tunnels:
      Tunnel0:
        description: to hub1
        source: GigabitEthernet1
        mode: ipsec ipv4
        peer: hub1
        ip_mtu: 1400
"""

FILES = {"hosts.yaml": HOSTS, "groups.yaml": GROUPS, "defaults.yaml": DEFAULTS}


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def write_inventory(folder: Path, changes: list[tuple[str, str, str]]) -> Path:
    """The base inventory with each (file, old, new) replacement applied exactly once."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = dict(FILES)
    for file, old, new in changes:
        assert texts[file].count(old) == 1, f"ambiguous test edit {old!r}"
        texts[file] = texts[file].replace(old, new)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def flexorch(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run the real `flexorch` entry point in-process: (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["flexorch", *args])
        with pytest.raises(SystemExit) as stopped:
            main()
        captured = capsys.readouterr()
        return int(stopped.value.code or 0), captured.out, captured.err

    return run


def test_base_inventory_is_valid(tmp_path: Path, flexorch: Runner) -> None:
    code, out, err = flexorch("--inventory", str(write_inventory(tmp_path, [])), "render")
    assert (code, err) == (0, "")
    assert "tunnel destination 192.0.2.1" in out


# (case id, edits, pieces the one-line message must contain). "{hosts}" / "{groups}" stand for
# "<file>:<line of the given text>" so the expected line is computed from the text, by hand.
CASES: list[tuple[str, list[tuple[str, str, str]], list[str]]] = [
    (
        "yaml-syntax-hosts",
        [("hosts.yaml", "    role: hub\n", "    role: [hub\n")],
        ["hosts.yaml:", "YAML syntax error"],
    ),
    (
        "yaml-syntax-groups",
        [("groups.yaml", "        prf: [sha512]", "        prf: [sha512")],
        ["groups.yaml:", "YAML syntax error"],
    ),
    (
        "yaml-tab-indent",
        [("hosts.yaml", "    role: hub", "\trole: hub")],
        ["hosts.yaml:", "YAML syntax error"],
    ),
    (
        "duplicate-host",
        [("hosts.yaml", "spoke1:\n", "hub1:\n")],
        ["hosts.yaml:", "duplicate key 'hub1'"],
    ),
    (
        "duplicate-data-key",
        [("hosts.yaml", "    role: hub\n", "    role: hub\n    role: hub\n")],
        ["hosts.yaml:", "duplicate key 'role'"],
    ),
    (
        "unknown-host-key",
        [("hosts.yaml", "  port: 22002", "  prot: 22002")],
        [
            "{hosts:  prot: 22002}",
            "host spoke1",
            "prot",
            "unknown key 'prot' (did you mean 'port'?)",
        ],
    ),
    (
        "unknown-data-key",
        [("hosts.yaml", "    tunnels:", "    tunnel:")],
        ["{hosts:    tunnel:}", "host spoke1", "data.tunnel", "did you mean 'tunnels'?"],
    ),
    (
        "unknown-nested-key",
        [("hosts.yaml", "        source: GigabitEthernet1", "        sorce: GigabitEthernet1")],
        [
            "{hosts:        sorce:}",
            "host spoke1",
            "data.tunnels.Tunnel0",
            "unknown key 'sorce' (did you mean 'source'?)",
        ],
    ),
    (
        "port-not-a-number",
        [("hosts.yaml", "port: 22002", "port: twenty")],
        ["{hosts:port: twenty}", "host spoke1", "port", "must be a whole number", "'twenty'"],
    ),
    (
        "port-out-of-range",
        [("hosts.yaml", "port: 22002", "port: 70000")],
        ["{hosts:port: 70000}", "host spoke1", "port", "less than or equal to 65535"],
    ),
    (
        "bad-ipv4",
        [("hosts.yaml", "198.51.100.2/24", "198.51.100.300/24")],
        [
            "{hosts:198.51.100.300}",
            "host spoke1",
            "data.interfaces.GigabitEthernet1.ipv4",
            "IPv4 interface",
        ],
    ),
    (
        "bad-destination",
        [("hosts.yaml", "        peer: hub1", "        destination: 10.0.0.256")],
        [
            "{hosts:destination: 10.0.0.256}",
            "host spoke1",
            "data.tunnels.Tunnel0.destination",
            "'10.0.0.256' is not an IP address, 'dynamic' or a host name",
        ],
    ),
    (
        "bad-interface-name",
        [
            (
                "hosts.yaml",
                "      GigabitEthernet1: {description: WAN",
                "      Gig1x: {description: WAN",
            )
        ],
        ["hosts.yaml:", "host spoke1", "data.interfaces", "'Gig1x' is not an interface name"],
    ),
    (
        "interface-twice",
        [
            (
                "hosts.yaml",
                "      GigabitEthernet1: {ipv4: 192.0.2.1/24}",
                "      GigabitEthernet1: {ipv4: 192.0.2.1/24}\n      gi1: {}",
            )
        ],
        ["host hub1", "data.interfaces", "interface GigabitEthernet1 is given twice ('gi1')"],
    ),
    (
        "unknown-tunnel-mode",
        [("hosts.yaml", "mode: ipsec ipv4", "mode: ipsec ipv5")],
        ["{hosts:mode: ipsec ipv5}", "host spoke1", "data.tunnels.Tunnel0.mode", "'ipsec ipv5'"],
    ),
    (
        "unknown-cipher",
        [("groups.yaml", "encryption: [aes-gcm-256]", "encryption: [aes-cbc-512]")],
        [
            "{groups:encryption: [aes-cbc-512]}",
            "host hub1",
            "group base: data.ikev2_proposals.P1.encryption[0]",
            "'aes-cbc-512'",
        ],
    ),
    (
        "unknown-dh-group",
        [("groups.yaml", "group: [21]", "group: [7]")],
        ["{groups:group: [7]}", "group base: data.ikev2_proposals.P1.group[0]", "got 7"],
    ),
    (
        "mtu-out-of-range",
        [("hosts.yaml", "ip_mtu: 1400", "ip_mtu: 20")],
        ["{hosts:ip_mtu: 20}", "data.tunnels.Tunnel0.ip_mtu", "greater than or equal to 68"],
    ),
    (
        "wrong-type-list",
        [("hosts.yaml", "    role: hub", "    role: hub\n    hubs: hub2")],
        ["host hub1", "data.hubs", "valid list"],
    ),
    (
        "missing-secret-ref",
        [
            (
                "hosts.yaml",
                "    psk: {env: T_PSK_SPOKE1}\n",
                "    ikev2_keyrings:\n      K:\n        peers:\n"
                "          p1: {address: 192.0.2.1}\n",
            )
        ],
        [
            "{hosts:p1: {address}",
            "data.ikev2_keyrings.K.peers.p1",
            "a keyring peer needs pre_shared_key or pre_shared_key_local/remote",
        ],
    ),
    (
        "literal-secret",
        [("hosts.yaml", "psk: {env: T_PSK_SPOKE1}", "psk: Sup3rSecretLiteral")],
        ["{hosts:psk:}", "host spoke1", "data.psk", "must be a secret reference"],
    ),
    (
        "bad-env-name",
        [("hosts.yaml", "psk: {env: T_PSK_SPOKE1}", "psk: {env: 1BAD}")],
        ["host spoke1", "data.psk", "'1BAD' is not a valid environment variable name"],
    ),
    (
        "unknown-hub",
        [("groups.yaml", "hubs: [hub1]", "hubs: [hub9]")],
        ["{groups:hubs: [hub9]}", "host spoke1", "data.hubs[0]", "unknown hub 'hub9'"],
    ),
    (
        "hub-is-a-spoke",
        [("groups.yaml", "hubs: [hub1]", "hubs: [spoke1]")],
        ["host spoke1", "data.hubs", "a router cannot be its own hub"],
    ),
    (
        "hub-in-other-site",
        [("hosts.yaml", "    role: hub\n", "    role: hub\n    site: s2\n")],
        ["host spoke1", "data.hubs[0]", "hub 'hub1' is in site s2, not s1"],
    ),
    (
        "tunnel-peer-not-a-hub",
        [("hosts.yaml", "        peer: hub1", "        peer: hub2")],
        [
            "{hosts:peer: hub2}",
            "host spoke1",
            "data.tunnels.Tunnel0.peer",
            "'hub2' is neither one of this host's hubs (hub1) nor one of its external_peers",
        ],
    ),
    (
        "destination-and-peer",
        [
            (
                "hosts.yaml",
                "        peer: hub1",
                "        peer: hub1\n        destination: 192.0.2.1",
            )
        ],
        ["host spoke1", "data.tunnels.Tunnel0", "either destination or peer"],
    ),
    (
        "unknown-group",
        [("hosts.yaml", "groups: [spokes]", "groups: [spokez]")],
        [
            "{hosts:groups: [spokez]}",
            "host spoke1",
            "groups[0]",
            "unknown group 'spokez' (did you mean 'spokes'?)",
        ],
    ),
    (
        "group-cycle",
        [("groups.yaml", "base:\n  data:", "base:\n  groups: [spokes]\n  data:")],
        ["groups.yaml:", "group cycle"],
    ),
    (
        "duplicate-address",
        [("hosts.yaml", "port: 22002", "port: 22001  # same as hub1")],
        [
            "{hosts:port: 22001  #}",
            "host spoke1",
            "port",
            "127.0.0.1:22001 is already used by host hub1",
        ],
    ),
    (
        "newline-injection",
        [("hosts.yaml", "description: to hub1", 'description: "to hub1\\n shutdown"')],
        [
            '{hosts:description: "to hub1}',
            "data.tunnels.Tunnel0.description",
            "line break or control character",
        ],
    ),
    (
        "question-mark",
        [("hosts.yaml", "description: to hub1", "description: to hub1?")],
        ["data.tunnels.Tunnel0.description", "'?'"],
    ),
    (
        "non-ascii",
        [("hosts.yaml", "description: to hub1", "description: to hüb1")],
        ["data.tunnels.Tunnel0.description", "non-ASCII"],
    ),
    (
        "name-with-space",
        [("groups.yaml", "      P1:", '      "P 1":')],
        ["group base: data.ikev2_proposals", "'P 1' is not a valid IOS object name"],
    ),
    (
        "missing-role",
        [("hosts.yaml", "    role: hub\n", "")],
        ["{hosts:  data:}", "host hub1", "data", "missing required data key 'role'"],
    ),
    (
        "bad-role",
        [("hosts.yaml", "    role: hub", "    role: router")],
        ["{hosts:role: router}", "host hub1", "data.role", "'router'"],
    ),
    (
        "spoke-without-hubs",
        [("groups.yaml", "    hubs: [hub1]\n", "")],
        ["host spoke1", "data.role", "a spoke needs hubs"],
    ),
    (
        "top-level-password",
        [("hosts.yaml", "  port: 22002", "  port: 22002\n  password: cisco")],
        ["{hosts:  password: cisco}", "host spoke1", "device credentials go in data.credentials"],
    ),
    (
        "secrets-outside-defaults",
        [("hosts.yaml", "    role: hub", "    role: hub\n    secrets: {lab_fallback: true}")],
        ["host hub1", "data.secrets", "fleet-wide setting: put it in defaults.yaml"],
    ),
    (
        "profile-not-defined",
        [("groups.yaml", "      profile: FLEX", "      profile: FLEXX")],
        ["host hub1", "data.flexvpn.profile", "profile 'FLEXX' is not in ikev2_profiles"],
    ),
    (
        "hub-on-dhcp",
        [("hosts.yaml", "      GigabitEthernet1: {ipv4: 192.0.2.1/24}",
          "      GigabitEthernet1: {ip_dhcp: true}")],
        ["host spoke1", "data.tunnels.Tunnel0.peer",
         "hub 'hub1' learns its WAN address by DHCP (GigabitEthernet1 ip_dhcp): its peers "
         "cannot dial it"],
    ),
    (
        "dhcp-spoke-without-identity",
        [("groups.yaml", "      identity_domain: s1.example\n", ""),
         ("hosts.yaml", "{description: WAN, ipv4: 198.51.100.2/24}",
          "{description: WAN, ip_dhcp: true}")],
        ["host spoke1", "data.flexvpn",
         "no identity, and the WAN address is learned by DHCP (GigabitEthernet1 ip_dhcp)"],
    ),
    (
        "hub-on-slaac",
        [("hosts.yaml", "      GigabitEthernet1: {ipv4: 192.0.2.1/24}",
          "      GigabitEthernet1: {ipv4: 192.0.2.1/24, ipv6_autoconfig: true}"),
         ("hosts.yaml", "        mode: ipsec ipv4\n", "        mode: ipsec ipv6\n")],
        ["host spoke1", "data.tunnels.Tunnel0.peer",
         "hub 'hub1' learns its WAN address by SLAAC (GigabitEthernet1 ipv6_autoconfig): its "
         "peers cannot dial it; give it a fixed ipv6 address"],
    ),
    (
        "dhcpv6-spoke-without-identity",
        [("groups.yaml", "      identity_domain: s1.example\n", ""),
         ("hosts.yaml", "      GigabitEthernet1: {ipv4: 192.0.2.1/24}",
          "      GigabitEthernet1: {ipv4: 192.0.2.1/24, ipv6: ['2001:db8::1/64']}"),
         ("hosts.yaml", "{description: WAN, ipv4: 198.51.100.2/24}",
          "{description: WAN, ipv6_dhcp: true, ipv6_autoconfig: true}"),
         ("hosts.yaml", "        mode: ipsec ipv4\n", "        mode: ipsec ipv6\n")],
        ["host spoke1", "data.flexvpn",
         "no identity, and the WAN address is learned by DHCPv6/SLAAC (GigabitEthernet1 "
         "ipv6_dhcp/ipv6_autoconfig)"],
    ),
    (
        "autoconfig-default-without-autoconfig",
        [("hosts.yaml", "{description: WAN, ipv4: 198.51.100.2/24}",
          "{description: WAN, ipv4: 198.51.100.2/24, ipv6_autoconfig_default: true}")],
        ["host spoke1", "data.interfaces.GigabitEthernet1",
         "ipv6_autoconfig_default needs ipv6_autoconfig: true"],
    ),
    (
        "subnet-address-on-an-interface",
        [("hosts.yaml", "{description: WAN, ipv4: 198.51.100.2/24}",
          "{description: WAN, ipv4: 198.51.100.0/24}")],
        ["host spoke1", "data.interfaces.GigabitEthernet1.ipv4",
         "198.51.100.0/24 is its subnet's own address: IOS refuses it ('% Bad mask /24 for "
         "address 198.51.100.0')"],
    ),
    (
        "dhcp-and-address",
        [("hosts.yaml", "{description: WAN, ipv4: 198.51.100.2/24}",
          "{description: WAN, ipv4: 198.51.100.2/24, ip_dhcp: true}")],
        ["host spoke1", "data.interfaces.GigabitEthernet1",
         "give one of ipv4, ip_unnumbered, ip_negotiated, ip_dhcp"],
    ),
    (
        "dhcp-options-without-dhcp",
        [("hosts.yaml", "{description: WAN, ipv4: 198.51.100.2/24}",
          "{description: WAN, ipv4: 198.51.100.2/24, dhcp_client_id: GigabitEthernet1}")],
        ["host spoke1", "data.interfaces.GigabitEthernet1",
         "dhcp_client_id and dhcp_hostname need ip_dhcp: true"],
    ),
    (
        "hosts-not-a-mapping",
        [("hosts.yaml", HOSTS, "- hub1\n- spoke1\n")],
        ["hosts.yaml", "must be a mapping of names, got list"],
    ),
]


@pytest.mark.parametrize(
    ("edits", "expected"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES]
)
def test_malformed_inventory(
    tmp_path: Path, flexorch: Runner, edits: list[tuple[str, str, str]], expected: list[str]
) -> None:
    folder = write_inventory(tmp_path / "inv", edits)
    code, out, err = flexorch("--inventory", str(folder), "render")
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("flexorch: error: ")
    assert "Traceback" not in err
    for given in expected:
        piece = given
        if given.startswith("{"):
            file, needle = given[1:-1].split(":", 1)
            text = (folder / f"{file}.yaml").read_text(encoding="utf-8")
            piece = f"{file}.yaml:{_line_of(text, needle)}:"
        assert piece in lines[0], f"{piece!r} not in {lines[0]!r}"
    assert "Sup3rSecretLiteral" not in err


def test_missing_hosts_file(tmp_path: Path, flexorch: Runner) -> None:
    code, _, err = flexorch("--inventory", str(tmp_path), "render")
    assert code == 2
    assert err.strip().endswith("hosts.yaml: file not found")


def test_unknown_site_and_host(tmp_path: Path, flexorch: Runner) -> None:
    folder = write_inventory(tmp_path, [])
    code, _, err = flexorch("--inventory", str(folder), "render", "--site", "s9")
    assert (code, err.strip()) == (2, "flexorch: error: unknown site 's9' (sites: s1)")
    code, _, err = flexorch("--inventory", str(folder), "render", "--host", "spoke2")
    assert (code, err.strip()) == (
        2,
        "flexorch: error: unknown host 'spoke2' (did you mean 'spoke1'?)",
    )


def test_unset_secret_without_lab_fallback(
    tmp_path: Path, flexorch: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_inventory(
        tmp_path / "inv", [("defaults.yaml", "lab_fallback: true", "lab_fallback: false")]
    )
    monkeypatch.delenv("T_PSK_SPOKE1", raising=False)
    monkeypatch.setenv("T_DEVICE_PASSWORD", "device-pass-123")
    # masked output needs no secret at all
    code, out, err = flexorch("--inventory", str(folder), "render", "--host", "spoke1")
    assert (code, err) == (0, "")
    assert "pre-shared-key ******" in out
    code, _, err = flexorch(
        "--inventory",
        str(folder),
        "render",
        "--host",
        "spoke1",
        "--out",
        str(tmp_path / "out"),
        "--with-secrets",
    )
    assert code == 2
    line = _line_of((folder / "hosts.yaml").read_text(encoding="utf-8"), "psk:")
    assert err == (
        f"flexorch: error: {folder / 'hosts.yaml'}:{line}: host spoke1: data.psk: "
        "environment variable T_PSK_SPOKE1 is not set\n"
    )


def test_missing_secret_file(tmp_path: Path, flexorch: Runner) -> None:
    folder = write_inventory(
        tmp_path / "inv",
        [("hosts.yaml", "psk: {env: T_PSK_SPOKE1}", f"psk: {{file: {tmp_path}/nope.psk}}")],
    )
    code, _, err = flexorch(
        "--inventory", str(folder), "render", "--out", str(tmp_path / "o"), "--with-secrets"
    )
    assert code == 2
    # hub1 is rendered first: its keyring entry for spoke1 is derived from spoke1's psk, and the
    # message points at the line where that reference is written.
    line = _line_of((folder / "hosts.yaml").read_text(encoding="utf-8"), "psk:")
    assert f"hosts.yaml:{line}: host hub1: " in err
    assert "data.ikev2_keyrings.KEYS.peers.spoke1.pre_shared_key (from host spoke1 data.psk)" in err
    assert "nope.psk cannot be read" in err
    code, _, err = flexorch(
        "--inventory",
        str(folder),
        "render",
        "--host",
        "spoke1",
        "--out",
        str(tmp_path / "o"),
        "--with-secrets",
    )
    assert code == 2
    assert f"hosts.yaml:{line}: host spoke1: data.psk: secret file " in err


def test_no_traceback_from_the_installed_command(tmp_path: Path) -> None:
    folder = write_inventory(tmp_path, [("hosts.yaml", "port: 22002", "port: twenty")])
    done = subprocess.run(
        [sys.executable, "-m", "flexorch", "--inventory", str(folder), "render"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "host spoke1: port: must be a whole number, got the text 'twenty'" in done.stderr


@pytest.mark.parametrize(
    # each long enough to be a pre-shared key (8+); a final line break used to pass ($)
    "value", ["two words", "line\nbreak", "why-not-this?", "tab\there",
              "\u00e9t\u00e9-\u00e9t\u00e9-\u00e9t\u00e9", "ends-in-a-newline\n"]
)
def test_secret_value_that_would_break_the_config_line(
    tmp_path: Path, flexorch: Runner, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("T_PSK_SPOKE1", value)
    folder = write_inventory(tmp_path / "inv", [])
    code, _, err = flexorch(
        "--inventory",
        str(folder),
        "render",
        "--host",
        "spoke1",
        "--out",
        str(tmp_path / "o"),
        "--with-secrets",
    )
    assert code == 2
    assert len(err.splitlines()) == 1
    line = _line_of((folder / "hosts.yaml").read_text(encoding="utf-8"), "psk:")
    assert f"hosts.yaml:{line}: host spoke1: data.psk: the value of env:T_PSK_SPOKE1 must be" in err
    assert value not in err
    assert not (tmp_path / "o" / "spoke1.cfg").exists()


def test_no_secret_in_connection_options(tmp_path: Path, flexorch: Runner) -> None:
    folder = write_inventory(
        tmp_path / "inv",
        [
            (
                "hosts.yaml",
                "  port: 22002",
                "  port: 22002\n  connection_options:\n"
                "    netmiko:\n      extras: {secret: en4ble}",
            )
        ],
    )
    code, _, err = flexorch("--inventory", str(folder), "render")
    assert code == 2
    assert ("host spoke1: connection_options: netmiko.extras.secret is a secret: write it as a "
            "reference") in err
    assert "en4ble" not in err


def test_problems_recorded_keeps_inventory_errors_and_lets_others_through() -> None:
    from flexorch.errors import InventoryError
    from flexorch.intent.loader import Problems

    problems = Problems()
    with problems.recorded("h1"):
        raise InventoryError("bad port", file="inventory/hosts.yaml:3", host="h1", path="port")
    with problems.recorded("h2"):
        pass  # nothing raised: h2 is fine
    with pytest.raises(KeyError), problems.recorded("h3"):
        raise KeyError("not an inventory problem")
    assert problems.names == {"h1"} and problems.count == 1
    with pytest.raises(InventoryError) as got:
        problems.raise_any()
    assert (got.value.reason, got.value.file, got.value.host) == (
        "bad port", "inventory/hosts.yaml:3", "h1")
