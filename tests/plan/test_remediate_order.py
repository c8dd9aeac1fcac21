"""The remediation's exact lines for the changes generic diff tools get wrong.

Expected line lists are written by hand from IOS behaviour: create new objects, re-point
references, remove old objects; single-valued commands replaced without ``no``. Each case is also
applied with the shared IOS engine, which refuses to delete an object still in use, so a wrong
order fails here twice.
"""

from __future__ import annotations

from flexorch.ios.facts.keys import type7_encode
from flexorch.lab.type6 import CIPHER
from flexorch.plan.remediate import remediate
from tests.plan.configs import DAY0, HUB, HUB_MANAGED, RUNNING, SPOKE, edit, spoke
from tests.plan.helpers import apply, assert_reaches


def test_no_change_is_empty() -> None:
    plan = remediate(RUNNING, SPOKE)
    assert plan.lines == ()
    assert plan.empty


def test_renamed_proposal_in_use_is_created_repointed_then_removed() -> None:
    intended = spoke(OLD_PROP="NEW_PROP")
    plan = remediate(RUNNING, intended)
    assert list(plan.lines) == [
        "crypto ikev2 proposal NEW_PROP",
        " encryption aes-cbc-256",
        " integrity sha256",
        " prf sha256",
        " group 14",
        "crypto ikev2 policy POL",
        " proposal NEW_PROP",
        " no proposal OLD_PROP",
        "no crypto ikev2 proposal OLD_PROP",
    ]
    assert_reaches(RUNNING, intended, plan.lines)


def test_hier_config_order_is_refused_by_ios() -> None:
    # What generic tools emit first: the old proposal's removal while the policy uses it.
    _, errors = apply(RUNNING, ["no crypto ikev2 proposal OLD_PROP"])
    assert len(errors) == 1 and "in use" in errors[0]
    # and the tunnel's protection removed before the new profile exists leaves it unprotected:
    # flexorch never sends "no tunnel protection" for a rename.
    plan = remediate(RUNNING, spoke(OLD_IPSEC="NEW_IPSEC"))
    assert not any(line.strip().startswith("no tunnel protection") for line in plan.lines)


def test_renamed_ipsec_profile_replaces_tunnel_protection_in_place() -> None:
    intended = spoke(OLD_IPSEC="NEW_IPSEC")
    plan = remediate(RUNNING, intended)
    assert list(plan.lines) == [
        "crypto ipsec profile NEW_IPSEC",
        " set transform-set OLD_TS",
        " set ikev2-profile OLD_PROF",
        "interface Tunnel0",
        " tunnel protection ipsec profile NEW_IPSEC",
        "no crypto ipsec profile OLD_IPSEC",
    ]
    assert_reaches(RUNNING, intended, plan.lines)


def test_renamed_keyring_is_single_valued_in_the_profile() -> None:
    intended = spoke(OLD_KEYS="NEW_KEYS")
    plan = remediate(RUNNING, intended)
    assert list(plan.lines) == [
        "crypto ikev2 keyring NEW_KEYS",
        " peer hub1",
        "  address 192.0.2.1",
        "  identity fqdn hub1.flex1.example",
        "  pre-shared-key Test-Key-0001",
        "crypto ikev2 profile OLD_PROF",
        " keyring local NEW_KEYS",
        "no crypto ikev2 keyring OLD_KEYS",
    ]
    assert_reaches(RUNNING, intended, plan.lines)


def test_renamed_ikev2_profile_and_transform_set() -> None:
    intended = spoke(OLD_PROF="NEW_PROF", OLD_TS="NEW_TS")
    plan = remediate(RUNNING, intended)
    lines = list(plan.lines)
    assert lines.index("crypto ikev2 profile NEW_PROF") < lines.index(" set ikev2-profile NEW_PROF")
    assert lines.index("crypto ipsec transform-set NEW_TS esp-aes 256 esp-sha256-hmac") < \
        lines.index(" set transform-set NEW_TS")
    assert lines[-2:] == ["no crypto ipsec transform-set OLD_TS",
                          "no crypto ikev2 profile OLD_PROF"]
    assert not any(line.startswith(" no set") for line in lines)
    assert_reaches(RUNNING, intended, plan.lines)


