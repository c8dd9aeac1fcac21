"""The routers' SSH host keys: pinned in an OpenSSH known_hosts file, checked before any login.

Where: the file an inventory names in ``data.known_hosts``, else ``$FLEXORCH_KNOWN_HOSTS``, else
``$FLEXORCH_STATE_DIR/known_hosts``; written 0600. The format is OpenSSH's, so
``~/.ssh/known_hosts`` works: entries are ``[address]:port`` for ports other than 22, hashed
entries are matched too, other lines are kept as they are.

Policy per host (``data.host_key_policy``, on defaults, groups or hosts):
``strict`` (default) -- the key must be pinned already (``flexorch hostkeys scan --yes``,
``flexorch lab up``); ``accept-new`` -- the first key seen is pinned (trust on first use, as
OpenSSH's ``StrictHostKeyChecking=accept-new``), any other key after it is refused.

How a session is protected: every netmiko session flexorch opens runs with ``ssh_strict``, the
host's known_hosts file and no system keys (``netmiko_options``; a Nornir script using the
flexorch inventory plugin gets the same). paramiko compares the key the router proves to hold
during key exchange with the pinned one *before* it sends the user name or any password
(``paramiko.SSHClient.connect``: the missing-key policy and ``BadHostKeyException`` come before
authentication). ``check_before_login`` runs first when nothing is pinned for the host, to learn
the key without logging in (strict: refuse, naming its fingerprint; accept-new: pin it), and
``refusal`` turns paramiko's mismatch into a ``HostKeyError`` naming both fingerprints.
"""

from __future__ import annotations

import base64
import fcntl
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flexorch.errors import BadInputError, HostKeyError
from flexorch.files import open_lock, write_file
from flexorch.paths import state_dir, state_subdir

if TYPE_CHECKING:
    from paramiko import PKey

    from flexorch.intent.host import HostIntent

log = logging.getLogger("flexorch.hostkeys")

KNOWN_HOSTS = "known_hosts"
CONNECT_STEP = "connect"
_WRITING = threading.Lock()  # threads of one run; the flock below serialises processes


def default_known_hosts() -> Path:
    """flexorch's own known_hosts file: ``$FLEXORCH_KNOWN_HOSTS``, else
    ``<state dir>/known_hosts``."""
    env = os.environ.get("FLEXORCH_KNOWN_HOSTS", "").strip()
    return Path(env).expanduser() if env else state_dir() / KNOWN_HOSTS


def known_hosts_for(intent: HostIntent) -> Path:
    """The known_hosts file of a host: its ``data.known_hosts`` (``~`` expanded), else the
    default."""
    return Path(intent.known_hosts).expanduser() if intent.known_hosts else default_known_hosts()


def entry_name(address: str, port: int) -> str:
    """The known_hosts name of ``address:port`` as OpenSSH (and paramiko) write it.

    Examples:
        >>> entry_name("127.0.0.1", 22001), entry_name("::1", 22), entry_name("r1.example", 22)
        ('[127.0.0.1]:22001', '::1', 'r1.example')
    """
    return address if port == 22 else f"[{address}]:{port}"


def shown_address(address: str, port: int) -> str:
    """``address:port`` for messages (``[::1]:22001`` for IPv6)."""
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def fingerprint(key: PKey) -> str:
    """The key's SHA256 fingerprint as ``ssh-keygen -l`` prints it (``SHA256:...``)."""
    return str(key.fingerprint)


def key_from_openssh(line: str) -> PKey:
    """A public key from its OpenSSH line (``ssh-ed25519 AAAA... comment``)."""
    from paramiko import PKey

    kind, data = line.split()[:2]
    return PKey.from_type_string(kind, base64.b64decode(data))


def pinned(path: Path, address: str, port: int) -> list[PKey]:
    """The keys ``path`` holds for ``address:port`` (empty: none, or no file). Raises
    BadInputError for a file that cannot be read or has an undecodable key."""
    from paramiko import HostKeys, SSHException
    from paramiko.hostkeys import InvalidHostKey

    if not path.exists():
        return []
    keys = HostKeys()
    try:
        keys.load(str(path))
    except (OSError, SSHException, InvalidHostKey, ValueError) as exc:
        raise BadInputError(f"known_hosts file {path} cannot be read: {exc}") from None
    found = keys.lookup(entry_name(address, port))
    return list(found.values()) if found else []


# --- writing ------------------------------------------------------------------------------------


@contextmanager
def _locked() -> Iterator[None]:
    """Hold the known_hosts write lock (threads and processes): read-modify-write is atomic."""
    with _WRITING:
        fd = open_lock(state_subdir("locks") / "known_hosts.lock")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)


def _matches(pattern: str, name: str) -> bool:
    from paramiko import HostKeys

    if pattern.startswith("|1|"):
        return bool(HostKeys.hash_host(name, pattern) == pattern)
    return pattern == name


def _without(line: str, name: str) -> str | None:
    """``line`` minus host ``name`` (None: nothing left of it). Comments, markers
    (``@revoked``) and other hosts' entries are kept as they are."""
    fields = line.split()
    if len(fields) < 3 or line.lstrip().startswith(("#", "@")):
        return line
    hosts = fields[0].split(",")
    kept = [h for h in hosts if not _matches(h, name)]
    if len(kept) == len(hosts):
        return line
    return " ".join([",".join(kept), *fields[1:]]) if kept else None


def _rewrite(path: Path, edit: Callable[[list[str]], list[str]]) -> None:
    """Apply ``edit`` to the lines of ``path`` and write it back atomically (0600)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(f"known_hosts file {path} cannot be read: {exc}") from None
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = "".join(f"{line}\n" for line in edit(lines))
    try:
        write_file(path, text, private=True)
    except OSError as exc:
        raise BadInputError(f"known_hosts file {path} cannot be written: {exc.strerror}") from None


def pin(entries: list[tuple[Path, str, int, PKey]]) -> None:
    """Pin each ``(file, address, port, key)``: the key replaces whatever that file held for
    the address (each file is written once)."""
    by_file: dict[Path, list[tuple[str, PKey]]] = {}
    for path, address, port, key in entries:
        by_file.setdefault(path, []).append((entry_name(address, port), key))
    with _locked():
        for path, items in by_file.items():
            def edit(lines: list[str], items: list[tuple[str, PKey]] = items) -> list[str]:
                for name, _ in items:
                    lines = [kept for line in lines if (kept := _without(line, name)) is not None]
                return lines + [f"{name} {key.get_name()} {key.get_base64()}"
                                for name, key in items]

            _rewrite(path, edit)


def forget(path: Path, address: str, port: int) -> int:
    """Remove every key ``path`` holds for ``address:port``; how many lines held one."""
    name = entry_name(address, port)
    removed = 0

    def edit(lines: list[str]) -> list[str]:
        nonlocal removed
        out = []
        for line in lines:
            kept = _without(line, name)
            removed += kept != line
            if kept is not None:
                out.append(kept)
        return out

    if not path.exists():
        return 0
    with _locked():
        _rewrite(path, edit)
    return removed


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
