"""RunRecorder: how commands record a run; it never fails the command."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from flexorch.history import HostRecord, RunRecorder, open_store, safe_record


def test_recorder_records_a_whole_run(db_url: str) -> None:
    with RunRecorder("rollout", "hub1", {"yes": True}, user="ci", url=db_url) as rec:
        assert rec.recording and rec.run_id is not None
        rec.host(HostRecord(host="hub1-r1", step="done", status="changed"))
        rec.hosts([HostRecord(host="spoke1", step="done", status="ok"),
                   HostRecord(host="spoke2", step="verify", status="reverted")])
        rec.finish("failed", {"reverted": ["spoke2"]})
    assert rec.error is None
    with open_store(db_url) as store:
        run = store.get_run(rec.run_id)
    assert (run.command, run.site, run.user, run.args) == ("rollout", "hub1", "ci", {"yes": True})
    assert (run.outcome, run.summary) == ("failed", {"reverted": ["spoke2"]})
    assert [h.host for h in run.hosts] == ["hub1-r1", "spoke1", "spoke2"]


def test_an_exception_leaves_an_error_outcome(db_url: str) -> None:
    with pytest.raises(RuntimeError), RunRecorder("drift", "hub1", url=db_url) as rec:
        rec.host(HostRecord(host="spoke1", step="collect", status="failed"))
        raise RuntimeError("parser exploded")
    with pytest.raises(KeyboardInterrupt), RunRecorder("rollout", "hub1", url=db_url) as stopped:
        raise KeyboardInterrupt
    with RunRecorder("verify", "hub1", url=db_url) as forgot:
        pass  # no finish() call
    assert rec.run_id is not None and stopped.run_id is not None and forgot.run_id is not None
    with open_store(db_url) as store:
        crashed = store.get_run(rec.run_id)
        assert (crashed.outcome, crashed.summary) == (
            "error", {"error": "RuntimeError: parser exploded"})
        assert store.get_run(stopped.run_id).outcome == "interrupted"
        assert store.get_run(forgot.run_id).summary == {"error": "run ended without an outcome"}


def test_safe_record_passes_results_through(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "h.sqlite3")) as store:
        run_id = safe_record(store.start_run, "plan", "hub1")
        assert isinstance(run_id, int)
        assert safe_record(store.get_run, run_id) == store.get_run(run_id)


def test_new_sqlite_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "history.sqlite3"
    with open_store(str(path)) as store:
        store.start_run("plan", "hub1")
        for f in path.parent.iterdir():  # the database and its -wal/-shm files
            assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
