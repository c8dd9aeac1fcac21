"""Entries a block gathers (a keyring's peers, a profile's match identities) come out in config
order, across a block header seen twice (IOS merges the two), and a block read from the cache
is the same value."""

from __future__ import annotations

from flexorch.ios.model import RouterConfig

CONFIG = """\
crypto ikev2 keyring KR
 peer A
  address 192.0.2.1
  pre-shared-key alpha
 peer B
  address 192.0.2.2
  pre-shared-key bravo
crypto ikev2 profile P
 match identity remote fqdn a.example
 match identity remote fqdn b.example
 match identity remote address 192.0.2.3 255.255.255.255
crypto ikev2 keyring KR
 peer C
  address 192.0.2.3
  pre-shared-key charlie
"""


def test_gathered_entries_keep_config_order() -> None:
    config = RouterConfig.from_text(CONFIG)
    assert [p.name for p in config.keyrings["KR"].peers] == ["A", "B", "C"]
    assert [str(p.address) for p in config.keyrings["KR"].peers] == [
        "192.0.2.1/32", "192.0.2.2/32", "192.0.2.3/32"]
    assert [(i.kind, i.value) for i in config.profiles["P"].match_identities] == [
        ("fqdn", "a.example"), ("fqdn", "b.example"), ("address", "192.0.2.3/32")]


def test_a_cached_block_reads_the_same() -> None:
    first, again = RouterConfig.from_text(CONFIG), RouterConfig.from_text(CONFIG)
    assert (first.keyrings, first.profiles) == (again.keyrings, again.profiles)
