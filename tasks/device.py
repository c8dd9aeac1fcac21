"""One router's CLI over its run-long netmiko session: exec commands anchored on the prompt,
IOS questions answered, config pushed with IOS's error strings detected.

Every command waits for the router's prompt at the end of the output (never netmiko's prompt
discovery, which takes tens of seconds on a router that stopped answering), with the run's
command timeout. Failures raise the ``DeviceError`` of their category (``flexorch.errors``:
connect refused/timeout, authentication, host key, no answer, session lost, IOS refused), with
the router's words; ``flexorch.tasks.failures`` classifies by exception type.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from flexorch.errors import (
    DeviceError,
    DeviceRefused,
    DeviceTimeout,
    PushRefused,
    SessionLost,
)
from flexorch.ios.facts import REFUSED_LINE
from flexorch.pending import NO_PENDING, ROLLBACK_TIMER_COMMAND, UnreadableTimer, read_pending
from flexorch.secrets import mask
from flexorch.tasks.channel import (
    answer_body,
    answers_of,
    read_until,
    read_while,
    stop_transport,
)
from flexorch.tasks.failures import CLOSED, CONNECT_STEP, NO_ANSWER, device_error

if TYPE_CHECKING:
    from netmiko import BaseConnection
    from nornir.core import Nornir
    from nornir.core.task import Result, Task

    from flexorch.pending import PendingChange

CONNECTION = "netmiko"


def connection(task: Task, timeout: float = 15.0) -> BaseConnection:
    """The host's netmiko session: opened on first use, then reused by every later task of the
    run (Nornir caches it per host until ``close_connections``, or until the run's session
    pool, ``flexorch.tasks.sessions``, closes it to make room: the next use opens a new one).

    Before the first login the router's SSH host key is verified (``flexorch.hostkeys``): a
    key not pinned for the host is refused (or pinned, under ``accept-new``) and a key other
    than the pinned one raises HostKeyError naming both fingerprints; in both cases before any
    user name or password is sent. ``timeout`` bounds the scan of an unpinned key and each
    read of the login."""
    from flexorch import hostkeys
    from flexorch.tasks.login import login, needs_login
    from flexorch.tasks.sessions import pool_of

    host = task.host
    conn: BaseConnection | None = host.connections.get(CONNECTION)  # type: ignore[assignment]
    if conn is not None:
        return conn.connection  # type: ignore[no-any-return,attr-defined]
    intent = host.data.get("intent")
    pool = pool_of(task.nornir)
    if pool is not None:
        pool.reserve(host)
    ok = False
    try:
        if intent is not None:
            hostkeys.check_before_login(intent, timeout)
            # netmiko loads its known_hosts file with paramiko at every login, in time that
            # grows with the square of the file: give it a file of this router's lines only
            options = host.connection_options.get(CONNECTION)
            if options is not None and options.extras is not None:
                options.extras["alt_key_file"] = str(hostkeys.session_file(intent))
        conn = host.get_connection(CONNECTION, task.nornir.config)
        if needs_login(conn):
            login(conn, timeout)
        ok = True
    except Exception as exc:
        _forget(task)
        refused = hostkeys.refusal(exc, intent) if intent is not None else None
        if refused is not None:
            raise refused from exc
        raise
    finally:
        if pool is not None:
            pool.opened_ok(host, ok)
    return conn


def _forget(task: Task) -> None:
    """Drop a session that failed to open (its SSH client closed, netmiko's log filter
    removed), so the next use starts afresh."""
    plugin: Any = task.host.connections.pop(CONNECTION, None)
    if plugin is not None:
        stop_transport(plugin.connection)
        with contextlib.suppress(Exception):  # half-open: whatever is left is dropped
            plugin.connection.disconnect()


# Config lines written at once before IOS's answers are read (``Device.push``): a round trip
# per group instead of per line; a refused line leaves at most this many - 1 more applied,
# under the revert timer. Typing ahead is how netmiko pushed config to IOS for years
# (send_config_set wrote every line at once until netmiko 3.x made cmd_verify the default),
# and what a paste into an IOS session does: IOS takes each line in turn. Each line's answer
# is told apart by the echoes (tasks.channel.answers_of); should a router echo differently,
# any % line of a group is still a refusal (the change is rolled back), only the line the
# message names could be another of its group.
TYPE_AHEAD = 16
_QUESTION = r"(?:\]\?\s*$|\[confirm\]\s*$|\[yes/no\]:\s*$|\[no\]:\s*$)"
_ERROR_LINE = re.compile(r"^\s*(%\s*\S.*)$", re.M)


def session_defaults(nr: Nornir, timeout: float) -> None:
    """Give every host's netmiko session the run's timeouts (inventory values win): TCP connect,
    login and every read are bounded by ``timeout`` seconds; and bound the sessions open at once
    to the runner's workers + ``tasks.sessions.READ_AHEAD``, whatever the number of hosts."""
    from flexorch.tasks.sessions import READ_AHEAD, bound_sessions

    bound_sessions(nr, int(getattr(nr.runner, "num_workers", 1)) + READ_AHEAD)
    for host in nr.inventory.hosts.values():
        options = host.connection_options.get(CONNECTION)
        if options is None:
            continue
        extras = options.extras if options.extras is not None else {}
        for key, value in (("conn_timeout", min(timeout, 15.0)), ("auth_timeout", timeout),
                           ("banner_timeout", timeout), ("read_timeout_override", timeout),
                           ("fast_cli", True), ("auto_connect", False)):
            extras.setdefault(key, value)
        options.extras = extras


