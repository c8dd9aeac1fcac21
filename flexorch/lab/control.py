"""The lab process's control channel: one JSON object per line over TCP on 127.0.0.1.

The lab listens on an ephemeral loopback port written to ``lab.json`` in the lab state directory;
every request carries the token from ``control.token`` (a 0600 file), so only the user who
started the lab can drive it. Requests: ``{"op": "status"}``, ``{"op": "fault", "router": R,
"kind": K, "arg": A}``, ``{"op": "running", "router": R}``, ``{"op": "stats"}``,
``{"op": "shutdown"}``. Answers: ``{"ok": true, ...}`` or ``{"ok": false, "error": "..."}``.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import os
import re
import secrets
import socket
import subprocess
import time
from pathlib import Path
from typing import Any, Protocol

from flexorch.errors import BadInputError, FlexorchError
from flexorch.lab.storage import write_private

log = logging.getLogger("flexorch.lab")

LAB_FILE = "lab.json"
TOKEN_FILE = "control.token"
LOG_FILE = "lab.log"
STARTUP_ERROR_FILE = "startup.err"
MAX_REQUEST = 1 << 20
_TOKEN = re.compile(r"[0-9a-f]{32}")  # secrets.token_hex(16)


class LabNotRunningError(FlexorchError):
    """No lab process answers for this state directory."""


class Served(Protocol):
    """What the control channel drives (``flexorch.lab.server.Lab``); the client side of this
    module runs in ``flexorch lab`` commands, which must not load the SSH server."""

    def status(self) -> dict[str, Any]:
        """Lab start time and every router's status."""

    def fault(self, name: str, kind: str, arg: str | None = None) -> list[str]:
        """Switch a fault on; the router's active faults after it."""

    def running_text(self, name: str) -> str:
        """A router's running config."""

    def sessions_total(self) -> int:
        """SSH sessions served so far."""


class ControlServer:
    """Serves control requests for a lab (``Served``) on its event loop."""

    def __init__(self, lab: Served, root: Path) -> None:
        self.lab = lab
        self.root = root
        self.token = secrets.token_hex(16)
        self.stop_requested = asyncio.Event()
        self.sessions_served = 0
        self._server: asyncio.base_events.Server | None = None

    async def start(self) -> int:
        """Listen on an ephemeral loopback port; write the token; the port."""
        self._server = await asyncio.start_server(self._client, "127.0.0.1", 0, limit=MAX_REQUEST)
        port: int = self._server.sockets[0].getsockname()[1]
        write_private(self.root / TOKEN_FILE, self.token + "\n")
        return port

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            raw = await asyncio.wait_for(reader.readline(), timeout=10)
            answer = self.handle(raw)
        except (TimeoutError, ValueError, ConnectionError):
            answer = {"ok": False, "error": "bad request"}
        try:
            writer.write(json.dumps(answer).encode() + b"\n")
            await writer.drain()
            writer.close()
        except ConnectionError:
            pass

    def handle(self, raw: bytes) -> dict[str, Any]:  # noqa: PLR0911 - one answer per op
        """Answer one request line."""
        try:
            request = json.loads(raw)
        except ValueError:
            return {"ok": False, "error": "request is not JSON"}
        token = request.get("token") if isinstance(request, dict) else None
        # checked for shape first: compare_digest raises on non-ASCII text (that crashed the
        # connection handler), and only a token of ours can ever match
        if not isinstance(token, str) or not _TOKEN.fullmatch(token) or not hmac.compare_digest(
            token.encode("ascii"), self.token.encode("ascii")
        ):
            return {"ok": False, "error": "bad or missing control token"}
        op = request.get("op")
        try:
            if op == "status":
                return {"ok": True, **self.lab.status()}
            if op == "fault":
                name, kind = str(request["router"]), str(request["kind"])
                active = self.lab.fault(name, kind, request.get("arg"))
                return {"ok": True, "router": request["router"], "faults": active}
            if op == "running":
                return {"ok": True, "running": self.lab.running_text(str(request["router"]))}
            if op == "stats":
                total = self.lab.sessions_total()
                cpu = time.process_time()
                return {"ok": True, "cpu": cpu, "sessions": total, "pid": os.getpid()}
            if op == "shutdown":
                self.stop_requested.set()
                return {"ok": True}
        except FlexorchError as exc:
            return {"ok": False, "error": str(exc), "exit_code": exc.exit_code}
        except KeyError as exc:
            return {"ok": False, "error": f"request lacks {exc}"}
        return {"ok": False, "error": f"unknown op {op!r}"}


