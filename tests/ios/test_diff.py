"""The one comparison (``flexorch.ios.config.compare``) on hand-written configs: which change each
difference is, where it sits, and what the engine says about it (owner, value shape, secret,
preference order, who uses it). Expected values are typed from IOS behaviour, not from the code.
"""

from __future__ import annotations

import doctest

import flexorch.ios.config.diff as engine
from flexorch.ios.config import (
    Change,
    ConfigDiff,
    ConfigTree,
    Reorder,
    compare,
    normalize_config,
    reorder,
    subtree,
)


def _tree(text: str) -> ConfigTree:
    return normalize_config(text, mask_secrets=False)


def _diff(running: str, intended: str) -> ConfigDiff:
    return compare(_tree(running), _tree(intended))


def _flat(result: ConfigDiff) -> set[tuple[str, tuple[str, ...], str | None, str | None]]:
    """(kind, path, running line, intended line) of every change, nested ones included."""
    return {(c.kind, c.path, c.running.text if c.running else None,
             c.intended.text if c.intended else None) for c in result.walk()}


PROFILE = """\
crypto ikev2 profile FLEX
 match identity remote fqdn hub1.example
 authentication remote pre-share
 authentication local pre-share
 dpd 30 5 on-demand
"""


def test_identical_configs_have_no_change() -> None:
    assert _diff(PROFILE, PROFILE).changes == ()


def test_added_removed_and_changed_lines_inside_a_section() -> None:
    intended = PROFILE.replace(" dpd 30 5 on-demand\n", " dpd 10 3 periodic\n").replace(
        " match identity remote fqdn hub1.example\n",
        " match identity remote fqdn hub2.example\n")
    running = PROFILE.replace(" dpd 30 5 on-demand\n", " dpd 30 5 on-demand\n nat keepalive 20\n")
    result = _diff(running, intended)
    section = "crypto ikev2 profile FLEX"
    assert _flat(result) == {
        ("changed", (), section, section),
        ("changed", (section,), "dpd 30 5 on-demand", "dpd 10 3 periodic"),
        ("added", (section,), None, "match identity remote fqdn hub2.example"),
        ("removed", (section,), "match identity remote fqdn hub1.example", None),
        ("removed", (section,), "nat keepalive 20", None),
    }
    [top] = result.changes
    assert top.block and top.inner is not None and top.inner.mode == "ikev2-profile"
    by_line = {c.text: c for c in top.inner.changes}
    # DPD is one setting (a new value replaces the old); remote identities are a list.
    assert by_line["dpd 10 3 periodic"].value == "single"
    assert by_line["match identity remote fqdn hub2.example"].value == "list"
    assert all(c.depth == 1 and c.owned and not c.secret for c in top.inner.changes)


def test_merge_list_value_is_one_changed_line() -> None:
    prop = "crypto ikev2 proposal P\n encryption aes-gcm-256\n prf sha512\n group {}\n"
    [top] = _diff(prop.format("14"), prop.format("21 20")).changes
    assert top.inner is not None
    [group] = top.inner.changes
    assert (group.kind, group.value) == ("changed", "merge")
    assert group.running is not None and group.running.text == "group 14"


def test_added_block_is_one_change_holding_its_subtree() -> None:
    keyring = "crypto ikev2 keyring K\n peer hub1\n  address 192.0.2.1\n  pre-shared-key k-one\n"
    second = " peer hub2\n  address 192.0.2.2\n  pre-shared-key k-two\n"
    [top] = _diff(keyring, keyring + second).changes
    assert top.inner is not None
    [peer] = top.inner.changes
    assert (peer.kind, peer.path, peer.text, peer.block) == (
        "added", ("crypto ikev2 keyring K",), "peer hub2", True)
    assert peer.intended is not None
    assert [(p, n.text) for p, n in subtree(peer.intended, peer.path)] == [
        (("crypto ikev2 keyring K",), "peer hub2"),
        (("crypto ikev2 keyring K", "peer hub2"), "address 192.0.2.2"),
        (("crypto ikev2 keyring K", "peer hub2"), "pre-shared-key k-two"),
    ]


def test_secret_lines_are_flagged() -> None:
    keyring = "crypto ikev2 keyring K\n peer hub1\n  address 192.0.2.1\n  pre-shared-key {}\n"
    result = _diff(keyring.format("old-key-1"), keyring.format("new-key-2"))
    [psk] = [c for c in result.walk() if c.inner is None]
    assert (psk.kind, psk.path, psk.secret) == (
        "changed", ("crypto ikev2 keyring K", "peer hub1"), True)
    assert not any(c.secret for c in result.walk() if c is not psk)


