"""``flexorch drift`` bad input: exit 2, one line on stderr, no traceback, nothing contacted.

No lab runs here: the example inventory's routers are not listening, so a command that tried to
connect would report them unreachable (exit 1), not exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.drift.lab import EXAMPLE, flexorch


@pytest.mark.parametrize(("args", "message"), [
    (["drift"], "say which routers to check: --site SITE, --host HOST, --group GROUP, --role "
                "ROLE or --filter EXPR"),
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


def test_unresolvable_psk_is_bad_input_named_once(tmp_path: Path) -> None:
    """Secrets are resolved while the sessions run: an unset PSK variable still ends the run
    with exit 2 and one line naming the variable and the host, nothing per host."""
    import shutil

    from flexorch.secrets import lab_secret

    inventory = tmp_path / "inventory"
    shutil.copytree(EXAMPLE, inventory, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    defaults = inventory / "defaults.yaml"
    text = defaults.read_text(encoding="utf-8")
    assert "lab_fallback: true" in text
    defaults.write_text(text.replace("lab_fallback: true", "lab_fallback: false"), "utf-8")
    env = {"FLEXORCH_DEVICE_PASSWORD": lab_secret("FLEXORCH_DEVICE_PASSWORD")}
    out = flexorch(inventory, "drift", "--host", "h1-gre", env=env, timeout=120)
    assert out.returncode == 2, out.stdout + out.stderr
    assert out.stdout == ""
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith("flexorch: error:")
    assert "FLEXORCH_PSK_H1_GRE" in last
    assert "h1-gre" in last
    assert "drift not computed" not in out.stderr
    assert "Traceback" not in out.stderr