def test_everything_renamed_at_once_removes_users_before_what_they_used() -> None:
    intended = spoke(OLD_PROP="P2", OLD_KEYS="K2", OLD_PROF="PR2", OLD_TS="TS2",
                     OLD_IPSEC="IP2")
    plan = remediate(RUNNING, intended)
    removals = [line for line in plan.lines if line.startswith("no ")]
    assert removals == [
        "no crypto ipsec profile OLD_IPSEC",
        "no crypto ipsec transform-set OLD_TS",
        "no crypto ikev2 profile OLD_PROF",
        "no crypto ikev2 keyring OLD_KEYS",
        "no crypto ikev2 proposal OLD_PROP",
    ]
    first_removal = plan.lines.index(removals[0])
    assert plan.lines.index(" tunnel protection ipsec profile IP2") < first_removal
    assert_reaches(RUNNING, intended, plan.lines)


def test_vrf_move_resends_the_addresses_ios_drops() -> None:
    running = RUNNING.replace(" ip unnumbered Loopback0\n tunnel source",
                              " ip address 10.9.9.1 255.255.255.252\n tunnel source")
    intended = edit(spoke(), (" ip unnumbered Loopback0\n",
                              " vrf forwarding CORP\n ip address 10.9.9.1 255.255.255.252\n"))
    plan = remediate(running, intended)
    assert list(plan.lines) == [
        "interface Tunnel0",
        " vrf forwarding CORP",
        " ip address 10.9.9.1 255.255.255.252",
    ]
    assert_reaches(running, intended, plan.lines)
    # and back to the global table: the VRF goes first, then the address again
    moved, _ = apply(running, plan.lines)
    back = remediate(moved, spoke().replace(" ip unnumbered Loopback0\n",
                                            " ip address 10.9.9.1 255.255.255.252\n"))
    assert list(back.lines) == [
        "interface Tunnel0",
        " no vrf forwarding",
        " ip address 10.9.9.1 255.255.255.252",
    ]


def test_tunnel_mode_back_to_gre_uses_no_form_of_hidden_default() -> None:
    intended = edit(spoke(), (" tunnel mode ipsec ipv4\n", ""))
    plan = remediate(RUNNING, intended)
    assert list(plan.lines) == ["interface Tunnel0", " no tunnel mode"]
    assert_reaches(RUNNING, intended, plan.lines)


def test_proposal_transforms_end_in_intended_preference_order() -> None:
    intended = edit(spoke(), (" encryption aes-cbc-256\n integrity sha256\n prf sha256\n"
                              " group 14\n",
                              " encryption aes-gcm-256\n prf sha512\n group 21 20\n"))
    running = RUNNING.replace(" group 14\n", " group 20 21\n")
    plan = remediate(running, intended)
    assert list(plan.lines) == [
        "crypto ikev2 proposal OLD_PROP",
        " encryption aes-gcm-256",
        " no encryption aes-cbc-256",
        " prf sha512",
        " no prf sha256",
        " no group 20",  # 21 stays: IOS appends 20 after it again
        " group 20",
        " no integrity sha256",
    ]
    after = assert_reaches(running, intended, plan.lines)
    assert " group 21 20\n" in after


def test_policy_proposal_order_is_a_preference() -> None:
    proposal_b = ("crypto ikev2 proposal B\n encryption aes-gcm-128\n prf sha256\n group 19\n!\n"
                  "crypto ikev2 policy POL\n match fvrf any\n")
    running = edit(RUNNING, ("crypto ikev2 policy POL\n match fvrf any\n", proposal_b),
                   (" match fvrf any\n proposal OLD_PROP\n", " match fvrf any\n proposal OLD_PROP\n"
                                                          " proposal B\n"))
    intended = edit(SPOKE, ("crypto ikev2 policy POL\n match fvrf any\n", proposal_b),
                    (" match fvrf any\n proposal OLD_PROP\n", " match fvrf any\n proposal B\n"
                                                           " proposal OLD_PROP\n"))
    plan = remediate(running, intended)
    assert list(plan.lines) == [
        "crypto ikev2 policy POL",
        " no proposal OLD_PROP",  # B stays first throughout: the policy is never empty
        " proposal OLD_PROP",
    ]
    assert_reaches(running, intended, plan.lines)


