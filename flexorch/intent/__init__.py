"""flexorch.intent (see docs/ARCHITECTURE.md)."""
