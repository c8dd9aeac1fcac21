"""Generate a large FlexVPN inventory for benchmarks: one hub and N spokes in one site.

    .venv/bin/python tests/bench/gen_fleet.py OUT_DIR --spokes 10000
    .venv/bin/python tests/bench/gen_fleet.py OUT_DIR --spokes 100000 --hubs 10

With ``--hubs N`` (N > 1) the hubs are ``hub01``..``hubNN`` in the same site and spoke i belongs
to hub (i mod N) + 1. Up to 40,000 spokes every router has its own port on 127.0.0.1 (the lab
can serve them); above that the fleet is for offline benchmarks only (lint, render, plan): each
router gets its own loopback address (127.x.y.z) on port 22.

The shape is the shipped example fleet's: shared blocks (proposal, policy, transform set, AAA,
authorization policy, spoke profile and IPsec profile) in groups, and per spoke only what a real
spoke has of its own: its port, WAN address, loopback, one tunnel to the hub and a PSK reference.
Spokes alternate GRE, IPsec IPv4 and IPv6-transport tunnels; the hub keyring and profile get one
derived entry per spoke, as in production. Addresses come from 198.18.0.0/15 (benchmarking) and
2001:db8::/32 (documentation); secrets are env references resolved by the lab fallback.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

DEFAULTS = """\
platform: cisco_ios
data:
  secrets:
    lab_fallback: true
  credentials:
    username: flexorch
    password: {env: FLEXORCH_DEVICE_PASSWORD}
"""

GROUPS = """\
base:
  data:
    site: bench
    flexvpn:
      {wan: GigabitEthernet1, profile: FLEX, keyring: FLEX_KEYS, identity_domain: bench.example}
    ikev2_proposals:
      NGE: {encryption: [aes-gcm-256], prf: [sha512], group: [21, 20]}
    ikev2_policies:
      POL: {match_fvrf: any, proposals: [NGE]}
    ipsec_transform_sets:
      TS: {esp_encryption: esp-gcm 256}
    aaa:
      authorization: [{type: network, name: FLEX_LOCAL, methods: [local]}]
    ikev2_authorization_policies:
      ROUTES: {route_set_interface: true, route_accept_any: {}}
spokes:
  groups: [base]
  data:
    role: spoke
    hubs: [hub]
    ikev2_profiles:
      FLEX:
        match: {fvrf: any}
        authentication_remote: [{method: pre-share}]
        authentication_local: {method: pre-share}
        dpd: {interval: 30, retry: 5, mode: on-demand}
        aaa_authorization: [{scope: group, kind: psk, list: FLEX_LOCAL, name: ROUTES}]
    ipsec_profiles:
      IPSEC: {transform_sets: [TS], ikev2_profile: FLEX}
"""

HUB = """\
{name}:
  hostname: 127.0.0.1
  port: {port}
  groups: [base]
  data:
    role: hub
    interfaces:
      GigabitEthernet1: {{ipv4: {wan}/15, ipv6: ["{wan6}/64"]}}
    loopbacks:
      Loopback0: {{ipv4: {loop}/32, ipv6: ["{loop6}/128"]}}
    virtual_templates:
      Virtual-Template1: {{ip_unnumbered: Loopback0, ipv6_unnumbered: Loopback0, protection: IPSEC}}
    ikev2_profiles:
      FLEX:
        authentication_remote: [{{method: pre-share}}]
        authentication_local: {{method: pre-share}}
        dpd: {{interval: 30, retry: 5, mode: on-demand}}
        virtual_template: {{number: 1, mode_auto: true}}
        aaa_authorization: [{{scope: group, kind: psk, list: FLEX_LOCAL, name: ROUTES}}]
    ipsec_profiles:
      IPSEC: {{transform_sets: [TS], ikev2_profile: FLEX, mixed_mode: true}}
    ikev2: {{fragmentation: {{mtu: 1200}}}}
