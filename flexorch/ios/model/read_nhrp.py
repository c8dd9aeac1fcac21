"""Reading the ``ip nhrp`` lines of an interface (DMVPN and FlexVPN spoke-to-spoke) into
``Interface``'s ``nhrp_*`` fields. A part of ``flexorch.ios.model`` (``read._read_interface``
hands it every ``ip nhrp`` line).

Syntax (Cisco "DMVPN Configuration Guide" / IOS command reference; real lines in
tests/fixtures/real: ``ip nhrp nhs 10.100.0.1 nbma 10.10.14.254``, ``ip nhrp nhs 100.64.1.100
nbma 202.100.15.1 multicast``, ``ip nhrp nhs 10.77.0.1`` + ``ip nhrp map 10.77.0.1 10.77.254.33``,
``ip nhrp map multicast dynamic``, ``ip nhrp redirect``, ``ip nhrp shortcut``):

- ``ip nhrp nhs <address|dynamic> [nbma <nbma>] [multicast] [priority N] [cluster N]``
- ``ip nhrp map <address> <nbma>`` (``ip nhrp map multicast ...`` is not a peer mapping)
- ``ip nhrp network-id N``, ``ip nhrp redirect [timeout N]``,
  ``ip nhrp shortcut [virtual-template N]``
"""

from __future__ import annotations


def read_nhrp(words: list[str], attrs: dict[str, object]) -> None:
    """One ``ip nhrp ...`` line, split into words after ``ip nhrp``, into ``attrs``."""
    if not words:
        return
    head, rest = words[0], words[1:]
    if head == "nhs" and rest:
        nbma = rest[rest.index("nbma") + 1] if "nbma" in rest[:-1] else None
        _append(attrs, "nhrp_nhs", (rest[0], nbma))
    elif head == "map" and len(rest) >= 2 and rest[0] != "multicast":
        nbma = rest[2] if rest[1] == "nbma" and len(rest) > 2 else rest[1]
        _append(attrs, "nhrp_maps", (rest[0], nbma))
    elif head == "network-id" and rest and rest[0].isdigit():
        attrs["nhrp_network_id"] = int(rest[0])
    elif head == "redirect":
        attrs["nhrp_redirect"] = True
    elif head == "shortcut":
        attrs["nhrp_shortcut"] = True
        if rest[:1] == ["virtual-template"] and len(rest) > 1 and rest[1].isdigit():
            attrs["nhrp_shortcut_virtual_template"] = int(rest[1])


def _append(attrs: dict[str, object], key: str, item: tuple[str, str | None]) -> None:
    prior = attrs.get(key, ())
    assert isinstance(prior, tuple)
    attrs[key] = (*prior, item)
