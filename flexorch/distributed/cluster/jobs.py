"""What a worker does with a message: one chunk of a read-only run (verify, drift, plan, a
plan's phases, the pending-change check) or one scheduled run. A rollout's pushes are ``pushes``.

A chunk loads the inventory from the path the coordinator gives (the same path on every machine;
cached per worker process while the files do not change), checks it is the coordinator's (a
digest of the three files), runs the very workflow a local run uses on its hosts, writes their
host records into the coordinator's run (upserts: a chunk delivered twice writes the same
records twice) and returns them masked (``wire``). An error that is not one host's (another
inventory, an unresolvable secret) comes back as ``{"error": ...}``, never as a pickled
exception.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flexorch.errors import FlexorchError

if TYPE_CHECKING:
    from flexorch.history import HostRecord
    from flexorch.intent.fleet import Fleet

log = logging.getLogger("flexorch.worker")
INVENTORY_FILES = ("hosts.yaml", "groups.yaml", "defaults.yaml")


def inventory_digest(folder: Path) -> str:
    """SHA-256 over the inventory files as they are on this machine."""
    digest = hashlib.sha256()
    for name in INVENTORY_FILES:
        path = folder / name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.exists() else b"-")
    return digest.hexdigest()


@functools.lru_cache(maxsize=4)
def _load(folder: str, digest: str) -> Fleet:
    from flexorch.intent import load_fleet

    return load_fleet(Path(folder))


def load_inventory(folder: str, digest: str) -> Fleet:
    """The fleet at ``folder``, which must be the coordinator's (same digest)."""
    from flexorch.distributed.settings import ClusterError, machine_id

    found = inventory_digest(Path(folder))
    if found != digest:
        raise ClusterError(f"the inventory at {folder} on worker machine {machine_id()} is not "
                           "the coordinator's: deploy the same inventory files to every worker")
    return _load(folder, digest)


Chunk = tuple[list[Any], list["HostRecord"]]  # (wire results, history records)


def _verify(fleet: Fleet, names: Sequence[str], p: dict[str, Any]) -> Chunk:
    from flexorch.distributed.cluster.wire import verify_to_wire
    from flexorch.verify_run import host_record, verify_hosts

    report = verify_hosts(fleet, list(names), checks=tuple(p["checks"]), workers=p["workers"],
                          site=p["site"], timeout=p["timeout"])
    return [verify_to_wire(h) for h in report.hosts], [host_record(h) for h in report.hosts]


def _drift(fleet: Fleet, names: Sequence[str], p: dict[str, Any]) -> Chunk:
    from flexorch.distributed.cluster.wire import drift_to_wire
    from flexorch.drift.record import host_record
    from flexorch.drift.run import drift_hosts

    report = drift_hosts(fleet, names, checks=tuple(p["checks"]), workers=p["workers"],
                         site=p["site"], timeout=p["timeout"])
    return [drift_to_wire(h) for h in report.hosts], [host_record(h) for h in report.hosts]


def _plan(fleet: Fleet, names: Sequence[str], p: dict[str, Any]) -> Chunk:
    from flexorch.plan.workflow import host_record, read_and_plan

    plans = [w.to_plan() for w in read_and_plan(fleet, names, workers=p["workers"],
                                                timeout=p["timeout"])]
    return [h.model_dump(mode="json") for h in plans], [host_record(h) for h in plans]


def _phases(fleet: Fleet, names: Sequence[str], p: dict[str, Any]) -> Chunk:
    """The rollout section of a plan made on workers (one chunk: the whole selection, as the
    phases span hubs and spokes): every router read again here, phased in the playbook's
    order, every tunnel simulated through the phases. Returns one item, masked: the section
    and the running-config hash each router had (the coordinator checks them against the
    chunks' plans). Nothing recorded: the chunks recorded the hosts."""
    from flexorch.plan.rolloutplan import phases_section
    from flexorch.plan.workflow import plan_phases, read_and_plan, read_outside, waiting_outside
    from flexorch.rollout.playbook import Playbook

    works = read_and_plan(fleet, names, workers=p["workers"], timeout=p["timeout"])
    outside = read_outside(fleet, names, p["timeout"], p["workers"]) if p["partial"] else {}
    phased = plan_phases(fleet, works, Playbook.model_validate(p["playbook"]),
                         waiting=waiting_outside(fleet, outside))
    section = phases_section(fleet, works, phased, True, outside)
    return [{"rollout": section.model_dump(mode="json"),
             "running": {w.host: w.running_sha256 for w in works}}], []


def _pending(fleet: Fleet, names: Sequence[str], p: dict[str, Any]) -> Chunk:
    """The unconfirmed change each host holds (masked), or why it could not be read: how a
    coordinator resolves the hosts of a push whose worker died. Nothing recorded."""
    from flexorch.distributed.cluster.wire import pending_to_wire
    from flexorch.intent import make_nornir
    from flexorch.tasks.device import read_pending_change, session_defaults
    from flexorch.tasks.failures import device_message

    nr = make_nornir(fleet, list(names), workers=p["workers"])
    session_defaults(nr, p["timeout"])
    try:
        results = nr.run(task=read_pending_change, timeout=p["timeout"], on_failed=True)
    finally:
        nr.close_connections(on_failed=True)
    out = []
    for name in names:
        multi = results[name]
        exc = multi[0].exception if multi.failed else None
        out.append({"error": device_message(exc) if exc else "failed"} if multi.failed else
                   {"pending": pending_to_wire(multi[0].result)})
    return out, []


JOBS: dict[str, Callable[[Fleet, Sequence[str], dict[str, Any]], Chunk]] = {
    "verify": _verify, "drift": _drift, "plan": _plan, "phases": _phases, "pending": _pending,
}


def run_chunk(job: str, inventory: str, digest: str, names: list[str], params: dict[str, Any],
              run_id: int | None) -> dict[str, Any]:
    """The Celery task of one chunk: ``{"hosts": [...], "history_error": ...}`` or
    ``{"error": ...}``."""
    from flexorch.history import open_store

    try:
        fleet = load_inventory(inventory, digest)
        hosts, records = JOBS[job](fleet, names, params)
    except FlexorchError as exc:
        log.warning("chunk of %s (%d hosts) not run: %s", job, len(names), exc)
        return {"error": str(exc), "exit_code": exc.exit_code}
    history_error = None
    if run_id is not None and records:
        from flexorch.errors import StorageError

        try:
            with open_store() as store:
                store.record_hosts(run_id, records)
        except StorageError as exc:
            history_error = str(exc)
    log.info("chunk of %s done: %d hosts", job, len(names))
    return {"hosts": hosts, "history_error": history_error}


def run_scheduled(entry: dict[str, Any]) -> dict[str, Any]:
    """The Celery task beat sends: one scheduled command, run on this worker
    (``flexorch.distributed.cluster.beat``)."""
    from flexorch.distributed.cluster.beat import run_entry

    return run_entry(entry)
