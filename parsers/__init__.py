"""Package-data marker: makes this folder importable as flexorch.parsers so installed copies are found."""
