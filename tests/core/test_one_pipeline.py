"""One prediction pipeline and one address index (issue 9): lint, plan, the rollout gate, verify and
drift predict through ``flexorch.predict``; only it (for a fleet), the offline ``flexorch predict``
and the lab (its own routers) turn configs into negotiation endpoints, and every address ->
router lookup is ``ios.negotiate.AddressIndex``. A new copy of the pipeline fails here."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "flexorch"
# Who may build endpoints and negotiate a set of routers, and why.
ALLOWED = {
    "predict.py": "the fleet pipeline itself",
    "predict_files.py": "flexorch predict: config files, no inventory",
    "cli/cmd_predict.py": "flexorch predict's command",
    "lab/crypto.py": "the lab negotiates its own routers' running configs",
}
PATTERNS = {
    "builds endpoints": re.compile(r"\bEndpoint\("),
    "negotiates a fleet": re.compile(r"\bpredict_sessions\("),
    "defines expected_tunnels": re.compile(r"\bdef expected_tunnels\b"),
}


def _sources() -> dict[str, str]:
    return {str(p.relative_to(PACKAGE)): p.read_text(encoding="utf-8")
            for p in PACKAGE.rglob("*.py") if "ios/negotiate" not in p.as_posix()}


def test_only_the_pipeline_builds_and_negotiates() -> None:
    offenders = [f"{name}: {what}" for name, text in _sources().items()
                 for what, pattern in PATTERNS.items()
                 if pattern.search(text) and name not in ALLOWED]
    assert offenders == []
    assert "def expected_tunnels" in (PACKAGE / "predict.py").read_text(encoding="utf-8")


def test_no_other_address_to_router_index() -> None:
    # The old copies: lint's _owners over the intent, the lab's owners dict, the fleet's own.
    # (RouterConfig.address_owners is another thing: one router's address -> its interface.)
    copies = [name for name, text in _sources().items()
              if re.search(r"owners\.setdefault\(", text) and not name.startswith("ios/model")]
    assert copies == []
