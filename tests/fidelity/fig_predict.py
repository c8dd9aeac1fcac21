"""Fidelity figure "real SAs predicted right": the IKEv2 SAs real routers showed, predicted by
``flexorch predict`` from their configs with the device's status and suite.

    .venv/bin/python tests/fidelity/fig_predict.py [-v]

For every corpus folder (tests/fixtures/real/<group>/) with configs, each SA record of a
``show crypto ikev2 sa [detailed]`` / ``show crypto ikev2 session [detailed]`` output of a router
whose config is in the folder, towards a router whose config is in the folder too, is one real
SA (an SA seen twice, in two outputs of the same router, counts once). It is predicted right when
``flexorch predict``'s records for the folder's configs hold one with the same local router and
addresses, the same status, and the same suite: encryption, keysize, PRF (where the router printed
it), hash, DH group, auth sign and auth verify. SAs towards peers whose config is not in the corpus
(Azure, strongSwan) cannot be predicted and are not counted. The SAs the corpus test
(tests/ios/test_negotiate_corpus.py) lists as exceptions are counted here as they come out: the
figure is what the model gets right, the exceptions say why the rest is not.

Measured on the corpus of 40 SAs: 8 / 40 with the negotiation model as it was before issue 16
(main 2669c7e: PRF required, one default proposal, no DMVPN, initiator by name), 31 / 40 after;
the 9 others are the corpus test's listed exceptions (outputs captured at another stage than the
configs, a config edited by its author, a transient DELETE SA).
"""

from __future__ import annotations

import argparse
import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "real"
SA_COMMANDS = ("show_crypto_ikev2_sa", "show_crypto_ikev2_sa_detailed",
               "show_crypto_ikev2_session", "show_crypto_ikev2_session_detailed")
SUITE = ("encryption", "keysize", "prf", "hash", "dh_group", "auth_sign", "auth_verify")
TITLE = "real SAs predicted right"


@dataclass(frozen=True)
class RealSa:
    """One SA a real router showed."""

    group: str
    host: str  # the config's file stem (r61, msk-r15)
    local_address: str
    remote_address: str
    status: str
    suite: tuple[Any, ...]  # in SUITE order; prf None where the router did not print it
    sources: tuple[str, ...]  # the output files it was seen in

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.group, self.host, f"{self.local_address}->{self.remote_address}")


@dataclass(frozen=True)
class Verdict:
    sa: RealSa
    right: bool
    predicted: dict[str, Any] | None  # the closest predicted record (same addresses), if any


def _address(text: Any) -> str:
    try:
        return ipaddress.ip_address(str(text)).compressed
    except ValueError:
        return str(text).lower()


def _sa_records(spec: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for record in spec.get("records") or []:
        out += record.get("ike_sas") or ([] if "ike_sas" in record else [record])
    return out


def real_sas(group: Path, owners: dict[str, str]) -> list[RealSa]:
    """The measurable SAs of one folder. ``owners``: address -> config stem."""
    seen: dict[tuple[Any, ...], RealSa] = {}
    for yml in sorted(group.glob("*__*.yml")):
        host, _, rest = yml.stem.partition("__")
        command = rest.split("__")[0]
        if command not in SA_COMMANDS or not (group / f"{host}.cfg").is_file():
            continue
        spec = yaml.safe_load(yml.read_text(encoding="utf-8"))
        for record in _sa_records(spec):
            local, remote = _address(record["local_address"]), _address(record["remote_address"])
            if owners.get(remote) in (None, host):
                continue  # the peer's config is not in the corpus
            suite = tuple(record.get(name) for name in SUITE)
            key = (host, local, remote, record.get("status"), suite)
            before = seen.get(key)
            sources = (*(before.sources if before else ()), yml.name)
            seen[key] = RealSa(group.name, host, local, remote, str(record.get("status")),
                               suite, sources)
    return list(seen.values())


def predicted(group: Path) -> tuple[list[dict[str, Any]], dict[str, str], dict[str, str]]:
    """``flexorch predict``'s records for the folder's configs, the hostname of each config
    stem, and address -> config stem."""
    from flexorch.ios.negotiate import AddressIndex, predict_sessions
    from flexorch.predict_files import read_configs, session_records

    paths = sorted(group.glob("*.cfg"))
    files = read_configs([str(p) for p in paths])
    routers = {f.name: f.endpoint for f in files}
    names = {Path(f.path).stem: f.name for f in files}
    stems = {f.name: Path(f.path).stem for f in files}
    owners = {_address(addr): stems[name]
              for addr, name in AddressIndex.of(routers).owners.items()}
    return session_records(predict_sessions(routers), routers), names, owners


def _matches(sa: RealSa, record: dict[str, Any], hostname: str) -> bool:
    same_place = (record["local_host"] == hostname
                  and _address(record["local_address"]) == sa.local_address
                  and _address(record["remote_address"]) == sa.remote_address)
    if not same_place or record["status"] != sa.status:
        return False
    return all((want is None and name == "prf") or record.get(name) == want
               for name, want in zip(SUITE, sa.suite, strict=True))


def verdicts() -> list[Verdict]:
    out: list[Verdict] = []
    for group in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        if not any(group.glob("*.cfg")):
            continue
        records, names, owners = predicted(group)
        for sa in real_sas(group, owners):
            hostname = names[sa.host]
            right = any(_matches(sa, r, hostname) for r in records)
            close = next((r for r in records if r["local_host"] == hostname
                          and _address(r["local_address"]) == sa.local_address
                          and _address(r["remote_address"]) == sa.remote_address), None)
            out.append(Verdict(sa, right, close))
    return out


def measure() -> tuple[str, int, int]:
    found = verdicts()
    return TITLE, sum(v.right for v in found), len(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every SA")
    args = parser.parse_args()
    found = verdicts()
    if args.verbose:
        for v in found:
            got = "-" if v.predicted is None else (
                f"{v.predicted['status']} " + " ".join(str(v.predicted.get(n)) for n in SUITE))
            print(f"{'ok ' if v.right else 'BAD'} {'/'.join(v.sa.key)} {v.sa.status} "
                  f"{' '.join(map(str, v.sa.suite))}  predicted: {got}")
    right = sum(v.right for v in found)
    print(f"{TITLE}: {right} / {len(found)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
