"""``flexorch.forked.forked_map``: worker processes give what computing here gives, in order;
a failing worker's chunks are computed here (its error raised with its own type); no fork while
another thread runs; and lint and plan of a site give the same answers with workers as without.

Each case runs in a fresh interpreter (``_run``): whether this pytest process has threads left
by other tests must not decide whether a fork happens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str, workers: str = "3", timeout: float = 120.0) -> dict[str, object]:
    env = {**os.environ, "FLEXORCH_WORKERS": workers, "PYTHONPATH": str(ROOT),
           "FLEXORCH_DEVICE_PASSWORD": "forked-test-password"}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.splitlines()[-1]))


# Each process's first item waits (up to 60 s) until ``n`` processes have started one: every
# process then computes at least one chunk, whichever chunks it takes from the queue.
BARRIER = """
import os, tempfile, time
_seen = tempfile.mkdtemp()
def barrier(n):
    mark = os.path.join(_seen, str(os.getpid()))
    if not os.path.exists(mark):
        open(mark, "w").close()
        deadline = time.monotonic() + 60
        while len(os.listdir(_seen)) < n and time.monotonic() < deadline:
            time.sleep(0.005)
"""


# A map's results as (value, pid) pairs printed for the test: the values, the pid that computed
# each, this process's pid, and what else the case adds.
REPORT = """
import json
def report(out, **more):
    print(json.dumps({"values": [v for v, _ in out], "pids": [p for _, p in out],
                      "me": os.getpid(), **more}))
"""


def _chunked(pids: list[int]) -> list[int]:
    """The pid of each run of equal pids (a chunk is computed by one process)."""
    return [p for k, p in enumerate(pids) if k == 0 or pids[k - 1] != p]


def test_results_in_order_from_three_processes() -> None:
    got = _run(BARRIER + """
import json
from flexorch.forked import forked_map
def square(i):
    barrier(3)
    return i * i, os.getpid()
out = forked_map(square, list(range(30)), minimum=2)
print(json.dumps({"squares": [s for s, _ in out], "pids": [p for _, p in out],
                  "me": os.getpid()}))
""")
    assert got["squares"] == [i * i for i in range(30)]
    pids = got["pids"]
    assert isinstance(pids, list)
    assert len(set(pids)) == 3 and got["me"] in pids  # this process and two workers
    # 15 chunks of 5 items down to 1 (a sixth of what is left): each chunk one process's
    assert len(_chunked(pids)) >= 3


def test_no_fork_with_one_worker_few_items_or_another_thread() -> None:
    got = _run(BARRIER + """
import json, threading
from flexorch.forked import forked_map
me = os.getpid()
few = forked_map(lambda i: os.getpid(), list(range(5)), minimum=6)
stop = threading.Event()
thread = threading.Thread(target=stop.wait)
thread.start()
threaded = forked_map(lambda i: os.getpid(), list(range(30)), minimum=2)
stop.set()
thread.join()
def pid(i):
    barrier(3)
    return os.getpid()
after = forked_map(pid, list(range(30)), minimum=2)
print(json.dumps({"me": me, "few": few, "threaded": threaded, "after": after}))
""")
    assert set(got["few"]) == {got["me"]}  # type: ignore[arg-type]
    assert set(got["threaded"]) == {got["me"]}  # type: ignore[arg-type]
    assert len(set(got["after"])) == 3  # type: ignore[arg-type]
    single = _run("""
        import json, os
        from flexorch.forked import forked_map
        print(json.dumps({"me": os.getpid(),
                          "pids": forked_map(lambda i: os.getpid(), list(range(30)), minimum=2)}))
    """, workers="1")
    assert set(single["pids"]) == {single["me"]}  # type: ignore[arg-type]


def test_a_failing_worker_chunk_is_computed_here() -> None:
    """An error in a worker's chunk is raised here with its own type and message; a result
    that does not pickle comes back computed here. (Every item fails in the workers, and each
    worker computes at least one chunk.)"""
    got = _run(BARRIER + """
import json
from flexorch.forked import forked_map
me = os.getpid()

def boom(i):
    barrier(3)
    if os.getpid() != me or i == 25:
        raise KeyError(f"item {i} on {'parent' if os.getpid() == me else 'worker'}")
    return i
try:
    forked_map(boom, list(range(30)), minimum=2)
except KeyError as exc:
    raised = str(exc)
_seen = tempfile.mkdtemp()  # a new barrier for the second map

def unpicklable(i):
    barrier(3)
    return i if os.getpid() == me else (lambda: i)
