"""The Celery side of scale-out: app and tasks (``app``), what a worker does with a chunk
(``jobs``), results on the wire (``wire``), the coordinator (``coordinator``, ``runs``) and the
beat schedule (``beat``)."""
