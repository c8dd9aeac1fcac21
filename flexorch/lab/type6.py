"""The lab's stand-in for IOS type-6 password encryption (``password encryption aes``).

IOS encrypts type-6 keys with AES under the master key of ``key config-key password-encrypt``;
Cisco does not publish the exact construction, so the lab uses its own: deterministic for a (key,
master key) pair, reversible only with the master key, authenticated (a wrong master key is
detected), with IOS's alphabet and its ``...AAB`` tail. A real router's type-6 strings are NOT
interchangeable with these, which is why only the lab may use it: it is handed to the config
engine and ``show_running`` as their ``type6`` cipher (``flexorch.ios.facts.keys.Type6Cipher``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache, partial

from flexorch.ios.facts.keys import Type6Decrypt

_DOMAIN = b"flexorch-type6\0"
_TAIL = "AAB"
_NONCE, _TAG = 8, 6


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=").replace("-", "^")


def _unb64(text: str) -> bytes:
    text = text.replace("^", "-")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _stream(key: bytes, nonce: bytes, length: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(key + nonce + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:length]


@lru_cache(maxsize=4096)
def _encrypt(clear: str, master: str) -> str:
    key = hashlib.sha256(_DOMAIN + master.encode()).digest()
    data = clear.encode()
    nonce = hmac.new(key, data, hashlib.sha256).digest()[:_NONCE]
    body = bytes(a ^ b for a, b in zip(data, _stream(key, nonce, len(data)), strict=True))
    tag = hmac.new(key, nonce + body, hashlib.sha256).digest()[:_TAG]
    return _b64(nonce + body + tag) + _TAIL


def _decrypt(cipher: str, master: str) -> str | None:
    if not cipher.endswith(_TAIL):
        return None
    try:
        raw = _unb64(cipher[: -len(_TAIL)])
    except (ValueError, TypeError):
        return None
    if len(raw) < _NONCE + _TAG:
        return None
    key = hashlib.sha256(_DOMAIN + master.encode()).digest()
    nonce, body, tag = raw[:_NONCE], raw[_NONCE:-_TAG], raw[-_TAG:]
    if not hmac.compare_digest(hmac.new(key, nonce + body, hashlib.sha256).digest()[:_TAG], tag):
        return None
    data = bytes(a ^ b for a, b in zip(body, _stream(key, nonce, len(body)), strict=True))
    try:
        return data.decode()
    except UnicodeDecodeError:
        return None


class StandInType6:
    """The lab's type-6 cipher (a ``Type6Cipher``)."""

    def encrypt(self, clear: str, master: str) -> str:
        """The type-6 string of ``clear`` under ``master`` (the same pair, the same string)."""
        return _encrypt(clear, master)

    def decrypt(self, cipher: str, master: str) -> str | None:
        """The clear text of ``cipher``; None when it is not one of ours under ``master``."""
        return _decrypt(cipher, master)

    def decrypter(self, master: str) -> Type6Decrypt:
        """``decrypt`` bound to one master key, for ``normalize_config(decrypt_type6=...)``."""
        return partial(_decrypt, master=master)


CIPHER = StandInType6()
