"""negotiate(): hub1 and hand-written spokes (tests/ios/configs), one test per guide rule.

Expected values come from the configs and the guide's rules, worked out by hand:
e.g. spoke1 offers only NGE (aes-gcm-256/prf sha512/group 21) and hub1's policy has NGE with
groups 21 19, so the suite is AES-GCM/256, PRF SHA512, Hash None (combined mode), DH 21.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Outcome, Status, negotiate

CONFIGS = Path(__file__).parent / "configs"
KEYS = {name: hashlib.sha256(f"flexorch-test:{name}".encode()).hexdigest()[:24]
        for name in ("PSK_HUB", "PSK_SPOKES", "PSK_ANY", "PSK_OTHER")}


def _text(name: str, edits: dict[str, str] | None = None, add: str = "") -> str:
    raw = (CONFIGS / f"{name}.cfg").read_text(encoding="utf-8")
    for placeholder, key in KEYS.items():
        raw = raw.replace("{{" + placeholder + "}}", key)
    lines = raw.splitlines()
    for old, new in (edits or {}).items():
        # ``old`` is one or more whole consecutive lines; it must occur exactly once.
        span = old.split("\n")
        found = [i for i in range(len(lines)) if lines[i : i + len(span)] == span]
        assert len(found) == 1, f"{old!r} occurs {len(found)} times in {name}.cfg"
        lines[found[0] : found[0] + len(span)] = new.splitlines()
    return "\n".join(lines) + "\n" + add


def ep(name: str, edits: dict[str, str] | None = None, add: str = "", *,
       behind_nat: bool = False, nat_public_address: str | None = None,
       reachable: bool = True) -> Endpoint:
    return Endpoint(name, RouterConfig.from_text(_text(name, edits, add)), behind_nat=behind_nat,
                    reachable=reachable, nat_public_address=nat_public_address)


def run(spoke: Endpoint, hub: Endpoint | None = None, tunnel: str = "Tunnel0") -> Outcome:
    return negotiate(spoke, hub if hub is not None else ep("hub1"), tunnel)


def assert_no_key(outcome: Outcome) -> None:
    dumped = json.dumps(outcome.to_dict())
    for key in KEYS.values():
        assert key not in dumped


# --- healthy pairs --------------------------------------------------------------------------------
def test_spoke1_ipsec_vti_established_both_views() -> None:
    outcome = run(ep("spoke1"))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    assert outcome.step == "established"
    spoke = outcome.view_of("spoke1")
    hub = outcome.view_of("hub1")
    assert spoke is not None and hub is not None
    for view in (spoke, hub):
        assert (view.encryption, view.keysize, view.prf, view.hash, view.dh_group) == (
            "AES-GCM", 256, "SHA512", "None", 21)
        assert (view.auth_sign, view.auth_verify) == ("PSK", "PSK")
        assert view.sgt == "enabled"  # both have crypto ikev2 cts sgt, tunnel mode ipsec
        assert view.fragmentation == "ietf"  # both advertise IETF + Cisco: IETF wins
        assert view.nat_t == "not-detected"
        assert (view.local_port, view.remote_port) == (500, 500)
        assert view.fvrf == "none" and view.ivrf == "none"
        assert view.transform_set == "TS-GCM"
    assert (spoke.local_address, spoke.remote_address) == ("198.51.100.11", "192.0.2.1")
    assert (hub.local_address, hub.remote_address) == ("192.0.2.1", "198.51.100.11")
    assert (spoke.local_id, spoke.remote_id) == ("spoke1.spokes.example.net", "hub1.example.net")
    assert (hub.local_id, hub.remote_id) == ("hub1.example.net", "spoke1.spokes.example.net")
    assert spoke.initiator and not hub.initiator
    # SPIs: each side's local SPI is the other's remote SPI.
    assert spoke.local_spi == hub.remote_spi and hub.local_spi == spoke.remote_spi
    assert spoke.local_spi != spoke.remote_spi and len(spoke.local_spi) == 16
    # DPD and window come from each side's own config; remote window is the peer's.
    assert (spoke.dpd_interval, spoke.dpd_retry) == (30, 5)
    assert (hub.dpd_interval, hub.dpd_retry) == (10, 3)
    assert (spoke.local_window, spoke.remote_window) == (5, 10)
    assert (hub.local_window, hub.remote_window) == (10, 5)
    # MTU in use is local: spoke default 576 - 28 (IPv4 + UDP), hub 1400 - 28.
    assert (spoke.fragmentation_mtu, hub.fragmentation_mtu) == (548, 1372)
    assert spoke.interface == "Tunnel0"
    assert (hub.interface, hub.virtual_template) == ("Virtual-Access1", "Virtual-Template1")
    assert hub.ikev2_profile == "FLEX" and spoke.ikev2_profile == "FLEX"
    assert spoke.flow == "permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0"
    assert outcome.notes == ()
    fields = spoke.sa_fields()
    assert fields["status"] == "READY" and fields["tunnel_id"] == 1
    assert_no_key(outcome)


def test_spoke2_gre_in_fvrf_cloned_by_mode_auto() -> None:
    outcome = run(ep("spoke2"))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    spoke, hub = outcome.views
    # spoke2 offers LEGACY only: aes-cbc-256 / sha256 / sha256 / 14.
    assert (spoke.encryption, spoke.keysize, spoke.prf, spoke.hash, spoke.dh_group) == (
        "AES-CBC", 256, "SHA256", "SHA256", 14)
    assert spoke.fvrf == "INET" and hub.fvrf == "none"
    # hub1's Virtual-Template1 says ipsec ipv4, but mode auto clones what the spoke proposes.
    assert hub.tunnel_mode == "gre ip" and spoke.tunnel_mode == "gre ip"
    assert spoke.flow == "permit 47 host 198.51.100.12 host 192.0.2.1"
    # spoke2 has neither SGT nor fragmentation: both ends show them off.
    assert spoke.sgt == hub.sgt == "disabled"
    assert spoke.fragmentation == hub.fragmentation == "none"
    assert spoke.fragmentation_mtu is None
    assert any("SGT" in n.text and "hub1 only" in n.text for n in outcome.notes)
    assert any("fragmentation configured on hub1 only" in n.text for n in outcome.notes)
    assert {n.code for n in outcome.notes} == {"sgt-one-end", "fragmentation-one-end"}
    # Address identity by default (guide: the local interface IP).
    assert spoke.local_id == "198.51.100.12" and hub.remote_id == "198.51.100.12"


def test_spoke3_ipv6_on_smart_defaults() -> None:
    outcome = run(ep("spoke3"))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    spoke, hub = outcome.views
    # IOS-XE 17's default proposal (aes-cbc-256; sha512 sha384; prf the same; groups 19 14 21
    # 5) against hub1's POL [NGE (GCM: no), LEGACY (sha256 sha384, group 14 19)]: LEGACY
    # matches with the initiator's first common of each type.
    assert (spoke.encryption, spoke.keysize, spoke.prf, spoke.hash, spoke.dh_group) == (
        "AES-CBC", 256, "SHA384", "SHA384", 19)
    assert outcome.suite is not None
    assert (outcome.suite.proposal, outcome.suite.responder_proposal) == ("default", "LEGACY")
    # IPsec profile default -> transform set default, which hub1's IPP lists last.
    assert (spoke.ipsec_profile, spoke.transform_set, hub.transform_set) == (
        "default", "default", "default")
    assert spoke.ikev2_profile == "default"
    assert (spoke.local_address, spoke.remote_address) == ("2001:DB8:3::3", "2001:DB8:1::1")
    assert hub.remote_id == "2001:DB8:3::3"
    assert hub.tunnel_mode == "ipsec ipv6"
    # IPv6 fragmentation MTU: default 1280 - 48 on the spoke, 1400 - 48 on the hub.
    assert (spoke.fragmentation_mtu, hub.fragmentation_mtu) == (1232, 1352)


def test_spoke4_mixed_mode_with_set_mixed_mode() -> None:
    outcome = run(ep("spoke4"))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    spoke, hub = outcome.views
    assert hub.tunnel_mode == "ipsec ipv4 v6-overlay"
    assert hub.flow == "permit ipv6 ::/0 ::/0"
    assert spoke.remote_address == "192.0.2.1"


def test_spoke5_ecdsa_certificates_guide_suite() -> None:
    outcome = run(ep("spoke5"))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    spoke, hub = outcome.views
    # The guide's ECDSA table: AES-GCM-256, PRF SHA512, group 21, ECDSA.
    assert (spoke.encryption, spoke.keysize, spoke.prf, spoke.hash, spoke.dh_group) == (
        "AES-GCM", 256, "SHA512", "None", 21)
    assert (spoke.auth_sign, spoke.auth_verify, hub.auth_sign) == ("ECDSA", "ECDSA", "ECDSA")
    assert spoke.local_id == "hostname=spoke5.spokes.example.net,cn=spoke5"
    assert spoke.remote_id == "hostname=hub1.example.net,cn=hub1"
    assert hub.ikev2_profile == "CERTS"
    assert (spoke.dpd_interval, spoke.dpd_retry) == (10, 2)
    # spoke5's IPsec profile has set pfs group21, hub1's none: noted, not fatal.
    # hub1 also has SGT and fragmentation, spoke5 neither.
    assert {n.code for n in outcome.notes} == {"pfs-mismatch", "sgt-one-end",
                                               "fragmentation-one-end"}
    assert any("PFS differs" in n.text for n in outcome.notes)


# --- proposals ------------------------------------------------------------------------------------
def test_no_common_proposal() -> None:
    outcome = run(ep("spoke1", {" group 21": " group 14"}))
    assert outcome.status is Status.NO_PROPOSAL_CHOSEN
    assert outcome.step == "ike-proposal"
    assert "hub1 supports no proposal of spoke1" in outcome.reason
    assert outcome.views == ()
    # Group 14 is in hub1's LEGACY, PRF sha512 and aes-gcm-256 in its NGE: every type has a
    # value in common, no single proposal has them all.
    assert outcome.reason.startswith(
        "hub1 supports no proposal of spoke1 (no proposal of hub1 shares a value of every "
        "transform type with one of spoke1's): ")


def test_the_cause_names_the_dh_groups_that_do_not_match() -> None:
    outcome = run(ep("spoke1", {" group 21": " group 20"}))
    assert outcome.status is Status.NO_PROPOSAL_CHOSEN
    # hub1's policy POL lists NGE (groups 21 19) then LEGACY (14 19)
    assert outcome.reason.startswith(
        "hub1 supports no proposal of spoke1 (DH group: spoke1 offers 20, hub1 accepts 21/19/14): "
        "spoke1 policy POL: NGE; hub1 policy POL: NGE, LEGACY")


def test_gcm_with_integrity_is_incomplete() -> None:
    gcm = " encryption aes-gcm-256"
    outcome = run(ep("spoke1", {gcm: gcm + "\n integrity sha512"}))
    assert outcome.status is Status.NO_PROPOSAL_CHOSEN
    assert "incomplete" in outcome.reason and "combined-mode" in outcome.reason


def test_missing_transform_type_is_incomplete() -> None:
    outcome = run(ep("spoke1", {" prf sha512": ""}))
    assert outcome.status is Status.NO_PROPOSAL_CHOSEN
    assert "no prf" in outcome.reason


def test_initiator_preference_wins() -> None:
    # spoke1's policy lists LEGACY before NGE; hub1's lists NGE first: the initiator's order wins.
    add = ("crypto ikev2 proposal LEGACY\n encryption aes-cbc-256\n integrity sha256\n"
           " prf sha256\n group 14\n")
    outcome = run(ep("spoke1", {" proposal NGE": " proposal LEGACY\n proposal NGE"}, add))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    assert outcome.suite is not None and outcome.suite.proposal == "LEGACY"
    assert outcome.views[0].encryption == "AES-CBC"


def test_proposal_without_policy_is_not_used() -> None:
    # spoke1 without its policy falls back to the default policy and proposal (AES-CBC), even
    # though its NGE proposal still exists.
    outcome = run(ep("spoke1", {"crypto ikev2 policy POL": "", " proposal NGE": ""}))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    assert outcome.suite is not None and outcome.suite.proposal == "default"


def test_child_sa_transform_sets_do_not_intersect() -> None:
    outcome = run(ep("spoke1", {"crypto ipsec transform-set TS-GCM esp-gcm 256":
                                "crypto ipsec transform-set TS-GCM esp-gcm 128"}))
    assert outcome.status is Status.NO_PROPOSAL_CHOSEN
    assert outcome.step == "child-sa"


# --- authentication -------------------------------------------------------------------------------
def test_psk_mismatch_initiator_to_responder() -> None:
    spoke = ep("spoke1", {f"  pre-shared-key local {KEYS['PSK_SPOKES']}":
                          f"  pre-shared-key local {KEYS['PSK_OTHER']}"})
    outcome = run(spoke)
    assert outcome.status is Status.AUTH_FAILED
    assert outcome.cause == "psk-mismatch"
    assert outcome.to_dict()["cause"] == "psk-mismatch"
    assert "spoke1 -> hub1" in outcome.reason
    assert "keyring KR peer by-domain" in outcome.reason  # the hub found the identity block
    assert_no_key(outcome)
    assert KEYS["PSK_OTHER"] not in json.dumps(outcome.to_dict())


def test_asymmetric_keys_each_direction_checked() -> None:
    spoke = ep("spoke1", {f"  pre-shared-key remote {KEYS['PSK_HUB']}":
                          f"  pre-shared-key remote {KEYS['PSK_OTHER']}"})
    outcome = run(spoke)
    assert outcome.status is Status.AUTH_FAILED
    assert outcome.cause == "psk-mismatch"
    assert "hub1 -> spoke1" in outcome.reason


def test_symmetric_key_from_address_block() -> None:
    # spoke2's identity is its address: no identity block on hub1 matches, so the address
    # block any-v4 (symmetric key) is used on both directions.
    wrong = ep("spoke2", {f"  pre-shared-key {KEYS['PSK_ANY']}":
                          f"  pre-shared-key {KEYS['PSK_OTHER']}"})
    outcome = run(wrong)
    assert outcome.status is Status.AUTH_FAILED
    assert outcome.cause == "psk-mismatch"
    assert "keyring KR peer any-v4" in outcome.reason


def test_profile_keys_take_precedence_over_keyring() -> None:
    edits = {f"  pre-shared-key {KEYS['PSK_ANY']}": f"  pre-shared-key {KEYS['PSK_OTHER']}",
             " authentication remote pre-share":
             f" authentication remote pre-share key {KEYS['PSK_ANY']}",
             " authentication local pre-share":
             f" authentication local pre-share key {KEYS['PSK_ANY']}"}
    outcome = run(ep("spoke2", edits))
    assert outcome.status is Status.ESTABLISHED, outcome.reason


def test_type6_key_is_not_claimed_wrong() -> None:
    spoke = ep("spoke2", {f"  pre-shared-key {KEYS['PSK_ANY']}":
                          "  pre-shared-key 6 aBcDeFgHiJkLmNoPqRsTuVwXyZ"})
    outcome = run(spoke)
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    assert any("not verified" in n.text for n in outcome.notes)
    # spoke2's symmetric type 6 key is used in both directions.
    codes = [n.code for n in outcome.notes]
    assert codes.count("psk-unverified") == 2


def test_no_keyring_block_for_peer() -> None:
    # hub1's IPv4 address block no longer covers spoke2 (whose identity is its address).
    hub = ep("hub1", {"  address 0.0.0.0 0.0.0.0": "  address 203.0.113.0 255.255.255.0"})
    outcome = run(ep("spoke2"), hub)
    assert outcome.status is Status.AUTH_FAILED
    assert outcome.cause == "no-key"
    assert "hub1: no pre-shared remote key" in outcome.reason


def test_auth_method_not_accepted() -> None:
    outcome = run(ep("spoke1", {" authentication local pre-share": " authentication local rsa-sig"},
                     "crypto pki trustpoint TP\n enrollment url http://10.1.1.1\n"))
    assert outcome.status is Status.AUTH_FAILED
    assert outcome.cause == "auth-method"
    assert "hub1 does not accept RSA from spoke1" in outcome.reason


def test_enrollment_urls_that_differ_do_not_make_a_ca_untrusted() -> None:
    # One CA router reached at two addresses is common (real: R15 and R18 enrol at different
    # URLs and their RSA SA is up, tests/fixtures/real/gh-atrubin-otus-ikev2-cryptomap): the
    # CA is assumed common and the assumption noted, never claimed untrusted.
    outcome = run(ep("spoke5", {" enrollment url http://10.1.1.1": " enrollment url http://10.9.9.9"}))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    notes = [n.text for n in outcome.notes if n.code == "cert-ca-assumed"]
    assert notes and "http://10.9.9.9" in notes[0] and "http://10.1.1.1" in notes[0]


def test_responder_profile_without_trustpoint_cannot_verify() -> None:
    # The responder may not fall back to the router's trustpoints (guide): hub1's profile without
    # "pki trustpoint" has nothing to verify spoke5's certificate with.
    outcome = run(ep("spoke5"), ep("hub1", {" pki trustpoint CA1": ""}))
    assert outcome.status is Status.AUTH_FAILED
    assert outcome.cause == "cert-no-trustpoint"
    assert "hub1: IKEv2 profile" in outcome.reason and "trustpoint to verify" in outcome.reason


def test_only_auth_failures_carry_a_cause() -> None:
    # Established, and failures at other steps: no auth cause.
    assert run(ep("spoke1")).cause is None
    wrong_suite = run(ep("spoke1", {"crypto ipsec transform-set TS-GCM esp-gcm 256":
                                    "crypto ipsec transform-set TS-GCM esp-gcm 128"}))
    assert wrong_suite.status is Status.NO_PROPOSAL_CHOSEN
    assert wrong_suite.cause is None
    assert wrong_suite.to_dict()["cause"] is None


# --- profiles -------------------------------------------------------------------------------------
def test_no_responder_profile_matches() -> None:
    hub = ep("hub1", {" match identity remote fqdn domain spokes.example.net":
                      " match identity remote fqdn domain other.example.net",
                      " match identity remote address 0.0.0.0": "",
                      " match identity remote address ::/0": ""})
    outcome = run(ep("spoke1"), hub)
    assert outcome.status is Status.PROFILE_MISMATCH
    assert "no IKEv2 profile matches spoke1" in outcome.reason
    assert "spoke1.spokes.example.net" in outcome.reason


def test_certificate_map_mismatch() -> None:
    hub = ep("hub1", {" subject-name co spokes.example.net": " subject-name co other.org"})
    outcome = run(ep("spoke5"), hub)
    assert outcome.status is Status.PROFILE_MISMATCH


def test_initiator_profile_must_match_its_fvrf() -> None:
    outcome = run(ep("spoke2", {" match fvrf INET\n match identity remote fqdn hub1.example.net":
                                " match identity remote fqdn hub1.example.net"}))
    assert outcome.status is Status.PROFILE_MISMATCH
    assert "does not match its tunnel's fvrf INET" in outcome.reason
    assert "add 'match fvrf INET' (or 'match fvrf any')" in outcome.reason


def test_initiator_checks_responder_identity() -> None:
    outcome = run(ep("spoke1", {" match identity remote fqdn hub1.example.net":
                                " match identity remote fqdn hub9.example.net"}))
    assert outcome.status is Status.PROFILE_MISMATCH
    assert "hub1's identity fqdn hub1.example.net" in outcome.reason


# --- tunnel modes, mixed mode, mode auto ----------------------------------------------------------
def test_mixed_mode_needs_set_mixed_mode_on_responder() -> None:
    hub = ep("hub1", {" set mixed-mode": ""})
    outcome = run(ep("spoke4"), hub)
    assert outcome.status is Status.TS_UNACCEPTABLE
    assert "set mixed-mode" in outcome.reason


@pytest.mark.parametrize(("spoke", "status"), [
    ("spoke1", Status.ESTABLISHED),  # ipsec ipv4 == the template's mode
    ("spoke2", Status.TS_UNACCEPTABLE),  # GRE vs IPsec
    ("spoke3", Status.TS_UNACCEPTABLE),  # IPv6 vs IPv4 transport
    ("spoke4", Status.TS_UNACCEPTABLE),  # IPv6 overlay vs IPv4
])
def test_without_mode_auto_the_template_mode_must_match(spoke: str, status: Status) -> None:
    # hub1's FLEX profile with "virtual-template 1" (no mode auto); template: ipsec ipv4.
    hub = ep("hub1", {" dpd 10 3 periodic\n virtual-template 1 mode auto":
                      " dpd 10 3 periodic\n virtual-template 1"})
    outcome = run(ep(spoke), hub)
    assert outcome.status is status, outcome.reason
    if status is Status.TS_UNACCEPTABLE:
        assert "no mode auto" in outcome.reason


def test_responder_without_template_or_tunnel_back() -> None:
    hub = ep("hub1", {" dpd 10 3 periodic\n virtual-template 1 mode auto": " dpd 10 3 periodic"})
    outcome = run(ep("spoke1"), hub)
    assert outcome.status is Status.TS_UNACCEPTABLE
    assert "no virtual-template" in outcome.reason


# --- SGT and fragmentation ------------------------------------------------------------------------
def test_sgt_on_one_end_is_disabled_on_both() -> None:
    outcome = run(ep("spoke1", {"crypto ikev2 cts sgt": ""}))
    assert outcome.status is Status.ESTABLISHED
    assert [v.sgt for v in outcome.views] == ["disabled", "disabled"]
    assert outcome.sgt is False
    assert any("hub1 only" in n.text for n in outcome.notes)


def test_sgt_on_both_ends_of_a_gre_tunnel_is_enabled() -> None:
    # Cisco "Configuring IPsec Inline Tagging for TrustSec" (15.2M&T) and "TrustSec DMVPN Inline
    # Tagging Support" (IOS XE 16.7): IKEv2 inline tagging supports GRE with tunnel protection.
    outcome = run(ep("spoke2", add="crypto ikev2 cts sgt\n"))
    assert outcome.status is Status.ESTABLISHED
    assert [v.sgt for v in outcome.views] == ["enabled", "enabled"]
    assert "sgt-one-end" not in {n.code for n in outcome.notes}


def test_fragmentation_on_one_end_only_is_none() -> None:
    outcome = run(ep("spoke1", {"crypto ikev2 fragmentation": ""}))
    assert outcome.status is Status.ESTABLISHED
    assert outcome.fragmentation == "none"
    assert [v.fragmentation_mtu for v in outcome.views] == [None, None]


# --- NAT-T ----------------------------------------------------------------------------------------
def test_initiator_behind_nat() -> None:
    outcome = run(ep("spoke1", behind_nat=True, nat_public_address="203.0.113.7"))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    spoke, hub = outcome.views
    assert (spoke.nat_t, hub.nat_t) == ("inside", "outside")
    assert (spoke.local_port, spoke.remote_port, hub.local_port, hub.remote_port) == (
        4500, 4500, 4500, 4500)
    assert spoke.local_address == "198.51.100.11"  # its own (private) address
    assert hub.remote_address == "203.0.113.7"  # what the hub sees
    # Under NAT-T the 4-byte non-ESP marker comes off the fragment size too.
    assert (spoke.fragmentation_mtu, hub.fragmentation_mtu) == (544, 1368)


def test_responder_behind_static_nat() -> None:
    spoke = ep("spoke1", {" tunnel destination 192.0.2.1": " tunnel destination 203.0.113.1",
                          "  address 192.0.2.1": "  address 203.0.113.1"})
    hub = ep("hub1", behind_nat=True, nat_public_address="203.0.113.1")
    outcome = run(spoke, hub)
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    s, h = outcome.views
    assert (s.nat_t, h.nat_t) == ("outside", "inside")
    assert (s.remote_address, h.local_address) == ("203.0.113.1", "192.0.2.1")


# --- reachability, incomplete config, not initiated -------------------------------------------
def test_destination_not_owned_by_responder() -> None:
    outcome = run(ep("spoke1", {" tunnel destination 192.0.2.1": " tunnel destination 192.0.2.99"}))
    assert outcome.status is Status.NO_RESPONDER
    assert "192.0.2.99 is not an address of hub1" in outcome.reason


def test_responder_unreachable_or_shut() -> None:
    assert run(ep("spoke1"), ep("hub1", reachable=False)).status is Status.NO_RESPONDER
    shut = ep("hub1", {" ip address 192.0.2.1 255.255.255.0":
                       " ip address 192.0.2.1 255.255.255.0\n shutdown"})
    outcome = run(ep("spoke1"), shut)
    assert outcome.status is Status.NO_RESPONDER and "shut down" in outcome.reason


def test_tunnel_source_outside_the_fvrf() -> None:
    outcome = run(ep("spoke2", {" vrf forwarding INET": ""}))
    assert outcome.status is Status.NO_RESPONDER
    assert "tunnel vrf is INET" in outcome.reason


def test_protection_names_missing_ipsec_profile() -> None:
    outcome = run(ep("spoke1", {" tunnel protection ipsec profile IPP":
                                " tunnel protection ipsec profile NOPE"}))
    assert outcome.status is Status.CONFIG_INCOMPLETE
    assert outcome.step == "initiator-config"
    assert "NOPE" in outcome.reason


def test_profile_without_authentication() -> None:
    outcome = run(ep("spoke1", {" authentication remote pre-share": ""}))
    assert outcome.status is Status.CONFIG_INCOMPLETE
    assert "no authentication remote" in outcome.reason


def test_responder_profile_without_authentication() -> None:
    hub = ep("hub1", {" authentication local ecdsa-sig": ""})
    outcome = run(ep("spoke5"), hub)
    assert outcome.status is Status.CONFIG_INCOMPLETE
    assert outcome.step == "profile"


def test_no_ikev2_profile_at_all() -> None:
    # IPsec profile default names no IKEv2 profile: without a profile named default, IOS
    # protects the tunnel with IKEv1, so no IKEv2 exchange starts.
    outcome = run(ep("spoke3", {"crypto ikev2 profile default": "crypto ikev2 profile other"}))
    assert outcome.status is Status.NOT_INITIATED
    assert "IOS uses IKEv1" in outcome.reason


def test_shut_tunnel_and_responder_only_do_not_initiate() -> None:
    shut = run(ep("spoke1", {" tunnel protection ipsec profile IPP":
                             " tunnel protection ipsec profile IPP\n shutdown"}))
    assert shut.status is Status.NOT_INITIATED
    responder_only = run(ep("spoke1", {" set ikev2-profile FLEX": " set ikev2-profile FLEX\n"
                                                                   " responder-only"}))
    assert responder_only.status is Status.NOT_INITIATED


def test_unknown_tunnel_and_name_destination() -> None:
    assert run(ep("spoke1"), tunnel="Tunnel9").status is Status.CONFIG_INCOMPLETE
    named = run(ep("spoke1", {" tunnel destination 192.0.2.1":
                              " tunnel destination hub.example.net"}))
    assert named.status is Status.NO_RESPONDER
    wrong_family = run(ep("spoke1", {" tunnel destination 192.0.2.1":
                                     " tunnel destination 2001:DB8:1::1"}))
    assert wrong_family.status is Status.CONFIG_INCOMPLETE


# --- AAA authorization (guide: group authorization with the local AAA database) ------------------
AUTHZ_LINE = " dpd 10 3 periodic\n virtual-template 1 mode auto"
LOCAL_AAA = ("aaa new-model\naaa authorization network LOCAL_AUTHZ local\n"
             "crypto ikev2 name-mangler DOMAIN\n fqdn domain\n"
             "crypto ikev2 authorization policy spokes.example.net\n route set interface\n")


def _hub_with_authz(line: str, add: str = LOCAL_AAA) -> Endpoint:
    return ep("hub1", {AUTHZ_LINE: f" dpd 10 3 periodic\n {line}\n virtual-template 1 mode auto"},
              add)


def test_group_authorization_by_mangled_domain() -> None:
    # spoke1.spokes.example.net -> "fqdn domain" -> policy spokes.example.net, which exists.
    hub = _hub_with_authz("aaa authorization group psk list LOCAL_AUTHZ name-mangler DOMAIN")
    assert run(ep("spoke1"), hub).status is Status.ESTABLISHED
    # spoke2 sends an address identity: the fqdn rule derives no name, authorization fails.
    outcome = run(ep("spoke2"), hub)
    assert outcome.status is Status.AUTH_FAILED
    assert outcome.cause == "aaa-local-policy"
    assert "no local authorization policy (no name derived)" in outcome.reason


def test_authorization_failures() -> None:
    line = "aaa authorization group psk list LOCAL_AUTHZ name-mangler DOMAIN"
    no_model = _hub_with_authz(line, LOCAL_AAA.replace("aaa new-model\n", ""))
    outcome = run(ep("spoke1"), no_model)
    assert "needs aaa new-model" in outcome.reason
    assert (outcome.status, outcome.cause) == (Status.AUTH_FAILED, "aaa-new-model")
    no_list = _hub_with_authz(line.replace("LOCAL_AUTHZ", "MISSING"))
    outcome = run(ep("spoke1"), no_list)
    assert "method list MISSING is not defined" in outcome.reason
    assert (outcome.status, outcome.cause) == (Status.AUTH_FAILED, "aaa-method-list")
    no_mangler = _hub_with_authz(line.replace("DOMAIN", "NOPE"))
    outcome = run(ep("spoke1"), no_mangler)
    assert "name-mangler NOPE is not defined" in outcome.reason
    assert (outcome.status, outcome.cause) == (Status.AUTH_FAILED, "aaa-name-mangler")
    no_group = _hub_with_authz("aaa authorization group psk list GRP",
                               "aaa new-model\naaa authorization network GRP group NOSUCH\n")
    outcome = run(ep("spoke1"), no_group)
    assert "server group NOSUCH is not defined" in outcome.reason
    assert (outcome.status, outcome.cause) == (Status.AUTH_FAILED, "aaa-server-group")
    no_policy = _hub_with_authz("aaa authorization group psk list LOCAL_AUTHZ other-policy")
    outcome = run(ep("spoke1"), no_policy)
    assert outcome.status is Status.AUTH_FAILED
    assert outcome.cause == "aaa-local-policy"
    assert "no local authorization policy other-policy" in outcome.reason


def test_cert_authorization_does_not_apply_to_psk_peers() -> None:
    hub = _hub_with_authz("aaa authorization group cert list LOCAL_AUTHZ missing-policy")
    assert run(ep("spoke1"), hub).status is Status.ESTABLISHED


def test_radius_authorization_is_assumed_and_noted() -> None:
    radius = ("aaa new-model\naaa group server radius RAD\n server name R1\n"
              "aaa authorization network RADLIST group RAD local\n"
              "crypto ikev2 name-mangler DOMAIN\n fqdn domain\n")
    hub = _hub_with_authz("aaa authorization group psk list RADLIST name-mangler DOMAIN", radius)
    outcome = run(ep("spoke1"), hub)
    assert outcome.status is Status.ESTABLISHED
    assert any("server group RAD for 'spokes.example.net'" in n.text for n in outcome.notes)
    assert outcome.to_dict()["notes"][-1]["code"] == "aaa-server-assumed"


# --- the RFC 7383 table end to end, with a peer's advertised capability overridden -------------
@pytest.mark.parametrize(("spoke_caps", "active"), [
    (frozenset({"ietf", "cisco"}), "ietf"),  # IETF and CISCO / IETF and CISCO
    (frozenset({"cisco"}), "cisco"),  # CISCO / IETF and CISCO
    (frozenset({"ietf"}), "ietf"),  # IETF / IETF and CISCO
    (frozenset(), "none"),  # NONE / IETF and CISCO
])
def test_fragmentation_rows_against_an_ios_hub(spoke_caps: frozenset[str], active: str) -> None:
    spoke = ep("spoke1")
    spoke = Endpoint("spoke1", spoke.config, fragmentation_capability=spoke_caps)
    outcome = run(spoke)
    assert outcome.status is Status.ESTABLISHED
    assert outcome.fragmentation == active
    hub_view = outcome.view_of("hub1")
    assert hub_view is not None
    assert hub_view.fragmentation_mtu == (None if active == "none" else 1372)


def test_fragmentation_ietf_only_against_cisco_only_is_none() -> None:
    spoke = Endpoint("spoke1", ep("spoke1").config, fragmentation_capability=frozenset({"ietf"}))
    hub = Endpoint("hub1", ep("hub1").config, fragmentation_capability=frozenset({"cisco"}))
    assert run(spoke, hub).fragmentation == "none"
