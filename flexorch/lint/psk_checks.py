"""Pre-shared key strength (FV120), unreadable secrets (FV121), and the key tokens the fleet
stage compares.

Every key is resolved once, through ``Fleet.resolve`` (so the value is registered with the
masker), and only two things are kept: its length, and a token (keyed hash with a per-process
random salt) that is equal exactly when two keys are equal. No value is kept, printed or put in a
finding. One key is reported once, however many keyring entries carry it: at the spoke's ``psk``
when it comes from there (the hub's keyring entry is derived from it), else at its first use.

On a big site each host's references are resolved in lint's per-host map (``Keys.own``, in
worker processes: a hub's keyring, one reference per spoke, by the worker building the hub), and
only their KeyFacts come back; ``check_psks`` takes them in (``known``) and resolves here only
what no worker could.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from flexorch.errors import InventoryError, SecretError
from flexorch.intent.fleet import Fleet
from flexorch.intent.host import HostIntent
from flexorch.lint.context import Raw
from flexorch.lint.findings import Part
from flexorch.secrets import SecretRef

MIN_PSK_LENGTH = 20  # guide: 128-bit strength ~ 20 base-94 characters
_SALT = os.urandom(16)


def psk_refs(host: HostIntent) -> Iterator[tuple[tuple[Part, ...], SecretRef]]:
    """Every pre-shared key reference of a host with its intent path."""
    if host.psk is not None:
        yield ("psk",), host.psk
    for kname, keyring in host.ikev2_keyrings.items():
        for pname, peer in keyring.peers.items():
            for field in ("pre_shared_key", "pre_shared_key_local", "pre_shared_key_remote"):
                ref = getattr(peer, field)
                if ref is not None:
                    yield ("ikev2_keyrings", kname, "peers", pname, field), ref
    for pname, profile in host.ikev2_profiles.items():
        if profile.authentication_local is not None and profile.authentication_local.key:
            yield ("ikev2_profiles", pname, "authentication_local", "key"), (
                profile.authentication_local.key)
        for index, auth in enumerate(profile.authentication_remote):
            if auth.key is not None:
                yield ("ikev2_profiles", pname, "authentication_remote", index, "key"), auth.key
    for ename, external in host.external_peers.items():
        if external.pre_shared_key is not None:
            yield ("external_peers", ename, "pre_shared_key"), external.pre_shared_key


@dataclass(frozen=True, slots=True)
class KeyFacts:
    """What lint keeps of a key: its length and an equality token, or why it is unreadable."""

    length: int = 0
    token: str | None = None
    error: str | None = None


class Keys:
    """Resolves each secret reference once (in each process) and remembers its KeyFacts."""

    def __init__(self, fleet: Fleet) -> None:
        self.fleet = fleet
        self._facts: dict[SecretRef, KeyFacts] = {}
        self._failed = False  # a resolution raised (``own``): lint raises it in check_psks

    def facts(self, ref: SecretRef, host: str, parts: tuple[Part, ...]) -> KeyFacts:
        """The facts of ``ref`` (resolved on first use; ``parts`` locates it in errors)."""
        known = self._facts.get(ref)
        if known is None:
            try:
                value = self.fleet.resolve(ref, host, ("data", *parts))
            except SecretError as exc:
                known = KeyFacts(error=exc.reason)
            else:
                digest = hmac.new(_SALT, value.encode(), hashlib.sha256).hexdigest()
                known = KeyFacts(len(value), digest[:32])
            self._facts[ref] = known
        return known

    def own(self, host: HostIntent) -> tuple[KeyFacts | None, ...]:
        """The facts of each key reference of ``host`` (in ``psk_refs`` order), resolved in
        this process (a worker of lint's per-host map, say) for ``check_psks`` to take in. None
        for a reference whose resolution raises (a key under ``PSK_MIN_LENGTH``, a lab fallback
        refused), and for every one after it in this process: ``check_psks`` resolves those
        again where lint resolves them in order, and raises the same error at the same place
        (the map's order of hosts is not lint's)."""
        out: list[KeyFacts | None] = []
        for parts, ref in psk_refs(host):
            if self._failed:
                out.append(None)
                continue
            try:
                out.append(self.facts(ref, host.name, parts))
            except InventoryError:
                self._failed = True
                out.append(None)
        return tuple(out)

    def learn(self, ref: SecretRef, facts: KeyFacts | None) -> None:
        """Take in the facts of ``ref`` found by ``own`` in another process (None: none)."""
        if facts is not None:
            self._facts.setdefault(ref, facts)

    @property
    def unresolved(self) -> int:
        return sum(1 for f in self._facts.values() if f.error is not None)


def quiet(facts: tuple[KeyFacts | None, ...]) -> bool:
    """True when ``check_psks`` has nothing to say of keys with these facts (``Keys.own``):
    each one read, none short. A key's facts are the same wherever it is used, so a host whose
    keys are quiet holds none of the keys ``check_psks`` reports."""
    return all(f is not None and f.error is None and f.length >= MIN_PSK_LENGTH for f in facts)


def check_psks(hosts: list[HostIntent], keys: Keys,
               known: Mapping[str, tuple[KeyFacts | None, ...] | None] | None = None
               ) -> list[Raw]:
    """FV120 / FV121 for the keys of ``hosts``, one finding per distinct key. ``known``: a
    host's ``Keys.own`` computed elsewhere (a worker process), taken into ``keys`` first; or
    None for a host whose keys are ``quiet``, which is not looked at again."""
    places: dict[SecretRef, list[tuple[str, tuple[Part, ...]]]] = {}
    for host in hosts:
        found = None
        if known is not None and host.name in known:
            found = known[host.name]
            if found is None:
                continue
        for index, (parts, ref) in enumerate(psk_refs(host)):
            places.setdefault(ref, []).append((host.name, parts))
            if found is not None:
                keys.learn(ref, found[index])
    out: list[Raw] = []
    for ref, uses in places.items():
        owner, parts = next((u for u in uses if u[1] == ("psk",)), uses[0])
        others = len(uses) - 1
        also = ""
        if others:
            also = f" (the same key is used in {others} more place{'s' * (others != 1)})"
        facts = keys.facts(ref, owner, parts)
        if facts.error is not None:
            out.append(Raw("FV121", owner, parts,
                           f"cannot read key {ref.describe()}: {facts.error}; key length and "
                           f"key agreement were not checked{also}"))
        elif facts.length < MIN_PSK_LENGTH:
            out.append(Raw("FV120", owner, parts,
                           f"pre-shared key {ref.describe()} has {facts.length} characters, under "
                           f"{MIN_PSK_LENGTH} (about 128-bit strength): use a longer random "
                           f"key{also}"))
    return out
