"""The history database URL: parsed with the standard library, a password never printed and kept
out of argv, TLS verification for PostgreSQL, a malformed URL is bad input before any router.

The audit's findings: a password containing ``@`` was mis-split and part of it printed; ``--db
URL`` put the password in argv; no way to require TLS verification for PostgreSQL; a malformed
URL gave a traceback after plan had already read every router.
"""

from __future__ import annotations

import datetime
import ipaddress
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from flexorch.history.url import parse_db_url
from tests.security.helpers import run, small_inventory
from tests.security.impostor import impostor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/ holds pg.py
from pg import SUPERUSER, PostgresServer, free_port, postgres_server

__all__ = ["postgres_server"]
PASSWORD = "p@ss:w/rd#?x"  # every character that used to split it


def test_a_password_with_at_colon_slash_is_one_value() -> None:
    target = parse_db_url(f"postgresql://flex:{PASSWORD}@db.example:5432/hist?sslmode=verify-full"
                          "&sslrootcert=/etc/flexorch/ca.pem", "FLEXORCH_DB")
    assert target.params == {"user": "flex", "password": PASSWORD, "host": "db.example",
                             "port": "5432", "dbname": "hist", "sslmode": "verify-full",
                             "sslrootcert": "/etc/flexorch/ca.pem"}
    assert target.location == ("postgresql://flex:******@db.example:5432/hist?sslmode=verify-full"
                               "&sslrootcert=/etc/flexorch/ca.pem")


@pytest.mark.parametrize(("url", "message"), [
    ("postgresql://u:pw@db:notaport/h", "FLEXORCH_DB: 'db:notaport' is not host[:port]"),
    ("postgresql://u:pw@db:70000/h", "FLEXORCH_DB: 'db:70000' is not host[:port]"),
    ("postgresql://u:pw@db/h?sslmode=yes", "FLEXORCH_DB: sslmode=yes is not one of disable"),
    ("postgresql://u:pw@db/h?sslmod=require", "unknown PostgreSQL parameter 'sslmod'"),
    ("mongodb://u:pw@db/h", "FLEXORCH_DB: a 'mongodb://' database is not supported"),
])
def test_malformed_url_is_bad_input_before_any_router(tmp_path: Path, url: str,
                                                      message: str) -> None:
    port = free_port()
    folder = small_inventory(tmp_path / "inv", port=port)
    with impostor([port]) as seen:
        done = run("plan", "--site", "s1", inventory=folder, env={"FLEXORCH_DB": url})
    assert done.returncode == 2
    assert done.stderr.startswith("flexorch: error: ") and message in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert "pw" not in done.stderr
    assert seen.connections == 0


def test_unreachable_database_never_shows_the_password() -> None:
    url = f"postgresql://flex:{PASSWORD}@127.0.0.1:{free_port()}/hist"
    done = run("history", "--db", url, env={"FLEXORCH_DB_TIMEOUT": "2"})
    assert done.returncode == 1
    for part in ("p@ss", "ss:w", "w/rd", "rd#", "#?x"):
        assert part not in done.stderr + done.stdout
    assert "history store postgresql://flex:******@127.0.0.1:" in done.stderr
    assert ("flexorch: warning: --db puts the database password in the process list (ps) and "
            "shell history; use $FLEXORCH_DB or --db-file") in done.stderr


def test_db_file_holds_the_url_and_must_be_private(tmp_path: Path) -> None:
    holder = tmp_path / "db.url"
    holder.write_text(f"{tmp_path / 'history.sqlite3'}\n", encoding="utf-8")
    holder.chmod(0o644)
    loose = run("history", "--db-file", str(holder))
    assert loose.returncode == 2
    assert f"--db-file {holder} may be read by group or other (mode 644)" in loose.stderr
    holder.chmod(0o600)
    done = run("history", "--db-file", str(holder))
    assert done.returncode == 0, done.stderr
    assert f"no runs recorded in {tmp_path / 'history.sqlite3'}" in done.stdout
    both = run("history", "--db-file", str(holder), "--db", str(tmp_path / "x.sqlite3"))
    assert both.returncode == 2 and "give --db or --db-file, not both" in both.stderr


