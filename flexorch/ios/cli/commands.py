"""The IOS-XE config-mode grammar as data: every mode flexorch and the lab know, its prompt,
and its commands (syntax in the notation of ``flexorch.ios.cli.grammar``).

Coverage: every configuration command of the FlexVPN guide (errata listed in
``flexorch.ios.facts.rules.GUIDE_ERRATA``), the FlexVPN client block, SGT, and the day-0 /
housekeeping commands a router and flexorch need (hostname, interfaces, routes, users, archive,
lines, SSH). A line outside this grammar answers ``% Invalid input`` in the lab, as a real router
answers for a command it does not know; add rows here, never ``if`` chains elsewhere.

Ranges are IOS's where known (command references), otherwise the guide's.
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

# Shared pieces of syntax.
_PSK = "[{0|6}] <word>"
_IKE_ENC = ("{3des|aes-cbc-128|aes-cbc-192|aes-cbc-256|aes-gcm-128|aes-gcm-256|aes-ctr-128|"
            "aes-ctr-192|aes-ctr-256|des}+")
_IKE_HASH = "{md5|sha1|sha256|sha384|sha512}+"
_DH = "{1|2|5|14|15|16|19|20|21|24|31}+"
_ESP = ("{esp-aes [{128|192|256}]|esp-gcm [{128|192|256}]|esp-gmac [{128|192|256}]|esp-3des|"
        "esp-des|esp-null|esp-seal|esp-md5-hmac|esp-sha-hmac|esp-sha256-hmac|esp-sha384-hmac|"
        "esp-sha512-hmac|ah-md5-hmac|ah-sha-hmac|ah-sha256-hmac|ah-sha384-hmac|ah-sha512-hmac|"
        "comp-lzs}+")
_IDENTITY = ("{address {<ip>|<ipv6>}|fqdn [domain] <word>|email [domain] <word>|key-id <word>}")
_DN_PART = "{all|common-name|country|domain|locality|organization|organization-unit|state}"
_DELIM = "{.|@|\\}"
_METHODS = "{local|none|enable|line|if-authenticated|local-case|group <word>}+"
_PFS = "[{group1|group2|group5|group14|group15|group16|group19|group20|group21|group24}]"

# Words valid in every sub-mode.
_SUBMODE_COMMON: Final[tuple[C, ...]] = (
    C("exit", action="exit"),
    C("end", action="end"),
    C("do <rest>", action="do"),
)

_GLOBAL: Final[tuple[C, ...]] = (
    C("end", action="end"),
    C("exit", action="end"),
    C("do <rest>", action="do"),
    # --- day-0 / housekeeping ---
    C("hostname <word>", key=1),
    C("version <word>", key=1),
    C("boot-start-marker"),
    C("boot-end-marker"),
    C("service password-encryption"),
    C("service timestamps {debug|log} [{datetime|uptime} <rest>]", key=3),
    C("password encryption aes"),
    C("key config-key password-encrypt <word>", key=3),
    C("enable secret [{0|5|8|9}] <word>", key=2),
    C("enable password [{0|7}] <word>", key=2),
    C("username <word> [privilege <int:0-15>] {secret [{0|5|8|9}] <word>|"
      "password [{0|7}] <word>}", key=2),
    C("ip domain name <word>", key=3),
    C("ip domain-name <word>", key=3, rewrite=(r"^ip domain-name ", "ip domain name ")),
    C("ip domain lookup"),
    C("ip ssh version {1|2}", key=3),
    C("ip ssh time-out <int:1-120>", key=3),
    C("ip ssh authentication-retries <int:0-5>", key=3),
    C("ip forward-protocol nd"),
    C("ip http server"),
    C("ip http secure-server"),
    C("ipv6 unicast-routing"),
    C("ntp server [vrf <word>] {<ip>|<ipv6>|<word>}"),
    C("ip route [vrf <word>] <ip> <mask> {<ip>|<iface> [<ip>]} [<int:1-255>]"
      " [tag <int:1-4294967295>] [name <word>] [permanent]"),
    C("ipv6 route [vrf <word>] <ipv6pfx> {<ipv6>|<iface> [<ipv6>]} [<int:1-254>]"
      " [tag <int:1-4294967295>] [name <word>]"),
    C("ip local pool <word> <ip> [<ip>]"),
    C("ipv6 local pool <word> <ipv6pfx> <int:1-128>"),
    C("interface <iface> [type tunnel]", key=2, opens="interface"),
    C("vrf definition <word>", key=3, opens="vrf"),
    C("ip vrf <word>", key=3, opens="ip-vrf"),
    C("archive", key=1, opens="archive"),
    C("line {con|aux} 0", key=3, opens="line"),
    C("line console 0", key=3, opens="line", rewrite=(r"^line console ", "line con ")),
    C("line vty <int:0-1869> [<int:0-1869>]", key=4, opens="line"),
    # --- AAA / RADIUS ---
    C("aaa new-model"),
    C("aaa session-id {common|unique}", key=2),
    C(f"aaa authentication login <word> {_METHODS}", key=4),
    C(f"aaa authorization {{network|exec|console|credential-download}} <word> {_METHODS}", key=4),
    C("aaa accounting {network|exec|connection|system} <word> {start-stop|stop-only|none}"
      " [broadcast] group <word>", key=4),
    C("aaa group server radius <word>", key=5, opens="sg-radius"),
    C("aaa attribute list <word>", key=4, opens="attr-list"),
    C("radius server <word>", key=3, opens="radius-server"),
    # --- PKI ---
    C("crypto pki trustpoint <word>", key=4, opens="ca-trustpoint"),
    C("crypto pki certificate map <word> <int:1-65535>", key=6, opens="ca-certificate-map"),
    C("crypto pki crl download schedule time <rest>", key=6),
    C("crypto pki crl download schedule prepublish <int:0-4294967295>", key=6),
    C("crypto pki crl download trustpoint <word>", key=5),
    # --- IKEv2 objects ---
    C("crypto ikev2 name-mangler <word>", key=4, opens="ikev2-name-mangler"),
    C("crypto ikev2 authorization policy <word>", key=5, opens="ikev2-author-policy"),
    C("crypto ikev2 proposal <word>", key=4, opens="ikev2-proposal"),
    C("crypto ikev2 policy <word>", key=4, opens="ikev2-policy"),
    C("crypto ikev2 keyring <word>", key=4, opens="ikev2-keyring"),
    C("crypto ikev2 profile <word>", key=4, opens="ikev2-profile"),
    C("crypto ikev2 client flexvpn <word>", key=5, opens="ikev2-flexvpn"),
    # --- IKEv2 globals ---
    C("crypto ikev2 fragmentation [mtu <int:68-1500>]", key=3),
    C("crypto ikev2 cts sgt"),
    C("crypto ikev2 nat keepalive <int:5-3600>", key=4),
    C("crypto ikev2 dpd <int:10-3600> <int:2-60> {on-demand|periodic}", key=3),
    C("crypto ikev2 window <int:1-200>", key=3),
    C("crypto ikev2 limit max-sa <int:1-99999>", key=4),
    C("crypto ikev2 limit max-in-negotiation-sa <int:1-99999> [{incoming|outgoing}]",
      key=r"^(crypto ikev2 limit max-in-negotiation-sa) \d+(?: (\S+))?"),
    C("crypto ikev2 cookie-challenge <int:0-1000>", key=3),
    C("crypto ikev2 http-url cert"),
    C("crypto ikev2 certificate-cache <int:1-2000>", key=3),
    C("crypto ikev2 diagnose error <int:1-1000>", key=4),
    C("crypto ikev2 disconnect-revoked-peers"),
    C("crypto ikev2 redirect {client [max-redirects <int:1-255>]|gateway {init|auth}}",
      key=r"^(crypto ikev2 redirect \S+)"),
    # --- IPsec ---
    C(f"crypto ipsec transform-set <word> {_ESP} [mode {{tunnel|transport}}]", key=4,
      opens="crypto-trans", split="mode"),
    C("crypto ipsec profile <word>", key=4, opens="ipsec-profile"),
    C("crypto ipsec security-association replay {window-size <int:64-1024>|disable}", key=5),
    C("crypto ipsec security-association lifetime {seconds <int:120-2592000>|"
      "kilobytes <int:2560-4294967295>}", key=r"^(crypto ipsec security-association lifetime \S+)"),
    C("crypto ipsec df-bit {clear|set|copy}", key=3),
    # --- access lists (route set access-list, subnet-acl) ---
    C("ip access-list standard <word>", key=4, opens="acl-std"),
    C("ip access-list extended <word>", key=4, opens="acl-ext"),
)

_INTERFACE_BASE: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("shutdown"),
    C("vrf forwarding <word>", key=2),
    C("ip vrf forwarding <word>", key=3),
    C("ip address <ip> <mask>", key="slot:ipv4-address"),
    C("ip address <ip> <mask> secondary"),
    C("ip address {negotiated|dhcp}", key="slot:ipv4-address"),
    C("ip unnumbered <iface>", key="slot:ipv4-address"),
    C("ip mtu <int:68-9976>", key=2),
    C("ip tcp adjust-mss <int:500-1460>", key=3),
    C("ip nat {inside|outside}", key=2),
    C("ip redirects"),
    C("ip unreachables"),
    C("ip proxy-arp"),
    C("ipv6 address {<ipv6pfx> [{eui-64|anycast}]|<ipv6> link-local|autoconfig|dhcp}"),
    C("ipv6 unnumbered <iface>", key=2),
    C("ipv6 enable"),
    C("ipv6 mtu <int:1280-9976>", key=2),
    C("ipv6 tcp adjust-mss <int:500-1440>", key=3),
    C("bandwidth <int:1-100000000>", key=1),
    C("mtu <int:64-9216>", key=1),
    C("load-interval <int:30-600>", key=1),
    C("negotiation auto"),
    C("cts sgt inline"),
)

_INTERFACE_TUNNEL: Final[tuple[C, ...]] = (
    *_INTERFACE_BASE,
    C("tunnel source {<iface>|<ip>|<ipv6>|dynamic}", key=2),
    C("tunnel destination {<ip>|<ipv6>|dynamic|<word>}", key=2),
    C("tunnel mode {gre {ip|ipv6|multipoint [ipv6]}|ipsec {ipv4 [v6-overlay]|ipv6 [v4-overlay]|"
      "dual-overlay}}", key=2),
    C("tunnel vrf <word>", key=2),
    C("tunnel protection ipsec profile <word> [shared]", key=2),
    C("tunnel key <int:0-4294967295>", key=2),
    C("tunnel path-mtu-discovery"),
    C("keepalive [<int:0-32767> [<int:1-255>]]", key=1),
)

_VRF: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("rd <word>", key=1),
    C("route-target {export|import|both} <word>"),
    C("address-family {ipv4|ipv6} [unicast]", key=2, opens="vrf-af"),
)

_VRF_AF: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("exit-address-family", action="exit"),
    C("route-target {export|import|both} <word>"),
    C("import map <word>", key=2),
    C("export map <word>", key=2),
)

_IP_VRF: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("rd <word>", key=1),
    C("route-target {export|import|both} <word>"),
)

_IKEV2_PROPOSAL: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C(f"encryption {_IKE_ENC}", key=1, merge=True),
    C(f"integrity {_IKE_HASH}", key=1, merge=True),
    C(f"prf {_IKE_HASH}", key=1, merge=True),
    C(f"group {_DH}", key=1, merge=True),
)

_IKEV2_POLICY: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("match fvrf {any|<word>}"),
    C("match address local {<ip>|<ipv6>}"),
    C("proposal <word>"),
)

_IKEV2_KEYRING: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("peer <word>", key=2, opens="ikev2-keyring-peer"),
)

_IKEV2_KEYRING_PEER: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("address {<ip> [<mask>]|<ipv6pfx>}", key=1),
    C("hostname <word>", key=1),
    C(f"identity {_IDENTITY}"),
    C(f"pre-shared-key [{{local|remote}}] {_PSK}", key=r"^(pre-shared-key)(?: (local|remote)\b)?"),
)

_IKEV2_PROFILE: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("match fvrf {any|<word>}", key=2),
    C("match address local {<ip>|<ipv6>|interface <iface>}"),
    C("match identity remote {address {<ip> [<mask>]|<ipv6pfx>}|fqdn [domain] <word>|"
      "email [domain] <word>|key-id <word>|any}"),
    C("match certificate <word>"),
    C("identity local {address {<ip>|<ipv6>}|dn|email <word>|fqdn <word>|key-id <word>}", key=2),
    C(f"authentication local {{pre-share [key {_PSK}]|rsa-sig|ecdsa-sig|"
      f"eap [{{gtc|md5|mschapv2}}] [username <word> password {_PSK}]}}", key=2),
    C(f"authentication remote {{pre-share [key {_PSK}]|rsa-sig|ecdsa-sig|"
      f"eap [{{query-identity|timeout <int:45-180>}}]}}", key=r"^(authentication remote \S+)"),
    C(f"keyring {{local <word>|aaa <word> [name-mangler <word>] [password {_PSK}]}}", key=1),
    C("pki trustpoint <word> [{sign|verify}]", key=r"^(pki trustpoint \S+)"),
    C("dpd <int:10-3600> <int:2-60> {on-demand|periodic}", key=1),
    C("nat keepalive <int:5-3600>", key=2),
    C("nat force-encap"),
    C("ivrf <word>", key=1),
    C("aaa authentication {eap|anyconnect-eap} <word>", key=3),
    C(f"aaa authorization user {{psk|eap|cert}} {{cached|list <word>"
      f" [{{name-mangler <word>|<word>}}] [password {_PSK}]}}",
      key=r"^(aaa authorization user \S+ (?:cached|list))"),
    C(f"aaa authorization group [override] {{psk|eap|cert}} list <word>"
      f" [{{name-mangler <word>|<word>}}] [password {_PSK}]",
      key=r"^(aaa authorization group) (?:override )?(\S+)"),
    C("aaa accounting {psk|eap|cert|anyconnect-eap} <word>", key=3),
    C("virtual-template <int:1-4095> [mode auto]", key=1),
    C("config-exchange {request|set {send|accept}}"),
    C("session-lifetime <int:120-25920000>", key=1),
    C("lifetime <int:120-86400>", key=r"^(lifetime) \d+$"),
    C("lifetime certificate"),
    C("redirect gateway auth"),
    C("reconnect [timeout <int:10-600>]", key=1),
    C("shutdown"),
)

_IKEV2_AUTHOR_POLICY: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("pool <word>", key=1),
    C("ipv6 pool <word>", key=2),
    C("dns <ip> [<ip>]", key=1),
    C("wins <ip> [<ip>]", key=1),
    C("netmask <mask>", key=1),
    C("def-domain <word>", key=1),
    C("split-dns <word>"),
    C("backup-gateway <word>"),
    C("subnet-acl <word>", key=1),
    C("banner <rest>", key=1),
    C("aaa attribute list <word>", key=3),
    C("route set interface [<iface>]", key=3),
    C("route set access-list [ipv6] <word>", key=r"^(route set access-list(?: ipv6)?) "),
    C("route set {local|remote} {ipv4 <ip> <mask>|ipv6 <ipv6pfx>} [tag <int:1-4294967295>]"
      " [distance <int:1-255>]"),
    C("route accept any [tag <int:1-4294967295>] [distance <int:1-255>]", key=3),
    C("session-lifetime <int:120-25920000>", key=1),
)

_IKEV2_NAME_MANGLER: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("fqdn {all|domain|hostname}", key=1),
    C("email {all|domain|username}", key=1),
    C(f"dn {_DN_PART}", key=1),
    C(f"eap {{all|prefix delimiter {_DELIM}|suffix delimiter {_DELIM}|dn {_DN_PART}}}", key=1),
)

_IKEV2_FLEXVPN: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("peer <int:1-10> {<ip>|<ipv6>|fqdn <word> [dynamic [ipv6]]} [track <int:1-1000> [{up|down}]]",
      key=2),
    C("peer reactivate"),
    C("client connect <iface>", key=2),
    C("client inside <iface>"),
    C("connect {auto|manual|track <int:1-1000> [{up|down}]}", key=1),
    C("source <int:1-6> <iface> [track <int:1-1000>]", key=2),
    C("backup group <word>", key=2),
)

_CRYPTO_TRANS: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("mode {tunnel|transport}", key=1),
)

_IPSEC_PROFILE: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("set transform-set {<word>}+", key=2),
    C("set ikev2-profile <word>", key=2),
    C("set isakmp-profile <word>", key=2),
    C(f"set pfs {_PFS}", key=2),
    C("set security-association lifetime {seconds <int:120-2592000>|"
      "kilobytes {<int:2560-4294967295>|disable}|days <int:1-30>}",
      key=r"^(set security-association lifetime \S+)"),
    C("set security-association replay {window-size <int:64-1024>|disable}", key=3),
    C("set security-association idle-time <int:60-86400> [default]", key=3),
    C("set mixed-mode"),
    C("set reverse-route [{distance <int:1-255>|tag <int:1-4294967295>}]",
      key=r"^(set reverse-route)(?: (\S+))?"),
    C("set security-policy limit <int:1-50000>", key=3),
    C("responder-only"),
)

_SG_RADIUS: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("server name <word>"),
    C("server <ip> [auth-port <int:0-65535>] [acct-port <int:0-65535>]"),
    C("ip radius source-interface <iface>", key=3),
    C("ip vrf forwarding <word>", key=3),
    C("deadtime <int:1-1440>", key=1),
)

_RADIUS_SERVER: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("address {ipv4 <ip>|ipv6 <ipv6>} [auth-port <int:0-65535>] [acct-port <int:0-65535>]", key=1),
    C("key [{0|6|7}] <word>", key=1),
    C("timeout <int:1-1000>", key=1),
    C("retransmit <int:0-100>", key=1),
)

_CA_TRUSTPOINT: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("enrollment {url <url>|terminal [pem]|selfsigned}", key=1),
    C("subject-name <rest>", key=1),
    C("subject-alt-name <word>", key=1),
    C("serial-number [none]", key=1),
    C("ip-address {<ip>|none|<iface>}", key=1),
    C("fqdn <word>", key=1),
    C("revocation-check {crl|none|ocsp}+", key=1),
    C("rsakeypair <word> [<int:512-4096>] [<int:512-4096>]", key=1),
    C("eckeypair <word>", key=1),
    C("hash {sha1|sha256|sha384|sha512}", key=1),
    C("auto-enroll [<int:1-100>] [regenerate]", key=1),
    C("vrf <word>", key=1),
    C("match certificate <word> [override sia <int:1-20> <url>]",
      key=r"^(match certificate \S+(?: override sia \d+)?)"),
)

_CA_CERTIFICATE_MAP: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("subject-name {eq|ne|co|nc} <rest>"),
    C("issuer-name {eq|ne|co|nc} <rest>"),
    C("alt-subject-name {eq|ne|co|nc} <rest>"),
    C("unstructured-subject-name {eq|ne|co|nc} <rest>"),
    C("serial-number {eq|ne|co|nc} <rest>"),
)

_ATTR_LIST: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("attribute type <word> {<quoted>|<word>} [protocol <word>]"),
)

_ARCHIVE: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("path <url>", key=1),
    C("maximum <int:1-14>", key=1),
    C("write-memory"),
    C("time-period <int:1-525600>", key=1),
)

_LINE: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("login [{local|authentication <word>}]", key=1),
    C("transport input {ssh|telnet|all|none}+", key=2),
    C("transport output {ssh|telnet|all|none}+", key=2),
    C("exec-timeout <int:0-35791> [<int:0-2147483>]", key=1),
    C("password [{0|7}] <word>", key=1),
    C("privilege level <int:0-15>", key=2),
    C("logging synchronous"),
    C("length <int:0-512>", key=1),
    C("width <int:0-512>", key=1),
    C("access-class <word> in [vrf-also]", key=r"^(access-class) \S+ (in)"),
    C("session-timeout <int:0-35791>", key=1),
)


# Entries are numbered: IOS assigns sequence numbers 10, 20, ... to entries typed without one
# (``rules.SEQUENCED_MODES``) and shows them.
_ACL_STD: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("[<int:1-2147483647>] {permit|deny} {any|host <ip>|<ip> [<mask>]} [log]",
      key=r"^(\d+) ", rewrite=(r" host (\S+)", r" \1")),
    C("remark <rest>"),
)

_ACL_EXT: Final[tuple[C, ...]] = (
    *_SUBMODE_COMMON,
    C("[<int:1-2147483647>] {permit|deny} <word> <rest>", key=r"^(\d+) "),
    C("remark <rest>"),
)


def _mode(mode_id: str, prompt: str, commands: tuple[C, ...]) -> Mode:
    return Mode(mode_id, prompt, commands)


MODES: Final[dict[str, Mode]] = {
    m.id: m
    for m in (
        _mode("config", "config", _GLOBAL),
        # Physical, loopback and non-tunnel virtual-template interfaces have no tunnel commands.
        _mode("interface", "config-if", _INTERFACE_BASE),
        _mode("interface-tunnel", "config-if", _INTERFACE_TUNNEL),
        _mode("vrf", "config-vrf", _VRF),
        _mode("vrf-af", "config-vrf-af", _VRF_AF),
        _mode("ip-vrf", "config-vrf", _IP_VRF),
        _mode("ikev2-proposal", "config-ikev2-proposal", _IKEV2_PROPOSAL),
        _mode("ikev2-policy", "config-ikev2-policy", _IKEV2_POLICY),
        _mode("ikev2-keyring", "config-ikev2-keyring", _IKEV2_KEYRING),
        _mode("ikev2-keyring-peer", "config-ikev2-keyring-peer", _IKEV2_KEYRING_PEER),
        _mode("ikev2-profile", "config-ikev2-profile", _IKEV2_PROFILE),
        _mode("ikev2-author-policy", "config-ikev2-author-policy", _IKEV2_AUTHOR_POLICY),
        _mode("ikev2-name-mangler", "config-ikev2-name-mangler", _IKEV2_NAME_MANGLER),
        _mode("ikev2-flexvpn", "config-ikev2-flexvpn", _IKEV2_FLEXVPN),
        _mode("crypto-trans", "cfg-crypto-trans", _CRYPTO_TRANS),
        _mode("ipsec-profile", "ipsec-profile", _IPSEC_PROFILE),
        _mode("sg-radius", "config-sg-radius", _SG_RADIUS),
        _mode("radius-server", "config-radius-server", _RADIUS_SERVER),
        _mode("ca-trustpoint", "ca-trustpoint", _CA_TRUSTPOINT),
        _mode("ca-certificate-map", "ca-certificate-map", _CA_CERTIFICATE_MAP),
        _mode("attr-list", "config-attr-list", _ATTR_LIST),
        _mode("archive", "config-archive", _ARCHIVE),
        _mode("line", "config-line", _LINE),
        _mode("acl-std", "config-std-nacl", _ACL_STD),
        _mode("acl-ext", "config-ext-nacl", _ACL_EXT),
    )
}
"""Every config mode by id. ``prompt`` is what IOS prints between the parentheses."""


def interface_mode(header: str) -> str:
    """The mode id an interface header opens: tunnel commands exist only on Tunnel interfaces
    and on virtual templates created ``type tunnel`` (IOS's default virtual-template type is
    serial, which has no ``tunnel`` commands)."""
    name = header.split()[1]
    if name.startswith("Tunnel") or header.endswith(" type tunnel"):
        return "interface-tunnel"
    return "interface"
