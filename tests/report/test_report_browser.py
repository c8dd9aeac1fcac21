"""The site report in a real headless Chromium (system packages), loaded from a file:// URL.

Checks the matrix renders and is displayed, the down tunnel is shown as down (text and style),
the JS filter works, nothing was fetched from the network, and saves a screenshot under
artifacts/ (gitignored) as the test artifact.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1300,1800",
)


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium driven by the system chromedriver (Selenium Manager never runs)."""
    for program in (CHROMIUM, CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            pytest.fail(f"{program} is missing: run scripts/system-deps.sh")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'chromium-profile'}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def requests_made(driver: Any) -> list[str]:
    """URLs of every request the page made, from Chrome's DevTools network log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


@pytest.mark.browser
def test_report_page_in_headless_chromium(
    site_db: tuple[str, dict[str, int]], tmp_path: Path, repo_root: Path, chromium: Any
) -> None:
    url, _ = site_db
    page = tmp_path / "hub1.html"
    made = subprocess.run(
        [sys.executable, "-m", "flexorch", "report", "--site", "hub1", "--html", str(page)],
        env={**os.environ, "FLEXORCH_DB": url}, capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr

    driver = chromium
    driver.get("about:blank")
    requests_made(driver)  # drain what the browser itself loaded at start-up (new-tab page)
    driver.get(page.as_uri())
    assert driver.title == "flexorch site report: hub1"

    matrix = driver.find_element(By.ID, "tunnel-matrix")
    assert matrix.is_displayed()
    headers = [th.text for th in matrix.find_elements(By.CSS_SELECTOR, "thead th")]
    assert headers[1:] == ["hub1-r1", "hub1-r2"]
    cells = matrix.find_elements(By.CSS_SELECTOR, "td.cell")
    assert len(cells) == 7 and all(c.is_displayed() for c in cells)
    assert matrix.find_element(By.CSS_SELECTOR, "td.cell").size["height"] > 20

    down = matrix.find_element(By.CSS_SELECTOR, 'td[data-row="spoke3"][data-col="hub1-r2"]')
    assert down.get_attribute("data-state") == "down"
    badge = down.find_element(By.CSS_SELECTOR, ".badge")
    assert badge.text == "\u2715 DOWN"
    # The stylesheet really applied (its CSP hash matched): red for down, green for READY.
    assert badge.value_of_css_property("color") == "rgba(180, 35, 24, 1)"
    up_badge = matrix.find_element(
        By.CSS_SELECTOR, 'td[data-row="spoke1"][data-col="hub1-r1"] .badge')
    assert up_badge.text == "\u2713 READY"
    assert up_badge.value_of_css_property("color") == "rgba(26, 127, 55, 1)"
    assert driver.find_element(By.ID, "down-count").text == "1"

    diagram = driver.find_element(By.ID, "site-diagram")
    assert diagram.is_displayed()
    assert len(diagram.find_elements(By.CSS_SELECTOR, "path.edge")) == 7
    assert len(diagram.find_elements(By.CSS_SELECTOR, "path.edge.down")) == 1

    # The script ran (CSP allowed it): the filter hides rows without problems.
    toggle = driver.find_element(By.ID, "only-problems")
    assert toggle.is_displayed()
    toggle.click()
    rows = {r.get_attribute("data-host"): r
            for r in matrix.find_elements(By.CSS_SELECTOR, "tbody tr")}
    assert not rows["spoke1"].is_displayed() and not rows["client1"].is_displayed()
    assert rows["spoke3"].is_displayed() and rows["spoke2"].is_displayed()
    toggle.click()
    assert rows["spoke1"].is_displayed()

    # Not a single network request: only the page itself, from disk.
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0
    requests = requests_made(driver)
    assert page.as_uri() in requests
    local = ("chrome:", "chrome-untrusted:", "devtools:", "about:")  # browser-internal pages
    assert [u for u in requests if u != page.as_uri() and not u.startswith(local)] == []
    severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []  # a CSP violation or script error would be logged here

    artifacts = repo_root / "artifacts" / "report"
    artifacts.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(1300, int(driver.execute_script(
        "return document.documentElement.scrollHeight")) + 40)
    assert driver.save_screenshot(str(artifacts / "site-hub1.png"))
    shutil.copy(page, artifacts / "site-hub1.html")
    assert (artifacts / "site-hub1.png").stat().st_size > 10_000


@pytest.mark.browser
@pytest.mark.parametrize("spokes", [300, 2000])
def test_big_site_in_headless_chromium(
    spokes: int, tmp_path: Path, repo_root: Path, chromium: Any
) -> None:
    """A generated site of one hub and ``spokes`` spokes (5 broken, 1 unreachable): the
    problems are on the first screen, only problem tiles show until the switch is turned off,
    the diagram is grouped; screenshot kept as a CI artifact."""
    from gen_history import seed_big

    from flexorch.history import open_store

    url = str(tmp_path / "big.sqlite3")
    with open_store(url) as store:
        site = seed_big(store, spokes=spokes)
    page = tmp_path / f"big-{spokes}.html"
    made = subprocess.run(
        [sys.executable, "-m", "flexorch", "report", "--site", site.site, "--html", str(page)],
        env={**os.environ, "FLEXORCH_DB": url}, capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stderr
    assert made.stdout.endswith(f"{spokes - 6} tunnels up, 4 down, 1 not as intended\n")

    driver = chromium
    driver.set_window_size(1300, 900)  # one laptop screen
    driver.get(page.as_uri())
    screen = driver.execute_script("return window.innerHeight")
    table = driver.find_element(By.ID, "problems-table")
    rows = {(r.get_attribute("data-host"), r.get_attribute("data-peer")): r
            for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")}
    for spoke, cause in site.broken.items():
        row = rows[(spoke, "hub")]
        assert row.is_displayed() and row.rect["y"] + row.rect["height"] <= screen, spoke
        assert cause in row.text
    unreachable = rows[(site.unreachable, "")]
    assert unreachable.rect["y"] + unreachable.rect["height"] <= screen
    assert "UNREACHABLE" in unreachable.text

    toggle = driver.find_element(By.ID, "only-problems")
    assert toggle.is_selected()  # a big site opens with only the problems shown
    tiles = driver.find_element(By.ID, "tunnel-tiles")
    shown = [t.get_attribute("data-host") for t in tiles.find_elements(By.CSS_SELECTOR, ".tile")
             if t.is_displayed()]
    assert sorted(shown) == sorted([*site.broken, site.unreachable])
    diagram = driver.find_element(By.ID, "site-diagram")
    assert diagram.is_displayed()
    assert len(diagram.find_elements(By.CSS_SELECTOR, "g.node.group")) == 1
    assert len(diagram.find_elements(By.CSS_SELECTOR, "g.node.problem")) == 6
    severe = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0

    artifacts = repo_root / "artifacts" / "report"
    artifacts.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(1300, int(driver.execute_script(
        "return document.documentElement.scrollHeight")) + 40)
    assert driver.save_screenshot(str(artifacts / f"site-big-{spokes}-problems.png"))
    toggle.click()
    assert tiles.find_element(By.CSS_SELECTOR, '.tile[data-host="s00001"]').is_displayed()
    driver.set_window_size(1300, 2400)
    assert driver.save_screenshot(str(artifacts / f"site-big-{spokes}-all.png"))
