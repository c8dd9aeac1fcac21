"""IOS-XE knowledge shared by render, lint, the lab, plan and drift.

``platform`` holds the tables (modes, grammar, negation, ordering, display rules, secrets);
``tree`` is the indentation tree of a config; ``model`` the typed FlexVPN view of a config;
``negotiate`` the IKEv2 negotiation model.
"""
