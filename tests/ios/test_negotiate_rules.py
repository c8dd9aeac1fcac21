"""The guide's rules one by one, on the pure functions of negotiate and crypto.

Each expectation is written from the rule quoted above it (flexvpn-guide.txt).
"""

from __future__ import annotations

import ipaddress

import pytest

from flexorch.ios.facts import crypto, fragmentation
from flexorch.ios.model import Identity, RouterConfig
from flexorch.ios.negotiate import (
    certificate_map_matches,
    identity_score,
    keyring_lookup,
    mangle,
    match_responder_profile,
    select_policy,
)

ip = ipaddress.ip_address

# --- IKEv2 policy selection ----------------------------------------------------------------------
POLICIES = RouterConfig.from_text(
    "crypto ikev2 policy P_ANY\n match fvrf any\n proposal p\n"
    "crypto ikev2 policy P_FVRF\n match fvrf INET\n proposal p\n"
    "crypto ikev2 policy P_ADDR\n match address local 192.0.2.1\n proposal p\n"
    "crypto ikev2 policy P_BOTH\n match fvrf INET\n match address local 198.51.100.1\n"
    " match address local 198.51.100.5\n proposal p\n"
    "crypto ikev2 policy P_GLOBAL\n proposal p\n"
    "crypto ikev2 policy P_EMPTY\n match fvrf any\n match address local 203.0.113.1\n"
)


@pytest.mark.parametrize(("fvrf", "local", "expected"), [
    # Local address match beats an fvrf-only match (most specific wins).
    (None, "192.0.2.1", "P_ADDR"),
    # Both types present: one of each must match; it beats the fvrf-only policy.
    ("INET", "198.51.100.1", "P_BOTH"),
    # Several matches of one type are OR'ed: the second address also triggers P_BOTH.
    ("INET", "198.51.100.5", "P_BOTH"),
    # P_BOTH's address does not match: a named fvrf beats "any".
    ("INET", "198.51.100.9", "P_FVRF"),
    # Only "match fvrf any" covers another VRF.
    ("OTHER", "198.51.100.9", "P_ANY"),
    # No match statements: the policy covers the global FVRF, more specific than "any".
    (None, "198.51.100.9", "P_GLOBAL"),
])
def test_policy_selection(fvrf: str | None, local: str, expected: str) -> None:
    assert select_policy(POLICIES, fvrf, ip(local)).name == expected


def test_policy_both_types_need_both() -> None:
    config = RouterConfig.from_text(
        "crypto ikev2 policy P_BOTH\n match fvrf INET\n match address local 198.51.100.1\n"
        " proposal p\n"
    )
    # The address matches but the FVRF does not: no user policy, the default policy applies.
    chosen = select_policy(config, "OTHER", ip("198.51.100.1"))
    assert chosen.name == "default"
    assert chosen.proposals == ("default",)
    assert chosen.match_fvrf == ("any",)


def test_policy_without_proposal_is_skipped() -> None:
    # P_EMPTY has no proposal: IOS shows it incomplete; it is never selected.
    assert select_policy(POLICIES, "X", ip("203.0.113.1")).name == "P_ANY"


def test_configured_default_policy_is_the_fallback() -> None:
    # The ECDSA section redefines the default policy with "match vrf any / proposal nge".
    config = RouterConfig.from_text(
        "crypto ikev2 policy default\n match vrf any\n proposal nge\n"
        "crypto ikev2 policy ONLY_INET\n match fvrf INET\n proposal other\n"
    )
    assert select_policy(config, None, ip("10.0.0.1")).proposals == ("nge",)
    assert select_policy(config, "INET", ip("10.0.0.1")).name == "ONLY_INET"


# --- proposal choice -----------------------------------------------------------------------------
def spec(name: str, enc: str, integ: str, prf: str, groups: str) -> crypto.ProposalSpec:
    return crypto.ProposalSpec(name, tuple(enc.split()), tuple(integ.split()), tuple(prf.split()),
                               tuple(groups.split()))


def test_initiator_order_within_each_type() -> None:
    mine = spec("i", "aes-cbc-128 aes-cbc-256", "sha256 sha512", "sha256 sha512", "19 14")
    theirs = spec("r", "aes-cbc-256 aes-cbc-128", "sha512 sha256", "sha512 sha256", "14 19")
    suite = crypto.choose_ike_suite([mine], [theirs])
    assert suite is not None
    assert (suite.encryption, suite.integrity, suite.prf, suite.dh_group) == (
        "aes-cbc-128", "sha256", "sha256", 19)
    assert (suite.encryption_show, suite.keysize, suite.hash_show, suite.prf_show) == (
        "AES-CBC", 128, "SHA256", "SHA256")


