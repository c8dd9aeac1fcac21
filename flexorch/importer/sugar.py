"""``peer: HUB`` where the loader's derivation gives back exactly what the router has.

``flexorch.intent.derive`` turns a spoke tunnel's ``peer: HUB`` into ``tunnel destination`` =
the hub's ``flexvpn.wan`` address of the tunnel's transport family (IPv4, or the first IPv6
address for ``gre ipv6``/``ipsec ipv6``/``ipsec ipv6 v4-overlay``). A spoke tunnel whose
destination is exactly that address of one of its hubs is written with ``peer:``, and the hub
gets ``flexvpn: {wan: INTERFACE}``; any other destination stays explicit. A hub reached on two
different interfaces keeps the first as its ``wan``, and tunnels to the other stay explicit.
The import's final check (the rendering equals the router's config) proves each one.
"""

from __future__ import annotations

import ipaddress
from typing import Any

from flexorch.intent.interfaces import TRANSPORT_V6_MODES

Data = dict[str, Any]


def _address(value: Any) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(str(value))
    except ValueError:
        return None


def _wan_holding(hub: Data, address: Any, v6: bool) -> str | None:
    """The interface of ``hub`` whose derived address (of the family) is ``address``."""
    for name, itf in hub.get("interfaces", {}).items():
        if v6:
            first = itf.get("ipv6", [None])[0]
            held = ipaddress.ip_interface(first).ip if first else None
        else:
            held = ipaddress.ip_interface(itf["ipv4"]).ip if itf.get("ipv4") else None
        if held is not None and held == address:
            return str(name)
    return None


def tunnel_peers(hosts: dict[str, Data]) -> int:
    """Rewrite spoke tunnels to ``peer: HUB`` where derivation reproduces them; the number of
    tunnels rewritten."""
    done = 0
    for data in hosts.values():
        for tname, tunnel in list(data.get("tunnels", {}).items()):
            address = _address(tunnel.get("destination"))
            if address is None:
                continue
            v6 = tunnel.get("mode") in TRANSPORT_V6_MODES
            for hub_name in data.get("hubs", []):
                hub = hosts[hub_name]
                wan = _wan_holding(hub, address, v6)
                if wan is None:
                    continue
                flexvpn = hub.setdefault("flexvpn", {})
                if flexvpn.setdefault("wan", wan) != wan:
                    continue
                data["tunnels"][tname] = {("peer" if k == "destination" else k):
                                          (hub_name if k == "destination" else v)
                                          for k, v in tunnel.items()}
                done += 1
                break
    return done
