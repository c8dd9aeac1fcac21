"""The line an inventory error points at (``flexorch.intent.yamlio.find_line``): in a big
hosts.yaml only the entry of the host is composed, and the line is the one the whole document
gives. Lines below are counted by hand in ``HEAD``."""

from __future__ import annotations

from pathlib import Path

import pytest

from flexorch.intent import yamlio

HEAD = """\
# hosts
h1:
  port: 1
  data:
    tunnels:
      Tunnel0: {mode: bogus, source: Gi1}
    routes:
      - {prefix: 10.0.0.0/8}
      - {prefix: 192.0.2.0/24}
'h10':
  port: 2
"h100": {port: 3}
h2:
  data:
    note: |
      h1:
        not a key
"""
# filler hosts after the head, so the file is big enough to be searched entry by entry
FILLER = "".join(f"f{n:05d}:\n  port: {n}\n  data: {{site: s}}\n" for n in range(3000))
TAIL = "last:\n  data:\n    tunnels:\n      Tunnel9: {mode: x}\n"
TAIL_LINE = HEAD.count("\n") + FILLER.count("\n") + 1  # the line of ``last:``

CASES = [
    (["h1", "data", "tunnels", "Tunnel0", "mode"], 6),
    (["h1", "data", "tunnels", "Tunnel0"], 6),
    (["h1", "data", "routes", 1, "prefix"], 9),
    (["h1", "data", "routes", 5], 7),  # no sixth route: the deepest part that exists
    (["h1", "port"], 3),
    (["h1"], 2),
    (["h10", "port"], 11),  # a quoted key; h1 is a prefix of it
    (["h100", "port"], 12),
    (["h2", "data", "note"], 15),  # the block scalar's "h1:" is no key
    (["last", "data", "tunnels", "Tunnel9", "mode"], TAIL_LINE + 3),
    (["nobody", "data"], 2),  # no such host: the top mapping, below the comment
]


@pytest.mark.parametrize(("keys", "line"), CASES)
def test_the_line_of_a_value_in_a_big_hosts_file(keys: list[str | int], line: int,
                                                 tmp_path: Path) -> None:
    path = tmp_path / "hosts.yaml"
    path.write_text(HEAD + FILLER + TAIL, encoding="utf-8")
    assert path.stat().st_size > 1 << 16  # searched entry by entry
    assert yamlio.find_line(path, keys) == line


@pytest.mark.parametrize(("keys", "line"), CASES[:9])
def test_the_same_lines_in_a_small_file(keys: list[str | int], line: int,
                                        tmp_path: Path) -> None:
    path = tmp_path / "hosts.yaml"
    path.write_text(HEAD, encoding="utf-8")  # composed whole
    assert yamlio.find_line(path, keys) == line


def test_an_unreadable_file_has_no_line(tmp_path: Path) -> None:
    assert yamlio.find_line(tmp_path / "absent.yaml", ["h1"]) is None
