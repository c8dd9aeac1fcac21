"""flexorch: fleet orchestrator for Cisco FlexVPN.

Arrows point one way: CLI -> workflows -> tasks -> pure core. Nothing in the core imports the CLI,
and heavy libraries (nornir, netmiko, textfsm, asyncssh) are imported lazily so
``flexorch --help`` stays fast.
"""

__version__ = "0.1.0"
