"""The example fleet on the lab for drift's end-to-end tests.

The inventory is a copy of the shipped example fleet with every router moved to a free loopback
port, so these tests never collide with a lab someone else runs on the example ports."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from flexorch.intent import load_fleet
from flexorch.intent.fleet import Fleet
from flexorch.render import render_host

if TYPE_CHECKING:
    from flexorch.lab.fleet import LabFleet

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inventory"
SITE = "hub1"


def free_ports(count: int) -> list[int]:
    """``count`` loopback ports nobody listens on, below the kernel's ephemeral range (32768+),
    so client connections of other processes cannot take them before the lab binds them."""
    import random

    ports: list[int] = []
    candidate = random.randrange(12000, 30000 - count)
    while len(ports) < count:
        candidate += 1
        if candidate >= 32000:
            candidate = 12000
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", candidate))
            except OSError:
                continue
        ports.append(candidate)
    return ports


def copy_inventory(target: Path) -> Path:
    """The example inventory in ``target`` with fresh ports (same hosts, same intent)."""
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    hosts = target / "hosts.yaml"
    text = hosts.read_text(encoding="utf-8")
    old = re.findall(r"^  port: (\d+)$", text, flags=re.MULTILINE)
    assert old, "the example inventory has no 'port:' lines any more"
    mapping = dict(zip(old, (str(p) for p in free_ports(len(old))), strict=True))
    text = re.sub(r"^  port: (\d+)$", lambda m: f"  port: {mapping[m.group(1)]}", text,
                  flags=re.MULTILINE)
    hosts.write_text(text, encoding="utf-8")
    return target


def configure_site(lab: object, fleet: Fleet, site: str = SITE) -> None:
    """Type every router's rendered managed sections into it (what a rollout leaves)."""
    from flexorch.lab.fleet import LabFleet

    assert isinstance(lab, LabFleet)
    for host in fleet.select(site=site):
        errors = lab.router(host.name).apply_config(render_host(fleet, host.name).splitlines())
        assert errors == [], (host.name, errors)


@contextlib.contextmanager
def configured_lab(inventory: Path, fleet: Fleet, state: Path,
                   sites: Sequence[str] = (SITE,)) -> Iterator[LabFleet]:
    """The lab of ``inventory`` (fast revert timer and reload) with ``sites`` configured as a
    rollout leaves them."""
    from flexorch.lab.fleet import LabFleet
    from flexorch.lab.settings import LabSettings

    settings = LabSettings(revert_seconds_per_minute=1, reload_seconds=0.3, login_timeout=10)
    with LabFleet.start(inventory, state, settings=settings) as lab:
        for site in sites:
            configure_site(lab, fleet, site)
        yield lab


def site_names(fleet: Fleet, site: str = SITE) -> list[str]:
    return [h.name for h in fleet.select(site=site)]


def flexorch(inventory: Path, *args: str, env: dict[str, str] | None = None,
             timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run the real CLI (stdin not a terminal, like cron)."""
    return subprocess.run(
        [sys.executable, "-m", "flexorch", "-i", str(inventory), *args],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=timeout,
        stdin=subprocess.DEVNULL, check=False, cwd=ROOT,
    )


def restore(router: object, running: str) -> None:
    """Put a lab router's running config back to ``running``."""
    from flexorch.lab.fleet import RouterHandle

    assert isinstance(router, RouterHandle)
    if router.running_config() != running:
        router.call(lambda r: r.state.replace_running(running, "test"))


__all__ = ["configure_site", "copy_inventory", "flexorch", "load_fleet", "restore", "site_names"]
