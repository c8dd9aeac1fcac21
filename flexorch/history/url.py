"""The history database URL: parsed once, with the standard library, into what the backend needs
and a form that is safe to print.

Accepted: ``postgresql://[user[:password]@][host[:port][,host[:port]...]][/dbname][?param=value&...]``
(or ``postgres://``), ``sqlite:///absolute/path``, ``sqlite:relative/path``, or a plain file path.

A password may contain ``@``, ``:``, ``/``, ``?`` and ``#`` as typed: the user part ends at the
URL's last ``@`` and the password starts after the user name's first ``:`` (so an ``@`` in a
query value must be written ``%40``). Percent-escapes are decoded as in any URL: a password
containing ``%`` followed by two hex digits must write the ``%`` as ``%25``.

The libpq parameters in the query are checked against a list (``PG_PARAMETERS``); ``sslmode``
must be one of libpq's modes. ``PGSSLMODE`` / ``PGSSLROOTCERT`` in the environment apply too,
libpq reads them itself. Nothing here connects: a malformed URL is bad input (exit 2) found before
a command touches a router.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, quote, unquote

from flexorch.errors import BadInputError
from flexorch.secrets import MASK, register_secret

SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
# libpq connection parameters accepted in the query (libpq: "Parameter Key Words").
PG_PARAMETERS = frozenset({
    "application_name", "channel_binding", "connect_timeout", "dbname", "gssencmode", "host",
    "hostaddr", "keepalives", "keepalives_count", "keepalives_idle", "keepalives_interval",
    "krbsrvname", "options", "passfile", "password", "port", "require_auth", "service",
    "sslcert", "sslcrl", "sslcrldir", "sslkey", "sslmode", "sslnegotiation", "sslpassword",
    "sslrootcert", "sslsni", "target_session_attrs", "tcp_user_timeout", "user",
})
_SECRET_PARAMETERS = frozenset({"password", "sslpassword"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# a name or address, an [IPv6] literal, or a Unix socket folder (%2Fvar%2Frun%2Fpostgresql)
_HOST = re.compile(r"\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]*|/[!-+\--~]*")


@dataclass(frozen=True)
class DbTarget:
    """Where the history store is: a SQLite ``path``, or PostgreSQL connection ``params`` (libpq
    key words, password included: never printed). ``location`` is safe to print."""

    kind: Literal["sqlite", "postgres"]
    location: str
    path: Path | None = None
    params: dict[str, str] = field(default_factory=dict, repr=False)


def parse_db_url(url: str, source: str = "database URL") -> DbTarget:
    """``url`` as a DbTarget. ``source`` names where it came from in errors (``FLEXORCH_DB``,
    ``--db-file F``). Registers any password with the masker. Raises BadInputError (exit 2)."""
    url = url.strip()
    if not url:
        raise BadInputError(f"{source} is empty")
    scheme = _SCHEME.match(url)
    name = scheme.group(1).lower() if scheme and len(scheme.group(1)) > 1 else ""
    if name in ("postgresql", "postgres"):
        return _postgres(url, source)
    if name == "sqlite":
        path = unquote(url.split(":", 1)[1])
        path = path[2:] if path.startswith("//") else path  # sqlite:///abs -> /abs
        if not path:
            raise BadInputError(f"{source}: the sqlite URL names no file")
        return DbTarget("sqlite", path, Path(path).expanduser())
    if name and url[scheme.end():].startswith("//"):  # type: ignore[union-attr]
        raise BadInputError(
            f"{source}: a '{name}://' database is not supported (use postgresql://..., "
            "sqlite:///path or a file path)")
    return DbTarget("sqlite", url, Path(url).expanduser())


def _postgres(url: str, source: str) -> DbTarget:
    _, separator, rest = url.partition("://")
    if not separator:
        raise BadInputError(f"{source}: a PostgreSQL URL starts with postgresql://")
    userinfo, at, rest = rest.rpartition("@")
    rest, hash_sign, _ = rest.partition("#")
    if hash_sign:
        raise BadInputError(f"{source}: a PostgreSQL URL has no #fragment")
    base, _, query = rest.partition("?")
    hosts, _, dbname = base.partition("/")
    params: dict[str, str] = {}
    if at:
        user, colon, password = userinfo.partition(":")
        if user:
            params["user"] = unquote(user)
        if colon:
            params["password"] = unquote(password)
    if hosts:
        params.update(_hosts(hosts, source))
    if dbname:
        params["dbname"] = unquote(dbname)
    params.update(_query(query, source))
    for key in _SECRET_PARAMETERS & params.keys():
        register_secret(params[key])
    return DbTarget("postgres", _location(params), params=params)


def _hosts(text: str, source: str) -> dict[str, str]:
    """``host[:port][,host[:port]...]`` as libpq's ``host`` and ``port`` lists."""
    names: list[str] = []
    ports: list[str] = []
    for item in text.split(","):
        host, port = item, ""
        if item.startswith("["):
            host, _, tail = item.partition("]")
            host += "]"
            port = tail.removeprefix(":") if tail.startswith(":") else tail
        elif ":" in item:
            host, _, port = item.rpartition(":")
        host = unquote(host)
        if not _HOST.fullmatch(host) or (port and not _valid_port(port)):
            shown = item if not port else f"{host}:{port}"
            raise BadInputError(f"{source}: '{shown}' is not host[:port] (port 1-65535)")
        names.append(host.strip("[]"))
        ports.append(port)
    out = {"host": ",".join(names)} if any(names) else {}
    if any(ports):
        out["port"] = ",".join(ports)
    return out


