"""Scale-out: fleet jobs on Celery workers with a Redis broker, distributed site locks, schedules.

Two layers (docs/ARCHITECTURE.md, "Import contracts"):

- core (no workflow imports): ``settings`` (broker URL, executor choice, ``ClusterError``),
  ``chunks`` (hosts split per site and batch), ``locks`` (site locks on PostgreSQL or Redis),
  ``schedules`` (the schedules.yaml model and cron times);
- ``cluster`` (above the workflows, below the CLI): the Celery app and its tasks, the
  coordinator that dispatches chunks and gathers them (``cluster.runs``), the beat schedule.

Celery (``flexorch[celery]``) is imported only inside ``cluster`` and only when used.
"""
