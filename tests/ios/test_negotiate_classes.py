"""Classes of IOS behaviour the real corpus never showed, each checked on a pair of configs typed
as IOS prints them, with the expected SA fields worked out by hand from the Cisco document named
in the test (the negotiation model's code is never the reference).

- ``match certificate`` reads the peer's certificate, whatever IKE identity it sends (FlexVPN
  and IKEv2 configuration guide, IKEv2 profile: "match identity (for identity-based peers) or
  match certificate (for certificate-based peers using PKI maps)").
- IOS-XE 17.11 and later refuse weak algorithms unless ``crypto engine compliance shield
  disable`` (Cisco Field Notice FN72510, CSCwc72588).
"""

from __future__ import annotations

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Outcome, Status, predict_sessions

A, B = "192.0.2.1", "192.0.2.2"


def _svti(name: str, mine: str, peer: str, *, head: str = "", profile: str = "",
          ipsec: str = "") -> str:
    """An sVTI towards ``peer`` whose IKEv2 profile P is ``profile`` (its match, identity and
    authentication lines), protected by IPsec profile IP (``ipsec``: its set lines)."""
    return (f"{head}hostname {name}\n"
            f"crypto ikev2 profile P\n{profile}"
            f"crypto ipsec profile IP\n{ipsec} set ikev2-profile P\n"
            f"interface Tunnel0\n ip address 10.0.0.{1 if mine < peer else 2} 255.255.255.252\n"
            " tunnel source GigabitEthernet1\n tunnel mode ipsec ipv4\n"
            f" tunnel destination {peer}\n tunnel protection ipsec profile IP\n"
            f"interface GigabitEthernet1\n ip address {mine} 255.255.255.0\n")


def _outcome(a: str, b: str) -> Outcome:
    routers = {"a": Endpoint("a", RouterConfig.from_text(a)),
               "b": Endpoint("b", RouterConfig.from_text(b))}
    (session,) = predict_sessions(routers)
    return session.outcome


# --- match certificate reads the certificate ---------------------------------------------------
def _pki(cn: str, wanted: str) -> str:
    return ("crypto pki trustpoint TP\n enrollment url http://10.9.9.9:80\n"
            f" subject-name CN={cn}\n revocation-check none\n"
            f"crypto pki certificate map PEERS 10\n subject-name co {wanted}\n")


_CERT = (" authentication remote rsa-sig\n authentication local rsa-sig\n pki trustpoint TP\n")


def _cert_site(name: str, mine: str, peer: str, wanted: str, identity: str = "") -> str:
    return _svti(name, mine, peer, head=_pki(f"{name}.vpn.example", wanted),
                 profile=f" match certificate PEERS\n{identity}{_CERT}")


def test_match_certificate_matches_a_peer_that_sends_its_address_as_identity() -> None:
    # Neither end sets ``identity local dn``: each sends its address (guide: "If not explicitly
    # configured, the router will use the local interface IP as the identity") and signs with
    # its certificate, whose subject the other end's map PEERS checks.
    outcome = _outcome(_cert_site("a", A, B, "b.vpn.example"),
                       _cert_site("b", B, A, "a.vpn.example"))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    view = outcome.view_of("b")
    assert view is not None
    assert (view.local_id, view.remote_id, view.auth_sign, view.auth_verify) == (
        "192.0.2.2", "192.0.2.1", "RSA", "RSA")


def test_match_certificate_refuses_a_certificate_outside_the_map() -> None:
    # b's map wants "c.vpn.example": a's certificate (cn=a.vpn.example) does not satisfy it, and
    # a's address identity is no way around it.
    outcome = _outcome(_cert_site("a", A, B, "b.vpn.example"),
                       _cert_site("b", B, A, "c.vpn.example"))
    assert outcome.status is Status.PROFILE_MISMATCH
    assert "cn=a.vpn.example" in outcome.reason


def test_the_initiator_checks_the_responders_certificate_too() -> None:
    # a's own profile matches only certificates containing "c.vpn.example": b's is not one.
    outcome = _outcome(_cert_site("a", A, B, "c.vpn.example"),
                       _cert_site("b", B, A, "a.vpn.example"))
    assert outcome.status is Status.PROFILE_MISMATCH
    assert outcome.reason.startswith("a: IKEv2 profile P does not match b")


def test_a_psk_peer_is_not_matched_by_a_certificate_map() -> None:
    # A pre-shared-key peer presents no certificate: a profile with only match certificate has
    # nothing to match it with.
    psk = (" match identity remote any\n authentication remote pre-share key k3y\n"
           " authentication local pre-share key k3y\n")
    also_psk = " authentication remote rsa-sig\n authentication remote pre-share key k3y\n"
    responder = _cert_site("b", B, A, "a").replace(" authentication remote rsa-sig\n", also_psk)
    outcome = _outcome(_svti("a", A, B, profile=psk), responder)
    assert outcome.status is Status.PROFILE_MISMATCH


# --- weak algorithms on IOS-XE 17.11+ ----------------------------------------------------------
_PSK = (" match identity remote any\n authentication remote pre-share key k3y\n"
        " authentication local pre-share key k3y\n")
