"""Package-data marker: makes this folder importable as flexorch.inventory so installed copies are found."""
