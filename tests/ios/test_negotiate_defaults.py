"""IOS facts the negotiation model got wrong before issue 16, one class per test, on small
hand-written configs: the PRF rule, smart defaults per software train, removed defaults, IKEv1
tunnels, DN identities. Expected suites are worked out by hand from the facts' sources (cited in
flexorch/ios/facts/crypto.py): e.g. two IOS 15.x routers on defaults offer AES-CBC-256/192/128,
SHA512..MD5, groups 5 2, so the initiator's first of each type is AES-CBC-256 / SHA512 / 5.
"""

from __future__ import annotations

import pytest

from flexorch.ios.facts import crypto
from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Status, dn_show, negotiate, predict_sessions

KEY = "flexorch-test-key-1234567890"


def site(name: str, mine: str, peer: str, *, version: str | None = None, extra: str = "",
         protection: str = "default") -> str:
    """A site-to-site sVTI on smart defaults (the guide's minimal config: keyring and the IKEv2
    profile named default), with ``extra`` lines before the interfaces."""
    head = f"version {version}\n" if version else ""
    return (f"{head}hostname {name}\n"
            f"crypto ikev2 keyring KR\n peer P\n  address {peer}\n  pre-shared-key {KEY}\n"
            f"crypto ikev2 profile default\n match identity remote address {peer} "
            "255.255.255.255\n authentication remote pre-share\n authentication local pre-share\n"
            f" keyring local KR\n{extra}"
            f"interface Tunnel0\n ip address 10.0.0.{1 if mine < peer else 2} 255.255.255.252\n"
            " tunnel source GigabitEthernet1\n tunnel mode ipsec ipv4\n"
            f" tunnel destination {peer}\n tunnel protection ipsec profile {protection}\n"
            f"interface GigabitEthernet1\n ip address {mine} 255.255.255.0\n")


def pair(a: str, b: str, **kwargs: str) -> dict[str, Endpoint]:
    return {"a": Endpoint("a", RouterConfig.from_text(a), **kwargs),  # type: ignore[arg-type]
            "b": Endpoint("b", RouterConfig.from_text(b), **kwargs)}  # type: ignore[arg-type]


def suite_of(routers: dict[str, Endpoint]) -> tuple[object, ...]:
    (session,) = predict_sessions(routers)
    assert session.outcome.established, session.outcome.reason
    view = session.views[0]
    return (view.encryption, view.keysize, view.prf, view.hash, view.dh_group)


# --- smart defaults per train ---------------------------------------------------------------------
def test_two_ios15_routers_on_defaults_negotiate_dh5() -> None:
    # Real: two IOS 15.2 routers on defaults showed "AES-CBC, keysize: 256, Hash: SHA512, DH Grp:5"
    # (tests/fixtures/real/gh-jclarkson-ikev2-gre-site2site).
    routers = pair(site("a", "192.0.2.1", "192.0.2.2", version="15.2"),
                   site("b", "192.0.2.2", "192.0.2.1", version="15.2"))
    assert suite_of(routers) == ("AES-CBC", 256, "SHA512", "SHA512", 5)


def test_two_iosxe17_routers_on_defaults_negotiate_group19() -> None:
    routers = pair(site("a", "192.0.2.1", "192.0.2.2", version="17.9"),
                   site("b", "192.0.2.2", "192.0.2.1", version="17.9"))
    assert suite_of(routers) == ("AES-CBC", 256, "SHA512", "SHA512", 19)


def test_a_config_without_version_takes_the_option_else_iosxe17() -> None:
    a = site("a", "192.0.2.1", "192.0.2.2")
    b = site("b", "192.0.2.2", "192.0.2.1")
    assert suite_of(pair(a, b))[4] == 19
    assert suite_of(pair(a, b, platform_version="15.4"))[4] == 5


def test_the_configs_version_line_wins_over_what_the_caller_says() -> None:
    # IOS prints the running release at the top of every running-config; an inventory or
    # option that says otherwise is out of date.
    a = site("a", "192.0.2.1", "192.0.2.2", version="17.9")
    b = site("b", "192.0.2.2", "192.0.2.1", version="17.9")
    assert suite_of(pair(a, b, platform_version="15.4"))[4] == 19


def test_ios15_meets_iosxe17_on_group5() -> None:
    # XE 17 offers 19 14 21 5, IOS 15 has 5 2: the only common group is 5; both have SHA512.
    routers = pair(site("a", "192.0.2.1", "192.0.2.2", version="17.3"),
                   site("b", "192.0.2.2", "192.0.2.1", version="15.4"))
    assert suite_of(routers) == ("AES-CBC", 256, "SHA512", "SHA512", 5)


def test_post_quantum_train_dropped_group5_so_ios15_cannot_join() -> None:
    routers = pair(site("a", "192.0.2.1", "192.0.2.2", version="26.2"),
                   site("b", "192.0.2.2", "192.0.2.1", version="15.4"))
    (session,) = predict_sessions(routers)
    assert session.outcome.status is Status.NO_PROPOSAL_CHOSEN
    assert session.outcome.step == "ike-proposal"


