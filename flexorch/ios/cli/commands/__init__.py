"""The IOS-XE config-mode grammar as data: every mode flexorch and the lab know, its prompt,
and its commands (syntax in the notation of ``flexorch.ios.cli.grammar``).

One module per command family (``system``, ``interface``, ``vrf``, ``aaa``, ``pki``, ``ikev2``,
``ipsec``, ``acl``), each with its top-level rows (``GLOBAL``), its sub-modes (``MODES``) and the
source it follows; this module assembles them. A line outside this grammar answers
``% Invalid input`` in the lab, as a real router answers for a command it does not know; add rows
to the family tables, never ``if`` chains elsewhere.

Ranges are IOS's where known (command references), otherwise the FlexVPN guide's.
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.commands import aaa, acl, ikev2, interface, ipsec, pki, system, vrf
from flexorch.ios.cli.syntax import Command as C
from flexorch.ios.cli.syntax import Mode

# ``exit`` at the top level leaves configuration mode, like ``end``.
_TOP_ACTIONS: Final[tuple[C, ...]] = (
    C("end", action="end"),
    C("exit", action="end"),
    C("do <rest>", action="do"),
)

_GLOBAL: Final[tuple[C, ...]] = (
    *_TOP_ACTIONS,
    *system.GLOBAL,
    *interface.GLOBAL,
    *vrf.GLOBAL,
    *aaa.GLOBAL,
    *pki.GLOBAL,
    *ikev2.GLOBAL,
    *ipsec.GLOBAL,
    *acl.GLOBAL,
)

MODES: Final[dict[str, Mode]] = {
    m.id: m
    for m in (
        Mode("config", "config", _GLOBAL),
        # Physical, loopback and non-tunnel virtual-template interfaces have no tunnel commands.
        Mode("interface", "config-if", interface.BASE),
        Mode("interface-tunnel", "config-if", interface.TUNNEL),
        *vrf.MODES,
        *ikev2.MODES,
        *ipsec.MODES,
        *aaa.MODES,
        *pki.MODES,
        *system.MODES,
        *acl.MODES,
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
