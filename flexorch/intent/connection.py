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

from typing import Any, Literal

from pydantic import ValidationError

from flexorch.secrets import SecretRef

Kind = Literal["seconds", "number", "flag", "secret", "key-file"]


# option -> the kind of value it takes; why each is harmless is in docs/security.md
NETMIKO_EXTRAS: dict[str, Kind] = {
    "conn_timeout": "seconds",           # how long to wait for TCP connect
    "auth_timeout": "seconds",           # ... for the login answer
    "banner_timeout": "seconds",         # ... for the SSH banner
    "blocking_timeout": "seconds",       # socket read timeout
    "timeout": "seconds",                # netmiko's read-loop timeout
    "session_timeout": "seconds",        # netmiko's session lock timeout
    "read_timeout_override": "seconds",  # every command's read timeout
    "keepalive": "seconds",              # SSH keepalive interval (0: off)
    "global_delay_factor": "number",     # multiplies netmiko's pauses
    "fast_cli": "flag",                  # shorter pauses
    "global_cmd_verify": "flag",         # wait for each command's echo
    "secret": "secret",                  # the enable secret, as {env: ...} or {file: ...}
    "use_keys": "flag",                  # log in with key_file instead of the password
    "key_file": "key-file",              # the private key's path, {file: PATH}: read only
    "passphrase": "secret",              # the key file's passphrase, as a reference
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
    kind = NETMIKO_EXTRAS.get(key)
    where = f"{plugin}.extras.{key}"
    if kind is None:
        raise ValueError(
            f"{where} is not allowed: flexorch accepts only options that cannot run a command, "
            f"write a file or redirect the session ({', '.join(NETMIKO_EXTRAS)}; see "
            "docs/security.md)")
    if kind == "seconds" and not (_number(given) and given >= 0):
        raise ValueError(f"{where} must be a number of seconds (0 or more)")
    if kind == "number" and not (_number(given) and given > 0):
        raise ValueError(f"{where} must be a positive number")
    if kind == "flag" and not isinstance(given, bool):
        raise ValueError(f"{where} must be true or false")
    if kind in ("secret", "key-file"):
        ref = secret_ref(given)
        if ref is None:
            raise ValueError(f"{where} is a secret: write it as a reference ({{env: VARIABLE}} "
                             "or {file: PATH}), never a literal value")
        if kind == "key-file" and ref.file is None:
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
