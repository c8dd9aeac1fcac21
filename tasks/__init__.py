"""Nornir task functions, installed as ``flexorch.tasks``: one module per verb, thin, calling
pure functions in ``flexorch``."""
