"""IKEv1 and crypto maps: ISAKMP policies, keys, profiles and keyrings, crypto maps and dynamic
maps, and the global crypto settings IOS shows next to them.

Sources: Cisco IOS Security Command Reference (crypto isakmp policy, crypto isakmp key,
crypto isakmp profile, crypto keyring, crypto map, crypto dynamic-map, crypto logging,
crypto ipsec nat-transparency, crypto call admission limit); real configs in
``tests/fixtures/real`` (gh-atrubin-otus-ikev2-cryptomap: IKEv2 crypto maps;
gh-jclarkson-ikev2-gre-site2site: IKEv1 profile and keyring).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import PFS, SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

_KEY = "[{0|6|7}] <word>"
_PEER_ADDR = "{address {<ip> [<mask>]|ipv6 <ipv6pfx>}|hostname <word>}"

GLOBAL: Final[tuple[C, ...]] = (
    C("crypto isakmp policy <int:1-10000>", key=4, opens="isakmp-policy"),
    C(f"crypto isakmp key {_KEY} {_PEER_ADDR} [no-xauth]",
      key=r"^crypto isakmp key (?:\d )?\S+ (.*?)(?: no-xauth)?$"),
    C("crypto isakmp profile <word>", key=4, opens="isakmp-profile"),
    C("crypto isakmp keepalive <int:10-3600> [<int:2-60>] [{periodic|on-demand}]", key=3),
    C("crypto isakmp nat keepalive <int:5-3600>", key=4),
    C("crypto isakmp nat-traversal <int:5-3600>", key=3),
    C("crypto isakmp invalid-spi-recovery"),
    C("crypto isakmp aggressive-mode disable"),
    C("crypto isakmp identity {address|hostname|dn}", key=3),
    C("crypto isakmp enable [<word>]", negation="shown"),
    C("crypto isakmp fragmentation"),
    C("crypto isakmp client configuration group <word>", key=6, opens="isakmp-group"),
    C("crypto keyring <word> [vrf <word>]", key=3, opens="crypto-keyring"),
    C("crypto map <word=name> <int:1-65535=sequence> {ipsec-isakmp=kind [{dynamic <word=dynamic>"
      " [discover]|profile <word>|discover}]|ipsec-manual=kind|gdoi=kind}", key=4,
      opens="crypto-map"),
    # An IPv6 crypto map (Cisco IOS Security Command Reference, "crypto map (global IPsec)":
    # the ``ipv6`` keyword; applied with ``ipv6 crypto map``): the same entry mode as IPv4's.
    C("crypto map ipv6 <word=name> <int:1-65535=sequence> {ipsec-isakmp=kind [{dynamic "
      "<word=dynamic> [discover]|profile <word>|discover}]|ipsec-manual=kind|gdoi=kind}", key=5,
      opens="crypto-map"),
    C("crypto map <word=name> local-address <iface=local-address>", key=4),
    C("crypto map <word> {client {authentication|configuration} <rest>|isakmp authorization"
      " list <word>|isakmp-profile <word>|redundancy <rest>}"),
    C("crypto dynamic-map <word=name> <int:1-65535=sequence>", key=4, opens="crypto-map"),
    # --- global crypto settings ---
    C("crypto logging {session|ikev2|ezvpn|isakmp}", negation="shown"),
    C("crypto ipsec nat-transparency {udp-encapsulation|spi-matching}", negation="shown"),
    C("crypto ipsec optional [retry <int:1-10>]"),
    C("crypto ipsec fragmentation {before-encryption|after-encryption}", key=3),
    C("crypto ipsec client ezvpn <word>", key=5, opens="ezvpn-client"),
    C("crypto ipsec ipv4-deny {jump|clear|drop}", key=3),
    C("crypto ipsec security-association {idle-time <int:60-86400>|multi-sn|dummy <rest>|"
      "recovery <rest>|ecn <rest>}", key=r"^(crypto ipsec security-association \S+)"),
    C("crypto call admission limit {ike {in-negotiation-sa|sa} <int:10-99999>|"
      "ikev2 <rest>}", key=r"^(crypto call admission limit \S+(?: \S+)?)"),
    # ``mode vrf``, ``accelerator``, ``onboard``, ``slot``: the VRF-aware crypto engine of
    # VPN SPA routers and the hardware accelerator of ISRs (Security Command Reference, "crypto
    # engine mode vrf", "crypto engine accelerator", "crypto engine onboard", "crypto engine
    # slot").
    C("crypto engine {compliance <rest>|throughput <rest>|em <rest>|mode vrf|"
      "onboard <int:0-65535>|slot <rest>}"),
    C("crypto engine accelerator [<int:0-65535>]", negation="shown"),
    C("crypto key pubkey-chain rsa", key=4, opens="pubkey-chain"),
    # GET VPN (Cisco Group Encrypted Transport VPN Configuration Guide: "crypto gdoi group",
    # a group member's ``identity number`` / ``server address ipv4``, a key server's ``server
    # local`` with its rekey, ``sa ipsec`` and COOP ``redundancy``), and the IKEv1 peer
    # settings and XAUTH timer (Security Command Reference, "crypto isakmp peer", "crypto
    # isakmp xauth timeout").
    C("crypto gdoi group [ipv6] <word>", key=r"^(crypto gdoi group(?: ipv6)? \S+)",
      opens="gdoi-group"),
    C("crypto isakmp peer {address <ip>|hostname <word>} [vrf <word>]", key=5,
      opens="isakmp-peer"),
    C("crypto isakmp xauth timeout <int:5-90>", key=4),
    C("crypto ctcp [port <rest>]"),
)

_ISAKMP_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("encryption {des|3des|aes [{128|192|256}]}", key=1,
      rewrite=(r"^encryption ", "encr ")),
    C("encr {des|3des|aes [{128|192|256}]}", key=1),
    C("hash {sha|md5|sha256|sha384|sha512}", key=1),
    C("authentication {pre-share|rsa-sig|rsa-encr|ecdsa-sig}", key=1),
    C("group {1|2|5|14|15|16|19|20|21|24}", key=1),
    C("lifetime <int:60-86400>", key=1),
)

_ISAKMP_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("vrf <word>", key=1),
    C("keyring <word>"),
    C("ca trust-point <word>"),
    C("match identity {address <ip> [<mask>] [<word>]|host <word>|host domain <word>|"
      "user <word>|group <word>|address ipv6 <ipv6pfx>}"),
    C("match certificate <word>"),
    C("self-identity {address [ipv6]|fqdn|user-fqdn <word>}", key=1),
    C("local-address {<iface>|<ip>}", key=1),
    C("keepalive <int:10-3600> retry <int:2-60>", key=1),
    C("initiate mode aggressive"),
    C("isakmp authorization list <word>", key=3),
    C("client authentication list <word>", key=3),
    C("client configuration address {initiate|respond}"),
    C("client configuration group <word>", key=3),
    C("virtual-template <int:1-4095>", key=1),
    C("qos-group <int:1-1023>", key=1),
    C("accounting <word>", key=1),
)

_KEYRING: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("local-address {<iface>|<ip>}", key=1),
    C(f"pre-shared-key {{address {{<ip> [<mask>]|ipv6 <ipv6pfx>}}|hostname <word>}} key {_KEY}",
      key=r"^(pre-shared-key (?:address (?:ipv6 )?\S+(?: \d+\.\d+\.\d+\.\d+)?|hostname \S+))"),
    C("rsa-pubkey {address <ip>|name <word>} [<rest>]"),
)

_CRYPTO_MAP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest=text>", key=1),
    # ``dynamic``: resolve the peer's name at negotiation time (Cisco's native data model of
    # IOS XE 17.12.1, Cisco-IOS-XE-crypto.yang, crypto-map-common-set-grouping ``peer``).
    C("set peer {<ip=peer>|<ipv6=peer>|<word=peer>} [dynamic] [default]"),
    C("set transform-set {<word=name>}+", key=2),
    C(f"set pfs {PFS}", key=2),
    C("set ikev2-profile <word=name>", key=2),
    C("set isakmp-profile <word=name>", key=2),
    C("set security-association lifetime {seconds <int:120-2592000=seconds>|"
      "kilobytes {<int:2560-4294967295=kilobytes>|disable}|days <int:1-30>}",
      key=r"^(set security-association lifetime \S+)"),
    C("set security-association idle-time <int:60-86400> [default]", key=3),
    C("set security-association level per-host"),
    C("set security-association replay {window-size <int:64-1024>|disable}", key=3),
    C("set reverse-route {distance <int:1-255>|tag <int:1-4294967295>|gateway <ip>}",
      key=r"^(set reverse-route \S+)"),
    C("set nat demux"),
    # Cisco-IOS-XE-crypto.yang (IOS XE 17.12.1): crypto-map-common-set-grouping ``identity``,
    # crypto-map-common-set-security-association-grouping (dfbit, dummy, ecn) and
    # crypto-map-common-grouping ``dialer pre-classify``.
    C("set identity <word>", key=2),
    C("set security-association dfbit {clear|copy|set}", key=3),
    C("set security-association dummy [{pps <int:0-25>|seconds <int:1-3600>}]", key=3),
    C("set security-association ecn {discard|propagate}", key=3),
    C("dialer pre-classify"),
    C("set ip access-group <word> {in|out}"),
    C("match address {<int:100-2699=acl>|<word=acl>}", key=2),
    C("reverse-route [{static|remote-peer [<ip>] [{gateway|static}]|tag <int:1-4294967295>}]+",
      key=1),
    C("qos pre-classify"),
    C("dialer-group <int:1-10>", key=1),
    # A GET VPN crypto map entry names its group (``crypto map M 10 gdoi`` / ``set group G``).
    C("set group <word>", key=2),
)

_GDOI_GROUP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("identity {number <int:0-4294967295>|address ipv4 <ip>}", key=1),
    C("server address ipv4 {<ip>|<word>}"),
    C("server local", key=2, opens="gdoi-server"),
    C("client {registration interface <iface>|rekey <rest>|transform-sets <rest>|"
      "recovery-check <rest>|protocol <rest>}", key=r"^(client \S+(?: \S+)?)"),
    C("passive"),
)

_GDOI_SERVER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("rekey {algorithm <word> [{128|192|256}]|lifetime seconds <int:300-86400>|"
      "retransmit <int:10-60> number <int:1-10>|authentication {mypubkey|pubkey} rsa <word>|"
      "address ipv4 <word>|transport unicast|sig-hash algorithm <word>}",
      key=r"^(rekey (?:authentication|lifetime|transport|sig-hash|\S+))"),
    C("sa ipsec <int:1-65535>", key=3, opens="gdoi-sa"),
    C("address ipv4 <ip>", key=2),
    C("redundancy", key=1, opens="gdoi-coop"),
    C("authorization address ipv4 <word>", key=2),
)

_GDOI_SA: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("profile <word>", key=1),
    C("match address ipv4 <word>", key=2),
    C("replay {time window-size <int:1-100>|counter window-size <int:64-1024>}", key=1),
    C("no-tag"),
    C("tag"),
)

_GDOI_COOP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("local priority <int:1-255>", key=2),
    C("peer address ipv4 <ip>"),
    C("timers <rest>"),
)

_ISAKMP_PEER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"set aggressive-mode password {_KEY}", key=3),
    C("set aggressive-mode client-endpoint <rest>", key=3),
    C("description <rest>", key=1),
)

_ISAKMP_GROUP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"key {_KEY}", key=1),
    C("pool <word>", key=1),
    C("dns <ip> [<ip>]", key=1),
    C("domain <word>", key=1),
    C("acl {<int:100-2699>|<word>}", key=1),
    C("save-password"),
    C("netmask <mask>", key=1),
    C("max-users <int:1-5000>", key=1),
    C("include-local-lan"),
    C("split-dns <word>"),
    C("firewall are-u-there"),
    C("backup-gateway <word>"),
    # Cisco IOS Security Command Reference, banner (ISAKMP group): "banner c banner-text c". The
    # running-config shows it on one line between ^C bytes (gh-jclarkson-ipv6-ipsec-ezvpn-dmvpn
    # site-a.cfg: "banner ^CHIS IS EZVPN_SERVER_SI^C"), read whole like the IKEv2 one.
    C("banner <rest=text>", key=1),
)

_EZVPN: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("connect {auto|manual|acl <word>}", key=1),
    C(f"group <word> key {_KEY}", key=1),
    C("mode {client|network-extension|network-plus}", key=1),
    C("peer {<ip>|<word>} [default]"),
    C("username <word> password <word>", key=1),
    C("xauth userid mode {http-intercept|interactive|local}", key=3),
    C("virtual-interface [<int:1-4095>]", key=1),
)

_PUBKEY_CHAIN: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("addressed-key <ip> [{encryption|signature}]", key=2, opens="pubkey-key"),
    C("named-key <word> [{encryption|signature}]", key=2, opens="pubkey-key"),
)

_PUBKEY_KEY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("address <ip>", key=1),
    C("key-string", key=1, opens="cert-data"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("isakmp-policy", "config-isakmp", _ISAKMP_POLICY),
    Mode("isakmp-profile", "conf-isa-prof", _ISAKMP_PROFILE),
    Mode("crypto-keyring", "conf-keyring", _KEYRING),
    Mode("crypto-map", "config-crypto-map", _CRYPTO_MAP),
    Mode("isakmp-group", "config-isakmp-group", _ISAKMP_GROUP),
    Mode("gdoi-group", "config-gkm-group", _GDOI_GROUP),
    Mode("gdoi-server", "gkm-local-server", _GDOI_SERVER),
    Mode("gdoi-sa", "gkm-sa-ipsec", _GDOI_SA),
    Mode("gdoi-coop", "gdoi-coop-ks-config", _GDOI_COOP),
    Mode("isakmp-peer", "config-isakmp-peer", _ISAKMP_PEER),
    Mode("ezvpn-client", "config-crypto-ezvpn", _EZVPN),
    Mode("pubkey-chain", "config-pubkey-chain", _PUBKEY_CHAIN),
    Mode("pubkey-key", "config-pubkey-key", _PUBKEY_KEY),
)
