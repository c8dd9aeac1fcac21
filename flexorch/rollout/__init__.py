"""flexorch.rollout (see docs/ARCHITECTURE.md)."""
