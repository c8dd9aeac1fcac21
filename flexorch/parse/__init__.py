"""flexorch.parse (see docs/ARCHITECTURE.md)."""
