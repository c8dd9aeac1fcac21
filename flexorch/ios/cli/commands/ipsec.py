"""IPsec: transform sets, IPsec profiles, global security-association settings.

Sources: the FlexVPN configuration guide; Cisco IOS Security Command Reference (crypto ipsec
transform-set, crypto ipsec profile, crypto ipsec security-association, crypto ipsec df-bit);
Cisco's native data model of IOS XE 17.12.1, ``Cisco-IOS-XE-crypto.yang`` (YangModels/yang,
vendor/cisco/xe/17121), groupings ``crypto-ipsec-profile-grouping``,
``ipsec-common-set-grouping`` and ``crypto-map-common-set-security-association-grouping``
(cited below as "XE 17.12 crypto YANG").
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import ESP, PFS, SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    C(f"crypto ipsec transform-set <word=name> {ESP} [mode {{tunnel|transport}}=mode]", key=4,
      opens="crypto-trans", split="mode"),
    C("crypto ipsec profile <word=name>", key=4, opens="ipsec-profile"),
    C("crypto ipsec security-association replay {window-size <int:64-1024=window>|"
      "disable=disable}", key=5),
    # ``kilobytes disable``: no volume rekey (Cisco Security Command Reference, "crypto ipsec
    # security-association lifetime"; real SAs then show "KB Vol Rekey Disabled").
    C("crypto ipsec security-association lifetime {seconds <int:120-2592000=seconds>|"
      "kilobytes {<int:2560-4294967295=kilobytes>|disable=disable}}",
      key=r"^(crypto ipsec security-association lifetime \S+)"),
    C("crypto ipsec df-bit {clear|set|copy}=mode", key=3),
)

_CRYPTO_TRANS: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    # ``transport require``: never fall back to tunnel mode (Cisco Security Command Reference,
    # "mode (IPsec)").
    C("mode {tunnel|transport}=mode [require=require]", key=1),
)

_IPSEC_PROFILE: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("description <rest=text>", key=1),
    C("set transform-set {<word=name>}+", key=2),
    C("set ikev2-profile <word=name>", key=2),
    C("set isakmp-profile <word=name>", key=2),
    C(f"set pfs {PFS}", key=2),
    C("set security-association lifetime {seconds <int:120-2592000=seconds>|"
      "kilobytes {<int:2560-4294967295=kilobytes>|disable=disable}|days <int:1-30=days>}",
      key=r"^(set security-association lifetime \S+)"),
    C("set security-association replay {window-size <int:64-1024=window>|disable=disable}=replay",
      key=3),
    C("set security-association idle-time <int:60-86400=seconds> [default]", key=3),
    C("set mixed-mode"),
    C("set reverse-route [{distance <int:1-255>|tag <int:1-4294967295>|gateway {<ip>|<ipv6>}}]",
      key=r"^(set reverse-route)(?: (\S+))?"),
    C("set security-policy limit <int:0-50000>", key=3),
    # IKE Responder-Only Mode (Security for VPNs with IPsec Configuration Guide, "IKE
    # Responder-Only Mode": "configurable only under an IPsec profile"; XE 17.12 crypto YANG:
    # ``responder-only`` is a leaf of the profile itself, not of ``set``, so ``set
    # responder-only`` is refused, as in crypto maps, which the guide says are not supported).
    C("responder-only"),
    # XE 17.12 crypto YANG, crypto-ipsec-profile-grouping and ipsec-common-set-grouping.
    C("set identity <word=name>", key=2),
    C("set security-association dfbit {clear|copy|set}=mode", key=3),
    C("set security-association dummy [{pps <int:0-25>|seconds <int:1-3600>}]", key=3),
    C("set security-association ecn {discard|propagate}=mode", key=3),
    C("set security-association level per-host", key=3),
    C("redundancy <word=group> [stateful=stateful]", key=1),
    C("dialer pre-classify"),
    C("reverse-route [{remote-peer [<ip>] [{gateway|static}]|static}]", key=1),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("crypto-trans", "cfg-crypto-trans", _CRYPTO_TRANS),
    Mode("ipsec-profile", "ipsec-profile", _IPSEC_PROFILE),
)