def test_first_initiator_proposal_the_responder_supports() -> None:
    a = spec("A", "aes-gcm-256", "", "sha512", "21")
    b = spec("B", "aes-cbc-256", "sha256", "sha256", "14")
    responder = [spec("R1", "aes-cbc-256", "sha256", "sha256", "14")]
    suite = crypto.choose_ike_suite([a, b], responder)
    assert suite is not None and (suite.proposal, suite.responder_proposal) == ("B", "R1")
    assert crypto.choose_ike_suite([a], responder) is None


def test_combined_mode_hash_is_none_and_incomplete_proposals_are_skipped() -> None:
    gcm = spec("G", "aes-gcm-128", "", "sha256", "19")
    suite = crypto.choose_ike_suite([gcm], [gcm])
    assert suite is not None and suite.integrity is None and suite.hash_show == "None"
    bad = spec("BAD", "aes-gcm-128", "sha256", "sha256", "19")
    assert not bad.usable
    assert crypto.choose_ike_suite([bad], [bad]) is None
    assert crypto.proposal_problems(("aes-cbc-128",), (), ("sha256",), ("14",)) == [
        "no integrity for a non-combined cipher"]
    assert crypto.proposal_problems((), (), (), ()) == ["no encryption", "no DH group"]
    # AEAD has no integrity to stand in for the PRF: it needs prf.
    assert crypto.proposal_problems(("aes-gcm-256",), (), (), ("19",)) == [
        "no prf for combined-mode cipher aes-gcm-256"]


def test_integrity_doubles_as_prf_when_prf_is_absent() -> None:
    # Real SA of a proposal "encryption aes-cbc-256 / integrity sha1 / group 2" with no prf
    # (tests/fixtures/real/gh-atrubin-otus-ikev2-cryptomap): "PRF: SHA1, Hash: SHA96".
    no_prf = spec("P", "aes-cbc-256", "sha1", "", "2")
    assert no_prf.usable
    suite = crypto.choose_ike_suite([no_prf], [no_prf])
    assert suite is not None
    assert (suite.encryption_show, suite.keysize, suite.prf_show, suite.hash_show,
            suite.dh_group) == ("AES-CBC", 256, "SHA1", "SHA96", 2)
    # An explicit prf on the other end must be among the integrity algorithms then.
    assert crypto.choose_ike_suite([no_prf], [spec("Q", "aes-cbc-256", "sha1", "sha256", "2")]
                                   ) is None


def test_sha1_and_md5_hash_display() -> None:
    # IOS prints the truncated HMAC names in the Hash field (real output: "PRF: SHA1, Hash: SHA96").
    suite = crypto.choose_ike_suite([spec("x", "aes-cbc-128", "sha1", "sha1", "16")],
                                    [spec("y", "aes-cbc-128", "sha1", "sha1", "16")])
    assert suite is not None and (suite.prf_show, suite.hash_show) == ("SHA1", "SHA96")
    assert crypto.HASHES["md5"].show_integrity == "MD596"


# --- keyring lookup ------------------------------------------------------------------------------
KEYRING_CONFIG = RouterConfig.from_text(
    "crypto ikev2 keyring KR\n"
    " peer wide\n  address 0.0.0.0 0.0.0.0\n  pre-shared-key a\n"
    " peer net24\n  address 198.51.100.0 255.255.255.0\n  pre-shared-key b\n"
    " peer host\n  address 198.51.100.11 255.255.255.255\n  pre-shared-key c\n"
    " peer dom\n  identity fqdn domain example.net\n  pre-shared-key d\n"
    " peer subdom\n  identity fqdn domain spokes.example.net\n  pre-shared-key e\n"
    " peer exact\n  identity fqdn spoke1.spokes.example.net\n  pre-shared-key f\n"
    " peer mail\n  identity email domain example.org\n  pre-shared-key g\n"
    " peer kid\n  identity key-id branch-7\n  pre-shared-key h\n"
    " peer addr-id\n  identity address 10.7.7.7\n  pre-shared-key i\n"
    " peer v6\n  address 2001:DB8::/32\n  pre-shared-key j\n"
    " peer named\n  hostname spoke9\n  pre-shared-key k\n"
)
KEYRING = KEYRING_CONFIG.keyrings["KR"]


