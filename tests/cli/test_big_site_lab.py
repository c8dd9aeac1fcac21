"""The big-site scenario of issue 14 on the lab, small enough for CI: one hub and 39 spokes, 5
broken by hand in five ways. verify, drift and the report must name every broken spoke on
their first screen, with its cause (the 300-router version is tests/bench/bench_outputs.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.lab
BENCH = Path(__file__).resolve().parents[1] / "bench"
SCREEN = 40  # lines of one terminal screen


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    sys.path.insert(0, str(BENCH))
    from big_lab import big_site

    with big_site(tmp_path_factory.mktemp("big"), spokes=39) as (inventory, _, broken):
        yield inventory, broken


def flexorch(inventory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FLEXORCH_INVENTORY": str(inventory), "COLUMNS": "160"}
    return subprocess.run([sys.executable, "-m", "flexorch", *args], capture_output=True,
                          text=True, env=env, timeout=300, check=False)


def first_screen_names_each(out: str, broken: dict[str, str]) -> None:
    screen = out.splitlines()[:SCREEN]
    for spoke, cause in broken.items():
        lines = [line for line in screen if spoke in line]
        assert lines, f"{spoke} not on the first screen:\n" + "\n".join(screen)
        assert any(cause in line for line in lines), (spoke, cause, lines)


def test_verify_drift_and_report_put_every_broken_spoke_first(
    big: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    inventory, broken = big
    verify = flexorch(inventory, "verify", "--site", "bench")
    assert verify.returncode == 1, verify.stderr
    first_screen_names_each(verify.stdout, broken)
    for spoke in broken:  # each tunnel's line names both routers
        assert f"MISMATCH    {spoke} Tunnel0 to hub: " in verify.stdout
    assert "tunnels on 35 routers with every check ok: not listed (--all lists them)" \
        in verify.stdout
    summary = verify.stdout.splitlines()[-1]
    assert summary.startswith("verify: 40 routers: 34 ok, 6 mismatch (")
    assert all(spoke in summary for spoke in broken)

    drift = flexorch(inventory, "drift", "--site", "bench")
    assert drift.returncode == 1, drift.stderr
    first_screen_names_each(drift.stdout, broken)
    assert "34 routers clean: not listed (--all lists them)" in drift.stdout

    page = tmp_path / "bench.html"
    made = flexorch(inventory, "report", "--site", "bench", "--html", str(page))
    assert made.returncode == 0, made.stderr
    html = page.read_text(encoding="utf-8")
    top = html[html.index('<section id="problems">'):html.index('<section id="tunnels">')]
    for spoke, cause in broken.items():
        start = top.index(f'<tr data-host="{spoke}" data-peer="hub"')
        assert cause in top[start:top.index("</tr>", start)], spoke