@pytest.mark.parametrize(("version", "train"), [
    ("15.2", "ios15"), ("15.5", "ios15"), ("12.4", "ios15"), ("16.9", "iosxe"),
    ("17.12.4a", "iosxe"), ("26.2", "iosxe-pq"), (None, "iosxe"), ("bogus", "iosxe"),
])
def test_train_of_a_version(version: str | None, train: str) -> None:
    assert crypto.train_of(version) == train


# --- removed defaults -----------------------------------------------------------------------------
def test_no_default_proposal_and_no_policy_means_no_proposal() -> None:
    a = site("a", "192.0.2.1", "192.0.2.2", extra="no crypto ikev2 proposal default\n")
    routers = pair(a, site("b", "192.0.2.2", "192.0.2.1"))
    (session,) = predict_sessions(routers)
    assert session.outcome.status is Status.NO_PROPOSAL_CHOSEN
    assert "default (not defined)" in session.outcome.reason


def test_no_default_policy_and_no_policy_of_ones_own() -> None:
    a = site("a", "192.0.2.1", "192.0.2.2", extra="no crypto ikev2 policy default\n")
    outcome = negotiate(*pair(a, site("b", "192.0.2.2", "192.0.2.1")).values(), "Tunnel0")
    assert outcome.status is Status.NO_PROPOSAL_CHOSEN
    assert "no crypto ikev2 policy default" in outcome.reason


def test_no_default_transform_set_leaves_the_default_ipsec_profile_without_one() -> None:
    a = site("a", "192.0.2.1", "192.0.2.2", extra="no crypto ipsec transform-set default\n")
    outcome = negotiate(*pair(a, site("b", "192.0.2.2", "192.0.2.1")).values(), "Tunnel0")
    assert outcome.status is Status.CONFIG_INCOMPLETE
    assert outcome.step == "child-sa" and "transform set default" in outcome.reason


# --- the PRF rule ---------------------------------------------------------------------------------
def test_integrity_without_prf_negotiates_with_integrity_as_prf() -> None:
    # Real SA of "encryption aes-cbc-256 / integrity sha1 / group 2" without prf: PRF SHA1,
    # Hash SHA96, DH 2 (tests/fixtures/real/gh-atrubin-otus-ikev2-cryptomap).
    proposal = ("crypto ikev2 proposal P\n encryption aes-cbc-256\n integrity sha1\n group 2\n"
                "crypto ikev2 policy POL\n proposal P\n")
    routers = pair(site("a", "192.0.2.1", "192.0.2.2", extra=proposal),
                   site("b", "192.0.2.2", "192.0.2.1", extra=proposal))
    assert suite_of(routers) == ("AES-CBC", 256, "SHA1", "SHA96", 2)


def test_gcm_without_prf_is_incomplete() -> None:
    proposal = ("crypto ikev2 proposal P\n encryption aes-gcm-256\n group 19\n"
                "crypto ikev2 policy POL\n proposal P\n")
    routers = pair(site("a", "192.0.2.1", "192.0.2.2", extra=proposal),
                   site("b", "192.0.2.2", "192.0.2.1", extra=proposal))
    (session,) = predict_sessions(routers)
    assert session.outcome.status is Status.NO_PROPOSAL_CHOSEN
    assert "no prf for combined-mode cipher aes-gcm-256" in session.outcome.reason


# --- IKEv1 tunnels and who initiates --------------------------------------------------------------
def test_an_ipsec_profile_without_ikev2_profile_speaks_ikev1() -> None:
    # No "set ikev2-profile" and no IKEv2 profile named default: IOS negotiates IKEv1 (classic
    # DMVPN configs next to crypto isakmp policies), so there is no IKEv2 session to predict.
    ikev1 = ("crypto ipsec transform-set TS esp-aes esp-sha-hmac\n"
             "crypto ipsec profile V1\n set transform-set TS\n")
    a = site("a", "192.0.2.1", "192.0.2.2", extra=ikev1, protection="V1").replace(
        "crypto ikev2 profile default", "crypto ikev2 profile OTHER")
    b = site("b", "192.0.2.2", "192.0.2.1", extra=ikev1, protection="V1").replace(
        "crypto ikev2 profile default", "crypto ikev2 profile OTHER")
    assert predict_sessions(pair(a, b)) == []
    outcome = negotiate(*pair(a, b).values(), "Tunnel0")
    assert outcome.status is Status.NOT_INITIATED and "IKEv1" in outcome.reason


def test_two_static_tunnels_either_end_initiates() -> None:
    (session,) = predict_sessions(pair(site("a", "192.0.2.1", "192.0.2.2"),
                                       site("b", "192.0.2.2", "192.0.2.1")))
    assert not session.initiator_known
    assert [v.initiator for v in session.views] == [None, None]


def test_a_responder_only_end_makes_the_initiator_known() -> None:
    silent = ("crypto ipsec profile default\n set transform-set default\n"
              " set ikev2-profile default\n responder-only\n")
    (session,) = predict_sessions(pair(site("a", "192.0.2.1", "192.0.2.2", extra=silent),
                                       site("b", "192.0.2.2", "192.0.2.1")))
    assert session.initiator_known and session.initiator == "b"
    by_router = {v.router: v.initiator for v in session.views}
    assert by_router == {"b": True, "a": False}