def test_type6_key_the_router_shows_is_uncompared() -> None:
    keyring = "crypto ikev2 keyring K\n peer hub1\n  address 192.0.2.1\n  pre-shared-key {}\n"
    result = _diff(keyring.format("6 RHNLXFLZIgGQRIWOGYRdcHJPTbWUaMbKAAB"),
                   keyring.format("clear-key-1"))
    assert [(c.kind, c.text) for c in result.walk() if c.inner is None] == [
        ("uncompared", "pre-shared-key clear-key-1")]


def test_changed_header_of_a_block() -> None:
    result = _diff("crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n mode tunnel\n",
                   "crypto ipsec transform-set TS esp-gcm 256\n mode tunnel\n")
    [top] = result.changes
    assert (top.kind, top.block, top.inner is not None and top.inner.empty) == (
        "changed", True, True)
    assert top.running is not None and top.running.text.endswith("esp-aes 256 esp-sha256-hmac")


def test_policy_proposals_are_a_preference_list() -> None:
    policy = "crypto ikev2 policy POL\n match fvrf any\n{}"
    result = _diff(policy.format(" proposal B\n proposal A\n proposal OLD\n"),
                   policy.format(" proposal A\n proposal B\n proposal NEW\n"))
    [top] = result.changes
    assert top.inner is not None
    entries = {(c.kind, c.text, c.ordered) for c in top.inner.changes}
    assert entries == {("added", "proposal NEW", True), ("removed", "proposal OLD", True)}
    [listed] = top.inner.lists
    assert (listed.prefix, listed.running, listed.intended) == (
        "proposal ", ("proposal B", "proposal A", "proposal OLD"),
        ("proposal A", "proposal B", "proposal NEW"))
    assert listed.common_order() == (("proposal B", "proposal A"), ("proposal A", "proposal B"))
    # IOS appends: A (the intended first) stays, B and OLD go, then B and NEW are appended; B is
    # removed and added again, so the removals go first (A keeps the policy usable throughout).
    steps = listed.steps()
    assert (steps.remove, steps.add, steps.add_first) == (
        ("proposal B", "proposal OLD"), ("proposal B", "proposal NEW"), False)


def test_membership_change_alone_is_no_order_change() -> None:
    policy = "crypto ikev2 policy POL\n match fvrf any\n{}"
    [top] = _diff(policy.format(" proposal A\n"),
                  policy.format(" proposal A\n proposal B\n")).changes
    assert top.inner is not None
    [listed] = top.inner.lists
    assert listed.common_order() is None
    assert (listed.steps().remove, listed.steps().add, listed.steps().add_first) == (
        (), ("proposal B",), True)


def test_reorder_keeps_the_common_prefix() -> None:
    assert reorder(["14", "19"], ["14", "19", "20"]) == Reorder((), ("20",), True)
    assert reorder(["21", "20"], ["20"]) == Reorder(("21",), (), True)
    assert reorder(["B", "A"], ["A", "B"]) == Reorder(("B",), ("B",), False)
    assert reorder([], []) == Reorder((), (), True)


DAY0 = """\
hostname R1
vrf definition CORP
 rd 65000:1
interface Loopback7
 description by hand
interface Tunnel6
 ip unnumbered Loopback7
 tunnel source GigabitEthernet1
 tunnel destination 203.0.113.6
"""


def _removed(result: ConfigDiff) -> dict[str, Change]:
    return {c.text: c for c in result.changes if c.kind == "removed"}


def test_sections_the_intent_lacks_carry_the_owner_decision() -> None:
    running = DAY0 + (
        "crypto ikev2 proposal OLD\n encryption aes-cbc-256\n integrity sha256\n group 14\n"
        "crypto ikev2 dpd 10 2 periodic\n"
        "interface Tunnel5\n ip unnumbered Loopback7\n tunnel source GigabitEthernet1\n"
        " tunnel destination 203.0.113.5\n tunnel protection ipsec profile P\n")
    removed = _removed(_diff(running, ""))
    owned = {text for text, c in removed.items() if c.owned}
    # IKEv2 objects and globals and IPsec tunnels are flexorch's; a plain GRE tunnel, a VRF, a
    # loopback and the hostname are not.
    assert owned == {"crypto ikev2 proposal OLD", "crypto ikev2 dpd 10 2 periodic",
                     "interface Tunnel5"}
    assert set(removed) == owned | {"hostname R1", "vrf definition CORP", "interface Loopback7",
                                    "interface Tunnel6"}
    assert {text for text, c in removed.items() if c.removable} == owned
    assert removed["crypto ikev2 proposal OLD"].block
    assert not removed["crypto ikev2 dpd 10 2 periodic"].block


