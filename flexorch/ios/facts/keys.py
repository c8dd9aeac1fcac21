"""IOS password/key encodings: type 7 and type 9, and the shape of a type-6 cipher.

- Type 7 is Cisco's reversible Vigenere-style encoding (public algorithm): anyone can decode it.
- Type 6 (AES under the router's master key) is undocumented: ``Type6Cipher`` is the hook the
  config engine, show and normalise take; flexorch's product code never encrypts or decrypts
  type 6 itself (the built-in lab brings a stand-in cipher, ``flexorch.lab.type6``).
- Type 9 is an scrypt hash (N=16384, r=1, p=1) in IOS's ``$9$salt$hash`` layout, irreversible;
  the salt is derived from the secret so the same secret shows the same hash (deterministic lab
  output).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from functools import lru_cache
from typing import Protocol

# --- Type 7 ----------------------------------------------------------------------------------
_XLAT = b"dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87"


def type7_encode(clear: str) -> str:
    """Encode ``clear`` as IOS type 7 (seed derived from the text, so output is stable)."""
    data = clear.encode()
    seed = sum(data) % 16
    out = [f"{seed:02d}"]
    for i, byte in enumerate(data):
        out.append(f"{byte ^ _XLAT[(seed + i) % len(_XLAT)]:02X}")
    return "".join(out)


def type7_decode(cipher: str) -> str | None:
    """Decode an IOS type 7 string; None when it is not one."""
    if len(cipher) < 4 or len(cipher) % 2 or not cipher[:2].isdigit():
        return None
    seed = int(cipher[:2])
    try:
        data = bytes.fromhex(cipher[2:])
    except ValueError:
        return None
    clear = bytes(b ^ _XLAT[(seed + i) % len(_XLAT)] for i, b in enumerate(data))
    try:
        return clear.decode()
    except UnicodeDecodeError:
        return None


# --- Type 6 ----------------------------------------------------------------------------------
class Type6Cipher(Protocol):
    """IOS type-6 password encryption: ``password encryption aes`` under the master key of
    ``key config-key password-encrypt``.

    Cisco does not publish the algorithm, so flexorch ships none: the config engine,
    ``show_running`` and ``normalize_config`` take a cipher (or a decrypting function) as a
    parameter and, without one, keep a type-6 value exactly as the router shows it. The built-in
    lab supplies its own stand-in (``flexorch.lab.type6``), whose strings a real router cannot read.
    """

    def encrypt(self, clear: str, master: str) -> str:
        """The type-6 string of ``clear`` under ``master``."""

    def decrypt(self, cipher: str, master: str) -> str | None:
        """The clear text of a type-6 string; None when ``master`` does not open it."""


Type6Decrypt = Callable[[str], str | None]
"""Decrypts one type-6 value under a master key the caller knows; None when it cannot."""


# --- Type 9 ----------------------------------------------------------------------------------
_CRYPT64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_STD64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_TO_CRYPT = str.maketrans(_STD64, _CRYPT64)


@lru_cache(maxsize=1024)
def type9_hash(clear: str) -> str:
    """IOS type 9 (scrypt) hash string ``$9$<salt>$<hash>`` of ``clear``."""
    salt = base64.b64encode(hashlib.sha256(b"flexorch-salt\0" + clear.encode()).digest())
    salt_text = salt.decode().translate(_TO_CRYPT)[:14]
    digest = hashlib.scrypt(clear.encode(), salt=salt_text.encode(), n=16384, r=1, p=1, dklen=32)
    return f"$9${salt_text}${base64.b64encode(digest).decode().rstrip('=').translate(_TO_CRYPT)}"
