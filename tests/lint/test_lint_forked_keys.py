"""Lint's keys on a site big enough to fork (``flexorch.forked``, minimum lowered): each host's
key references are resolved in the per-host map (in worker processes), its model with key tokens
built there, and the findings, the unresolved count and the errors lint raises are those of one
process. Each run is a fresh interpreter (``tests.core.test_forked._run``: no thread left by
another test decides whether a fork happens)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_forked import _run

# A generated site of 24 spokes: s00003's key is a file that does not exist (FV121), s00005's
# key is 15 characters (FV120), s00004's keyring entry for the hub holds another key than the
# hub's entry for s00004 (FV506: tokens compared, whichever process built each model).
SITE = """
    import collections, json, os
    from pathlib import Path
    import flexorch.forked as forked
    forked.MINIMUM = 2
    forks = []
    os.register_at_fork(after_in_parent=lambda: forks.append(1))
    os.environ["FLEXORCH_PSK_S00005"] = {short!r}
    os.environ["LINT_TEST_PSK_OTHER"] = "another-key-of-24-chars!"
    from tests.bench.gen_fleet import generate
    from flexorch.errors import InventoryError
    from flexorch.intent import load_fleet
    from flexorch.intent.fleet import Fleet
    from flexorch.lint import lint_fleet
    resolved = collections.Counter()  # in this process only (a worker counts in its copy)
    real = Fleet.resolve
    def counted(self, ref, host, path):
        resolved[ref.describe()] += 1
        return real(self, ref, host, path)
    Fleet.resolve = counted
    folder = Path({folder!r})
    if not (folder / "hosts.yaml").exists():
        generate(folder, 24)
        hosts = folder / "hosts.yaml"
        missing = "psk: {{file: " + str(folder / "missing.psk") + "}}"
        text = hosts.read_text().replace("psk: {{env: FLEXORCH_PSK_S00003}}", missing).replace(
            "    psk: {{env: FLEXORCH_PSK_S00004}}\\n",
            "    psk: {{env: FLEXORCH_PSK_S00004}}\\n    ikev2_keyrings:\\n      FLEX_KEYS: "
            "{{peers: {{hub: {{address: 198.18.0.1, "
            "pre_shared_key: {{env: LINT_TEST_PSK_OTHER}}}}}}}}\\n")
        if {far!r}:
            text = text.replace("s00020:\\n  hostname: 127.0.0.1", "s00020:\\n  hostname: 10.1.1.1")
        hosts.write_text(text)
    try:
        report = lint_fleet(load_fleet(folder))
    except InventoryError as exc:
        print(json.dumps({{"forks": len(forks), "raised": type(exc).__name__, "host": exc.host,
                          "path": exc.path, "reason": exc.reason}}))
    else:
        print(json.dumps({{
            "forks": len(forks),
            "findings": [[f.rule, f.host, f.path, f.message] for f in report.sorted()],
            "sessions": report.sessions,
            "unresolved": report.secrets_unresolved,
            "most": max(resolved.values()),
        }}))
"""


def _site(folder: Path, short: str = "short-but-legal", far: bool = False) -> str:
    return SITE.format(folder=str(folder), short=short, far=far)


def test_keys_resolved_in_workers_give_the_findings_of_one_process(tmp_path: Path) -> None:
    code = _site(tmp_path / "site")
    alone = _run(code, workers="1")
    spread = _run(code, workers="2")
    # the per-host map and the negotiation fork; one process forks nothing
    assert (alone.pop("forks"), spread.pop("forks")) == (0, 2)
    assert spread == alone
    missing = tmp_path / "site" / "missing.psk"
    assert alone["findings"] == [
        ["FV513", "hub", "ikev2.fragmentation",
         "IKEv2 fragmentation is on this hub but on none of its 24 spoke(s), so it is never "
         "negotiated: remove it from the hub, or enable it on the spokes that need it"],
        # one finding per key, at the spoke's psk (the hub's keyring entry and the spoke's own
        # are the 2 more places)
        ["FV121", "s00003", "psk",
         f"cannot read key file:{missing}: secret file {missing} cannot be read: No such file "
         "or directory; key length and key agreement were not checked (the same key is used in "
         "2 more places)"],
        ["FV506", "s00004", "tunnels.Tunnel0",
         "Tunnel0 to hub fails at auth (AUTH_FAILED): pre-shared key mismatch s00004 -> hub: "
         "s00004's local key (keyring FLEX_KEYS peer hub) differs from hub's remote key "
         "(keyring FLEX_KEYS peer s00004); use the same key on both ends (local key of one = "
         "remote key of the other)"],
        ["FV120", "s00005", "psk",
         "pre-shared key env:FLEXORCH_PSK_S00005 has 15 characters, under 20 (about 128-bit "
         "strength): use a longer random key (the same key is used in 2 more places)"],
    ]
    assert alone["sessions"] == 24
    assert alone["unresolved"] == 1  # s00003's key, counted once
    assert alone["most"] == 1  # no key resolved twice in this process


@pytest.mark.parametrize(("short", "far", "host", "path", "reason"), [
    # a key under 8 characters: refused where lint meets it first, at the spoke's psk (the
    # hub's keyring entry for s00005 comes first in the inventory, and in the map)
    ("abc", False, "s00005", "data.psk",
     "pre-shared key env:FLEXORCH_PSK_S00005 has 3 characters: flexorch refuses keys under 8 "
     "(one captured IKE exchange lets anyone try a short key offline, RFC 7296 section 2.15)"),
    # the lab's computed keys refused: a router is not on a loopback address
    ("short-but-legal", True, "s00020", "hostname",
     "lab_fallback is on, but hostname 10.1.1.1 is not a loopback address: lab secrets can be "
     "computed by anyone from flexorch's source; set every secret variable, or set "
     "secrets.lab_fallback: false"),
], ids=["short-key", "lab-fallback-refused"])
def test_a_key_lint_refuses_raises_the_error_of_one_process(
        tmp_path: Path, short: str, far: bool, host: str, path: str, reason: str) -> None:
    code = _site(tmp_path / "site", short, far)
    alone = _run(code, workers="1")
    spread = _run(code, workers="2")
    assert (alone.pop("forks"), spread.pop("forks")) == (0, 1)  # lint stops after its map
    assert spread == alone == {"raised": "InventoryError", "host": host, "path": path,
                               "reason": reason}
