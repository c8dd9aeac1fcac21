"""Secrets found in configs become references; their values go to a secrets folder.

Every pre-shared key, RADIUS key and device password import finds is written to one file per
distinct value in the secrets folder (0700, files 0600) and referenced as ``{file: PATH}`` with
PATH absolute, so the inventory works from any working directory. A type 7 key is decoded
(``normalize_config`` already did); a type 6 key (``password encryption aes``) cannot be
decoded without the router's master key, so it becomes ``{env: NAME}``, and the variables to
set are listed. Hashed passwords (``secret 5|8|9``) cannot be reversed either: environment
references too. No value is ever written anywhere else, printed or logged.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flexorch.intent.fleet import PSK_MIN_LENGTH, is_psk_path
from flexorch.ios.facts.keys import type7_decode
from flexorch.secrets import register_secret

_NOT_WORD = re.compile(r"[^A-Za-z0-9]+")
# A key in the canonical form: ``[6|7] VALUE`` (type 0 is in clear there, and type 7 where the
# grammar knows the line; a type 7 still there is decoded here).
_KEY = re.compile(r"^(?:(?P<kind>[067]) )?(?P<value>\S+)$")


@dataclass
class SecretStore:
    """The secrets of one import: value -> file, variables to set, in first-use order."""

    folder: Path  # where the files will be (absolute): the references point there
    files: dict[str, str] = field(default_factory=dict, repr=False)  # value -> file name
    variables: dict[str, list[str]] = field(default_factory=dict)  # env name -> hosts
    # Kept as files grow, so that each new value and each host's check costs the same at 2,000
    # routers as at 20 (rebuilding them per call made the import quadratic).
    _by_path: dict[str, str] = field(default_factory=dict, repr=False)  # reference -> value
    _taken: set[str] = field(default_factory=set, repr=False)  # file names

    def key(self, text: str, label: str, host: str) -> dict[str, str]:
        """The reference for key ``text`` as the canonical line gives it (``[6|7] VALUE``);
        ``label`` names it (``hub1-keyring-K-peer-P``), ``host`` is the router it is on."""
        m = _KEY.fullmatch(text)
        if m is not None and m.group("kind") == "7":
            clear = type7_decode(m.group("value"))
            return self.value(clear, label) if clear else self.variable(label, host)
        if m is None or m.group("kind") == "6":
            return self.variable(label, host)
        return self.value(m.group("value"), label)

    def value(self, value: str, label: str) -> dict[str, str]:
        """``{file: ...}`` for a secret in clear (one file per distinct value)."""
        register_secret(value)  # masked in anything printed from now on
        name = self.files.get(value)
        if name is None:
            name = _unique(_slug(label), self._taken)
            self.files[value] = name
            self._taken.add(name)
            self._by_path[str(self.folder / name)] = value
        return {"file": str(self.folder / name)}

    def variable(self, label: str, host: str) -> dict[str, str]:
        """``{env: FLEXORCH_<LABEL>}`` for a secret import cannot read (type 6, hashes)."""
        name = "FLEXORCH_" + _NOT_WORD.sub("_", label).strip("_").upper()
        hosts = self.variables.setdefault(name, [])
        if host not in hosts:
            hosts.append(host)
        return {"env": name}

    def short_keys(self, data: Any, host: str) -> Iterator[str]:
        """A warning per pre-shared key of ``host``'s ``data`` shorter than flexorch accepts
        (``flexorch.intent.fleet.PSK_MIN_LENGTH``): plan and rollout stop on such a key."""
        for path, ref in _refs(data, ()):
            value = self._by_path.get(ref.get("file", ""))
            if value is not None and len(value) < PSK_MIN_LENGTH and is_psk_path(path):
                where = ".".join(str(p) for p in path)
                yield (f"{host}: {where}: the key has {len(value)} characters; flexorch refuses "
                       f"pre-shared keys under {PSK_MIN_LENGTH} (docs/security.md): plan and "
                       "rollout stop on it until the key is changed on both ends")

    def names(self) -> list[str]:
        """Every file and variable name (never a value): what ``--format json`` lists."""
        return [*(str(self.folder / n) for n in self.files.values()), *self.variables]

    def write(self, folder: Path) -> None:
        """Write the files into ``folder`` (created 0700; files 0600)."""
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
        for value, name in self.files.items():
            fd = os.open(folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(value + "\n")


def _refs(value: Any, path: tuple[str | int, ...]
          ) -> Iterator[tuple[tuple[str | int, ...], dict[str, str]]]:
    """Every secret reference in intent data, with its path."""
    if isinstance(value, dict):
        if set(value) in ({"file"}, {"env"}):
            yield path, value
            return
        for key, item in value.items():
            yield from _refs(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _refs(item, (*path, index))


def _slug(label: str) -> str:
    return _NOT_WORD.sub("-", label).strip("-").lower() or "secret"


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    return candidate
