"""A router's configuration as IOS holds it: the tree, config mode, show running-config, comparison.

Public surface: ``ConfigTree``/``Node`` (indentation tree of a config), ``ConfigSession`` and
``apply_lines`` (config mode: lines applied as IOS applies them), ``show_running`` (the tree printed
as ``show running-config`` prints it), ``normalize_config`` (the canonical comparison form), the
reference queries ``references_from``/``users_of`` and ``compare`` (the one comparison of a running
and an intended tree as typed changes: plan, drift and rollback are views of it). Depends on
``flexorch.ios.cli`` and ``flexorch.ios.facts``.
"""

from __future__ import annotations

from flexorch.ios.config.diff import (
    BlockDiff,
    Change,
    ConfigDiff,
    OrderedList,
    Reorder,
    compare,
    in_ordered_list,
    reorder,
    subtree,
)
from flexorch.ios.config.engine import (
    EXEC,
    ConfigSession,
    Result,
    apply_lines,
)
from flexorch.ios.config.normalize import (
    SECRET_MARK,
    configs_equivalent,
    normalize_config,
    normalized_text,
    secret_values,
)
from flexorch.ios.config.refs import (
    references_from,
    users_of,
)
from flexorch.ios.config.show import (
    child_rank,
    ordered_children,
    ordered_roots,
    private_lines,
    section_rank,
    show_running,
    sort_tree,
)
from flexorch.ios.config.tree import (
    ConfigTree,
    Node,
)

__all__ = [
    "EXEC",
    "SECRET_MARK",
    "BlockDiff",
    "Change",
    "ConfigDiff",
    "ConfigSession",
    "ConfigTree",
    "Node",
    "OrderedList",
    "Reorder",
    "Result",
    "apply_lines",
    "child_rank",
    "compare",
    "configs_equivalent",
    "in_ordered_list",
    "normalize_config",
    "normalized_text",
    "ordered_children",
    "ordered_roots",
    "private_lines",
    "references_from",
    "reorder",
    "secret_values",
    "section_rank",
    "show_running",
    "sort_tree",
    "subtree",
    "users_of",
]
