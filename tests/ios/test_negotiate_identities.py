"""Responder profile matching on identities, with the per-profile index of exact identities.

A hub's profile carries one ``match identity remote`` line per spoke; the index answers exact
identities by lookup and scans only the domain / range rules. The guide's rule is unchanged:
matches of one type are OR'ed and the most specific match wins (exact identity > domain or
address range > ``any``), then configuration order. Expected values are worked out by hand from
that rule; the last test compares against a plain scan written here from the same rule.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import random

import pytest

from flexorch.ios.model import Identity, RouterConfig
from flexorch.ios.negotiate import identity_score, match_responder_profile

ip = ipaddress.ip_address
AUTH = " authentication local pre-share\n authentication remote pre-share\n"


def _profile_text(name: str, matches: list[str]) -> str:
    return f"crypto ikev2 profile {name}\n" + "".join(f" {m}\n" for m in matches) + AUTH


# A hub-like profile: 300 exact fqdn lines, 300 host addresses, then a domain and a range.
SPOKES = [f"spoke{n}.spokes.example.net" for n in range(1, 301)]
HOSTS = [f"198.18.{n // 250}.{n % 250 + 1}" for n in range(300)]
BIG = RouterConfig.from_text(_profile_text(
    "HUB",
    [f"match identity remote fqdn {s}" for s in SPOKES]
    + [f"match identity remote address {h}" for h in HOSTS]
    + ["match identity remote fqdn domain example.net",
       "match identity remote address 10.0.0.0 255.0.0.0",
       "match identity remote email domain example.org",
       "match identity remote key-id Branch7",
       "match identity remote address 2001:db8::1/128"],
))
HUB = BIG.profiles["HUB"]


@pytest.mark.parametrize(("peer", "score"), [
    # Exact lines anywhere in the list: first, last, case-insensitive.
    (Identity("fqdn", "spoke1.spokes.example.net"), 3),
    (Identity("fqdn", "spoke300.spokes.example.net"), 3),
    (Identity("fqdn", "SPOKE150.Spokes.Example.NET"), 3),
    # Not listed but in the domain: the domain rule still matches (2).
    (Identity("fqdn", "spoke301.spokes.example.net"), 2),
    (Identity("fqdn", "example.net"), 2),
    # Neither listed nor in the domain (a suffix without the dot is not the domain).
    (Identity("fqdn", "spoke1.spokes.example.network"), 0),
    (Identity("fqdn", "badexample.net"), 0),
    # Host addresses are exact; the 10/8 range is 2; the address is compared as an address.
    (Identity("address", "198.18.0.1"), 3),
    (Identity("address", "198.18.1.50"), 3),
    (Identity("address", "198.18.1.51"), 0),
    (Identity("address", "10.200.0.9"), 2),
    (Identity("address", "2001:DB8:0::1"), 3),
    (Identity("address", "2001:db8::2"), 0),
    (Identity("address", "not-an-address"), 0),
    # Kinds never cross: an fqdn equal to a listed address's text, an email for an fqdn line.
    (Identity("fqdn", "198.18.0.1"), 0),
    (Identity("email", "spoke1.spokes.example.net"), 0),
    (Identity("email", "ops@example.org"), 2),
    (Identity("email", "ops@sub.example.org"), 0),
    (Identity("key-id", "branch7"), 3),
    (Identity("key-id", "Branch"), 0),
])
def test_exact_lines_and_loose_rules_of_one_profile(peer: Identity, score: int) -> None:
    assert identity_score(BIG, HUB, peer, False) == score


def test_any_is_the_floor_and_any_match_beats_it() -> None:
    config = RouterConfig.from_text(_profile_text("P", [
        "match identity remote fqdn a.example.net",
        "match identity remote fqdn domain example.com",
        "match identity remote any",
    ]))
    profile = config.profiles["P"]
    assert identity_score(config, profile, Identity("fqdn", "a.example.net"), False) == 3
    assert identity_score(config, profile, Identity("fqdn", "b.example.com"), False) == 2
    assert identity_score(config, profile, Identity("fqdn", "zzz.test"), False) == 1
    assert identity_score(config, profile, Identity("address", "192.0.2.1"), False) == 1


def test_most_specific_profile_wins_over_configuration_order() -> None:
    config = RouterConfig.from_text(
        _profile_text("CATCHALL", ["match identity remote any"])
        + _profile_text("DOMAIN", ["match identity remote fqdn domain spokes.example.net",
                                   "match identity remote address 198.51.100.0 255.255.255.0"])
        + _profile_text("EXACT", ["match identity remote fqdn other.example.net",
                                  "match identity remote fqdn spoke1.spokes.example.net",
                                  "match identity remote address 198.51.100.7"])
        + _profile_text("DOMAIN2", ["match identity remote fqdn domain example.net"])
    )

    def chosen(peer: Identity) -> str | None:
        found = match_responder_profile(config, None, ip("192.0.2.1"), peer, False)
        return found.name if found else None

    # Both DOMAIN and EXACT match spoke1: the exact line wins although DOMAIN comes first.
    assert chosen(Identity("fqdn", "spoke1.spokes.example.net")) == "EXACT"
    assert chosen(Identity("address", "198.51.100.7")) == "EXACT"
    # Only domain / range rules match: the first profile of that specificity wins.
    assert chosen(Identity("fqdn", "spoke2.spokes.example.net")) == "DOMAIN"
    assert chosen(Identity("fqdn", "hq.example.net")) == "DOMAIN2"
    assert chosen(Identity("address", "198.51.100.8")) == "DOMAIN"
    # Nothing but "any" matches.
    assert chosen(Identity("fqdn", "spoke1.elsewhere.test")) == "CATCHALL"


def test_a_replaced_profile_of_the_same_name_is_not_answered_from_the_cache() -> None:
    config = RouterConfig.from_text(_profile_text("P", ["match identity remote fqdn a.test"]))
    old = config.profiles["P"]
    assert identity_score(config, old, Identity("fqdn", "a.test"), False) == 3  # index built
    new = dataclasses.replace(old, match_identities=(Identity("fqdn", "b.test"),))
    assert identity_score(config, new, Identity("fqdn", "a.test"), False) == 0
    assert identity_score(config, new, Identity("fqdn", "b.test"), False) == 3
    assert identity_score(config, old, Identity("fqdn", "a.test"), False) == 3


def _scan_score(rules: list[Identity], match_any: bool, peer: Identity) -> int:
    """The guide's rule written plainly: each rule scored on its own, the best one kept."""
    best = 0
    for rule in rules:
        if rule.kind != peer.kind:
            continue
        if rule.kind == "address":
            try:
                net = ipaddress.ip_network(rule.value, strict=False)
                addr = ipaddress.ip_address(peer.value)
            except ValueError:
                continue
            if addr.version == net.version and addr in net:
                best = max(best, 3 if net.prefixlen == net.max_prefixlen else 2)
        elif rule.domain:
            name, dom = peer.value.lower(), rule.value.lower()
            if rule.kind == "email":
                hit = name.rsplit("@", 1)[-1] == dom
            else:
                hit = name == dom or name.endswith("." + dom)
            best = max(best, 2 if hit else 0)
        elif rule.value.lower() == peer.value.lower():
            best = 3
    return best or (1 if match_any else 0)


