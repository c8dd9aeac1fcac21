"""verify.compare on hand-built expectations and records (no device, no prediction)."""

from __future__ import annotations

from typing import Any

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import SideView
from flexorch.parse.records import SaRecord
from flexorch.verify import AllowedSuite, Expected, allowed_suite, compare


def _view(**changes: Any) -> SideView:
    base: dict[str, Any] = dict(  # noqa: C408 - keyword form reads as the record
        router="hub1",
        peer="spoke1",
        interface="Virtual-Access1",
        tunnel_id=1,
        local_address="192.0.2.1",
        local_port=500,
        remote_address="198.51.100.11",
        remote_port=500,
        fvrf="none",
        ivrf="none",
        encryption="AES-GCM",
        keysize=256,
        prf="SHA512",
        hash="None",
        dh_group=21,
        auth_sign="PSK",
        auth_verify="PSK",
        life_time=86400,
        local_spi="A" * 16,
        remote_spi="B" * 16,
        local_id="hub1.example",
        remote_id="spoke1.example",
        local_window=5,
        remote_window=5,
        dpd_interval=30,
        dpd_retry=5,
        fragmentation="none",
        fragmentation_mtu=None,
        nat_t="not-detected",
        sgt="disabled",
        initiator=False,
        ikev2_profile="FLEX",
        ipsec_profile="FLEX_IPSEC",
        transform_set="TS",
        tunnel_mode="ipsec ipv4",
        flow="permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0",
        virtual_template="Virtual-Template1",
    )
    base.update(changes)
    return SideView(**base)


NGE = AllowedSuite(
    proposal="NGE",
    ciphers=frozenset({("AES-GCM", 256)}),
    prfs=frozenset({"SHA512"}),
    hashes=frozenset({"None"}),
    groups=frozenset({20, 21}),
)


def _expected(view: SideView, allowed: AllowedSuite | None = NGE) -> Expected:
    return Expected(
        host=view.router,
        peer=view.peer,
        tunnel="Virtual-Template1",
        remote_address=view.remote_address,
        predicted="ESTABLISHED",
        reason="",
        view=view,
        allowed=allowed,
    )


def _sa(**changes: Any) -> SaRecord:
    base: dict[str, Any] = dict(  # noqa: C408 - keyword form reads as the record
        tunnel_id=1,
        local_address="192.0.2.1",
        local_port=500,
        remote_address="198.51.100.11",
        remote_port=500,
        fvrf="none",
        ivrf="none",
        status="READY",
        encryption="AES-GCM",
        keysize=256,
        prf="SHA512",
        hash="None",
        dh_group=20,
        fragmentation="none",
        nat_t="not-detected",
        sgt="disabled",
    )
    base.update(changes)
    return SaRecord(**base)


def _verdicts(comparisons: list[Any]) -> dict[str, bool]:
    return {c.check: c.ok for c in comparisons}


def test_healthy_tunnel_passes_every_check_even_with_second_choice_dh_group() -> None:
    result = compare("hub1", [_expected(_view())], [_sa(dh_group=20)])
    assert _verdicts(result) == {
        "status": True,
        "suite": True,
        "fragmentation": True,
        "sgt": True,
        "nat_t": True,
        "unexpected_peers": True,
    }


def test_missing_sa_is_one_status_failure_and_nothing_else_for_that_tunnel() -> None:
    result = compare("hub1", [_expected(_view())], [])
    assert [(c.check, c.expected, c.observed, c.ok) for c in result] == [
        ("status", "READY", "absent", False),
        ("unexpected_peers", "none", "none", True),
    ]


def test_sa_in_negotiation_is_not_ready() -> None:
    result = compare("hub1", [_expected(_view())], [_sa(status="IN-NEG")])
    status = next(c for c in result if c.check == "status")
    assert (status.observed, status.ok) == ("IN-NEG", False)
    assert "suite" not in _verdicts(result)


def test_suite_outside_the_intended_proposal_names_what_was_negotiated() -> None:
    result = compare(
        "hub1", [_expected(_view())], [_sa(encryption="AES-CBC", keysize=128, hash="SHA256")]
    )
    suite = next(c for c in result if c.check == "suite")
    assert not suite.ok
    assert suite.observed == "AES-CBC-128 prf SHA512 hash SHA256 DH 20"
    assert "proposal NGE" in suite.expected


def test_fragmentation_method_and_mtu_are_compared() -> None:
    view = _view(fragmentation="ietf", fragmentation_mtu=1372)
    assert _verdicts(
        compare("hub1", [_expected(view)], [_sa(fragmentation="ietf", fragmentation_mtu=1372)])
    )["fragmentation"]
    off = compare("hub1", [_expected(view)], [_sa(fragmentation="none")])
    frag = next(c for c in off if c.check == "fragmentation")
    assert (frag.expected, frag.observed, frag.ok) == ("ietf mtu 1372", "none", False)
    wrong_mtu = compare(
        "hub1", [_expected(view)], [_sa(fragmentation="ietf", fragmentation_mtu=576)]
    )
    assert not _verdicts(wrong_mtu)["fragmentation"]


