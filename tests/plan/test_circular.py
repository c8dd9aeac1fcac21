"""Circular remediation tests (hier_config style) on the shared IOS engine.

For every (running, intended) pair: the remediation, typed into IOS config mode (the engine the
lab runs), is accepted line by line; the result holds the intended sections; planning again
from the result gives nothing (idempotent); and the rollback direction (back to the original
sections) works the same way. The rollback view (the reverse comparison) typed into the result
gives the running config back: running + remediation = intended, intended + rollback = running.
"""

from __future__ import annotations

import itertools

import pytest

from flexorch.ios.config import ConfigTree, apply_lines, show_running
from flexorch.plan.remediate import remediate, rollback
from tests.ios.test_guide import EXAMPLES, PRELUDE
from tests.plan.configs import DAY0, HUB, HUB_DAY0, HUB_MANAGED, RUNNING, SPOKE, edit, spoke
from tests.plan.helpers import apply, assert_reaches, managed, proposals

SGT_FRAG = "crypto ikev2 cts sgt\ncrypto ikev2 fragmentation mtu 1200\n!\n"


def _with_globals(text: str, globals_: str) -> str:
    return text.replace("crypto ipsec transform-set", globals_ + "crypto ipsec transform-set", 1)


# (name, running, intended): every case is also run in the rollback direction.
PAIRS: list[tuple[str, str, str]] = [
    ("fresh spoke", DAY0, SPOKE),
    ("fresh hub", HUB_DAY0, HUB_MANAGED),
    ("rename proposal", RUNNING, spoke(OLD_PROP="NEW_PROP")),
    ("rename keyring", RUNNING, spoke(OLD_KEYS="NEW_KEYS")),
    ("rename ikev2 profile", RUNNING, spoke(OLD_PROF="NEW_PROF")),
    ("rename transform set", RUNNING, spoke(OLD_TS="NEW_TS")),
    ("rename ipsec profile", RUNNING, spoke(OLD_IPSEC="NEW_IPSEC")),
    ("rename policy", RUNNING, spoke(POL="POL2")),
    ("rename everything", RUNNING, spoke(OLD_PROP="P2", OLD_KEYS="K2", OLD_PROF="PR2",
                                         OLD_TS="TS2", OLD_IPSEC="IP2", POL="POL2")),
    ("tunnel into IVRF", RUNNING, edit(SPOKE, (" ip unnumbered Loopback0\n tunnel source",
                                               " vrf forwarding CORP\n ip unnumbered Loopback0\n"
                                               " tunnel source"))),
    ("tunnel FVRF", RUNNING, edit(SPOKE, (" tunnel destination 192.0.2.1\n",
                                          " tunnel destination 192.0.2.1\n tunnel vrf INET\n"))),
    ("profile and policy FVRF", RUNNING, edit(SPOKE, (" match fvrf any\n", " match fvrf INET\n"),
                                              (" dpd 30 5 on-demand\n",
                                               " match fvrf INET\n dpd 30 5 on-demand\n"))),
    ("tunnel mode gre", RUNNING, edit(SPOKE, (" tunnel mode ipsec ipv4\n", ""))),
    ("tunnel mode ipv6", RUNNING, edit(SPOKE, (" tunnel mode ipsec ipv4\n",
                                               " tunnel mode ipsec ipv6\n"),
                                       (" tunnel destination 192.0.2.1\n",
                                        " tunnel destination 2001:DB8:1::1\n"))),
    ("tunnel mode mixed", RUNNING, edit(SPOKE, (" tunnel mode ipsec ipv4\n",
                                                " tunnel mode ipsec ipv4 v6-overlay\n"),
                                        (" set ikev2-profile OLD_PROF\n",
                                         " set ikev2-profile OLD_PROF\n set mixed-mode\n"))),
    ("add SGT and fragmentation", RUNNING, _with_globals(SPOKE, SGT_FRAG)),
    ("SGT inline on the tunnel", RUNNING, edit(SPOKE, (" ip unnumbered Loopback0\n tunnel source",
                                                       " ip unnumbered Loopback0\n cts sgt inline\n"
                                                       " tunnel source"))),
    ("new proposal suite", RUNNING, edit(SPOKE, (" encryption aes-cbc-256\n integrity sha256\n"
                                                 " prf sha256\n group 14\n",
                                                 " encryption aes-gcm-256\n prf sha512\n"
                                                 " group 21 20\n"))),
    ("transform set transforms", RUNNING, edit(SPOKE, ("OLD_TS esp-aes 256 esp-sha256-hmac",
                                                       "OLD_TS esp-gcm 256"))),
    ("transport mode", RUNNING, edit(SPOKE, (" mode tunnel\n", " mode transport\n"))),
    ("ipsec profile pfs and lifetime", RUNNING, edit(SPOKE, (" set ikev2-profile OLD_PROF\n",
                                                             " set security-association lifetime"
                                                             " seconds 7200\n set pfs group19\n"
                                                             " set ikev2-profile OLD_PROF\n"))),
    ("asymmetric keys", RUNNING, edit(SPOKE, ("  pre-shared-key Test-Key-0001\n",
                                              "  pre-shared-key local Test-Key-0005\n"
                                              "  pre-shared-key remote Test-Key-0006\n"))),
    ("dpd and config exchange", RUNNING, edit(SPOKE, (" dpd 30 5 on-demand\n",
                                                      " dpd 10 3 periodic\n"
                                                      " no config-exchange request\n"))),
    ("second tunnel", RUNNING, SPOKE + (
        "interface Tunnel1\n ip unnumbered Loopback0\n tunnel source GigabitEthernet1\n"
        " tunnel mode ipsec ipv4\n tunnel destination 192.0.2.2\n"
        " tunnel protection ipsec profile OLD_IPSEC\n!\n")),
    ("virtual template mode auto", HUB, edit(HUB_MANAGED, (" virtual-template 1\n",
                                                           " virtual-template 1 mode auto\n"))),
    ("second virtual template", HUB, edit(HUB_MANAGED, (" virtual-template 1\n",
                                                        " virtual-template 2\n"),
                                          ("interface Virtual-Template1 type tunnel",
                                           "interface Virtual-Template2 type tunnel"))),
    ("hub spoke removed", HUB, edit(HUB_MANAGED, (" peer s2\n  identity fqdn s2.flex1.example\n"
                                                  "  pre-shared-key Test-Key-0002\n !\n", ""),
                                    (" match identity remote fqdn s2.flex1.example\n", ""))),
    ("hub fragmentation and SGT", HUB, _with_globals(HUB_MANAGED, SGT_FRAG)),
    ("hub mixed mode", HUB, edit(HUB_MANAGED, (" set ikev2-profile FLEX\n",
                                               " set ikev2-profile FLEX\n set mixed-mode\n"),
                                 (" tunnel mode ipsec ipv4\n", ""))),
    ("authorization and pool", HUB, "ip local pool POOL 10.9.0.1 10.9.0.99\n!\n" + edit(
        HUB_MANAGED, ("crypto ikev2 proposal P1",
                      "aaa new-model\naaa authorization network L local\n"
                      "crypto ikev2 authorization policy AP\n pool POOL\n route set interface\n!\n"
                      "crypto ikev2 proposal P1"),
        (" virtual-template 1\n",
         " aaa authorization group psk list L AP\n virtual-template 1\n"))),
]