def _valid_port(port: str) -> bool:
    return port.isascii() and port.isdigit() and 1 <= int(port) <= 65535


def _query(query: str, source: str) -> dict[str, str]:
    if not query:
        return {}
    try:
        pairs = parse_qsl(query, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise BadInputError(f"{source}: the query is not key=value&key=value") from None
    params = dict(pairs)
    unknown = sorted(params.keys() - PG_PARAMETERS)
    if unknown:
        raise BadInputError(f"{source}: unknown PostgreSQL parameter '{unknown[0]}' "
                            f"(libpq's: {', '.join(sorted(PG_PARAMETERS))})")
    mode = params.get("sslmode")
    if mode is not None and mode not in SSL_MODES:
        raise BadInputError(f"{source}: sslmode={mode} is not one of {', '.join(SSL_MODES)}")
    return params


def _location(params: dict[str, str]) -> str:
    """The URL rebuilt for messages: the password (and sslpassword) as ``******``."""
    user = quote(params.get("user", ""), safe="")
    userinfo = f"{user}:{MASK}@" if "password" in params else (f"{user}@" if user else "")
    hosts = ",".join(f"[{h}]" if ":" in h else h for h in params.get("host", "").split(","))
    ports = params.get("port", "").split(",")
    if any(ports):
        hosts = ",".join(f"{h}:{p}" if p else h for h, p in zip(hosts.split(","), ports,
                                                                   strict=False))
    query = "&".join(f"{k}={MASK if k in _SECRET_PARAMETERS else v}" for k, v in params.items()
                     if k not in {"user", "password", "host", "port", "dbname"})
    dbname = quote(params.get("dbname", ""), safe="")
    return f"postgresql://{userinfo}{hosts}/{dbname}" + (f"?{query}" if query else "")


def check_env_ssl() -> None:
    """``PGSSLMODE`` (read by libpq) must be one of its modes: bad input otherwise."""
    mode = os.environ.get("PGSSLMODE")
    if mode is not None and mode not in SSL_MODES:
        raise BadInputError(f"PGSSLMODE={mode} is not one of {', '.join(SSL_MODES)}")


def read_db_file(path: Path) -> str:
    """The URL in the first line of ``path``. Refused (BadInputError) when group or other may
    read it (it holds a password: ``chmod 600``), or it cannot be read or is empty."""
    try:
        info = path.stat()
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise BadInputError(f"--db-file {path}: cannot be read: {reason}") from None
    if info.st_mode & 0o077:
        raise BadInputError(f"--db-file {path} may be read by group or other (mode "
                            f"{info.st_mode & 0o777:o}); run 'chmod 600 {path}'")
    lines = text.splitlines()
    url = lines[0].strip() if lines else ""
    if not url:
        raise BadInputError(f"--db-file {path} is empty")
    return url