def test_sgt_and_nat_t_mismatches() -> None:
    view = _view(sgt="enabled", nat_t="outside")
    result = compare("hub1", [_expected(view)], [_sa(sgt="disabled", nat_t="outside")])
    assert _verdicts(result)["sgt"] is False
    assert _verdicts(result)["nat_t"] is True
    absent_line = compare("hub1", [_expected(view)], [_sa(sgt=None, nat_t="outside")])
    sgt = next(c for c in absent_line if c.check == "sgt")
    assert (sgt.observed, sgt.ok) == ("not shown", False)


def test_ipv6_addresses_match_whatever_the_case_and_compression() -> None:
    view = _view(local_address="2001:db8:1::1", remote_address="2001:db8:2::12")
    sa = _sa(local_address="2001:DB8:1:0::1", remote_address="2001:DB8:2::12")
    assert _verdicts(compare("hub1", [_expected(view)], [sa]))["status"]


def test_unexpected_peer_is_reported_with_its_address() -> None:
    result = compare(
        "hub1", [_expected(_view())], [_sa(), _sa(tunnel_id=7, remote_address="203.0.113.99")]
    )
    extra = [c for c in result if c.check == "unexpected_peers"]
    assert len(extra) == 1
    assert not extra[0].ok
    assert extra[0].observed == "203.0.113.99 (READY)"


def test_prediction_failure_keeps_the_tunnel_expected_and_explains() -> None:
    exp = Expected(
        host="spoke1",
        peer="hub1",
        tunnel="Tunnel0",
        remote_address="192.0.2.1",
        predicted="AUTH_FAILED",
        reason="AUTH_FAILED at auth: pre-shared key differs",
        view=None,
        allowed=None,
    )
    result = compare("spoke1", [exp], [])
    assert result[0].check == "status"
    assert not result[0].ok
    assert "pre-shared key differs" in result[0].message


def test_only_selected_checks_are_run() -> None:
    result = compare("hub1", [_expected(_view())], [_sa()], checks=("status", "sgt"))
    assert sorted(c.check for c in result) == ["sgt", "status"]


def test_allowed_suite_reads_the_proposal_from_config() -> None:
    config = RouterConfig.from_text(
        "crypto ikev2 proposal P\n encryption aes-cbc-256 aes-gcm-128\n integrity sha256\n"
        " prf sha384 sha256\n group 19 14\n"
    )
    allowed = allowed_suite(config, "P")
    assert allowed is not None
    assert allowed.ciphers == {("AES-CBC", 256), ("AES-GCM", 128)}
    assert allowed.prfs == {"SHA384", "SHA256"}
    assert allowed.hashes == {"SHA256", "None"}
    assert allowed.groups == {19, 14}
    assert allowed_suite(config, "MISSING") is None


def test_allowed_suite_of_a_proposal_without_prf_is_its_integrity() -> None:
    # IOS uses the integrity algorithms as PRFs when a proposal has no prf line (a real SA of
    # such a proposal shows "PRF: SHA1": tests/fixtures/real/gh-atrubin-otus-ikev2-cryptomap;
    # and "prf: SHA1, hash: SHA96" in tests/fixtures/real/gh-fabferri-vwan-csr164-svti)
    config = RouterConfig.from_text(
        "crypto ikev2 proposal P\n encryption aes-cbc-256\n integrity sha256 sha1\n group 14\n")
    allowed = allowed_suite(config, "P")
    assert allowed is not None
    assert allowed.prfs == {"SHA256", "SHA1"}
    assert allowed.describe() == "proposal P: AES-CBC-256 prf SHA1,SHA256 hash SHA256,SHA96 DH 14"


def test_the_default_proposal_is_the_routers_trains() -> None:
    # An IOS 15.5 hub with proposal PH1 and no policy answers with IOS 15's default proposal:
    # its real SA reads "Encr: AES-CBC, keysize: 128, PRF: MD5, Hash: MD596, DH Grp:2"
    # (tests/fixtures/real/gh-alnor23-otus-lab14-ikev2-rsa r14__show_crypto_ikev2_session.raw).
    sa = _sa(encryption="AES-CBC", keysize=128, prf="MD5", hash="MD596", dh_group=2)
    old = RouterConfig.from_text("version 15.5\nhostname R14\n")
    allowed = allowed_suite(old, "default")
    assert allowed is not None and allowed.admits(sa)
    assert 2 in allowed.groups and ("AES-CBC", 128) in allowed.ciphers
    # without a version line, the inventory's platform_version decides
    bare = RouterConfig.from_text("hostname R14\n")
    told = allowed_suite(bare, "default", "15.5")
    assert told is not None and told.admits(sa)
    # IOS-XE 17's default proposal has neither MD5 nor group 2
    modern = allowed_suite(bare, "default", "17.9")
    assert modern is not None and not modern.admits(sa)
    assert modern.groups == {19, 14, 21, 5}
    # a proposal the config defines under that name is the config's, whatever the train
    own = RouterConfig.from_text(
        "version 15.5\ncrypto ikev2 proposal default\n encryption aes-gcm-256\n prf sha512\n"
        " group 20\n")
    mine = allowed_suite(own, "default")
    assert mine is not None and mine.groups == {20} and not mine.admits(sa)


