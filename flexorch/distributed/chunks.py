"""How a run's hosts are split for workers: per site (a chunk never mixes sites) and in runs
of at most ``size`` hosts, in the order given (results are gathered back in that order)."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def split_hosts(names: Sequence[str], site_of: Callable[[str], str],
                size: int) -> list[list[str]]:
    """``names`` in chunks of at most ``size`` hosts of one site each, sites in order of first
    appearance, hosts in their order within a site.

    Examples:
        >>> split_hosts(["a1", "b1", "a2", "a3"], lambda n: n[0], 2)
        [['a1', 'a2'], ['a3'], ['b1']]
    """
    if size < 1:
        raise ValueError("chunk size must be at least 1")
    by_site: dict[str, list[str]] = {}
    for name in names:
        by_site.setdefault(site_of(name), []).append(name)
    return [hosts[i:i + size] for hosts in by_site.values() for i in range(0, len(hosts), size)]
