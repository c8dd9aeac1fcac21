"""Intent expresses the positive ``config-exchange`` lines (guide lines 1950-1952) and the IPv6
and extended access lists of ``route set access-list``; the IOS model, plan and the lab's
reading of a rendered config agree with what IOS does with them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from flexorch.intent import load_fleet
from flexorch.ios.config import ConfigTree, apply_lines, show_running
from flexorch.ios.model import RouterConfig
from flexorch.plan.remediate import remediate
from flexorch.render import render_host

PROFILE = {
    "match": {"identity_remote": [{"type": "any"}]},
    "authentication_local": {"method": "rsa-sig"},
    "authentication_remote": [{"method": "rsa-sig"}],
}


def _render(tmp: Path, data: dict[str, Any]) -> list[str]:
    hosts = {"r1": {"hostname": "127.0.0.1", "port": 22, "data": data}}
    defaults = {"data": {"site": "s", "role": "hub",
                         "credentials": {"username": "u", "password": {"env": "T_UNUSED"}}}}
    (tmp / "hosts.yaml").write_text(yaml.safe_dump(hosts), encoding="utf-8")
    (tmp / "defaults.yaml").write_text(yaml.safe_dump(defaults), encoding="utf-8")
    return render_host(load_fleet(tmp), "r1").splitlines()


def _profile_lines(lines: list[str]) -> list[str]:
    start = lines.index("crypto ikev2 profile P")
    end = lines.index("!", start)
    return [line for line in lines[start + 1:end] if "config-exchange" in line]


@pytest.mark.parametrize(("flags", "expected"), [
    ({}, []),
    ({"config_exchange_request": True, "config_exchange_set_send": True,
      "config_exchange_set_accept": True},
     [" config-exchange request", " config-exchange set send", " config-exchange set accept"]),
    ({"config_exchange_request": False, "config_exchange_set_accept": True},
     [" no config-exchange request", " config-exchange set accept"]),
], ids=["unset", "all-true", "mixed"])
def test_config_exchange_three_states(
        flags: dict[str, bool], expected: list[str], tmp_path: Path) -> None:
    lines = _render(tmp_path, {"ikev2_profiles": {"P": {**PROFILE, **flags}}})
    assert _profile_lines(lines) == expected


def test_positive_lines_are_the_default_for_the_model_and_for_plan(tmp_path: Path) -> None:
    on = _render(tmp_path, {"ikev2_profiles": {"P": {
        **PROFILE, "config_exchange_request": True, "config_exchange_set_send": True,
        "config_exchange_set_accept": True}}})
    text = "\n".join(on) + "\n"
    profile = RouterConfig.from_text(text).profiles["P"]
    assert (profile.config_exchange_request, profile.config_exchange_set_send,
            profile.config_exchange_set_accept) == (True, True, True)
    # A router shows none of the three (IOS hides defaults): nothing to change.
    shown = "\n".join(line for line in on if "config-exchange" not in line) + "\n"
    assert remediate(shown, text).lines == ()
    # A router that has `no config-exchange request` gets the positive line back.
    off = shown.replace("crypto ikev2 profile P\n",
                        "crypto ikev2 profile P\n no config-exchange request\n")
    assert remediate(off, text).lines == (
        "crypto ikev2 profile P", " config-exchange request")


def test_route_set_access_lists_ipv4_extended_and_ipv6(tmp_path: Path) -> None:
    data = {
        "access_lists": {"STD": {"entries": [{"network": "10.1.0.0/16"}]}},
        "extended_access_lists": {"EXT": {"entries": [
            {"source": "10.2.0.0/24"},
            {"action": "deny", "source": "10.2.9.1/32", "destination": "192.0.2.0/24"}]}},
        "ipv6_access_lists": {"V6": {"entries": [
            {"source": "2001:db8:10::/64"}, {"source": "2001:db8::1/128"}]}},
        "ikev2_authorization_policies": {"A": {
            "route_set_access_list": "EXT", "route_set_access_list_ipv6": "V6"}},
    }
    lines = [line for line in _render(tmp_path, data) if line != "!"]
    start = lines.index("crypto ikev2 authorization policy A")
    assert lines[start + 1:start + 3] == [" route set access-list EXT",
                                          " route set access-list ipv6 V6"]
    start = lines.index("ip access-list standard STD")
    assert lines[start:start + 8] == [
        "ip access-list standard STD",
        " 10 permit 10.1.0.0 0.0.255.255",
        "ip access-list extended EXT",
        " 10 permit ip 10.2.0.0 0.0.0.255 any",
        " 20 deny ip host 10.2.9.1 192.0.2.0 0.0.0.255",
        "ipv6 access-list V6",
        " permit ipv6 2001:DB8:10::/64 any",
        " permit ipv6 host 2001:DB8::1 any",
    ]
    policy = RouterConfig.from_text("\n".join(lines) + "\n").authorization_policies["A"]
    assert policy.route_set == ("access-list EXT", "access-list ipv6 V6")


def test_ios_engine_accepts_and_shows_the_rendered_lists_and_lines(tmp_path: Path) -> None:
    # Fed into the IOS config engine, every rendered line is accepted, and show running-config
    # prints it back, except the positive config-exchange lines, which IOS hides (defaults).
    data = {
        "ikev2_profiles": {"P": {**PROFILE, "config_exchange_request": True,
                                 "config_exchange_set_send": False}},
        "extended_access_lists": {"EXT": {"entries": [{"source": "10.2.0.0/24"}]}},
        "ipv6_access_lists": {"V6": {"entries": [{"source": "2001:db8:10::/64"}]}},
        "ikev2_authorization_policies": {"A": {
            "route_set_access_list": "EXT", "route_set_access_list_ipv6": "V6"}},
    }
    rendered = [line for line in _render(tmp_path, data) if line.strip() != "!"]
    tree = ConfigTree()
    assert apply_lines(tree, rendered) == []
    shown = [line for line in show_running(tree).splitlines()
             if line.strip() and not line.startswith(("!", "Building", "Current", "end"))]
    assert shown == [line for line in rendered if line != " config-exchange request"]
