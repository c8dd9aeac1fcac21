"""The ``flexorch import`` report for people: what was written where, the secrets to provide,
warnings; or why nothing was written."""

from __future__ import annotations

from flexorch.importer.run import ImportResult
from flexorch.secrets import mask


def report(result: ImportResult) -> str:
    """The text report (secrets masked; names of files and variables only)."""
    if result.unreadable:
        lines = [f"{name}: cannot read: {why}" for name, why in result.unreadable.items()]
        return mask("\n".join([*lines, f"nothing written to {result.out}"]) + "\n")
    if not result.written:
        lines = [f"cannot be written: {item}" for item in result.unexpressed]
        lines.append(f"nothing written to {result.out}: {len(result.unexpressed)} line(s) the "
                     "intent cannot express (see docs/import.md)")
        return mask("\n".join(lines) + "\n")
    lines = [f"imported {len(result.hosts)} router(s) into {result.out}: "
             f"{len(result.sites)} site(s)"]
    for site in result.sites:
        members = [(n, h) for n, h in result.hosts.items() if h["site"] == site]
        lines.append(f"  site {site}:")
        for name, host in members:
            hubs = result.hubs.get(name)
            via = f" -> {', '.join(hubs)}" if hubs else ""
            lines.append(f"    {name:<20} {host['role']:<7}{via}  ({host['source']})")
    if result.secret_files:
        folder = result.secret_files[0].rsplit("/", 1)[0]
        lines.append(f"secrets: {len(result.secret_files)} file(s) in {folder} (mode 0600)")
    if result.variables:
        lines.append("set these environment variables (keys import cannot read: type 6, "
                     "hashed passwords):")
        lines += [f"  {var}  ({', '.join(hosts)})" for var, hosts in result.variables.items()]
    lines += [f"warning: {w}" for w in result.warnings]
    if result.startup_configs is not None:
        lines.append(f"the routers' configs, for the lab: {result.startup_configs}")
        lines.append(f"next: flexorch -i {result.out} lab up --startup-configs "
                     f"{result.startup_configs}")
    lines.append(f"next: flexorch -i {result.out} lint; flexorch -i {result.out} plan "
                 f"--site {result.sites[0]}" if result.sites else "")
    return mask("\n".join(line for line in lines if line) + "\n")
