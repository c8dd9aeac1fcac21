"""flexorch.plan (see docs/ARCHITECTURE.md)."""
