"""Rendering of every block with values the guide only shows as syntax, and the render contract
(day-0 / managed / full split, secrets, determinism). Expected text is written by hand from the
IOS command syntax."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from flexorch.intent import Fleet, load_fleet
from flexorch.render import render_day0, render_full, render_host
from flexorch.secrets import mask


def fleet_of(tmp: Path, data: dict[str, Any], **host: Any) -> Fleet:
    hosts = {"r1": {"hostname": "127.0.0.1", "port": 22, **host, "data": data}}
    defaults = {
        "data": {
            "site": "s",
            "role": "hub",
            "credentials": {"username": "admin", "password": {"env": "T_PASS"}},
        }
    }
    (tmp / "hosts.yaml").write_text(yaml.safe_dump(hosts), encoding="utf-8")
    (tmp / "defaults.yaml").write_text(yaml.safe_dump(defaults), encoding="utf-8")
    return load_fleet(tmp)


def managed(tmp: Path, data: dict[str, Any]) -> list[str]:
    return [line for line in render_host(fleet_of(tmp, data), "r1").splitlines() if line != "!"]


def test_ikev2_globals_with_values(tmp_path: Path) -> None:
    data = {
        "ikev2": {
            "http_url_cert": True,
            "certificate_cache": 100,
            "cookie_challenge": 500,
            "limit": {
                "max_sa": 100,
                "max_in_negotiation_sa": 50,
                "max_in_negotiation_direction": "incoming",
            },
            "window": 10,
            "dpd": {"interval": 10, "retry": 2, "mode": "periodic"},
            "nat_keepalive": 20,
            "cts_sgt": True,
            "disconnect_revoked_peers": True,
            "fragmentation": {"mtu": 1000},
            "diagnose_error": 500,
            "redirect": {"gateway": "init", "client": True, "client_max_redirects": 3},
        }
    }
    assert managed(tmp_path, data) == [
        "crypto ikev2 http-url cert",
        "crypto ikev2 certificate-cache 100",
        "crypto ikev2 cookie-challenge 500",
        "crypto ikev2 limit max-sa 100",
        "crypto ikev2 limit max-in-negotiation-sa 50 incoming",
        "crypto ikev2 window 10",
        "crypto ikev2 dpd 10 2 periodic",
        "crypto ikev2 nat keepalive 20",
        "crypto ikev2 cts sgt",
        "crypto ikev2 disconnect-revoked-peers",
        "crypto ikev2 fragmentation mtu 1000",
        "crypto ikev2 diagnose error 500",
        "crypto ikev2 redirect gateway init",
        "crypto ikev2 redirect client max-redirects 3",
    ]


def test_window_5_is_the_hidden_default(tmp_path: Path) -> None:
    assert managed(tmp_path, {"ikev2": {"window": 5, "fragmentation": {}}}) == [
        "crypto ikev2 fragmentation"
    ]


def test_profile_every_statement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("T_AAA_PW", "aaa-password-value")
    data = {
        "ikev2_profiles": {
            "P": {
                "description": "all statements",
                "match": {
                    "fvrf": "any",
                    "address_local": ["192.0.2.1"],
                    "identity_remote": [
                        {"type": "address", "value": "2001:db8::1"},
                        {"type": "key-id", "value": "branch7"},
                        {"type": "email", "domain": True, "value": "example.com"},
                    ],
                },
                "identity_local": {"type": "email", "value": "hub@example.com"},
                "authentication_remote": [{"method": "eap", "eap": "query-identity"}],
                "authentication_local": {"method": "ecdsa-sig"},
                "keyring": {"aaa": "KR_LIST", "password": {"env": "T_AAA_PW"}},
                "pki_trustpoints": ["TP1", "TP2"],
                "dpd": {"interval": 60, "retry": 10, "mode": "periodic"},
                "nat_keepalive": 30,
                "nat_force_encap": True,
                "ivrf": "CORP",
                "aaa_authentication_eap": "EAP_LIST",
                "aaa_accounting": [{"kinds": ["eap"], "list": "ACCT"}],
                "virtual_template": {"number": 10, "mode_auto": True},
                "config_exchange_request": False,
                "config_exchange_set_send": False,
                "config_exchange_set_accept": False,
                "session_lifetime": 3600,
                "lifetime": 7200,
                "lifetime_certificate": False,
                "reconnect": True,
                "reconnect_timeout": 600,
            }
        }
    }
    assert managed(tmp_path, data) == [
        "crypto ikev2 profile P",
        " description all statements",
        " match fvrf any",
        " match address local 192.0.2.1",
        " match identity remote address 2001:DB8::1/128",
        " match identity remote key-id branch7",
        " match identity remote email domain example.com",
        " identity local email hub@example.com",
        " authentication remote eap query-identity",
        " authentication local ecdsa-sig",
        " keyring aaa KR_LIST password aaa-password-value",
        " pki trustpoint TP1",
        " pki trustpoint TP2",
        " dpd 60 10 periodic",
        " nat keepalive 30",
        " nat force-encap",
        " ivrf CORP",
        " aaa authentication eap EAP_LIST",
        " aaa accounting eap ACCT",
        " virtual-template 10 mode auto",
        " no config-exchange request",
        " no config-exchange set send",
        " no config-exchange set accept",
        " session-lifetime 3600",
        " lifetime 7200",
        " no lifetime certificate",
        " reconnect timeout 600",
    ]


def test_ipsec_profile_and_transform_sets(tmp_path: Path) -> None:
    data = {
        "ipsec_transform_sets": {
            "TS1": {"esp_encryption": "esp-aes 128", "esp_integrity": "esp-sha256-hmac"},
            "TS2": {"ah": "ah-sha-hmac", "esp_encryption": "esp-aes 256", "mode": "transport"},
        },
        "ipsec_profiles": {
            "IP": {
                "lifetime": {"seconds": 1800, "kilobytes": 102400},
                "replay": {"window_size": 1024},
                "transform_sets": ["TS1", "TS2"],
                "pfs": "group20",
                "ikev2_profile": "P",
                "mixed_mode": True,
                "reverse_route": {"distance": 20, "tag": 7},
                "responder_only": True,
            }
        },
    }
    assert managed(tmp_path, data) == [
        "crypto ipsec transform-set TS1 esp-aes esp-sha256-hmac",
        " mode tunnel",
        "crypto ipsec transform-set TS2 ah-sha-hmac esp-aes 256",
        " mode transport",
        "crypto ipsec profile IP",
        " set security-association lifetime seconds 1800",
        " set security-association lifetime kilobytes 102400",
        " set security-association replay window-size 1024",
        " set transform-set TS1 TS2",
        " set pfs group20",
        " set ikev2-profile P",
        " set mixed-mode",
        " set reverse-route distance 20",
        " set reverse-route tag 7",
        " responder-only",
    ]


def test_gre_tunnels_client_and_sgt_inline(tmp_path: Path) -> None:
    data = {
        "tunnels": {
            "Tunnel1": {
                "ipv4": "10.9.0.1/30",
                "source": "GigabitEthernet1",
                "mode": "gre ip",
                "destination": "192.0.2.9",
                "protection": "IP",
            },
            "Tunnel2": {
                "ipv6": ["2001:db8:9::1/64"],
                "source": "GigabitEthernet1",
                "mode": "gre ipv6",
                "destination": "2001:db8::9",
                "tunnel_key": 100,
                "protection": "IP",
                "protection_ikev2_profile": "P",
            },
            "Tunnel3": {
                "ip_negotiated": True,
                "cts_sgt_inline": True,
                "source": "g1",
                "mode": "ipsec ipv4",
                "destination": "dynamic",
                "protection": "IP",
            },
        },
        "ikev2_clients": {
            "C": {
                "peers": [
                    {"seq": 1, "address": "192.0.2.9"},
                    {"seq": 2, "fqdn": "hub.example.com", "dynamic": True},
                ],
                "peer_reactivate": True,
                "sources": [{"seq": 1, "interface": "gi1", "track": 10}],
                "connect": ["tu3"],
            }
        },
    }
    assert managed(tmp_path, data) == [
        "crypto ikev2 client flexvpn C",
        "  peer 1 192.0.2.9",
        "  peer 2 fqdn hub.example.com dynamic",
        "  peer reactivate",
        "  source 1 GigabitEthernet1 track 10",
        "  client connect Tunnel3",
        "interface Tunnel1",
        " ip address 10.9.0.1 255.255.255.252",
        " tunnel source GigabitEthernet1",  # `tunnel mode gre ip` is IOS's hidden default
        " tunnel destination 192.0.2.9",
        " tunnel protection ipsec profile IP",
        "interface Tunnel2",
        " no ip address",
        " ipv6 address 2001:DB8:9::1/64",
        " tunnel source GigabitEthernet1",
        " tunnel mode gre ipv6",
        " tunnel destination 2001:DB8::9",
        " tunnel key 100",
        " tunnel protection ipsec profile IP ikev2-profile P",
        "interface Tunnel3",
        " ip address negotiated",
        " cts sgt inline",
        " tunnel source GigabitEthernet1",
        " tunnel mode ipsec ipv4",
        " tunnel destination dynamic",
        " tunnel protection ipsec profile IP",
    ]


def test_keyring_ipv6_peers_and_authorization_policy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("T_K", "keyring-key-value-1234")
    data = {
        "ikev2_keyrings": {
            "K": {
                "peers": {
                    "v6host": {
                        "description": "one IPv6 peer",
                        "address": "2001:db8::7",
                        "pre_shared_key": {"env": "T_K"},
                    },
                    "v6net": {"prefix": "2001:db8:1::/48", "pre_shared_key": {"env": "T_K"}},
                }
            }
        },
        "ikev2_authorization_policies": {
            "A": {
                "pool": "POOL",
                "dns": ["192.0.2.53", "192.0.2.54"],
                "netmask": "255.255.255.0",
                "def_domain": "example.com",
                "route_set_interface": True,
                "route_set_interface_name": "lo0",
                "route_set_access_list": "ACL",
                "route_accept_any": {"tag": 10, "distance": 250},
                "route_set_local": [{"prefix": "2001:db8:5::/64"}],
                "route_set_remote": [{"prefix": "10.5.0.0/16", "tag": 3}],
            }
        },
        "local_pools": {"POOL": {"start": "10.9.9.1", "end": "10.9.9.99"}},
        "access_lists": {
            "ACL": {
                "entries": [
                    {"network": "10.0.0.0/8"},
                    {"action": "deny", "network": "10.1.1.1/32"},
                    {"network": "any"},
                ]
            }
        },
    }
    assert managed(tmp_path, data) == [
        "crypto ikev2 authorization policy A",
        " pool POOL",
        " dns 192.0.2.53 192.0.2.54",
        " netmask 255.255.255.0",
        " def-domain example.com",
        " route set interface Loopback0",
        " route set access-list ACL",
        " route accept any tag 10 distance 250",
        " route set local ipv6 2001:DB8:5::/64",
        " route set remote ipv4 10.5.0.0 255.255.0.0 tag 3",
        "crypto ikev2 keyring K",
        " peer v6host",
        "  description one IPv6 peer",
        "  address 2001:DB8::7/128",
        "  pre-shared-key keyring-key-value-1234",
        " peer v6net",
        "  address 2001:DB8:1::/48",
        "  pre-shared-key keyring-key-value-1234",
        "ip local pool POOL 10.9.9.1 10.9.9.99",
        "ip access-list standard ACL",
        " 10 permit 10.0.0.0 0.255.255.255",
        " 20 deny 10.1.1.1",
        " 30 permit any",
    ]


def test_pki_trustpoint_and_crl_schedule(tmp_path: Path) -> None:
    data = {
        "pki_trustpoints": {
            "EC": {
                "enrollment_terminal": True,
                "serial_number_none": True,
                "fqdn": "none",
                "ip_address_none": True,
                "subject_name": "cn=r1,o=Example",
                "revocation_check": ["crl", "none"],
                "eckeypair": "ECKEY",
                "auto_enroll": 70,
                "match_certificate": [{"map": "M", "allow_expired": True}],
            }
        },
        "pki_crl": {
            "schedule_times": [{"day": "Monday", "time": "02:30"}],
            "prepublish": True,
            "retries": 3,
            "retry_interval": 30,
            "trustpoints": ["EC"],
            "urls": ["http://192.0.2.80/crl"],
        },
    }
    assert managed(tmp_path, data) == [
        "crypto pki trustpoint EC",
        " enrollment terminal",
        " serial-number none",
        " fqdn none",
        " ip-address none",
        " subject-name cn=r1,o=Example",
        " revocation-check crl none",
        " eckeypair ECKEY",
        " auto-enroll 70",
        " match certificate M allow expired-certificate",
        "crypto pki crl download schedule time Monday 02:30",
        "crypto pki crl download schedule prepublish",
        "crypto pki crl download schedule retries 3",
        "crypto pki crl download schedule retries interval 30",
        "crypto pki crl download trustpoint EC",
        "crypto pki crl download url http://192.0.2.80/crl",
    ]


def test_named_blocks_are_listed_by_name_whatever_the_yaml_order(tmp_path: Path) -> None:
    data = {
        "ikev2_proposals": {
            "ZETA": {
                "encryption": ["aes-cbc-256"],
                "integrity": ["sha256"],
                "prf": ["sha256"],
                "group": [19],
            },
            "ALPHA": {
                "encryption": ["aes-gcm-128", "aes-gcm-256"],
                "prf": ["sha384"],
                "group": [20, 21],
            },
        },
        "vrfs": {"ZZ": {}, "AA": {"rd": "65000:1", "ipv6": True}},
    }
    assert managed(tmp_path, data) == [
        "vrf definition AA",
        " rd 65000:1",
        " address-family ipv4",
        " exit-address-family",
        " address-family ipv6",
        " exit-address-family",
        "vrf definition ZZ",
        " address-family ipv4",
        " exit-address-family",
        "crypto ikev2 proposal ALPHA",
        " encryption aes-gcm-128 aes-gcm-256",
        " prf sha384",
        " group 20 21",
        "crypto ikev2 proposal ZETA",
        " encryption aes-cbc-256",
        " integrity sha256",
        " prf sha256",
        " group 19",
    ]


def test_day0_managed_and_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("T_PASS", "device-password-value")
    monkeypatch.setenv("T_ENABLE", "enable-secret-value")
    data = {
        "credentials": {
            "username": "ops",
            "password": {"env": "T_PASS"},
            "enable": {"env": "T_ENABLE"},
        },
        "vrfs": {"INET": {}, "CORP": {}},
        "interfaces": {
            "GigabitEthernet2": {"vrf": "INET", "ipv4": "198.51.100.9/24", "nat": "outside"},
            "GigabitEthernet1": {"description": "mgmt", "ipv4": "192.0.2.9/24"},
        },
        "loopbacks": {"Loopback0": {"vrf": "CORP", "ipv4": "10.0.0.9/32"}},
        "routes": [
            {"prefix": "0.0.0.0/0", "vrf": "INET", "next_hop": "198.51.100.1", "day0": True},
            {
                "prefix": "10.0.0.0/8",
                "interface": "Tunnel0",
                "distance": 200,
                "tag": 5,
                "name": "overlay",
            },
            {"prefix": "2001:db8::/32", "next_hop": "2001:db8:ffff::1"},
        ],
    }
    fleet = fleet_of(tmp_path, data)
    day0 = render_day0(fleet, "r1")
    assert day0.splitlines() == [
        "hostname r1",
        "!",
        "vrf definition INET",
        " address-family ipv4",
        " exit-address-family",
        "!",
        "enable secret enable-secret-value",
        "!",
        "username ops privilege 15 secret device-password-value",
        "!",
        "interface GigabitEthernet1",
        " description mgmt",
        " ip address 192.0.2.9 255.255.255.0",
        "!",
        "interface GigabitEthernet2",
        " vrf forwarding INET",
        " ip address 198.51.100.9 255.255.255.0",
        " ip nat outside",
        "!",
        "ip route vrf INET 0.0.0.0 0.0.0.0 198.51.100.1",
    ]
    host = render_host(fleet, "r1")
    assert host.splitlines() == [
        "vrf definition CORP",
        " address-family ipv4",
        " exit-address-family",
        "!",
        "interface Loopback0",
        " vrf forwarding CORP",
        " ip address 10.0.0.9 255.255.255.255",
        "!",
        "ip route 10.0.0.0 255.0.0.0 Tunnel0 200 tag 5 name overlay",
        "ipv6 route 2001:DB8::/32 2001:DB8:FFFF::1",
    ]
    full = render_full(fleet, "r1").splitlines()
    assert sorted(full) == sorted(day0.splitlines() + host.splitlines())
    # in one config, IOS order: VRFs together by name, Loopback before the GigabitEthernets
    assert (
        full.index("vrf definition CORP")
        < full.index("vrf definition INET")
        < full.index("enable secret enable-secret-value")
    )
    assert full.index("interface Loopback0") < full.index("interface GigabitEthernet1")
    assert mask(render_full(fleet, "r1")).count("******") == 2


def test_masked_render_needs_no_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("T_PASS", raising=False)
    fleet = fleet_of(
        tmp_path, {"radius_servers": {"R": {"address": "192.0.2.5", "key": {"env": "T_UNSET_KEY"}}}}
    )
    text = render_full(fleet, "r1", reveal=False)
    assert " key ******" in text
    assert "username admin privilege 15 secret ******" in text
    assert render_full(fleet, "r1", reveal=False) == text  # deterministic


def test_interface_abbreviations_are_canonical(tmp_path: Path) -> None:
    data = {
        "virtual_templates": {
            "vt5": {"ip_unnumbered": "lo1", "source": "te0/0/1", "mode": "ipsec ipv6"}
        }
    }
    assert managed(tmp_path, data) == [
        "interface Virtual-Template5 type tunnel",
        " ip unnumbered Loopback1",
        " tunnel source TenGigabitEthernet0/0/1",
        " tunnel mode ipsec ipv6",
    ]


def test_values_equal_to_ios_defaults_are_not_printed(tmp_path: Path) -> None:
    # IOS hides these (flexorch.ios.facts.platform.HIDDEN_DEFAULTS): the IKE SA lifetime 86400, the
    # IPsec SA lifetimes 3600 s / 4608000 KB, tunnel mode gre ip.
    data = {
        "ikev2_profiles": {"P": {"lifetime": 86400, "dpd": {"interval": 10, "retry": 2}}},
        "ipsec_profiles": {
            "I": {"lifetime": {"seconds": 3600, "kilobytes": 4608000}, "transform_sets": ["T"]}
        },
        "tunnels": {"Tunnel0": {"mode": "gre ip", "destination": "192.0.2.1"}},
    }
    assert managed(tmp_path, data) == [
        "crypto ikev2 profile P",
        " dpd 10 2 on-demand",
        "crypto ipsec profile I",
        " set transform-set T",
        "interface Tunnel0",
        " no ip address",
        " tunnel destination 192.0.2.1",
    ]


def test_an_interface_on_dhcp(tmp_path: Path) -> None:
    # ``ip address dhcp`` (IOS XE DHCP Configuration Guide, Configuring the DHCP Client; real:
    # tests/fixtures/real/gh-fabferri-vwan-csr164-svti/csr1.cfg): no ``no ip address`` with it
    data = {"interfaces": {"GigabitEthernet1": {"description": "WAN", "ip_dhcp": True,
                                                "nat": "outside"},
                           "GigabitEthernet2": {"description": "LAN"}}}
    lines = render_day0(fleet_of(tmp_path, data), "r1", reveal=False).splitlines()
    first = lines.index("interface GigabitEthernet1")
    assert lines[first:first + 4] == [
        "interface GigabitEthernet1", " description WAN", " ip address dhcp", " ip nat outside"]
    second = lines.index("interface GigabitEthernet2")
    assert lines[second:second + 3] == [
        "interface GigabitEthernet2", " description LAN", " no ip address"]
    # what the DHCP client sends: ``ip address dhcp client-id GigabitEthernet1`` (a CSR1000v
    # 17.3, tests/fixtures/real/gh-ipspace-netlab-dhcp-vrf-relay-csr173/srv.cfg), ``hostname``
    data["interfaces"]["GigabitEthernet1"].update(dhcp_client_id="g1", dhcp_hostname="br-7")
    lines = render_day0(fleet_of(tmp_path, data), "r1", reveal=False).splitlines()
    assert " ip address dhcp client-id GigabitEthernet1 hostname br-7" in lines


def test_an_interface_learning_ipv6(tmp_path: Path) -> None:
    # ``ipv6 address dhcp`` then ``ipv6 address autoconfig default``, then ``ipv6 enable``, as
    # the IOSv 15.9 DMVPN spoke of tests/fixtures/real/gh-jakubkkk12-cml-troubleshoot-dmvpn04-
    # ipv6-underlay/br4.cfg (lines 100-107) shows them; no IPv4 address there
    data = {"interfaces": {"GigabitEthernet0/0": {
        "ipv6_dhcp": True, "ipv6_autoconfig": True, "ipv6_autoconfig_default": True,
        "ipv6_enable": True}}}
    lines = render_day0(fleet_of(tmp_path, data), "r1", reveal=False).splitlines()
    first = lines.index("interface GigabitEthernet0/0")
    assert lines[first:first + 5] == [
        "interface GigabitEthernet0/0", " no ip address", " ipv6 address dhcp",
        " ipv6 address autoconfig default", " ipv6 enable"]
    # SLAAC alone (IOS 15.4, tests/fixtures/real/gh-sirmysterion-techpatix-zbf-6in4/br-edge.cfg)
    data["interfaces"]["GigabitEthernet0/0"] = {"ipv6_autoconfig": True}
    lines = render_day0(fleet_of(tmp_path, data), "r1", reveal=False).splitlines()
    first = lines.index("interface GigabitEthernet0/0")
    assert lines[first:first + 3] == [
        "interface GigabitEthernet0/0", " no ip address", " ipv6 address autoconfig"]


def test_extended_and_ipv6_access_list_addresses(tmp_path: Path) -> None:
    # IOS words for an address of an ACL entry: any, host A (one address) or A WILDCARD
    # (IPv4), any, host A or A/LEN (IPv6), for the source and the destination alike.
    data = {
        "extended_access_lists": {
            "X": {
                "entries": [
                    {"source": "10.1.0.0/16", "destination": "192.0.2.7/32"},
                    {"seq": 50, "action": "deny", "source": "192.0.2.9/32"},
                    {"source": "0.0.0.0/0", "destination": "10.2.3.0/24"},
                ]
            }
        },
        "ipv6_access_lists": {
            "V6": {
                "entries": [
                    {"source": "2001:db8:a::/48", "destination": "2001:db8::1/128"},
                    {"seq": 20, "action": "deny", "source": "any", "destination": "::/0"},
                ]
            }
        },
    }
    assert managed(tmp_path, data) == [
        "ip access-list extended X",
        " 10 permit ip 10.1.0.0 0.0.255.255 host 192.0.2.7",
        " 50 deny ip host 192.0.2.9 any",
        " 30 permit ip any 10.2.3.0 0.0.0.255",
        "ipv6 access-list V6",
        " permit ipv6 2001:DB8:A::/48 host 2001:DB8::1",
        " sequence 20 deny ipv6 any any",
    ]
