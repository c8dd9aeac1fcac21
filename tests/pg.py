"""A throwaway PostgreSQL server on 127.0.0.1 for tests and benchmarks.

Starts the Debian packages' server binaries (``/usr/lib/postgresql/<v>/bin/initdb``, ``pg_ctl``;
installed by ``scripts/system-deps.sh``) on a fresh temporary data directory and a free port.
PostgreSQL refuses to run as root, so when we are root (CI) every server command runs as the
``postgres`` system user through ``runuser``. The superuser ``flexorch`` gets a random password
(scram over TCP), so tests also exercise password handling. If the server cannot be started the
fixtures FAIL the tests that need it - they never skip.

Use from pytest: ``postgres_server`` (session) and ``postgres_url`` (a fresh empty database per
test). Use from a script: ``with PostgresServer() as server: url = server.create_database("x")``.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import psycopg
import pytest

SUPERUSER = "flexorch"


class PostgresUnavailable(RuntimeError):
    """The local server could not be started (message says why)."""


def find_bindir() -> Path:
    """The newest installed PostgreSQL server bin folder."""
    def version(initdb: Path) -> int:
        name = initdb.parent.parent.name
        return int(name) if name.isdigit() else 0

    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=version)
    if candidates:
        return candidates[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresUnavailable(
        "no PostgreSQL server binaries (initdb) found; run scripts/system-deps.sh "
        "(Debian: apt-get install postgresql)"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """One PostgreSQL instance in a temp dir. ``durable=False`` turns fsync off (tests only)."""

    def __init__(self, *, durable: bool = False, settings: tuple[str, ...] = (),
                 files: dict[str, bytes] | None = None) -> None:
        """``settings``: more ``-c name=value`` server options (``{dir}``: the server's folder);
        ``files``: written into that folder (0600, the server's) before it starts."""
        self.durable = durable
        self.settings = settings
        self.files = files or {}
        self.password = secrets.token_urlsafe(18)
        self.port = 0
        self.dir: Path | None = None
        self._as_root = os.geteuid() == 0

    # -- lifecycle ----------------------------------------------------------------------------

    def _cmd(self, *args: str) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *args] if self._as_root else list(args)

    def _run(self, *args: str, timeout: float = 60) -> None:
        out = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout,
                             check=False)
        if out.returncode != 0:
            log = self._log_tail()
            raise PostgresUnavailable(
                f"{Path(args[0]).name} failed ({out.returncode}): "
                f"{(out.stderr or out.stdout).strip()[-800:]}{log}"
            )

    def _log_tail(self) -> str:
        if self.dir and (self.dir / "server.log").exists():
            return "\nserver.log: " + (self.dir / "server.log").read_text(errors="replace")[-800:]
        return ""

    def start(self) -> PostgresServer:
        bindir = find_bindir()
        self.dir = Path(tempfile.mkdtemp(prefix="flexorch-pg-"))
        atexit.register(self.stop)  # a killed test run must not leave a server behind
        pwfile = self.dir / "pw"
        pwfile.write_text(self.password + "\n")
        pwfile.chmod(0o600)
        if self._as_root:
            shutil.chown(self.dir, "postgres", "postgres")
            shutil.chown(pwfile, "postgres", "postgres")
        for name, content in self.files.items():
            path = self.dir / name
            path.write_bytes(content)
            path.chmod(0o600)
            if self._as_root:
                shutil.chown(path, "postgres", "postgres")
        data = self.dir / "data"
        self._initdb(bindir, data, pwfile)
        settings = [
            "-c listen_addresses=127.0.0.1", f"-c unix_socket_directories={self.dir}",
            "-c max_connections=50", "-c shared_buffers=32MB",
            *(setting.format(dir=self.dir) for setting in self.settings),
        ]
        if not self.durable:
            settings += ["-c fsync=off", "-c full_page_writes=off", "-c synchronous_commit=off"]
        last: Exception | None = None
        for _ in range(3):  # a port picked free may be taken by someone else meanwhile
            self.port = free_port()
            try:
                self._run(
                    str(bindir / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "server.log"),
                    "-w", "-t", "30", "-o", " ".join([f"-p {self.port}", *settings]), "start",
                )
                return self
            except PostgresUnavailable as exc:
                last = exc
        raise PostgresUnavailable(f"PostgreSQL did not start: {last}")

    def _initdb(self, bindir: Path, data: Path, pwfile: Path) -> None:
        args = [
            str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-E", "UTF8", "--locale=C",
            "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}",
        ]
        if not self.durable:
            args.append("--no-sync")
        self._run(*args)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its data directory."""
        if self.dir is None:
            return
        bindir = find_bindir()
        data = self.dir / "data"
        if (data / "postmaster.pid").exists():
            subprocess.run(
                self._cmd(str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"),
                capture_output=True, timeout=60, check=False,
            )
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- databases ----------------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database; return its URL (with the password)."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        deadline = time.monotonic() + 10
        while True:
            try:
                with psycopg.connect(self.url(), autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{name}"')
                return self.url(name)
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)


# --- pytest fixtures -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A local PostgreSQL server for the whole session. Fails (never skips) if it cannot start."""
    server = PostgresServer()
    try:
        server.start()
    except (PostgresUnavailable, OSError, subprocess.TimeoutExpired) as exc:
        server.stop()
        pytest.fail(f"cannot start a local PostgreSQL server: {exc}")
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """URL of a fresh, empty database on the session's server."""
    return postgres_server.create_database()
