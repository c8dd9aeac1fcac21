"""Phased plans: what each router gets at each step of the rollout order.

The rollout order comes from the playbook (``flexorch.rollout.playbook.rollout_waves``: hubs,
the canary, each batch of spokes). A host that has peers moving in a LATER wave and whose
change spans both ends takes its bridge config first (``flexorch.plan.bridge``: old and new
alternatives side by side), gets the keyring peer blocks it holds released in the wave of the
peer each authenticates (``release``: a pre-shared key has no alternative, so the outage is
one wave), and drops the old alternatives once every wave has run (``cleanup``). Every other
host gets its whole change in its own wave, as before.

``build_phases`` is pure given the running configs (``HostWork``) and the waves. Each push's
lines come from the one remediation (``flexorch.plan.remediate``) between the config the host
is predicted to hold then and its target; the configs are advanced with the IOS engine.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from flexorch.ios.config import ConfigTree, show_running
from flexorch.plan.bridge import Bridge, bridge_tree
from flexorch.plan.configs import canonical_tree
from flexorch.plan.remediate import apply_remediation, remediate_trees

if TYPE_CHECKING:
    from flexorch.intent.fleet import Fleet
    from flexorch.plan.remediate import Remediation
    from flexorch.predict import Prediction

PushKind = Literal["change", "bridge", "release", "cleanup"]
CLEANUP = "cleanup"
BlockPath = tuple[str, str]


class HostWork(Protocol):
    """What the phases need of a host's plan (``flexorch.plan.workflow.HostWork``)."""

    @property
    def host(self) -> str: ...
    @property
    def running(self) -> str | None: ...
    @property
    def intended(self) -> str: ...
    @property
    def remediation(self) -> Remediation | None: ...


@dataclass(frozen=True)
class Wave:
    """One step of the rollout order: a batch of one stage, the hosts whose change it pushes
    (``flexorch.rollout.playbook.rollout_waves`` gives them in a playbook's order)."""

    stage: str
    batch: int  # 1-based within the stage
    batches: int
    hosts: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.stage if self.batches == 1 else f"{self.stage} {self.batch}/{self.batches}"


@dataclass(frozen=True)
class Push:
    """Lines one host gets in one phase (clear text: mask before showing)."""

    host: str
    kind: PushKind
    lines: tuple[str, ...]
    why: str = ""
    peers: tuple[str, ...] = ()  # release: the peers whose keyring blocks it changes


@dataclass
class Phase:
    """One step of the rollout: a wave of the playbook, or the final cleanup."""

    index: int
    name: str
    stage: str | None  # None: the cleanup after every stage
    batch: int
    hosts: tuple[str, ...]  # the hosts whose own change this wave carries
    pushes: list[Push] = field(default_factory=list)

    def push_of(self, host: str) -> Push | None:
        return next((p for p in self.pushes if p.host == host), None)


@dataclass
class PhasedPlan:
    """Every phase in order, and the config each host is predicted to hold after each."""

    phases: list[Phase]
    texts: list[dict[str, str]]  # per phase: host -> running config after it (pushed hosts)
    # Hosts whose last push leaves them short of the intent, and why (a peer with changes is
    # not in the rollout order: its tunnel needs the bridge config).
    incomplete: dict[str, str] = field(default_factory=dict)

    def pushes_of(self, host: str) -> list[Push]:
        return [p for phase in self.phases for p in phase.pushes if p.host == host]

    @property
    def cleanup(self) -> Phase | None:
        last = self.phases[-1] if self.phases else None
        return last if last is not None and last.stage is None else None

    def last_push(self, host: str) -> Push | None:
        pushes = self.pushes_of(host)
        return pushes[-1] if pushes else None


