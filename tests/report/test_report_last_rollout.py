"""The site report's "last rollout": the last one that changed a router (a rerun with nothing to
do does not hide it), any rollout that failed since beside it, and each run's ticket and
comment."""

from __future__ import annotations

from pathlib import Path

from flexorch.history import HostRecord, Store, open_store
from flexorch.report.html import render_site_html
from flexorch.report.site import build_site_report


def _rollout(store: Store, status: str, outcome: str, **args: str) -> int:
    run_id = store.start_run("rollout", "hub1", None, dict(args))
    store.record_host(run_id, HostRecord.model_validate(
        {"host": "r1", "role": "hub", "step": "done", "status": status}))
    store.finish_run(run_id, outcome)
    return run_id


def test_last_changing_rollout_and_a_failed_one_since(tmp_path: Path) -> None:
    url = str(tmp_path / "h.sqlite3")
    with open_store(url) as store:
        changed = _rollout(store, "changed", "ok", ticket="CHG-42", comment="new proposals")
        _rollout(store, "ok", "ok")  # nothing to do: must not hide the one that changed
        failed = _rollout(store, "reverted", "failed", ticket="CHG-43")
        _rollout(store, "ok", "ok")
        report = build_site_report(store, "hub1")
    assert report.last_rollout is not None and report.last_rollout.id == changed
    assert report.failed_rollout is not None and report.failed_rollout.id == failed
    page = render_site_html(report)
    section = page.split('<section id="rollout">', 1)[1].split("</section>", 1)[0]
    assert f"Run {changed} (rollout)" in section and f"Run {failed} (rollout)" in section
    assert "<h3>Failed since</h3>" in section
    assert "Ticket <strong>CHG-42</strong>: new proposals" in section
    assert "Ticket <strong>CHG-43</strong>" in section


def test_no_failed_rollout_after_the_last_change(tmp_path: Path) -> None:
    url = str(tmp_path / "h.sqlite3")
    with open_store(url) as store:
        _rollout(store, "reverted", "failed")
        changed = _rollout(store, "changed", "ok")
        report = build_site_report(store, "hub1")
    assert report.last_rollout is not None and report.last_rollout.id == changed
    assert report.failed_rollout is None
    assert "Failed since" not in render_site_html(report)
