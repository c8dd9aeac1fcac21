"""One exception root for flexorch; every child carries the exit code the CLI maps it to.

Exit-code contract (documented in the README):
    0  success / clean / no drift / no changes
    1  failure: lint errors, mismatches, drift, a host failed or was reverted, unreachable host
    2  bad input: unreadable or invalid inventory/playbook/plan, unknown site/host, lock held
    3  plan only: changes pending
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_BAD_INPUT = 2
EXIT_CHANGES = 3


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
    """A router answered with an error or could not be reached. Reported per host."""

    def __init__(self, host: str, step: str, message: str) -> None:
        self.host = host
        self.step = step
        self.reason = message
        super().__init__(f"{host}: {step}: {message}")
