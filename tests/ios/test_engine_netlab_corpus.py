"""Config mode and show running-config for the classes the netlab-collected configs of
ipspace/netlab-examples brought (gh-ipspace-netlab-*: IOSv 15.6, CSR1000V 16.6, IOL 17.12).

Each case is typed by hand from the raw corpus text named in the test (or the Cisco command
reference named there), never produced by flexorch.
"""

from __future__ import annotations

from flexorch.ios.config import apply_lines, show_running
from flexorch.ios.config.tree import ConfigTree


def _taken(lines: list[str]) -> ConfigTree:
    tree = ConfigTree()
    assert apply_lines(tree, lines) == []
    return tree


def test_applets_printed_back_to_back_are_three_applets() -> None:
    # gh-ipspace-netlab-small-site-eem-applet-iosv156/gw.cfg: IOSv 15.6 prints its applets with
    # no '!' between them; 'event manager applet' after an applet's last action is no event
    # detector (EEM CR: "event timer", "event track"), so it opens the next applet.
    lines = ["event manager applet ENABLE-MGMT",
             " event timer countdown name REBOOT time 5",
             ' action 0 cli command "enable"',
             "event manager applet ISP_A_down",
             " event track 100 state down",
             ' action 1.0 syslog msg "ping to 172.16.1.2 from GigabitEthernet 0/2 failed"',
             "event manager applet ISP_A_up",
             " event track 100 state up",
             ' action 1.0 syslog msg "172.16.1.2 is reachable"']
    tree = _taken(lines)
    assert show_running(tree, section="event manager").splitlines() == lines


def test_an_applet_takes_one_event_and_a_tagged_one_per_tag() -> None:
    # EEM CR, "event none" (no argument) and "event tag": an untagged event replaces the last.
    tree = _taken(["event manager applet A", " event none", " event timer watchdog time 60",
                   " event tag t1 syslog pattern \"UPDOWN\""])
    assert show_running(tree, section="event manager").splitlines() == [
        "event manager applet A", " event timer watchdog time 60",
        ' event tag t1 syslog pattern "UPDOWN"']
