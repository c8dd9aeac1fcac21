"""Benchmark of flexorch's IOS engine: config-mode throughput, show running-config and
normalisation on large configs, with baselines measured in the same run.

Run: .venv/bin/python tests/bench/bench_ios.py
Prints figures only (no assertions); the lab pushes 25 lines to each of 200 routers, plan works on
10k-line configs.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flexorch.ios.config import ConfigSession, ConfigTree, normalize_config, show_running

DAY0 = [
    "hostname SPOKE",
    "interface GigabitEthernet1",
    " ip address 198.51.100.2 255.255.255.0",
    "interface GigabitEthernet2",
    " ip address 10.1.0.1 255.255.255.0",
    "ip route 0.0.0.0 0.0.0.0 198.51.100.1",
    "username admin privilege 15 secret LabPass1",
    "line vty 0 4",
    " login local",
    " transport input ssh",
]
PUSH = [
    "crypto ikev2 proposal PROP",
    " encryption aes-gcm-256",
    " prf sha512",
    " group 19",
    "crypto ikev2 policy POL",
    " match fvrf any",
    " proposal PROP",
    "crypto ikev2 keyring KR",
    " peer HUB",
    "  address 192.0.2.1",
    "  pre-shared-key local k1",
    "  pre-shared-key remote k2",
    "crypto ikev2 profile PROF",
    " match identity remote address 192.0.2.1 255.255.255.255",
    " authentication remote pre-share",
    " authentication local pre-share",
    " keyring local KR",
    " dpd 10 2 on-demand",
    "crypto ipsec transform-set TS esp-gcm 256",
    "crypto ipsec profile IPP",
    " set transform-set TS",
    " set ikev2-profile PROF",
    "interface Tunnel1",
    " ip address 10.255.0.2 255.255.255.0",
    " tunnel protection ipsec profile IPP",
]


def big_config(tunnels: int) -> list[str]:
    """A hub-like config: one keyring peer and one tunnel interface per spoke."""
    lines = ["hostname HUB", "crypto ipsec profile IPP", "crypto ikev2 keyring KR"]
    for i in range(tunnels):
        lines += [
            f" peer S{i}",
            f"  address 10.{i // 250}.{i % 250}.2",
            f"  pre-shared-key local key{i}",
            f"  pre-shared-key remote rkey{i}",
        ]
    for i in range(tunnels):
        lines += [
            f"interface Tunnel{i}",
            f" description spoke {i}",
            f" ip address 172.{16 + i // 65000 % 16}.{i // 250 % 256}.{i % 250 + 1} "
            "255.255.255.252",
            " ip mtu 1400",
            " ip tcp adjust-mss 1360",
            " tunnel source GigabitEthernet1",
            f" tunnel destination 10.{i // 250}.{i % 250}.2",
            " tunnel protection ipsec profile IPP",
        ]
    return lines


def timed(label: str, func: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<58} {best * 1000:9.1f} ms")
    return best


def push_fleet(routers: int) -> None:
    for _ in range(routers):
        tree = ConfigTree()
        session = ConfigSession(tree)
        for line in DAY0 + PUSH:
            session.feed(line)
        show_running(tree)


def baseline_fleet(routers: int) -> None:
    # Floor: reading the same text as a tree, no grammar, plus producing it again.
    text = "\n".join(DAY0 + PUSH)
    for _ in range(routers):
        ConfigTree.from_text(text).to_text()


def main() -> None:
    print("flexorch IOS engine benchmark")
    engine = timed(
        "200 routers: day-0 + 25 pushed lines + show run (engine)", lambda: push_fleet(200)
    )
    floor = timed(
        "200 routers: same text, ConfigTree.from_text + to_text (floor)",
        lambda: baseline_fleet(200),
    )
    lines = 200 * (len(DAY0) + len(PUSH))
    print(f"  engine: {lines / engine:,.0f} lines/s; {engine / floor:.1f}x the no-grammar floor")

    for tunnels in (125, 1250):
        config = big_config(tunnels)
        text = "\n".join(config)
        count = len(config)

        def apply(config: list[str] = config) -> ConfigTree:
            tree = ConfigTree()
            session = ConfigSession(tree)
            for line in config:
                session.feed(line)
            return tree

        t_apply = timed(f"apply {count} lines through ConfigSession", apply, 1)
        print(f"  {t_apply / count * 1e6:.1f} us/line")
        tree = apply()
        timed(f"show_running of {count} lines", lambda tree=tree: show_running(tree))
        timed(f"normalize_config of {count} lines", lambda text=text: normalize_config(text))
        timed(
            f"ConfigTree.from_text of {count} lines (floor)",
            lambda text=text: ConfigTree.from_text(text),
        )

        def ccp(text: str = text) -> object:
            from ciscoconfparse2 import CiscoConfParse  # type: ignore[import-not-found]

            return CiscoConfParse(text.splitlines())

        try:
            import logging

            from loguru import logger  # type: ignore[import-not-found]

            logger.remove()
            logging.disable(logging.CRITICAL)
            timed(f"ciscoconfparse2 parse of {count} lines (reference)", ccp, 1)
        except ImportError:
            pass


if __name__ == "__main__":
    main()
