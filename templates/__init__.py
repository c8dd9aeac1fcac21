"""Package-data marker: makes this folder importable as flexorch.templates so installed copies are found."""
