"""The store contract, run once on SQLite and once on a real local PostgreSQL server."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from flexorch.errors import BadInputError
from flexorch.history import HostRecord, Store, UnknownRunError, open_store
from flexorch.history.migrations import LATEST


def rec(host: str, status: str = "ok", step: str = "done", **kw: object) -> HostRecord:
    return HostRecord.model_validate({"host": host, "status": status, "step": step, **kw})


def test_run_round_trip_with_every_field(store: Store) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    run_id = store.start_run("rollout", "hub1", "alice", {"batch_size": 10, "dry_run": False})
    store.record_host(run_id, rec(
        "hub1-r1", "changed", role="hub",
        lines_sent=["crypto ikev2 proposal PROP-1", " encryption aes-cbc-256"],
        verification=[{"tunnel": "Tunnel1", "check": "status", "expected": "READY",
                       "observed": "READY", "ok": True, "peer": "spoke1"}],
        backup_path="/var/backups/run-1/hub1-r1.cfg",
    ))
    store.record_host(run_id, rec(
        "spoke1", "drift", step="collect",
        drift=[{"kind": "config", "section": "crypto ikev2 profile FLEX",
                "line": " dpd 10 2 on-demand", "change": "missing"}],
    ))
    store.finish_run(run_id, "failed", {"confirmed": 1, "failed": ["spoke1"]})

    run = store.get_run(run_id)
    assert (run.id, run.command, run.site, run.user) == (run_id, "rollout", "hub1", "alice")
    assert run.args == {"batch_size": 10, "dry_run": False}
    assert run.summary == {"confirmed": 1, "failed": ["spoke1"]}
    assert run.outcome == "failed"
    assert run.finished_at is not None
    assert before <= run.started_at <= run.finished_at <= datetime.now(UTC)
    assert run.started_at.tzinfo is not None
    assert [h.host for h in run.hosts] == ["hub1-r1", "spoke1"]
    hub = run.hosts[0]
    assert hub.role == "hub"
    assert hub.lines_sent == ("crypto ikev2 proposal PROP-1", " encryption aes-cbc-256")
    assert hub.backup_path == "/var/backups/run-1/hub1-r1.cfg"
    check = hub.verification[0]
    assert (check.tunnel, check.check, check.expected, check.observed, check.ok, check.peer) == (
        "Tunnel1", "status", "READY", "READY", True, "spoke1")
    finding = run.hosts[1].drift[0]
    assert (finding.kind, finding.section, finding.line, finding.change) == (
        "config", "crypto ikev2 profile FLEX", " dpd 10 2 on-demand", "missing")
    assert run.host_statuses == {"changed": 1, "drift": 1}
    assert run.problem_count == 1


def test_record_host_is_an_upsert_and_keeps_first_recorded_order(store: Store) -> None:
    run_id = store.start_run("rollout", "hub1")
    store.record_host(run_id, rec("zeta", "ok", step="backup", backup_path="/b/zeta.cfg"))
    store.record_host(run_id, rec("alpha", "ok", step="connect"))
    store.record_host(run_id, rec("zeta", "reverted", step="revert", message="gate failed"))
    run = store.get_run(run_id)
    assert [h.host for h in run.hosts] == ["zeta", "alpha"]  # recording order, not alphabetical
    zeta = run.hosts[0]
    # The latest record replaces the earlier one wholesale.
    assert (zeta.step, zeta.status, zeta.message, zeta.backup_path) == (
        "revert", "reverted", "gate failed", None)
    assert run.host_statuses == {"reverted": 1, "ok": 1}


def test_record_hosts_batch_in_one_call(store: Store) -> None:
    run_id = store.start_run("verify", "hub2")
    store.record_hosts(run_id, [rec(f"s{i:02d}", "clean") for i in (3, 1, 2)])
    assert [h.host for h in store.get_run(run_id).hosts] == ["s03", "s01", "s02"]


def test_list_runs_filters_and_limits_newest_first(store: Store) -> None:
    ids = {}
    for command, site in [("rollout", "hub1"), ("drift", "hub1"), ("rollout", "hub2"),
                          ("drift", "hub1"), ("verify", None)]:
        ids.setdefault((command, site), []).append(store.start_run(command, site))
    all_runs = store.list_runs(limit=None)
    assert [r.id for r in all_runs] == sorted((i for v in ids.values() for i in v), reverse=True)
    assert [r.id for r in store.list_runs(limit=2)] == [r.id for r in all_runs[:2]]
    hub1 = store.list_runs(site="hub1")
    assert {r.site for r in hub1} == {"hub1"} and len(hub1) == 3
    drift = store.list_runs(site="hub1", command="drift")
    assert [r.id for r in drift] == sorted(ids[("drift", "hub1")], reverse=True)
    assert all(r.state == "running" and r.outcome is None for r in all_runs)
    with pytest.raises(BadInputError):
        store.list_runs(limit=0)


def test_list_counts_hosts_per_status(store: Store) -> None:
    a = store.start_run("rollout", "hub1")
    b = store.start_run("rollout", "hub1")
    store.record_hosts(a, [rec("h1", "changed"), rec("h2", "failed"), rec("h3", "unreachable")])
    store.record_hosts(b, [rec("h1", "ok")])
    by_id = {r.id: r for r in store.list_runs()}
    assert by_id[a].host_statuses == {"changed": 1, "failed": 1, "unreachable": 1}
    assert (by_id[a].host_count, by_id[a].problem_count) == (3, 2)
    assert by_id[b].host_statuses == {"ok": 1}


def test_last_run_skips_unfinished_runs_unless_asked(store: Store) -> None:
    assert store.last_run("hub1", "drift") is None
    first = store.start_run("drift", "hub1")
    store.record_host(first, rec("spoke1", "clean", step="done"))
    store.finish_run(first, "ok")
    store.start_run("drift", "hub2")
    running = store.start_run("drift", "hub1")
    last = store.last_run("hub1", "drift")
    assert last is not None and last.id == first
    assert [h.host for h in last.hosts] == ["spoke1"]
    unfinished = store.last_run("hub1", "drift", finished=False)
    assert unfinished is not None and unfinished.id == running
    anywhere = store.last_run(None, "drift", finished=False)
    assert anywhere is not None and anywhere.id == running


def test_unknown_run_ids_are_bad_input(store: Store) -> None:
    with pytest.raises(UnknownRunError, match="no run 4242"):
        store.get_run(4242)
    with pytest.raises(UnknownRunError):
        store.record_host(4242, rec("h1"))
    with pytest.raises(UnknownRunError):
        store.finish_run(4242, "ok")
    assert UnknownRunError("x").exit_code == 2


def test_outcome_and_record_values_are_validated(store: Store) -> None:
    run_id = store.start_run("rollout", "hub1")
    with pytest.raises(BadInputError, match="outcome 'great'"):
        store.finish_run(run_id, "great")
    with pytest.raises(ValidationError):
        rec("h1", "excellent")
    with pytest.raises(ValidationError):
        rec("h1", step="Push It")
    with pytest.raises(ValidationError):
        HostRecord.model_validate({"host": "h", "step": "done", "status": "ok", "colour": "red"})


def test_ids_increase_and_reopening_keeps_everything(db_url: str) -> None:
    with open_store(db_url) as first:
        a = first.start_run("plan", "hub1")
        b = first.start_run("plan", "hub1")
        assert b > a
        first.finish_run(b, "changes", {"lines": 4})
    with open_store(db_url) as again:
        assert again.schema_version() == LATEST
        assert [r.id for r in again.list_runs()] == [b, a]
        assert again.get_run(b).summary == {"lines": 4}


def test_threads_can_share_one_store(store: Store) -> None:
    run_id = store.start_run("rollout", "hub1")
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(25):
                store.record_host(run_id, rec(f"t{n}-h{i}", "changed"))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.get_run(run_id).host_statuses == {"changed": 100}


def test_default_location_is_the_state_dir_unless_flexorch_db_is_set(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object, _isolated_state: object
) -> None:
    monkeypatch.delenv("FLEXORCH_DB", raising=False)
    with open_store() as default:
        assert default.location == f"{_isolated_state}/history.sqlite3"
    other = f"{tmp_path}/elsewhere.sqlite3"
    monkeypatch.setenv("FLEXORCH_DB", other)
    with open_store() as chosen:
        assert chosen.location == other
    with open_store(f"sqlite://{other}") as by_url:
        assert by_url.location == other
