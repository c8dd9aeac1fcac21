"""The known_hosts files: where a host's keys are pinned, reading them fast, writing them safely.

Reading: a file is parsed once per process into an index by host name (``_Index``; hashed
entries are matched on lookup), and parsed again only when it changed (another inode, size or
time). paramiko's own ``HostKeys.load`` compares every entry with every other one while loading:
0.5 s for 1,000 entries, 7 s for 5,000, once per session opened. So netmiko is never given the
fleet's file: each session gets a file holding only its router's lines (``session_file``).

Writing: the whole file is rewritten atomically (``flexorch.files.write_file``, 0600) under a
lock (threads and processes); lines of other hosts, comments and markers are kept as written.
"""

from __future__ import annotations

import base64
import fcntl
import os
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flexorch.errors import BadInputError
from flexorch.files import open_lock, safe_component, write_file
from flexorch.paths import state_dir, state_subdir

if TYPE_CHECKING:
    from paramiko import PKey

    from flexorch.intent.host import HostIntent

KNOWN_HOSTS = "known_hosts"
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


@dataclass
class _Index:
    """One known_hosts file's key lines by host name (hashed names kept aside: a hash can only
    be matched with the name in hand)."""

    stamp: tuple[int, int, int]
    plain: dict[str, list[str]] = field(default_factory=dict)
    hashed: list[tuple[str, str]] = field(default_factory=list)  # (|1|salt|hash, key part)

    def lines(self, name: str) -> list[str]:
        """``name keytype base64`` for every key pinned for ``name``."""
        from paramiko import HostKeys

        found = [f"{name} {key}" for key in self.plain.get(name, [])]
        found += [f"{name} {key}" for pattern, key in self.hashed
                  if HostKeys.hash_host(name, pattern) == pattern]
        return found


_INDEXES: dict[Path, _Index] = {}
_INDEXING = threading.Lock()


def _index(path: Path) -> _Index | None:
    """The index of ``path`` (None: no file), rebuilt when the file changed."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise BadInputError(f"known_hosts file {path} cannot be read: {exc.strerror}") from None
    stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
    with _INDEXING:
        index = _INDEXES.get(path)
        if index is None or index.stamp != stamp:
            index = _INDEXES[path] = _parse(path, stamp)
        return index


def _parse(path: Path, stamp: tuple[int, int, int]) -> _Index:
    index = _Index(stamp)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInputError(f"known_hosts file {path} cannot be read: {exc}") from None
    for line in text.splitlines():
        fields = line.split()
        # comments, markers (@revoked, @cert-authority) and short lines are not keys
        if len(fields) < 3 or fields[0].startswith(("#", "@")):
            continue
        key = f"{fields[1]} {fields[2]}"
        for pattern in fields[0].split(","):
            if pattern.startswith("|1|"):
                index.hashed.append((pattern, key))
            else:
                index.plain.setdefault(pattern, []).append(key)
    return index


def pinned(path: Path, address: str, port: int) -> list[PKey]:
    """The keys ``path`` holds for ``address:port`` (empty: none, or no file). Raises
    BadInputError for a file that cannot be read or has an undecodable key."""
    from paramiko import SSHException
    from paramiko.pkey import UnknownKeyType

    index = _index(path)
    if index is None:
        return []
    keys = []
    for line in index.lines(entry_name(address, port)):
        try:
            keys.append(key_from_openssh(line.split(" ", 1)[1]))
        except UnknownKeyType:
            continue  # a type paramiko cannot use (as paramiko itself skips it)
        except (SSHException, ValueError) as exc:
            raise BadInputError(f"known_hosts file {path}: an undecodable key for "
                                f"{entry_name(address, port)} ({type(exc).__name__})") from None
    return keys


_SESSION_DIR: list[Path] = []


def session_file(intent: HostIntent) -> Path:
    """A file holding only the lines pinned for ``intent``'s router, for netmiko to load (an
    empty file when none is pinned: paramiko then refuses any key). Private to this process
    (a 0700 temporary folder, removed at exit)."""
    path = known_hosts_for(intent)
    index = _index(path)
    name = entry_name(intent.hostname, intent.port)
    lines = index.lines(name) if index is not None else []
    with _INDEXING:
        if not _SESSION_DIR:
            import atexit
            import shutil

            folder = Path(tempfile.mkdtemp(prefix="flexorch-hostkeys-"))
            atexit.register(shutil.rmtree, folder, True)
            _SESSION_DIR.append(folder)
    target = _SESSION_DIR[0] / safe_component(intent.name, "host")
    return write_file(target, "".join(f"{line}\n" for line in lines), private=True,
                      durable=False)  # a scratch copy: the pins themselves are in ``path``


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


def _matches(pattern: str, names: set[str]) -> bool:
    """True when a host pattern of a known_hosts line is one of ``names`` (plain or hashed)."""
    from paramiko import HostKeys

    if pattern.startswith("|1|"):
        return any(HostKeys.hash_host(name, pattern) == pattern for name in names)
    return pattern in names


def _without(line: str, names: set[str]) -> str | None:
    """``line`` minus the hosts ``names`` (None: nothing left of it). Comments, markers
    (``@revoked``) and other hosts' entries are kept as they are."""
    fields = line.split()
    if len(fields) < 3 or line.lstrip().startswith(("#", "@")):
        return line
    hosts = fields[0].split(",")
    kept = [h for h in hosts if not _matches(h, names)]
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
                names = {name for name, _ in items}
                kept = [left for line in lines if (left := _without(line, names)) is not None]
                return kept + [f"{name} {key.get_name()} {key.get_base64()}"
                               for name, key in items]

            _rewrite(path, edit)


def forget(path: Path, address: str, port: int) -> int:
    """Remove every key ``path`` holds for ``address:port``; how many lines held one."""
    names = {entry_name(address, port)}
    removed = 0

    def edit(lines: list[str]) -> list[str]:
        nonlocal removed
        out = []
        for line in lines:
            kept = _without(line, names)
            removed += kept != line
            if kept is not None:
                out.append(kept)
        return out

    if not path.exists():
        return 0
    with _locked():
        _rewrite(path, edit)
    return removed


