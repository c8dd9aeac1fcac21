"""The background lab process started by ``flexorch lab up``.

    python -m flexorch.lab.runner --inventory DIR --state-dir DIR [--revert-seconds-per-minute S]

Starts every router, then the control channel, then writes ``lab.json`` (which is how ``lab up``
knows all routers listen). Stops on the control ``shutdown`` request, SIGTERM or SIGINT. A start
failure is written, one line, to ``startup.err`` and the process exits 2 (bad input) or 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import signal
import sys
import time
from pathlib import Path

from flexorch.errors import FlexorchError
from flexorch.lab.control import LAB_FILE, LOG_FILE, STARTUP_ERROR_FILE, ControlServer
from flexorch.lab.inventory import pin_host_keys, specs_from_inventory
from flexorch.lab.server import Lab
from flexorch.lab.settings import LabSettings, RouterSpec
from flexorch.lab.storage import write_private
from flexorch.secrets import MaskingFilter, mask


async def serve(specs: list[RouterSpec], settings: LabSettings, root: Path, inventory: str,
                began: float) -> None:
    """Run the lab until asked to stop (``began``: when the process started, for lab.json)."""
    lab = Lab(specs, settings, root)
    await lab.start()
    pin_host_keys(specs, lab.public_key())  # flexorch trusts these routers' key, no others
    control = ControlServer(lab, root)
    port = await control.start()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, control.stop_requested.set)
    info = {
        "pid": os.getpid(),
        "control_port": port,
        "started": time.time(),
        "startup_seconds": round(time.monotonic() - began, 3),
        "inventory": inventory,
        "host_key": lab.public_key(),
        "routers": [{"name": s.name, "host": s.host, "port": s.port, "site": s.site, "role": s.role}
                    for s in specs],
    }
    write_private(root / LAB_FILE, json.dumps(info, indent=2) + "\n")
    logging.getLogger("flexorch.lab").info("lab up: %d routers, control port %d", len(specs), port)
    try:
        await control.stop_requested.wait()
    finally:
        (root / LAB_FILE).unlink(missing_ok=True)
        await control.close()
        await lab.stop()
        logging.getLogger("flexorch.lab").info("lab down")


def main(argv: list[str] | None = None) -> int:
    began = time.monotonic()
    parser = argparse.ArgumentParser(prog="flexorch.lab.runner")
    parser.add_argument("--inventory", required=True, type=Path)
    parser.add_argument("--state-dir", required=True, type=Path)
    parser.add_argument("--revert-seconds-per-minute", type=float, default=None)
    parser.add_argument("--reload-seconds", type=float, default=None)
    parser.add_argument("--startup-configs", type=Path, default=None)
    args = parser.parse_args(argv)
    root: Path = args.state_dir
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    (root / STARTUP_ERROR_FILE).unlink(missing_ok=True)
    _log_to_file(root / LOG_FILE)
    try:
        settings = LabSettings.from_env(
            revert_seconds_per_minute=args.revert_seconds_per_minute,
            reload_seconds=args.reload_seconds,
        )
        specs = specs_from_inventory(args.inventory, args.startup_configs)
        asyncio.run(serve(specs, settings, root, str(args.inventory), began))
    except FlexorchError as exc:
        write_private(root / STARTUP_ERROR_FILE, mask(str(exc)) + "\n")
        return exc.exit_code
    return 0


def _log_to_file(path: Path) -> None:
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(MaskingFilter())
    root = logging.getLogger("flexorch")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    root.propagate = False
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    logging.getLogger("asyncssh").addHandler(handler)


if __name__ == "__main__":
    sys.exit(main())