_DH5 = ("crypto ikev2 proposal LEGACY\n encryption aes-cbc-256\n integrity sha256\n group 5\n"
        "crypto ikev2 policy LEGACY\n proposal LEGACY\n")


def _weak_pair(version: str, extra: str = "", *, proposal: str = _DH5, ipsec: str = ""
               ) -> Outcome:
    head = f"version {version}\n{extra}{proposal}"
    return _outcome(_svti("a", A, B, head=head, profile=_PSK, ipsec=ipsec),
                    _svti("b", B, A, head=head, profile=_PSK, ipsec=ipsec))


def test_dh_group_5_still_negotiates_before_17_11() -> None:
    outcome = _weak_pair("17.9")
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    view = outcome.views[0]
    assert (view.encryption, view.keysize, view.prf, view.hash, view.dh_group) == (
        "AES-CBC", 256, "SHA256", "SHA256", 5)


def test_dh_group_5_fails_on_17_11_and_later() -> None:
    # FN72510: "In Cisco IOS XE Release 17.11.1 and later, weak crypto algorithms are no longer
    # allowed by default ... Otherwise, IPsec tunnel negotiation will fail"; group 5 is in its
    # IKEv2 proposal row.
    outcome = _weak_pair("17.12")
    assert outcome.status is Status.NO_PROPOSAL_CHOSEN
    assert outcome.step == "ike-proposal"
    assert "crypto engine compliance shield disable" in outcome.reason


def test_compliance_shield_disable_brings_weak_algorithms_back() -> None:
    outcome = _weak_pair("17.12", "crypto engine compliance shield disable\n")
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    assert outcome.views[0].dh_group == 5


def test_a_proposal_keeps_its_strong_algorithms_on_17_11() -> None:
    # Only the weak transforms go: 3DES and MD5 are dropped, AES-CBC-128 / SHA256 / 14 remain.
    proposal = ("crypto ikev2 proposal MIXED\n encryption 3des aes-cbc-128\n integrity md5 sha256\n"
                " group 2 14\ncrypto ikev2 policy MIXED\n proposal MIXED\n")
    outcome = _weak_pair("17.15", proposal=proposal)
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    view = outcome.views[0]
    assert (view.encryption, view.keysize, view.prf, view.hash, view.dh_group) == (
        "AES-CBC", 128, "SHA256", "SHA256", 14)


def test_the_default_proposal_loses_group_5_on_17_11() -> None:
    # The IOS-XE 17 default offers DH 19 14 21 5 (real show crypto ikev2 proposal, genieparser);
    # an IOS 15 default offers only 5 and 2 (real, IOS 15.2). Before 17.11 they meet on 5; from
    # 17.11 the XE end refuses 5 (FN72510) and nothing is left in common.
    xe, ios15 = "version {}\n", "version 15.4\n"
    before = _outcome(_svti("a", A, B, head=xe.format("17.9"), profile=_PSK),
                      _svti("b", B, A, head=ios15, profile=_PSK))
    after = _outcome(_svti("a", A, B, head=xe.format("17.11"), profile=_PSK),
                     _svti("b", B, A, head=ios15, profile=_PSK))
    assert before.status is Status.ESTABLISHED and before.views[0].dh_group == 5
    assert after.status is Status.NO_PROPOSAL_CHOSEN
    assert "DH group: a offers 19/14/21, b accepts 5/2" in after.reason


def test_a_3des_transform_set_fails_the_child_sa_on_17_11() -> None:
    # FN72510's transform-set row: esp-3des is refused; the IKE SA itself is fine.
    tset = "crypto ipsec transform-set OLD esp-3des esp-sha-hmac\n mode tunnel\n"
    outcome = _weak_pair("17.12", proposal=tset, ipsec=" set transform-set OLD\n")
    assert (outcome.status, outcome.step) == (Status.NO_PROPOSAL_CHOSEN, "child-sa")
    assert _weak_pair("17.6", proposal=tset,
                      ipsec=" set transform-set OLD\n").status is Status.ESTABLISHED


# --- what each end shows of its own: lifetime and DPD ----------------------------------------
def test_lifetime_and_dpd_are_each_ends_own() -> None:
    # IKEv2 does not negotiate lifetimes (RFC 7296 section 2.8: each end rekeys on its own
    # policy), and DPD is a local timer (guide: "Dead Peer Detection (DPD) can be configured
    # per-profile"). a sets both in its profile; b keeps IOS's defaults (86400 s: "Life/Active
    # Time: 86400/..." in the real SAs of tests/fixtures/real; no DPD: "DPD configured for 0
    # seconds, retry 0").
    tuned = _PSK + " lifetime 3600\n dpd 10 2 on-demand\n"
    outcome = _outcome(_svti("a", A, B, profile=tuned), _svti("b", B, A, profile=_PSK))
    assert outcome.status is Status.ESTABLISHED, outcome.reason
    a, b = outcome.view_of("a"), outcome.view_of("b")
    assert a is not None and b is not None
    assert (a.life_time, a.dpd_interval, a.dpd_retry) == (3600, 10, 2)
    assert (b.life_time, b.dpd_interval, b.dpd_retry) == (86400, 0, 0)
