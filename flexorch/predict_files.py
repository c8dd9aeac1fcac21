"""``flexorch predict`` without an inventory: running-config files in, every IKEv2 session between
those routers out, predicted by the same negotiation model lint, plan and verify use.

``read_configs`` turns files into negotiation endpoints (the router's name from its ``hostname``
line, its software train from its ``version`` line or the caller's default); ``session_records``
turns predicted sessions into the JSON records of the command: one per router side of a session
that comes up (``status`` READY and the SA fields of ``flexorch parse``'s record, named and
spelled the same), one per attempt that fails (``status`` the failure code, ``cause`` the reason
naming the routers and config objects responsible).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from flexorch.errors import BadInputError
from flexorch.ios.facts import crypto
from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import AddressIndex, Endpoint, Session, SideView, source_address

READY: Final = "READY"
# The SaRecord fields a prediction determines (SPIs and tunnel ids are the model's own numbering,
# not a router's, so they are left out).
SA_FIELDS: Final = ("local_port", "remote_port", "fvrf", "ivrf", "encryption", "keysize", "prf",
                    "hash", "dh_group", "auth_sign", "auth_verify", "life_time", "local_id",
                    "remote_id", "local_window", "remote_window", "dpd_interval", "dpd_retry",
                    "fragmentation", "fragmentation_mtu", "nat_t", "sgt", "initiator")


@dataclass(frozen=True)
class ConfigFile:
    """One router's config as read from a file."""

    path: str
    name: str  # the router's name in the prediction: its hostname (made unique by file name)
    endpoint: Endpoint


def read_configs(paths: Sequence[str], *, platform_version: str | None = None
                 ) -> list[ConfigFile]:
    """Read each file as one router's running-config. ``platform_version`` is the software
    version of routers whose config has no ``version`` line. Raises ``BadInputError`` (one line
    naming the file) for a file that cannot be read or is not an IOS config."""
    read: list[tuple[str, str, RouterConfig]] = []
    for path in paths:
        config = RouterConfig.from_text(_text(path))
        if config.hostname is None and not config.interfaces:
            raise BadInputError(f"{path}: not an IOS config (no hostname and no interface line)")
        read.append((path, config.hostname or Path(path).stem, config))
    taken = [name for _, name, _ in read]
    out = []
    for path, name, config in read:
        unique = name if taken.count(name) == 1 else f"{name}({Path(path).name})"
        # The config's own ``version`` line wins over the option (``Endpoint.defaults``).
        out.append(ConfigFile(path, unique,
                              Endpoint(unique, config, platform_version=platform_version)))
    return out


def config_sessions(configs: Mapping[str, RouterConfig],
                    versions: Mapping[str, str | None] | None = None) -> list[Session]:
    """Every session between routers known only by their configs (``flexorch import`` checks a
    declared external peer with it), no spoke-to-spoke shortcuts; ``versions``: router ->
    software version where the config has no ``version`` line."""
    from flexorch.ios.negotiate import predict_sessions

    versions = versions or {}
    return predict_sessions({name: Endpoint(name, config, platform_version=versions.get(name))
                             for name, config in configs.items()}, shortcuts=False)


def address_index(configs: Mapping[str, RouterConfig],
                  public: Mapping[str, str] | None = None) -> AddressIndex:
    """The one address index over routers known only by their configs (``flexorch import``):
    every interface address, and ``public`` (router -> the address a static NAT gives it)."""
    public = public or {}
    return AddressIndex.of({name: Endpoint(name, config, nat_public_address=public.get(name))
                            for name, config in configs.items()})


def _text(path: str) -> str:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise BadInputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if b"\x00" in raw:
        raise BadInputError(f"{path}: not an IOS config (binary file)")
    return raw.decode("utf-8", errors="replace")


def session_records(sessions: Iterable[Session], routers: dict[str, Endpoint]
                    ) -> list[dict[str, Any]]:
    """The command's records, READY sides first in session order, then failures."""
    ready: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    for session in sessions:
        if session.outcome.established:
            ready += [_ready(session, view) for view in session.views]
        else:
            failed.append(_failed(session, routers))
    return ready + failed


def _ready(session: Session, view: SideView) -> dict[str, Any]:
    fields = view.sa_fields()
    record: dict[str, Any] = {
        "local_host": view.router, "remote_host": view.peer,
        "local_address": view.local_address, "remote_address": view.remote_address,
        "local_interface": view.interface, "status": READY, "cause": None,
    }
    record.update({name: fields[name] for name in SA_FIELDS})
    record.update({"ikev2_profile": view.ikev2_profile, "ipsec_profile": view.ipsec_profile,
                   "on_demand": session.on_demand,
                   "notes": [note.text for note in session.outcome.notes]})
    return record


def _failed(session: Session, routers: dict[str, Endpoint]) -> dict[str, Any]:
    outcome = session.outcome
    return {
        "local_host": session.initiator, "remote_host": session.responder,
        "local_address": source_address(routers[session.initiator].config, session.tunnel),
        "remote_address": session.destination, "local_interface": session.tunnel,
        "status": str(outcome.status), "cause": _sentence(outcome.reason),
        "step": outcome.step, "on_demand": session.on_demand,
        "notes": [note.text for note in outcome.notes],
    }


def _sentence(reason: str) -> str:
    text = reason.strip()
    return text if text.endswith(".") else f"{text}."


def table(records: Sequence[dict[str, Any]]) -> str:
    """The text report: one row per record, then the cause of every failure."""
    header = ["LOCAL", "INTERFACE", "LOCAL ADDRESS", "REMOTE", "REMOTE ADDRESS", "STATUS",
              "SUITE", "AUTH", "INITIATOR"]
    rows = [[_cell(r["local_host"]), _cell(r["local_interface"]), _cell(r["local_address"]),
             _cell(r["remote_host"]), _cell(r["remote_address"]),
             r["status"] + (" (on demand)" if r.get("on_demand") else ""), _suite(r),
             _auth(r), _cell(r.get("initiator"))] for r in records]
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()
             for line in [header, *rows]]
    causes = [f"{r['local_host']} {r['local_interface']} -> "
              f"{r['remote_host'] or r['remote_address']}: {r['status']}: {r['cause']}"
              for r in records if r["status"] != READY]
    if causes:
        lines += ["", "Causes:", *[f"  {line}" for line in causes]]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _suite(record: dict[str, Any]) -> str:
    if record["status"] != READY:
        return "-"
    return (f"{crypto.cipher_text(record['encryption'], record['keysize'])} PRF {record['prf']} "
            f"HASH {record['hash']} DH {record['dh_group']}")


def _auth(record: dict[str, Any]) -> str:
    if record["status"] != READY:
        return "-"
    return f"{record['auth_sign']}/{record['auth_verify']}"
