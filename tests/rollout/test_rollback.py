"""``flexorch rollback RUN_ID``: the routers a rollout changed go back to their backups from that
run (``configure replace ... time N``, gate, confirm), a router changed since is refused unless
forced, and the rollback is itself a recorded run that can be rolled back."""

from __future__ import annotations

import pytest

from flexorch.history import open_store
from flexorch.ios.config import ConfigTree, normalize_config
from flexorch.plan.configs import running_hash
from tests.rollout.conftest import Site
from tests.rollout.test_cli import flexorch

pytestmark = pytest.mark.lab


def _settings(text: str) -> str:
    """A config's settings (the archive block flexorch may add for the timer left out)."""
    tree = normalize_config(text, mask_secrets=False)
    return ConfigTree([n for n in tree.roots if n.text != "archive"]).to_text()


def test_rollback_restores_every_router_the_run_changed(site: Site) -> None:
    before = {n: site.running(n) for n in site.names()}
    first = site.run()
    assert first.exit_code() == 0 and first.run_id is not None

    done = flexorch(site, "rollback", str(first.run_id), "--yes", "--timeout", "5")
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {line.split()[0]: line.split()[1] for line in done.stdout.splitlines()[:-1]}
    assert rows == dict.fromkeys(site.names(), "RESTORED")
    assert done.stdout.splitlines()[-1].startswith(
        f"rollback of run {first.run_id}, site hub1 (run ")
    for name in site.names():
        router = site.lab.router(name)
        assert running_hash(router.running_config()) == running_hash(before[name]), name
        assert _settings(router.startup_config()) == _settings(before[name]), name
        assert not router.revert_pending()

    with open_store() as store:
        run = store.list_runs(command="rollback", limit=1)[0]
        detail = store.get_run(run.id)
    assert run.outcome == "ok" and run.args["run"] == first.run_id
    assert {h.status for h in detail.hosts} == {"changed"}
    assert all(h.backup_path and h.after_sha256 for h in detail.hosts)

    # The rollback is a run like any other: rolling it back brings the intent back.
    again = flexorch(site, "rollback", str(run.id), "--host", "h1-gre", "--yes", "--timeout", "5")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "crypto ikev2 profile FLEX" in site.running("h1-gre")


def test_a_router_changed_since_the_run_is_refused_unless_forced(site: Site) -> None:
    first = site.run()
    assert first.exit_code() == 0
    errors = site.lab.router("h1-gre").apply_config(["interface Loopback98",
                                                     " description changed after the run"])
    assert errors == []
    refused = flexorch(site, "rollback", str(first.run_id), "--host", "h1-gre", "--yes")
    assert refused.returncode == 1
    assert ("h1-gre           REFUSED    changed since the run (its running config is not the "
            "one the run left): nothing was changed; `--force` restores it anyway"
            ) in refused.stdout
    assert "crypto ikev2 profile FLEX" in site.running("h1-gre")

    forced = flexorch(site, "rollback", str(first.run_id), "--host", "h1-gre", "--yes",
                      "--force", "--timeout", "5")
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert "crypto ikev2 profile FLEX" not in site.running("h1-gre")
    assert "Loopback98" not in site.running("h1-gre")


def test_a_rollback_whose_gate_fails_is_rolled_back(site: Site) -> None:
    first = site.run()
    assert first.exit_code() == 0
    hosts = site.inventory / "hosts.yaml"
    hosts.write_text(hosts.read_text().replace("description: GRE over IPsec to hub1",
                                               "description: GRE over IPsec to hub1 (v2)"))
    second = flexorch(site, "rollout", "--site", "hub1", "--yes", "--timeout", "5")
    assert second.returncode == 0, second.stdout + second.stderr
    with open_store() as store:
        run = store.list_runs(command="rollout", limit=1)[0]
    assert run.host_statuses == {"changed": 1, "ok": 7}
    after_second = site.running("h1-gre")

    site.lab.router("h1-gre").set_fault("peer-down", "hub1")  # the gate cannot pass
    done = flexorch(site, "rollback", str(run.id), "--yes", "--timeout", "5")
    assert done.returncode == 1
    row = next(line for line in done.stdout.splitlines() if line.startswith("h1-gre"))
    assert row.startswith("h1-gre           REVERTED   verification failed: Tunnel0 to hub1 "
                          "status: expected READY, observed absent")
    assert row.endswith("; rolled back (configure revert now)")
    assert running_hash(site.running("h1-gre")) == running_hash(after_second)


@pytest.mark.parametrize(("args", "message"), [
    (["rollback", "999", "--yes"], "no run 999 in history store"),
    (["rollback", "abc", "--yes"], "run id 'abc' is not a number"),
    (["rollback", "1"], "stdin is not a terminal: pass --yes"),
])
def test_bad_input_is_exit_2(site: Site, args: list[str], message: str) -> None:
    done = flexorch(site, *args)
    assert done.returncode == 2
    assert message in done.stderr


def test_only_a_run_that_changed_routers_can_be_rolled_back(site: Site) -> None:
    checked = flexorch(site, "verify", "--host", "hub1")
    with open_store() as store:
        verify_run = store.list_runs(command="verify", limit=1)[0].id
    assert checked.returncode in (0, 1)
    done = flexorch(site, "rollback", str(verify_run), "--yes")
    assert done.returncode == 2
    assert f"run {verify_run} is a verify run: only rollout and rollback runs changed routers" \
        in done.stderr
    first = site.run()
    other = flexorch(site, "rollback", str(first.run_id), "--host", "h2-spoke1", "--yes")
    assert other.returncode == 2
    assert f"host h2-spoke1 was not changed by run {first.run_id}" in other.stderr