def test_initiator_is_not_chosen_by_name() -> None:
    # Same pair, names swapped: still nobody is named initiator.
    routers = {"zz": Endpoint("zz", RouterConfig.from_text(site("a", "192.0.2.1", "192.0.2.2"))),
               "aa": Endpoint("aa", RouterConfig.from_text(site("b", "192.0.2.2", "192.0.2.1")))}
    (session,) = predict_sessions(routers)
    assert [v.initiator for v in session.views] == [None, None]


# --- DN identities --------------------------------------------------------------------------------
@pytest.mark.parametrize(("subject", "shown"), [
    ("CN=R61", "cn=R61"),  # real: "Local id: hostname=R61,cn=R61" for "subject-name CN=R61"
    ("CN=R15, OU=VPN, O=trubin, C=RU", "cn=R15, ou=VPN, o=trubin, c=RU"),
    ("cn=Hub2", "cn=Hub2"),
])
def test_dn_keys_are_lower_case(subject: str, shown: str) -> None:
    assert dn_show(subject) == shown


def test_a_tunnel_sourced_from_an_interface_uses_its_primary_address() -> None:
    # IOS prints "ip address ... secondary" before the primary line (real: R13 Ethernet0/2 in
    # tests/fixtures/real/gh-skydevil-lab14-gre-dmvpn); the tunnel's SA uses the primary.
    a = site("a", "192.0.2.1", "192.0.2.2").replace(
        "interface GigabitEthernet1\n ip address 192.0.2.1 255.255.255.0\n",
        "interface GigabitEthernet1\n ip address 198.18.0.1 255.255.255.0 secondary\n"
        " ip address 192.0.2.1 255.255.255.0\n")
    (session,) = predict_sessions(pair(a, site("b", "192.0.2.2", "192.0.2.1")))
    assert session.outcome.established, session.outcome.reason
    assert session.outcome.view_of("a") is not None
    assert session.outcome.view_of("a").local_address == "192.0.2.1"  # type: ignore[union-attr]


# --- what the SA shows beyond the suite -----------------------------------------------------------
def _views(routers: dict[str, Endpoint]) -> dict[str, object]:
    (session,) = predict_sessions(routers)
    assert session.outcome.established, session.outcome.reason
    return {view.router: view for view in session.views}


@pytest.mark.parametrize(("version_a", "version_b", "windows"), [
    # Real IOS-XE 26.2 SAs with no `crypto ikev2 window` print "Local window: 20  Remote
    # window: 20" (tests/fixtures/real/gh-juliogomez-iosxe26-pqc-svti, r1/r2/r3); IOS-XE 17 and
    # IOS 15 print 5 (guide "IKEv2 Window Size": "By default, Cisco sets the window size to 5").
    ("26.2", "26.2", {"a": (20, 20), "b": (20, 20)}),
    ("17.9", "17.9", {"a": (5, 5), "b": (5, 5)}),
    ("26.2", "17.9", {"a": (20, 5), "b": (5, 20)}),
])
def test_the_default_ikev2_window_is_the_trains(version_a: str, version_b: str,
                                                windows: dict[str, tuple[int, int]]) -> None:
    routers = pair(site("a", "192.0.2.1", "192.0.2.2", version=version_a),
                   site("b", "192.0.2.2", "192.0.2.1", version=version_b))
    views = _views(routers)
    got = {name: (v.local_window, v.remote_window) for name, v in views.items()}  # type: ignore[attr-defined]
    assert got == windows


def test_a_configured_window_beats_the_trains_default() -> None:
    routers = pair(site("a", "192.0.2.1", "192.0.2.2", version="26.2",
                        extra="crypto ikev2 window 10\n"),
                   site("b", "192.0.2.2", "192.0.2.1", version="26.2"))
    view = _views(routers)["a"]
    assert (view.local_window, view.remote_window) == (10, 20)  # type: ignore[attr-defined]


def test_3des_shows_no_keysize() -> None:
    # IOS prints "keysize:" for AES only: "Encr: 3DES, Hash: SHA96, DH Grp:2, Auth sign: PSK,
    # Auth verify: PSK" (the line shape Cisco's genieparser documents for IOS-XE
    # ShowCryptoSessionDetail), so the parsed real SA has no key size and the prediction must not
    # invent one.
    proposal = ("crypto ikev2 proposal P3\n encryption 3des\n integrity sha1\n group 2\n"
                "crypto ikev2 policy POL\n proposal P3\n")
    routers = pair(site("a", "192.0.2.1", "192.0.2.2", version="15.4", extra=proposal),
                   site("b", "192.0.2.2", "192.0.2.1", version="15.4", extra=proposal))
    assert suite_of(routers) == ("3DES", None, "SHA1", "SHA96", 2)
    assert crypto.cipher_text("3DES", None) == "3DES"
