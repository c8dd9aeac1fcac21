"""A throwaway Redis server and real ``flexorch worker`` processes on 127.0.0.1, for tests and
benchmarks.

``RedisServer`` runs Debian's ``redis-server`` (installed by ``scripts/system-deps.sh``) on a free
port with its own temporary directory, no persistence. ``Worker`` is ``python -m flexorch
worker`` in its own process group (so a test can kill it and its pool at once), ready once it
answers a ping. Both stop at exit even when a test run is killed.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


class ClusterUnavailable(RuntimeError):
    """redis-server or a worker could not be started (message says why)."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One redis-server in a temp dir, listening on 127.0.0.1 only."""

    def __init__(self) -> None:
        self.port = 0
        self.dir: Path | None = None
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not Path(binary).exists():
            raise ClusterUnavailable("no redis-server; run scripts/system-deps.sh "
                                     "(Debian: apt-get install redis-server)")
        self.dir = Path(tempfile.mkdtemp(prefix="flexorch-redis-"))
        atexit.register(self.stop)
        self.port = free_port()
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.dir),
             "--save", "", "--appendonly", "no", "--protected-mode", "yes",
             "--logfile", str(self.dir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.ping():
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        log = (self.dir / "redis.log").read_text(errors="replace")[-500:] \
            if (self.dir / "redis.log").exists() else ""
        self.stop()
        raise ClusterUnavailable(f"redis-server did not start: {log}")

    def ping(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(
                ("127.0.0.1", self.port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
        return False

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(5)
            if self.proc.poll() is None:
                self.proc.kill()
        self.proc = None
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None


class Worker:
    """A ``flexorch worker`` process (its own process group)."""

    def __init__(self, broker: str, name: str, env: dict[str, str], *, concurrency: int = 1,
                 log: Path | None = None, queues: str = "flexorch") -> None:
        self.broker = broker
        self.queues = queues
        self.name = name
        self.env = env
        self.concurrency = concurrency
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def node(self) -> str:
        return f"{self.name}@{socket.gethostname()}"

    def start(self) -> Worker:
        out: Any = subprocess.DEVNULL
        if self.log is not None:
            out = os.open(self.log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "flexorch", "worker", "--broker", self.broker,
             "--concurrency", str(self.concurrency), "--name", self.node, "--queues", self.queues,
             "--loglevel", "INFO"],
            cwd=ROOT, env={**os.environ, **self.env}, stdout=out, stderr=out,
            start_new_session=True)
        if isinstance(out, int) and out >= 0:
            os.close(out)
        atexit.register(self.kill)
        return self

    def wait_ready(self, timeout: float = 60.0) -> None:
        from flexorch.distributed.cluster.app import celery_app

        app = celery_app(self.broker)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                tail = self.log.read_text(errors="replace")[-1500:] if self.log else ""
                raise ClusterUnavailable(f"worker {self.name} exited: {tail}")
            if any(self.node in reply for reply in app.control.ping(
                    destination=[self.node], timeout=0.5) or []):
                return
        raise ClusterUnavailable(f"worker {self.name} not ready after {timeout:.0f} s")

    def kill(self) -> None:
        """SIGKILL the worker and its pool at once (a machine that dies)."""
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        """Warm shutdown (SIGTERM), then kill what is left."""
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
