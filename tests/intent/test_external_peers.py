"""``external_peers`` in the inventory: the model's checks (one line naming file, host, path) and
``peer: NAME`` of an external peer deriving the tunnel's destination."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Any

import pytest
import yaml

from flexorch.errors import InventoryError
from flexorch.intent import load_fleet

PARTNER: dict[str, Any] = {
    "address": "203.0.113.5",
    "authentication": "pre-share",
    "pre_shared_key": {"env": "T_PARTNER"},
    "proposal": {"encryption": ["aes-cbc-256"], "integrity": ["sha256"], "group": [19]},
    "transform_set": {"esp_encryption": "esp-aes 256", "esp_integrity": "esp-sha256-hmac"},
}


def _inventory(folder: Path, partner: dict[str, Any], tunnel: dict[str, Any]) -> Path:
    hosts = {"r1": {"hostname": "127.0.0.1", "data": {
        "site": "s1", "role": "hub",
        "credentials": {"username": "u", "password": {"env": "T_UNUSED"}},
        "interfaces": {"GigabitEthernet1": {"ipv4": "192.0.2.1/24"}},
        "external_peers": {"partner": partner},
        "tunnels": {"Tunnel1": {"source": "GigabitEthernet1", **tunnel}},
    }}}
    (folder / "hosts.yaml").write_text(yaml.safe_dump(hosts, sort_keys=False), encoding="utf-8")
    return folder


def test_peer_name_gives_the_tunnel_its_address(tmp_path: Path) -> None:
    fleet = load_fleet(_inventory(tmp_path, PARTNER, {"mode": "ipsec ipv4", "peer": "partner"}))
    tunnel = fleet.hosts["r1"].tunnels["Tunnel1"]
    assert tunnel.destination == ipaddress.ip_address("203.0.113.5")


@pytest.mark.parametrize(("partner", "tunnel", "path", "words"), [
    ({**PARTNER, "pre_shared_key": None}, {"peer": "partner"},
     "data.external_peers.partner", "give pre_shared_key"),
    ({**PARTNER, "authentication": "rsa-sig"}, {"peer": "partner"},
     "data.external_peers.partner", "neither authentication nor accepts is pre-share"),
    ({**PARTNER, "proposal": {"group": [True]}}, {"peer": "partner"},
     "data.external_peers.partner.proposal.group[0]", "must be a whole number, got the boolean"),
    (PARTNER, {"mode": "ipsec ipv6", "peer": "partner"},
     "data.tunnels.Tunnel1.peer", "has an IPv4 address but the tunnel's transport is IPv6"),
    (PARTNER, {"peer": "nobody"},
     "data.tunnels.Tunnel1.peer", "'nobody' is neither one of this host's hubs (none) nor one"),
], ids=["key-missing", "key-unused", "boolean-group", "family", "unknown-peer"])
def test_bad_external_peer_is_one_line(partner: dict[str, Any], tunnel: dict[str, Any],
                                       path: str, words: str, tmp_path: Path) -> None:
    with pytest.raises(InventoryError) as caught:
        load_fleet(_inventory(tmp_path, partner, tunnel))
    err = caught.value
    assert (err.host, err.path) == ("r1", path)
    assert words in str(err)
    assert "\n" not in str(err)
    assert (err.file or "").startswith(str(tmp_path / "hosts.yaml"))
