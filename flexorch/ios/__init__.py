"""IOS / IOS-XE knowledge shared by render, lint, the lab, plan, drift and verify.

Subpackages, lowest layer first (each imports only the ones before it; enforced by import-linter):

- ``facts``     — tables: interface names, secret lines, error strings, display rules, object kinds
  and references, ownership, algorithm facts and defaults, key formats;
- ``cli``       — the command line as data: modes, typed commands, the grammar of a line;
- ``config``    — a config as IOS holds it: tree, config-mode engine, ``show running-config``,
  normalisation for comparison;
- ``model``     — ``RouterConfig``, the typed FlexVPN view of a config;
- ``negotiate`` — the IKEv2 negotiation model over ``RouterConfig`` endpoints.

Each subpackage's public surface is its ``__init__``; modules never import another module's
private (underscore) names.
"""
