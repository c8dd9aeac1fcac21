"""What host-key checking costs per session, with a known_hosts file of N pinned routers.

    .venv/bin/python tests/bench/bench_hostkeys.py [--hosts 1000 5000]

Baseline (same run): paramiko's ``HostKeys.load`` of the whole file, which netmiko does at every
login when handed the file (its load compares each entry with all before it). flexorch indexes
the file once and hands netmiko a file of the router's own lines (``session_file``); measured
here: the first lookup (parse + index), then one router's lookup + session file.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from paramiko import HostKeys

from flexorch.hostkeys import key_from_openssh, pin, pinned, session_file
from flexorch.intent.host import HostIntent

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB"


def _intent(n: int, known: Path) -> HostIntent:
    return HostIntent.model_validate({
        "name": f"r{n}", "hostname": "127.0.0.1", "port": 20000 + n, "site": "bench",
        "role": "hub", "known_hosts": str(known),
        "credentials": {"username": "u", "password": {"env": "UNUSED"}}})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, nargs="+", default=[1000, 5000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["FLEXORCH_STATE_DIR"] = str(Path(tmp) / "state")
        key = key_from_openssh(KEY)
        for count in args.hosts:
            known = Path(tmp) / f"known_hosts_{count}"
            pin([(known, "127.0.0.1", 20000 + n, key) for n in range(count)])
            began = time.perf_counter()
            HostKeys().load(str(known))
            load = time.perf_counter() - began
            began = time.perf_counter()
            assert pinned(known, "127.0.0.1", 20000)
            first = time.perf_counter() - began
            intents = [_intent(n, known) for n in range(0, count, max(1, count // 100))]
            began = time.perf_counter()
            for intent in intents:
                assert pinned(known, intent.hostname, intent.port)
                session_file(intent)
            each = (time.perf_counter() - began) / len(intents)
            print(f"{count:>6} pinned routers: paramiko load of the file (baseline, per login "
                  f"when netmiko gets it) {load * 1000:8.1f} ms; flexorch: first lookup "
                  f"{first * 1000:6.1f} ms, then per login {each * 1000:5.2f} ms")


if __name__ == "__main__":
    main()