def first_error(output: str) -> str | None:
    """The first ``% ...`` line of IOS output (an error or refusal), None when there is none."""
    match = _ERROR_LINE.search(output)
    return match.group(1).strip() if match else None


class Device:
    """The CLI of ``task.host`` over its one session. ``timeout``: seconds per command."""

    def __init__(self, task: Task, timeout: float) -> None:
        self.host = task.host.name
        self.timeout = timeout
        try:
            self.conn: BaseConnection = connection(task, min(timeout, 15.0))
        except Exception as exc:
            raise device_error(exc, self.host, CONNECT_STEP) from exc
        # netmiko keeps the hostname's first 16 characters only (IOS shortens it in config
        # mode): the rest of a longer one (bfl-cpoc-d14-8235-01) may follow before # or >
        base = re.escape(self.conn.base_prompt) + r"[^\s#>()]*"
        self.exec_prompt = rf"{base}[#>]\s*$"
        self.any_prompt = rf"{base}(?:\([\w./-]+\))?[#>]\s*$"
        self.config_prompt = rf"{base}\([\w./-]+\)#\s*$"

    def _failed(self, exc: BaseException, step: str) -> DeviceError:
        """The typed error of a command that failed, telling a session the router closed
        (SessionLost) from one that is silent (DeviceTimeout)."""
        try:
            channel: Any = self.conn.remote_conn  # a paramiko Channel for SSH sessions
            closed = channel is None or channel.closed or not channel.get_transport().is_active()
        except Exception:  # a transport half torn down answers with anything: not "closed"
            closed = False
        if closed:
            return SessionLost(self.host, step, CLOSED)
        return device_error(exc, self.host, step)

    def command(self, command: str, step: str, *, expect: str | None = None,
                timeout: float | None = None) -> str:
        """Run an exec command; its output (without the echo and the prompt). Raises
        DeviceError when the session fails."""
        text = self._exchange(command, re.compile(expect or self.exec_prompt), step, timeout)
        return answer_body(text, command, re.compile(self.exec_prompt))

    def answer(self, text: str, pattern: str, step: str) -> str:
        """Type ``text`` + Enter at a question; the output up to ``pattern``."""
        return self._exchange(text, re.compile(pattern), step)

    def _exchange(self, text: str, pattern: re.Pattern[str], step: str,
                  timeout: float | None = None) -> str:
        """Type ``text`` + Enter; what the router answered, up to ``pattern`` found after the
        echo: one round trip, no fixed pauses (``tasks.channel``)."""
        with self._on_wire(step):
            self.conn.write_channel(self.conn.normalize_cmd(text))
            return read_until(self.conn, pattern, timeout or self.timeout, after_echo=True)

    @contextlib.contextmanager
    def _on_wire(self, step: str) -> Iterator[None]:
        """Raise what a read on the socket (``tasks.channel``) or a write met as DeviceError:
        its timeout as DeviceTimeout, the router closing the session as SessionLost."""
        from netmiko.exceptions import ReadTimeout

        try:
            yield
        except ReadTimeout:
            raise DeviceTimeout(self.host, step, NO_ANSWER) from None
        except EOFError:
            raise SessionLost(self.host, step, CLOSED) from None
        except Exception as exc:
            raise self._failed(exc, step) from exc

    def dialog(self, command: str, step: str, answers: int = 3) -> str:
        """Run a command that may ask questions (``Destination filename [x]?``, ``[confirm]``),
        taking every default; the whole output."""
        pattern = rf"(?:{self.exec_prompt}|{_QUESTION})"
        out = self.command(command, step, expect=pattern)
        for _ in range(answers):
            if not re.search(_QUESTION, out):
                break
            out += self.answer("", pattern, step)
        return out

    def running_config(self) -> str:
        """``show running-config``."""
        return self.command("show running-config", "collect")

    def copy_running(self, filename: str) -> None:
        """``copy running-config flash:<filename>`` (the backup configure replace falls back on)."""
        out = self.dialog(f"copy running-config flash:{filename}", "backup")
        if "%Error" in out or "% Error" in out or "bytes copied" not in out:
            raise DeviceRefused(self.host, "backup",
                                first_error(out) or f"copy to flash:{filename} failed")

    def configure(self, lines: list[str], step: str, *, command: str = "configure terminal") -> str:
        """Enter config mode with ``command``, send ``lines`` (IOS errors detected), ``end``."""
        self.enter_config(command, step)
        out = self.push(lines, step)
        self.end_config(step)
        return out

    def enter_config(self, command: str, step: str) -> str:
        """Enter config mode (``configure terminal [revert timer N]``); refusal -> DeviceError."""
        out = self._exchange(command, re.compile(
            rf"(?:{self.config_prompt}|{self.exec_prompt})"), step)
        if not out.rstrip().endswith(")#"):
            raise DeviceRefused(self.host, step, first_error(out)
                                or f"'{command}' did not enter configuration mode")
        return out

    def push(self, lines: list[str], step: str = "push",
             sent: Callable[[int], None] | None = None) -> str:
        """Send config lines in the current config mode, ``TYPE_AHEAD`` at a time: a group of
        lines is written at once and IOS's answer to each is read before the next group goes.
        A line IOS refuses raises PushRefused naming the line (masked) and IOS's message, after
        leaving config mode; a session that drops or stops answering raises DeviceError.

        IOS runs typed-ahead lines one after the other as if typed one by one, a refused
        line's later ones too (as ``copy FILE running-config`` does with a whole file): a
        refusal leaves at most ``TYPE_AHEAD - 1`` more lines applied, all under the revert
        timer the caller started (undone with the change). The wait is on the socket (poll),
        so a group costs one round trip. ``sent`` is told how many lines IOS took so far."""
        prompt = re.compile(self.any_prompt, re.M)
        output: list[str] = []
        for start in range(0, len(lines), TYPE_AHEAD):
            group = lines[start:start + TYPE_AHEAD]
            answers = self._type_ahead(group, prompt, step)
            output += answers
            for offset, answer in enumerate(answers):
                refused = REFUSED_LINE.search(answer)
                if refused:
                    self.end_config(step)
                    raise PushRefused(self.host, step, mask(
                        f"IOS refused line {start + offset + 1} '{group[offset].strip()}': "
                        f"{refused.group(0).strip()}"), start + offset)
            if sent is not None:
                sent(start + len(group))
        return "".join(output)

    def _type_ahead(self, lines: list[str], prompt: re.Pattern[str], step: str) -> list[str]:
        """Write ``lines`` at once; IOS's answer to each (``tasks.channel.answers_of``), read
        up to the prompt after the last one's echo."""
        def done(text: str) -> bool:
            answers = answers_of(text, lines)
            return answers is not None and prompt.search(answers[-1]) is not None

        with self._on_wire(step):
            self.conn.write_channel("".join(self.conn.normalize_cmd(line) for line in lines))
            text = read_while(self.conn, done, self.timeout, "the prompt after the last line")
        answers = answers_of(text, lines)
        assert answers is not None  # done() saw them
        return answers

    def end_config(self, step: str) -> None:
        """Leave config mode (``end``)."""
        self.command("end", step, expect=self.exec_prompt)

    def confirm(self) -> None:
        """``configure confirm``: keep the change made under the revert timer."""
        out = self.command("configure confirm", "confirm")
        if NO_PENDING in out:
            raise DeviceRefused(self.host, "confirm", "no change pending: the revert timer "
                                "already rolled the change back")
        error = first_error(out)
        if error:
            raise DeviceRefused(self.host, "confirm", error)

    def save(self) -> None:
        """``write memory``."""
        out = self.command("write memory", "confirm")
        if "[OK]" not in out:
            raise DeviceRefused(self.host, "confirm",
                                first_error(out) or "write memory did not answer [OK]")

    def restart_timer(self, minutes: int) -> None:
        """``configure revert timer <minutes>``."""
        out = self.command(f"configure revert timer {minutes}", "verify")
        if NO_PENDING in out:
            raise DeviceRefused(self.host, "verify", "no change pending")
        error = first_error(out)
        if error:
            raise DeviceRefused(self.host, "verify", error)

    def revert_now(self) -> str:
        """``configure revert now``; returns IOS's output. Raises DeviceError when nothing was
        pending (already rolled back) or the rollback failed."""
        out = self.command("configure revert now", "revert", expect=rf"{self.exec_prompt}")
        if NO_PENDING in out:
            raise DeviceRefused(self.host, "revert", "no change pending")
        if "Rollback Done" not in out:
            raise DeviceRefused(self.host, "revert", first_error(out) or out.strip()[:200])
        return out

    def replace(self, filename: str, minutes: int | None = None) -> str:
        """``configure replace flash:<filename> force``: the whole config back from the backup;
        with ``minutes``, under the revert timer (``... force time N``: kept only after
        ``configure confirm``, rolled back by IOS otherwise)."""
        timed = f" time {minutes}" if minutes is not None else ""
        out = self.dialog(f"configure replace flash:{filename} force{timed}", "restore")
        if "Rollback Done" not in out:
            raise DeviceRefused(self.host, "restore", first_error(out) or out.strip()[:200])
        return out

    def pending_change(self, step: str = "collect") -> PendingChange | None:
        """``show archive config rollback timer``: the unconfirmed change IOS holds under its
        revert timer, None when nothing is pending. An answer that is neither raises
        DeviceRefused: it is never taken for "nothing pending"."""
        out = self.command(ROLLBACK_TIMER_COMMAND, step)
        try:
            return read_pending(out)
        except UnreadableTimer as exc:
            raise DeviceRefused(self.host, step, str(exc)) from None


