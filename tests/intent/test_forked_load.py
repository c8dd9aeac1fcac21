"""A big inventory is parsed and validated by worker processes (issue 15: ``flexorch.forked``):
what comes back, and every error, is what one process loads or raises.

Each test loads the same inventory with ``FLEXORCH_WORKERS=2`` and ``=1`` (one process: the
reference) and compares. That the workers did the work shows in what they cannot share with
this process (one scalar or group block object for every host); those checks run in a fresh
interpreter, where no thread left by another test keeps ``forked_map`` from forking.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from flexorch.errors import InventoryError
from flexorch.intent import load_fleet, yamlload
from flexorch.intent.validate import FORKED_HOSTS
from tests.bench.gen_fleet import generate
from tests.core.test_forked import _run  # code in a fresh interpreter, the JSON it prints

# 40 top-level keys: with a cut before every second key, 20 pieces (FORKED_PIECES is 4)
KEYS = "".join(f"h{n}:\n  port: {n}\n  data: {{site: site one, tags: [a, '{n}', 1.5, yes, ~]}}\n"
               for n in range(40))


def _load(text: str, monkeypatch: pytest.MonkeyPatch, workers: int) -> Any:
    monkeypatch.setattr(yamlload, "PIECE_BYTES", 0)
    monkeypatch.setattr(yamlload, "PIECE_KEYS", 2)
    monkeypatch.setenv("FLEXORCH_WORKERS", str(workers))
    return yamlload.load(text)


def test_pieces_parsed_by_workers_equal_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = _load(KEYS, monkeypatch, 1)
    forked = _load(KEYS, monkeypatch, 2)
    assert forked == alone == yaml.load(KEYS, Loader=yamlload.Loader)
    assert list(forked) == [f"h{n}" for n in range(40)]  # in the document's order


def test_pieces_are_parsed_by_workers() -> None:
    """40,000 keys in 80 pieces (about 2 s of parsing), 16 chunks: every process takes pieces
    from the queue. One process shares one "site" string among all the keys it parsed; a
    worker's chunks come back pickled one by one, each with its own copy."""
    got = _run("""
        import json, os
        from flexorch.intent import yamlload
        text = "".join(f"k{n}:\\n  port: {n}\\n  data: {{site: site one, tags: [a, b]}}\\n"
                       for n in range(40000))
        sites = {}
        for workers in ("1", "2"):
            os.environ["FLEXORCH_WORKERS"] = workers
            value = yamlload.load(text)
            assert len(value) == 40000 and value["k39999"]["port"] == 39999
            sites[workers] = len({id(v["data"]["site"]) for v in value.values()})
        print(json.dumps(sites))
    """)
    assert got["1"] == 1
    assert 2 <= got["2"] <= 1 + 16  # this process's, and one per chunk a worker sent


