"""Property: for generated fleets, render -> import -> render gives the same configs, byte for
byte (derandomized like every property test: tests/conftest.py).

A drawn fleet is one site: a hub and 1-4 spokes with drawn crypto (proposal transforms and DH
groups, transform set, PFS, lifetimes), tunnel flavours (GRE, IPsec IPv4, IPsec over IPv6),
DPD, fragmentation, descriptions and pre-shared keys; it is written as an inventory, loaded and
rendered (secrets in clear), and those configs are imported. The imported inventory must
render every router exactly as the drawn one did.
"""

from __future__ import annotations

import ipaddress
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from flexorch.importer.run import Options, import_files
from flexorch.intent import load_fleet
from flexorch.render import render_full

NAMES = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789", min_size=1, max_size=8).map(
    lambda s: f"X{s}")
TEXT = st.text("abcdefghijklmnopqrstuvwxyz ,.-0123456789", min_size=1, max_size=30).map(
    lambda s: f"d {s.strip()}".strip())


@st.composite
def crypto(draw: Any) -> dict[str, Any]:
    gcm = draw(st.booleans())
    proposal: dict[str, Any] = {
        "encryption": draw(st.lists(st.sampled_from(["aes-gcm-256", "aes-gcm-128"] if gcm else
                                                   ["aes-cbc-256", "aes-cbc-128"]),
                                    min_size=1, max_size=2, unique=True)),
        "group": draw(st.lists(st.sampled_from([14, 19, 20, 21]), min_size=1, max_size=3,
                               unique=True)),
    }
    proposal["prf" if gcm else "integrity"] = draw(st.lists(
        st.sampled_from(["sha256", "sha384", "sha512"]), min_size=1, max_size=2, unique=True))
    ts = draw(st.sampled_from([{"esp_encryption": "esp-gcm 256"},
                               {"esp_encryption": "esp-aes 256", "esp_integrity": "esp-sha-hmac"},
                               {"esp_encryption": "esp-aes", "esp_integrity": "esp-sha256-hmac",
                                "mode": "transport"}]))
    ipsec: dict[str, Any] = {"transform_sets": ["TS"], "ikev2_profile": "FLEX"}
    if draw(st.booleans()):
        ipsec["pfs"] = draw(st.sampled_from(["group14", "group19", "group20"]))
    if draw(st.booleans()):
        ipsec["lifetime"] = {"seconds": draw(st.integers(120, 86400))}
    return {"ikev2_proposals": {draw(NAMES): proposal}, "ipsec_transform_sets": {"TS": ts},
            "ipsec_profiles": {"IPSEC": ipsec}}


@st.composite
def fleets(draw: Any) -> dict[str, Any]:
    shared = draw(crypto())
    (proposal,) = shared["ikev2_proposals"]
    shared["ikev2_policies"] = {"POL": {"match_fvrf": "any", "proposals": [proposal]}}
    profile: dict[str, Any] = {"match": {"fvrf": "any"},
                               "authentication_remote": [{"method": "pre-share"}],
                               "authentication_local": {"method": "pre-share"}}
    if draw(st.booleans()):
        profile["dpd"] = {"interval": draw(st.integers(10, 3600)),
                          "retry": draw(st.integers(2, 60)),
                          "mode": draw(st.sampled_from(["on-demand", "periodic"]))}
    hub: dict[str, Any] = {
        "role": "hub", "interfaces": {"GigabitEthernet1": {"ipv4": "192.0.2.1/24",
                                                          "ipv6": ["2001:db8::1/64"]}},
        "loopbacks": {"Loopback0": {"ipv4": "10.0.0.1/32"}},
        "virtual_templates": {"Virtual-Template1": {"ip_unnumbered": "Loopback0",
                                                    "protection": "IPSEC"}},
        "ikev2_profiles": {"FLEX": {**profile, "virtual_template": {"number": 1,
                                                                     "mode_auto": True}}},
    }
    if draw(st.booleans()):
        hub["ikev2"] = {"fragmentation": {"mtu": draw(st.integers(576, 1400))}}
    hosts = {"hub": hub}
    for index in range(1, draw(st.integers(1, 4)) + 1):
        mode = draw(st.sampled_from(["gre ip", "ipsec ipv4", "ipsec ipv6"]))
        wan = ({"ipv6": [f"2001:db8::{index + 1:x}/64"]} if mode == "ipsec ipv6"
               else {"ipv4": f"{ipaddress.IPv4Address('192.0.2.1') + index}/24"})
        tunnel: dict[str, Any] = {"ip_unnumbered": "Loopback0", "source": "GigabitEthernet1",
                                  "mode": mode, "peer": "hub", "protection": "IPSEC"}
        if draw(st.booleans()):
            tunnel["description"] = draw(TEXT)
        hosts[f"s{index}"] = {
            "role": "spoke", "hubs": ["hub"], "psk": {"env": f"PSK_S{index}"},
            "interfaces": {"GigabitEthernet1": wan},
            "loopbacks": {"Loopback0": {"ipv4": f"10.0.0.{index + 1}/32"}},
            "tunnels": {"Tunnel0": tunnel}, "ikev2_profiles": {"FLEX": profile},
        }
    return {"shared": shared, "hosts": hosts}


def _write(folder: Path, drawn: dict[str, Any]) -> Path:
    folder.mkdir()
    defaults = {"data": {"secrets": {"lab_fallback": True},
                         "credentials": {"username": "flexorch",
                                         "password": {"env": "FLEXORCH_DEVICE_PASSWORD"}}}}
    groups = {"site": {"data": {"site": "drawn", **drawn["shared"],
                                "flexvpn": {"wan": "GigabitEthernet1", "profile": "FLEX",
                                            "keyring": "KEYS", "identity_domain": "x.example"}}}}
    hosts = {name: {"hostname": "127.0.0.1", "port": 20000 + i, "groups": ["site"],
                    "data": data} for i, (name, data) in enumerate(drawn["hosts"].items())}
    for name, content in (("defaults", defaults), ("groups", groups), ("hosts", hosts)):
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(content), encoding="utf-8")
    return folder


@settings(max_examples=12)
@given(fleets())
def test_render_import_render_is_identical(drawn: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fleet = load_fleet(_write(root / "drawn", drawn))
        configs = {name: render_full(fleet, name) for name in fleet.hosts}
        assert all(f" peer {spoke}\n" in configs["hub"] for spoke in fleet.hosts if spoke != "hub")
        files = []
        for name, text in configs.items():
            files.append(root / f"{name}.cfg")
            files[-1].write_text(text, encoding="utf-8")
        result = import_files(files, Options(root / "imported", lab_base_port=20000))
        assert result.unexpressed == [] and result.written
        imported = load_fleet(root / "imported")
        assert {name: render_full(imported, name) for name in imported.hosts} == configs