@dataclass
class _Host:
    """A changed host while the phases are built: its predicted config and targets."""

    name: str
    text: str  # full running config as predicted now
    tree: ConfigTree  # canonical form of ``text``
    final: ConfigTree  # canonical intended managed sections
    bridge: Bridge | None = None
    release_at: dict[BlockPath, int] = field(default_factory=dict)  # absent: never released
    released: set[BlockPath] = field(default_factory=set)
    waiting_for: list[str] = field(default_factory=list)  # peers with changes not in any wave
    users: dict[BlockPath, set[str]] = field(default_factory=dict)  # who each block is for

    def push(self, kind: PushKind, target: ConfigTree, why: str,
             peers: tuple[str, ...] = ()) -> Push | None:
        lines = remediate_trees(self.tree, target).lines
        if not lines:
            return None
        applied, _ = apply_remediation(self.text, lines)
        self.text = show_running(applied)
        self.tree = canonical_tree(self.text)
        return Push(self.name, kind, lines, why, peers)


def build_phases(fleet: Fleet, works: Sequence[HostWork], waves: Sequence[Wave],
                 moved: Iterable[str] = (), waiting: Iterable[str] = ()) -> PhasedPlan:
    """The phases of a rollout of ``works`` in the order ``waves`` (see the module docstring).
    Hosts not in any wave get nothing; those in ``moved`` already hold their intent (an
    earlier part of the run); any other host with changes outside the waves, and every host
    in ``waiting`` (routers outside the rollout whose config differs from their intent), is
    waiting: the bridges of its peers stay until it moves."""
    wave_of = {h: i for i, wave in enumerate(waves) for h in wave.hosts}
    hosts = {w.host: _Host(w.host, w.running, canonical_tree(w.running),
                           canonical_tree(w.intended))
             for w in works if w.running is not None and w.host in wave_of}
    _add_bridges(fleet, hosts, works, wave_of, set(moved), set(waiting))
    phases: list[Phase] = []
    texts: list[dict[str, str]] = []
    for index, wave in enumerate(waves):
        phase = Phase(index, wave.name, wave.stage, wave.batch, wave.hosts)
        for name in wave.hosts:
            if name in hosts:
                _own_push(hosts[name], index, phase)
        for host in hosts.values():
            if host.name not in wave.hosts:
                _release_push(host, index, phase)
        phases.append(phase)
        texts.append({p.host: hosts[p.host].text for p in phase.pushes})
    cleanup = Phase(len(phases), CLEANUP, None, 1, ())
    incomplete = {}
    for host in hosts.values():
        if host.bridge is None:
            continue
        if host.waiting_for:
            incomplete[host.name] = (
                f"keeps its bridge config: {', '.join(host.waiting_for)} (changes pending) "
                "is not in this rollout and still needs it")
            continue
        push = host.push("cleanup", host.final, "drops the old alternatives: every peer has "
                         "moved")
        if push is not None:
            cleanup.pushes.append(push)
    if cleanup.pushes:
        phases.append(cleanup)
        texts.append({p.host: hosts[p.host].text for p in cleanup.pushes})
    return PhasedPlan(phases, texts, incomplete)


def _own_push(host: _Host, index: int, phase: Phase) -> None:
    if host.bridge is None:
        push = host.push("change", host.final, "")
    else:
        host.released |= {p for p, at in host.release_at.items() if at <= index}
        push = host.push("bridge", host.bridge.target(host.released), _bridge_why(host))
    if push is not None:
        phase.pushes.append(push)


def _release_push(host: _Host, index: int, phase: Phase) -> None:
    due = {p for p, at in host.release_at.items() if at == index} - host.released
    if host.bridge is None or not due:
        return
    host.released |= due
    blocks = ", ".join(sorted(p[1] for p in due))
    peers = tuple(sorted({p for path in due for p in host.users.get(path, ())} & set(phase.hosts)))
    push = host.push("release", host.bridge.target(host.released),
                     f"{blocks}: changed with the peer(s) of this wave (one key per peer)", peers)
    if push is not None:
        phase.pushes.append(push)


def _bridge_why(host: _Host) -> str:
    held = len(host.bridge.held) if host.bridge else 0
    parts = ["keeps the old alternatives beside the new until every peer has moved"]
    if held:
        parts.append(f"holds {held} keyring peer block(s) until their peer's wave")
    return "; ".join(parts)


