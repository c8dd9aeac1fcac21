from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from pydantic import ValidationError

from flexorch.errors import SecretError
from flexorch.secrets import MASK, SecretRef, lab_secret, mask, mask_data, register_secret


def test_env_reference_resolves_and_is_masked_afterwards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXORCH_TEST_PSK_A", "Zq8-very-secret-value-1")
    value = SecretRef(env="FLEXORCH_TEST_PSK_A").resolve()
    assert value == "Zq8-very-secret-value-1"
    assert mask("the key is Zq8-very-secret-value-1.") == f"the key is {MASK}."


def test_unset_env_is_a_secret_error_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLEXORCH_TEST_UNSET", raising=False)
    with pytest.raises(SecretError, match="FLEXORCH_TEST_UNSET is not set"):
        SecretRef(env="FLEXORCH_TEST_UNSET").resolve()


def test_lab_fallback_is_deterministic_and_not_the_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLEXORCH_TEST_LAB", raising=False)
    a = SecretRef(env="FLEXORCH_TEST_LAB").resolve(lab_fallback=True)
    assert a == lab_secret("FLEXORCH_TEST_LAB")
    assert len(a) == 32
    assert "FLEXORCH" not in a
    assert lab_secret("OTHER") != a


def test_file_reference(tmp_path: Path) -> None:
    secret = tmp_path / "psk"
    secret.write_text("file-secret-0123456789\n")
    assert SecretRef(file=str(secret)).resolve() == "file-secret-0123456789"
    with pytest.raises(SecretError, match="cannot be read"):
        SecretRef(file=str(tmp_path / "missing")).resolve()
    (tmp_path / "empty").write_text("")
    with pytest.raises(SecretError, match="is empty"):
        SecretRef(file=str(tmp_path / "empty")).resolve()


