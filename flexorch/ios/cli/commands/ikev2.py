"""IKEv2: proposals, policies, keyrings, profiles, authorization policies, name manglers, the
FlexVPN client, and the global ``crypto ikev2`` settings.

Source: Cisco FlexVPN and Internet Key Exchange Version 2 Configuration Guide (IOS XE 17),
errata in ``flexorch.ios.facts.rules.GUIDE_ERRATA``.
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import (
    DELIM,
    DH,
    DN_PART,
    IDENTITY,
    IKE_ENC,
    IKE_HASH,
    PSK,
    SUBMODE_COMMON,
)
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    # --- objects ---
    C("crypto ikev2 name-mangler <word>", key=4, opens="ikev2-name-mangler"),
    C("crypto ikev2 authorization policy <word>", key=5, opens="ikev2-author-policy"),
    C("crypto ikev2 proposal <word>", key=4, opens="ikev2-proposal"),
    C("crypto ikev2 policy <word>", key=4, opens="ikev2-policy"),
    C("crypto ikev2 keyring <word>", key=4, opens="ikev2-keyring"),
    C("crypto ikev2 profile <word>", key=4, opens="ikev2-profile"),
    C("crypto ikev2 client flexvpn <word>", key=5, opens="ikev2-flexvpn"),
    # --- globals ---
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
)

_PROPOSAL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"encryption {IKE_ENC}", key=1, merge=True),
    C(f"integrity {IKE_HASH}", key=1, merge=True),
    C(f"prf {IKE_HASH}", key=1, merge=True),
    C(f"group {DH}", key=1, merge=True),
    # Post-quantum key exchange (IOS XE 26: RFC 9370 additional key exchanges;
    # tests/fixtures/real/gh-juliogomez-iosxe26-pqc-svti).
    C("pqc {mlkem512|mlkem768|mlkem1024}+ [optional]", key=1),
)

_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("match fvrf {any|<word>}"),
    C("match address local {<ip>|<ipv6>}"),
    C("proposal <word>"),
)

_KEYRING: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("peer <word>", key=2, opens="ikev2-keyring-peer"),
)

_KEYRING_PEER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("address {<ip> [<mask>]|<ipv6pfx>}", key=1),
    C("hostname <word>", key=1),
    C(f"identity {IDENTITY}"),
    C(f"pre-shared-key [{{local|remote}}] {PSK}", key=r"^(pre-shared-key)(?: (local|remote)\b)?"),
    # Postquantum preshared keys (RFC 8784; IOS XE 17.x "ppk" in the keyring peer).
    C(f"ppk {{manual id <word> key {PSK}|dynamic <word>}} [required]", key=1),
)

_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest>", key=1),
    C("match fvrf {any|<word>}", key=2),
    C("match address local {<ip>|<ipv6>|interface <iface>}"),
    C("match identity remote {address {<ip> [<mask>]|<ipv6pfx>}|fqdn [domain] <word>|"
      "email [domain] <word>|key-id <word>|any}"),
    C("match certificate <word>"),
    C("identity local {address {<ip>|<ipv6>}|dn|email <word>|fqdn <word>|key-id <word>}", key=2),
    C(f"authentication local {{pre-share [key {PSK}]|rsa-sig|ecdsa-sig|mldsa-sig|"
      f"eap [{{gtc|md5|mschapv2}}] [username <word> password {PSK}]}}", key=2),
    C(f"authentication remote {{pre-share [key {PSK}]|rsa-sig|ecdsa-sig|mldsa-sig|"
      f"eap [{{query-identity|timeout <int:45-180>}}]}}", key=r"^(authentication remote \S+)"),
    C(f"keyring {{local <word>|aaa <word> [name-mangler <word>] [password {PSK}]}}", key=1),
    C("pki trustpoint <word> [{sign|verify}]", key=r"^(pki trustpoint \S+)"),
    C("dpd <int:10-3600> <int:2-60> {on-demand|periodic}", key=1),
    C("nat keepalive <int:5-3600>", key=2),
    C("nat force-encap"),
    C("ivrf <word>", key=1),
    C("aaa authentication {eap|anyconnect-eap} <word>", key=3),
    C(f"aaa authorization user {{psk|eap|cert}} {{cached|list <word>"
      f" [{{name-mangler <word>|<word>}}] [password {PSK}]}}",
      key=r"^(aaa authorization user \S+ (?:cached|list))"),
    C(f"aaa authorization group [override] {{psk|eap|cert}} list <word>"
      f" [{{name-mangler <word>|<word>}}] [password {PSK}]",
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

_AUTHOR_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
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
    # ``no route accept``: the peer's routes are not installed (IKEv2 Configuration Guide,
    # "route accept"); IOS shows the ``no`` line.
    C("route accept", negation="default-on"),
    C("ipsec flow-limit <int:0-50000>", key=2),
    C("session-lifetime <int:120-25920000>", key=1),
)

_NAME_MANGLER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("fqdn {all|domain|hostname}", key=1),
    C("email {all|domain|username}", key=1),
    C(f"dn {DN_PART}", key=1),
    C(f"eap {{all|prefix delimiter {DELIM}|suffix delimiter {DELIM}|dn {DN_PART}}}", key=1),
)

_FLEXVPN: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("peer <int:1-10> {<ip>|<ipv6>|fqdn <word> [dynamic [ipv6]]} [track <int:1-1000> [{up|down}]]",
      key=2),
    C("peer reactivate"),
    C("client connect <iface>", key=2),
    C("client inside <iface>"),
    C("connect {auto|manual|track <int:1-1000> [{up|down}]}", key=1),
    C("source <int:1-6> <iface> [track <int:1-1000>]", key=2),
    C("backup group <word>", key=2),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("ikev2-proposal", "config-ikev2-proposal", _PROPOSAL),
    Mode("ikev2-policy", "config-ikev2-policy", _POLICY),
    Mode("ikev2-keyring", "config-ikev2-keyring", _KEYRING),
    Mode("ikev2-keyring-peer", "config-ikev2-keyring-peer", _KEYRING_PEER),
    Mode("ikev2-profile", "config-ikev2-profile", _PROFILE),
    Mode("ikev2-author-policy", "config-ikev2-author-policy", _AUTHOR_POLICY),
    Mode("ikev2-name-mangler", "config-ikev2-name-mangler", _NAME_MANGLER),
    Mode("ikev2-flexvpn", "config-ikev2-flexvpn", _FLEXVPN),
)