@pytest.mark.parametrize(("address", "identity", "expected"), [
    # Identity first, even when an address block matches more specifically.
    ("198.51.100.11", Identity("fqdn", "spoke1.spokes.example.net"), "exact"),
    # Exact identity beats a domain; a longer domain beats a shorter one.
    ("198.51.100.11", Identity("fqdn", "spoke2.spokes.example.net"), "subdom"),
    ("198.51.100.11", Identity("fqdn", "hq.example.net"), "dom"),
    ("198.51.100.11", Identity("email", "ops@example.org"), "mail"),
    ("198.51.100.11", Identity("key-id", "branch-7"), "kid"),
    ("198.51.100.11", Identity("address", "10.7.7.7"), "addr-id"),
    # No identity block matches: fall back to the address, most specific wins.
    ("198.51.100.11", Identity("fqdn", "other.test"), "host"),
    ("198.51.100.12", Identity("fqdn", "other.test"), "net24"),
    ("192.0.2.50", Identity("address", "192.0.2.50"), "wide"),
    ("2001:db8::9", Identity("address", "2001:db8::9"), "v6"),
])
def test_responder_lookup_identity_then_address(address: str, identity: Identity,
                                                expected: str) -> None:
    peer = keyring_lookup(KEYRING_CONFIG, KEYRING, ip(address), identity)
    assert peer is not None and peer.name == expected


def test_initiator_lookup_is_by_address_only() -> None:
    # The initiator does not know the peer's identity yet: identity blocks are not used.
    peer = keyring_lookup(KEYRING_CONFIG, KEYRING, ip("198.51.100.11"))
    assert peer is not None and peer.name == "host"
    assert keyring_lookup(KEYRING_CONFIG, KEYRING, ip("2001:db9::1")) is None


def test_hostname_blocks_are_not_used_by_the_responder() -> None:
    config = RouterConfig.from_text(
        "crypto ikev2 keyring KR\n peer named\n  hostname spoke9\n  pre-shared-key k\n"
    )
    keyring = config.keyrings["KR"]
    assert keyring_lookup(config, keyring, ip("192.0.2.9"), Identity("fqdn", "spoke9")) is None


# --- profile matching ----------------------------------------------------------------------------
PROFILES = RouterConfig.from_text(
    "crypto pki certificate map MAP 10\n subject-name co spokes.example.net\n"
    "crypto ikev2 profile CATCHALL\n match identity remote any\n"
    " authentication local pre-share\n authentication remote pre-share\n"
    "crypto ikev2 profile SPECIFIC\n match identity remote fqdn spoke1.example.net\n"
    " match identity remote fqdn spoke2.example.net\n"
    " authentication local pre-share\n authentication remote pre-share\n"
    "crypto ikev2 profile BOTH\n match identity remote fqdn domain spokes.example.net\n"
    " match certificate MAP\n authentication local rsa-sig\n authentication remote rsa-sig\n"
    "crypto ikev2 profile INET_ONLY\n match fvrf INET\n match address local 192.0.2.1\n"
    " match identity remote fqdn inet.example.net\n"
    " authentication local pre-share\n authentication remote pre-share\n"
    "crypto ikev2 profile NO_MATCH\n authentication local pre-share\n"
    " authentication remote pre-share\n"
)


def _profile(fvrf: str | None, local: str, peer: Identity, cert: bool = False) -> str | None:
    found = match_responder_profile(PROFILES, fvrf, ip(local), peer, cert)
    return found.name if found else None


def test_any_is_a_catch_all_and_specific_wins() -> None:
    assert _profile(None, "192.0.2.1", Identity("fqdn", "unknown.test")) == "CATCHALL"
    assert _profile(None, "192.0.2.1", Identity("address", "10.1.1.1")) == "CATCHALL"
    # Two match identity lines are OR'ed: the second one matches.
    assert _profile(None, "192.0.2.1", Identity("fqdn", "spoke2.example.net")) == "SPECIFIC"


