"""IOS password/key encodings the simulated router displays: type 6, type 7 and type 9.

- Type 7 is Cisco's reversible Vigenere-style encoding (public algorithm): anyone can decode it.
- Type 6 here is flexorch's own AES-free stand-in for IOS's AES type 6: deterministic for a
  (key, master key) pair, reversible only with the master key, authenticated (a wrong master key
  is detected). Its alphabet and look follow IOS's; a real router's type-6 strings are NOT
  interchangeable with it.
- Type 9 is an scrypt hash (N=16384, r=1, p=1) in IOS's ``$9$salt$hash`` layout, irreversible;
  the salt is derived from the secret so the same secret shows the same hash (deterministic lab
  output).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache

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
def type6_encrypt(clear: str, master: str) -> str:
    """Encrypt ``clear`` under the router's master key (``key config-key password-encrypt``)."""
    key = hashlib.sha256(b"flexorch-type6\0" + master.encode()).digest()
    data = clear.encode()
    nonce = hmac.new(key, data, hashlib.sha256).digest()[:8]
    body = bytes(a ^ b for a, b in zip(data, _stream(key, nonce, len(data)), strict=True))
    tag = hmac.new(key, nonce + body, hashlib.sha256).digest()[:6]
    return _b64(nonce + body + tag) + "AAB"


def type6_decrypt(cipher: str, master: str) -> str | None:
    """Recover the clear text of a type-6 string; None without the right master key."""
    if not cipher.endswith("AAB"):
        return None
    try:
        raw = _unb64(cipher[:-3])
    except (ValueError, TypeError):
        return None
    if len(raw) < 14:
        return None
    key = hashlib.sha256(b"flexorch-type6\0" + master.encode()).digest()
    nonce, body, tag = raw[:8], raw[8:-6], raw[-6:]
    if not hmac.compare_digest(hmac.new(key, nonce + body, hashlib.sha256).digest()[:6], tag):
        return None
    data = bytes(a ^ b for a, b in zip(body, _stream(key, nonce, len(body)), strict=True))
    try:
        return data.decode()
    except UnicodeDecodeError:
        return None


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
