"""Config-level rules (FV302) on IOS config text, and that the fleet stage applies them."""

from __future__ import annotations

from flexorch.ios.model import RouterConfig
from flexorch.lint import lint_config

PROFILE = """\
crypto ikev2 profile FLEX
 match identity remote any
 authentication remote pre-share
 authentication local pre-share
 virtual-template 1
"""


def test_virtual_template_without_type_tunnel_is_an_error() -> None:
    # The guide: "All virtual-template interfaces in FlexVPN are declared as type tunnel".
    text = PROFILE + "interface Virtual-Template1\n ip unnumbered Loopback0\n"
    found = lint_config("hub", RouterConfig.from_text(text))
    assert [(f.rule, f.severity, f.host, f.path) for f in found] == [
        ("FV302", "error", "hub", "virtual_templates.Virtual-Template1.type")
    ]
    assert "used by IKEv2 profile FLEX" in found[0].message
    assert "interface Virtual-Template1 type tunnel" in found[0].message


def test_virtual_template_of_another_type_is_an_error() -> None:
    text = "interface Virtual-Template7 type serial\n ip unnumbered Loopback0\n"
    found = lint_config("r1", RouterConfig.from_text(text))
    assert [(f.rule, f.path) for f in found] == [
        ("FV302", "virtual_templates.Virtual-Template7.type")
    ]
    assert "used by" not in found[0].message  # no profile names it


def test_virtual_template_type_tunnel_passes() -> None:
    # The guide's own example.
    text = PROFILE + (
        "interface virtual-template1 type tunnel\n ip unnumbered g1\n ipv6 unnumbered g1\n"
        " tunnel protection ipsec profile default\n"
    )
    assert lint_config("hub", RouterConfig.from_text(text)) == []
