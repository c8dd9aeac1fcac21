"""The verification gate of a stage: what each pushed host should show, and the comparison of
what it shows (``show crypto ikev2 sa detailed``) with that.

The expectation is predicted (``flexorch.predict.expected_tunnels``, the one pipeline) on the
fleet as it is at that moment of the rollout: the hosts already pushed (this batch and every
earlier one) with their remediation applied to their running config, every other host with its
running config as read at the start, peers outside the site with their intended config. So a hub
pushed before its spokes is not expected to have tunnels yet, and a spoke is expected to reach
its (already pushed) hub.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from flexorch.rollout.model import CheckRow
from flexorch.secrets import mask
from flexorch.verify import address_key

if TYPE_CHECKING:
    from flexorch.parse.records import SaRecord
    from flexorch.verify import Expected


def check_host(host: str, expected: Sequence[Expected], records: Sequence[SaRecord],
               checks: Sequence[str], tolerated: frozenset[str] = frozenset()) -> list[CheckRow]:
    """The gate's checks for one host (values masked). An SA with a router in ``tolerated``
    (addresses of routers that could not be read) is not an unexpected peer."""
    from flexorch.verify import compare

    kept = [r for r in records if address_key(r.remote_address) not in tolerated]
    return [CheckRow(tunnel=c.tunnel, peer=c.peer, check=c.check, expected=mask(c.expected),
                     observed=mask(c.observed), ok=c.ok, message=mask(c.message))
            for c in compare(host, expected, kept, checks)]  # type: ignore[arg-type]


def failure_text(rows: Sequence[CheckRow]) -> str:
    """One line naming the failed checks (tunnel, peer, check, expected vs observed)."""
    failed = [r for r in rows if not r.ok]
    parts = []
    for row in failed[:4]:
        peer = f" to {row.peer}" if row.peer else ""
        parts.append(f"{row.tunnel}{peer} {row.check}: expected {row.expected}, "
                     f"observed {row.observed}")
    more = f" (+{len(failed) - 4} more)" if len(failed) > 4 else ""
    return "verification failed: " + "; ".join(parts) + more
