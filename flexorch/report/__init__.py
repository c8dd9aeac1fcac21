"""flexorch.report (see docs/ARCHITECTURE.md)."""