def test_fragmentation_and_sgt_added_then_removed() -> None:
    globals_ = "crypto ikev2 cts sgt\ncrypto ikev2 fragmentation mtu 1200\n!\n"
    intended = spoke().replace("crypto ipsec transform-set",
                               globals_ + "crypto ipsec transform-set")
    plan = remediate(RUNNING, intended)
    assert list(plan.lines) == ["crypto ikev2 cts sgt", "crypto ikev2 fragmentation mtu 1200"]
    after = assert_reaches(RUNNING, intended, plan.lines)
    changed = remediate(after, intended.replace("mtu 1200", "mtu 1360"))
    assert list(changed.lines) == ["crypto ikev2 fragmentation mtu 1360"]
    removed = remediate(after, SPOKE)
    assert sorted(removed.lines) == ["no crypto ikev2 cts sgt", "no crypto ikev2 fragmentation"]
    assert_reaches(after, SPOKE, removed.lines)


def test_virtual_template_type_change_recreates_the_interface() -> None:
    running = HUB.replace("interface Virtual-Template1 type tunnel\n ip unnumbered Loopback0\n"
                          " tunnel mode ipsec ipv4\n", "interface Virtual-Template1\n"
                          " ip unnumbered Loopback0\n")
    running = running.replace(" tunnel protection ipsec profile IPSEC\n!\n", "!\n")
    plan = remediate(running, HUB_MANAGED)
    assert list(plan.lines) == [
        "no interface Virtual-Template1",
        "interface Virtual-Template1 type tunnel",
        " ip unnumbered Loopback0",
        " tunnel mode ipsec ipv4",
        " tunnel protection ipsec profile IPSEC",
    ]
    assert_reaches(running, HUB_MANAGED, plan.lines)


def test_keyring_peer_changes_and_key_change_is_seen() -> None:
    intended = edit(HUB_MANAGED, (" peer s2\n  identity fqdn s2.flex1.example\n"
                                  "  pre-shared-key Test-Key-0002\n !\n",
                                  " peer s3\n  identity fqdn s3.flex1.example\n"
                                  "  pre-shared-key local Test-Key-0003\n"
                                  "  pre-shared-key remote Test-Key-0004\n !\n"),
                    ("Test-Key-0001", "Test-Key-0009"))
    plan = remediate(HUB, intended)
    assert list(plan.lines) == [
        "crypto ikev2 keyring KEYS",
        " peer s1",
        "  pre-shared-key Test-Key-0009",
        " peer s3",
        "  identity fqdn s3.flex1.example",
        "  pre-shared-key local Test-Key-0003",
        "  pre-shared-key remote Test-Key-0004",
        " no peer s2",
    ]
    assert_reaches(HUB, intended, plan.lines)


def test_keyring_description_after_a_peer_needs_an_exit() -> None:
    # ``description`` exists in keyring and keyring-peer mode: without ``exit`` IOS would give
    # the keyring's description to the peer typed just before.
    running = HUB.replace(" peer s2\n", " description old\n peer s2\n")
    intended = edit(HUB_MANAGED, ("  pre-shared-key Test-Key-0001\n",
                                  "  pre-shared-key Test-Key-0008\n"))
    intended = intended.replace("crypto ikev2 keyring KEYS\n", "crypto ikev2 keyring KEYS\n"
                                " description new\n")
    plan = remediate(running, intended)
    assert plan.lines[0] == "crypto ikev2 keyring KEYS"
    assert " description new" in plan.lines
    assert_reaches(running, intended, plan.lines)


