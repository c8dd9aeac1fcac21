"""A block with many children (a hub's keyring: one peer per spoke) is edited through an index
(``flexorch.ios.config.store``): the same results as the scan of a small block. Lines typed again
find their existing entry, removed entries are gone, re-added ones come last, and a block changed
behind the index's back is read again."""

from __future__ import annotations

from flexorch.ios.config import ConfigSession, ConfigTree, Node, apply_lines
from flexorch.ios.config.store import BIG_BLOCK

PEERS = BIG_BLOCK + 36  # well above the size from which the index is used


def _peer_lines(numbers: range) -> list[str]:
    lines = []
    for n in numbers:
        lines += [f" peer p{n}", f"  address 192.0.2.{n}", f"  pre-shared-key key{n}pass"]
    return lines


def _peers(tree: ConfigTree) -> list[str]:
    keyring = tree.get("crypto ikev2 keyring K")
    assert keyring is not None
    return [c.text for c in keyring.children]


def test_many_peers_typed_again_changed_removed_and_added() -> None:
    tree = ConfigTree()
    assert apply_lines(tree, ["crypto ikev2 keyring K", *_peer_lines(range(1, PEERS + 1))]) == []
    assert _peers(tree) == [f"peer p{n}" for n in range(1, PEERS + 1)]
    # typed again: the existing peer is entered (no second "peer p5"), its address replaced
    assert apply_lines(tree, ["crypto ikev2 keyring K", " peer p5", "  address 198.51.100.5",
                              " no peer p7", " peer p7", "  address 192.0.2.77"]) == []
    peers = _peers(tree)
    assert peers.count("peer p5") == 1 and len(peers) == PEERS
    assert peers[-1] == "peer p7" and peers.index("peer p5") == 4
    keyring = tree.get("crypto ikev2 keyring K")
    assert keyring is not None
    p5 = next(c for c in keyring.children if c.text == "peer p5")
    assert p5.children[0].text == "address 198.51.100.5"
    p7 = keyring.children[-1]
    assert [c.text for c in p7.children] == ["address 192.0.2.77"]


def test_a_block_changed_outside_the_engine_is_read_again() -> None:
    tree = ConfigTree()
    session = ConfigSession(tree)  # one session: its index outlives the change below
    for line in ["crypto ikev2 keyring K", *_peer_lines(range(1, PEERS + 1)), " peer p3"]:
        assert session.feed(line).error is None, line
    keyring = tree.get("crypto ikev2 keyring K")
    assert keyring is not None
    # the list edited behind the engine's back (same length, another last entry)
    keyring.children[-1] = Node(f"peer q{PEERS}", [Node("address 203.0.113.1")])
    for line in [" exit", f" peer q{PEERS}", "  address 203.0.113.9", " exit", f" peer p{PEERS}"]:
        assert session.feed(line).error is None, line
    peers = _peers(tree)
    assert peers.count(f"peer q{PEERS}") == 1 and peers[-1] == f"peer p{PEERS}"
    assert len(peers) == PEERS + 1
    q = next(c for c in keyring.children if c.text == f"peer q{PEERS}")
    assert [c.text for c in q.children] == ["address 203.0.113.9"]
