"""`flexorch report --site S --html FILE`: the page's content, self-containment and exit codes."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from report_site_data import SITE_PSK

SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def flexorch(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FLEXORCH_DB": db}
    return subprocess.run([sys.executable, "-m", "flexorch", *args], capture_output=True,
                          text=True, env=env, timeout=60, check=False)


class Page(HTMLParser):
    """Collects tags/attributes, matrix cells' text and the inline style and script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.cells: dict[tuple[str, str], tuple[str, str]] = {}  # (row, col) -> (state, text)
        self.blocks: dict[str, str] = {}  # "style"/"script" -> content
        self._cell: tuple[str, str, str] | None = None
        self._text: list[str] = []
        self._block: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "td" and a.get("data-row"):
            self._cell = (a["data-row"] or "", a["data-col"] or "", a["data-state"] or "")
            self._text = []
        if tag in ("style", "script"):
            self._block = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell:
            row, col, state = self._cell
            self.cells[(row, col)] = (state, " ".join("".join(self._text).split()))
            self._cell = None
        if tag in ("style", "script"):
            self._block = None

    def handle_data(self, data: str) -> None:
        if self._cell:
            self._text.append(data)
        if self._block:
            self.blocks[self._block] = self.blocks.get(self._block, "") + data


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_report_command_writes_the_site_page(
    site_db: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    url, ids = site_db
    out = tmp_path / "hub1.html"
    result = flexorch(url, "report", "--site", "hub1", "--html", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out}: site hub1, 5 tunnels up, 1 down, 1 not as intended\n"
    html = out.read_text(encoding="utf-8")
    page = Page()
    page.feed(html)

    # Matrix: 7 tunnels, as written by hand in conftest.
    assert {k: v[0] for k, v in page.cells.items()} == {
        ("client1", "hub1-r1"): "up",
        ("spoke1", "hub1-r1"): "up", ("spoke1", "hub1-r2"): "up",
        ("spoke2", "hub1-r1"): "mismatch", ("spoke2", "hub1-r2"): "up",
        ("spoke3", "hub1-r1"): "up", ("spoke3", "hub1-r2"): "down",
    }
    _, text = page.cells[("spoke3", "hub1-r2")]
    assert text.startswith("\u2715 DOWN Tunnel2 \u00b7 DELETED")
    assert "spoke3: status: expected READY, observed DELETED" in text
    assert "hub1-r2: peer: expected present, observed (none)" in text
    _, text = page.cells[("spoke2", "hub1-r1")]
    assert text.startswith("! MISMATCH Tunnel1 fragmentation none SGT enabled")
    _, text = page.cells[("spoke1", "hub1-r2")]
    assert text.startswith("\u2713 READY Tunnel2 fragmentation ietf SGT enabled")

    # Runs and drift details are on the page.
    assert f"Run {ids['rollout']} (rollout) by ops" in html
    assert "gate failed: Tunnel2 to hub1-r2 not READY; configuration reverted" in html
    assert ('<details class="drift-host" id="drift-spoke2" data-host="spoke2" data-problem="1" '
            "open>") in html
    assert "<td class=\"mono\">crypto ikev2 profile FLEX-PROFILE</td>" in html
    assert html.count('class="edge down"') == 1 and html.count('class="edge mismatch"') == 1

    # No secret, even though the rollout sent a PSK line.
    assert SITE_PSK not in html
    assert "  pre-shared-key ******" in html


def test_page_is_self_contained(site_db: tuple[str, dict[str, int]], tmp_path: Path) -> None:
    url, _ = site_db
    out = tmp_path / "hub1.html"
    assert flexorch(url, "report", "-s", "hub1", "--html", str(out)).returncode == 0
    html = out.read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    # Nothing that could load a resource.
    loading = {"link", "img", "iframe", "object", "embed", "audio", "video", "source", "base"}
    assert [t for t, _ in page.tags if t in loading] == []
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or href.startswith("#"), (tag, href)
    assert re.findall(r"https?://[^\s\"'<>]+", html) == [SVG_NAMESPACE]  # a namespace, not a URL
    assert "@import" not in html and "url(" not in html
    # The CSP forbids every load and allows exactly this page's style and script.
    (csp,) = [a["content"] for t, a in page.tags
              if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp is not None
    policy = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["style-src"] == sha256_source(page.blocks["style"])
    assert policy["script-src"] == sha256_source(page.blocks["script"])


def test_report_exit_codes(site_db: tuple[str, dict[str, int]], tmp_path: Path) -> None:
    url, _ = site_db
    unknown = flexorch(url, "report", "--site", "hub9", "--html", str(tmp_path / "x.html"))
    assert unknown.returncode == 2
    assert unknown.stderr.startswith(
        "flexorch: error: no finished rollout, drift or verify run of site 'hub9'")
    assert not (tmp_path / "x.html").exists()
    nowhere = flexorch(url, "report", "--site", "hub1", "--html", str(tmp_path / "no" / "x.html"))
    assert nowhere.returncode == 2
    assert nowhere.stderr == (
        f"flexorch: error: --html {tmp_path}/no/x.html: folder {tmp_path}/no does not exist\n")
    missing = flexorch(url, "report", "--html", str(tmp_path / "x.html"))
    assert missing.returncode == 2 and "Missing option '--site'" in missing.stderr
