"""flexorch.history (see docs/ARCHITECTURE.md)."""
