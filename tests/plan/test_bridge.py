"""The bridge config (make-before-break): a hub that holds the old and the new alternatives side
by side, then drops the old. Configs and expected lines are written by hand; every bridge is
also applied with the IOS engine and taken to the intent by the cleanup (circular)."""

from __future__ import annotations

from flexorch.plan.bridge import bridge_tree
from flexorch.plan.configs import canonical_tree
from flexorch.plan.remediate import remediate, remediate_trees
from tests.plan.helpers import apply

HUB = """\
hostname HUB
crypto ikev2 proposal OLD
 encryption aes-gcm-256
 prf sha512
 group 21 20
crypto ikev2 policy POL
 match fvrf any
 proposal OLD
crypto ikev2 keyring KEYS
 peer s1
  identity fqdn s1.example
  pre-shared-key s1-key-one
 peer s2
  identity fqdn s2.example
  pre-shared-key s2-key-one
crypto ikev2 profile FLEX
 match identity remote fqdn s1.example
 match identity remote fqdn s2.example
 identity local fqdn hub.example
 authentication remote pre-share
 authentication local pre-share
 keyring local KEYS
 virtual-template 1
crypto ipsec transform-set TS1 esp-gcm 256
 mode tunnel
crypto ipsec profile IPS
 set transform-set TS1
 set ikev2-profile FLEX
interface GigabitEthernet1
 ip address 192.0.2.1 255.255.255.0
interface Virtual-Template1 type tunnel
 ip unnumbered GigabitEthernet1
 tunnel protection ipsec profile IPS
"""


def _managed(text: str) -> str:
    """The managed sections of a hub config (what render_host would give)."""
    return "\n".join(line for line in text.splitlines()
                     if not line.startswith(("hostname", "interface GigabitEthernet1"))
                     and line != " ip address 192.0.2.1 255.255.255.0") + "\n"


def _bridge(running: str, intended: str) -> tuple[list[str], list[str], str]:
    """(bridge lines, cleanup lines, config after both), checking both apply cleanly."""
    bridge = bridge_tree(canonical_tree(running), canonical_tree(intended))
    lines = list(remediate_trees(canonical_tree(running), bridge.target(bridge.held)).lines)
    middle, errors = apply(running, lines)
    assert errors == []
    cleanup = list(remediate(middle, intended).lines)
    after, errors = apply(middle, cleanup)
    assert errors == []
    assert remediate(after, intended).lines == ()  # the cleanup reaches the intent
    return lines, cleanup, middle


def test_new_proposal_is_listed_beside_the_old_until_the_cleanup() -> None:
    intended = _managed(HUB).replace("proposal OLD\n encryption aes-gcm-256\n prf sha512\n"
                                     " group 21 20", "proposal NEW\n encryption aes-gcm-128\n"
                                     " prf sha256\n group 19").replace(" proposal OLD",
                                                                        " proposal NEW")
    lines, cleanup, middle = _bridge(HUB, intended)
    assert lines == [
        "crypto ikev2 proposal NEW",
        " encryption aes-gcm-128",
        " prf sha256",
        " group 19",
        "crypto ikev2 policy POL",
        " proposal NEW",  # appended after OLD: the policy is never without a proposal
    ]
    assert " proposal OLD\n proposal NEW\n" in middle
    assert cleanup == ["crypto ikev2 policy POL", " no proposal OLD",
                       "no crypto ikev2 proposal OLD"]


def test_transform_set_swap_lists_both_sets_in_the_ipsec_profile() -> None:
    intended = _managed(HUB).replace("transform-set TS1 esp-gcm 256", "transform-set TS2 "
                                     "esp-gcm 128").replace("set transform-set TS1",
                                                             "set transform-set TS2")
    lines, cleanup, _ = _bridge(HUB, intended)
    assert lines == [
        "crypto ipsec transform-set TS2 esp-gcm 128",
        " mode tunnel",
        "crypto ipsec profile IPS",
        " set transform-set TS1 TS2",
    ]
    assert cleanup == ["crypto ipsec profile IPS", " set transform-set TS2",
                       "no crypto ipsec transform-set TS1"]


def test_merge_values_are_widened_in_place() -> None:
    intended = _managed(HUB).replace(" group 21 20", " group 19")
    lines, cleanup, _ = _bridge(HUB, intended)
    assert lines == ["crypto ikev2 proposal OLD", " group 19"]  # IOS appends: group 21 20 19
    assert cleanup == ["crypto ikev2 proposal OLD", " no group 21 20"]


def test_new_identity_is_added_beside_the_old_in_keyring_and_profile() -> None:
    intended = _managed(HUB).replace("fqdn s1.example", "fqdn branch-1.example")
    lines, cleanup, _ = _bridge(HUB, intended)
    assert lines == [
        "crypto ikev2 keyring KEYS",
        " peer s1",
        "  identity fqdn branch-1.example",
        "crypto ikev2 profile FLEX",
        " match identity remote fqdn branch-1.example",
    ]
    assert cleanup == [
        "crypto ikev2 keyring KEYS",
        " peer s1",
        "  no identity fqdn s1.example",
        "crypto ikev2 profile FLEX",
        " no match identity remote fqdn s1.example",
    ]


def test_a_changed_key_is_held_per_peer_and_released_alone() -> None:
    intended = _managed(HUB).replace("s1-key-one", "s1-key-two")
    bridge = bridge_tree(canonical_tree(HUB), canonical_tree(intended))
    assert list(bridge.held) == [("crypto ikev2 keyring KEYS", "peer s1")]
    # held: the bridge changes nothing on the router
    assert remediate_trees(canonical_tree(HUB), bridge.tree).lines == ()
    released = remediate_trees(canonical_tree(HUB), bridge.target(bridge.held)).lines
    assert list(released) == ["crypto ikev2 keyring KEYS", " peer s1",
                              "  pre-shared-key s1-key-two"]


def test_a_removed_spoke_keeps_its_entries_until_the_cleanup() -> None:
    intended = (_managed(HUB).replace(" peer s2\n  identity fqdn s2.example\n"
                                      "  pre-shared-key s2-key-one\n", "")
                .replace(" match identity remote fqdn s2.example\n", ""))
    lines, cleanup, _ = _bridge(HUB, intended)
    assert lines == []
    assert cleanup == ["crypto ikev2 keyring KEYS", " no peer s2", "crypto ikev2 profile FLEX",
                       " no match identity remote fqdn s2.example"]


def test_no_change_across_ends_needs_no_bridge() -> None:
    intended = _managed(HUB).replace("virtual-template 1", "virtual-template 1\n dpd 30 5 "
                                     "on-demand")
    bridge = bridge_tree(canonical_tree(HUB), canonical_tree(intended))
    assert not bridge.held
    assert bridge.tree.to_text() == canonical_tree(intended).to_text()