values = forked_map(unpicklable, list(range(30)), minimum=2)
print(json.dumps({"raised": raised, "values": values}))
""")
    assert got["raised"] == "'item 25 on parent'"
    assert got["values"] == list(range(30))


def test_each_gets_every_chunk_once_as_this_process_has_it() -> None:
    """``each(start, results)``: every chunk once, this process's own and the workers' (those
    a worker failed: computed here again), together every result in place; and never when the
    map does not fork."""
    got = _run(BARRIER + """
import json
from flexorch.forked import forked_map
me = os.getpid()
calls = 0
def value(i):
    global calls
    barrier(3)
    calls += 1
    # a worker's first chunk (4 or 5 items: the first three chunks hold 5, 4 and 4) comes
    # back, its next (holding its 6th call) does not pickle
    return (i, os.getpid()) if os.getpid() == me or calls <= 5 else (lambda: i)
seen = []
out = forked_map(value, list(range(30)), minimum=2,
                 each=lambda start, got: seen.append([start, [v for v, _ in got]]))
alone = []
forked_map(value, list(range(5)), minimum=6, each=lambda start, got: alone.append(start))
print(json.dumps({"out": [v for v, _ in out], "pids": [p for _, p in out], "seen": seen,
                  "alone": alone}))
""")
    assert got["out"] == list(range(30))
    assert len(set(got["pids"])) == 3  # type: ignore[arg-type]  # each worker's first chunk
    seen = sorted(got["seen"])  # type: ignore[type-var]
    assert [v for _, values in seen for v in values] == list(range(30))  # each chunk once
    assert all(values[0] == start for start, values in seen)
    assert got["alone"] == []


def test_lint_and_plan_of_a_site_equal_with_and_without_workers(tmp_path: Path) -> None:
    """A generated site of 24 spokes, some with blocks no hub accepts (findings and failed
    tunnels): lint's findings and every host's plan are the same with two workers (a fork
    for 12 routers, minimum lowered) as in one process."""
    site = tmp_path / "site"
    code = f"""
        import json, os, re
        from pathlib import Path
        import flexorch.forked as forked
        forked.MINIMUM = 2
        forks = []
        os.register_at_fork(after_in_parent=lambda: forks.append(1))
        from tests.bench.gen_fleet import generate
        from flexorch.intent import load_fleet
        from flexorch.lint import lint_fleet
        from flexorch.plan.workflow import plan_hosts
        from flexorch.render import render_day0, render_full
        folder = Path({str(site)!r})
        if not (folder / "hosts.yaml").exists():
            generate(folder, 24, 2)
            groups = folder / "groups.yaml"
            groups.write_text(groups.read_text().replace("group: [21, 20]", "group: [21]"))
            hosts = folder / "hosts.yaml"
            hosts.write_text(re.sub(
                r"(^s00003:\\n(?:  .*\\n)*?  data:\\n)",
                lambda m: m.group(1) + "    ikev2_proposals:\\n      NGE: {{encryption: "
                "[aes-cbc-256], prf: [sha256], integrity: [sha256], group: [14]}}\\n",
                hosts.read_text(), flags=re.MULTILINE))
        fleet = load_fleet(folder)
        report = lint_fleet(fleet)
        names = list(fleet.hosts)
        running = {{n: (render_day0(fleet, n), None) for n in names}}
        works = plan_hosts(fleet, names, running)
        print(json.dumps({{
            "forks": len(forks),
            "findings": [[f.rule, f.host, f.message] for f in report.findings],
            "sessions": report.sessions,
            "rendered": [render_full(fleet, n, reveal=False) for n in names],
            "plans": [[w.host, w.lines, [str(o) for o in w.outcomes], w.intended]
                      for w in works],
        }}))
    """
    alone = _run(code, workers="1")
    spread = _run(code, workers="2")
    # lint's host rules with its models (one map), its negotiation, then plan
    assert (alone.pop("forks"), spread.pop("forks")) == (0, 3)
    assert spread == alone
    rules = {f[0] for f in alone["findings"]}  # type: ignore[union-attr, index]
    assert "FV504" in rules  # s00003's proposal: the failures are part of what is compared
    plans = alone["plans"]
    assert isinstance(plans, list) and len(plans) == 26
    assert all(p[1] for p in plans)  # every router has lines to receive


def test_weighted_slices_share_the_weight_and_keep_the_order() -> None:
    """A hub weighing what 1,000 spokes weigh goes first with fewer items: the slices are
    contiguous, in order, of the weights asked for; without weights, of those lengths."""
    from flexorch.forked import _slices

    items = list(range(3001))
    weights = [1000] + [1] * 3000
    first, second = _slices(items, [2000, 4000], weights)
    assert list(first) + list(second) == items
    assert first[0] == 0 and len(first) == 1001 and len(second) == 2000  # 2000 / 2000 units
    three = _slices(items, [1333.3, 2666.7, 4000], weights)
    assert [len(p) for p in three] == [334, 1334, 1333]  # 1333 / 1334 / 1333 units
    assert [len(p) for p in _slices(items, [1501, 3001])] == [1501, 1500]
    # an item goes where the middle of its weight falls: a slice may be left empty
    heavy = _slices(list(range(4)), [34.3, 68.7, 103], [100, 1, 1, 1])
    assert [list(p) for p in heavy] == [[], [0], [1, 2, 3]]


def test_chunk_ends_are_guided_down_to_the_smallest() -> None:
    """2 processes, 1,000 units: each chunk a quarter of what is left (250, then 187.5 ...),
    never under 1,000 / 64 = 15.6 units, the last one the whole: big chunks first, small ones
    at the end of the map, 14 in all."""
    from flexorch.forked import _ends

    ends = _ends(1000.0, 2)
    sizes = [b - a for a, b in zip([0.0, *ends[:-1]], ends, strict=True)]
    assert ends[-1] == 1000.0 and len(ends) == 14
    assert sizes[0] == 250.0 and sizes[1] == 187.5 and sizes[2] == 140.625
    assert sizes == sorted(sizes, reverse=True)
    assert all(size >= 1000 / 64 for size in sizes[:-1])
    assert 1000 / 128 <= sizes[-1] <= 1000 / 64 * 1.5
    assert len(_ends(1000.0, 8)) == 59 and _ends(0.0, 2) == [0.0]
    # a big site: the smallest chunks are 256 units, not a 64th of the whole (1,812): a
    # quarter of what is left 17 times (116,000 x 0.75^17 = 872 left), then 256, 256, 360
    big = _ends(116_000.0, 2)
    assert len(big) == 20 and big[0] == 29_000.0
    assert [round(b - a) for a, b in zip(big[-4:-1], big[-3:], strict=True)] == [256, 256, 360]


def test_an_error_here_stops_the_workers_after_their_chunk() -> None:
    """This process raising empties the queue: the workers finish the chunk they hold and take
    no other (60 items, 3 processes: the first chunks hold 10, 8 and 7 items, a sixth of what
    is left each; without that, the workers would compute the 50-odd items left)."""
    got = _run(BARRIER + """
