"""Lint gates the push: ``flexorch rollout`` lints the site first; errors stop it before any
router is read or changed (exit 1, recorded), ``--force`` overrides and says so in the history.
The intent here breaks hub1's IKEv2 proposal (FV504: it matches no spoke's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flexorch.history import open_store
from tests.rollout.conftest import Site
from tests.rollout.test_cli import FAST_PLAYBOOK, flexorch

pytestmark = pytest.mark.lab

HUB_PROPOSAL = """    role: hub
    ikev2_proposals:
      FLEX_NGE: {encryption: [aes-cbc-256], integrity: [sha256], prf: [sha256], group: [14]}
"""


def _break_hub_proposal(site: Site) -> None:
    hosts = site.inventory / "hosts.yaml"
    text = hosts.read_text()
    assert text.count("    role: hub\n") == 2
    hosts.write_text(text.replace("    role: hub\n", HUB_PROPOSAL, 1))


def _versions(site: Site) -> dict[str, int]:
    return {n: site.lab.router(n).call(lambda r: r.state.version) for n in site.names()}


def test_lint_errors_stop_the_rollout_before_anything_is_sent(site: Site) -> None:
    _break_hub_proposal(site)
    versions = _versions(site)
    refused = flexorch(site, "rollout", "--site", "hub1", "--yes")
    assert refused.returncode == 1
    last = refused.stderr.strip().splitlines()[-1]
    assert last.startswith("flexorch: error: lint found 7 error(s) in site hub1, nothing was "
                           "sent: FV504 h1-gre: Tunnel0 to hub1 fails at ike-proposal "
                           "(NO_PROPOSAL_CHOSEN)"), last
    assert last.endswith("; fix the intent ('flexorch lint --site hub1'), or pass --force to "
                         "roll out anyway")
    assert "FV504" in refused.stderr.splitlines()[0] or "FV504" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _versions(site) == versions  # not one line, not even a login's show
    with open_store() as store:
        [run] = store.list_runs(site="hub1", limit=5)
        detail = store.get_run(run.id)
    assert (detail.command, detail.outcome) == ("rollout", "failed")
    assert detail.args == {"force": False, "lint_errors": 7}
    assert detail.summary == {"refused": "lint", "lint_errors": 7}


def test_force_rolls_out_despite_lint_and_is_recorded(site: Site, tmp_path: Path) -> None:
    assert site.run().exit_code() == 0  # every tunnel up on the good intent
    book = tmp_path / "fast.yaml"
    book.write_text(FAST_PLAYBOOK)
    _break_hub_proposal(site)
    forced = flexorch(site, "rollout", "--site", "hub1", "--yes", "--force", "--playbook",
                      str(book), "-f", "json", "--timeout", "5")
    # the gate still catches what lint said: the hub's tunnels would not come up (down in the
    # end too, so not planned down): it is reverted, the spokes are not touched
    assert forced.returncode == 1, forced.stderr
    assert "--force: rolling out despite 7 lint error(s)" in forced.stderr
    report = json.loads(forced.stdout)
    assert report["lint"]["errors"] == 7 and report["lint"]["forced"] is True
    hub = next(h for h in report["hosts"] if h["host"] == "hub1")
    assert hub["status"] == "reverted" and "NO_PROPOSAL_CHOSEN" in json.dumps(hub)
    assert {h["status"] for h in report["hosts"] if h["host"] != "hub1"} == {"skipped"}
    with open_store() as store:
        [run] = store.list_runs(site="hub1", limit=1)
        detail = store.get_run(run.id)
    assert detail.args["force"] is True and detail.args["lint_errors"] == 7
