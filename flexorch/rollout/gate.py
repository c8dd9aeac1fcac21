"""The verification gate of a stage: what each pushed host should show, and the comparison of
what it shows (``show crypto ikev2 sa detailed``) with that.

The expectation is predicted on the fleet as it is at that moment of the rollout: the hosts
already pushed (this batch and every earlier one) with their remediation applied to their
running config, every other host with its running config as read at the start, peers outside
the site with their intended config. So a hub pushed before its spokes is not expected to have
tunnels yet, and a spoke is expected to reach its (already pushed) hub.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from flexorch.rollout.model import CheckRow
from flexorch.secrets import mask

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.parse.records import SaRecord
    from flexorch.verify import Expected


def expected_tunnels(fleet: Fleet, configs: Mapping[str, str],
                     hosts: Iterable[str]) -> dict[str, list[Expected]]:
    """Per host of ``hosts``, the tunnels the negotiation model predicts on ``configs`` (full
    config text per router) plus, for peers not in ``configs``, their intended config."""
    from flexorch.ios.negotiate import predict_sessions
    from flexorch.predict import endpoints, intended_configs, peer_names
    from flexorch.verify import expectations

    wanted = list(hosts)
    needed = peer_names(fleet, wanted)
    texts = dict(configs)
    missing = [n for n in needed if n not in texts]
    texts.update(intended_configs(fleet, missing))
    ends = endpoints(fleet, {n: texts[n] for n in needed})
    sessions = predict_sessions(ends)
    return expectations(sessions, {n: e.config for n, e in ends.items()}, wanted)


def check_host(host: str, expected: Sequence[Expected], records: Sequence[SaRecord],
               checks: Sequence[str]) -> list[CheckRow]:
    """The gate's checks for one host (values masked)."""
    from flexorch.verify import compare

    return [CheckRow(tunnel=c.tunnel, peer=c.peer, check=c.check, expected=mask(c.expected),
                     observed=mask(c.observed), ok=c.ok, message=mask(c.message))
            for c in compare(host, expected, records, checks)]  # type: ignore[arg-type]


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
