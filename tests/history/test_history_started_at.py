"""Commands that record once their work is done pass when the run really began, so the listed
duration is the run's, not the few milliseconds of writing it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flexorch.history import RunRecorder, open_store


def test_recorder_keeps_the_given_start_time(db_url: str) -> None:
    began = datetime.now(UTC) - timedelta(seconds=42)
    with RunRecorder("verify", site="hub1", url=db_url, started_at=began) as rec:
        rec.finish("ok", {})
        run_id = rec.run_id
    assert run_id is not None
    with open_store(db_url) as store:
        run = store.get_run(run_id)
    assert abs((run.started_at - began).total_seconds()) < 0.01
    assert run.duration_s is not None and 41.9 < run.duration_s < 60


def test_without_a_start_time_the_run_starts_when_recorded(db_url: str) -> None:
    with RunRecorder("drift", site="hub1", url=db_url) as rec:
        rec.finish("ok", {})
        run_id = rec.run_id
    assert run_id is not None
    with open_store(db_url) as store:
        run = store.get_run(run_id)
    assert run.duration_s is not None and 0 <= run.duration_s < 5
