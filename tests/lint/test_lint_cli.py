"""``flexorch lint`` through the real entry point: exit codes, text and JSON output, selection,
secrets never shown, and the shipped example fleet linting clean."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from flexorch.secrets import lab_secret
from tests.lint.helpers import Edits

REPO = Path(__file__).resolve().parents[2]
FINDING_KEYS = {"rule", "severity", "title", "host", "path", "file", "peer", "message"}
SUMMARY_KEYS = {"errors", "warnings", "hosts", "sessions", "secrets_unresolved", "rules",
                "exit_code", "suppressed"}


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flexorch", *args], check=False, capture_output=True, text=True,
        env={**os.environ, **(env or {})}, cwd=cwd or REPO, timeout=120,
    )


@pytest.mark.parametrize("site", ["hub1", "hub2"])
def test_shipped_example_fleet_lints_clean(site: str) -> None:
    out = run("-i", str(REPO / "inventory"), "lint", "--site", site, "--format", "json")
    assert out.returncode == 0, out.stdout + out.stderr
    document = json.loads(out.stdout)
    assert document["summary"]["errors"] == 0
    assert document["summary"]["exit_code"] == 0
    assert document["summary"]["sessions"] >= 3  # every spoke of the site negotiated
    assert out.stderr == ""


def test_clean_inventory_exit_0_with_summary(inventory: Callable[[Edits], Path]) -> None:
    out = run("-i", str(inventory({})), "lint")
    assert out.returncode == 0
    assert out.stdout.strip() == "0 errors, 0 warnings in 3 hosts (2 IKEv2 sessions negotiated)"


def test_errors_exit_1_text_table(inventory: Callable[[Edits], Path]) -> None:
    folder = inventory({("hosts.yaml", "hub", "data", "ikev2"): {"window": 500}})
    out = run("-i", str(folder), "lint")
    assert out.returncode == 1
    assert "\x1b[" not in out.stdout  # not a terminal: no colour codes
    lines = out.stdout.splitlines()
    header = next(line for line in lines if "severity" in line)
    for column in ("rule", "host", "intent path", "message"):
        assert column in header
    row = next(i for i, line in enumerate(lines) if "FV401" in line)
    assert "error" in lines[row] and "hub" in lines[row] and "ikev2.window" in lines[row]
    assert "window 500 is outside 1-200" in lines[row]
    # the value's source follows the message: the hub's "ikev2:" block written by the test
    assert any("hosts.yaml:" in line for line in lines[row + 1 : row + 4])
    assert lines[-1] == "1 error, 0 warnings in 3 hosts (2 IKEv2 sessions negotiated)"
    assert out.stderr.strip().splitlines() == [
        "flexorch: error: 1 error, 0 warnings in 3 hosts (2 IKEv2 sessions negotiated)"
    ]


def test_json_shape_and_warnings_only_exit_0(inventory: Callable[[Edits], Path]) -> None:
    out = run("-i", str(inventory({})), "lint", "-f", "json",
              env={"LINT_TEST_PSK_S2": "tiny-key-0001"})
    assert out.returncode == 0  # warnings do not fail lint
    document = json.loads(out.stdout)
    assert set(document) == {"findings", "suppressed", "summary"}
    assert document["suppressed"] == []
    assert set(document["summary"]) == SUMMARY_KEYS
    assert document["summary"]["warnings"] == 1
    assert document["summary"]["rules"] == {"FV120": 1}
    (finding,) = document["findings"]
    assert set(finding) == FINDING_KEYS
    assert finding["rule"] == "FV120" and finding["severity"] == "warning"
    assert finding["host"] == "s2" and finding["path"] == "psk" and finding["peer"] is None
    # s2's psk is line 42 of tests/lint/base/hosts.yaml
    assert finding["file"].endswith("hosts.yaml:42")


def test_fleet_finding_names_the_peer(inventory: Callable[[Edits], Path]) -> None:
    folder = inventory({("hosts.yaml", "hub", "data", "ipsec_transform_sets"): {
        "TS": {"esp_encryption": "esp-aes 256", "esp_integrity": "esp-sha256-hmac"}}})
    out = run("-i", str(folder), "lint", "--host", "s1", "-f", "json")
    assert out.returncode == 1
    document = json.loads(out.stdout)
    assert [(f["rule"], f["host"], f["peer"]) for f in document["findings"]] == [
        ("FV505", "s1", "hub")
    ]
    assert "no IPsec transform set in common" in document["findings"][0]["message"]
    assert document["summary"]["hosts"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--site", "nowhere"], "unknown site 'nowhere'"),
        (["--host", "s9"], "unknown host 's9'"),
        (["--site", "lab", "--host", "zz"], "unknown host 'zz'"),
    ],
)
def test_unknown_target_exit_2(inventory: Callable[[Edits], Path], args: list[str],
                               message: str) -> None:
    out = run("-i", str(inventory({})), "lint", *args)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


def test_unreadable_inventory_exit_2(inventory: Callable[[Edits], Path]) -> None:
    folder = inventory({})
    (folder / "hosts.yaml").write_text("s1: [unclosed\n", encoding="utf-8")
    out = run("-i", str(folder), "lint")
    assert out.returncode == 2
    assert "hosts.yaml" in out.stderr and "YAML syntax error" in out.stderr
    assert "Traceback" not in out.stderr
    missing = run("-i", str(folder / "nope"), "lint")
    assert missing.returncode == 2
    assert "inventory folder not found" in missing.stderr


def test_hub_missing_from_inventory_is_bad_input(inventory: Callable[[Edits], Path]) -> None:
    # A spoke naming a hub that is not in the inventory is refused by the loader (exit 2); lint's
    # FV502 covers the other way to miss it, a tunnel destination no router owns.
    folder = inventory({("hosts.yaml", "s1", "data", "hubs"): ["ghost"]})
    out = run("-i", str(folder), "lint")
    assert out.returncode == 2
    assert "unknown hub 'ghost'" in out.stderr


def test_secrets_never_printed(inventory: Callable[[Edits], Path]) -> None:
    folder = inventory({("hosts.yaml", "s1", "data", "ikev2_keyrings"): {"KEYS": {"peers": {
        "hub": {"address": "192.0.2.1", "pre_shared_key": {"env": "LINT_TEST_PSK_OTHER"}}}}}})
    env = {"LINT_TEST_PSK_OTHER": "short-secret", "LINT_TEST_PSK_S2": "Zq8-secret-value"}
    for fmt in ("text", "json"):
        out = run("-i", str(folder), "lint", "-f", fmt, env=env)
        assert out.returncode == 1  # FV506: s1's key differs from the hub's entry for s1
        shown = out.stdout + out.stderr
        assert "FV506" in shown and "FV120" in shown
        for secret in ("short-secret", "Zq8-secret-value", lab_secret("LINT_TEST_PSK_S1")):
            assert secret not in shown
