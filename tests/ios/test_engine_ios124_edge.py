"""Config mode and the model for an IOS 12.4 small-office edge router's lines: the classic IOS
firewall's per-protocol options, WCCP, the 12.4 ``ip sla monitor`` operations, the older
interface forms (``full-duplex``, ``max-reserved-bandwidth``, ATM ``bundle-enable``), the
interface ``no cdp log mismatch duplex`` and the globals of that train.

Every line is typed by hand from tests/fixtures/real/gh-mpenning-ciscoconfparse-ios124-edge/foo.cfg
(IOS 12.4) or the Cisco command reference named beside the grammar row.
"""

from __future__ import annotations

from flexorch.ios.config import apply_lines, show_running
from flexorch.ios.config.tree import ConfigTree
from flexorch.ios.model import RouterConfig
from tests.ios.test_engine_families import _shown, _tree


def test_cbac_inspect_rules_take_their_protocol_options() -> None:
    # foo.cfg lines 70-71: fragment inspection, HTTP with a Java applet list; the Security
    # Command Reference's RPC program numbers each a rule of their own.
    tree = _tree(["ip inspect name EXT_OUT fragment maximum 256 timeout 15",
                  "ip inspect name EXT_OUT http java-list 11 alert on audit-trail off",
                  "ip inspect name EXT_OUT rpc program-number 100003 wait-time 0",
                  "ip inspect name EXT_OUT rpc program-number 100005",
                  "ip inspect name EXT_OUT fragment maximum 250 timeout 15"])
    assert [line for line in _shown(tree) if line.startswith("ip inspect")] == [
        "ip inspect name EXT_OUT fragment maximum 250 timeout 15",
        "ip inspect name EXT_OUT http java-list 11 alert on audit-trail off",
        "ip inspect name EXT_OUT rpc program-number 100003 wait-time 0",
        "ip inspect name EXT_OUT rpc program-number 100005"]


def test_cbac_inspect_rule_refuses_a_java_list_out_of_range() -> None:
    # Java lists are standard ACLs, 1-99 (Security Command Reference, "ip inspect name").
    assert apply_lines(ConfigTree(), ["ip inspect name EXT_OUT http java-list 150"]) != []


def test_wccp_service_and_version_are_globals_and_the_redirect_an_interface_line() -> None:
    # foo.cfg lines 43-44, and the interface redirect of the IP Application Services Command
    # Reference ("ip wccp redirect").
    tree = _tree(["ip wccp version 1", "ip wccp web-cache redirect-list INTERNAL_NETWORKS",
                  "ip wccp 61 redirect-list WAAS password 0 secret",
                  "interface FastEthernet0/0", " ip wccp web-cache redirect out",
                  " ip wccp 61 redirect in"])
    shown = _shown(tree)
    assert "ip wccp version 1" in shown
    assert "ip wccp web-cache redirect-list INTERNAL_NETWORKS" in shown
    assert " ip wccp web-cache redirect out" in shown
    assert " ip wccp 61 redirect in" in shown
    # a second version line replaces the first
    tree2 = _tree(["ip wccp version 1", "ip wccp version 2"])
    assert [line for line in _shown(tree2) if line.startswith("ip wccp")] == ["ip wccp version 2"]


def test_ip_sla_monitor_operation_is_a_block_with_its_type_and_parameters() -> None:
    # foo.cfg lines 104-107 (IOS 12.4's form of IP SLA).
    tree = _tree(["ip sla monitor 8", " type echo protocol ipIcmpEcho 172.16.2.254",
                  " timeout 500", " frequency 2",
                  "ip sla monitor schedule 8 life forever start-time now"])
    shown = _shown(tree)
    start = shown.index("ip sla monitor 8")
    assert shown[start:start + 4] == ["ip sla monitor 8",
                                      " type echo protocol ipIcmpEcho 172.16.2.254",
                                      " timeout 500", " frequency 2"]
    assert "ip sla monitor schedule 8 life forever start-time now" in shown


