"""Sessions of one host at the same moment each check the host's pinned key.

At 2,000 routers a first login of a rollout sometimes failed: paramiko found no pinned key for
the router, or the connection ended during the handshake (README, performance). Each session
gives netmiko a scratch known_hosts file of its router's lines (``hostkeys.session_file``),
rewritten at every login: these tests put writers of that file against paramiko loading it, and
two real logins of one router against each other, with the host key checked as a rollout checks
it. The cause was elsewhere: a late packet written to a closed channel pipe's descriptor, by
then another login's; the last test holds the transport thread where that happened.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from netmiko import ConnectHandler
from paramiko import HostKeys

from flexorch import hostkeys
from flexorch.intent import load_fleet
from flexorch.intent.host import HostIntent
from flexorch.lab.fleet import LabFleet
from flexorch.tasks.login import login
from tests.lab.helpers import copy_inventory

pytestmark = pytest.mark.lab

REPO = Path(__file__).resolve().parents[2]
HOST = "hub1"


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[tuple[LabFleet, HostIntent]]:
    inventory = copy_inventory(REPO / "inventory", tmp_path / "inventory")
    with LabFleet.start(inventory, tmp_path / "lab") as fleet:  # pins the lab's key
        yield fleet, load_fleet(inventory).hosts[HOST]


def test_the_scratch_file_is_whole_while_sessions_of_the_host_rewrite_it(
        lab: tuple[LabFleet, HostIntent]) -> None:
    fleet, intent = lab
    name = f"[127.0.0.1]:{intent.port}"
    pinned = fleet.lab.public_key().split()[:2]  # "ssh-ed25519 AAAA..." as the lab serves it
    path = hostkeys.session_file(intent)
    assert path.read_text(encoding="utf-8") == f"{name} {pinned[0]} {pinned[1]}\n"
    stop = threading.Event()

    def rewrite() -> int:
        count = 0
        while not stop.is_set():
            assert hostkeys.session_file(intent) == path  # one file per host, reused
            count += 1
        return count

    def load() -> list[str]:
        """What paramiko found for the router at each load (netmiko's ``load_host_keys``)."""
        seen = []
        for _ in range(300):
            keys = HostKeys()
            keys.load(str(path))
            found = keys.lookup(name)
            seen.append(found[pinned[0]].get_base64() if found else "missing")
        return seen

    with ThreadPoolExecutor(max_workers=4) as pool:
        writers = [pool.submit(rewrite) for _ in range(2)]
        readers = [pool.submit(load) for _ in range(2)]
        seen = [key for reader in readers for key in reader.result()]
        stop.set()
        rewrites = sum(writer.result() for writer in writers)
    assert rewrites > 10  # the file was rewritten while it was read
    assert set(seen) == {pinned[1]}


def test_two_logins_of_one_router_at_once_both_pass_the_key_check(
        lab: tuple[LabFleet, HostIntent]) -> None:
    fleet, intent = lab
    spec = fleet.router(HOST).spec

    def one(start: threading.Barrier) -> str:
        options = {**hostkeys.netmiko_options(intent),
                   "alt_key_file": str(hostkeys.session_file(intent))}
        start.wait()
        conn = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=spec.port,
                              username=spec.username, password=spec.password, auto_connect=False,
                              conn_timeout=10, **options)
        try:
            login(conn, 10)
            return str(conn.base_prompt)
        finally:
            conn.disconnect()

    for _ in range(5):
        start = threading.Barrier(2)
        with ThreadPoolExecutor(max_workers=2) as pool:
            prompts = list(pool.map(one, [start, start]))
        assert prompts == [HOST, HOST]
    # the key really is checked: with another key pinned in the scratch file the login is refused
    path = hostkeys.session_file(intent)
    other = "AAAAC3NzaC1lZDI1NTE5AAAAIOmfKzUtyGXVvhmC8y3kFvnJ0Ie3PNXk9Za6hXJHbXgF"
    path.write_text(f"[127.0.0.1]:{spec.port} ssh-ed25519 {other}\n", encoding="utf-8")
    conn = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=spec.port,
                          username=spec.username, password=spec.password, auto_connect=False,
                          conn_timeout=10,
                          **{**hostkeys.netmiko_options(intent), "alt_key_file": str(path)})
    with pytest.raises(Exception, match=re.escape("Host key for server")):
        login(conn, 10)



def test_a_session_closed_for_room_has_no_paramiko_thread_left_when_its_channel_closes(
        lab: tuple[LabFleet, HostIntent]) -> None:
    """netmiko's Channel.close closes the channel's event pipe (made by the poll of
    ``tasks.channel.readable``); a transport thread still feeding a packet then writes to the
    closed descriptor number, by then maybe another login's socket or file. Here the thread is
    held inside a feed of the router's answer while the pool closes the session: the channel
    must close only once that thread has ended."""
    from nornir.core.inventory import Host
    from nornir_netmiko.connections import Netmiko

    from flexorch.tasks.channel import readable
    from flexorch.tasks.sessions import CONNECTION, _close

    fleet, intent = lab
    spec = fleet.router(HOST).spec
    conn = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=spec.port,
                          username=spec.username, password=spec.password, auto_connect=False,
                          conn_timeout=10, **{**hostkeys.netmiko_options(intent),
                                              "alt_key_file": str(hostkeys.session_file(intent))})
    login(conn, 10)
    channel, transport = conn.remote_conn, conn.remote_conn_pre.get_transport()
    readable(channel, 0.01)  # the pipe exists, as after any command read on the socket
    feeding, release = threading.Event(), threading.Event()
    real_feed, real_close = channel.in_buffer.feed, channel.close
    alive_at_close: list[bool] = []

    def slow_feed(data: bytes) -> None:  # the transport thread, busy with a packet
        feeding.set()
        release.wait(1.0)
        real_feed(data)

    def close() -> None:
        alive_at_close.append(transport.is_alive())
        release.set()
        real_close()

    channel.in_buffer.feed = slow_feed
    channel.close = close
    conn.write_channel("show clock\n")
    assert feeding.wait(5.0)  # the router's answer is being fed
    host = Host(name=HOST, hostname="127.0.0.1", port=spec.port)
    plugin = Netmiko()
    plugin.connection = conn
    host.connections[CONNECTION] = plugin
    _close(host)
    assert alive_at_close == [False]
    assert CONNECTION not in host.connections