@pytest.mark.parametrize(("running", "intended"), [(r, i) for _, r, i in PAIRS],
                         ids=[name for name, _, _ in PAIRS])
def test_round_trip(running: str, intended: str) -> None:
    plan = remediate(running, intended)
    assert plan.lines, "every case changes something"
    after = assert_reaches(running, intended, plan.lines)
    assert remediate(after, intended).lines == ()
    # Rollback direction: back to the original FlexVPN sections.
    original = _sections(running)
    back = remediate(after, original)
    restored = assert_reaches(after, original, back.lines)
    assert remediate(restored, original).lines == ()


def test_pool_range_change_removes_the_old_range_first() -> None:
    running = HUB + "ip local pool POOL 10.9.0.1 10.9.0.99\n!\n"
    intended = HUB_MANAGED + "ip local pool POOL 10.9.0.1 10.9.0.200\n!\n"
    plan = remediate(running, intended)
    assert list(plan.lines) == ["no ip local pool POOL", "ip local pool POOL 10.9.0.1 10.9.0.200"]
    assert_reaches(running, intended, plan.lines)


def _sections(config: str) -> str:
    """The part of ``config`` a rollback restores: everything except the day-0 lines (hostname,
    WAN interfaces, VRFs, routes), which are not in the intent and never removed."""
    tree = ConfigTree.from_text(config)
    keep = [n for n in tree.roots if not n.text.startswith(
        ("hostname", "interface GigabitEthernet", "vrf definition", "ip route", "service "))]
    return show_running(ConfigTree(keep))


