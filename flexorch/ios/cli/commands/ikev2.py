"""IKEv2: proposals, policies, keyrings, profiles, authorization policies, name manglers, the
FlexVPN client, and the global ``crypto ikev2`` settings.

Source: Cisco FlexVPN and Internet Key Exchange Version 2 Configuration Guide (IOS XE 17),
errata in ``flexorch.ios.facts.rules.GUIDE_ERRATA``; Cisco's native data model of IOS XE 17.12.1,
``Cisco-IOS-XE-crypto.yang`` (YangModels/yang, vendor/cisco/xe/17121; cited below as "XE 17.12
crypto YANG" with the grouping or container of the row).
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
    C("crypto ikev2 name-mangler <word=name>", key=4, opens="ikev2-name-mangler"),
    C("crypto ikev2 authorization policy <word=name>", key=5, opens="ikev2-author-policy"),
    C("crypto ikev2 proposal <word=name>", key=4, opens="ikev2-proposal"),
    C("crypto ikev2 policy <word=name>", key=4, opens="ikev2-policy"),
    C("crypto ikev2 keyring <word=name>", key=4, opens="ikev2-keyring"),
    C("crypto ikev2 profile <word=name>", key=4, opens="ikev2-profile"),
    C("crypto ikev2 client flexvpn <word=name>", key=5, opens="ikev2-flexvpn"),
    # The AnyConnect client package and profile a FlexVPN server hands out (Cisco configuration
    # example "FlexVPN: AnyConnect IKEv2 Remote Access" for IOS XE: ``crypto vpn anyconnect
    # profile NAME URL`` next to the IKEv2 profile's ``anyconnect profile NAME``).
    C("crypto vpn anyconnect profile <word=name> <url>", key=5),
    C("crypto vpn anyconnect <url> sequence <int:1-65535>",
      key=r"^(crypto vpn anyconnect \S+)"),
    # --- globals ---
    C("crypto ikev2 fragmentation [mtu <int:68-1500=mtu>]", key=3),
    C("crypto ikev2 cts sgt"),
    C("crypto ikev2 nat keepalive <int:5-3600=seconds>", key=4),
    C("crypto ikev2 dpd <int:10-3600=interval> <int:2-60=retry> {on-demand|periodic}=mode", key=3),
    C("crypto ikev2 window <int:1-200=size>", key=3),
    C("crypto ikev2 limit max-sa <int:1-99999=count>", key=4),
    C("crypto ikev2 limit max-in-negotiation-sa <int:1-99999=count>"
      " [{incoming|outgoing}=direction]",
      key=r"^(crypto ikev2 limit max-in-negotiation-sa) \d+(?: (\S+))?"),
    # IOS 15.x spells the keyword ``max-in-negotation-sa`` (sic) and shows it so: an IOSv 15.9
    # DMVPN spoke prints ``crypto ikev2 limit max-in-negotation-sa 3 outgoing`` and the same
    # without a direction (tests/fixtures/real/gh-jakubkkk12-cml-dmvpn04-ikev2-nat br3); the
    # command references and the IOS-XE 17 data model spell it ``negotiation``.
    C("crypto ikev2 limit max-in-negotation-sa <int:1-99999=count>"
      " [{incoming|outgoing}=direction]",
      key=r"^(crypto ikev2 limit max-in-negotation-sa) \d+(?: (\S+))?"),
    C("crypto ikev2 cookie-challenge <int:0-1000=count>", key=3),
    # XE 17.12 crypto YANG, crypto-ikev2-grouping ``limit queue sa-init``.
    C("crypto ikev2 limit queue sa-init <int:100-100000=count>", key=5),
    # IKEv2 load balancer (XE 17.12 crypto YANG, crypto-ikev2-grouping ``cluster-options``;
    # FlexVPN configuration guide, "IKEv2 Load Balancer Support").
    C("crypto ikev2 cluster", key=3, opens="ikev2-cluster"),
    # Certificate lookup by HTTP URL is on by default (Cisco document 117337, "Configure an
    # IKEv2 site-to-site tunnel between an ASA and a router": "enabled on Cisco IOS software
    # devices by default ... use the no crypto ikev2 http-url cert command"): IOS shows the
    # ``no`` form only.
    C("crypto ikev2 http-url cert", negation="default-on"),
    C("crypto ikev2 certificate-cache <int:1-2000=count>", key=3),
    C("crypto ikev2 diagnose error <int:1-1000=count>", key=4),
    C("crypto ikev2 disconnect-revoked-peers"),
    C("crypto ikev2 redirect {client [max-redirects <int:1-255>]|gateway {init|auth}}=redirect",
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
    C("pqc {mlkem512|mlkem768|mlkem1024}+=value [optional=optional]", key=1),
)

_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest=text>", key=1),
    # XE 17.12 crypto YANG, ikev2 ``policy/match/inbound-only``.
    C("match inbound-only"),
    C("match fvrf {any|<word>}=vrf"),
    C("match address local {<ip=address>|<ipv6=address>}"),
    C("proposal <word=name>"),
)

_KEYRING: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest=text>", key=1),
    C("peer <word=name>", key=2, opens="ikev2-keyring-peer"),
)

_KEYRING_PEER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest=text>", key=1),
    C("address {<ip=address> [<mask=mask>]|<ipv6pfx=address>}", key=1),
    C("hostname <word=name>", key=1),
    C(f"identity {IDENTITY}"),
    C(f"pre-shared-key [{{local|remote}}=side] {PSK}",
      key=r"^(pre-shared-key)(?: (local|remote)\b)?"),
    # Postquantum preshared keys (RFC 8784; IOS XE 17.x "ppk" in the keyring peer).
    # A key typed in hex (XE 17.12 crypto YANG,
    # crypto-ikev2-keyring-peer-pre-shared-key-grouping ``hex``).
    C("pre-shared-key [{local|remote}=side] hex <word=hex>",
      key=r"^(pre-shared-key)(?: (local|remote)\b)?"),
    C(f"ppk {{manual id <word=id> key {PSK}|dynamic <word=dynamic>}} [required=required]", key=1),
)

_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest=text>", key=1),
    C("match fvrf {any|<word>}=vrf", key=2),
    C("match address local {<ip=address>|<ipv6=address>|interface <iface=address>}"),
    C("match identity remote {address {<ip=address> [<mask=mask>]|<ipv6pfx=address>}|"
      "fqdn [domain=domain] <word=fqdn>|email [domain=domain] <word=email>|key-id <word=key-id>|"
      "any=any}"),
    C("match certificate <word=map>"),
    # XE 17.12 crypto YANG, crypto-ikev2-profile-grouping: ``match inbound-only`` (the profile
    # answers incoming sessions only), ``dynamic`` (identities and authentication come from
    # AAA), ``authentication local dynamic`` (needs ``match inbound-only``), ``anyconnect
    # profile NAME`` (AnyConnect profile download).
    C("match inbound-only"),
    C("dynamic"),
    C("anyconnect profile <word=name>", key=1),
    C("authentication local dynamic=method", key=2),
    C("identity local {address {<ip=address>|<ipv6=address>}|dn=dn|email <word=email>|"
      "fqdn <word=fqdn>|key-id <word=key-id>}", key=2),
    C(f"authentication local {{pre-share=method [key {PSK}]|rsa-sig=method|ecdsa-sig=method|"
      f"mldsa-sig=method|eap=method [{{gtc|md5|mschapv2}}=option]"
      f" [username <word=username> password {PSK}]}}", key=2),
    C(f"authentication remote {{pre-share=method [key {PSK}]|rsa-sig=method|ecdsa-sig=method|"
      f"mldsa-sig=method|eap=method [query-identity=option] [{{timeout <int:45-180>}}=option]|"
      # AnyConnect aggregate authentication (Cisco "FlexVPN: AnyConnect IKEv2 Remote Access
      # with aggregate authentication", IOS XE 16.9+)
      f"anyconnect-eap=method aggregate=option [cert-request=option]}}",
      key=r"^(authentication remote \S+)"),
    C(f"keyring {{local <word=local>|aaa <word=aaa> [name-mangler <word=mangler>]"
      f" [password {PSK}]}}", key=1),
    C("pki trustpoint <word=name> [{sign|verify}=use]", key=r"^(pki trustpoint \S+)"),
    C("dpd <int:10-3600=interval> <int:2-60=retry> {on-demand|periodic}=mode", key=1),
    C("nat keepalive <int:5-3600=seconds>", key=2),
    C("nat force-encap"),
    C("ivrf <word=vrf>", key=1),
    C("aaa authentication {eap|anyconnect-eap} <word=list>", key=3),
    # ``anyconnect-eap`` and ``any`` (no remote method configured): XE 17.12 crypto YANG,
    # aaa-authorization-grouping and ``aaa/authorization/user``.
    C(f"aaa authorization user {{psk|eap|cert|anyconnect-eap|any}}=auth"
      f" {{cached=cached|list <word=list>"
      f" [{{name-mangler <word=mangler>|<word=name>}}] [password {PSK}]}}",
      key=r"^(aaa authorization user \S+ (?:cached|list))"),
    C(f"aaa authorization group [override=override] {{psk|eap|cert|anyconnect-eap|any}}=auth"
      f" list <word=list>"
      f" [{{name-mangler <word=mangler>|<word=name>}}] [password {PSK}]",
      key=r"^(aaa authorization group) (?:override )?(\S+)"),
    C("aaa accounting {psk|eap|cert|anyconnect-eap}=auth <word=list>", key=3),
    C("virtual-template <int:1-4095=number> [mode auto=auto]", key=1),
    C("config-exchange {request|set {send|accept}}=what"),
    C("session-lifetime <int:120-25920000=seconds>", key=1),
    C("lifetime <int:120-86400=seconds>", key=r"^(lifetime) \d+$"),
    C("lifetime certificate"),
    C("redirect gateway auth"),
    # 10-600 s: the FlexVPN guide; up to 86,400 s on IOS XE 17 (XE 17.12 crypto YANG,
    # ``reconnect/timeout`` 600..86400).
    C("reconnect [timeout <int:10-86400=seconds>]", key=1),
    # Cisco IOS Security Command Reference (crypto ikev2 profile): process INITIAL_CONTACT even
    # when the peer did not send it, clearing older SAs with the same identities.
    C("initial-contact [force]"),
    C("shutdown"),
)

_AUTHOR_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("pool <word=name>", key=1),
    C("ipv6 pool <word=name>", key=2),
    C("dns <ip=server> [<ip=server>]", key=1),
    C("wins <ip=server> [<ip=server>]", key=1),
    C("netmask <mask=mask>", key=1),
    C("def-domain <word=name>", key=1),
    C("split-dns <word=name>"),
    C("backup-gateway <word=name>"),
    C("subnet-acl <word=name>", key=1),
    C("banner <rest=text>", key=1),
    C("aaa attribute list <word=name>", key=3),
    C("route set interface [<iface=interface>]", key=3),
    C("route set access-list [ipv6=ipv6] <word=name>", key=r"^(route set access-list(?: ipv6)?) "),
    C("route set {local|remote}=side {ipv4 <ip=address> <mask=mask>|ipv6 <ipv6pfx=address>}"
      " [tag <int:1-4294967295=tag>] [distance <int:1-255=distance>]"),
    C("route accept any [tag <int:1-4294967295=tag>] [distance <int:1-255=distance>]", key=3),
    # ``no route accept``: the peer's routes are not installed (IKEv2 Configuration Guide,
    # "route accept"); IOS shows the ``no`` line.
    C("route accept", negation="default-on"),
    C("ipsec flow-limit <int:0-50000=limit>", key=2),
    C("session-lifetime <int:120-25920000=seconds>", key=1),
    # Remote-access client attributes (Cisco IKEv2 command reference, "crypto ikev2
    # authorization policy"; FlexVPN configuration guide, "FlexVPN Server").
    C("ipv6 dns <ipv6> [<ipv6>]", key=2),
    C("ipv6 subnet-acl <word>", key=2),
    C("max-logins <int:1-10>", key=1),
    C("include-local-lan"),
    C("save-password"),
    C("smartcard-removal-disconnect"),
    C("pfs"),
    # XE 17.12 crypto YANG, ikev2 ``authorization/policy``: configuration URL pushed to the
    # client, IPv6 prefix length of the pushed address, DHCP-assigned addresses.
    C("configuration url <url>", key=2),
    C("configuration version <int:1-32767>", key=2),
    C("ipv6 prefix <int:1-128>", key=2),
    C("dhcp server {<ip>|<word>}", key=2),
    C("dhcp giaddr {<ip>|<ipv6>}", key=2),
    C("dhcp timeout <int:4-30>", key=2),
    # The AnyConnect client profile pushed to IKEv2 remote-access clients (Cisco tech note
    # "Configure AnyConnect Secure Mobility Client with IKEv2 on an IOS/IOS XE headend":
    # ``anyconnect profile NAME`` naming a ``crypto vpn anyconnect profile NAME FILE``).
    C("anyconnect profile <word>", key=2),
)

_NAME_MANGLER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("fqdn {all|domain|hostname}=rule", key=1),
    C("email {all|domain|username}=rule", key=1),
    C(f"dn {DN_PART}=rule", key=1),
    C(f"eap {{all|prefix delimiter {DELIM}|suffix delimiter {DELIM}|dn {DN_PART}}}=rule", key=1),
)

_FLEXVPN: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("peer <int:1-10=seq> {<ip>|<ipv6>|fqdn <word> [dynamic [ipv6]]}=peer"
      " [track <int:1-1000=track> [{up|down}]]",
      key=2),
    C("peer reactivate"),
    C("client connect <iface=interface>", key=2),
    C("client inside <iface=interface>"),
    C("connect {auto|manual|track <int:1-1000> [{up|down}]}=connect", key=1),
    C("source <int:1-6=seq> <iface=interface> [track <int:1-1000>]", key=2),
    C("backup group <word=name>", key=2),
)

# IKEv2 load balancer cluster (XE 17.12 crypto YANG, ``cluster-options``; ``shutdown`` is the
# default and hidden, ``no shutdown`` starts the cluster and is shown).
_CLUSTER: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("standby-group <word=group>", key=1),
    C("holdtime <int:100-120000>", key=1),
    C("port <int:1-65535>", key=1),
    C("master overload-limit <int:50-99>", key=2),
    C("master weight {crypto-load|system-load} <int:0-100>", key=3),
    C("slave {hello <int:100-30000>|max-session <int:1-100000>|priority <int:1-100>|"
      "update <int:100-60000>}", key=2),
    C("shutdown", negation="default-on"),
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
    Mode("ikev2-cluster", "config-ikev2-cluster", _CLUSTER),
)