"""
LAB_PORTS = 40000  # spokes up to which every router has its own port on 127.0.0.1
_MODES = ("gre ip", "ipsec ipv4", "ipsec ipv6")


def hub_names(hubs: int) -> list[str]:
    """``hub`` alone, else ``hub01``, ``hub02``, ..."""
    return ["hub"] if hubs == 1 else [f"hub{k:02d}" for k in range(1, hubs + 1)]


def hub_yaml(index: int, hubs: int) -> str:
    """The hosts.yaml entry of hub number ``index`` (1-based): hub 1 keeps the single-hub
    addresses; the others sit at the top of the benchmarking range, clear of the spokes."""
    name = hub_names(hubs)[index - 1]
    if index == 1:
        wan, wan6, loop, loop6 = "198.18.0.1", "2001:db8::1", "10.0.0.1", "2001:db8:ffff::1"
    else:
        wan, wan6 = f"198.19.255.{index}", f"2001:db8::1:0:{index:x}"
        loop, loop6 = f"10.255.255.{index}", f"2001:db8:ffff::1:0:{index:x}"
    return HUB.format(name=name, port=22000 + index, wan=wan, wan6=wan6, loop=loop, loop6=loop6)


def spoke_yaml(index: int, hubs: int = 1, spokes: int = 1) -> str:
    """The hosts.yaml entry of spoke number ``index`` (1-based) of ``spokes``, with its hub."""
    wan = ipaddress.IPv4Address("198.18.0.1") + index
    loop = ipaddress.IPv4Address("10.0.0.1") + index
    mode = _MODES[index % len(_MODES)]
    v6 = mode == "ipsec ipv6"
    # the index in one 16-bit group, two above 65,535 spokes
    group = f"{index:x}" if index <= 0xFFFF else f"{index >> 16:x}:{index & 0xFFFF:x}"
    wan_line = (f'{{ipv6: ["2001:db8::{group}:1/64"]}}' if v6 else f"{{ipv4: {wan}/15}}")
    overlay = ('ipv6_unnumbered: Loopback0' if v6 else "ip_unnumbered: Loopback0")
    loop_line = (f'{{ipv6: ["2001:db8:ffff::{group}:1/128"]}}' if v6 else f"{{ipv4: {loop}/32}}")
    hub = hub_names(hubs)[index % hubs]
    if spokes <= LAB_PORTS:
        address = f"  hostname: 127.0.0.1\n  port: {22000 + hubs + index}\n"
    else:
        address = f"  hostname: {ipaddress.IPv4Address('127.1.0.0') + index}\n  port: 22\n"
    own_hub = f"    hubs: [{hub}]\n" if hubs > 1 else ""
    return (
        f"s{index:05d}:\n"
        f"{address}"
        f"  groups: [spokes]\n"
        f"  data:\n"
        f"{own_hub}"
        f"    psk: {{env: FLEXORCH_PSK_S{index:05d}}}\n"
        f"    interfaces:\n"
        f"      GigabitEthernet1: {wan_line}\n"
        f"    loopbacks:\n"
        f"      Loopback0: {loop_line}\n"
        f"    tunnels:\n"
        f"      Tunnel0: {{{overlay}, source: GigabitEthernet1, mode: {mode}, peer: {hub}, "
        f"protection: IPSEC}}\n"
    )


def generate(folder: Path, spokes: int, hubs: int = 1) -> Path:
    """Write hosts.yaml, groups.yaml and defaults.yaml for ``hubs`` hubs and ``spokes``
    spokes (spread evenly over the hubs)."""
    if not 1 <= spokes <= 200000 or not 1 <= hubs <= 99:
        raise ValueError("spokes must be between 1 and 200000, hubs between 1 and 99")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "defaults.yaml").write_text(DEFAULTS, encoding="utf-8")
    (folder / "groups.yaml").write_text(GROUPS, encoding="utf-8")
    with (folder / "hosts.yaml").open("w", encoding="utf-8") as out:
        for index in range(1, hubs + 1):
            out.write(hub_yaml(index, hubs))
        for index in range(1, spokes + 1):
            out.write(spoke_yaml(index, hubs, spokes))
    return folder


def cpu_seconds() -> float:
    """CPU seconds of this process and of the worker processes it forked and reaped
    (``flexorch.forked``): the CPU the work took, wherever it ran."""
    import resource
    import time

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB since it started (``VmHWM``).

    Not ``getrusage(RUSAGE_SELF).ru_maxrss``: Linux carries that across ``execve``, so a child
    started by a big parent (pytest late in a suite, a bench that generated 10,000 configs)
    reports the parent's size at fork. ``VmHWM`` belongs to the new address space only."""
    with Path("/proc/self/status").open(encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("/proc/self/status has no VmHWM (not Linux?)")


def measure_in_child(script: str, arg: Path, timeout: float,
                     env: dict[str, str] | None = None) -> dict[str, Any] | None:
    """Run ``script --child ARG`` in a fresh interpreter (a clean heap for peak RSS, hash seed
    fixed, ``env`` added to the environment) and return the JSON figures of its last line; None
    when it did not finish in time."""
    try:
        out = subprocess.run(
            [sys.executable, script, "--child", str(arg)], capture_output=True, text=True,
            check=True, timeout=timeout, env={**os.environ, "PYTHONHASHSEED": "0", **(env or {})},
        )
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        sys.exit(f"child failed:\n{exc.stderr}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def machine_line() -> str:
    """The CPUs and load average a benchmark ran with (its figures depend on them)."""
    return f"cpus: {os.cpu_count()}  load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"


def measure_sizes(script: str, prefix: str, sizes: Sequence[int],
                  make: Callable[[Path, int], Path], timeout: float,
                  env: dict[str, str] | None = None) -> dict[int, dict[str, Any] | None]:
    """Each size measured by ``measure_in_child(script, make(folder, size))``, the inputs made
    in a temporary folder (named ``prefix``...) removed afterwards; size -> figures or None."""
    results: dict[int, dict[str, Any] | None] = {}
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        for size in sizes:
            results[size] = measure_in_child(script, make(Path(tmp) / str(size), size), timeout,
                                             env)
    return results


def add_run_options(parser: argparse.ArgumentParser, timeout: float) -> None:
    """``--timeout`` (per size) and the hidden ``--child`` of a benchmark run by ``sized_run``."""
    parser.add_argument("--timeout", type=float, default=timeout, help="per size, seconds")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)


def sized_run(script: str, args: argparse.Namespace, child: Callable[[Path], dict[str, Any]],
              prefix: str, sizes: Sequence[int], make: Callable[[Path, int], Path],
              env: dict[str, str] | None = None) -> dict[int, dict[str, Any] | None] | None:
    """A size benchmark's two roles: as ``--child`` print ``child``'s figures and return None;
    else print the machine line and return ``measure_sizes`` of every size."""
    if args.child is not None:
        print(json.dumps(child(args.child)))
        return None
    print(machine_line())
    return measure_sizes(script, prefix, sizes, make, args.timeout, env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--spokes", type=int, default=10000)
    parser.add_argument("--hubs", type=int, default=1)
    args = parser.parse_args()
    generate(args.folder, args.spokes, args.hubs)
    print(f"wrote {args.folder} ({args.hubs} hub(s), {args.spokes} spokes)")


if __name__ == "__main__":
    main()
