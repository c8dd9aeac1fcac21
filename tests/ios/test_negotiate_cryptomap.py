"""Crypto-map IKEv2 (Cisco "IKEv2 and Legacy VPNs": crypto-map based IKEv2 peers): an interface's
crypto map entry with ``set ikev2-profile`` initiates to its peers; the peer takes the SA on the
crypto map of the interface it arrives at (a static entry naming the initiator, or a dynamic map).
"""

from __future__ import annotations

from pathlib import Path

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, Status, predict_sessions

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "gh-atrubin-otus-ikev2-cryptomap"


def _router(text: str) -> Endpoint:
    config = RouterConfig.from_text(text)
    assert config.hostname is not None
    return Endpoint(config.hostname, config)


def test_the_real_pair_with_r15s_map_applied_gives_the_real_sa() -> None:
    # SOURCES.md: the saved R15 config has "crypto map IPSEC_R18" defined but not applied to
    # Ethernet0/2, while R15's output (taken with it applied) shows the SA: AES-CBC 256, PRF SHA1,
    # Hash SHA96, DH 2, RSA both ways. Applying it, as the author did, must give that SA.
    r15 = (REAL / "r15.cfg").read_text(encoding="utf-8").replace(
        " ip address 20.10.20.2 255.255.255.252\n",
        " ip address 20.10.20.2 255.255.255.252\n crypto map IPSEC_R18\n")
    r18 = (REAL / "r18.cfg").read_text(encoding="utf-8")
    routers = {e.name: e for e in (_router(r15), _router(r18))}
    (session,) = predict_sessions(routers)
    assert session.kind == "crypto-map"
    assert session.outcome.established, session.outcome.reason
    view = session.outcome.view_of("R15")
    assert view is not None
    assert (view.local_address, view.remote_address, view.interface) == (
        "20.10.20.2", "20.20.10.2", "Ethernet0/2")
    assert (view.encryption, view.keysize, view.prf, view.hash, view.dh_group, view.auth_sign,
            view.auth_verify) == ("AES-CBC", 256, "SHA1", "SHA96", 2, "RSA", "RSA")
    # Both maps name each other: either end's traffic brings it up.
    assert view.initiator is None


def test_the_saved_r15_without_its_map_takes_no_sa() -> None:
    routers = {e.name: e for e in (_router((REAL / "r15.cfg").read_text(encoding="utf-8")),
                                   _router((REAL / "r18.cfg").read_text(encoding="utf-8")))}
    (session,) = predict_sessions(routers)
    assert session.outcome.status is Status.TS_UNACCEPTABLE
    assert "no crypto map entry" in session.outcome.reason


KEY = "flexorch-cryptomap-key-0123456789"


def _site(name: str, mine: str, peer: str, crypto_map: str) -> str:
    return (f"hostname {name}\n"
            f"crypto ikev2 keyring KR\n peer P\n  address 0.0.0.0 0.0.0.0\n  pre-shared-key {KEY}\n"
            "crypto ikev2 profile P\n match identity remote address 0.0.0.0\n"
            " authentication remote pre-share\n authentication local pre-share\n"
            " keyring local KR\n"
            "crypto ipsec transform-set T esp-aes 256 esp-sha256-hmac\n"
            f"{crypto_map}"
            f"interface GigabitEthernet1\n ip address {mine} 255.255.255.0\n crypto map CM\n")


STATIC = "crypto map CM 10 ipsec-isakmp\n set peer {peer}\n set transform-set T\n" \
         " set ikev2-profile P\n match address ACL\n"
DYNAMIC = "crypto dynamic-map DYN 10\n set transform-set T\n set ikev2-profile P\n" \
          "crypto map CM 10 ipsec-isakmp dynamic DYN\n"


def test_towards_a_dynamic_map_only_the_static_end_initiates() -> None:
    branch = _router(_site("branch", "192.0.2.2", "192.0.2.1", STATIC.format(peer="192.0.2.1")))
    head = _router(_site("head", "192.0.2.1", "192.0.2.2", DYNAMIC))
    (session,) = predict_sessions({"branch": branch, "head": head})
    assert session.outcome.established, session.outcome.reason
    assert session.initiator == "branch" and session.initiator_known
    by_router = {v.router: v.initiator for v in session.views}
    assert by_router == {"branch": True, "head": False}


def test_a_map_entry_without_ikev2_profile_is_ikev1() -> None:
    ikev1 = "crypto map CM 10 ipsec-isakmp\n set peer 192.0.2.1\n set transform-set T\n"
    branch = _router(_site("branch", "192.0.2.2", "192.0.2.1", ikev1))
    head = _router(_site("head", "192.0.2.1", "192.0.2.2", DYNAMIC))
    assert predict_sessions({"branch": branch, "head": head}) == []


def test_transform_sets_must_meet() -> None:
    other = DYNAMIC.replace("set transform-set T", "set transform-set G") + \
        "crypto ipsec transform-set G esp-gcm 256\n"
    branch = _router(_site("branch", "192.0.2.2", "192.0.2.1", STATIC.format(peer="192.0.2.1")))
    head = _router(_site("head", "192.0.2.1", "192.0.2.2", other))
    (session,) = predict_sessions({"branch": branch, "head": head})
    assert session.outcome.status is Status.NO_PROPOSAL_CHOSEN
    assert session.outcome.step == "child-sa"
