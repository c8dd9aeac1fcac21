"""Faults a lab router can be told to show, switchable at run time.

Kinds (CLI spelling, as in ``flexorch lab fault HOST KIND [ARG]``):

``auth-refuse``       every login is refused (password auth fails)
``drop-after N``      a session is dropped (TCP reset, no goodbye) right after its Nth config line
``slow SECONDS``      every answer (each Enter) is delayed by SECONDS
``reject COMMAND``    any line starting with COMMAND (case-insensitive, spaces normalised) is
                      answered ``% Invalid input detected at '^' marker.`` and changes nothing
``hang``              the router stops answering: no echo, no output, no prompt (new logins too)
``reload``            one-shot: the router reloads now (unsaved running-config lost, sessions drop)
``transfer-drop N``   an SCP upload to the router is cut (TCP reset) after N bytes of file data;
                      what arrived stays in flash, truncated
``transfer-reload N`` one-shot: the router reloads after N bytes of an SCP upload
``peer-down [PEER]``  the tunnels between this router and PEER (every peer when omitted) are down
                      in the negotiation model: no SA on either end
``clear``             remove every fault of the router
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flexorch.errors import BadInputError

KINDS = ("auth-refuse", "drop-after", "slow", "reject", "hang", "reload", "transfer-drop",
         "transfer-reload", "peer-down", "clear")
_COUNTS = ("drop-after", "transfer-drop", "transfer-reload")  # faults taking a count N >= 1
ALL_PEERS = "*"


@dataclass
class Faults:
    """The persistent faults of one router (``reload`` is an action, not kept here)."""

    auth_refuse: bool = False
    drop_after: int | None = None
    latency: float = 0.0
    reject: list[str] = field(default_factory=list)
    hang: bool = False
    peers_down: set[str] = field(default_factory=set)
    transfer_drop: int | None = None
    transfer_reload: int | None = None

    def active(self) -> list[str]:
        """Human-readable list of active faults, in CLI spelling."""
        out: list[str] = []
        if self.auth_refuse:
            out.append("auth-refuse")
        if self.drop_after is not None:
            out.append(f"drop-after {self.drop_after}")
        if self.latency:
            out.append(f"slow {self.latency:g}")
        out.extend(f"reject {cmd}" for cmd in self.reject)
        if self.hang:
            out.append("hang")
        if self.transfer_drop is not None:
            out.append(f"transfer-drop {self.transfer_drop}")
        if self.transfer_reload is not None:
            out.append(f"transfer-reload {self.transfer_reload}")
        for peer in sorted(self.peers_down):
            out.append("peer-down" if peer == ALL_PEERS else f"peer-down {peer}")
        return out

    def rejects(self, line: str) -> bool:
        """True when ``line`` is one of the commands this router was told to reject."""
        if not self.reject:
            return False
        normal = " ".join(line.split()).lower()
        return any(normal == cmd or normal.startswith(cmd + " ") for cmd in self.reject)


def normalise_fault(kind: str, arg: str | None) -> tuple[str, str | None]:
    """Validate a fault request; return ``(kind, arg)`` in canonical form.

    Raises BadInputError naming the kind and what its argument must be.
    """
    kind = kind.strip().lower().replace("_", "-")
    if kind not in KINDS:
        raise BadInputError(f"unknown fault kind {kind!r}; expected one of {', '.join(KINDS)}")
    arg = arg.strip() if arg is not None and arg.strip() else None
    if kind in ("auth-refuse", "hang", "reload", "clear"):
        if arg is not None:
            raise BadInputError(f"fault {kind} takes no argument")
        return kind, None
    if kind in _COUNTS:
        if arg is None or not arg.isdigit() or int(arg) < 1:
            what = "a line count" if kind == "drop-after" else "a byte count"
            raise BadInputError(f"fault {kind} needs {what} N >= 1")
        return kind, str(int(arg))
    if kind == "slow":
        try:
            seconds = float(arg) if arg is not None else -1.0
        except ValueError:
            seconds = -1.0
        if not 0 <= seconds <= 600:
            raise BadInputError("fault slow needs a delay in seconds between 0 and 600")
        return kind, f"{seconds:g}"
    if kind == "reject":
        if arg is None:
            raise BadInputError("fault reject needs the command to reject")
        return kind, " ".join(arg.split()).lower()
    return kind, arg  # peer-down: optional peer name, checked against the fleet by the caller


def apply_fault(faults: Faults, kind: str, arg: str | None) -> None:
    """Switch a (normalised) persistent fault on; ``clear`` switches all off."""
    if kind == "clear":
        faults.auth_refuse = False
        faults.drop_after = None
        faults.latency = 0.0
        faults.reject.clear()
        faults.hang = False
        faults.peers_down.clear()
        faults.transfer_drop = faults.transfer_reload = None
    elif kind == "auth-refuse":
        faults.auth_refuse = True
    elif kind == "drop-after":
        assert arg is not None
        faults.drop_after = int(arg)
    elif kind == "slow":
        assert arg is not None
        faults.latency = float(arg)
    elif kind == "reject":
        assert arg is not None
        if arg not in faults.reject:
            faults.reject.append(arg)
    elif kind == "hang":
        faults.hang = True
    elif kind in ("transfer-drop", "transfer-reload"):
        assert arg is not None
        setattr(faults, kind.replace("-", "_"), int(arg))
    elif kind == "peer-down":
        faults.peers_down.add(arg or ALL_PEERS)
