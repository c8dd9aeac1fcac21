"""Your own Nornir run over a flexorch inventory: read every hub1 router's IKEv2 SAs with
flexorch's task and set them beside the tunnels its validated intent declares.

Run it from the folder that holds `inventory/` (the built-in lab must be up).
"""

from nornir import InitNornir
from nornir.core.filter import F
from nornir.core.task import Result, Task

from flexorch.tasks.device import session_defaults
from flexorch.tasks.failures import failure
from flexorch.tasks.verify import collect_sa


def tunnels(task: Task) -> Result:
    intent = task.host.data["intent"]  # the frozen, validated HostIntent
    sas = task.run(task=collect_sa, timeout=30).result  # parsed `show crypto ikev2 sa detailed`
    ready = sum(sa.status == "READY" for sa in sas.records)
    return Result(host=task.host, result=f"{ready} SA(s) READY, {len(intent.tunnels)} static "
                  f"tunnel(s), {len(intent.virtual_templates)} virtual template(s) in the intent")


nr = InitNornir(
    inventory={"plugin": "FlexorchInventory", "options": {"path": "inventory"}},
    runner={"plugin": "threaded", "options": {"num_workers": 8}},
    logging={"enabled": False},
)
hub1 = nr.filter(F(site="hub1"))
session_defaults(hub1, timeout=30)  # bound connect, login and every read
results = hub1.run(task=tunnels)
for name, result in sorted(results.items()):
    problem = failure(result)  # None, or the typed DeviceError with its category
    said = f"{problem.category}: {problem.reason}" if problem else result[0].result
    print(f"{name} ({hub1.inventory.hosts[name]['role']}): {said}")
hub1.close_connections()