def test_a_tunnel_from_a_peer_with_a_dhcp_address_takes_an_sa_no_other_tunnel_took() -> None:
    # A spoke whose WAN is ``ip address dhcp`` (tests/fixtures/real/gh-jakubkkk12-cml-dmvpn02-
    # ikev2-dualhub br4: Tunnel20 sourced from GigabitEthernet0/0): the hub's side of its SA is
    # predicted with no remote address; the hub shows it with the address the spoke learned.
    dhcp = _expected(_view(peer="spoke2", remote_address=None))
    known = _expected(_view())
    records = [_sa(remote_address="198.51.100.11"), _sa(remote_address="203.0.113.50")]
    for expected in ([dhcp, known], [known, dhcp]):  # the unknown one never takes a known SA
        result = compare("hub1", expected, records)
        status = {c.peer: (c.observed, c.ok) for c in result if c.check == "status"}
        assert status == {"spoke1": ("READY", True), "spoke2": ("READY", True)}
        assert [(c.observed, c.ok) for c in result if c.check == "unexpected_peers"] == \
            [("none", True)]
    # no SA left over, or one on another local address or not up: the tunnel is absent
    for left in ([], [_sa(remote_address="203.0.113.50", local_address="192.0.2.99")],
                 [_sa(remote_address="203.0.113.50", status="IN-NEG")]):
        result = compare("hub1", [known, dhcp], [records[0], *left])
        status = {c.peer: (c.observed, c.ok) for c in result if c.check == "status"}
        assert status["spoke2"] == ("absent", False)
    # the responder side of a tunnel predicted to fail (no view) is still reported absent
    failing = Expected(host="hub1", peer="spoke3", tunnel="(responder)", remote_address=None,
                       predicted="PROFILE_MISMATCH", reason="no profile", view=None, allowed=None)
    result = compare("hub1", [failing], [records[1]])
    assert [(c.check, c.observed, c.ok) for c in result if c.check == "status"] == \
        [("status", "absent", False)]


def test_a_hubs_dhcp_spokes_are_told_apart_by_their_identities() -> None:
    # Two spokes on DHCP (``ip_dhcp``): the hub's expectations have no remote address; the
    # records' ``Remote id`` (show crypto ikev2 sa detailed) says whose SA each is. Spoke B's
    # SA alone is up: spoke A is absent, whatever the order of the expectations.
    a = _expected(_view(peer="spokeA", remote_address=None, remote_id="a.flex.example"))
    b = _expected(_view(peer="spokeB", remote_address=None, remote_id="b.flex.example"))
    up = _sa(remote_address="100.64.7.9", remote_id="B.flex.example")
    for expected in ([a, b], [b, a]):
        result = compare("hub1", expected, [up])
        status = {c.peer: (c.observed, c.ok) for c in result if c.check == "status"}
        assert status == {"spokeA": ("absent", False), "spokeB": ("READY", True)}
    # a record without Remote id (the short show) is taken by the first, as before
    bare = _sa(remote_address="100.64.7.9", remote_id=None)
    result = compare("hub1", [a, b], [bare])
    status = {c.peer: c.observed for c in result if c.check == "status"}
    assert status == {"spokeA": "READY", "spokeB": "absent"}


def test_an_exact_identity_is_matched_first_and_a_dn_is_not_a_veto() -> None:
    # A certificate spoke's predicted DN (``hostname=...,cn=...``) may be spelt otherwise by the
    # real certificate: it never rejects a record, but a spoke whose fqdn a record shows exactly
    # takes that record first, whatever the order of the expectations.
    dn = _expected(_view(peer="certSpoke", remote_address=None,
                         remote_id="hostname=c.flex.example,cn=c.flex.example"))
    fqdn = _expected(_view(peer="pskSpoke", remote_address=None, remote_id="p.flex.example"))
    records = [_sa(remote_address="100.64.0.9", remote_id="p.flex.example"),
               _sa(remote_address="100.64.0.7", remote_id="serialNumber=9X,cn=c.flex.example")]
    for expected in ([dn, fqdn], [fqdn, dn]):
        result = compare("hub1", expected, records)
        taken = {c.peer: c.observed for c in result if c.check == "status"}
        assert taken == {"certSpoke": "READY", "pskSpoke": "READY"}
    # the fqdn spoke's record gone: the DN spoke keeps its own, the fqdn spoke is absent
    result = compare("hub1", [fqdn, dn], [records[1]])
    taken = {c.peer: c.observed for c in result if c.check == "status"}
    assert taken == {"certSpoke": "READY", "pskSpoke": "absent"}
