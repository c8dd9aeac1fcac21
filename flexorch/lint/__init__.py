"""flexorch.lint (see docs/ARCHITECTURE.md)."""
