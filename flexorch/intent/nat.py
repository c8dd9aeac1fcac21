"""``nat:`` of a host: whether a NAT device sits between the router and its peers.

A fact of the network the router's config cannot tell: peers see the NAT's public address, not
the router's WAN address. Render uses it for the keyring and identity lines the hub derives for
this spoke (they must name the address the hub sees), lint and the predictions use it for the
address peers reach and for NAT traversal (RFC 7296 section 2.23, NAT-T in IKEv2).
"""

from __future__ import annotations

from typing import Any

from pydantic import model_validator

from flexorch.intent.strict import Flag
from flexorch.intent.types import IPv4, Model


class Nat(Model):
    """``behind``: a NAT device translates this router's addresses. ``public_address``: the
    address the NAT maps it to (what peers dial and see); only meaningful when ``behind``."""

    behind: Flag = False
    public_address: IPv4 | None = None

    @model_validator(mode="after")
    def _address_needs_nat(self) -> Nat:
        if self.public_address is not None and not self.behind:
            raise ValueError("public_address is set but behind is false: a router not behind "
                             "NAT has no public address of its own (set behind: true or drop it)")
        return self

    def public_text(self) -> str | None:
        """The public address as text (None when not given)."""
        return str(self.public_address) if self.public_address is not None else None


# Keys ``lab:`` held before NAT became a fact of the inventory, and where each moved.
MOVED_LAB_KEYS = {"behind_nat": "behind", "nat_address": "public_address"}


def _yaml(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def refuse_moved_lab_keys(value: Any) -> Any:
    """A ``lab:`` mapping with the old NAT keys is refused with the spelling that replaces it."""
    if not isinstance(value, dict):
        return value
    moved = [key for key in MOVED_LAB_KEYS if key in value]
    if not moved:
        return value
    new = ", ".join(f"{MOVED_LAB_KEYS[key]}: {_yaml(value[key])}" for key in moved)
    raise ValueError(
        f"{' and '.join(moved)} moved out of lab: NAT is a fact of the network, read by render "
        f"and lint too; write nat: {{{new}}} instead"
    )
