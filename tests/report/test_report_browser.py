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
