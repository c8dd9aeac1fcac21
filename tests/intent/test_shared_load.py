"""Loading shares what is equal (issue 15): group blocks validated once, defaults and field
sets one object each, a big hosts.yaml parsed in pieces. Each shortcut is held equal here to
the plain way it replaces: whole-model validation, ``model_construct``, PyYAML's constructor
on the whole document (value, or error and line).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from flexorch.errors import InventoryError
from flexorch.intent import load_fleet, yamlload
from flexorch.intent.host import HostIntent
from flexorch.intent.ikev2 import KeyringPeer, RemoteIdentity
from flexorch.intent.loader import read_inventory, resolution_order
from flexorch.intent.shared import build, copy_with
from flexorch.intent.validate import ATTR_KEYS, HostValidator
from flexorch.secrets import SecretRef
from tests.bench.gen_fleet import generate

EXAMPLE = Path(__file__).resolve().parents[2] / "inventory"


def _merged_whole(folder: Path, name: str) -> HostIntent:
    """Host ``name`` the plain way: Nornir's merge (the first of host, groups depth first,
    defaults that sets a key), then ``HostIntent.model_validate`` on the merged raw values."""
    raw = read_inventory(folder)
    order = resolution_order(raw.hosts[name], raw)
    values: dict[str, Any] = {"name": name, "hostname": name,
                              "groups": raw.hosts[name].parents}
    for source in reversed(order):  # later sources first: the first one that sets it wins
        values.update({k: v for k, v in source.attrs.items() if k in ATTR_KEYS and v is not None})
        values.update({k: v for k, v in source.data.items() if k != "secrets"})
    return HostIntent.model_validate(values)


@pytest.mark.parametrize("folder", ["example", "generated"])
def test_hosts_validated_key_by_key_equal_whole_model_validation(
        folder: str, tmp_path: Path) -> None:
    path = EXAMPLE if folder == "example" else generate(tmp_path / "fleet", 7, 2)
    validator = HostValidator(read_inventory(path))
    for name in read_inventory(path).hosts:
        fast = validator.validate(name)
        whole = _merged_whole(path, name)
        assert fast == whole, name
        assert fast.model_fields_set == whole.model_fields_set, name


def test_spokes_share_group_blocks_defaults_and_field_sets(tmp_path: Path) -> None:
    fleet = load_fleet(generate(tmp_path / "fleet", 6))
    one, two = fleet.hosts["s00001"], fleet.hosts["s00002"]
    assert one.ikev2_proposals is two.ikev2_proposals  # from group base, validated once
    assert one.ipsec_profiles is two.ipsec_profiles  # from group spokes
    assert one.routes is two.routes  # a default neither sets: one empty list
    assert one.__pydantic_fields_set__ is two.__pydantic_fields_set__
    # each spoke's profile names the hub by one shared RemoteIdentity (the hub's identity)
    remote_one = one.ikev2_profiles["FLEX"].match.identity_remote
    assert remote_one is two.ikev2_profiles["FLEX"].match.identity_remote
    assert remote_one == [RemoteIdentity(type="fqdn", value="hub.bench.example")]
    # and the hub's keyring has one peer per spoke, each with that spoke's own key
    peers = fleet.hosts["hub"].ikev2_keyrings["FLEX_KEYS"].peers
    assert peers["s00002"].pre_shared_key == SecretRef(env="FLEXORCH_PSK_S00002")


def test_origins_of_a_shared_chain_say_where_each_key_is_written(tmp_path: Path) -> None:
    fleet = load_fleet(generate(tmp_path / "fleet", 3))
    origins = fleet.sources["s00001"]
    assert origins["tunnels"].kind == "host"
    assert (origins["ipsec_profiles"].kind, origins["ipsec_profiles"].name) == ("group", "spokes")
    assert (origins["flexvpn"].kind, origins["flexvpn"].name) == ("group", "base")
    assert origins["credentials"].kind == "defaults"
    assert "lint" not in origins and origins.get("lint") is None
    assert list(origins)[:3] == ["hostname", "port", "platform"]
    assert fleet.origin("s00001", "role") == f"{tmp_path / 'fleet' / 'groups.yaml'} (group spokes)"


def test_construct_is_model_construct() -> None:
    psk = SecretRef(env="K")
    peer = build(KeyringPeer, identities=[], pre_shared_key=psk)
    plain = KeyringPeer.model_construct(identities=[], pre_shared_key=psk)
    assert peer == plain
    assert peer.__dict__ == plain.__dict__ and list(peer.__dict__) == list(plain.__dict__)
    assert peer.model_fields_set == plain.model_fields_set == {"identities", "pre_shared_key"}
    assert (peer.__pydantic_extra__, peer.__pydantic_private__) == (None, None)
    copied = copy_with(peer, description="x")
    assert copied == peer.model_copy(update={"description": "x"})
    assert copied.model_fields_set == {"identities", "pre_shared_key", "description"}
    assert peer.model_fields_set == {"identities", "pre_shared_key"}  # not changed by the copy
    # one set object per distinct set of given fields, whichever way the model was made
    again = build(KeyringPeer, description="y", pre_shared_key=psk, identities=[])
    assert again.__pydantic_fields_set__ is copied.__pydantic_fields_set__
    assert copy_with(copied, description="z").__pydantic_fields_set__ \
        is copied.__pydantic_fields_set__


def _same_as_pyyaml(text: str) -> None:
    """``yamlload.load`` gives PyYAML's value, or PyYAML's error (message and line)."""
    try:
        expected = yaml.load(text, Loader=yamlload.Loader)
    except yaml.YAMLError as exc:
        with pytest.raises(yaml.YAMLError) as got:
            yamlload.load(text)
        assert str(got.value) == str(exc)
        return
    assert yamlload.load(text) == expected


KEYS = "".join(f"h{n}:\n  port: {n}\n  data: {{site: s, tags: [a, '{n}', 1.5, yes, ~]}}\n"
               for n in range(7))
DOCUMENTS = {
    "plain": KEYS,
    "comments and blank lines": "# hosts\n\n" + KEYS.replace("h3:", "# third\n\nh3:"),
    "quoted scalar across a cut": KEYS + 'h7: "one\nh8: two"\nh9: 1\n',
    "flow mapping across a cut": KEYS + "h7: {a: 1,\nh8: 2}\nh9: 1\n",
    "key given twice in two pieces": KEYS + "h0: {}\n",
    "key given twice in one piece": "a: 1\na: 2\n" + KEYS,
    "syntax error in a later piece": KEYS + "h7: [1\n",
    "sequence value in column 0": KEYS + "h7:\n- a\n- b\nh8: 1\n",
    "explicit keys": KEYS + "? h7\n: 1\n? h8\n: 2\n",
    "merge key": KEYS + "h7: {<<: {a: 1}, b: 2}\n",
    "explicit tag": KEYS + "h7: !!set {a, b}\n",
    "crlf": KEYS.replace("\n", "\r\n"),
    "document start": "---\n" + KEYS,
    "two documents": KEYS + "---\nh9: 1\n",
    "indented top level": "".join(f"  {line}\n" for line in KEYS.splitlines()),
    "aliases": "base: &b {x: 1}\n" + KEYS + "h7: *b\n",
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pieces_load_as_pyyaml_loads_the_whole_document(
        name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlload, "PIECE_BYTES", 0)
    monkeypatch.setattr(yamlload, "PIECE_KEYS", 2)  # a cut before every second key
    _same_as_pyyaml(DOCUMENTS[name])


def test_scalars_are_built_once_and_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlload, "PIECE_BYTES", 0)
    monkeypatch.setattr(yamlload, "PIECE_KEYS", 2)
    value = yamlload.load(KEYS)
    assert value["h0"]["data"]["site"] is value["h6"]["data"]["site"]  # across pieces
    assert value["h0"]["data"]["tags"] is not value["h1"]["data"]["tags"]  # lists are not


BOUNDED = {
    "block mapping": ("a: 1\nb:\n  c: 2\n# note\nd: [1,\n 2]\n", 3),
    "quoted keys, comment at the top": ("# hosts\n'a': 1\n\"b\": {x: 1}\n", 2),
    "crlf": ("a: 1\r\nb: 2\r\n", 2),
}
UNBOUNDED = {
    "flow mapping on one line": "{a: 1, b: 2, c: 3}\n",
    "content after ---": "--- {a: 1, b: 2}\n",
    "indented top level": "  a: 1\n  b: 2\n",
    "anchored flow mapping": "&x {a: 1, b: 2}\n",
    "tagged top level": "!!map {a: 1, b: 2}\n",
    "carriage returns alone": "a: 1\rb: 2\rc: 3\r",
    "unicode line separator": "a: 1\u2028b: 2\n",
}


@pytest.mark.parametrize("name", BOUNDED)
def test_column_zero_lines_bound_the_top_level_keys(name: str) -> None:
    text, keys = BOUNDED[name]
    bound = yamlload.top_keys_bound(text)
    assert bound is not None and bound >= keys == yamlload.count_top_keys(text, 100)


@pytest.mark.parametrize("name", UNBOUNDED)
def test_no_bound_where_keys_need_not_start_a_line(name: str) -> None:
    assert yamlload.top_keys_bound(UNBOUNDED[name]) is None


def test_a_hosts_file_of_one_flow_mapping_is_counted_and_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = generate(tmp_path / "fleet", 1)
    spokes = ", ".join(f"s{n}: {{port: {n}, groups: [spokes]}}" for n in range(40000))
    (folder / "hosts.yaml").write_text("{" + spokes + "}\n", encoding="utf-8")
    assert (folder / "hosts.yaml").stat().st_size > 1 << 20  # a file that is counted first
    monkeypatch.setenv("FLEXORCH_MAX_HOSTS", "30000")
    with pytest.raises(InventoryError, match="more than 30,000 hosts"):
        load_fleet(folder)
