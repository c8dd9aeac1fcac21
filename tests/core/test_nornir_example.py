"""The README's "own Nornir script" example runs as a user would run it: a separate Python
process, plain InitNornir with the FlexorchInventory plugin found by entry point, flexorch's
tasks, real SSH to the lab serving site hub1 on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flexorch.intent import load_fleet
from flexorch.lab.fleet import LabFleet
from flexorch.lab.settings import LabSettings
from flexorch.render import render_host
from tests.lab.helpers import copy_inventory

pytestmark = pytest.mark.lab
REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "docs" / "examples" / "nornir_tunnels.py"


def test_readme_shows_the_example_verbatim() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = readme.split("# docs/examples/nornir_tunnels.py\n", 1)[1].split("```", 1)[0]
    assert shown == EXAMPLE.read_text(encoding="utf-8")


def test_example_script_reads_the_lab_through_the_plugin(tmp_path: Path) -> None:
    inventory = copy_inventory(REPO / "inventory", tmp_path / "inventory")
    fleet = load_fleet(inventory)
    settings = LabSettings(revert_seconds_per_minute=1, reload_seconds=0.3, login_timeout=10)
    with LabFleet.start(inventory, tmp_path / "lab", settings=settings) as lab:
        for host in fleet.select(site="hub1"):
            assert lab.router(host.name).apply_config(
                render_host(fleet, host.name).splitlines()) == []
        lab.router("h1-cert").set_fault("auth-refuse")
        # a user's shell: no FLEXORCH_ variable but where flexorch keeps its state (the lab
        # pinned its routers' key there, as `flexorch lab up` does)
        kept = ("FLEXORCH_STATE_DIR", "FLEXORCH_KNOWN_HOSTS")
        env = {k: v for k, v in os.environ.items() if not k.startswith("FLEXORCH_") or k in kept}
        done = subprocess.run([sys.executable, str(EXAMPLE)], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    spoke = "(spoke): 1 SA(s) READY, 1 static tunnel(s), 0 virtual template(s) in the intent"
    assert done.stdout.splitlines() == [
        "h1-cert (spoke): auth: authentication failed",
        f"h1-frag {spoke}",
        f"h1-gre {spoke}",
        f"h1-ipsec {spoke}",
        f"h1-mixed {spoke}",
        f"h1-sgt {spoke}",
        f"h1-v6 {spoke}",
        # one SA per spoke (h1-cert's tunnel is up: only its logins are refused)
        "hub1 (hub): 7 SA(s) READY, 0 static tunnel(s), 2 virtual template(s) in the intent",
    ]
