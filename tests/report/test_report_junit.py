"""JUnit XML: parsed back with xml.etree, counts and attributes checked by hand."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from flexorch.history import HostRecord
from flexorch.report.junit import JUnitCase, cases_from_records, check_case, to_junit
from flexorch.secrets import SecretRef


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


def test_counts_attributes_and_failure_text() -> None:
    cases = [
        JUnitCase("spoke1", "Tunnel1 status", time_s=0.25),
        JUnitCase("spoke1", "Tunnel1 fragmentation", "failure",
                  message="expected ietf, observed none", detail="expected: ietf\nobserved: none"),
        JUnitCase("spoke2", "connect", "error", message="unreachable", failure_type="unreachable"),
        JUnitCase("spoke3", "Tunnel1 sgt", "skipped", message="no SGT on this tunnel"),
    ]
    root = parse(to_junit("flexorch verify hub1", cases,
                          timestamp=datetime(2024, 5, 1, 10, 0, tzinfo=UTC), hostname="ci-1"))
    assert root.tag == "testsuites"
    assert root.attrib == {"name": "flexorch verify hub1", "tests": "4", "failures": "1",
                           "errors": "1", "skipped": "1", "time": "0.250"}
    (suite,) = root
    assert suite.tag == "testsuite"
    assert suite.attrib["timestamp"] == "2024-05-01T10:00:00"
    assert suite.attrib["hostname"] == "ci-1"
    assert [suite.attrib[k] for k in ("tests", "failures", "errors")] == ["4", "1", "1"]
    testcases = suite.findall("testcase")
    assert [(c.attrib["classname"], c.attrib["name"]) for c in testcases] == [
        ("spoke1", "Tunnel1 status"), ("spoke1", "Tunnel1 fragmentation"),
        ("spoke2", "connect"), ("spoke3", "Tunnel1 sgt")]
    assert testcases[0].attrib["time"] == "0.250" and list(testcases[0]) == []
    failure = testcases[1].find("failure")
    assert failure is not None
    assert failure.attrib == {"message": "expected ietf, observed none", "type": "mismatch"}
    assert failure.text == "expected: ietf\nobserved: none"
    error = testcases[2].find("error")
    assert error is not None and error.attrib["type"] == "unreachable"
    skipped = testcases[3].find("skipped")
    assert skipped is not None and skipped.attrib == {"message": "no SGT on this tunnel"}


def test_special_characters_and_control_codes_stay_valid_xml() -> None:
    case = JUnitCase('hub<1>&"r1"', "Tunnel1 status", "failure",
                     message="expected READY, observed \x1b[31mDELETED\x1b[0m",
                     detail="line with \x00 nul and ]]> end")
    root = parse(to_junit("s & <t>", [case]))
    assert root.attrib["name"] == "s & <t>"
    tc = root.find("testsuite/testcase")
    assert tc is not None and tc.attrib["classname"] == 'hub<1>&"r1"'
    failure = tc.find("failure")
    assert failure is not None
    assert failure.attrib["message"] == "expected READY, observed \ufffd[31mDELETED\ufffd[0m"
    assert failure.text == "line with \ufffd nul and ]]> end"


def test_secrets_are_masked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEXORCH_TEST_JUNIT_PSK", "Jn9-junit-secret-value")
    psk = SecretRef(env="FLEXORCH_TEST_JUNIT_PSK").resolve()
    case = JUnitCase("h", "keyring", "failure", message=f"got {psk}",
                     detail=f"  pre-shared-key {psk}\n  pre-shared-key Other99x")
    text = to_junit("drift", [case])
    assert psk not in text and "Other99x" not in text
    failure = parse(text).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.attrib["message"] == "got ******"


def test_verify_records_give_one_case_per_host_and_check() -> None:
    records = [
        HostRecord(host="spoke1", step="done", status="failed", verification=[
            {"tunnel": "Tunnel1", "peer": "hub1-r1", "check": "status", "expected": "READY",
             "observed": "READY", "ok": True},
            {"tunnel": "Tunnel1", "peer": "hub1-r1", "check": "fragmentation",
             "expected": "ietf", "observed": None, "ok": False},
        ]),
        HostRecord(host="spoke2", step="connect", status="unreachable",
                   message="TCP connection refused"),
    ]
    cases = cases_from_records(records)
    assert [(c.classname, c.name, c.verdict) for c in cases] == [
        ("spoke1", "Tunnel1 status (peer hub1-r1)", "passed"),
        ("spoke1", "Tunnel1 fragmentation (peer hub1-r1)", "failure"),
        ("spoke2", "connect", "error"),
    ]
    assert cases[1].message == "expected ietf, observed (none)"
    assert cases[2].message == "TCP connection refused"
    assert cases[2].detail == "unreachable at step connect: TCP connection refused"
    root = parse(to_junit("verify", cases))
    assert (root.attrib["tests"], root.attrib["failures"], root.attrib["errors"]) == ("3", "1", "1")


def test_drift_records_give_a_case_per_section_and_passing_cases_when_clean() -> None:
    records = [
        HostRecord(host="spoke1", step="done", status="clean"),
        HostRecord(host="spoke2", step="done", status="drift", drift=[
            {"kind": "config", "section": "crypto ikev2 profile FLEX",
             "line": " dpd 10 2 on-demand", "change": "missing"},
            {"kind": "config", "section": "crypto ikev2 profile FLEX", "line": " lifetime 3600",
             "change": "extra"},
            {"kind": "config", "section": "interface Tunnel1", "line": " ip mtu 1500",
             "change": "changed", "detail": "intended: ip mtu 1400"},
        ]),
    ]
    cases = cases_from_records(records, drift=True)
    assert [(c.classname, c.name, c.verdict) for c in cases] == [
        ("spoke1", "config drift", "passed"),
        ("spoke1", "operational drift", "passed"),
        ("spoke2", "config drift: crypto ikev2 profile FLEX", "failure"),
        ("spoke2", "config drift: interface Tunnel1", "failure"),
        ("spoke2", "operational drift", "passed"),
    ]
    assert cases[2].message == "2 differences in crypto ikev2 profile FLEX"
    assert cases[2].detail == "- missing: dpd 10 2 on-demand\n+ extra: lifetime 3600"
    assert cases[3].detail == "~ changed: ip mtu 1500 (intended: ip mtu 1400)"
    root = parse(to_junit("drift", cases))
    assert (root.attrib["tests"], root.attrib["failures"]) == ("5", "2")


def test_check_case_accepts_plain_dicts() -> None:
    case = check_case("hub", {"tunnel": "Virtual-Access1", "check": "sgt", "expected": "enabled",
                              "observed": "disabled", "ok": False})
    assert (case.name, case.verdict, case.message) == (
        "Virtual-Access1 sgt", "failure", "expected enabled, observed disabled")
