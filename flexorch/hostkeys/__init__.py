"""The routers' SSH host keys: pinned in an OpenSSH known_hosts file, checked before any login.

Where: the file an inventory names in ``data.known_hosts``, else ``$FLEXORCH_KNOWN_HOSTS``, else
``$FLEXORCH_STATE_DIR/known_hosts``; written 0600. The format is OpenSSH's, so
``~/.ssh/known_hosts`` works: entries are ``[address]:port`` for ports other than 22, hashed
entries are matched too, other lines are kept as they are.

Policy per host (``data.host_key_policy``, on defaults, groups or hosts):
``strict`` (default) -- the key must be pinned already (``flexorch hostkeys scan --yes``,
``flexorch lab up``); ``accept-new`` -- the first key seen is pinned (trust on first use, as
OpenSSH's ``StrictHostKeyChecking=accept-new``), any other key after it is refused.

How a session is protected: every netmiko session flexorch opens runs with ``ssh_strict``, a
known_hosts file holding the router's pinned lines (``known.session_file``) and no system keys
(``netmiko_options``; a Nornir script using the flexorch inventory plugin gets the host's whole
known_hosts file). paramiko compares the key the router proves to hold
during key exchange with the pinned one *before* it sends the user name or any password
(``paramiko.SSHClient.connect``: the missing-key policy and ``BadHostKeyException`` come before
authentication). ``check_before_login`` runs first when nothing is pinned for the host, to learn
the key without logging in (strict: refuse, naming its fingerprint; accept-new: pin it), and
``refusal`` turns paramiko's mismatch into a ``HostKeyError`` naming both fingerprints.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flexorch.errors import HostKeyError
from flexorch.hostkeys.known import (
    KNOWN_HOSTS,
    default_known_hosts,
    entry_name,
    fingerprint,
    forget,
    key_from_openssh,
    known_hosts_for,
    pin,
    pinned,
    session_file,
    shown_address,
)

if TYPE_CHECKING:
    from paramiko import PKey

    from flexorch.intent.host import HostIntent

__all__ = [
    "KNOWN_HOSTS", "Seen", "check_before_login", "default_known_hosts", "entry_name",
    "fingerprint", "forget", "key_from_openssh", "known_hosts_for", "mismatch_error",
    "netmiko_options", "pin", "pinned", "refusal", "scan_host", "scan_key", "session_file",
    "shown_address",
]

log = logging.getLogger("flexorch.hostkeys")
CONNECT_STEP = "connect"


# --- reading a router's key -----------------------------------------------------------------


def scan_key(address: str, port: int, timeout: float, prefer: str | None = None) -> PKey:
    """The host key ``address:port`` proves to hold in an SSH key exchange; nothing else is
    sent (no user name, no password). ``prefer``: a key type to ask for first (the pinned
    one's). Raises OSError / paramiko.SSHException when there is no SSH server there."""
    import paramiko

    sock = socket.create_connection((address, port), timeout=timeout)
    transport = paramiko.Transport(sock)
    try:
        if prefer is not None:
            options = transport.get_security_options()
            wanted = ["rsa-sha2-512", "rsa-sha2-256", prefer] if prefer == "ssh-rsa" else [prefer]
            known = list(options.key_types)
            options.key_types = [*[k for k in wanted if k in known],
                                 *[k for k in known if k not in wanted]]
        transport.start_client(timeout=timeout)
        key: PKey = transport.get_remote_server_key()
        return key
    finally:
        transport.close()


@dataclass(frozen=True)
class Seen:
    """A host's key as scanned: ``status`` new (nothing pinned), same, changed (another key is
    pinned) or unreachable (``error`` says why)."""

    name: str
    address: str
    port: int
    file: Path
    status: str
    key: Any = None  # paramiko PKey
    expected: Any = None
    error: str | None = None


def scan_host(intent: HostIntent, timeout: float) -> Seen:
    """Scan one inventory host and compare with what its known_hosts file holds."""
    from paramiko import SSHException

    path = known_hosts_for(intent)
    known = pinned(path, intent.hostname, intent.port)
    args = (intent.name, intent.hostname, intent.port, path)
    try:
        key = scan_key(intent.hostname, intent.port, timeout,
                       known[0].get_name() if known else None)
    except OSError as exc:  # a host's failure is data; the scan of the others goes on
        return Seen(*args, "unreachable", error=f"cannot connect ({exc.strerror or exc})")
    except (SSHException, EOFError) as exc:
        return Seen(*args, "unreachable", error=f"no SSH key exchange ({exc or 'closed'})")
    if not known:
        return Seen(*args, "new", key)
    if any(k == key for k in known):
        return Seen(*args, "same", key, known[0])
    return Seen(*args, "changed", key, known[0])


# --- the check around a login -----------------------------------------------------------------


def netmiko_options(intent: HostIntent) -> dict[str, Any]:
    """The netmiko options that make paramiko check the host key before the login (the
    inventory can set none of them, see flexorch.intent.connection)."""
    return {"ssh_strict": True, "system_host_keys": False, "alt_host_keys": True,
            "alt_key_file": str(known_hosts_for(intent)), "allow_agent": False}


def check_before_login(intent: HostIntent, timeout: float) -> None:
    """Before the first login to a host with no pinned key: scan it (no credentials are
    sent); strict -> HostKeyError naming the key; accept-new -> pin it. A host with a pinned
    key is left to paramiko's own check during the login (``refusal``)."""
    path = known_hosts_for(intent)
    if pinned(path, intent.hostname, intent.port):
        return
    key = scan_key(intent.hostname, intent.port, timeout)
    where = shown_address(intent.hostname, intent.port)
    if intent.host_key_policy == "accept-new":
        pin([(path, intent.hostname, intent.port, key)])
        log.warning("%s: host key %s of %s pinned in %s (host_key_policy accept-new)",
                    intent.name, fingerprint(key), where, path)
        return
    raise HostKeyError(
        intent.name, CONNECT_STEP,
        f"host key for {intent.name} ({where}) is not known: got {fingerprint(key)} — check it, "
        f"then pin it with `flexorch hostkeys scan --host {intent.name} --yes` (or set "
        "host_key_policy: accept-new)")


def refusal(exc: BaseException, intent: HostIntent) -> HostKeyError | None:
    """The HostKeyError of a login paramiko refused for a host key that does not match the
    pinned one (found in ``exc`` or what it wraps), else None."""
    from paramiko import BadHostKeyException

    seen: BaseException | None = exc
    for _ in range(8):  # netmiko wraps paramiko's error once or twice; never deep
        if seen is None or isinstance(seen, BadHostKeyException):
            break
        seen = seen.__cause__ or seen.__context__
    if not isinstance(seen, BadHostKeyException):
        return None
    return mismatch_error(intent, seen.expected_key, seen.key)


def mismatch_error(intent: HostIntent, expected: PKey, got: PKey) -> HostKeyError:
    where = shown_address(intent.hostname, intent.port)
    return HostKeyError(
        intent.name, CONNECT_STEP,
        f"host key for {intent.name} ({where}) does not match: expected {fingerprint(expected)}, "
        f"got {fingerprint(got)} — if the router was replaced, run `flexorch hostkeys forget "
        f"{intent.name}`")
