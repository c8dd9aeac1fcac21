"""flexorch.lab (see docs/ARCHITECTURE.md)."""
