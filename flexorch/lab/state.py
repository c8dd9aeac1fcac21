"""The state one simulated router keeps: running and startup config, flash, archive, revert timer.

Everything here runs on the lab's event loop thread; nothing needs a lock. The running config is
a ``ConfigTree`` changed only through the config engine (``flexorch.lab.configmode``), so what the
lab shows is what the engine built. ``version`` counts running-config changes; the crypto view
caches its negotiation per set of versions and is told of each change (``on_change``), so it
never has to compare every router's version to find the ones that changed.

The master key (``key config-key password-encrypt``) lives in private NVRAM on IOS, not in any
config text: ``show running-config``, startup-config, archives and flash copies never hold it, yet
it survives reload, ``configure replace`` and rollback. The state keeps it the same way
(``private``, stored beside startup-config) and feeds it first whenever saved text is loaded, so
type-6 keys in that text can still be decrypted.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from flexorch.errors import BadInputError
from flexorch.ios.config import ConfigTree, private_lines
from flexorch.lab import configmode
from flexorch.lab.storage import RouterStore

log = logging.getLogger("flexorch.lab")

DEFAULT_ARCHIVE_MAXIMUM = 10
FLASH_PREFIXES = ("flash:", "bootflash:")


@dataclass
class RevertTimer:
    """A pending Rollback Confirmed Change: the checkpoint and when it fires."""

    checkpoint: str  # flash file name holding the config to return to
    minutes: int
    started: float  # wall-clock time.time()
    deadline: float  # loop time
    user: str
    handle: asyncio.TimerHandle | None = None


def flash_name(url: str) -> str | None:
    """``flash:x`` / ``bootflash:x`` / ``bootflash:/x`` -> ``x``; None for another file system."""
    for prefix in FLASH_PREFIXES:
        if url.lower().startswith(prefix):
            return url[len(prefix):].lstrip("/")
    return None


class RouterState:
    """Configs, flash and safety features of one router."""

    on_change: Callable[[str], None] | None = None  # called with the name on every version bump

    def __init__(
        self,
        name: str,
        day0: str,
        store: RouterStore | None,
        *,
        revert_seconds_per_minute: float = 60.0,
        startup_file: Path | None = None,
        hardware: str | None = None,
    ) -> None:
        self.name = name
        self.store = store
        self.revert_seconds_per_minute = revert_seconds_per_minute
        day0_tree = configmode.load_config(day0)
        saved = self._initial_startup(day0_tree, startup_file)
        stored_private = store.load_private() if store else None
        # Private NVRAM: the master key, first from day-0 (a fresh router), then as stored.
        self.private: list[str] = (
            stored_private if stored_private is not None else private_lines(day0_tree)
        )
        self.startup: str = saved
        self.flash: dict[str, str] = store.load_flash() if store else {}
        self.flash_times: dict[str, float] = dict.fromkeys(self.flash, time.time())
        # Hardware interfaces are the ports of the router's model and those its boot config
        # configures; others cannot be created.
        self.physical = configmode.physical_interfaces(ConfigTree.from_text(saved), hardware)
        self.boot_source = str(startup_file) if startup_file is not None else "startup-config"
        self.boot_rejected: list[str] = []
        self.running: ConfigTree = self._load(saved)
        if store and stored_private is None:
            store.save_private(self.private)
        self.version = 0
        self.dirty = False  # running changed since the last save (IOS asks on reload)
        self.boot_time = time.time()
        self.last_change: tuple[float, str] | None = None
        self.last_save: tuple[float, str] | None = None
        self.archive_count = 0
        self.archives: list[str] = []  # flash names, oldest first
        self.revert: RevertTimer | None = None

    @property
    def version(self) -> int:
        """How many times the running config changed (a fault on the router's peers counts)."""
        return self._version

    @version.setter
    def version(self, value: int) -> None:
        self._version = value
        if self.on_change is not None:
            self.on_change(self.name)

    def _initial_startup(self, day0_tree: ConfigTree, startup_file: Path | None) -> str:
        """The startup-config the router boots with: a given file (it replaces what was saved,
        as ``copy <file> startup-config`` does), else the saved one, else day-0 (saved)."""
        if startup_file is not None:
            try:
                text = startup_file.read_text(encoding="utf-8", errors="replace")
            except OSError as exc:
                raise BadInputError(
                    f"{startup_file}: router {self.name}: startup-config cannot be read: "
                    f"{exc.strerror}") from None
        else:
            saved = self.store.load_startup() if self.store else None
            if saved is not None:
                return saved
            # A fresh router: its day-0 config is what it boots with, and it is saved.
            text = configmode.config_body(day0_tree)
        if self.store:
            self.store.save_startup(text)
        return text

    # --- running config ---------------------------------------------------------------------
    def changed(self, user: str) -> None:
        """Record that the running config changed (called after every accepted config line)."""
        self.version += 1
        self.dirty = True
        self.last_change = (time.time(), user)
        self._keep_private()

    def _keep_private(self) -> None:
        """IOS writes a new master key to private NVRAM at once (no ``write memory`` needed)."""
        private = private_lines(self.running)
        if private != self.private:
            self.private = private
            if self.store:
                self.store.save_private(private)

    def _load(self, text: str) -> ConfigTree:
        """A saved config (startup, archive, flash file) loaded with the private NVRAM lines
        first, as IOS parses startup-config with its master key already known. The lines it
        refused are kept (``boot_rejected``: ``file:line: text  (error)``) and logged."""
        prefix = "".join(line + "\n" for line in self.private)
        tree, rejected = configmode.boot_config(prefix + text, self.physical)
        self.boot_rejected = [
            replace(r, line_no=r.line_no - len(self.private)).where(self.boot_source)
            for r in rejected]
        for line in self.boot_rejected:
            log.warning("%s: refused at load: %s", self.name, line)
        return tree

    def hostname(self) -> str:
        node = self.running.find("hostname")  # a top-level line, found among ~100 roots
        if node and len(node[0].text.split()) == 2:
            return node[0].text.split()[1]
        return "Router"

    def running_text(self) -> str:
        """The running config as a file holds it (no ``Building configuration`` header)."""
        return configmode.config_body(self.running)

    def replace_running(self, text: str, user: str) -> None:
        """Make ``text`` the running config (configure replace / rollback / reload)."""
        self.running = self._load(text)
        self.changed(user)

    # --- startup and flash ----------------------------------------------------------------
    def save(self, user: str) -> None:
        """``write memory``: running becomes startup (and archives when ``write-memory`` is set)."""
        self.startup = self.running_text()
        self.boot_source = "startup-config"
        self.dirty = False
        self.last_save = (time.time(), user)
        if self.store:
            self.store.save_startup(self.startup)
        if self.archive_settings()[2]:
            self.archive_now()

    def write_flash(self, name: str, text: str) -> None:
        self.flash[name] = text
        self.flash_times[name] = time.time()
        if self.store:
            self.store.save_flash(name, text)

    def delete_flash(self, name: str) -> bool:
        if self.flash.pop(name, None) is None:
            return False
        self.flash_times.pop(name, None)
        if self.store:
            self.store.delete_flash(name)
        return True

    # --- archive ----------------------------------------------------------------------------
    def archive_settings(self) -> tuple[str | None, int, bool]:
        """``(path, maximum, write-memory)`` from the running config's ``archive`` block."""
        block = self.running.get("archive")
        if block is None:
            return None, DEFAULT_ARCHIVE_MAXIMUM, False
        path = block.child("path")
        maximum = block.child("maximum")
        words = maximum.text.split() if maximum else []
        return (
            path.text.split(None, 1)[1] if path and len(path.text.split()) == 2 else None,
            int(words[1]) if len(words) == 2 and words[1].isdigit() else DEFAULT_ARCHIVE_MAXIMUM,
            block.child("write-memory") is not None,
        )

    def archive_now(self) -> str | None:
        """Save the running config as the next archive file; its flash name (None: no path or
        the path is not on flash)."""
        path, maximum, _ = self.archive_settings()
        base = flash_name(path) if path else None
        if not base:
            return None
        self.archive_count += 1
        name = f"{base}-{self.archive_count}"
        self.write_flash(name, self.running_text())
        self.archives.append(name)
        while len(self.archives) > maximum:
            self.delete_flash(self.archives.pop(0))
        return name

    # --- revert timer (Configuration Rollback Confirmed Change) -------------------------------
    def start_revert(self, minutes: int, user: str) -> str | None:
        """Checkpoint the running config and arm the timer; the checkpoint name, None when the
        archive path is missing (IOS refuses then)."""
        checkpoint = self.archive_now()
        if checkpoint is None:
            return None
        loop = asyncio.get_running_loop()
        self.revert = RevertTimer(checkpoint, minutes, time.time(), loop.time(), user)
        self._arm(minutes)
        return checkpoint

    def _arm(self, minutes: int) -> None:
        assert self.revert is not None
        loop = asyncio.get_running_loop()
        if self.revert.handle:
            self.revert.handle.cancel()
        delay = minutes * self.revert_seconds_per_minute
        self.revert.minutes = minutes
        self.revert.deadline = loop.time() + delay
        self.revert.handle = loop.call_later(delay, self._expire)

    def reset_revert(self, minutes: int) -> bool:
        """``configure revert timer N``: restart the pending timer; False when none is pending."""
        if self.revert is None:
            return False
        self.revert.started = time.time()  # "Time configured(or reconfigured)"
        self._arm(minutes)
        return True

    def confirm(self) -> bool:
        """``configure confirm``: keep the change; False when nothing was pending."""
        if self.revert is None:
            return False
        if self.revert.handle:
            self.revert.handle.cancel()
        self.revert = None
        return True

    def revert_now(self, reason: str = "revert now") -> str | None:
        """Roll back to the checkpoint now; the checkpoint name, None when nothing was pending."""
        pending = self.revert
        if pending is None:
            return None
        if pending.handle:
            pending.handle.cancel()
        self.revert = None
        text = self.flash.get(pending.checkpoint)
        if text is None:  # someone deleted the checkpoint; IOS would fail the rollback too
            log.warning("%s: rollback checkpoint flash:%s is gone", self.name, pending.checkpoint)
            return None
        self.replace_running(text, f"rollback ({reason})")
        log.info("%s: rolled back to flash:%s (%s)", self.name, pending.checkpoint, reason)
        return pending.checkpoint

    def _expire(self) -> None:
        if self.revert is not None:
            self.revert.handle = None
            self.revert_now("timer expired")

    # --- reload -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Boot again: running-config from startup, archive counter and timer forgotten."""
        if self.revert and self.revert.handle:
            self.revert.handle.cancel()
        self.revert = None
        self.archive_count = 0
        self.archives = []
        self.running = self._load(self.startup)
        self.dirty = False
        self.boot_time = time.time()
        self.version += 1
