"""A recorded site for the report tests: site hub1, two hubs, three spokes and a client.

Written by hand so the tests can state what the page must show:
- verify (newest run): spoke2 -> hub1-r1 fragmentation is "none" where "ietf" is intended
  (mismatch), spoke3 -> hub1-r2 is DELETED (down, and hub1-r2 has no SA with spoke3 either);
  every other tunnel is READY with IETF fragmentation and SGT enabled; client1 only talks to
  hub1-r1 and has no SGT check.
- rollout: spoke3 reverted at verify, client1 unreachable, the rest changed/ok.
- drift: spoke2 has two config findings and one operational; spoke3 one operational.
"""

from __future__ import annotations

from typing import Any

import pytest

from flexorch.history import HostRecord, Store
from flexorch.secrets import SecretRef

SITE_PSK = "Rp7-report-site-psk-31415"


def ok_tunnel(tunnel: str, peer: str, *, sgt: bool = True) -> list[dict[str, Any]]:
    checks = [
        {"tunnel": tunnel, "peer": peer, "check": "peer", "expected": "present",
         "observed": "present", "ok": True},
        {"tunnel": tunnel, "peer": peer, "check": "status", "expected": "READY",
         "observed": "READY", "ok": True},
        {"tunnel": tunnel, "peer": peer, "check": "suite", "expected": "AES-CBC-256/SHA512/DH19",
         "observed": "AES-CBC-256/SHA512/DH19", "ok": True},
        {"tunnel": tunnel, "peer": peer, "check": "fragmentation", "expected": "ietf",
         "observed": "ietf", "ok": True},
    ]
    if sgt:
        checks.append({"tunnel": tunnel, "peer": peer, "check": "sgt", "expected": "enabled",
                       "observed": "enabled", "ok": True})
    return checks


def seed_site(store: Store, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setenv("FLEXORCH_TEST_REPORT_PSK", SITE_PSK)
    psk = SecretRef(env="FLEXORCH_TEST_REPORT_PSK").resolve()

    rollout = store.start_run("rollout", "hub1", "ops", {"batch_size": 2})
    store.record_hosts(rollout, [
        HostRecord(host="hub1-r1", role="hub", step="done", status="changed",
                   lines_sent=("crypto ikev2 keyring FLEX-KR", " peer spokes",
                               f"  pre-shared-key {psk}"),
                   backup_path="/state/backups/1/hub1-r1.cfg"),
        HostRecord(host="hub1-r2", role="hub", step="done", status="changed",
                   backup_path="/state/backups/1/hub1-r2.cfg"),
        HostRecord(host="spoke1", role="spoke", step="done", status="changed",
                   lines_sent=("interface Tunnel1", " ip mtu 1400")),
        HostRecord(host="spoke2", role="spoke", step="done", status="ok"),
        HostRecord(host="spoke3", role="spoke", step="revert", status="reverted",
                   message="gate failed: Tunnel2 to hub1-r2 not READY; configuration reverted"),
        HostRecord(host="client1", role="client", step="connect", status="unreachable",
                   message="TCP connection to 127.0.0.1:2206 refused"),
    ])
    store.finish_run(rollout, "failed", {"confirmed": 4, "reverted": 1, "unreachable": 1})

    drift = store.start_run("drift", "hub1", "cron")
    store.record_hosts(drift, [
        HostRecord(host="spoke1", role="spoke", step="done", status="clean"),
        HostRecord(host="spoke2", role="spoke", step="done", status="drift", drift=[
            {"kind": "config", "section": "crypto ikev2 profile FLEX-PROFILE",
             "line": " dpd 10 2 on-demand", "change": "missing"},
            {"kind": "config", "section": "interface Tunnel1", "line": " ip mtu 1500",
             "change": "changed", "detail": "intended: ip mtu 1400"},
            {"kind": "operational", "section": "Tunnel1 to hub1-r1", "line": "fragmentation",
             "change": "changed", "detail": "expected ietf, observed none"},
        ]),
        HostRecord(host="spoke3", role="spoke", step="done", status="drift", drift=[
            {"kind": "operational", "section": "Tunnel2 to hub1-r2", "line": "status",
             "change": "missing", "detail": "no IKEv2 SA with hub1-r2"},
        ]),
    ])
    store.finish_run(drift, "drift", {"drifted": 2})

    verify = store.start_run("verify", "hub1", "ops")
    spoke2 = ok_tunnel("Tunnel1", "hub1-r1") + ok_tunnel("Tunnel2", "hub1-r2")
    spoke2[3] = {**spoke2[3], "observed": "none", "ok": False}  # Tunnel1 fragmentation
    spoke3 = [
        *ok_tunnel("Tunnel1", "hub1-r1"),
        {"tunnel": "Tunnel2", "peer": "hub1-r2", "check": "peer", "expected": "present",
         "observed": "present", "ok": True},
        {"tunnel": "Tunnel2", "peer": "hub1-r2", "check": "status", "expected": "READY",
         "observed": "DELETED", "ok": False},
    ]
    store.record_hosts(verify, [
        HostRecord(host="hub1-r1", role="hub", step="done", status="ok",
                   verification=ok_tunnel("Virtual-Access1", "spoke1")),
        HostRecord(host="hub1-r2", role="hub", step="done", status="failed", verification=[
            {"tunnel": "Virtual-Access3", "peer": "spoke3", "check": "peer",
             "expected": "present", "observed": None, "ok": False}]),
        HostRecord(host="spoke1", role="spoke", step="done", status="ok",
                   verification=ok_tunnel("Tunnel1", "hub1-r1") + ok_tunnel("Tunnel2", "hub1-r2")),
        HostRecord(host="spoke2", role="spoke", step="done", status="failed", verification=spoke2),
        HostRecord(host="spoke3", role="spoke", step="done", status="failed", verification=spoke3),
        HostRecord(host="client1", role="client", step="done", status="ok",
                   verification=ok_tunnel("Tunnel1", "hub1-r1", sgt=False)),
    ])
    store.finish_run(verify, "failed", {"mismatches": 3})
    return {"rollout": rollout, "drift": drift, "verify": verify}
