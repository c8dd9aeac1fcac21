"""flexorch drift (see docs/drift.md)."""
