"""Cisco TrustSec around FlexVPN and DMVPN: static IP-to-SGT bindings, SGACL policy (role-based
permissions and role-based access lists), SXP, and the manual SGT classification of an
interface. The IKEv2 and tunnel halves of inline tagging (``crypto ikev2 cts sgt``, ``cts sgt
inline``) live with their families (``ikev2``, ``interface``): a router that tags SGTs over its
tunnels carries these lines too, to classify its LAN traffic and enforce the policy.

Sources: Cisco TrustSec Configuration Guide, Cisco IOS XE 17 ("Cisco TrustSec IP-Prefix and SGT
Based SXP": ``cts role-based sgt-map``; "Cisco TrustSec SGACL": ``cts role-based enforcement``,
``cts role-based permissions``, ``ip access-list role-based``; "Cisco TrustSec SGT Exchange
Protocol over TCP (SXP)": ``cts sxp enable``, ``cts sxp default password``, ``cts sxp default
source-ip``, ``cts sxp connection peer``; "Manually Configuring Cisco TrustSec": ``cts manual``,
``policy static sgt``, ``propagate sgt``, ``sap``); Cisco IOS Security Command Reference,
Commands A to C (``cts authorization list``, ``cts sgt``).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

_SGT = "<int:2-65519>"
_TAG = "{<int:0-65519>|unknown}"  # a source or destination group in a permissions line

GLOBAL: Final[tuple[C, ...]] = (
    C("cts role-based enforcement [vlan-list <rest>]"),
    # One binding per prefix (and VRF): a new SGT for the same prefix replaces the old one.
    C(f"cts role-based sgt-map [vrf <word>] {{<pfx>|<ip>|<ipv6pfx>|<ipv6>|host {{<ip>|<ipv6>}}}}"
      f" sgt {_SGT}", key=r"^(cts role-based sgt-map (?:vrf \S+ )?(?:host )?\S+)"),
    # VLAN-to-SGT bindings (Cisco TrustSec Configuration Guide, IOS XE 17, "VLAN-to-SGT
    # Mapping": ``cts role-based sgt-map vlan-list VLANS sgt SGT``).
    C(f"cts role-based sgt-map vlan-list <word> sgt {_SGT}",
      key=r"^(cts role-based sgt-map vlan-list \S+)"),
    C(f"cts role-based permissions {{default|from {_TAG} to {_TAG}}} [{{ipv4|ipv6}}]"
      " {<word>}+", key=r"^(cts role-based permissions (?:default|from \S+ to \S+)(?: ipv[46])?)"),
    C("cts sxp enable"),
    C("cts sxp default password [{0|6|7}] <word>", key=4),
    C("cts sxp default source-ip <ip>", key=4),
    C("cts sxp connection peer {<ip>|<ipv6>} [source {<ip>|<ipv6>}] password"
      " {default|none|key-chain <word>} mode {local|peer} [{listener|speaker|both}] [<rest>]",
      key=r"^(cts sxp connection peer \S+)"),
    C("cts sxp {log binding-changes|retry period <int:0-64000>|reconciliation period"
      " <int:0-64000>|speaker hold-time <int:1-65534>|listener hold-time <int:1-65534>"
      " <int:1-65534>|node-id {<ip>|<word>}}", key=r"^(cts sxp (?:log|retry|reconciliation|"
      r"speaker|listener|node-id))"),
    C("cts authorization list <word>", key=3),
    C(f"cts sgt {_SGT}", key=2),
    C("ip access-list role-based <word>", key=4, opens="acl-role-based"),
)

# SGACL entries match protocols and ports only: the groups come from the permissions line.
_ACL_ROLE_BASED: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("[<int:1-2147483647>] {permit|deny} {ip|icmp|tcp|udp|igmp|<int:0-255>} [<rest>]"),
    C("[<int:1-2147483647>] remark <rest>"),
)

# ``cts manual`` on an interface: the SGT of untagged traffic received there (``trusted``: keep
# the tags a neighbour sends); tagging towards the neighbour is on by default (``no propagate
# sgt`` is what IOS stores and shows).
_CTS_MANUAL: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C(f"policy static sgt {_SGT} [trusted]", key=r"^(policy)"),
    # The peer's SGT from the authorization server instead of a static one (Cisco TrustSec
    # Configuration Guide, "Manually Configuring Cisco TrustSec": ``policy dynamic identity``).
    C("policy dynamic identity <word>", key=r"^(policy)"),
    C("propagate sgt", negation="default-on"),
    C("sap <rest>", key=1),
)

INTERFACE: Final[tuple[C, ...]] = (
    C("cts manual", opens="cts-manual"),
    C("cts role-based enforcement"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("acl-role-based", "config-rb-acl", _ACL_ROLE_BASED),
    Mode("cts-manual", "config-if-cts-manual", _CTS_MANUAL),
)
