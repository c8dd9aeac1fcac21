"""IPsec: transform sets, IPsec profiles, global security-association settings.

Sources: the FlexVPN configuration guide; Cisco IOS Security Command Reference (crypto ipsec
transform-set, crypto ipsec profile, crypto ipsec security-association, crypto ipsec df-bit).
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
    C("set reverse-route [{distance <int:1-255>|tag <int:1-4294967295>}]",
      key=r"^(set reverse-route)(?: (\S+))?"),
    C("set security-policy limit <int:1-50000>", key=3),
    C("responder-only"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("crypto-trans", "cfg-crypto-trans", _CRYPTO_TRANS),
    Mode("ipsec-profile", "ipsec-profile", _IPSEC_PROFILE),
)