def test_ip_sla_monitor_refuses_the_15x_operation_keywords() -> None:
    # ``icmp-echo`` is the ``ip sla`` (12.4T/15.x) form; the 12.4 operation types it ``type echo``.
    errors = apply_lines(ConfigTree(), ["ip sla monitor 8", " icmp-echo 172.16.2.254"])
    assert len(errors) == 1


def test_interface_no_cdp_log_mismatch_duplex_stays_in_the_interface() -> None:
    # foo.cfg FastEthernet0/0: the hold-queue lines after 'no cdp log mismatch duplex' are the
    # interface's (they were refused as global lines when the cdp line left the interface).
    tree = _tree(["interface FastEthernet0/0", " ip address 172.16.2.1 255.255.255.0",
                  " speed 100", " full-duplex", " no keepalive", " no cdp log mismatch duplex",
                  " hold-queue 100 in", " hold-queue 100 out"])
    section = show_running(tree, section="interface").splitlines()
    assert " no cdp log mismatch duplex" in section
    assert " hold-queue 100 in" in section and " hold-queue 100 out" in section
    assert "no cdp log mismatch duplex" not in _shown(tree)  # no global line came of it


def test_full_duplex_and_duplex_are_one_setting() -> None:
    # "full-duplex" (Interface and Hardware Component Command Reference) is the older form of
    # the duplex setting: the last one typed is the one kept.
    tree = _tree(["interface FastEthernet0/0", " duplex half", " full-duplex"])
    section = show_running(tree, section="interface").splitlines()
    assert " full-duplex" in section and " duplex half" not in section
    tree = _tree(["interface FastEthernet0/0", " full-duplex", " duplex auto"])
    section = show_running(tree, section="interface").splitlines()
    assert " duplex auto" in section and " full-duplex" not in section


def test_atm_and_dialer_edge_lines() -> None:
    # foo.cfg ATM0/0 and Dialer1.
    tree = _tree(["interface ATM0/0", " no ip address", " no atm ilmi-keepalive",
                  " bundle-enable", " dsl operating-mode auto", " max-reserved-bandwidth 100",
                  "interface Dialer1", " max-reserved-bandwidth 100"])
    section = show_running(tree, section="interface").splitlines()
    assert " bundle-enable" in section
    assert section.count(" max-reserved-bandwidth 100") == 2
    assert apply_lines(tree, ["interface Dialer1", " max-reserved-bandwidth 101"]) != []


def test_ios124_globals() -> None:
    # foo.cfg: each line on its own, as the 12.4 router prints it.
    lines = ["logging snmp-authfail", "spd headroom 65535",
             "no network-clock-participate slot 1", "no network-clock-participate wic 0",
             "ip cef accounting per-prefix load-balance-hash", "no ip dhcp use vrf connected",
             "no ipv6 source-route", "ip tcp queuemax 50", "ip ospf name-lookup"]
    shown = _shown(_tree(lines))
    for line in lines:
        assert line in shown, line


def test_network_clock_participate_forms_replace_each_other_per_slot() -> None:
    tree = _tree(["no network-clock-participate wic 0", "network-clock-participate wic 0",
                  "no network-clock-participate slot 1"])
    shown = [line for line in _shown(tree) if "network-clock" in line]
    assert sorted(shown) == ["network-clock-participate wic 0",
                             "no network-clock-participate slot 1"]


def test_line_logout_warning() -> None:
    # foo.cfg line vty 0 4.
    tree = _tree(["line vty 0 4", " exec-timeout 15 0", " logout-warning 30",
                  " transport input telnet ssh"])
    assert " logout-warning 30" in _shown(tree)


def test_the_model_reads_the_older_interface_forms_whole() -> None:
    text = "\n".join(["interface FastEthernet0/0", " ip address 172.16.2.1 255.255.255.0",
                      " full-duplex", " max-reserved-bandwidth 100", "!",
                      "interface ATM0/0", " no ip address", " bundle-enable", "!", "end", ""])
    assert RouterConfig.from_text(text).unread == ()