# --- client side (flexorch lab status|down|fault, the benchmark) ------------------------------
def read_lab_file(root: Path) -> dict[str, Any] | None:
    """``lab.json`` of a lab whose process is alive and is this state directory's lab process,
    else None (a stale file whose pid now belongs to another program is ignored)."""
    try:
        info: dict[str, Any] = json.loads((root / LAB_FILE).read_text(encoding="utf-8"))
        pid = int(info.get("pid", 0))
    except (OSError, ValueError, TypeError, AttributeError):
        return None
    if not pid_alive(pid) or not is_lab_process(pid, root):
        return None
    return info


def is_lab_process(pid: int, root: Path) -> bool:
    """True when process ``pid`` is the lab of state directory ``root``: ``python -m
    flexorch.lab.runner ... --state-dir ROOT``, or ``flexorch lab up --foreground`` (which
    serves in the CLI process). Signals go only to such a process."""
    args = _command_line(pid)
    if "flexorch.lab.runner" in args:
        try:
            given = Path(args[args.index("--state-dir") + 1])
        except (ValueError, IndexError):
            return False
        return given.resolve() == root.resolve()
    return "--foreground" in args and "lab" in args and "up" in args


def _command_line(pid: int) -> list[str]:
    """The arguments process ``pid`` was started with (empty when unknown)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
        return [part.decode(errors="replace") for part in raw.split(b"\0") if part]
    except FileNotFoundError:
        if Path("/proc/self").exists():
            return []  # procfs is there, the process is not
    except OSError:
        return []
    try:  # no procfs (macOS, BSD): ask ps
        out = subprocess.run(["ps", "-o", "command=", "-p", str(pid)], capture_output=True,
                             text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return out.stdout.split()


def pid_alive(pid: int) -> bool:
    """True while process ``pid`` runs (a zombie waiting to be reaped counts as gone)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return True  # no procfs: trust kill(0)
    return stat.rsplit(")", 1)[-1].split()[:1] != ["Z"]


def request(root: Path, op: str, timeout: float = 30.0, **fields: Any) -> dict[str, Any]:
    """Send one control request to the lab of ``root``; its answer.

    Raises LabNotRunningError when no lab runs there, FlexorchError with the lab's message when
    the lab refuses the request.
    """
    info = read_lab_file(root)
    if info is None:
        raise LabNotRunningError(f"no lab is running for state directory {root}")
    try:
        token = (root / TOKEN_FILE).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise LabNotRunningError(f"{root / TOKEN_FILE}: {exc.strerror}") from None
    payload = json.dumps({"token": token, "op": op, **fields}).encode() + b"\n"
    try:
        address = ("127.0.0.1", int(info["control_port"]))
        with socket.create_connection(address, timeout=timeout) as sock:
            sock.sendall(payload)
            data = b""
            while not data.endswith(b"\n"):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
    except OSError as exc:
        raise LabNotRunningError(f"lab control port {info['control_port']}: {exc}") from None
    try:
        answer: dict[str, Any] = json.loads(data)
    except ValueError:
        raise LabNotRunningError("lab control channel gave no answer") from None
    if not answer.get("ok"):
        message = f"lab: {answer.get('error', 'request failed')}"
        raise BadInputError(message) if answer.get("exit_code") == 2 else FlexorchError(message)
    return answer