@pytest.mark.parametrize(
    "data",
    [{}, {"env": "A", "file": "/x"}, {"env": "1BAD"}, {"env": "A", "value": "literal"}],
)
def test_reference_shape_is_validated(data: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        SecretRef.model_validate(data)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("  pre-shared-key local abc123", "  pre-shared-key local ******"),
        ("  pre-shared-key 6 FGHJ^&*", "  pre-shared-key 6 ******"),
        (
            " authentication local pre-share key k1k1k1",
            " authentication local pre-share key ******",
        ),
        (" key 7 0822455D0A16", " key 7 ******"),
        (
            "username admin privilege 15 secret 9 $9$abc",
            "username admin privilege 15 secret 9 ******",
        ),
        ("enable secret 5 $1$xyz", "enable secret 5 ******"),
        ("key chain KC", "key chain KC"),
        ("password encryption aes", "password encryption aes"),
        (
            " aaa authorization user psk list L name-mangler N password pw1 ",
            " aaa authorization user psk list L name-mangler N password ****** ",
        ),
        (" tunnel key 10", " tunnel key 10"),
        ("username admin privilege 15 algorithm-type scrypt secret Adm1nPass99",
         "username admin privilege 15 algorithm-type scrypt secret ******"),
        ("enable algorithm-type sha256 secret En4blePass99",
         "enable algorithm-type sha256 secret ******"),
        # tests/fixtures/real/gh-rakenit-flexvpn-radius-dvti/hub-01.cfg (a RADIUS-held PSK)
        (" keyring aaa RM-PSK-RADIUS password Lookup-Pass1",
         " keyring aaa RM-PSK-RADIUS password ******"),
        (" keyring aaa L name-mangler M password 6 ABCDEFGHIJ",
         " keyring aaa L name-mangler M password 6 ******"),
        ("cts sxp default password 7 0822455D0A16", "cts sxp default password 7 ******"),
        ("cts sxp default password s3cret", "cts sxp default password ******"),
        ("cts sxp connection peer 192.0.2.2 password default mode local",
         "cts sxp connection peer 192.0.2.2 password default mode local"),
        # An IKEv1 PSK and an SNMP community in the middle of their lines (tests/fixtures/real/
        # gh-sirmysterion-techpatix-zbf-6in4/hq-edge.cfg: the key as the router holds it).
        ("crypto isakmp key sMpw8hXqELa9gEG7qWYQ address 172.16.78.100  ",
         "crypto isakmp key ****** address 172.16.78.100  "),
        ("crypto isakmp key 6 FGHJ^&*Q hostname peer.example",
         "crypto isakmp key 6 ****** hostname peer.example"),
        ("snmp-server community techpatix RO", "snmp-server community ****** RO"),
        ("snmp-server community c0mm view V RW 10", "snmp-server community ****** view V RW 10"),
        ("snmp-server host 192.0.2.9 version 2c c0mm udp-port 162",
         "snmp-server host 192.0.2.9 version 2c ****** udp-port 162"),
        ("snmp-server host 192.0.2.9 informs c0mm", "snmp-server host 192.0.2.9 informs ******"),
        ("snmp-server host 192.0.2.9 version 3 priv v3user",
         "snmp-server host 192.0.2.9 version 3 priv v3user"),
        ("snmp-server user U G v3 auth sha Auth-pw1 priv aes 128 Priv-pw1",
         "snmp-server user U G v3 auth sha ****** priv aes 128 ******"),
        # the Snort IPS signature server's password (UTD; edge.py's grammar row)
        (" signature update server cisco username cisco password SigPass1",
         " signature update server cisco username cisco password ******"),
        (" signature update server url https://s.example/u username u password 0 P4s occur-at",
         " signature update server url https://s.example/u username u password 0 ****** "
         "occur-at"),
        # DMVPN's NHRP password (tests/fixtures/real/gh-fuatanshori-dmvpn-dualhub-ikev2/hub-1.cfg)
        ("  ip nhrp authentication XAUTH", "  ip nhrp authentication ******"),
        (" ip ospf authentication-key IPV4", " ip ospf authentication-key ******"),
        (" ip ospf message-digest-key 1 md5 7 0822455D0A16",
         " ip ospf message-digest-key 1 md5 7 ******"),
        ("tacacs-server key 7 0822455D0A16", "tacacs-server key 7 ******"),
        ("tacacs-server host 192.0.2.7 key T4c-key", "tacacs-server host 192.0.2.7 key ******"),
        ("radius-server host 192.0.2.8 auth-port 1645 acct-port 1646 key 7 0822455D0A16",
         "radius-server host 192.0.2.8 auth-port 1645 acct-port 1646 key 7 ******"),
        (" server-private 172.16.0.1 key 7 110a1016141d",
         " server-private 172.16.0.1 key 7 ******"),
        (" neighbor 192.0.2.1 password 7 0822455D0A16", " neighbor 192.0.2.1 password 7 ******"),
        ("ntp authentication-key 1 md5 0822455D0A16 7", "ntp authentication-key 1 md5 ****** 7"),
        (" ppp chap password 0 Chap-pw1", " ppp chap password 0 ******"),
        (" ppp pap sent-username user@isp password 7 0822455D0A16",
         " ppp pap sent-username user@isp password 7 ******"),
        (" standby 1 authentication md5 key-string 7 0822455D0A16",
         " standby 1 authentication md5 key-string 7 ******"),
        (" standby 1 authentication Hsrp-pw", " standby 1 authentication ******"),
        (" vrrp 2 authentication text Vrrp-pw", " vrrp 2 authentication text ******"),
        (" area-password Isis-pw", " area-password ******"),
        (" isis password Isis-pw level-2", " isis password ****** level-2"),
        ("ip ftp password 7 0822455D0A16", "ip ftp password 7 ******"),
        (" set aggressive-mode password Aggr-pw1", " set aggressive-mode password ******"),
        (" group G key Grp-key-1", " group G key ******"),
        (" username ez password Ez-pw1", " username ez password ******"),
        (" token 0123456789ABCDEF0123456789ABCDEF01234567", " token ******"),
        (" wpa-psk ascii 7 0822455D0A16", " wpa-psk ascii 7 ******"),
        (" l2tp tunnel password 0 L2tp-pw1", " l2tp tunnel password 0 ******"),
        (" ip nhrp map multicast dynamic", " ip nhrp map multicast dynamic"),
        ("snmp-server enable traps", "snmp-server enable traps"),
    ],
)
def test_secret_bearing_config_lines_are_masked(line: str, expected: str) -> None:
    assert mask(line) == expected


def test_mask_data_walks_nested_structures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXORCH_TEST_PSK_B", "nested-secret-xyz")
    SecretRef(env="FLEXORCH_TEST_PSK_B").resolve()
    doc = {"a": ["x nested-secret-xyz", {"b": "nested-secret-xyz"}], "n": 3}
    assert mask_data(doc) == {"a": [f"x {MASK}", {"b": MASK}], "n": 3}


def test_many_secrets_mask_longest_first_and_registration_is_cheap() -> None:
    values = [f"fleet-secret-{i:05d}-xyz" for i in range(3000)]
    for value in values:
        register_secret(value)
    register_secret("fleet-secret-00042-xyz-longer")
    text = "a fleet-secret-00042-xyz-longer b fleet-secret-02999-xyz c fleet-secret-0004 d"
    assert mask(text) == f"a {MASK} b {MASK} c fleet-secret-0004 d"


def test_lab_secret_is_the_documented_derivation() -> None:
    # "Lab" + the first 29 characters of the unpadded base 32 of SHA-256(salt + name), for
    # names of any length (the cut of the digest must not change a character)
    for name in ("FLEXORCH_PSK_H1_GRE", "X", "PSK_" + "S" * 200):
        digest = hashlib.sha256(("flexorch-lab-secret:v1:" + name).encode()).digest()
        full = base64.b32encode(digest).decode().rstrip("=")
        assert lab_secret(name) == "Lab" + full[:29]
        assert len(lab_secret(name)) == 32