# --- against a real PostgreSQL server ---------------------------------------------------------


@pytest.mark.postgres
def test_a_password_with_at_colon_slash_logs_in(postgres_server: PostgresServer) -> None:
    with psycopg.connect(postgres_server.url(), autocommit=True) as conn:
        conn.execute("CREATE ROLE flexo LOGIN PASSWORD 'p@ss:w/rd#?x'")
        conn.execute("CREATE DATABASE flexo_db OWNER flexo")
    url = f"postgresql://flexo:{PASSWORD}@127.0.0.1:{postgres_server.port}/flexo_db"
    done = run("history", env={"FLEXORCH_DB": url})
    assert done.returncode == 0, done.stderr
    assert done.stdout == (f"no runs recorded in postgresql://flexo:******@127.0.0.1:"
                           f"{postgres_server.port}/flexo_db\n")


def _certificates(tmp: Path) -> dict[str, bytes]:
    """A CA, a server certificate for 127.0.0.1 signed by it, and an unrelated CA."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def cert(name: str, key: ec.EllipticCurvePrivateKey, issuer: str,
             signer: ec.EllipticCurvePrivateKey, ca: bool) -> bytes:
        now = datetime.datetime.now(datetime.UTC)
        builder = (x509.CertificateBuilder()
                   .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
                   .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
                   .public_key(key.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(now - datetime.timedelta(minutes=5))
                   .not_valid_after(now + datetime.timedelta(days=1))
                   .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if not ca:
            builder = builder.add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        return builder.sign(signer, hashes.SHA256()).public_bytes(serialization.Encoding.PEM)

    ca_key, server_key, other_key = (ec.generate_private_key(ec.SECP256R1()) for _ in range(3))
    (tmp / "ca.pem").write_bytes(cert("test CA", ca_key, "test CA", ca_key, True))
    (tmp / "other-ca.pem").write_bytes(cert("other CA", other_key, "other CA", other_key, True))
    return {
        "server.crt": cert("127.0.0.1", server_key, "test CA", ca_key, False),
        "server.key": server_key.private_bytes(serialization.Encoding.PEM,
                                               serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()),
    }


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[PostgresServer]:
    server = PostgresServer(settings=("-c ssl=on", "-c ssl_cert_file={dir}/server.crt",
                                      "-c ssl_key_file={dir}/server.key"),
                            files=_certificates(tmp_path))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.postgres
def test_sslmode_verify_full_from_the_url_or_the_environment(
        tls_server: PostgresServer, tmp_path: Path) -> None:
    env = {"FLEXORCH_DB_TIMEOUT": "5"}
    good = f"{tls_server.url()}?sslmode=verify-full&sslrootcert={tmp_path / 'ca.pem'}"
    assert run("history", env={**env, "FLEXORCH_DB": good}).returncode == 0
    wrong = f"{tls_server.url()}?sslmode=verify-full&sslrootcert={tmp_path / 'other-ca.pem'}"
    refused = run("history", env={**env, "FLEXORCH_DB": wrong})
    assert refused.returncode == 1
    assert "certificate verify failed" in refused.stderr
    assert tls_server.password not in refused.stderr
    assert (f"history store postgresql://{SUPERUSER}:******@127.0.0.1:{tls_server.port}/postgres"
            "?sslmode=verify-full&sslrootcert=") in refused.stderr
    # libpq's own variables apply when the URL says nothing
    by_env = run("history", env={**env, "FLEXORCH_DB": tls_server.url(),
                                      "PGSSLMODE": "verify-full",
                                      "PGSSLROOTCERT": str(tmp_path / "other-ca.pem")})
    assert by_env.returncode == 1 and "certificate verify failed" in by_env.stderr
    bogus = run("history", env={**env, "FLEXORCH_DB": tls_server.url(), "PGSSLMODE": "on"})
    assert bogus.returncode == 2 and "PGSSLMODE=on is not one of" in bogus.stderr
