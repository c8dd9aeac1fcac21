"""Text of the lab's non-crypto show commands, shaped like IOS-XE 17 output."""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable, Mapping

from flexorch.ios.config import ConfigTree, Node
from flexorch.ios.facts import platform

FLASH_TOTAL = 7897796608
NVRAM_TOTAL = 33554432


def ios_time(when: float, *, clock: bool = False) -> str:
    """``10:23:45 UTC Mon Mar 4 2024``; with ``clock`` the ``show clock`` form with ``*`` and ms."""
    t = time.gmtime(when)
    hms = time.strftime("%H:%M:%S", t)
    if clock:
        hms = f"*{hms}.{int((when % 1) * 1000):03d}"
    return f"{hms} UTC {time.strftime('%a %b', t)} {t.tm_mday} {t.tm_year}"


def uptime_text(seconds: float) -> str:
    """IOS uptime wording: ``1 week, 2 days, 3 hours, 4 minutes`` (zero units left out)."""
    minutes = int(seconds // 60)
    parts = []
    units = (("year", 525600), ("week", 10080), ("day", 1440), ("hour", 60), ("minute", 1))
    for unit, size in units:
        count, minutes = divmod(minutes, size)
        if count:
            parts.append(f"{count} {unit}{'s' if count != 1 else ''}")
    return ", ".join(parts) or "0 minutes"


def with_change_lines(text: str, last_change: tuple[float, str] | None,
                      last_save: tuple[float, str] | None) -> str:
    """Insert IOS's ``! Last configuration change ...`` comment lines after the header."""
    extra = []
    if last_change:
        when, user = last_change
        extra.append(f"! Last configuration change at {ios_time(when)} by {user}")
    if last_save:
        when, user = last_save
        extra.append(f"! NVRAM config last updated at {ios_time(when)} by {user}")
    marker = " bytes\n!\n"
    cut = text.find(marker)
    if not extra or cut < 0:
        return text
    cut += len(marker)
    return text[:cut] + "\n".join(extra) + "\n!\n" + text[cut:]


def show_version(hostname: str, version: str, boot_time: float, name: str) -> str:
    serial = "9" + hashlib.sha256(name.encode()).hexdigest()[:10].upper()
    train = ".".join(f"{int(re.sub(r'[^0-9]', '', p) or 0):02d}" for p in version.split(".")[:3])
    suffix = re.sub(r"^[0-9.]+", "", version)
    up = uptime_text(time.time() - boot_time)
    return f"""Cisco IOS XE Software, Version {train}{suffix}
Cisco IOS Software [Cupertino], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version {version}, RELEASE SOFTWARE (fc3)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2024 by Cisco Systems, Inc.
Compiled Fri 20-Oct-23 10:44 by mcpre


Cisco IOS-XE software, Copyright (c) 2005-2024 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.

ROM: IOS-XE ROMMON

{hostname} uptime is {up}
Uptime for this control processor is {up}
System returned to ROM by reload
System image file is "bootflash:packages.conf"
Last reload reason: reload

This product contains cryptographic features (flexorch lab simulation).

License Level: network-advantage
License Type: Perpetual
Next reload license Level: network-advantage

cisco C8000V (VXE) processor (revision VXE) with 1987891K/3075K bytes of memory.
Processor board ID {serial}
Router operating mode: Autonomous
3 Gigabit Ethernet interfaces
32768K bytes of non-volatile configuration memory.
3965112K bytes of physical memory.
11526144K bytes of virtual hard disk at bootflash:.

Configuration register is 0x2102

"""  # noqa: E501 -- one line of real output, kept whole


def interfaces(tree: ConfigTree) -> dict[str, Node]:
    """Interface blocks by name (``interface Virtual-Template1 type tunnel``: Virtual-Template1)."""
    return {n.text.split()[1]: n for n in tree.find("interface") if len(n.text.split()) > 1}


def _interface_address(node: Node, tree: ConfigTree) -> tuple[str, str]:
    """(address, method) as ``show ip interface brief`` prints them."""
    for child in node.children:
        words = child.text.split()
        if words[:2] == ["ip", "address"] and len(words) >= 3:
            if words[2] in ("dhcp", "negotiated"):
                return "unassigned", "DHCP" if words[2] == "dhcp" else "IPCP"
            return words[2], "manual"
        if words[:2] == ["ip", "unnumbered"] and len(words) == 3:
            donor = interfaces(tree).get(words[2])
            if donor is not None:
                return _interface_address(donor, tree)[0], "unset"
    return "unassigned", "unset"


def show_ip_interface_brief(tree: ConfigTree, tunnel_up: dict[str, bool],
                            extra: Iterable[tuple[str, str]] = (),
                            leases: Mapping[str, str] | None = None) -> str:
    """The interface table. ``tunnel_up`` gives line protocol of tunnel-like interfaces;
    ``extra`` adds (name, address) rows for interfaces not in the config (Virtual-Access);
    ``leases``: the address each ``ip address dhcp|negotiated`` interface holds (method DHCP or
    IPCP all the same)."""
    rows = ["Interface              IP-Address      OK? Method Status                Protocol"]
    entries: list[tuple[str, str, str, str, str]] = []
    for name, node in interfaces(tree).items():
        address, method = _interface_address(node, tree)
        if address == "unassigned" and method in ("DHCP", "IPCP") and leases and name in leases:
            address = leases[name]
        shut = node.child("shutdown") is not None
        status = "administratively down" if shut else "up"
        if shut:
            proto = "down"
        elif name.startswith(("Tunnel", "Virtual-Template")):
            proto = "up" if tunnel_up.get(name) else "down"
        else:
            proto = "up"
        entries.append((name, address, method, status, proto))
    entries.extend((name, address, "unset", "up", "up") for name, address in extra)
    entries.sort(key=lambda e: interface_order(e[0]))
    for name, address, method, status, proto in entries:
        rows.append(f"{name:<23}{address:<16}YES {method:<7}{status:<22}{proto}")
    return "\n".join(rows) + "\n"


def interface_order(name: str) -> tuple[int, tuple[int, ...], int, tuple[int, ...]]:
    """IOS's interface order (``platform.interface_sort_key``); unknown types last."""
    try:
        return platform.interface_sort_key(name)
    except ValueError:
        return (len(platform.INTERFACE_TYPES), (), 0, ())


def show_archive(path: str | None, maximum: int, archives: list[str], count: int) -> str:
    if not path:
        return "Archive feature not enabled\n"
    prefix = path.split(":", 1)[0] + ":"
    lines = [
        f"The maximum archive configurations allowed is {maximum}.",
        f"There are currently {len(archives)} archive configurations saved.",
        f"The next archive file will be named {path}-{count + 1}",
        " Archive #  Name",
    ]
    for slot in range(1, maximum + 1):
        index = len(archives) - maximum + slot - 1 if len(archives) > maximum else slot - 1
        if 0 <= index < len(archives):
            mark = " <- Most Recent" if index == len(archives) - 1 else ""
            lines.append(f"   {slot:<8} {prefix}{archives[index]}{mark}")
        else:
            lines.append(f"   {slot}")
    return "\n".join(lines) + "\n"


def show_dir(files: dict[str, str], times: dict[str, float]) -> str:
    lines = ["Directory of bootflash:/", ""]
    used = 0
    for inode, name in enumerate(sorted(files), start=11):
        size = len(files[name].encode())
        used += size
        t = time.gmtime(times.get(name, time.time()))
        clock = time.strftime("%H:%M:%S", t)
        stamp = f"{time.strftime('%b', t)} {t.tm_mday} {t.tm_year} {clock} +00:00"
        lines.append(f"{inode:>6}  -rw-  {size:>15}  {stamp}  {name}")
    lines += ["", f"{FLASH_TOTAL} bytes total ({FLASH_TOTAL - used - 1071505408} bytes free)"]
    return "\n".join(lines) + "\n"


def apply_filters(text: str, filters: list[tuple[str, str]]) -> str | None:
    """Apply ``| include/exclude/begin/section/count`` in order; None on a bad regex."""
    for kind, expression in filters:
        try:
            regex = re.compile(expression)
        except re.error:
            return None
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if kind == "include":
            lines = [line for line in lines if regex.search(line)]
        elif kind == "exclude":
            lines = [line for line in lines if not regex.search(line)]
        elif kind == "begin":
            start = next((i for i, line in enumerate(lines) if regex.search(line)), len(lines))
            lines = lines[start:]
        elif kind == "section":
            lines = _section(lines, regex)
        elif kind == "count":
            hits = sum(1 for x in lines if regex.search(x))
            lines = [f"Number of lines which match regexp = {hits}"]
        text = "\n".join(lines) + ("\n" if lines else "")
    return text


def _section(lines: list[str], regex: re.Pattern[str]) -> list[str]:
    """IOS ``| section``: every top-level line with its nested lines, when any of them matches."""
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if not line.strip() or _indent(line) == 0:
            if any(regex.search(x) for x in block):
                out.extend(block)
            block = []
        if line.strip():
            block.append(line)
    return out


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