def _add_bridges(fleet: Fleet, hosts: dict[str, _Host], works: Sequence[HostWork],
                 wave_of: Mapping[str, int], moved: set[str], waiting: set[str]) -> None:
    """A bridge for each host that has a peer moving in a later wave and a change that needs
    one; the wave each held keyring block is released in."""
    from flexorch.predict import peer_names

    stuck = (changed_hosts(works) - set(wave_of) - moved) | waiting
    for host in hosts.values():
        peers = [p for p in peer_names(fleet, [host.name]) if p != host.name]
        later = [p for p in peers if wave_of.get(p, -1) > wave_of[host.name] or p in stuck]
        if not later:
            continue
        bridge = bridge_tree(host.tree, host.final)
        if bridge.held or bridge.tree.to_text() != host.final.to_text():
            host.bridge = bridge
            host.waiting_for = [p for p in peers if p in stuck]
    held = [h for h in hosts.values() if h.bridge is not None and h.bridge.held]
    if not held:
        return
    users = _keyring_users(fleet, [h.name for h in held], works)
    for host in held:
        assert host.bridge is not None
        own = wave_of[host.name]
        for path in host.bridge.held:
            owners = users.get((host.name, path), set())
            host.users[path] = owners
            waves = [wave_of[p] for p in owners if wave_of.get(p, -1) > own]
            if waves:
                host.release_at[path] = min(waves)
            elif not owners & set(host.waiting_for):
                host.release_at[path] = own


def _keyring_users(fleet: Fleet, names: Sequence[str], works: Sequence[HostWork]
                   ) -> dict[tuple[str, BlockPath], set[str]]:
    """(host, keyring peer block) -> the peers it authenticates, before the change (running
    configs) and after it (intended configs): the block the negotiation model's keyring lookup
    picks for each established session."""
    from flexorch.predict import prediction

    before = {w.host: w.running for w in works if w.running is not None}
    after = dict(before)
    for work in works:
        if work.running is not None and work.remediation is not None and work.remediation.lines:
            applied, _ = apply_remediation(work.running, work.remediation.lines)
            after[work.host] = show_running(applied)
    unknown = [w.host for w in works if w.running is None]
    out: dict[tuple[str, BlockPath], set[str]] = {}
    for texts in (before, after):
        predicted = prediction(fleet, names, overrides=texts, unknown=unknown)
        for name in names:
            for path, peers in keyring_users(predicted, name).items():
                out.setdefault((name, path), set()).update(peers)
    return out


def keyring_users(predicted: Prediction, host: str) -> dict[BlockPath, set[str]]:
    """Keyring peer block of ``host`` -> the peers of its established sessions it
    authenticates (``flexorch.ios.negotiate.keyring_lookup`` with the identity each peer sends
    and the address ``host`` sees it at)."""
    from flexorch.ios.negotiate import keyring_lookup, local_identity

    out: dict[BlockPath, set[str]] = {}
    for session in predicted.steady():
        mine = session.outcome.view_of(host)
        if mine is None or not session.outcome.established:
            continue
        theirs = session.outcome.view_of(mine.peer)
        config, peer_config = predicted.configs.get(host), predicted.configs.get(mine.peer)
        if theirs is None or config is None or peer_config is None:
            continue
        profile = config.profiles.get(mine.ikev2_profile)
        peer_profile = peer_config.profiles.get(theirs.ikev2_profile)
        if profile is None or peer_profile is None or profile.keyring_local is None:
            continue
        keyring = config.keyrings.get(profile.keyring_local)
        seen, local = _address(mine.remote_address), _address(theirs.local_address)
        if keyring is None or seen is None or local is None:
            continue
        block = keyring_lookup(config, keyring, seen,
                               local_identity(peer_config, peer_profile, local))
        if block is not None:
            path = (f"crypto ikev2 keyring {keyring.name}", f"peer {block.name}")
            out.setdefault(path, set()).add(mine.peer)
    return out


def _address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """None also for an address the model does not know (a DHCP-sourced tunnel)."""
    if text is None:
        return None
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def changed_hosts(works: Iterable[HostWork]) -> set[str]:
    """Hosts with lines to send (the direct remediation): the ones the rollout order takes."""
    return {w.host for w in works if w.remediation is not None and w.remediation.lines}
