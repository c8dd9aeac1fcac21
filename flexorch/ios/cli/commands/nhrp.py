"""NHRP on tunnel interfaces (DMVPN, FlexVPN spoke-to-spoke shortcuts).

Sources: Cisco IOS IP Addressing Services Command Reference (ip nhrp *, ipv6 nhrp *); DMVPN
Configuration Guide (Phase 3: ``ip nhrp redirect`` / ``ip nhrp shortcut``); FlexVPN
Configuration Guide, "FlexVPN Spoke to Spoke" (``ip nhrp shortcut virtual-template N``); real
configs in ``tests/fixtures/real`` (gh-skydevil-*, gh-fuatanshori-*, gh-jclarkson-*).
"""

from __future__ import annotations

from typing import Final

from flexorch.ios.cli.syntax import Command as C

_NBMA = "{<ip=nbma>|<ipv6=nbma>|<word=nbma>}"

INTERFACE: Final[tuple[C, ...]] = (
    C("ip nhrp authentication <word=key>", key=3),
    C("ip nhrp network-id <int:1-4294967295=id>", key=3),
    C("ip nhrp holdtime <int:1-65535=seconds>", key=3),
    C("ip nhrp map <ip=address> <ip=nbma>"),
    C("ip nhrp map multicast {<ip=nbma>|dynamic=nbma}"),
    C("ip nhrp map group <word> service-policy output <word>"),
    C(f"ip nhrp nhs {{<ip=address>|dynamic=address}} [nbma {_NBMA}] [multicast=multicast]"
      " [priority <int:0-255=priority>] [cluster <int:0-10=cluster>]", key=r"^(ip nhrp nhs \S+)"),
    C("ip nhrp nhs cluster <int:0-10> max-connections <int:0-255>", key=5),
    C("ip nhrp nhs fallback <int:0-3600>", key=4),
    C("ip nhrp registration {no-unique=no-unique|timeout <int:1-65535=timeout>|no-reply}"),
    C("ip nhrp shortcut [virtual-template <int:1-4095=template>]", key=3),
    C("ip nhrp redirect [timeout <int:2-30>]", key=3),
    C("ip nhrp server-only [non-caching]", key=3),
    C("ip nhrp group <word>", key=3),
    # IOS XE spells the per-tunnel QoS group without ``ip`` (DMVPN Configuration Guide, IOS XE,
    # "Per-Tunnel QoS for DMVPN": ``nhrp group NAME``, ``nhrp map group NAME service-policy
    # output POLICY``).
    C("nhrp group <word>", key=2),
    C("nhrp map group <word> service-policy output <word>"),
    C("ip nhrp interest <int:1-199>", key=3),
    C("ip nhrp max-send <int:1-65535> every <int:10-65535>", key=3),
    C("ip nhrp responder <iface>", key=3),
    C("ip nhrp record", negation="default-on"),
    C("ip nhrp cache non-authoritative"),
    C("ip nhrp trigger-svc <int:1-4294967295> <int:1-4294967295>", key=3),
    C("ip nhrp use <int:1-65535>", key=3),
    C("ip nhrp path-preference <int:0-255>", key=3),
    C("ip nhrp connect <rest>"),
    C("ip nhrp event-publisher max-event-timeout <int:1-22>", key=3),
    C("ip nhrp attribute set <rest>"),
    C("ipv6 nhrp authentication <word=key>", key=3),
    C("ipv6 nhrp network-id <int:1-4294967295=id>", key=3),
    C("ipv6 nhrp holdtime <int:1-65535=seconds>", key=3),
    C("ipv6 nhrp map <ipv6pfx=address> {<ip=nbma>|<ipv6=nbma>}"),
    C("ipv6 nhrp map multicast {<ip=nbma>|<ipv6=nbma>|dynamic=nbma}"),
    C(f"ipv6 nhrp nhs {{<ipv6=address>|dynamic=address}} [nbma {_NBMA}] [multicast=multicast]"
      " [priority <int:0-255=priority>]",
      key=r"^(ipv6 nhrp nhs \S+)"),
    C("ipv6 nhrp registration {no-unique=no-unique|timeout <int:1-65535=timeout>}"),
    C("ipv6 nhrp shortcut [virtual-template <int:1-4095=template>]", key=3),
    C("ipv6 nhrp redirect [timeout <int:2-30>]", key=3),
    C("ipv6 nhrp server-only", key=3),
)