def test_certificate_takes_precedence_over_identity() -> None:
    # A certificate peer is judged by the certificate map even though BOTH also has an identity
    # match: the DN below is not in spokes.example.net, so BOTH does not match it.
    dn = Identity("dn", "hostname=r1.other.org,cn=r1")
    assert _profile(None, "192.0.2.1", dn, cert=True) == "CATCHALL"
    good = Identity("dn", "hostname=r1.spokes.example.net,cn=r1")
    assert _profile(None, "192.0.2.1", good, cert=True) == "BOTH"
    # A PSK peer presents no certificate: the identity match of BOTH applies.
    assert identity_score(PROFILES, PROFILES.profiles["BOTH"],
                          Identity("fqdn", "x.spokes.example.net"), False) > 0


def test_different_match_types_are_and_ed() -> None:
    peer = Identity("fqdn", "inet.example.net")
    assert _profile("INET", "192.0.2.1", peer) == "INET_ONLY"
    # Wrong local address: INET_ONLY does not match, and CATCHALL (no match fvrf: global FVRF
    # only) does not cover INET. Wrong FVRF (global): only CATCHALL matches.
    assert _profile("INET", "192.0.2.2", peer) is None
    assert _profile(None, "192.0.2.1", peer) == "CATCHALL"


def test_profile_without_match_statements_never_matches() -> None:
    config = RouterConfig.from_text(
        "crypto ikev2 profile NO_MATCH\n authentication local pre-share\n"
        " authentication remote pre-share\n"
    )
    assert match_responder_profile(config, None, ip("192.0.2.1"),
                                   Identity("address", "10.0.0.1"), False) is None


@pytest.mark.parametrize(("op", "value", "expected"), [
    ("co", "vpn.example.com", True),
    ("co", "other.org", False),
    ("nc", "other.org", True),
    ("eq", "cn=r1", True),
    ("eq", "r1", True),
    ("eq", "r2", False),
    ("ne", "r2", True),
])
def test_certificate_map_operators(op: str, value: str, expected: bool) -> None:
    config = RouterConfig.from_text(
        f"crypto pki certificate map M 10\n subject-name {op} {value}\n"
    )
    assert certificate_map_matches(config, "M", "hostname=r1.vpn.example.com,cn=r1") is expected


@pytest.mark.parametrize(("value", "expected"), [
    ("ou = dmvpn", True),   # as IOS shows the rule (gh-kononenkoyury-otus-lab45-dmvpn-ikev2-rsa)
    ("ou=DMVPN", True),
    ("cn = b1-ce , ou = dmvpn", True),
    ("ou = other", False),
])
def test_certificate_map_value_as_ios_shows_it_matches_the_dn(value: str, expected: bool) -> None:
    # IOL 15.4/15.7 (gh-kononenkoyury-otus-lab45-dmvpn-ikev2-rsa/r-ce1.cfg): 'crypto pki
    # certificate map CERT-MAP 1 / subject-name co ou = dmvpn' matched the spokes' certificates
    # 'cn=B1-CE,ou=DMVPN,o=OTUS,c=RU' of a working DMVPN; the blanks are IOS's rendering.
    config = RouterConfig.from_text(
        f"crypto pki certificate map CERT-MAP 1\n subject-name co {value}\n"
        " issuer-name co o = otus\n")
    subject = "hostname=B1-CE.educ.labs,cn=B1-CE,ou=DMVPN,o=OTUS,c=RU"
    assert certificate_map_matches(config, "CERT-MAP", subject) is expected


# --- RFC 7383 fragmentation table (one row per test case, from the guide) ------------------------
IETF_CISCO = {"ietf", "cisco"}


@pytest.mark.parametrize(("peer1", "peer2", "active"), [
    (IETF_CISCO, IETF_CISCO, "ietf"),
    ({"ietf"}, {"ietf"}, "ietf"),
    ({"cisco"}, {"cisco"}, "cisco"),
    ({"cisco"}, IETF_CISCO, "cisco"),
    ({"ietf"}, IETF_CISCO, "ietf"),
    ({"ietf"}, {"cisco"}, "none"),
    (set(), IETF_CISCO, "none"),
])
def test_fragmentation_table(peer1: set[str], peer2: set[str], active: str) -> None:
    assert fragmentation.fragmentation_method(peer1, peer2) == active
    assert fragmentation.fragmentation_method(peer2, peer1) == active


def test_fragmentation_mtu_defaults() -> None:
    # Defaults 576 (IPv4) and 1280 (IPv6) bytes, minus IP and UDP headers.
    assert fragmentation.fragmentation_mtu_in_use(None, 4, nat_t=False) == 548
    assert fragmentation.fragmentation_mtu_in_use(None, 6, nat_t=False) == 1232
    assert fragmentation.fragmentation_mtu_in_use(1400, 4, nat_t=False) == 1372
    assert fragmentation.fragmentation_mtu_in_use(1400, 4, nat_t=True) == 1368


