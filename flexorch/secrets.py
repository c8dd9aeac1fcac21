"""Secret references and masking.

Secrets (pre-shared keys, RADIUS keys, device passwords) are never literal in the inventory. They
are references resolved at run time:

    psk: {env: FLEXORCH_PSK_HUB1}          # an environment variable
    psk: {file: /etc/flexorch/hub1.psk}    # a file outside git (first line, stripped)

Every value resolved here is registered with the masker, so ``mask()`` replaces it with ``******``
wherever it appears; config lines that carry a secret by IOS syntax are masked by pattern too
(see ``flexorch.ios.facts.platform.SECRET_LINE_PATTERNS``). Anything flexorch prints, logs, stores
or writes goes through ``mask()``.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import logging
import os
import re
import socket
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from flexorch.errors import SecretError

MASK = "******"
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LAB_SALT = "flexorch-lab-secret:v1:"

class SecretRef(BaseModel):
    """A reference to a secret: exactly one of ``env`` or ``file``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    env: str | None = None
    file: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> SecretRef:
        if (self.env is None) == (self.file is None):
            raise ValueError("a secret reference needs exactly one of 'env' or 'file'")
        if self.env is not None and not _ENV_NAME.match(self.env):
            raise ValueError(f"'{self.env}' is not a valid environment variable name")
        return self

    def __hash__(self) -> int:
        # (pydantic's frozen-model hash rebuilds a field tuple through a generic function: a
        # lint of 100,000 spokes hashes each spoke's key references several times)
        return hash((self.env, self.file))

    def describe(self) -> str:
        """Where the secret comes from, safe to print (never the value)."""
        return f"env:{self.env}" if self.env is not None else f"file:{self.file}"

    def resolve(self, *, lab_fallback: bool | Callable[[], None] = False) -> str:
        """Return the secret value and register it for masking.

        With ``lab_fallback`` (only for the shipped lab inventory), an unset environment variable
        resolves to a deterministic lab value derived from the variable name, so the demo runs
        with no setup and no key is ever written into git. Anyone can compute those values, so a
        fleet passes a check instead of True (``Fleet.resolve``): it raises unless every router
        is on a loopback address (``is_loopback_host``), and runs only when a value is missing.

        Raises SecretError when the variable is unset (without lab fallback), or the file is
        missing, unreadable or empty.
        """
        if self.env is not None:
            value = os.environ.get(self.env)
            if value is None:
                if not lab_fallback:
                    raise SecretError(f"environment variable {self.env} is not set")
                if callable(lab_fallback):
                    lab_fallback()
                value = lab_secret(self.env)
        else:
            assert self.file is not None
            path = Path(self.file).expanduser()
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise SecretError(
                    f"secret file {self.file} cannot be read: {exc.strerror}") from None
            value = lines[0].strip() if lines else ""
            if not value:
                raise SecretError(f"secret file {self.file} is empty")
        if not value:
            raise SecretError(f"secret {self.describe()} is empty")
        register_secret(value)
        return value


def is_loopback_host(address: str) -> bool:
    """True when ``address`` is a loopback address (127.0.0.0/8, ::1), or a name every address
    of which is one (``localhost``); False for anything else or a name that does not resolve.

    Examples:
        >>> is_loopback_host("127.0.0.1"), is_loopback_host("::1"), is_loopback_host("10.0.0.1")
        (True, True, False)
    """
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(address, None)
    except (OSError, UnicodeError):
        return False
    found = {str(info[4][0]).split("%", 1)[0] for info in infos}
    return bool(found) and all(ipaddress.ip_address(a).is_loopback for a in found)


# Not bounded: one entry per variable name the inventory gives (a lab site of 10,000 spokes has
# a key variable per spoke, about 20 MB at 100,000), where a bound below that made every lookup
# a miss: lint's per-host map and plan's each ask every spoke's key (a worker process computes
# the keys of the hosts it takes; one process, small sites, computes each once).
@cache
def lab_secret(name: str) -> str:
    """The documented lab default for secret variable ``name`` (32 printable characters; a
    pure function of the name, computed once per process: a lab site asks it per router)."""
    digest = hashlib.sha256((_LAB_SALT + name).encode()).digest()
    # the first 20 bytes are the first 32 characters of the whole digest's base 32, unpadded
    return "Lab" + base64.b32encode(digest[:20]).decode()[:29]


class _Masker:
    """The set of secret values seen by this process and one regex that finds them all.

    Registration is O(1); the regex is rebuilt lazily, once, on the next ``mask()`` (a
    10,000-host run registers 10,000 keys). It is a trie of alternations, so matching costs the
    length of the text rather than text x number of secrets as a flat ``a|b|c`` would.

    A secret shorter than ``SHORT`` characters is masked where it stands as a token of its own
    (not inside a longer word): masked everywhere, ``"ab"`` would blank every word containing
    it, yet left alone, a 3-character password would be printed in clear.
    """

    SHORT = 4

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known: set[str] = set()
        self._short: set[str] = set()
        self._order: list[str] = []  # every value, in the order it was first registered
        self._pattern: re.Pattern[str] | None = None
        self._dirty = False

    def add(self, value: str) -> None:
        if not value:
            return
        target = self._short if len(value) < self.SHORT else self._known
        with self._lock:
            if value not in target:
                target.add(value)
                self._order.append(value)
                self._dirty = True

    def count(self) -> int:
        return len(self._order)

    def since(self, start: int) -> list[str]:
        with self._lock:
            return self._order[start:]

    def pattern(self) -> re.Pattern[str] | None:
        if self._dirty:
            with self._lock:
                if self._dirty:
                    self._pattern = self._compile()
                    self._dirty = False
        return self._pattern

    def _compile(self) -> re.Pattern[str] | None:
        parts = [_trie_pattern(self._known)] if self._known else []
        if self._short:
            parts.append(rf"(?<![A-Za-z0-9])(?:{_trie_pattern(self._short)})(?![A-Za-z0-9])")
        return re.compile("|".join(parts)) if parts else None


def _trie_pattern(words: set[str]) -> str:
    """One regex matching any of ``words``; a secret wins over its own prefixes (greedy)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_MASKER = _Masker()


def register_secret(value: str) -> None:
    """Remember a secret value so that ``mask()`` hides it everywhere."""
    _MASKER.add(value)


def registered_count() -> int:
    """How many secret values this process has registered so far (``registered_since``)."""
    return _MASKER.count()


def registered_since(start: int) -> list[str]:
    """The secret values registered after the first ``start`` (``registered_count``): what a
    forked worker resolved, handed back to register in the process that forked it
    (``flexorch.forked``), so that its ``mask()`` hides them by value too."""
    return _MASKER.since(start)


def mask(text: str) -> str:
    """Hide every registered secret value and every secret-bearing IOS config argument."""
    from flexorch.ios.facts import mask_config_secrets

    pattern = _MASKER.pattern()
    if pattern is not None:
        text = pattern.sub(MASK, text)
    return mask_config_secrets(text)


def mask_data(value: Any) -> Any:
    """``mask()`` applied to every string in nested dicts and lists (JSON output, storage)."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {k: mask_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_data(v) for v in value]
    return value


class MaskingFilter(logging.Filter):
    """Logging filter that masks secrets in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask(message)
        if masked != message:
            record.msg = masked
            record.args = None
        return True