def read_running(task: Task, timeout: float = 60.0) -> Result:
    """Nornir task: the host's ``show running-config`` over its run-long session."""
    from nornir.core.task import Result

    text = Device(task, timeout).running_config()
    return Result(host=task.host, result=text, changed=False)


def read_pending_change(task: Task, timeout: float = 60.0) -> Result:
    """Nornir task: the host's pending unconfirmed change (``result``: a ``PendingChange``, or
    None when nothing is pending)."""
    from nornir.core.task import Result

    pending = Device(task, timeout).pending_change()
    return Result(host=task.host, result=pending, changed=False)


def reopen(task: Task) -> None:
    """Drop the host's session (the device closed it, or it broke) so the next use reconnects."""
    from flexorch.tasks.sessions import pool_of

    plugin: Any = task.host.connections.get(CONNECTION)
    if plugin is not None:
        stop_transport(plugin.connection)  # before the channel closes (tasks.channel)
    try:
        task.host.close_connection(CONNECTION)
    except Exception:  # the session is already gone; nothing to close
        task.host.connections.pop(CONNECTION, None)
    pool = pool_of(task.nornir)
    if pool is not None:
        pool.discard(task.host)


def alive(task: Task) -> bool:
    """True when the host's session is open and answering at the transport level."""
    conn: Any = task.host.connections.get(CONNECTION)
    if conn is None:
        return False
    try:
        return bool(conn.connection.is_alive())
    except Exception:
        return False
