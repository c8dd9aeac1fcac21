"""After a rollout changes spokes, the hubs' side of their tunnels is read again and recorded
in the rollout's run, so the next site report shows both sides from the same run (issue 14,
item 1: a fixed spoke is not shown DOWN from the hub's older side)."""

from __future__ import annotations

import pytest

from flexorch.history import open_store
from flexorch.report.site import build_site_report
from flexorch.verify_run import verify_site
from tests.rollout.conftest import Site

pytestmark = pytest.mark.lab
WRONG_KEY = ["crypto ikev2 keyring FLEX_KEYS", " peer hub1",
             "  pre-shared-key not-the-right-key-at-all-123"]


def test_fixed_spoke_is_up_on_both_sides_in_the_next_report(site: Site) -> None:
    assert site.run().exit_code() == 0
    assert site.lab.router("h1-gre").apply_config(WRONG_KEY) == []
    broken = verify_site(site.fleet, site="hub1", names=site.names(), timeout=5)
    assert {h.host for h in broken.hosts if h.verdict == "mismatch"} == {"hub1", "h1-gre"}

    fixed = site.run(hosts=["h1-gre"])
    assert [(h.host, h.status) for h in fixed.hosts] == [("h1-gre", "confirmed")]
    with open_store() as store:
        run = store.get_run(fixed.run_id)  # type: ignore[arg-type]
        report = build_site_report(store, "hub1")
    hub = run.host("hub1")
    assert hub is not None and hub.status == "ok" and hub.step == "verify"
    assert hub.message == "read again after 1 of its spokes changed"
    assert {(c.peer, c.check, c.ok) for c in hub.verification if c.check == "status"} == {
        ("h1-gre", "status", True)}
    cell = report.matrix["h1-gre"]["hub1"]
    assert (cell.state, cell.stale) == ("up", ())
    assert {v.run_id for v in cell.views} == {fixed.run_id}
    assert report.count("down") == 0