import json, time
from flexorch.forked import forked_map
me = os.getpid()
done = tempfile.mkdtemp()

def slow(i):
    barrier(3)
    if os.getpid() == me:
        raise KeyError(i)
    time.sleep(0.05)
    open(os.path.join(done, str(i)), "w").close()
    return i
try:
    forked_map(slow, list(range(60)), minimum=2)
except KeyError:
    pass
print(json.dumps({"by_workers": len(os.listdir(done))}))
""")
    assert 1 <= got["by_workers"] <= 18  # type: ignore[operator]


def test_weighted_chunks_queue_a_heavy_item_alone_and_first() -> None:
    """40 items, the first weighing 30 (69 units), 2 processes: the heavy item is a chunk of
    its own and queued first; the others follow in order, smaller and smaller (a quarter of
    what is left: 10 items, then 7 ...), the smallest of one item, together every item once."""
    from flexorch.forked import _chunks

    chunks, order = _chunks(list(range(40)), 2, [30] + [1] * 39)
    assert chunks[0] == (0, 1) and order[0] == 0
    assert [end for _, end in chunks[:-1]] == [start for start, _ in chunks[1:]]
    assert chunks[-1][1] == 40
    assert chunks[1:4] == [(1, 11), (11, 18), (18, 24)] and chunks[-1] == (39, 40)
    assert order[1:] == sorted(order[1:], key=lambda i: (-(chunks[i][1] - chunks[i][0]), i))
    plain, queued = _chunks(list(range(30)), 3, None)
    assert plain[:3] == [(0, 5), (5, 9), (9, 13)] and plain[-1] == (29, 30)
    assert queued == list(range(len(plain)))  # already biggest first


def test_weighted_map_gives_every_result_in_order() -> None:
    got = _run(BARRIER + REPORT + """
from flexorch.forked import forked_map
def one(i):
    barrier(2)
    return i + 1, os.getpid()