def test_owned_section_still_used_is_kept_and_says_by_whom() -> None:
    running = DAY0 + (
        "crypto ipsec transform-set OLD_TS esp-gcm 256\n mode tunnel\n"
        "crypto ipsec transform-set LEGACY_TS esp-aes 256 esp-sha256-hmac\n mode tunnel\n"
        "crypto map LEGACY 10 ipsec-isakmp\n set peer 203.0.113.9\n set transform-set LEGACY_TS\n")
    intended = "crypto ipsec profile P\n set transform-set OLD_TS\n"
    removed = _removed(_diff(running, intended))
    old_ts = removed["crypto ipsec transform-set OLD_TS esp-gcm 256"]
    assert old_ts.referenced_by == ("crypto ipsec profile P",)
    assert not old_ts.removable
    assert old_ts.kept_note == ("crypto ipsec transform-set OLD_TS esp-gcm 256: kept, still used "
                                "by 'crypto ipsec profile P'")
    legacy = removed["crypto ipsec transform-set LEGACY_TS esp-aes 256 esp-sha256-hmac"]
    assert legacy.referenced_by == ("crypto map LEGACY 10 ipsec-isakmp",)
    assert removed["crypto map LEGACY 10 ipsec-isakmp"].kept_note is None


def test_lines_of_a_block_the_grammar_does_not_know_are_compared_by_text() -> None:
    # (Mediatrace profiles are outside the lab's grammar; voice services and routing protocols
    # are in it now)
    trace = "mediatrace profile system SP\n metric-list tcp\n{}"
    [top] = _diff(trace.format(""), trace.format(" keepalive 30\n")).changes
    assert top.inner is not None
    [added] = top.inner.changes
    assert (added.kind, added.mode, added.value, added.text) == (
        "added", None, None, "keepalive 30")


def test_reverse_compares_back_over_the_touched_sections_only() -> None:
    running = DAY0 + "crypto ikev2 proposal OLD\n encryption aes-cbc-256\n integrity sha256\n" \
                     " group 14\ncrypto ikev2 dpd 10 2 periodic\n"
    intended = ("crypto ikev2 proposal NEW\n encryption aes-gcm-256\n prf sha512\n group 20\n"
                "crypto ikev2 dpd 30 5 on-demand\n")
    back = _diff(running, intended).reverse()
    assert {(c.kind, c.text, c.removable) for c in back.changes} == {
        ("added", "crypto ikev2 proposal OLD", False),
        ("changed", "crypto ikev2 dpd 10 2 periodic", False),
        ("removed", "crypto ikev2 proposal NEW", True),
    }


def test_walk_is_depth_first() -> None:
    keyring = "crypto ikev2 keyring K\n peer a\n  address 192.0.2.1\n peer b\n  address 192.0.2.2\n"
    result = _diff(keyring, keyring.replace("192.0.2", "198.51.100"))
    assert [c.text for c in result.walk()] == [
        "crypto ikev2 keyring K", "peer a", "address 198.51.100.1", "peer b",
        "address 198.51.100.2"]


def test_docstring_examples_run() -> None:
    failed, tried = doctest.testmod(engine)
    assert tried > 0 and failed == 0


def test_secret_lines_are_the_facts_secret_lines_on_every_real_line() -> None:
    # the comparison tries every secret pattern at once: the same answer as trying each
    from pathlib import Path

    from flexorch.ios.config.diff import _carries_secret
    from flexorch.ios.facts.platform import ALL_SECRET_LINE_PATTERNS, carries_secret

    root = Path(__file__).resolve().parents[2] / "tests/fixtures/real"
    lines = {line.strip() for path in root.glob("*/*.cfg")
             for line in path.read_text(errors="replace").splitlines()}
    secret = {line for line in lines
              if any(pattern.match(line) for pattern in ALL_SECRET_LINE_PATTERNS)}
    assert len(secret) > 100  # keys, passwords, communities of the corpus
    assert {line for line in lines if carries_secret(line)} == secret
    assert {line for line in lines if _carries_secret(line)} == secret
