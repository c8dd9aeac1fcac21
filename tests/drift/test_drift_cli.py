"""``flexorch drift`` bad input: exit 2, one line on stderr, no traceback, nothing contacted.

No lab runs here: the example inventory's routers are not listening, so a command that tried to
connect would report them unreachable (exit 1), not exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.drift.lab import EXAMPLE, flexorch


@pytest.mark.parametrize(("args", "message"), [
    (["drift"], "say which routers to check: --site SITE or --host HOST"),
    (["drift", "--site", "nowhere"], "unknown site 'nowhere'"),
    (["drift", "--host", "h1-gre", "--site", "hub2"], "host 'h1-gre' is in site hub1, not hub2"),
    (["drift", "--site", "hub1", "--remediate"],
     "--remediate needs --yes when stdin is not a terminal"),
    (["drift", "--site", "hub1", "--format", "yaml"], "Invalid value for '--format'"),
])
def test_bad_input_exits_2_with_one_line(args: list[str], message: str) -> None:
    out = flexorch(EXAMPLE, *args, timeout=60)
    assert out.returncode == 2, out.stdout + out.stderr
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


def test_broken_inventory_is_named(tmp_path: Path) -> None:
    (tmp_path / "hosts.yaml").write_text("r1:\n  hostname: 127.0.0.1\n  port: [not, a, port]\n")
    (tmp_path / "groups.yaml").write_text("{}\n")
    (tmp_path / "defaults.yaml").write_text("{}\n")
    out = flexorch(tmp_path, "drift", "--site", "s1", timeout=60)
    assert out.returncode == 2
    assert "hosts.yaml" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr
