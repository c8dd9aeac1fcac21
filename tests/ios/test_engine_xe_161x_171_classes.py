"""show running-config classes the IOS-XE 16.6-17.3 corpus sources of session 28 brought in (a
CSR1000V 16.12 with an IKEv1 crypto map, CSR1000V 17.1/17.3 Golden Config backups, ISR4331s on
16.6).

Every line is typed by hand from the corpus file named in the test
(tests/fixtures/real/<source>/<host>.cfg); every expected text is written by hand.
"""

from __future__ import annotations

from tests.ios.test_engine_families import _shown, _tree

_POLICY = ["crypto isakmp policy 1", " encr 3des", " hash md5", " authentication pre-share",
           " group 2"]


def test_an_isakmp_policy_spells_its_cipher_out_on_ios_xe_16_12() -> None:
    # gh-chaseheim-cnit381-csr1612-cryptomap/hq.cfg: "crypto isakmp policy 1" / " encryption 3des"
    lines = _shown(_tree(["version 16.12", *_POLICY]))
    policy = lines.index("crypto isakmp policy 1")
    assert lines[policy:policy + 5] == ["crypto isakmp policy 1", " encryption 3des",
                                        " hash md5", " authentication pre-share", " group 2"]


def test_ios_15_prints_the_short_encr_whichever_keyword_was_typed() -> None:
    # gh-neytrin-otus-lab14-cryptomap-dmvpn/r15.cfg (IOL 15.4): " encr aes 256"
    lines = _shown(_tree(["version 15.4", "crypto isakmp policy 10", " encryption aes 256"]))
    assert " encr aes 256" in lines
    assert " encryption aes 256" not in lines


def test_ios_xe_prints_an_interface_crypto_map_after_the_mop_lines() -> None:
    # hq.cfg, interface GigabitEthernet2: ip nat outside, negotiation auto, no mop enabled,
    # no mop sysid, crypto map Crypt
    lines = _shown(_tree([
        "version 16.12", "access-list 101 permit ip any any", "crypto map Crypt 10 ipsec-isakmp",
        " set peer 172.16.0.2", " match address 101", "interface GigabitEthernet2",
        " crypto map Crypt", " no mop sysid", " no mop enabled", " negotiation auto",
        " ip nat outside", " ip address 172.16.0.1 255.255.255.0"]))
    port = lines.index("interface GigabitEthernet2")
    assert lines[port + 1:port + 7] == [
        " ip address 172.16.0.1 255.255.255.0", " ip nat outside", " negotiation auto",
        " no mop enabled", " no mop sysid", " crypto map Crypt"]


def test_ios_xe_17_1_prints_logging_userinfo_and_call_home_early() -> None:
    # gh-nautobot-demo-gc-backups-csr171-173/jcy-rtr-01-171.cfg: vrf definition MANAGEMENT,
    # logging userinfo, no aaa new-model, call-home ..., no ip domain lookup (the AAA line typed
    # positive here: the lab prints the default 'no aaa new-model' only with other AAA lines)
    lines = _shown(_tree([
        "version 17.1", "no ip domain lookup", "aaa new-model", "logging userinfo",
        "vrf definition MANAGEMENT", "call-home",
        " contact-email-addr sch-smart-licensing@cisco.com", "line vty 0 4"]))
    order = ["vrf definition MANAGEMENT", "logging userinfo", "aaa new-model", "call-home",
             "no ip domain lookup", "line vty 0 4"]
    assert [lines.index(line) for line in order] == sorted(lines.index(line) for line in order)


def test_ios_xe_17_3_prints_call_home_after_the_lines() -> None:
    # gh-nautobot-demo-gc-backups-csr171-173/csr1-173.cfg: line vty ..., call-home
    lines = _shown(_tree([
        "version 17.3", "call-home", " contact-email-addr sch-smart-licensing@cisco.com",
        "no ip domain lookup", "line vty 0 4"]))
    assert lines.index("no ip domain lookup") < lines.index("line vty 0 4") < lines.index(
        "call-home")


def test_ntp_precedes_the_wsma_agents() -> None:
    # gh-linsejj-cnit381-isr4331-166/router1.cfg (ISR4331 16.6): line vty 5 15 ..., ntp master 1,
    # wsma agent exec
    lines = _shown(_tree([
        "version 16.6", "wsma agent exec", "wsma agent config", "ntp master 1", "line vty 0 4"]))
    assert lines.index("line vty 0 4") < lines.index("ntp master 1") < lines.index(
        "wsma agent exec") < lines.index("wsma agent config")
