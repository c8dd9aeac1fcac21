"""`show crypto ikev2 stats` -> one Ikev2Stats record: the IKEv2 SA counters of the router.

IOS 15.x prints one SA count (``sa_count``/``sa_active``/``sa_negotiating``) and ``Max in nego``;
IOS-XE 17 splits the count into incoming and outgoing (``in_sa_*``, ``out_sa_*``), prints ``Max in
nego(in/out)`` (``max_in_nego``/``max_in_nego_out``) and adds the queue, certificate, SA-strength,
quantum-resistance (``qr_*``) and PPK lines. Every field is an int; a line the release does not
print leaves its fields None.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flexorch.parse.normalize import Rows, columns, int_or_none
from flexorch.parse.records import JsonRecord, ParseWarning


@dataclass(frozen=True, slots=True, kw_only=True)
class Ikev2Stats(JsonRecord):
    """The counters of `show crypto ikev2 stats`, named after the template's values."""

    resource_limit: int | None = None
    max_sas: int | None = None
    max_in_nego: int | None = None
    max_in_nego_out: int | None = None
    sa_count: int | None = None
    sa_active: int | None = None
    sa_negotiating: int | None = None
    in_sa_count: int | None = None
    in_sa_active: int | None = None
    in_sa_negotiating: int | None = None
    out_sa_count: int | None = None
    out_sa_active: int | None = None
    out_sa_negotiating: int | None = None
    in_requests: int | None = None
    in_accepted: int | None = None
    in_rejected: int | None = None
    out_requests: int | None = None
    out_accepted: int | None = None
    out_rejected: int | None = None
    rejected: int | None = None
    rejected_rsrc_low: int | None = None
    rejected_sa_limit: int | None = None
    dropped_at_dispatch: int | None = None
    dropped_low_q: int | None = None
    cookie_challenged: int | None = None
    cookie_accepted: int | None = None
    cookie_rejected: int | None = None
    cookie_rejected_no_cookie: int | None = None
    deleted_cert_revoked: int | None = None
    init_rejected_queue_limit: int | None = None
    strength_rejects_in: int | None = None
    strength_rejects_out: int | None = None
    qr_sessions: int | None = None
    qr_manual: int | None = None
    qr_dynamic: int | None = None
    ppk_id_mismatch: int | None = None
    ppk_retrieve_all: int | None = None
    ppk_retrieve_required: int | None = None
    ppk_auth_all: int | None = None
    ppk_auth_required: int | None = None


_FIELDS = {f.name for f in dataclasses.fields(Ikev2Stats)}


def ikev2_stats_rows(header: Sequence[str], rows: Rows) -> tuple[list[Any], list[ParseWarning]]:
    """`show crypto ikev2 stats` rows -> one Ikev2Stats (none when no counter was read)."""
    cols = {name.lower(): i for name, i in columns(header).items() if name.lower() in _FIELDS}
    records: list[Any] = []
    for row in rows:
        values = {name: int_or_none(row[i]) for name, i in cols.items()}
        if any(v is not None for v in values.values()):
            records.append(Ikev2Stats(**values))
    return records, []
