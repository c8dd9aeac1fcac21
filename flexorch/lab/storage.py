"""On-disk state of the lab, so ``flexorch lab down`` / ``up`` keeps what a router keeps.

Layout under the lab state directory::

    ssh_host_ed25519_key        the lab's SSH host key (generated once, 0600)
    lab.json                    pid, control port and routers of the running lab process
    control.token               the control channel's shared secret (0600)
    lab.log                     the lab process's log (masked)
    routers/<name>/startup-config
    routers/<name>/private-config   what IOS keeps in private NVRAM: the master key (0600)
    routers/<name>/flash/<file> simulated flash (bootflash:) files

Running-config is not stored: a restarted lab starts every router from its startup-config, like a
reboot. Writes are small and go straight to disk from the event loop.
"""

from __future__ import annotations

import re
from pathlib import Path

from flexorch.errors import BadInputError
from flexorch.files import write_file

_SAFE_FILE = re.compile(r"^[A-Za-z0-9._+\-/]{1,128}$")
HOST_KEY_FILE = "ssh_host_ed25519_key"


def write_private(path: Path, text: str) -> None:
    """Write a file readable by its owner only, replacing it atomically (a fresh temporary
    file, never through a symlink: ``flexorch.files.write_file``)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_file(path, text, private=True)


def safe_flash_name(name: str) -> bool:
    """True for a flash file name the lab will store (no traversal, no odd characters)."""
    return bool(_SAFE_FILE.match(name)) and ".." not in name.split("/") and not name.startswith("/")


class RouterStore:
    """Startup-config and flash files of one router on disk."""

    def __init__(self, root: Path, name: str) -> None:
        self.dir = root / "routers" / name
        self.flash_dir = self.dir / "flash"

    def load_startup(self) -> str | None:
        """The saved startup-config, or None for a router never saved."""
        path = self.dir / "startup-config"
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def save_startup(self, text: str) -> None:
        write_private(self.dir / "startup-config", text)

    def load_private(self) -> list[str] | None:
        """The private NVRAM lines (master key), or None when never stored."""
        try:
            text = (self.dir / "private-config").read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return [line for line in text.splitlines() if line.strip()]

    def save_private(self, lines: list[str]) -> None:
        write_private(self.dir / "private-config", "".join(line + "\n" for line in lines))

    def load_flash(self) -> dict[str, str]:
        """Every stored flash file, by name relative to ``flash:``."""
        files: dict[str, str] = {}
        if not self.flash_dir.is_dir():
            return files
        for path in sorted(self.flash_dir.rglob("*")):
            if path.is_file() and not path.name.endswith(".tmp"):
                files[path.relative_to(self.flash_dir).as_posix()] = path.read_text(
                    encoding="utf-8", errors="replace"
                )
        return files

    def save_flash(self, name: str, text: str) -> None:
        if not safe_flash_name(name):
            raise ValueError(f"unsafe flash file name {name!r}")
        write_private(self.flash_dir / name, text)

    def delete_flash(self, name: str) -> None:
        if safe_flash_name(name):
            (self.flash_dir / name).unlink(missing_ok=True)


def load_or_create_host_key(root: Path) -> object:
    """The lab's ed25519 host key, generated on first use and reused after (an asyncssh key)."""
    import asyncssh

    path = root / HOST_KEY_FILE
    if path.is_file():
        try:
            return asyncssh.read_private_key(str(path))
        except (OSError, asyncssh.KeyImportError) as exc:
            raise BadInputError(f"{path}: lab host key cannot be read: {exc}") from None
    key = asyncssh.generate_private_key("ssh-ed25519")
    write_private(path, key.export_private_key().decode())
    return key
