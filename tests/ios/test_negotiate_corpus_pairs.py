"""Real pairs whose SA output cannot be stored as a corpus ``.raw`` (see each group's SOURCES.md):
the SAs the real router showed, typed by hand from the published text, predicted from the group's
configs."""

from __future__ import annotations

from pathlib import Path

from flexorch.ios.model import RouterConfig
from flexorch.ios.negotiate import Endpoint, predict_sessions

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


def _routers(group: str) -> dict[str, Endpoint]:
    out: dict[str, Endpoint] = {}
    for path in sorted((REAL / group).glob("*.cfg")):
        config = RouterConfig.from_text(path.read_text(encoding="utf-8"))
        assert config.hostname is not None
        out[config.hostname] = Endpoint(config.hostname, config)
    return out


def _views_of(group: str, host: str) -> dict[str, tuple[object, ...]]:
    """remote address -> (status, suite) of every SA ``host`` is predicted to hold."""
    out: dict[str, tuple[object, ...]] = {}
    for session in predict_sessions(_routers(group)):
        view = session.outcome.view_of(host)
        if view is None or not session.outcome.established:
            continue
        out[view.remote_address] = (view.local_address, view.encryption, view.keysize, view.prf,
                                    view.hash, view.dh_group, view.auth_sign, view.auth_verify)
    return out


def test_neytrin_hub_with_its_own_proposal_meets_spokes_on_smart_defaults() -> None:
    # gh-neytrin-otus-lab14-cryptomap-dmvpn, R15's "sh crypto ikev2 sa" (readme lines 354-374):
    # the crypto-map SA to R18 and the DMVPN SAs to both spokes, all
    #   Encr: AES-CBC, keysize: 128, PRF: MD5, Hash: MD596, DH Grp:2, Auth sign: PSK,
    #   Auth verify: PSK
    # R15 and R18 have proposal Phase1 (aes-cbc-128 / md5 / group 2) in a policy without match;
    # the spokes R27/R28 have no proposal at all (IOS 15.4 default proposal, which offers
    # aes-cbc-128, md5 and group 2 too): the hub's Phase1 is what comes out either way.
    views = _views_of("gh-neytrin-otus-lab14-cryptomap-dmvpn", "R15")
    suite = ("77.100.10.41", "AES-CBC", 128, "MD5", "MD596", 2, "PSK", "PSK")
    for remote in ("113.201.100.8", "90.7.18.101", "90.7.18.123"):
        assert views.get(remote) == suite, (remote, views.get(remote))