def test_unowned_sections_are_left_alone_and_owned_ones_removed() -> None:
    running = RUNNING + (
        "interface Loopback9\n description someone else's\n!\n"
        "interface Tunnel5\n ip address 10.5.5.1 255.255.255.252\n tunnel source Loopback0\n"
        " tunnel destination 10.0.0.5\n!\n"
        "interface Tunnel7\n ip unnumbered Loopback0\n tunnel source GigabitEthernet1\n"
        " tunnel mode ipsec ipv4\n tunnel destination 192.0.2.7\n"
        " tunnel protection ipsec profile OLD_IPSEC\n!\n"
    )
    plan = remediate(running, SPOKE)
    assert list(plan.lines) == ["no interface Tunnel7"]
    after = assert_reaches(running, SPOKE, plan.lines)
    assert "interface Loopback9" in after and "interface Tunnel5" in after


def test_object_used_by_a_section_flexorch_does_not_know_is_kept() -> None:
    running = RUNNING + ("crypto map CMAP 10 ipsec-isakmp\n set peer 192.0.2.99\n"
                         " set transform-set OLD_TS\n!\n")
    intended = spoke(OLD_TS="NEW_TS")
    plan = remediate(running, intended)
    assert "no crypto ipsec transform-set OLD_TS" not in plan.lines
    assert any("OLD_TS" in note and "crypto map CMAP 10" in note for note in plan.notes)


def test_fresh_router_gets_everything_in_dependency_order() -> None:
    plan = remediate(DAY0, SPOKE)
    headers = [line for line in plan.lines if not line.startswith(" ")]
    assert headers == [
        "crypto ikev2 authorization policy FLEX_ROUTES",
        "crypto ikev2 proposal OLD_PROP",
        "crypto ikev2 policy POL",
        "crypto ikev2 keyring OLD_KEYS",
        "crypto ikev2 profile OLD_PROF",
        "crypto ipsec transform-set OLD_TS esp-aes 256 esp-sha256-hmac",
        "crypto ipsec profile OLD_IPSEC",
        "interface Tunnel0",
    ]
    assert_reaches(DAY0, SPOKE, plan.lines)


def test_display_quirks_are_not_changes() -> None:
    # Abbreviations, hidden defaults, the "mode tunnel" IOS adds, default-on features typed.
    intended = edit(SPOKE, ("interface Tunnel0\n", "crypto ikev2 window 5\nint tu0\n"),
                    (" mode tunnel\n", ""), (" dpd 30 5 on-demand\n",
                                              " dpd 30 5 on-demand\n config-exchange request\n"))
    assert remediate(RUNNING, intended).lines == ()


def test_type7_radius_key_is_compared_in_clear() -> None:
    radius = ("radius server R1\n address ipv4 192.0.2.130 auth-port 1812 acct-port 1813\n"
              " key {}\n!\n")
    shown = "service password-encryption\n" + RUNNING + radius.format(
        "7 " + type7_encode("Radius-Key-1"))
    assert remediate(shown, SPOKE + radius.format("Radius-Key-1")).lines == ()
    changed = remediate(shown, SPOKE + radius.format("Radius-Key-2"))
    assert list(changed.lines) == ["radius server R1", " key Radius-Key-2"]


def test_type6_key_without_master_key_is_not_resent_and_noted() -> None:
    shown = RUNNING.replace("pre-shared-key Test-Key-0001",
                            "pre-shared-key 6 " + CIPHER.encrypt("Test-Key-0001", "master-key-1"))
    plan = remediate(shown, SPOKE)
    assert plan.lines == ()
    assert len(plan.notes) == 1 and "type 6" in plan.notes[0] and "peer hub1" in plan.notes[0]
    known = remediate(shown, SPOKE.replace("Test-Key-0001", "Test-Key-0002"),
                      decrypt_type6=CIPHER.decrypter("master-key-1"))
    assert list(known.lines) == ["crypto ikev2 keyring OLD_KEYS", " peer hub1",
                                 "  pre-shared-key Test-Key-0002"]
