"""Package-data marker: makes this folder importable as flexorch.playbooks so installed copies are found."""