def test_index_agrees_with_a_plain_scan_on_random_profiles() -> None:
    rng = random.Random(20240611)
    names = ["a.example.net", "B.example.net", "c.spokes.example.net", "example.net", "x.test"]
    mails = ["ops@example.org", "OPS@example.org", "me@sub.example.org"]
    addresses = ["10.0.0.1", "10.0.0.2", "10.1.2.3", "192.0.2.1", "2001:db8::1", "2001:DB8::2"]
    pool = ([Identity("fqdn", n) for n in names] + [Identity("email", m) for m in mails]
            + [Identity("address", a) for a in addresses] + [Identity("key-id", "k 1")])
    patterns = (pool
                + [Identity("fqdn", d, True) for d in ("example.net", "spokes.example.net")]
                + [Identity("email", d, True) for d in ("example.org",)]
                + [Identity("address", p) for p in ("10.0.0.0/8", "10.0.0.1/32", "0.0.0.0/0",
                                                    "2001:db8::/32", "2001:db8::1/128")]
                + [Identity("key-id", "K 1"), Identity("address", "not-a-network")])
    for _ in range(200):
        rules = rng.sample(patterns, rng.randint(0, 8))
        match_any = rng.random() < 0.3
        config = RouterConfig.from_text(_profile_text("P", ["match identity remote any"]))
        profile = dataclasses.replace(config.profiles["P"], match_identities=tuple(rules),
                                      match_any=match_any)
        for peer in pool:
            expected = _scan_score(rules, match_any, peer)
            assert identity_score(config, profile, peer, False) == expected, (rules, peer)