@pytest.mark.parametrize("tail", [
    "h40: [1\n",  # a syntax error in the worker's pieces
    "h0: {}\n",  # a key of the parent's pieces given again in the worker's
    "h40: 'open\nh41: 1\n",  # a quoted scalar across a cut: a piece that does not parse
])
def test_a_worker_piece_that_fails_gives_what_one_process_gives(
        tail: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = KEYS + tail
    results = []
    for workers in (1, 2):
        try:
            results.append(("value", _load(text, monkeypatch, workers)))
        except yaml.YAMLError as exc:
            results.append(("error", str(exc)))
    assert results[0] == results[1]
    try:
        expected = ("value", yaml.load(text, Loader=yamlload.Loader))
    except yaml.YAMLError as exc:
        expected = ("error", str(exc))
    assert results[1] == expected


def _fleet_view(folder: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> dict[str, Any]:
    monkeypatch.setenv("FLEXORCH_WORKERS", str(workers))
    fleet = load_fleet(folder)
    return {name: (host, sorted(host.model_fields_set),
                   {key: (src.kind, src.name) for key, src in fleet.sources[name].items()})
            for name, host in fleet.hosts.items()}


def test_hosts_validated_by_workers_equal_one_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = generate(tmp_path / "fleet", FORKED_HOSTS, 2)
    alone = _fleet_view(folder, monkeypatch, 1)
    forked = _fleet_view(folder, monkeypatch, 2)
    assert len(forked) == FORKED_HOSTS + 2
    assert list(forked) == list(alone)
    for name, view in alone.items():
        assert forked[name] == view, name
    # the hubs' keyrings hold a peer per spoke, derived after validation: all of them
    assert len(next(iter(forked["hub01"][0].ikev2_keyrings.values())).peers) \
        == FORKED_HOSTS // 2


def test_hosts_are_validated_by_workers(tmp_path: Path) -> None:
    folder = generate(tmp_path / "fleet", 4 * FORKED_HOSTS, 2)
    got = _run(f"""
        import json, os
        from pathlib import Path
        from flexorch.intent import load_fleet
        blocks = {{}}
        for workers in ("1", "2"):
            os.environ["FLEXORCH_WORKERS"] = workers
            hosts = load_fleet(Path({str(folder)!r})).hosts
            blocks[workers] = len({{id(h.ikev2_proposals) for h in hosts.values()}})
        print(json.dumps(blocks))
    """)
    # a group's validated blocks: one object in one process; with a worker, this process's and
    # one per chunk (16) the worker sent back pickled
    assert got["1"] == 1
    assert 2 <= got["2"] <= 1 + 16


def _error(folder: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> str:
    monkeypatch.setenv("FLEXORCH_WORKERS", str(workers))
    with pytest.raises(InventoryError) as got:
        load_fleet(folder)
    return str(got.value)


def test_invalid_hosts_in_each_process_are_reported_as_one_process_reports_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = generate(tmp_path / "fleet", FORKED_HOSTS)
    hosts = folder / "hosts.yaml"
    text = hosts.read_text(encoding="utf-8")
    # the first spoke (the parent's run) and the last (a worker's) get a tunnel mode IOS has not
    for name in ("s00001", f"s{FORKED_HOSTS:05d}"):
        start = text.index(f"{name}:\n")
        end = text.index("protection: IPSEC", start)
        entry = text[start:end]
        text = text[:start] + entry.replace("mode: ", "mode: bogus-", 1) + text[end:]
    hosts.write_text(text, encoding="utf-8")
    alone = _error(folder, monkeypatch, 1)
    assert _error(folder, monkeypatch, 2) == alone
    assert "s00001" in alone and f"s{FORKED_HOSTS:05d}" in alone and "bogus-" in alone


def _entry_edit(text: str, name: str, edit: str) -> str:
    """``text`` with host ``name``'s entry edited: ``derive`` (its own flexvpn block naming a
    profile it does not have: an error of deriving it), ``peer`` (its tunnel's peer neither a
    hub of it nor an external peer: an error of ``check_hubs``, before any host is derived) or
    ``invalid`` (a tunnel mode IOS has not: an error of validating it)."""
    start = text.index(f"{name}:\n")
    end = text.index("protection: IPSEC", start)
    entry = text[start:end]
    if edit == "derive":
        entry = entry.replace("  data:\n", "  data:\n    flexvpn: {wan: GigabitEthernet1, "
                              "profile: NOPE, keyring: FLEX_KEYS}\n", 1)
    elif edit == "peer":
        entry = entry.replace("peer: hub", "peer: elsewhere", 1)
    else:
        entry = entry.replace("mode: ", "mode: bogus-", 1)
    return text[:start] + entry + text[end:]


LAST = f"s{FORKED_HOSTS:05d}"
# In a child's code: every EarlyDerive the loader makes, kept in ``made``.
COUNTED = """
        made = []
        class Counted(fleet.EarlyDerive):
            def __init__(self, *args):
                super().__init__(*args)
                made.append(self)
        fleet.EarlyDerive = Counted"""


@pytest.mark.parametrize(("edits", "reported"), [
    # the first spoke fails to derive, the last one's check fails: the check runs first
    ({"s00001": "derive", LAST: "peer"}, LAST),
    # two spokes fail to derive: the first in the file is reported
    ({"s00002": "derive", LAST: "derive"}, "s00002"),
    # a spoke fails to derive, the last one to validate: validation problems come first
    ({"s00001": "derive", LAST: "invalid"}, LAST),
])
def test_spokes_derived_while_workers_validate_report_the_first_error(
        tmp_path: Path, edits: dict[str, str], reported: str) -> None:
    """On a big site this process derives the spokes as they are validated, while a worker
    validates the rest (``EarlyDerive``): whichever process meets which error first, the error
    reported is the one a single process reports, the first in the order of the checks and the
    file."""
    folder = generate(tmp_path / "fleet", FORKED_HOSTS, 2)
    hosts = folder / "hosts.yaml"
    text = hosts.read_text(encoding="utf-8")
    for name, edit in edits.items():
        text = _entry_edit(text, name, edit)
    hosts.write_text(text, encoding="utf-8")
    got = _run(f"""
        import json, os
        from pathlib import Path
        from flexorch.errors import InventoryError
        from flexorch.intent import fleet
{COUNTED}
        out = {{}}
        for workers in ("1", "2"):
            os.environ["FLEXORCH_WORKERS"] = workers
            try:
                fleet.load_fleet(Path({str(folder)!r}))
                out[workers] = ["loaded", len(made[-1].done)]
            except InventoryError as exc:
                out[workers] = [str(exc), len(made[-1].done)]
        print(json.dumps(out))
    """)
    alone, forked = got["1"], got["2"]
    assert forked[0] == alone[0]
    assert reported in alone[0] and "InventoryError" not in alone[0]
    # derived early: none in one process; with a worker, every valid spoke but those a hub of
    # which did not validate yet
    assert alone[1] == 0
    assert forked[1] >= FORKED_HOSTS // 2


def test_the_example_fleet_derived_while_validated_equals_one_process() -> None:
    """The shipped inventory (a client, external peers, NAT) validated by a worker from its
    first host on (``FORKED_HOSTS`` forced to 1): every spoke and client is derived here as
    it comes back (``EarlyDerive``), and the fleet, its origins and the provenance of its
    derived keys are what one process loads."""
    got = _run("""
        import json, os
        from pathlib import Path
        from flexorch.intent import fleet, validate
        validate.FORKED_HOSTS = 1
""" + COUNTED + """
        out = {}
        for workers in ("1", "2"):
            os.environ["FLEXORCH_WORKERS"] = workers
            loaded = fleet.load_fleet(Path("inventory"))
            out[workers] = [
                [repr((name, host, sorted(host.model_fields_set),
                       {key: (src.kind, src.name) for key, src in loaded.sources[name].items()}))
                 for name, host in loaded.hosts.items()],
                repr(list(loaded.provenance.items())),
                sorted(made[-1].done),
                sorted(name for name, host in loaded.hosts.items() if host.role != "hub")]
        print(json.dumps(out))
    """)
    alone, forked = got["1"], got["2"]
    assert forked[:2] == alone[:2]
    assert alone[2] == [] and forked[2] == forked[3] and len(forked[3]) >= 3
