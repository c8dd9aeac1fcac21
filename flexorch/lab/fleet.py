"""``LabFleet``: the lab in-process, its event loop on a background thread (for pytest and tools).

    with LabFleet.start(inventory_dir, state_dir=tmp) as lab:
        r = lab.router("spoke1")
        r.set_fault("drop-after", "3")
        r.apply_config(["interface Loopback9", " description by hand"])
        text = r.running_config()

Every ``RouterHandle`` method runs on the lab's loop and waits for the result, so tests never
race the SSH sessions.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from flexorch.lab import configmode
from flexorch.lab.inventory import pin_host_keys, specs_from_inventory
from flexorch.lab.router import LabRouter
from flexorch.lab.server import Lab
from flexorch.lab.settings import LabSettings, RouterSpec

T = TypeVar("T")


class RouterHandle:
    """Thread-safe access to one lab router from outside the lab's loop."""

    def __init__(self, fleet: LabFleet, name: str) -> None:
        self._fleet = fleet
        self.name = name

    def _router(self) -> LabRouter:
        return self._fleet.lab.router(self.name)

    @property
    def spec(self) -> RouterSpec:
        return self._fleet.lab.router(self.name).spec

    def running_config(self) -> str:
        """The running config body as ``show running-config`` prints it after its header."""
        return self.call(lambda router: router.state.running_text())

    def startup_config(self) -> str:
        return self.call(lambda router: router.state.startup)

    def flash(self) -> dict[str, str]:
        """A copy of the router's flash files (name -> text)."""
        return self._fleet.call(lambda: dict(self._router().state.flash))

    def apply_config(self, lines: Sequence[str], user: str = "lab") -> list[str]:
        """Type ``lines`` in config mode "by hand"; ``"<line>: <IOS error>"`` for each refused
        line (empty: all taken)."""

        def apply() -> list[str]:
            state = self._router().state
            session = configmode.ConfigSession(state.running, state.physical)
            errors = []
            for line in lines:
                result = session.feed(line)
                if result.changed:
                    state.changed(user)
                if result.error:
                    errors.append(f"{line.strip()}: {result.output.strip().splitlines()[-1]}")
            return errors

        return self._fleet.call(apply)

    def set_fault(self, kind: str, arg: str | None = None) -> list[str]:
        """Switch a fault on (see ``flexorch.lab.faults``); the active faults after it."""
        return self._fleet.call(lambda: self._fleet.lab.fault(self.name, kind, arg))

    def clear_faults(self) -> list[str]:
        return self.set_fault("clear")

    def status(self) -> dict[str, Any]:
        return self._fleet.call(lambda: self._router().status())

    def revert_pending(self) -> bool:
        return self._fleet.call(lambda: self._router().state.revert is not None)

    def reload(self, wait: bool = True) -> None:
        """Reload the router now (unsaved changes lost); with ``wait``, until it listens again."""
        if wait:
            self._fleet.run(self._router().reload())
        else:
            self.set_fault("reload")

    def call(self, fn: Callable[[LabRouter], T]) -> T:
        """Run ``fn(router)`` on the lab loop (for anything the handle does not cover)."""
        return self._fleet.call(lambda: fn(self._router()))


class LabFleet:
    """A running lab in this process."""

    def __init__(self, lab: Lab, loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
        self.lab = lab
        self.loop = loop
        self._thread = thread
        self.specs: list[RouterSpec] = []

    @classmethod
    @contextmanager
    def start(
        cls,
        inventory_dir: Path | None = None,
        state_dir: Path | None = None,
        *,
        specs: Sequence[RouterSpec] | None = None,
        settings: LabSettings | None = None,
        pin_keys: bool = True,
    ) -> Iterator[LabFleet]:
        """Start routers for ``specs`` (or every host of ``inventory_dir``), listening before this
        returns; everything stops on exit. ``state_dir`` keeps startup-config and flash (None:
        nothing is stored). ``pin_keys``: pin the lab's host key for its routers in flexorch's
        known_hosts (as ``flexorch lab up`` does), so flexorch's sessions to them verify it."""
        if specs is None:
            if inventory_dir is None:
                raise ValueError("LabFleet.start needs inventory_dir or specs")
            specs = specs_from_inventory(inventory_dir)
        settings = settings or LabSettings.from_env()
        loop = asyncio.new_event_loop()

        def runner() -> None:
            asyncio.set_event_loop(loop)
            loop.run_forever()

        thread = threading.Thread(target=runner, name="flexorch-lab", daemon=True)
        thread.start()

        async def boot() -> Lab:
            lab = Lab(specs, settings, state_dir)
            await lab.start()
            return lab

        try:
            lab = asyncio.run_coroutine_threadsafe(boot(), loop).result()
        except BaseException:
            loop.call_soon_threadsafe(loop.stop)
            thread.join()
            loop.close()
            raise
        fleet = cls(lab, loop, thread)
        fleet.specs = list(specs)
        try:
            if pin_keys:
                fleet.pin_host_keys()
            yield fleet
        finally:
            fleet.run(lab.stop())
            loop.call_soon_threadsafe(loop.stop)
            thread.join(timeout=10)
            loop.close()

    def run(self, coro: Any, timeout: float = 30.0) -> Any:
        """Run a coroutine on the lab loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def call(self, fn: Callable[[], T], timeout: float = 30.0) -> T:
        """Run ``fn()`` on the lab loop and wait for its result (exceptions re-raised here)."""

        async def wrapper() -> T:
            return fn()

        return self.run(wrapper(), timeout)  # type: ignore[no-any-return]

    def pin_host_keys(self) -> None:
        """Pin the lab's host key for every router in the known_hosts file flexorch checks
        (the current state directory's, or the inventory's ``known_hosts``)."""
        pin_host_keys(self.specs, self.lab.public_key())

    def router(self, name: str) -> RouterHandle:
        self.lab.router(name)  # raises BadInputError for an unknown name
        return RouterHandle(self, name)

    def names(self) -> list[str]:
        return list(self.lab.routers)

    def status(self) -> dict[str, Any]:
        return self.call(self.lab.status)
