"""Every inventory problem of a run is reported at once (up to 20), one line each, exit 2; a
mistyped hub name gets a did-you-mean."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "inventory"
    shutil.copytree(REPO / "inventory", folder, ignore=shutil.ignore_patterns("schema"))
    return folder


def _render(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "flexorch", "-i", str(folder), "render",
                           "--site", "hub1"], capture_output=True, text=True, env=env,
                          check=False, timeout=120)


def test_three_broken_hosts_are_three_lines(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    hosts = folder / "hosts.yaml"
    text = hosts.read_text()
    text = text.replace("        description: GRE over IPsec to hub1\n",
                        "        description: GRE over IPsec to hub1\n        ip_mtu: 99999\n", 1)
    text = re.sub(r"(h1-ipsec:\n(?:.*\n)*?\s+)port: 22003", r"\1port: not-a-port", text, count=1)
    text = text.replace("  port: 22007\n", "  port: 22007\n  colour: blue\n", 1)
    hosts.write_text(text)
    done = _render(folder)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 3, done.stderr
    assert all(line.startswith("flexorch: error: ") for line in lines)
    # In file order, each with its line, host and path.
    assert [re.search(r"hosts\.yaml:(\d+): host (\S+): (\S+):", line).groups()[1:]  # type: ignore[union-attr]
            for line in lines] == [("h1-gre", "data.tunnels.Tunnel0.ip_mtu"),
                                   ("h1-ipsec", "port"), ("h1-sgt", "colour")]


def test_twenty_five_problems_show_twenty_and_say_how_many_more(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    hosts = folder / "hosts.yaml"
    extra = "".join(f"bad{i}:\n  hostname: 127.0.0.1\n  port: {40000 + i}\n  groups: "
                    f"[hub1_spokes]\n  data:\n    hubs: [hub1]\n    loopbacks: {{Loopback0: "
                    f"{{ipv4: not-an-address-{i}}}}}\n" for i in range(25))
    hosts.write_text(hosts.read_text() + extra)
    done = _render(folder)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 21, done.stderr
    assert lines[-1] == "flexorch: error: 5 more inventory error(s) not shown"
    assert all("host bad" in line and "loopbacks.Loopback0.ipv4" in line for line in lines[:20])


def test_a_mistyped_hub_gets_a_did_you_mean(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    groups = folder / "groups.yaml"
    text = groups.read_text()
    assert "hubs: [hub1]" in text
    groups.write_text(text.replace("hubs: [hub1]", "hubs: [hub01]", 1))
    done = _render(folder)
    assert done.returncode == 2
    assert "unknown hub 'hub01' (did you mean 'hub1'?)" in done.stderr
