"""What an inventory may pass to netmiko (``connection_options.netmiko.extras``): an allowlist.

netmiko's options reach far: ``ssh_config_file`` runs the ProxyCommand it names, ``session_log``
writes every byte of the session (keys in clear) to any path, ``sock`` and ``proxy`` send the
session elsewhere, ``alt_key_file`` / ``ssh_strict`` / ``system_host_keys`` decide whose host
key is trusted, ``allow_agent`` lets the router have anything the SSH agent signs. Whoever edits
the inventory must not gain any of that on the machine flexorch runs on, so only options that
cannot execute, write or redirect are accepted (``NETMIKO_EXTRAS``); any other key is bad input
naming the file, the host and the key, before any session opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import ValidationError

from flexorch.secrets import SecretRef

Kind = Literal["seconds", "number", "flag", "secret", "key-file"]


@dataclass(frozen=True)
class Allowed:
    """One accepted netmiko option: the kind of value it takes and why it is harmless."""

    kind: Kind
    why: str


NETMIKO_EXTRAS: dict[str, Allowed] = {
    "conn_timeout": Allowed("seconds", "how long to wait for TCP connect"),
    "auth_timeout": Allowed("seconds", "how long to wait for the login answer"),
    "banner_timeout": Allowed("seconds", "how long to wait for the SSH banner"),
    "blocking_timeout": Allowed("seconds", "socket read timeout"),
    "timeout": Allowed("seconds", "netmiko's read-loop timeout"),
    "session_timeout": Allowed("seconds", "netmiko's session lock timeout"),
    "read_timeout_override": Allowed("seconds", "every command's read timeout"),
    "keepalive": Allowed("seconds", "SSH keepalive interval (0: off)"),
    "global_delay_factor": Allowed("number", "multiplies netmiko's pauses"),
    "fast_cli": Allowed("flag", "shorter pauses"),
    "global_cmd_verify": Allowed("flag", "wait for each command's echo"),
    "secret": Allowed("secret", "the enable secret, as {env: ...} or {file: ...}"),
    "use_keys": Allowed("flag", "log in with key_file instead of the password"),
    "key_file": Allowed("key-file", "private key for key-based login, as {file: PATH}: read, "
                        "never written"),
    "passphrase": Allowed("secret", "the key file's passphrase, as {env: ...} or {file: ...}"),
}
# The attributes of a Nornir ConnectionOptions besides extras (hostname, port, username,
# platform) would send the session to another address or speak another protocol than the
# inventory's; only extras is accepted.
OPTION_KEYS = ("extras",)
PLUGINS = ("netmiko",)


def check_connection_options(value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """``value`` when every plugin, key and value is allowed; ValueError naming the first that
    is not (never echoing a secret)."""
    for plugin, options in value.items():
        if plugin not in PLUGINS:
            raise ValueError(f"{plugin}: only {', '.join(PLUGINS)} options are accepted "
                             "(flexorch connects with netmiko)")
        if not isinstance(options, dict):
            raise ValueError(f"{plugin} must be a mapping with extras")
        for key in options:
            if key not in OPTION_KEYS:
                raise ValueError(
                    f"{plugin}.{key} is not allowed: the session goes to the host's own "
                    f"hostname, port and platform, with data.credentials (allowed: extras)")
        extras = options.get("extras") or {}
        if not isinstance(extras, dict):
            raise ValueError(f"{plugin}.extras must be a mapping")
        for key, given in extras.items():
            _check_extra(plugin, str(key), given)
    return value


def _check_extra(plugin: str, key: str, given: Any) -> None:
    allowed = NETMIKO_EXTRAS.get(key)
    where = f"{plugin}.extras.{key}"
    if allowed is None:
        raise ValueError(
            f"{where} is not allowed: flexorch accepts only options that cannot run a command, "
            f"write a file or redirect the session ({', '.join(NETMIKO_EXTRAS)}; see "
            "docs/security.md)")
    if allowed.kind == "seconds" and not (_number(given) and given >= 0):
        raise ValueError(f"{where} must be a number of seconds (0 or more)")
    if allowed.kind == "number" and not (_number(given) and given > 0):
        raise ValueError(f"{where} must be a positive number")
    if allowed.kind == "flag" and not isinstance(given, bool):
        raise ValueError(f"{where} must be true or false")
    if allowed.kind in ("secret", "key-file"):
        ref = secret_ref(given)
        if ref is None:
            raise ValueError(f"{where} is a secret: write it as a reference ({{env: VARIABLE}} "
                             "or {file: PATH}), never a literal value")
        if allowed.kind == "key-file" and ref.file is None:
            raise ValueError(f"{where} must be {{file: PATH}}: the path of the private key")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def secret_ref(value: Any) -> SecretRef | None:
    """``value`` as a SecretRef when it is one (``{env: ...}`` / ``{file: ...}``), else None."""
    if not isinstance(value, dict):
        return None
    try:
        return SecretRef.model_validate(value)
    except ValidationError:
        return None
