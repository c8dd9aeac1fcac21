"""One exception root for flexorch; every child carries the exit code the CLI maps it to.

Exit-code contract (documented in the README):
    0  success / clean / no drift / no changes
    1  failure: lint errors, mismatches, drift, a host failed or was reverted, unreachable host
    2  bad input: unreadable or invalid inventory/playbook/plan, unknown site/host, lock held
    3  plan only: changes pending
  130  interrupted (Ctrl-C)
"""

from __future__ import annotations

from typing import ClassVar

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_BAD_INPUT = 2
EXIT_CHANGES = 3
EXIT_INTERRUPTED = 130


class FlexorchError(Exception):
    """Root of every error flexorch raises on purpose. The message is one line for the user."""

    exit_code = EXIT_FAIL


class BadInputError(FlexorchError):
    """Input the user gave us is wrong: inventory, playbook, plan file, CLI arguments."""

    exit_code = EXIT_BAD_INPUT


class InventoryError(BadInputError):
    """A problem in the inventory, located by file, host and intent path."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        host: str | None = None,
        path: str | None = None,
    ) -> None:
        self.file = file
        self.host = host
        self.path = path
        self.reason = message
        where = [part for part in (file, f"host {host}" if host else None, path) if part]
        super().__init__(": ".join([*where, message]))


class InventoryErrors(InventoryError):
    """Several inventory problems found in one read (the first ``shown``; ``more`` not shown):
    the CLI prints each on its own line, so a user fixes them in one go."""

    def __init__(self, errors: list[InventoryError], more: int = 0) -> None:
        self.errors = errors
        self.more = more
        first = errors[0]
        super().__init__(first.reason, file=first.file, host=first.host, path=first.path)

    def lines(self) -> list[str]:
        """One line per problem, and how many more there are."""
        tail = [f"{self.more} more inventory error(s) not shown"] if self.more else []
        return [str(e) for e in self.errors] + tail

    def __str__(self) -> str:
        return "\n".join(self.lines())


class SecretError(InventoryError):
    """A secret reference cannot be resolved (unset variable, missing or unreadable file)."""


class UnknownTargetError(BadInputError):
    """--site or --host names something that is not in the inventory."""


class LockHeldError(FlexorchError):
    """Another run holds the site lock."""

    exit_code = EXIT_BAD_INPUT


class StorageError(FlexorchError):
    """The history store is locked, full, unreachable or corrupted."""


class DeviceError(FlexorchError):
    """Root of device access: a router could not be reached, refused us, or failed a command.
    Reported per host (the run goes on). Each child is one failure category, named by
    ``category`` (what a script reads from a failed Nornir ``Result.exception``). Exceptions of
    netmiko, paramiko and the socket layer are mapped to these by type
    (``flexorch.tasks.failures.device_error``), never by the words of a message."""

    category: ClassVar[str] = "device"

    def __init__(self, host: str, step: str, message: str) -> None:
        self.host = host
        self.step = step
        self.reason = message
        super().__init__(f"{host}: {step}: {message}")


class ConnectFailed(DeviceError):
    """No session could be set up: network unreachable, name not resolvable, SSH negotiation
    failed."""

    category = "connect"


class ConnectRefused(ConnectFailed):
    """The TCP connection was refused: nothing listens there (router down, wrong port)."""

    category = "connect-refused"


class ConnectTimeout(ConnectFailed):
    """The TCP connection was not answered in time (router down, wrong address, filtered)."""

    category = "connect-timeout"


class AuthenticationFailed(DeviceError):
    """The router refused the user name, password or key."""

    category = "auth"


class HostKeyError(DeviceError):
    """The router's SSH host key is not the one known for it (or none is known and unknown
    keys are refused). Raised by host-key verification; never retried with another key."""

    category = "host-key"


class DeviceTimeout(DeviceError):
    """The session is open but the router did not answer (its prompt was not seen) in time."""

    category = "timeout"


class SessionLost(DeviceError):
    """The session broke while in use: the router closed it, reloaded, or the link dropped."""

    category = "session-lost"


class DeviceRefused(DeviceError):
    """The router answered, and refused or failed the command (as opposed to a session that
    broke or a router that does not answer)."""

    category = "refused"


class PushRefused(DeviceRefused):
    """IOS refused a config line (``% Invalid input``, ``% Incomplete command``, ...);
    ``index`` is its position in the lines sent (the lines before it were taken)."""

    category = "config-error"

    def __init__(self, host: str, step: str, message: str, index: int) -> None:
        super().__init__(host, step, message)
        self.index = index