report(forked_map(one, list(range(40)), minimum=2, weights=[30] + [1] * 39))
""", workers="2")
    assert got["values"] == list(range(1, 41))
    assert len(set(got["pids"])) == 2  # type: ignore[arg-type]


def test_work_weights_count_a_hubs_spokes(tmp_path: Path) -> None:
    from flexorch.intent import load_fleet
    from tests.bench.gen_fleet import generate

    fleet = load_fleet(generate(tmp_path, 30, 2))
    hubs = [n for n, h in fleet.hosts.items() if h.role == "hub"]
    weights = dict(zip(fleet.hosts, fleet.work_weights(list(fleet.hosts)), strict=True))
    assert len(hubs) == 2
    for hub in hubs:
        assert weights[hub] == 1 + len(fleet.spokes_of(hub)) // 6
    assert sum(len(fleet.spokes_of(h)) for h in hubs) == 30
    assert fleet.spokes_by_hub() == {h: fleet.spokes_of(h) for h in hubs}  # one pass, the same
    assert all(weights[n] == 1 for n in fleet.hosts if n not in hubs)


def test_a_worker_that_dies_keeps_the_chunks_it_sent() -> None:
    """A worker sends each chunk as it finishes it: one killed in a later chunk (``os._exit``:
    no handler runs, nothing more is sent) leaves its earlier chunks' results standing, and
    only the chunk it was computing is computed again here. (This process is slowed down so
    that the workers take the last chunk, item 29 alone: 30 items in 24 chunks.)"""
    got = _run(BARRIER + REPORT + """
import time
from flexorch.forked import forked_map
me = os.getpid()
died = tempfile.mkdtemp()

def one(i):
    barrier(3)
    if os.getpid() == me:
        time.sleep(0.2)
    elif i == 29:
        open(os.path.join(died, str(os.getpid())), "w").close()
        os._exit(3)
    return i, os.getpid()
out = forked_map(one, list(range(30)), minimum=2)
report(out, died=[int(name) for name in os.listdir(died)])
""")
    assert got["values"] == list(range(30))
    pids, died = got["pids"], got["died"]
    assert isinstance(pids, list) and isinstance(died, list) and len(died) == 1
    assert died[0] in pids  # what it sent before it died is used
    assert pids[29] == got["me"]  # the chunk it was computing, computed here


def test_a_worker_waits_while_too_many_descriptors_are_in_flight() -> None:
    """A descriptor the kernel refuses to pass for now (ETOOMANYREFS: this user has as many in
    flight as RLIMIT_NOFILE, the parent busy with a long chunk) is sent again a moment later:
    the worker's chunks still come back from it. (Root is exempt from the limit: the refusal
    is made here, three times per worker.)"""
    got = _run(BARRIER + REPORT + """
import errno, socket
import flexorch.forked as forked
real = socket.send_fds
refused = {}

def send_fds(*args, **kwargs):
    if refused.setdefault(os.getpid(), 0) < 3:
        refused[os.getpid()] += 1
        raise OSError(errno.ETOOMANYREFS, "Too many references")
    return real(*args, **kwargs)
forked.socket.send_fds = send_fds

def one(i):
    barrier(3)
    return i, os.getpid()
report(forked.forked_map(one, list(range(30)), minimum=2))
""")
    assert got["values"] == list(range(30))
    assert len(set(got["pids"])) == 3  # type: ignore[arg-type]  # the workers' results came back


def test_addresses_networks_and_interfaces_come_back_from_the_workers_equal() -> None:
    """Workers pickle ``ipaddress`` interfaces and networks as numbers (``_DISPATCH``): every
    kind comes back
    equal and of its type, an IPv6 zone kept, a subclass pickled its own way."""
    got = _run(BARRIER + REPORT + """
import ipaddress
from flexorch.forked import forked_map
class Mine(ipaddress.IPv4Address):
    pass
TEXTS = ["IPv4Address('192.0.2.1')", "IPv6Address('2001:db8::1')",
         "IPv6Address('fe80::1%eth0')", "IPv4Interface('198.18.0.2/15')",
         "IPv4Interface('10.0.0.1/32')", "IPv6Interface('2001:db8::2:1/64')",
         "IPv6Interface('fe80::1%gi1/64')", "IPv4Network('10.0.0.0/31')",
         "IPv4Network('0.0.0.0/0')", "IPv6Network('2001:db8::/128')"]
