"""Config mode, show running-config and the model for the command families the modern IOS XE
(16.x/17.x) corpus sources of 2026-12 brought in: ISR C1111 and CSR1000v/Catalyst 8000V
running configs.

Every line is typed by hand from the corpus file named in the test
(tests/fixtures/real/<source>/<host>.cfg); every expected text is written by hand.
"""

from __future__ import annotations

from flexorch.ios.config import ConfigSession, ConfigTree
from flexorch.ios.facts import ERROR_INVALID
from flexorch.ios.model import RouterConfig
from tests.ios.test_engine_families import _body, _tree

# --- crypto pki certificate pool ---------------------------------------------------------------

def test_the_certificate_pool_opens_a_mode_holding_its_ca_bundle() -> None:
    # gh-ktbyers-pyplus-c1111-cisco3/cisco3.cfg (ISR C1111-4P, IOS XE 16.12)
    session = ConfigSession(ConfigTree())
    assert session.feed("crypto pki certificate pool").ok
    assert session.mode == "ca-certificate-pool"
    assert session.feed(" cabundle nvram:ios.p7b").ok
    refused = session.feed(" enrollment terminal")
    assert refused.error is not None and refused.error.endswith(ERROR_INVALID)
    assert "\ncrypto pki certificate pool\n cabundle nvram:ios.p7b\n" in _body(session.tree)


def test_a_cabundle_needs_its_file() -> None:
    session = ConfigSession(ConfigTree())
    assert session.feed("crypto pki certificate pool").ok
    assert not session.feed(" cabundle").ok


def test_the_model_leaves_the_certificate_pool_alone_with_nothing_unread() -> None:
    text = ("hostname cisco3\n!\ncrypto pki certificate pool\n cabundle nvram:ios.p7b\n!\n"
            "license udi pid C1111-4P sn FGL222290LB\n!\nend\n")
    config = RouterConfig.from_text(text)
    assert config.unread == ()
    assert config.hostname == "cisco3"
    assert config.software.platform == "C1111-4P"
    assert config.pki.trustpoints == {} and config.pki.certificate_chains == {}


def test_the_pool_sits_beside_the_trustpoints_it_does_not_replace() -> None:
    body = _body(_tree([
        "crypto pki trustpoint SLA-TrustPoint", " enrollment pkcs12", " revocation-check crl",
        "crypto pki certificate pool", " cabundle nvram:ios.p7b",
    ]))
    assert "crypto pki trustpoint SLA-TrustPoint\n enrollment pkcs12\n" in body
    assert "crypto pki certificate pool\n cabundle nvram:ios.p7b\n" in body
