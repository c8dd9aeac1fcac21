"""How flexorch will log in to an imported router: ``data.credentials`` from its ``username``
lines, and where it listens (``hostname``/``port``).

The user is the first ``username`` with privilege 15 (else the first one; none: ``flexorch``).
Its password becomes a secret reference: a password in clear or type 7 goes to the secrets
folder; a hashed secret (type 5, 8, 9) cannot be reversed, so it is ``{env:
FLEXORCH_PASSWORD_<USER>}`` (one variable per user name, the same on every router that has the
user). A user below privilege 15 also gets the enable secret the same way.
"""

from __future__ import annotations

import re
from typing import Any

from flexorch.importer.secrets import SecretStore
from flexorch.importer.source import RouterSource

_USER = re.compile(r"^username (\S+)(?: privilege (\d+))?(?: \S+)*? (secret|password)"
                   r"(?: ([05789]))? (\S+)$")
_ENABLE = re.compile(r"^enable (secret|password)(?: ([05789]))? (\S+)$")
DEFAULT_USER = "flexorch"


def credentials(router: RouterSource, store: SecretStore) -> dict[str, Any]:
    """The ``credentials`` block of ``router`` (secret references only)."""
    users = []
    for node in router.tree.roots:
        m = _USER.match(node.text)
        if m:
            users.append(m)
    if not users:
        return {"username": DEFAULT_USER,
                "password": store.variable(f"password-{DEFAULT_USER}", router.name)}
    best = next((m for m in users if m.group(2) == "15"), users[0])
    name, privilege = best.group(1), int(best.group(2) or 1)
    out: dict[str, Any] = {"username": name,
                           "password": _password(best.group(4), best.group(5),
                                                 f"password-{name}", router, store)}
    if privilege < 15:
        out["privilege"] = privilege
        enable = next((m for n in router.tree.roots if (m := _ENABLE.match(n.text))), None)
        if enable is not None:
            out["enable"] = _password(enable.group(2), enable.group(3), "enable", router, store)
    return out


def _password(kind: str | None, value: str, label: str, router: RouterSource,
              store: SecretStore) -> dict[str, str]:
    if kind in (None, "0"):
        return store.value(value, f"{router.name}-{label}")
    # 5/8/9: a hash; 7: normalize_config decodes type 7, so one still here did not decode
    return store.variable(label, router.name)


def connection(router: RouterSource, index: int, lab_base_port: int | None) -> dict[str, Any]:
    """``hostname``/``port`` of the host: 127.0.0.1 and ``lab_base_port + index`` to rehearse on
    the lab, else the router's own hostname (a DNS name to replace by its management address
    where it does not resolve)."""
    if lab_base_port is not None:
        return {"hostname": "127.0.0.1", "port": lab_base_port + index}
    return {"hostname": router.hostname if _DNS.fullmatch(router.hostname) else router.name}


_DNS = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                  r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*")
