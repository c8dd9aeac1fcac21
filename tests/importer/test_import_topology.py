"""Topology discovery on small hand-written configs: hubs by virtual template or by being
dialed, clients, the hub of a site-to-site pair, a spoke behind static NAT, routers no link
joins, and the hub order of a dual-hub spoke."""

from __future__ import annotations

from pathlib import Path

from flexorch.importer.run import Options, import_files

PROTECTED = """\
crypto ipsec profile P
 set ikev2-profile X
crypto ikev2 profile X
 match identity remote any
 authentication remote pre-share
 authentication local pre-share
"""


def _router(name: str, wan: str, *, tunnels: tuple[str, ...] = (), template: bool = False,
            client: tuple[str, ...] = (), nat: str = "") -> str:
    text = f"hostname {name}\ninterface GigabitEthernet1\n ip address {wan} 255.255.255.0\n"
    text += PROTECTED + nat
    for index, destination in enumerate(tunnels):
        text += (f"interface Tunnel{index}\n tunnel source GigabitEthernet1\n"
                 f" tunnel mode ipsec ipv4\n tunnel destination {destination}\n"
                 " tunnel protection ipsec profile P\n")
    if template:
        text += ("interface Virtual-Template1 type tunnel\n tunnel mode ipsec ipv4\n"
                 " tunnel protection ipsec profile P\n")
    if client:
        text += "crypto ikev2 client flexvpn C\n" + "".join(
            f"  peer {i + 1} {a}\n" for i, a in enumerate(client)) + "  client connect Tunnel9\n"
    return text


def _place(tmp_path: Path, configs: dict[str, str]) -> tuple[dict[str, tuple[str, str, list[str]]],
                                                             list[str]]:
    files = []
    for name, text in configs.items():
        files.append(tmp_path / f"{name}.cfg")
        files[-1].write_text(text, encoding="utf-8")
    result = import_files(files, Options(tmp_path / "fleet"))
    assert result.written, result.unexpressed
    return ({n: (h["site"], h["role"], result.hubs.get(n, [])) for n, h in result.hosts.items()},
            result.sites)


def test_template_hub_spokes_and_a_client(tmp_path: Path) -> None:
    placed, sites = _place(tmp_path, {
        "hq": _router("hq", "192.0.2.1", template=True),
        "s1": _router("s1", "192.0.2.11", tunnels=("192.0.2.1",)),
        "c1": _router("c1", "192.0.2.21", client=("192.0.2.1",)),
    })
    assert placed == {"hq": ("hq", "hub", []), "s1": ("hq", "spoke", ["hq"]),
                      "c1": ("hq", "client", ["hq"])}
    assert sites == ["hq"]


def test_dual_hub_spoke_keeps_its_dial_order(tmp_path: Path) -> None:
    placed, _ = _place(tmp_path, {
        "a": _router("a", "192.0.2.1"), "b": _router("b", "192.0.2.2"),
        "s1": _router("s1", "192.0.2.11", tunnels=("192.0.2.2", "192.0.2.1")),
        "s2": _router("s2", "192.0.2.12", tunnels=("192.0.2.1", "192.0.2.2")),
    })
    assert placed["s1"] == ("a", "spoke", ["b", "a"])
    assert placed["s2"] == ("a", "spoke", ["a", "b"])
    assert placed["a"][1] == placed["b"][1] == "hub"


def test_a_site_to_site_pair_gets_one_hub(tmp_path: Path) -> None:
    placed, sites = _place(tmp_path, {
        "east": _router("east", "192.0.2.1", tunnels=("198.51.100.1",)),
        "west": _router("west", "198.51.100.1", tunnels=("192.0.2.1",)),
    })
    assert placed == {"east": ("east", "hub", []), "west": ("east", "spoke", ["east"])}
    assert sites == ["east"]


def test_a_hub_reached_through_static_nat(tmp_path: Path) -> None:
    # the edge router translates the hub's 10.0.0.1 to 203.0.113.1, which the spokes dial
    nat = "ip nat inside source static 10.0.0.1 203.0.113.1\n"
    placed, sites = _place(tmp_path, {
        "edge": _router("edge", "198.51.100.1", nat=nat),
        "s1": _router("s1", "192.0.2.11", tunnels=("203.0.113.1",)),
        "s2": _router("s2", "192.0.2.12", tunnels=("203.0.113.1",)),
        "hq": _router("hq", "10.0.0.1"),
    })
    assert placed == {"edge": ("edge", "hub", []), "s1": ("hq", "spoke", ["hq"]),
                      "s2": ("hq", "spoke", ["hq"]), "hq": ("hq", "hub", [])}
    assert sites == ["edge", "hq"]


def test_unlinked_routers_are_sites_of_their_own(tmp_path: Path) -> None:
    placed, sites = _place(tmp_path, {
        "azure-gw": _router("azure-gw", "192.0.2.1", tunnels=("20.1.2.3",)),
        "aws-gw": _router("aws-gw", "198.51.100.1", tunnels=("52.1.2.3",)),
    })
    assert placed == {"azure-gw": ("azure-gw", "hub", []), "aws-gw": ("aws-gw", "hub", [])}
    assert sites == ["aws-gw", "azure-gw"]
