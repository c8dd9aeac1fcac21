"""Access lists: named standard and extended lists.

Source: Cisco IOS Security Command Reference (ip access-list, permit, deny).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands.common import SUBMODE_COMMON
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

GLOBAL: Final[tuple[C, ...]] = (
    C("ip access-list standard <word>", key=4, opens="acl-std"),
    C("ip access-list extended <word>", key=4, opens="acl-ext"),
)

# Entries are numbered: IOS assigns sequence numbers 10, 20, ... to entries typed without one
# (``rules.SEQUENCED_MODES``) and shows them.
_ACL_STD: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("[<int:1-2147483647>] {permit|deny} {any|host <ip>|<ip> [<mask>]} [log]",
      key=r"^(\d+) ", rewrite=(r" host (\S+)", r" \1")),
    C("remark <rest>"),
)

_ACL_EXT: Final[tuple[C, ...]] = (
    *SUBMODE_COMMON,
    C("[<int:1-2147483647>] {permit|deny} <word> <rest>", key=r"^(\d+) "),
    C("remark <rest>"),
)

MODES: Final[tuple[Mode, ...]] = (
    Mode("acl-std", "config-std-nacl", _ACL_STD),
    Mode("acl-ext", "config-ext-nacl", _ACL_EXT),
)
