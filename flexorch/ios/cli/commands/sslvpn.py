"""SSL VPN next to IPsec on the same routers: IOS XE's ``crypto ssl`` proposals, policies,
profiles and authorization policies (AnyConnect over TLS, 16.9 on), and IOS's WebVPN gateways,
contexts and group policies (ISR G2, IOS 15).

Sources: SSL VPN Configuration Guide, Cisco IOS XE 17 (crypto ssl proposal, protection, crypto
ssl policy, pki trustpoint, ip address local, crypto ssl profile, match policy, match url,
aaa authentication user-pass list, authentication remote user-pass, user-profile location,
crypto ssl authorization policy); Cisco IOS SSL VPN Configuration Guide and Security Command
Reference (webvpn gateway, ip address ... port, ssl encryption, ssl trustpoint, inservice,
webvpn install svc, webvpn context, policy group, functions svc-enabled, svc address-pool,
default-group-policy, gateway). Rows take each mode's commands by their leading keywords.
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    C("crypto ssl proposal <word>", key=4, opens="ssl-proposal"),
    C("crypto ssl policy <word>", key=4, opens="ssl-policy"),
    C("crypto ssl profile <word>", key=4, opens="ssl-profile"),
    C("crypto ssl authorization policy <word>", key=5, opens="ssl-authz"),
    C("webvpn gateway <word>", key=3, opens="webvpn-gateway"),
    C("webvpn context <word>", key=3, opens="webvpn-context"),
    C("webvpn install {svc|csd} <url> [sequence <int:1-20>]",
      key=r"^(webvpn install \S+ \S+)"),
    C("webvpn {cef|sso-server <word>|create template <rest>}"),
)

_SSL_PROPOSAL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("protection {<word>}+", key=1),
)

_SSL_POLICY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("ssl proposal <word>", key=2),
    C("pki trustpoint <word> [sign]", key=2),
    C("ip {address local {<ip>|<ipv6>}|interface local <iface>} [vrf <word>] [port"
      " <int:1-65535>] [standby <word>]", key=3),
    C("shutdown"),
)

_SSL_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("match {policy <word>|url <word>}", key=2),
    C("aaa {authentication|authorization|accounting} <rest>",
      key=r"^(aaa \S+ (?:group|user)?\s?\S+)"),
    C("authentication remote user-pass", key=2),
    C("user-profile location <url>", key=2),
    C("virtual-template <int:1-4095>", key=1),
    C("max-users <int:1-10000>", key=1),
    C("dpd-interval <rest>", key=1),
    C("shutdown"),
)

_SSL_AUTHZ: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{pool|ipv6 pool|dns|banner|netmask|def-domain|split-dns|route|include-local-lan|"
      "dpd-interval|max-logins|smartcard-removal-disconnect|ipv6 prefix|wins|"
      "homepage|rekey|keepalive|disconnect-on-reconnect} [<rest>]"),
)

_WEBVPN_GATEWAY: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("ip {address <ip>|interface <iface>} [port <int:1-65535>]", key=1),
    C("ssl {encryption|trustpoint|protocol} [<rest>]", key=2),
    C("http-redirect [port <int:1-65535>]", key=1),
    C("hostname <word>", key=1),
    C("logging enable"),
    C("inservice"),
)

_WEBVPN_CONTEXT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("policy group <word>", key=3, opens="webvpn-group"),
    C("url-list <word>", key=2, opens="webvpn-group"),
    C("{title|title-color|secondary-color|text-color|secondary-text-color|login-message|"
      "login-photo|logo|ssl|default-group-policy|gateway|aaa|inservice|virtual-template|"
      "max-users|acl|vrf-name|csd|nbns-list|port-forward|user-profile|browser-attribute} "
      "[<rest>]"),
)

_WEBVPN_GROUP: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("{functions|svc|banner|timeout|url-list|filter|hide-url-bar|citrix|mask-urls|"
      "heading|url-text|netmask|default-domain|split-dns|port-forward|nbns-list|"
      "acl} [<rest>]"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("ssl-proposal", "config-crypto-ssl-proposal", _SSL_PROPOSAL),
    Mode("ssl-policy", "config-crypto-ssl-policy", _SSL_POLICY),
    Mode("ssl-profile", "config-crypto-ssl-profile", _SSL_PROFILE),
    Mode("ssl-authz", "config-crypto-ssl-auth-policy", _SSL_AUTHZ),
    Mode("webvpn-gateway", "config-webvpn-gateway", _WEBVPN_GATEWAY),
    Mode("webvpn-context", "config-webvpn-context", _WEBVPN_CONTEXT),
    Mode("webvpn-group", "config-webvpn-group", _WEBVPN_GROUP),
)
