"""What IOS checks and changes beside storing a config line: refusals (objects in use, missing
references, physical interfaces), side effects (a VRF change removes addresses) and how secrets
are stored (type 0 stripped, type 6 decrypted with the master key, ``secret`` hashed to type 9).

Helpers of ``flexorch.ios.config.engine``; every message and table comes from
``flexorch.ios.facts.rules``.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Collection

from flexorch.ios.config.refs import users_of
from flexorch.ios.config.tree import ConfigTree, Node
from flexorch.ios.facts import (
    ERROR_INVALID,
    INTERFACE_CREATABLE,
    address_refusal,
    object_of,
    rules,
)
from flexorch.ios.facts.keys import Type6Cipher, type9_hash


class Refused(Exception):
    """A semantic refusal: IOS prints ``text`` and changes nothing."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def interface_kind(name: str) -> str:
    """``GigabitEthernet0/0/1.10`` -> ``GigabitEthernet``."""
    return re.sub(r"[\d/.:]+$", "", name)


def check_interface(canonical: str, existing: Node | None, caret: str,
                    hardware: Collection[str] | None) -> None:
    """Refuse ``interface X`` as IOS does: Virtual-Access interfaces cannot be configured, a
    physical interface the router does not have does not exist (``caret`` is the invalid-input
    text), and a virtual template keeps the type it was created with."""
    name = canonical.split()[1]
    kind = interface_kind(name)
    if kind == "Virtual-Access":
        raise Refused(caret)
    if existing is None and kind not in INTERFACE_CREATABLE and hardware is not None \
            and name.split(".")[0] not in hardware:
        raise Refused(caret)
    if existing is not None and kind == "Virtual-Template" \
            and canonical.endswith(" type tunnel") and not existing.text.endswith(" type tunnel"):
        raise Refused(rules.MSG_VT_TYPE_MISMATCH.format(interface=name))


def check_removable_interface(header: str) -> None:
    """Physical interfaces cannot be removed (their subinterfaces can)."""
    name = header.split()[1]
    if interface_kind(name) not in INTERFACE_CREATABLE and "." not in name:
        raise Refused(rules.MSG_PHYSICAL_NOT_REMOVABLE)


def refuse_in_use(tree: ConfigTree, header: str) -> None:
    """Refuse deleting an object other objects still reference."""
    found = object_of(header)
    if found is None:
        return
    kind, name = found
    template = rules.REFUSE_DELETE_IN_USE.get(kind.kind)
    if template is None:
        return
    users = users_of(tree, kind.kind, name)
    if kind.kind == "ipsec-profile":
        users += [n.text for n in tree.roots if n.text.startswith("interface ") and any(
            c.text.startswith(f"tunnel protection ipsec profile {name}") and
            c.text.split()[4] == name for c in n.children)]
    if users:
        raise Refused(template.format(name=name, user=users[0]))


def check_reference(index: dict[str, Node], kind: str, canonical: str) -> None:
    """IOS refuses an interface line naming an IPsec profile or VRF that does not exist."""
    if not kind.startswith("interface"):
        return
    if canonical.startswith("tunnel protection "):
        target, name = "ipsec-profile", canonical.split()[4]
        header = f"crypto ipsec profile {name}"
    elif canonical.startswith(("vrf forwarding ", "ip vrf forwarding ")):
        target, name = "vrf", canonical.rsplit(maxsplit=1)[-1]
        header = (f"vrf definition {name}" if canonical.startswith("vrf ")
                  else f"ip vrf {name}")
    else:
        return
    if name in rules.PREDEFINED_OBJECTS.get(target, ()):
        return
    if index.get(header) is None:
        raise Refused(rules.REFUSE_MISSING_REFERENCE[target].format(name=name))


def check_address(kind: str, canonical: str) -> None:
    """Refuse an interface's ``ip address A M [secondary]`` with a mask that is not contiguous,
    or whose address is its subnet's own or broadcast address (below /31), as IOS does."""
    if not kind.startswith("interface") or not canonical.startswith("ip address "):
        return
    words = canonical.split()
    try:
        address = int(ipaddress.IPv4Address(words[2]))
        mask = int(ipaddress.IPv4Address(words[3]))
    except (IndexError, ValueError):
        return  # ip address dhcp | negotiated | pool
    refusal = address_refusal(address, mask, words[2])
    if refusal is not None:
        raise Refused(refusal)


def addresses_removed_by_vrf(node: Node, new: str | None, old: str | None) -> list[Node]:
    """The address lines of interface ``node`` a VRF change (``new``/``old`` VRF line) removes."""
    vrf_line = new if new is not None else old
    if vrf_line is None or not vrf_line.startswith(("vrf forwarding ", "ip vrf forwarding ")):
        return []
    return [c for c in node.children if c.text.startswith(("ip address ", "ipv6 address "))]


def store_secret(kind: str, canonical: str, master: str | None,
                 type6: Type6Cipher | None = None) -> str:
    """The line IOS stores for a secret-bearing line: type 0 keys clear; type 6 keys the cipher
    opens under the master key clear (shown re-encrypted; without a cipher kept as typed:
    flexorch cannot read a real router's type 6); ``secret`` passwords hashed to type 9."""
    for block, pattern in rules.TYPE6_SECRET_LINES:
        match = re.match(pattern, canonical) if block == kind else None
        if match is None:
            continue
        prefix, kind_digit, value = match.groups()
        if kind_digit == "0":
            return f"{prefix} {value}"
        if kind_digit == "6" and master and type6 is not None:
            clear = type6.decrypt(value, master)
            if clear is not None:
                return f"{prefix} {clear}"
        return canonical
    for block, pattern in rules.HASHED_SECRET_LINES:
        match = re.match(pattern, canonical) if block == kind else None
        if match is not None:
            prefix, kind_digit, value = match.groups()
            if kind_digit in (None, "0"):
                return f"{prefix} 9 {type9_hash(value)}"
    return canonical


def invalid_caret(offset: int) -> str:
    """IOS's invalid-input text with the caret under column ``offset`` of the echoed line."""
    return " " * offset + "^\n" + ERROR_INVALID