def value(i):
    barrier(2)
    text = TEXTS[i % len(TEXTS)]
    made = eval("ipaddress." + text)
    both = made, Mine("203.0.113.9")
    return (repr(both[0]), type(both[0]).__name__, str(both[1]), type(both[1]).__name__,
            getattr(both[0], "scope_id", None), both), os.getpid()
out = forked_map(value, list(range(40)), minimum=2)
ok = [made[5][0] == eval("ipaddress." + TEXTS[i % len(TEXTS)])
      and type(made[5][0]).__name__ == made[1] and repr(made[5][0]) == made[0]
      and made[5][1] == Mine("203.0.113.9") and type(made[5][1]) is Mine
      and getattr(made[5][0], "scope_id", None) == made[4]
      for i, (made, _) in enumerate(out)]
report([(o, p) for o, (_, p) in zip(ok, out)], scopes=[m[4] for m, _ in out[:10]])
""", workers="2")
    assert got["values"] == [True] * 40
    pids = got["pids"]
    assert isinstance(pids, list) and len(set(pids)) == 2  # a worker computed some of them
    assert got["scopes"] == [None, None, "eth0", None, None, None, "gi1", None, None, None]


def test_a_workers_addresses_are_pickled_as_numbers_not_text() -> None:
    import ipaddress
    import pickle

    from flexorch.forked import _dumps

    for value in (ipaddress.IPv4Interface("198.18.0.2/15"),
                  ipaddress.IPv6Network("2001:db8:5::/48"),
                  ipaddress.IPv6Interface("2001:db8::7:1/64"),
                  ipaddress.IPv4Network("10.9.0.0/16")):
        assert str(value).split("/")[0].encode() in pickle.dumps(value)  # pickle's own way
        assert str(value).split("/")[0].encode() not in _dumps(value)
        assert pickle.loads(_dumps(value)) == value


class _Plain(BaseModel):
    model_config = ConfigDict(frozen=True)
    a: int
    b: list[int] = []


class _Private(BaseModel):
    a: int
    _note: str = PrivateAttr(default="kept")


class _Extra(BaseModel):
    model_config = ConfigDict(extra="allow")
    a: int


class _Own(BaseModel):
    a: int

    def __getstate__(self) -> dict[Any, Any]:
        state = dict(super().__getstate__())
        state["__dict__"] = {"a": -1}
        return state


def test_a_workers_pydantic_models_come_back_as_they_were() -> None:
    """A model that pickles as ``BaseModel`` does goes as its class, values and set of given
    fields (``_reduce_model``: no state dict); one with private attributes or extra fields, or
    pickling its own way, as pydantic or it pickles itself. Each comes back equal, of its
    class, with its given fields, private attributes and extra fields."""
    import pickle

    from flexorch.forked import _dumps, _models

    private = _Private(a=2)
    private._note = "changed"
    values = [_Plain(a=1), _Plain(a=1, b=[2]), private, _Extra(a=3, z="x"), _Own(a=4)]
    back = pickle.loads(_dumps(values))
    assert back[:4] == values[:4] and back[4] == _Own(a=-1)  # _Own's own way
    for came, sent in zip(back, values, strict=True):
        assert type(came) is type(sent)
        assert came.model_fields_set == sent.model_fields_set
    assert back[2]._note == "changed" and back[3].model_extra == {"z": "x"}
    assert _Plain in _models() and _Own not in _models()
    built = b"flexorch.intent.shared\x94\x8c\tconstruct"  # pickled by naming the function
    assert built in _dumps(_Plain(a=1)) and b"construct" not in pickle.dumps(_Plain(a=1))


def test_secrets_a_worker_resolved_are_masked_here() -> None:
    # Every process resolves (registers) a secret of its own; after the map this process masks
    # each by value, though it resolved only its own: lint's and plan's workers resolve keys.
    got = _run(BARRIER + """
import json
from flexorch.forked import forked_map
from flexorch.secrets import mask, register_secret
def resolve(i):
    barrier(3)
    register_secret(f"k3y-of-process-{os.getpid()}-x9")
    return os.getpid()
pids = forked_map(resolve, list(range(30)), minimum=2)
shown = {str(pid): mask(f"pre {'k3y-of-process-%d-x9' % pid} post") for pid in set(pids)}
print(json.dumps({"pids": sorted(set(pids)), "me": os.getpid(), "shown": shown}))
""")
    pids = got["pids"]
    assert isinstance(pids, list) and len(pids) == 3 and got["me"] in pids
    assert got["shown"] == {str(pid): "pre ****** post" for pid in pids}
