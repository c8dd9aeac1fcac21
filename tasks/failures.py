"""Why a device task failed, as a type: netmiko, paramiko and socket exceptions mapped to the
``DeviceError`` family of ``flexorch.errors`` (connect refused / timed out / failed,
authentication, host key, no answer, session lost, IOS refused) by ``isinstance``, never by the
words of a class name or message.

Two tables, because the same exception means different things: an ``OSError`` while a session
is being opened is a connection failure; once it is open, the session was lost. netmiko wraps
what paramiko and the socket raised while connecting (``NetmikoTimeoutException`` for a refused
port, a TCP timeout or an SSH negotiation failure alike); the wrapped exception, which netmiko
raises from inside its ``except`` block, is what is classified.

A failed Nornir task's ``Result.exception`` is the typed error the task raised;
``failure(result)`` gives it for any failed result (a sub-task's too, through Nornir's
``NornirSubTaskError``), with ``.category``, ``.step`` and a masked one-line ``.reason``.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from flexorch.errors import (
    AuthenticationFailed,
    ConnectFailed,
    ConnectRefused,
    ConnectTimeout,
    DeviceError,
    DeviceTimeout,
    HostKeyError,
    SessionLost,
)
from flexorch.secrets import mask

if TYPE_CHECKING:
    from nornir.core.task import MultiResult, Result

CONNECT_STEP = "connect"
NO_ANSWER = "no answer within the timeout (device slow or hung)"
CLOSED = "session dropped (the router closed the connection)"


@dataclass(frozen=True)
class Rule:
    """Exceptions of ``types`` become ``error`` with ``message`` (``{text}``: the exception's
    message on one line, else its class name; ``{detail}``: ``Class: message``)."""

    types: tuple[type[BaseException], ...]
    error: type[DeviceError]
    message: str


@cache
def _wrappers() -> tuple[type[BaseException], ...]:
    """netmiko's exceptions that carry, as their context, what really happened at connect."""
    from netmiko.exceptions import NetmikoAuthenticationException, NetmikoTimeoutException

    return (NetmikoTimeoutException, NetmikoAuthenticationException)


@cache
def connect_rules() -> tuple[Rule, ...]:
    """While the session is being opened (TCP, SSH, login, first prompt). First match wins."""
    from netmiko.exceptions import NetmikoTimeoutException, ReadTimeout
    from paramiko.ssh_exception import AuthenticationException, BadHostKeyException, SSHException

    return (
        Rule((AuthenticationException,), AuthenticationFailed, "authentication failed"),
        Rule((BadHostKeyException,), HostKeyError,
             "SSH host key refused: the router's key is not the one known for it"),
        Rule((ConnectionRefusedError,), ConnectRefused,
             "connection refused (nothing listens there: router down or wrong port)"),
        Rule((TimeoutError,), ConnectTimeout,
             "cannot connect (TCP connect timed out: router down, wrong address or filtered)"),
        Rule((socket.gaierror,), ConnectFailed, "cannot connect (name not resolvable: {text})"),
        # netmiko's own timeout while logging in: the session opened, the prompt never came
        Rule((ReadTimeout, NetmikoTimeoutException), DeviceTimeout, NO_ANSWER),
        Rule((SSHException,), ConnectFailed, "cannot connect (SSH negotiation failed: {text})"),
        Rule((OSError, EOFError), ConnectFailed, "cannot connect ({detail})"),
    )


@cache
def session_rules() -> tuple[Rule, ...]:
    """Once the session is open (every command after login). First match wins."""
    from netmiko.exceptions import NetmikoTimeoutException, ReadTimeout
    from paramiko.ssh_exception import SSHException

    return (
        Rule((ReadTimeout, NetmikoTimeoutException, TimeoutError), DeviceTimeout, NO_ANSWER),
        Rule((EOFError, OSError, SSHException), SessionLost, "session dropped ({detail})"),
    )


def root_cause(exc: BaseException) -> BaseException:
    """What happened under netmiko's connect wrappers and paramiko's one-error-per-address
    ``NoValidConnectionsError`` (its first address's error)."""
    from paramiko.ssh_exception import NoValidConnectionsError

    for _ in range(8):  # a bounded walk: contexts can be long, never meaningfully deep
        inner: BaseException | None = None
        if isinstance(exc, NoValidConnectionsError) and exc.errors:
            inner = next(iter(exc.errors.values()))
        elif isinstance(exc, _wrappers()):
            inner = exc.__cause__ or exc.__context__
        if inner is None:
            return exc
        exc = inner
    return exc


def device_error(exc: BaseException, host: str, step: str) -> DeviceError:
    """``exc`` as the typed DeviceError of its category (a DeviceError is returned as it is).
    ``step`` ``connect`` classifies with the connect table, any other with the session table;
    an exception of no known kind becomes a plain DeviceError naming its class."""
    if isinstance(exc, DeviceError):
        return exc
    cause = root_cause(exc)
    rules = connect_rules() if step == CONNECT_STEP else session_rules()
    name = type(cause).__name__
    said = " ".join(str(cause).split())[:160]
    detail = f"{name}: {said}" if said else name
    for rule in rules:
        if isinstance(cause, rule.types):
            message = rule.message.format(text=said or name, detail=detail)
            return rule.error(host, step, mask(message))
    return DeviceError(host, step, mask(detail))


def device_message(exc: BaseException | None) -> str:
    """One masked line saying why a device task failed ("failed" when there is no exception)."""
    if exc is None:
        return "failed"
    return device_error(exc, "", "").reason


def failure(result: Result | MultiResult) -> DeviceError | None:
    """The typed failure of a Nornir result: None when it did not fail; the DeviceError the
    task raised (a sub-task's, when the task ran flexorch's tasks with ``task.run``); any
    other exception classified as a session failure."""
    from nornir.core.exceptions import NornirSubTaskError

    if not result.failed:
        return None
    found: Any = next((r for r in _results(result) if r.failed and r.exception is not None), None)
    exc: BaseException | None = found.exception if found is not None else None
    while isinstance(exc, NornirSubTaskError):
        inner = next((r for r in _results(exc.result) if r.exception is not None), None)
        exc = inner.exception if inner is not None else None
    host = result.host.name if result.host is not None else ""
    if exc is None:
        return DeviceError(host, "task", "failed")
    return device_error(exc, host, getattr(exc, "step", "task"))


def _results(result: Any) -> list[Any]:
    """The results of a Result (itself) or a MultiResult (each)."""
    return list(result) if isinstance(result, list) else [result]