def _guide_config(lines: list[str]) -> str:
    tree = ConfigTree()
    apply_lines(tree, [*PRELUDE, *lines])  # guide errata are refused by IOS and left out
    return show_running(tree)


GUIDE_DAY0 = ("hostname R1\ninterface GigabitEthernet1\n ip address 198.51.100.1 255.255.255.0\n"
              "interface GigabitEthernet2\n ip address 198.51.100.2 255.255.255.0\n")


@pytest.mark.parametrize(("title", "lines"), EXAMPLES, ids=[t for t, _ in EXAMPLES])
def test_every_guide_example_from_day0_and_back(title: str, lines: list[str]) -> None:
    intended = _guide_config(lines)
    plan = remediate(GUIDE_DAY0, intended)
    after = assert_reaches(GUIDE_DAY0, intended, plan.lines)
    assert remediate(after, intended).lines == ()
    # Back to an intent without FlexVPN: owned sections go, shared ones (AAA, PKI, VRFs,
    # loopbacks) stay, and IOS takes every line.
    back = remediate(after, "")
    cleaned, errors = apply(after, back.lines)
    assert errors == []
    assert remediate(cleaned, "").lines == ()
    assert "crypto ikev2 profile" not in cleaned and "crypto ipsec profile" not in cleaned


def test_whole_guide_at_once_and_from_one_example_to_the_next() -> None:
    everything = _guide_config([line for _, lines in EXAMPLES for line in lines])
    plan = remediate(GUIDE_DAY0, everything)
    after = assert_reaches(GUIDE_DAY0, everything, plan.lines)
    assert remediate(after, everything).lines == ()
    for (_, first), (_, second) in itertools.pairwise(EXAMPLES):
        start, _ = apply(GUIDE_DAY0, remediate(GUIDE_DAY0, _guide_config(first)).lines)
        target = _guide_config(second)
        step = remediate(start, target)
        reached, errors = apply(start, step.lines)
        assert errors == []
        assert remediate(reached, target).lines == ()


def _assert_rollback(running: str, intended: str) -> None:
    """running + remediation, then + rollback: IOS takes every line and the router holds
    ``running`` again (every section it had, and no section of flexorch's kinds it lacked)."""
    after, errors = apply(running, remediate(running, intended).lines)
    assert errors == []
    back = rollback(running, intended)
    restored, errors = apply(after, back.lines)
    assert errors == [], errors
    assert managed(restored, running) == managed(running, running)
    assert proposals(restored) == proposals(running)
    assert remediate(restored, running).lines == ()


@pytest.mark.parametrize(("running", "intended"), [(r, i) for _, r, i in PAIRS],
                         ids=[name for name, _, _ in PAIRS])
def test_rollback_gives_the_running_config_back(running: str, intended: str) -> None:
    _assert_rollback(running, intended)


@pytest.mark.parametrize(("title", "lines"), EXAMPLES, ids=[t for t, _ in EXAMPLES])
def test_rollback_of_every_guide_example(title: str, lines: list[str]) -> None:
    _assert_rollback(GUIDE_DAY0, _guide_config(lines))


def test_rollback_leaves_the_sections_flexorch_did_not_touch() -> None:
    assert rollback(RUNNING, SPOKE).lines == ()
    back = rollback(RUNNING, spoke(OLD_PROP="NEW_PROP"))
    assert list(back.lines) == [
        "crypto ikev2 proposal OLD_PROP",
        " encryption aes-cbc-256",
        " integrity sha256",
        " prf sha256",
        " group 14",
        "crypto ikev2 policy POL",
        " proposal OLD_PROP",
        " no proposal NEW_PROP",
        "no crypto ikev2 proposal NEW_PROP",
    ]
