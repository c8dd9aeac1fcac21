"""The SCP server of a lab router: a file copied to ``flash:`` over SSH (``scp -t``).

IOS runs an SCP server only with ``ip scp server enable`` in the running config (Cisco, "Secure
Copy", Security Configuration Guide: Securing User Services, IOS XE: "Before enabling SCP, you
must correctly configure SSH, authentication, and authorization on the router"; the example
server configuration there is ``aaa new-model``, ``aaa authentication login default local``,
``aaa authorization exec default local``, ``username ... privilege 15``, ``ip scp server
enable``). The lab checks the command only; without it the request fails with the client
seeing the channel close and an error, as a router without the server does.

The protocol is the ``rcp`` sink (what ``scp -t PATH`` does on the far end): the sink answers
each step with a zero byte; the source sends ``C<mode> <size> <name>``, the bytes and a zero
byte; ``E`` or end-of-file ends it. Only single files to ``flash:`` / ``bootflash:`` are taken.
The file is written to flash as the bytes arrive (a transfer cut short leaves a truncated file,
as a flash file system does); faults ``transfer-drop N`` and ``transfer-reload N`` cut the
connection (or reload the router) after N bytes of file data.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from flexorch.lab.state import flash_name
from flexorch.lab.storage import safe_flash_name
from flexorch.lab.surface import Router

log = logging.getLogger("flexorch.lab")

SCP_ENABLE = "ip scp server enable"
OK, ERROR = b"\x00", b"\x02"


class ScpSink:
    """One ``scp -t TARGET`` exec channel. ``write`` sends bytes to the client; ``finish(code,
    abort)`` ends the channel (``abort``: the connection is cut without a goodbye)."""

    def __init__(self, router: Router, command: str, write: Callable[[bytes], None],
                 finish: Callable[[int, bool], None]) -> None:
        self.router = router
        self.write = write
        self.finish = finish
        self.target = _target(command)
        self.buffer = b""
        self.name: str | None = None
        self.size = 0
        self.data = b""
        self.done = False

    def start(self) -> None:
        """Refuse (no SCP server, not a flash target) or say ready."""
        if self.router.state.running.get(SCP_ENABLE) is None:
            log.info("%s: scp refused: no '%s'", self.router.name, SCP_ENABLE)
            self._fail("scp server not enabled")
        elif self.target is None:
            self._fail("Permission denied")
        else:
            self.write(OK)

    def feed(self, data: bytes) -> None:
        """Bytes from the client."""
        if self.done:
            return
        self.buffer += data
        while self.buffer and not self.done:
            if self.name is None and not self._header():
                return
            if self.name is not None and not self._body():
                return

    def _header(self) -> bool:
        """Read one ``C``/``T``/``E`` line; False when more bytes are needed."""
        cut = self.buffer.find(b"\n")
        if cut < 0:
            return False
        line, self.buffer = self.buffer[:cut].decode("utf-8", "replace"), self.buffer[cut + 1:]
        if line.startswith("E"):
            self.write(OK)
            return True
        if line.startswith("T"):
            self.write(OK)
            return True
        words = line.split(" ", 2)
        if not line.startswith("C") or len(words) < 3 or not words[1].isdigit():
            self._fail("Protocol error")
            return False
        name = self.target or words[2]
        if not safe_flash_name(name):
            self._fail("Invalid argument")
            return False
        self.name, self.size, self.data = name, int(words[1]), b""
        self.write(OK)
        return True

    def _body(self) -> bool:
        """Take file bytes (and the zero byte after them); False when more are needed."""
        assert self.name is not None
        want = self.size - len(self.data)
        limit = self._limit()
        if limit is not None:
            want = min(want, max(limit - len(self.data), 0))
        self.data += self.buffer[:want]
        self.buffer = self.buffer[want:]
        if limit is not None and len(self.data) >= limit:
            self._fault()
            return False
        if len(self.data) < self.size or not self.buffer:
            return False
        self.buffer = self.buffer[1:]  # the source's zero byte
        self._store()
        log.info("%s: scp wrote flash:%s (%d bytes)", self.router.name, self.name, self.size)
        self.name = None
        self.write(OK)
        return True

    def _limit(self) -> int | None:
        """The byte count at which a transfer fault cuts this upload (None: no fault)."""
        faults = self.router.faults
        limits = [n for n in (faults.transfer_drop, faults.transfer_reload) if n is not None]
        return min(limits) if limits else None

    def _fault(self) -> None:
        """Cut the connection (``transfer-drop``) or reload (``transfer-reload``, once) with
        what arrived left in flash, truncated."""
        faults = self.router.faults
        reload = faults.transfer_reload is not None and len(self.data) >= faults.transfer_reload
        log.info("%s: fault transfer-%s after %d bytes", self.router.name,
                 "reload" if reload else "drop", len(self.data))
        self.done = True
        self._store()
        self.finish(1, True)
        if reload:
            faults.transfer_reload = None  # one-shot, like the reload fault
            asyncio.get_running_loop().create_task(self.router.reload())

    def _store(self) -> None:
        assert self.name is not None
        self.router.state.write_flash(self.name, self.data.decode("utf-8", "replace"))

    def _fail(self, message: str) -> None:
        self.done = True
        self.write(ERROR + f"scp: {message}\n".encode())
        self.finish(1, False)

    def eof(self) -> None:
        """The client closed its side: the channel ends."""
        if not self.done:
            self.done = True
            self.finish(0, False)


def _target(command: str) -> str | None:
    """The flash file name of ``scp -t [options] TARGET`` ('' for the flash directory itself),
    None for anything else (another file system, a download, a recursive copy)."""
    words = command.split()
    if "-t" not in words or "-f" in words or "-r" in words:
        return None
    url = words[-1]
    if url in ("flash:", "bootflash:", "flash:/", "bootflash:/"):
        return ""
    return flash_name(url)
