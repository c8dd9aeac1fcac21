"""An IPv6 address in ``match identity remote`` is rendered with its prefix length, the form the
IOS grammar takes (``address {IPv4 [MASK] | IPv6/LEN}``; public IOS-XE configs write
``match identity remote address 2001:db8:2::2/128``): the IOS engine accepts the line and the
model reads the identity, so the negotiation matches the peer by it."""

from __future__ import annotations

from pathlib import Path

import yaml

from flexorch.intent import load_fleet
from flexorch.ios.config import ConfigTree, apply_lines
from flexorch.ios.model import RouterConfig
from flexorch.render import render_host


def test_ipv6_address_identity_renders_as_a_host_prefix(tmp_path: Path) -> None:
    data = {"ikev2_profiles": {"P": {
        "match": {"identity_remote": [{"type": "address", "value": "2001:db8::2"},
                                      {"type": "address", "value": "192.0.2.9"}]},
        "authentication_local": {"method": "rsa-sig"},
        "authentication_remote": [{"method": "rsa-sig"}]}}}
    hosts = {"r1": {"hostname": "127.0.0.1", "port": 22, "data": data}}
    defaults = {"data": {"site": "s", "role": "hub",
                         "credentials": {"username": "u", "password": {"env": "T_UNUSED"}}}}
    (tmp_path / "hosts.yaml").write_text(yaml.safe_dump(hosts), encoding="utf-8")
    (tmp_path / "defaults.yaml").write_text(yaml.safe_dump(defaults), encoding="utf-8")
    lines = render_host(load_fleet(tmp_path), "r1").splitlines()
    assert [line for line in lines if "match identity" in line] == [
        " match identity remote address 2001:DB8::2/128",
        " match identity remote address 192.0.2.9",
    ]
    assert apply_lines(ConfigTree(), [line for line in lines if line != "!"]) == []
    profile = RouterConfig.from_text("\n".join(lines) + "\n").profiles["P"]
    assert [(i.kind, i.value) for i in profile.match_identities] == [
        ("address", "2001:db8::2/128"), ("address", "192.0.2.9/32")]
