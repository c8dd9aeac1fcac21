"""How flexorch writes files: names checked before they become paths, never through a symlink,
never half-written, private by default.

Every write in the state directory and to ``--out`` goes through ``write_file``: a new temporary
file in the target folder (created with ``O_CREAT | O_EXCL | O_NOFOLLOW``, mode 0600, so nobody
can have prepared it or read it while it fills), synced, then renamed onto the target. A symlink
planted at the target name is replaced, never followed. ``replace=False`` never overwrites: the
file appears under its name only if nothing was there (backups of one run never land on another
run's). Lock files are opened with ``O_NOFOLLOW`` (``open_lock``).

Folders flexorch makes inside its state directory are 0700 (``private_dir``); the state
directory itself is refused when another user owns it or group/other may write to it
(``check_state_dir``): whoever can write there can swap a known_hosts file, a saved plan or a
lock.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from flexorch.errors import BadInputError

_COMPONENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.+=@-]{0,127}")


class StateDirError(BadInputError):
    """The state directory is not safe to use (another owner, writable by others)."""


def safe_component(value: str, what: str) -> str:
    """``value`` when it can be one path component (letters, digits, ``_ . + = @ -``, not
    starting with a dot or dash, at most 128 characters); raises BadInputError naming ``what``.

    Examples:
        >>> safe_component("hub1", "site")
        'hub1'
        >>> safe_component("../etc", "site")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        flexorch.errors.BadInputError: site '../etc' cannot be used in a file name ...
    """
    if not _COMPONENT.fullmatch(value):
        from flexorch.safetext import escape_control

        raise BadInputError(
            f"{what} '{escape_control(value)}' cannot be used in a file name (letters, digits, "
            "_ . + = @ - only, not starting with '.' or '-')")
    return value


def check_state_dir(path: Path) -> Path:
    """``path`` when it is a folder owned by this user that group and other cannot write to
    (a symlink to it only when this user owns the symlink). Raises StateDirError."""
    try:
        link = path.lstat()
        info = path.stat()
    except OSError as exc:
        raise StateDirError(f"state directory {path} cannot be used: {exc.strerror}") from None
    uid = os.geteuid()
    if stat.S_ISLNK(link.st_mode) and link.st_uid != uid:
        raise StateDirError(
            f"state directory {path} is a symlink owned by another user (uid {link.st_uid}); "
            "set FLEXORCH_STATE_DIR to a folder of your own")
    if not stat.S_ISDIR(info.st_mode):
        raise StateDirError(f"state directory {path} is not a folder")
    if info.st_uid != uid:
        raise StateDirError(
            f"state directory {path} is owned by another user (uid {info.st_uid}); "
            "set FLEXORCH_STATE_DIR to a folder of your own")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise StateDirError(
            f"state directory {path} is writable by group or other (mode "
            f"{stat.S_IMODE(info.st_mode):o}); run 'chmod 700 {path}' or set FLEXORCH_STATE_DIR")
    return path


def private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents with mode 0700 (a folder of ours that exists is
    tightened to 0700). For folders inside the state directory only, never a user's folder."""
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # a concurrent run made it first
            folder.mkdir(mode=0o700)
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise BadInputError(f"{path} is not a folder (a symlink or a file is in the way)")
    if info.st_uid == os.geteuid() and stat.S_IMODE(info.st_mode) != 0o700:
        path.chmod(0o700)
    return path


def new_private_dir(parent: Path, name: str) -> Path:
    """A folder ``parent/name`` (0700) that did not exist before: when ``name`` is taken (a
    run numbered again after the history database was reset), ``name.2``, ``name.3`` ...
    ``parent`` must exist."""
    safe_component(name, "folder name")
    for attempt in range(1, 1000):
        folder = parent / (name if attempt == 1 else f"{name}.{attempt}")
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            continue
        return folder
    raise BadInputError(f"{parent}: no free folder name for {name} (1000 taken)")


def write_file(path: Path, data: str | bytes, *, private: bool = True,
               replace: bool = True, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically: readers see the old file or the whole new one.

    ``private``: mode 0600 (anything that may hold a secret), else 0644. ``replace=False``:
    raise FileExistsError rather than overwrite anything (a symlink included) at ``path``.
    ``durable=False``: no fsync (a scratch file a crash may lose). The folder must exist.
    OSError from the file system is raised as it is."""
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if not private:
            tmp.chmod(0o644)
        if replace:
            tmp.replace(path)
        else:
            os.link(tmp, path)  # fails when anything, even a dangling symlink, has the name
            tmp.unlink()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def open_lock(path: Path) -> int:
    """A file descriptor for lock file ``path`` (created 0600), never through a symlink.
    Raises BadInputError when a symlink is in its place."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError:
        if path.is_symlink():
            raise BadInputError(f"lock file {path} is a symlink; remove it") from None
        raise


def read_private(path: Path, limit: int = 1 << 20) -> str:
    """The text of a small file flexorch wrote, read without following a symlink."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        return handle.read(limit).decode("utf-8", errors="replace")