# --- algorithm facts from the guide's tables -----------------------------------------------------
@pytest.mark.parametrize(("keyword", "keysize", "grade", "qr"), [
    ("aes-gcm-256", 256, "NGE", True),
    ("aes-gcm-128", 128, "NGE", False),
    ("aes-cbc-256", 256, "Acceptable", True),
    ("3des", 0, "Legacy", False),
    ("des", 0, "Avoid", False),
])
def test_encryption_table(keyword: str, keysize: int, grade: str, qr: bool) -> None:
    cipher = crypto.CIPHERS[keyword]
    assert (cipher.keysize, cipher.grade, cipher.quantum_resistant) == (keysize, grade, qr)
    assert cipher.graded_by == "guide"


@pytest.mark.parametrize(("keyword", "grade"), [
    ("sha512", "NGE"), ("sha384", "NGE"), ("sha256", "NGE"), ("md5", "Avoid"),
])
def test_integrity_table(keyword: str, grade: str) -> None:
    assert crypto.HASHES[keyword].grade == grade


@pytest.mark.parametrize(("group", "kind", "bits", "grade"), [
    (14, "MODP", 2048, "Acceptable"), (16, "MODP", 4096, "Acceptable"),
    (19, "ECP", 256, "Acceptable"), (20, "ECP", 384, "NGE"), (21, "ECP", 521, "NGE"),
    (1, "MODP", 768, "Avoid"), (2, "MODP", 1024, "Avoid"), (5, "MODP", 1536, "Avoid"),
])
def test_dh_table(group: int, kind: str, bits: int, grade: str) -> None:
    dh = crypto.DH_GROUPS[group]
    assert (dh.kind, dh.bits, dh.grade) == (kind, bits, grade)


def test_combined_mode_flags_and_worst_grade() -> None:
    assert crypto.CIPHERS["aes-gcm-128"].combined and not crypto.CIPHERS["aes-cbc-128"].combined
    assert crypto.worst_grade(["NGE", "Legacy", "Acceptable"]) == "Legacy"
    assert crypto.worst_grade([]) is None


def test_esp_suites() -> None:
    assert crypto.esp_suite(("esp-gcm", "256")) == crypto.EspSuite("esp-gcm 256", None)
    assert crypto.esp_suite(("esp-aes", "esp-sha-hmac")) == crypto.EspSuite("esp-aes 128",
                                                                             "esp-sha-hmac")
    assert crypto.esp_suite(("esp-3des", "esp-md5-hmac")) == crypto.EspSuite("esp-3des",
                                                                             "esp-md5-hmac")
    assert crypto.esp_suite(("ah-sha-hmac",)) is None
    pick = crypto.choose_esp([("A", crypto.EspSuite("esp-gcm 256", None)),
                              ("B", crypto.EspSuite("esp-aes 256", "esp-sha256-hmac"))],
                             [("X", crypto.EspSuite("esp-aes 256", "esp-sha256-hmac"))])
    assert pick == ("B", "X")


# --- name mangler (guide: "Demystifying the IKEv2 Name Mangler") --------------------------------
@pytest.mark.parametrize(("rule", "identity", "expected"), [
    (("fqdn", "hostname"), Identity("fqdn", "user.domain"), "user"),
    (("fqdn", "domain"), Identity("fqdn", "user.domain"), "domain"),
    (("fqdn", "all"), Identity("fqdn", "user.domain"), "user.domain"),
    (("email", "username"), Identity("email", "user@domain"), "user"),
    (("email", "domain"), Identity("email", "user@domain"), "domain"),
    (("email", "all"), Identity("email", "user@domain"), "user@domain"),
    (("dn", "common-name"), Identity("dn", "hostname=r1.corp.example,cn=R1,ou=VPN"), "R1"),
    (("dn", "organization-unit"), Identity("dn", "hostname=r1.corp.example,cn=R1,ou=VPN"), "VPN"),
    (("dn", "domain"), Identity("dn", "hostname=r1.corp.example,cn=R1"), "corp.example"),
    (("fqdn", "hostname"), Identity("email", "user@domain"), None),
])
def test_name_mangler(rule: tuple[str, str], identity: Identity, expected: str | None) -> None:
    assert mangle((rule,), identity) == expected
