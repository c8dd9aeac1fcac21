"""``cut_blocks`` cuts a config into runs of lines that read alone into the nodes the whole text
reads into, and ``normalize_running`` (its blocks looked up by their text) gives the canonical
tree ``normalize_config`` gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.ios.config import ConfigTree, Node, normalize_config
from flexorch.ios.config import normalize as normalize_module
from flexorch.ios.config.normalize import normalize_running
from flexorch.ios.config.reader import cut_blocks, read_block, read_lines

ROOT = Path(__file__).resolve().parents[2]
REAL = sorted((ROOT / "tests" / "fixtures" / "real").glob("*/*.cfg"))


def _lines(text: str) -> list[str]:
    return [raw.rstrip() for raw in text.splitlines()]


@pytest.mark.parametrize("path", REAL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_real_configs_read_alike_in_runs(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    lines = _lines(text)
    runs = cut_blocks(lines)
    if runs is not None:
        assert [line for run in runs for line in run] == lines[len(lines) - sum(map(len, runs)):]
        assert [node for run in runs for node in read_block(run)] == read_lines(lines)
    normalize_module._RUNNING.clear()
    for mask in (True, False):
        whole = normalize_config(ConfigTree.from_text(text), mask_secrets=mask)
        assert normalize_running(text, mask_secrets=mask) == whole
        assert normalize_running(text, mask_secrets=mask) == whole  # met twice: kept
        assert normalize_running(text, mask_secrets=mask) == whole  # the runs looked up


def test_most_real_configs_are_cut() -> None:
    cut = [p for p in REAL if cut_blocks(_lines(p.read_text(encoding="utf-8",
                                                            errors="replace")))]
    assert len(cut) >= 0.9 * len(REAL)


SPOKE = """\
Building configuration...

Current configuration : 200 bytes
!
hostname s1
!
interface GigabitEthernet1
 description uplink
description printed at column 0
 no ip address
!
banner motd ^C
hostname inside the banner
^C
ip route 0.0.0.0 0.0.0.0 GigabitEthernet1
end
"""


def test_runs_start_where_global_mode_takes_a_line() -> None:
    runs = cut_blocks(_lines(SPOKE))
    assert runs == [
        ["hostname s1", "!"],
        ["interface GigabitEthernet1", " description uplink",
         "description printed at column 0", " no ip address", "!"],
        ["banner motd ^C", "hostname inside the banner", "^C"],
        ["ip route 0.0.0.0 0.0.0.0 GigabitEthernet1", "end"],
    ]
    assert read_block(runs[1]) == [Node("interface GigabitEthernet1", [
        Node("description uplink"), Node("description printed at column 0"),
        Node("no ip address")])]


@pytest.mark.parametrize("text", [
    "hostname r1\ninterface Tunnel0\nip address 10.0.0.1 255.255.255.0\n",  # flat: by modes
    "interface Tunnel0\n description x\n banner motd ^C\nhi\n^C\n",  # an indented banner
    "vrf definition A\n rd 1:1\naddress-family ipv4\n route-target export 1:1\n"
    "exit-address-family\n",  # a family printed at column 0
])
def test_text_read_by_modes_is_not_cut(text: str) -> None:
    assert cut_blocks(_lines(text)) is None
    assert normalize_running(text) == normalize_config(ConfigTree.from_text(text))
